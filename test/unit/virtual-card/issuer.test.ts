import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { authenticateIssuer, dataOf, hex, issuerKeyPair, readCertificate, sampleFacts, selectAp, selectEf, send, stateWithPins, swOf, toHex, verifyPin, VirtualCardEngine, writeFile } from '../../support/virtual-card';

const serial = sampleFacts().serial;
const issuer = issuerKeyPair();
let tempDir: string;

beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-issuer-'));
});
afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

/** A self-signed certificate for `keyPem` (openssl), as DER. */
function certificateFor(keyPem: string, name: string): Uint8Array {
  const keyFile = path.join(tempDir, `${name}.key`);
  const certFile = path.join(tempDir, `${name}.der`);
  fs.writeFileSync(keyFile, keyPem);
  const out = spawnSync('openssl', ['req', '-new', '-x509', '-key', keyFile, '-subj', `/C=JP/CN=${name}`, '-days', '2', '-outform', 'DER', '-out', certFile], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return new Uint8Array(fs.readFileSync(certFile));
}

function engineWithIssuer(): VirtualCardEngine {
  return VirtualCardEngine.fromState(stateWithPins(issuer.publicPem));
}

describe('issuer authentication', () => {
  test('issuer commands refuse with 6982 before authentication', () => {
    const engine = engineWithIssuer();
    selectAp(engine, 'jpki');
    expect(swOf(send(engine, '00478000020017'))).toBe('6982');
    selectEf(engine, '0018');
    expect(swOf(send(engine, '002C028004 31323334'))).toBe('6982');
    selectEf(engine, '000A');
    expect(swOf(send(engine, '00D6000002 3082'))).toBe('6982');
  });

  test('a trusted key authenticates; an untrusted one gets 6300; a challenge is single-use', () => {
    const engine = engineWithIssuer();
    selectAp(engine, 'jpki');
    expect(authenticateIssuer(engine, serial, issuerKeyPair().privateKey)).toBe('6300');
    expect(swOf(send(engine, '0082000140' + '00'.repeat(64)))).toBe('6985');
    expect(authenticateIssuer(engine, serial, issuer.privateKey)).toBe('9000');
    selectEf(engine, '0018');
    expect(swOf(send(engine, '002C028004 35353535'))).toBe('9000');
  });

  test('the signature covers the card serial', () => {
    const engine = engineWithIssuer();
    selectAp(engine, 'jpki');
    expect(authenticateIssuer(engine, '999999999999999', issuer.privateKey)).toBe('6300');
  });

  test('keys passed as options are trusted too; the state list can be empty', () => {
    const state = stateWithPins(issuer.publicPem);
    state.trustedIssuerKeys = [];
    const engine = VirtualCardEngine.fromState(state, { issuerPublicKeys: [createPublicKey(issuer.privateKey)] });
    selectAp(engine, 'jpki');
    expect(authenticateIssuer(engine, serial, issuer.privateKey)).toBe('9000');
    const untrusting = VirtualCardEngine.fromState(state);
    selectAp(untrusting, 'jpki');
    expect(authenticateIssuer(untrusting, serial, issuer.privateKey)).toBe('6300');
  });

  test('AP re-select and power events clear issuer state', () => {
    const engine = engineWithIssuer();
    selectAp(engine, 'jpki');
    authenticateIssuer(engine, serial, issuer.privateKey);
    selectAp(engine, 'jpki');
    expect(swOf(send(engine, '00478000020017'))).toBe('6982');
    authenticateIssuer(engine, serial, issuer.privateKey);
    engine.powerOff();
    engine.powerOn();
    selectAp(engine, 'jpki');
    expect(swOf(send(engine, '00478000020017'))).toBe('6982');
  });
});

describe('RESET RETRY COUNTER', () => {
  test.each([
    ['0018', '4321', '9000'],
    ['0018', '43210', '6A80'],
    ['001B', 'NEWSIGN9', '9000'],
    ['001B', 'newsign9', '6A80'],
    ['0017', '4321', '6981'],
  ])('on %s with %s → %s', (fid, pin, sw) => {
    const state = stateWithPins(issuer.publicPem);
    state.pins.auth.triesLeft = 0;
    state.pins.sign.triesLeft = 0;
    const engine = VirtualCardEngine.fromState(state);
    selectAp(engine, 'jpki');
    authenticateIssuer(engine, serial, issuer.privateKey);
    selectEf(engine, fid);
    const data = Buffer.from(pin, 'latin1');
    expect(swOf(engine.process(Buffer.concat([hex(`002C0280${data.length.toString(16).padStart(2, '0')}`), data])))).toBe(sw);
    if (sw === '9000') {
      const id = fid === '0018' ? 'auth' : 'sign';
      expect(engine.snapshot().pins[id]).toEqual({ value: pin, triesLeft: id === 'auth' ? 3 : 5 });
      expect(verifyPin(engine, pin)).toBe('9000');
    }
  });
});

describe('key generation and certificate writing', () => {
  test('generate, write the matching certificate in chunks, read it back as OpenSC would', () => {
    const engine = engineWithIssuer();
    const changes: number[] = [];
    engine.onPersistentChange = () => changes.push(1);
    selectAp(engine, 'jpki');
    expect(authenticateIssuer(engine, serial, issuer.privateKey)).toBe('9000');
    const generated = send(engine, '00478000020017');
    expect(swOf(generated)).toBe('9000');
    const template = Buffer.from(dataOf(generated));
    expect(template.subarray(0, 9).toString('hex')).toBe('7f49820109818201' + '00');
    const modulus = template.subarray(9, 9 + 256);
    expect(template.subarray(9 + 256).toString('hex')).toBe('8203010001');

    const keyPem = engine.snapshot().keys.auth;
    expect(keyPem).not.toBeNull();
    const jwk = createPublicKey(keyPem ?? '').export({ format: 'jwk' });
    expect(Buffer.from(jwk.n ?? '', 'base64url').equals(modulus)).toBe(true);

    const der = certificateFor(keyPem ?? '', 'auth-ee');
    selectEf(engine, '000A');
    const sws = writeFile(engine, der, 200);
    expect(sws.every((sw) => sw === '9000')).toBe(true);
    expect(engine.snapshot().files.authCert.complete).toBe(true);
    selectEf(engine, '0008');
    expect(toHex(send(engine, '00B0000003'))).toBe('008F009000');

    selectAp(engine, 'jpki');
    selectEf(engine, '000A');
    const read = readCertificate(engine);
    expect(read.sw).toBe('9000');
    expect(toHex(read.der)).toBe(toHex(der));
    expect(changes.length).toBe(1 + sws.length);
  });

  test('a certificate for another key is refused with 6A80 and the slot stays incomplete', () => {
    const engine = engineWithIssuer();
    selectAp(engine, 'jpki');
    authenticateIssuer(engine, serial, issuer.privateKey);
    expect(swOf(send(engine, '0047800002001A'))).toBe('9000');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    selectEf(engine, '0001');
    const sws = writeFile(engine, certificateFor(other, 'wrong-key'));
    expect(sws.at(-1)).toBe('6A80');
    expect(engine.snapshot().files.signCert.complete).toBe(false);
    selectEf(engine, '0018');
    selectEf(engine, '001B');
    verifyPin(engine, 'ABC123');
    selectEf(engine, '0001');
    expect(swOf(send(engine, '00B0000004'))).toBe('6B00');
  });

  test('an EE certificate cannot be written before its key exists; a CA certificate can', () => {
    const engine = engineWithIssuer();
    selectAp(engine, 'jpki');
    authenticateIssuer(engine, serial, issuer.privateKey);
    const ca = certificateFor(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), 'ca');
    selectEf(engine, '000A');
    expect(writeFile(engine, ca)[0]).toBe('6985');
    selectEf(engine, '000B');
    expect(writeFile(engine, ca).every((sw) => sw === '9000')).toBe(true);
    expect(readCertificate(engine).der.length).toBe(ca.length);
  });

  test('regenerating a key erases that slot certificate only', () => {
    const engine = engineWithIssuer();
    selectAp(engine, 'jpki');
    authenticateIssuer(engine, serial, issuer.privateKey);
    send(engine, '00478000020017');
    selectEf(engine, '000A');
    writeFile(engine, certificateFor(engine.snapshot().keys.auth ?? '', 'first'));
    expect(engine.snapshot().files.authCert.complete).toBe(true);
    expect(swOf(send(engine, '00478000020017'))).toBe('9000');
    expect(engine.snapshot().files.authCert).toEqual({ data: '', complete: false });
  });

  test('writes must not leave a gap, and the file size is bounded', () => {
    const engine = engineWithIssuer();
    selectAp(engine, 'jpki');
    authenticateIssuer(engine, serial, issuer.privateKey);
    selectEf(engine, '000B');
    expect(swOf(send(engine, '00D6000002 3082'))).toBe('9000');
    expect(swOf(send(engine, '00D6001002 0000'))).toBe('6B00');
    expect(swOf(send(engine, '00D60FFF02 0000'))).toBe('6B00');
    selectEf(engine, '0006');
    expect(swOf(send(engine, '00D6000002 3082'))).toBe('6981');
  });
});

describe('reading a public key back (GENERATE ASYMMETRIC KEY PAIR, P1=81)', () => {
  test('returns the same 7F49 template as generation, without issuer authentication; 6A88 before any key', () => {
    const engine = engineWithIssuer();
    selectAp(engine, 'jpki');
    expect(swOf(send(engine, '00478100020017'))).toBe('6A88');
    authenticateIssuer(engine, serial, issuer.privateKey);
    const generated = send(engine, '00478000020017');
    expect(swOf(generated)).toBe('9000');
    selectAp(engine, 'jpki'); // clears issuer state: reading needs none
    const read = send(engine, '00478100020017');
    expect(swOf(read)).toBe('9000');
    expect(toHex(dataOf(read))).toBe(toHex(dataOf(generated)));
    expect(swOf(send(engine, '0047810002001A'))).toBe('6A88');
    expect(swOf(send(engine, '00478100020099'))).toBe('6A80');
  });
});
