/**
 * The card client against the real virtual card logic (in-process, no pcscd).
 */
import { constants, createPublicKey, publicDecrypt, createHash, generateKeyPairSync } from 'node:crypto';
import { type CardModel } from '../../../src/card/card-model';
import { sha256DigestInfo } from '../../../src/card/jpki-ap';
import { issuerSignerFromPem } from '../../../src/card/issuer';
import { isCardError } from '../../../src/card/errors';
import { ascii, blankState, directCard, facts, issuerKey, personaliseWith, testCa, type TestCa } from './support';

const issuer = issuerKey();
let ca: TestCa;

beforeAll(() => {
  ca = testCa();
});
afterAll(() => ca.dispose());

function personalise(card: CardModel, pins = { sign: 'ABC123', auth: '1234' }) {
  return personaliseWith(card, issuer, ca, pins);
}

describe('card facts and PIN status', () => {
  it('reads serial, municipality code, card expiry and type', async () => {
    const { card } = directCard(blankState(issuer));
    const read = await card.readCardFacts();
    expect(read).toMatchObject({ serial: facts.serial, municipalityCode: '21213', cardExpiry: '2035-02-17', cardType: 'myNumberCard', tokenLabel: 'JPKIAPICCTOKEN2' });
  });

  it('reads the tries left of all three PINs without spending any', async () => {
    const { card } = directCard(blankState(issuer));
    await personalise(card);
    const first = await card.readPinStatus();
    const second = await card.readPinStatus();
    expect(first).toEqual({
      sign: { triesLeft: 5, maxTries: 5, isBlocked: false },
      auth: { triesLeft: 3, maxTries: 3, isBlocked: false },
      cardInfo: { triesLeft: 3, maxTries: 3, isBlocked: false },
    });
    expect(second).toEqual(first);
  });
});

describe('certificates', () => {
  it('reads what the issuer wrote, byte for byte, with as few APDUs as possible', async () => {
    const { card, transport } = directCard(blankState(issuer));
    const written = await personalise(card);
    await card.reset();
    const before = transport.count;
    const certs = await card.readCertificates();
    const used = transport.count - before;
    expect(certs.sign).toEqual({ state: 'pinRequired' });
    expect(certs.auth.state).toBe('present');
    if (certs.auth.state !== 'present' || certs.authCa.state !== 'present') throw new Error('unreachable');
    expect(Buffer.from(certs.auth.certificate.der).equals(Buffer.from(written.authCert))).toBe(true);
    expect(certs.auth.certificate.subject).toBe('C=JP, CN=AUTH0001');
    expect(Buffer.from(certs.auth.certificate.spki).equals(Buffer.from(written.authSpki))).toBe(true);
    expect(certs.authCa.certificate.subject).toContain('O=JPKI-TEST');
    // SELECT AP + per certificate (SELECT EF + ceil(size / 256) reads) + the refused sign read
    // and the flags EF that says it exists.
    const reads = (n: number) => Math.ceil(n / 256);
    expect(used).toBe(1 + (1 + reads(written.authCert.length)) + 2 + 2 + 2 * (1 + reads(ca.certDer.length)));
  });

  it('reads the signing certificate once its PIN is verified', async () => {
    const { card } = directCard(blankState(issuer));
    const written = await personalise(card);
    await card.reset();
    await card.verifyPin('sign', ascii('ABC123'));
    const certs = await card.readCertificates(['sign']);
    expect(certs.sign.state === 'present' && Buffer.from(certs.sign.certificate.der).equals(Buffer.from(written.signCert))).toBe(true);
    expect(certs.sign.state === 'present' && certs.sign.certificate.subject).toBe('C=JP, L=Gifu, L=Kakamigahara-shi, CN=SIGN0001');
  });

  it('reports empty EFs of a blank card as absent, the PIN-protected one through EF 0008', async () => {
    const { card } = directCard(blankState(issuer));
    const certs = await card.readCertificates();
    expect(certs.auth).toEqual({ state: 'absent' });
    expect(certs.sign).toEqual({ state: 'absent' });
    expect(certs.authCa).toEqual({ state: 'absent' });
  });
});

