/**
 * The card client through real pcscd + vpcd + the virtual card: facts, PINs, signatures,
 * issuer operations, and a card pulled out in the middle of a read or a write.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardModel } from '../../../src/card/card-model';
import { isCardError } from '../../../src/card/errors';
import { issuerSignerFromPem } from '../../../src/card/issuer';
import { sha256DigestInfo } from '../../../src/card/jpki-ap';
import { loadCardFile, saveCardFile } from '../../../src/virtual-card/card-file';
import { PcscContext, type ReaderEvent } from '../../../src/card/pcsc-transport';
import { ensurePcscd, insertVirtualCard, type PcscdHandle } from '../../support/pcscd';
import { ascii, blankState, facts, issuerKey } from '../../unit/card/support';
import { asyncTestCa, cardOnReader, type AsyncTestCa, type CardOnReader } from './support';

/** ensurePcscd may wait up to 300 s for another run's vpcd lock. */
const lockWaitMs = 330_000;
jest.setTimeout(120_000);

const issuer = issuerKey();
let pcscd: PcscdHandle;
let ca: AsyncTestCa;
let current: CardOnReader | undefined;

beforeAll(async () => {
  pcscd = await ensurePcscd();
  ca = await asyncTestCa();
}, lockWaitMs);

afterEach(async () => {
  await current?.dispose();
  current = undefined;
});

afterAll(async () => {
  await ca?.dispose();
  await pcscd?.release();
});

async function personalise(card: CardModel) {
  await card.authenticateIssuer(issuer.signer);
  const signSpki = await card.generateKey('sign');
  const authSpki = await card.generateKey('auth');
  await card.setPin('sign', ascii('ABC123'));
  await card.setPin('auth', ascii('1234'));
  const signCert = await ca.issue(signSpki, '/C=JP/L=Gifu/CN=SIGNIT01');
  const authCert = await ca.issue(authSpki, '/C=JP/CN=AUTHIT01');
  await card.writeCertificate('sign', signCert);
  await card.writeCertificate('auth', authCert);
  await card.writeCertificate('signCa', ca.certDer);
  await card.writeCertificate('authCa', ca.certDer);
  return { signCert, authCert };
}

describe('through pcscd', () => {
  it('reads facts, PIN status and the certificates our issuer commands wrote', async () => {
    current = await cardOnReader(0, blankState(issuer));
    const { card } = current;
    const written = await personalise(card);
    await card.reset();
    expect(await card.readCardFacts()).toMatchObject({ serial: facts.serial, municipalityCode: '21213', cardExpiry: '2035-02-17', cardType: 'myNumberCard' });
    expect(await card.readPinStatus()).toEqual({
      sign: { triesLeft: 5, maxTries: 5, isBlocked: false },
      auth: { triesLeft: 3, maxTries: 3, isBlocked: false },
      cardInfo: { triesLeft: 3, maxTries: 3, isBlocked: false },
    });
    const certs = await card.readCertificates();
    expect(certs.sign.state).toBe('pinRequired');
    expect(certs.auth.state === 'present' && Buffer.from(certs.auth.certificate.der).equals(Buffer.from(written.authCert))).toBe(true);
    await card.verifyPin('sign', ascii('ABC123'));
    const signRead = await card.readCertificates(['sign']);
    expect(signRead.sign.state === 'present' && Buffer.from(signRead.sign.certificate.der).equals(Buffer.from(written.signCert))).toBe(true);
    expect(await card.readBasicInfo(ascii('1234'))).toEqual(facts.basicInfo);
  });

  it('VERIFY right and wrong; locks at 5 (sign) and 3 (auth), then 6984', async () => {
    current = await cardOnReader(0, blankState(issuer));
    const { card } = current;
    await personalise(card);
    await expect(card.verifyPin('auth', ascii('0000'))).rejects.toMatchObject({ code: 'CARD_WRONG_PIN', details: { triesLeft: 2 } });
    await card.verifyPin('auth', ascii('1234'));
    expect((await card.readPinStatus()).auth.triesLeft).toBe(3);
    for (const [kind, max, wrong] of [['sign', 5, 'WRONG1'], ['auth', 3, '9999']] as const) {
      for (let left = max - 1; left >= 0; left--) {
        const error = await card.verifyPin(kind, ascii(wrong)).catch((e: unknown) => e);
        expect(isCardError(error, 'CARD_WRONG_PIN') && error.details.triesLeft).toBe(left);
      }
      expect((await card.readPinStatus())[kind]).toEqual({ triesLeft: 0, maxTries: max, isBlocked: true });
      await expect(card.verifyPin(kind, ascii(kind === 'sign' ? 'ABC123' : '1234'))).rejects.toEqual(expect.objectContaining({ code: 'CARD_PIN_BLOCKED' }));
    }
  });

  it.each(['sign', 'auth'] as const)('signs a digest with the %s key; openssl verifies it against the card certificate', async (kind) => {
    current = await cardOnReader(0, blankState(issuer));
    const { card } = current;
    const written = await personalise(card);
    const data = new Uint8Array(Buffer.from(`申請書 ${kind}`, 'utf8'));
    const digestInfo = sha256DigestInfo(createHash('sha256').update(data).digest());
    await expect(card.sign(kind, digestInfo)).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
    await card.verifyPin(kind, ascii(kind === 'sign' ? 'ABC123' : '1234'));
    const signature = await card.sign(kind, digestInfo);
    expect(await ca.verifySignature(kind === 'sign' ? written.signCert : written.authCert, data, signature)).toBe(true);
  });

  it('refuses issuer commands without issuer authentication and with a wrong issuer key', async () => {
    current = await cardOnReader(0, blankState(issuer));
    const { card } = current;
    await expect(card.generateKey('sign')).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
    await expect(card.setPin('auth', ascii('1234'))).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
    await expect(card.writeCertificate('authCa', ca.certDer)).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await expect(card.authenticateIssuer(issuerSignerFromPem(stranger))).rejects.toEqual(expect.objectContaining({ code: 'CARD_AUTHENTICATION_FAILED' }));
    await expect(card.generateKey('auth')).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
  });
});

