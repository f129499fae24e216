/**
 * The scoped issuer authentication (EXTERNAL AUTHENTICATE P2=02, src/virtual-card/README.md):
 * a grant of one PIN reset opens that one command on that one PIN, once, and nothing else; the
 * full issuer session (P2=01, counter issuance) is unchanged.
 */
import { sign, type KeyObject } from 'node:crypto';
import { resetGrantMessage } from '../../../src/card/issuer';
import type { CertificateKind } from '../../../src/domain/vocabulary';
import { authenticateIssuer, dataOf, hex, issuerKeyPair, sampleFacts, selectAp, selectEf, send, stateWithPins, swOf, VirtualCardEngine } from '../../support/virtual-card';

const serial = sampleFacts().serial;
const issuer = issuerKeyPair();
const pinEf: Record<CertificateKind, string> = { sign: '001B', auth: '0018' };

function engine(): VirtualCardEngine {
  const card = VirtualCardEngine.fromState(stateWithPins(issuer.publicPem));
  selectAp(card, 'jpki');
  return card;
}

/** What the CA answers for a reset of `kind`'s PIN on this card's current challenge. */
function grantSignature(card: VirtualCardEngine, kind: CertificateKind, key: KeyObject = issuer.privateKey, cardSerial = serial): Buffer {
  const challenge = dataOf(send(card, '0084000008'));
  return sign('sha256', resetGrantMessage(challenge, cardSerial, kind), { key, dsaEncoding: 'ieee-p1363' });
}

/** EXTERNAL AUTHENTICATE with P2 and a data field of `prefix` ‖ signature. */
function present(card: VirtualCardEngine, p2: number, prefix: string, signature: Uint8Array): string {
  const data = Buffer.concat([hex(prefix), signature]);
  return swOf(card.process(Buffer.concat([Uint8Array.of(0x00, 0x82, 0x00, p2, data.length), data])));
}

const resetPin = (card: VirtualCardEngine, kind: CertificateKind, pin: string) => {
  selectEf(card, pinEf[kind]);
  return swOf(send(card, `002C0280${Buffer.from(pin).length.toString(16).padStart(2, '0')}${Buffer.from(pin).toString('hex')}`));
};
const generateSignKey = (card: VirtualCardEngine) => swOf(send(card, '0047800002001A'));
const verify = (card: VirtualCardEngine, kind: CertificateKind, pin: string) => {
  selectEf(card, pinEf[kind]);
  return swOf(send(card, `00200080${Buffer.from(pin).length.toString(16).padStart(2, '0')}${Buffer.from(pin).toString('hex')}`));
};

test('a grant for the auth PIN: that one reset, once; not the signing password, not a key, not a certificate', () => {
  const card = engine();
  expect(present(card, 0x02, '2C0018', grantSignature(card, 'auth'))).toBe('9000');
  expect(resetPin(card, 'auth', '4321')).toBe('9000');
  // Spent: a second reset, and any other issuer command, needs a new authorisation.
  expect(resetPin(card, 'auth', '5678')).toBe('6982');
  expect(resetPin(card, 'sign', 'STOLEN99')).toBe('6982');
  expect(generateSignKey(card)).toBe('6982');
  expect(verify(card, 'auth', '4321')).toBe('9000');
  expect(verify(card, 'sign', 'ABC123')).toBe('9000');
});

test('the grant is spent by whatever issuer command comes next: another command first loses it', () => {
  for (const misuse of [(c: VirtualCardEngine) => generateSignKey(c), (c: VirtualCardEngine) => resetPin(c, 'sign', 'STOLEN99')]) {
    const card = engine();
    expect(present(card, 0x02, '2C0018', grantSignature(card, 'auth'))).toBe('9000');
    expect(misuse(card)).toBe('6982');
    expect(resetPin(card, 'auth', '4321')).toBe('6982');
    expect(verify(card, 'sign', 'ABC123')).toBe('9000');
  }
});

test('the grant the CA signed cannot be presented as another: not as the issuer session, not for the other PIN', () => {
  const asSession = engine();
  expect(present(asSession, 0x01, '', grantSignature(asSession, 'auth'))).toBe('6300');
  expect(resetPin(asSession, 'auth', '4321')).toBe('6982');
  expect(generateSignKey(asSession)).toBe('6982');
  const otherPin = engine();
  expect(present(otherPin, 0x02, '2C001B', grantSignature(otherPin, 'auth'))).toBe('6300');
  expect(resetPin(otherPin, 'sign', 'STOLEN99')).toBe('6982');
  // Nor a session signature as a grant.
  const card = engine();
  const challenge = dataOf(send(card, '0084000008'));
  const session = sign('sha256', Buffer.concat([challenge, Buffer.from(serial, 'latin1')]), { key: issuer.privateKey, dsaEncoding: 'ieee-p1363' });
  expect(present(card, 0x02, '2C0018', session)).toBe('6300');
});

test('a grant names only a JPKI PIN reset; another card, an untrusted key or no challenge are refused', () => {
  const card = engine();
  // GENERATE KEY (47) or another EF cannot be granted.
  expect(present(card, 0x02, '47001A', grantSignature(card, 'auth'))).toBe('6A80');
  expect(present(card, 0x02, '2C000A', grantSignature(card, 'auth'))).toBe('6A80');
  expect(present(card, 0x02, '2C0018', grantSignature(card, 'auth', issuerKeyPair().privateKey))).toBe('6300');
  expect(present(card, 0x02, '2C0018', grantSignature(card, 'auth', issuer.privateKey, '999999999999999'))).toBe('6300');
  expect(present(card, 0x02, '2C0018', Buffer.alloc(64))).toBe('6985');
  expect(present(card, 0x03, '2C0018', grantSignature(card, 'auth'))).toBe('6A86');
  // A re-selection between the challenge and the grant forgets the challenge.
  const signature = grantSignature(card, 'sign');
  selectAp(card, 'jpki');
  expect(present(card, 0x02, '2C001B', signature)).toBe('6985');
});

test('counter issuance keeps its issuer session: key, PIN and more after one EXTERNAL AUTHENTICATE P2=01', () => {
  const card = engine();
  expect(authenticateIssuer(card, serial, issuer.privateKey)).toBe('9000');
  expect(generateSignKey(card)).toBe('9000');
  expect(resetPin(card, 'sign', 'NEWPASS1')).toBe('9000');
  expect(resetPin(card, 'auth', '9999')).toBe('9000');
});