describe('PINs (R-LOCK-1)', () => {
  it('VERIFY right resets the counter; wrong decrements it with WrongPinError', async () => {
    const { card } = directCard(blankState(issuer));
    await personalise(card);
    await expect(card.verifyPin('auth', ascii('9999'))).rejects.toMatchObject({ code: 'CARD_WRONG_PIN', details: { triesLeft: 2 } });
    expect((await card.readPinStatus()).auth.triesLeft).toBe(2);
    await card.verifyPin('auth', ascii('1234'));
    expect((await card.readPinStatus()).auth.triesLeft).toBe(3);
  });

  it.each([
    ['sign', 5, 'ZZZ999'],
    ['auth', 3, '0000'],
  ] as const)('%s locks after %i wrong tries and answers 6984 afterwards', async (kind, max, wrong) => {
    const { card } = directCard(blankState(issuer));
    await personalise(card);
    for (let i = max - 1; i >= 0; i--) {
      const error = await card.verifyPin(kind, ascii(wrong)).catch((e: unknown) => e);
      expect(error).toEqual(expect.objectContaining({ code: 'CARD_WRONG_PIN' }));
      expect(isCardError(error, 'CARD_WRONG_PIN') && error.details.triesLeft).toBe(i);
    }
    const status = await card.readPinStatus();
    expect(status[kind]).toEqual({ triesLeft: 0, maxTries: max, isBlocked: true });
    const right = kind === 'sign' ? 'ABC123' : '1234';
    await expect(card.verifyPin(kind, ascii(right))).rejects.toEqual(expect.objectContaining({ code: 'CARD_PIN_BLOCKED' }));
    // The issuer resets it (R-LOCK-2).
    await card.authenticateIssuer(issuer.signer);
    await card.setPin(kind, ascii(right));
    await card.verifyPin(kind, ascii(right));
  });

  it('reads the public key of a key pair already on the card, the same one generation returned', async () => {
    const { card } = directCard(blankState(issuer));
    await card.authenticateIssuer(issuer.signer);
    const generated = await card.generateKey('sign');
    // Another session (another terminal) sees the same key without the issuer's authentication.
    await card.reset();
    expect(Buffer.from(await card.readPublicKey('sign')).equals(Buffer.from(generated))).toBe(true);
  });

  it('changes a PIN after verifying the old one', async () => {
    const { card } = directCard(blankState(issuer));
    await personalise(card);
    await card.changePin('auth', ascii('1234'), ascii('5678'));
    await card.reset();
    await expect(card.verifyPin('auth', ascii('1234'))).rejects.toEqual(expect.objectContaining({ code: 'CARD_WRONG_PIN' }));
    await card.verifyPin('auth', ascii('5678'));
  });

  it('reads the basic 4 information and the individual number with the card-info PIN', async () => {
    const { card } = directCard(blankState(issuer));
    expect(await card.readBasicInfo(ascii('1234'))).toEqual(facts.basicInfo);
    expect(await card.readIndividualNumber(ascii('1234'))).toBe(facts.individualNumber);
    await expect(card.readBasicInfo(ascii('0000'))).rejects.toMatchObject({ code: 'CARD_WRONG_PIN', details: { triesLeft: 2 } });
  });
});

describe('signatures', () => {
  it.each(['sign', 'auth'] as const)('%s key signs a SHA-256 DigestInfo that verifies against its certificate key', async (kind) => {
    const { card } = directCard(blankState(issuer));
    const written = await personalise(card);
    const digestInfo = sha256DigestInfo(createHash('sha256').update('counter receipt').digest());
    await expect(card.sign(kind, digestInfo)).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
    await card.verifyPin(kind, ascii(kind === 'sign' ? 'ABC123' : '1234'));
    const signature = await card.sign(kind, digestInfo);
    expect(signature.length).toBe(256);
    const key = createPublicKey({ key: Buffer.from(kind === 'sign' ? written.signSpki : written.authSpki), format: 'der', type: 'spki' });
    expect(Buffer.from(publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature)).equals(Buffer.from(digestInfo))).toBe(true);
  });
});

describe('issuer operations', () => {
  it('refuses every issuer command without issuer authentication (6982)', async () => {
    const { card } = directCard(blankState(issuer));
    await expect(card.generateKey('auth')).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
    await expect(card.setPin('auth', ascii('1234'))).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
    await expect(card.writeCertificate('authCa', ca.certDer)).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
  });

  it('refuses a wrong issuer key (6300) and stays unauthenticated', async () => {
    const { card } = directCard(blankState(issuer));
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await expect(card.authenticateIssuer(issuerSignerFromPem(other))).rejects.toEqual(expect.objectContaining({ code: 'CARD_AUTHENTICATION_FAILED' }));
    await expect(card.generateKey('auth')).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
  });

  it('issuer state ends on reset', async () => {
    const { card } = directCard(blankState(issuer));
    await card.authenticateIssuer(issuer.signer);
    await card.reset();
    await expect(card.generateKey('auth')).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
  });

  it('refuses a certificate for another key (6A80) and keeps the slot empty', async () => {
    const { card } = directCard(blankState(issuer));
    await card.authenticateIssuer(issuer.signer);
    await card.generateKey('auth');
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'der', type: 'spki' });
    await expect(card.writeCertificate('auth', ca.issue(new Uint8Array(stranger), '/C=JP/CN=X'))).rejects.toEqual(expect.objectContaining({ code: 'CARD_WRONG_DATA' }));
    expect((await card.readCertificates(['auth'])).auth).toEqual({ state: 'absent' });
  });

  it('a new key pair erases the old certificate in its slot', async () => {
    const { card } = directCard(blankState(issuer));
    await personalise(card);
    await card.authenticateIssuer(issuer.signer);
    await card.generateKey('auth');
    expect((await card.readCertificates(['auth'])).auth).toEqual({ state: 'absent' });
  });

  it('refuses a PIN format the card does not accept (6A80)', async () => {
    const { card } = directCard(blankState(issuer));
    await card.authenticateIssuer(issuer.signer);
    await expect(card.setPin('auth', ascii('12345'))).rejects.toEqual(expect.objectContaining({ code: 'CARD_WRONG_DATA' }));
    await expect(card.setPin('sign', ascii('abc123'))).rejects.toEqual(expect.objectContaining({ code: 'CARD_WRONG_DATA' }));
  });
});

describe('PINs stay out of errors (docs/design.md §7)', () => {
  it('no error message or property carries the PIN that was sent', async () => {
    const { card } = directCard(blankState(issuer));
    await personalise(card);
    const errors: unknown[] = [];
    errors.push(await card.verifyPin('sign', ascii('QWERTY789')).catch((e: unknown) => e));
    errors.push(await card.verifyPin('auth', ascii('8642')).catch((e: unknown) => e));
    errors.push(await card.readBasicInfo(ascii('7531')).catch((e: unknown) => e));
    errors.push(await card.changePin('auth', ascii('9753'), ascii('1111')).catch((e: unknown) => e));
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
      for (const pin of ['QWERTY789', '8642', '7531', '9753', '1111']) expect(text).not.toContain(pin);
    }
  });
});