describe('reader events and reset', () => {
  it('reports insertion and removal to subscribers until they unsubscribe', async () => {
    const context = await PcscContext.open();
    try {
      const events: ReaderEvent[] = [];
      const unsubscribe = context.onReaderEvent((e) => events.push(e));
      expect(context.readers().map((r) => r.name)).toContain('Virtual PCD 00 00');
      const inserted = await insertVirtualCard(0, blankState(issuer));
      const info = await context.waitForCard(inserted.readerName, 10_000);
      expect(info.atr).toBe('3BDA13FF8131FB468012392F31C173C601C03B');
      await inserted.remove();
      const deadline = Date.now() + 5000;
      while (!events.some((e) => e.type === 'card-removed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(events.filter((e) => e.reader === inserted.readerName).map((e) => e.type)).toEqual(['card-inserted', 'card-removed']);
      unsubscribe();
      const again = await insertVirtualCard(0, blankState(issuer));
      await again.remove();
      expect(events.filter((e) => e.reader === inserted.readerName)).toHaveLength(2);
    } finally {
      await context.close();
    }
  });

  it('reset clears verified PINs and the connection keeps working', async () => {
    current = await cardOnReader(0, blankState(issuer));
    const { card } = current;
    await personalise(card);
    await card.verifyPin('auth', ascii('1234'));
    const digestInfo = sha256DigestInfo(createHash('sha256').update('x').digest());
    expect((await card.sign('auth', digestInfo)).length).toBe(256);
    await card.reset();
    await expect(card.sign('auth', digestInfo)).rejects.toEqual(expect.objectContaining({ code: 'CARD_SECURITY_STATUS' }));
    await card.verifyPin('auth', ascii('1234'));
    expect((await card.sign('auth', digestInfo)).length).toBe(256);
  });
});

describe('card pulled out', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'madoguchi-card-pull-'));
  });
  afterEach(async () => {
    // Out of the reader first: taking the card out saves its file into `dir` once more.
    await current?.dispose();
    current = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** Takes the card out when the engine sees the `nth` APDU whose INS is `ins`. */
  function pullOnApdu(on: CardOnReader, ins: number, nth: number): void {
    const engine = on.inserted.engine;
    const original = engine.process.bind(engine);
    let seen = 0;
    engine.process = (apdu: Uint8Array): Uint8Array => {
      if (apdu[1] === ins && ++seen === nth) void on.inserted.link.remove();
      return original(apdu);
    };
  }

  it('mid-read: CardRemovedError, and later calls fail the same way without hanging', async () => {
    const file = join(dir, 'card.json');
    saveCardFile(file, blankState(issuer));
    current = await cardOnReader(0, file);
    await personalise(current.card);
    await current.card.reset();
    pullOnApdu(current, 0xb0, 3);
    await expect(current.card.readCertificates()).rejects.toEqual(expect.objectContaining({ code: 'CARD_REMOVED' }));
    await expect(current.card.readPinStatus()).rejects.toEqual(expect.objectContaining({ code: 'CARD_REMOVED' }));
    await current.dispose();
    expect(loadCardFile(file).files.authCert.complete).toBe(true);
  });

  it('mid-write: CardRemovedError; the card file stays valid and the slot incomplete', async () => {
    const file = join(dir, 'card.json');
    saveCardFile(file, blankState(issuer));
    current = await cardOnReader(0, file);
    const { card } = current;
    await card.authenticateIssuer(issuer.signer);
    const spki = await card.generateKey('auth');
    const cert = await ca.issue(spki, '/C=JP/CN=PULLED01');
    pullOnApdu(current, 0xd6, 2);
    await expect(card.writeCertificate('auth', cert)).rejects.toEqual(expect.objectContaining({ code: 'CARD_REMOVED' }));
    await current.dispose();
    const state = loadCardFile(file);
    expect(state.files.authCert.complete).toBe(false);
    expect(state.keys.auth).not.toBeNull();

    // Back in the reader: the slot reads as empty and the issuer can finish the write.
    current = await cardOnReader(0, file);
    expect((await current.card.readCertificates(['auth'])).auth).toEqual({ state: 'absent' });
    await current.card.authenticateIssuer(issuer.signer);
    await current.card.writeCertificate('auth', cert);
    const again = await current.card.readCertificates(['auth']);
    expect(again.auth.state === 'present' && Buffer.from(again.auth.certificate.der).equals(Buffer.from(cert))).toBe(true);
  });
});
