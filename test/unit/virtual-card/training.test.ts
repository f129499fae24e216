import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCardFile } from '../../../src/virtual-card/card-file';
import { loadResidents, trainingCases, trainingDir } from '../../../src/virtual-card/training';
import { authenticateIssuer, readCertificate, selectAp, selectEf, send, swOf, verifyPin, VirtualCardEngine } from '../../support/virtual-card';

const dir = trainingDir();
const doc = loadResidents(dir);

test('every training case is covered and every item is marked training', () => {
  expect(doc.training).toBe(true);
  expect(new Set(doc.residents.map((r) => r.case))).toEqual(new Set(trainingCases));
  expect(doc.residents.length).toBeGreaterThanOrEqual(12);
  for (const kind of ['sign', 'auth']) {
    const ca = new X509Certificate(fs.readFileSync(path.join(dir, 'ca', `${kind}-ca-cert.pem`)));
    expect(ca.subject).toContain('O=JPKI-TRAINING');
    expect(ca.ca).toBe(true);
  }
});

test.each(doc.residents.map((r) => [r.id, r] as const))('card of %s matches its resident entry', (_id, r) => {
  const state = loadCardFile(path.join(dir, r.cardFile));
  expect(state.training).toBe(true);
  expect(state.serial).toBe(r.facts.cardSerial);
  expect(state.cardType).toBe(r.facts.cardType);
  expect(state.municipalityCode).toBe(r.facts.municipalityCode);
  expect(state.basicInfo).toEqual({ name: r.facts.name, address: r.facts.address, birthDate: r.facts.birthDate, sex: r.facts.sex });
  expect(state.pins.cardInfo.value).toBe(r.pins.cardInfo);
  expect(state.pins.auth.value).toBe(r.pins.auth);
  expect(state.pins.sign.value).toBe(r.pins.sign);
  expect(state.pins.sign.triesLeft).toBe(r.case === 'signPinLocked' ? 0 : 5);
  expect(state.pins.auth.triesLeft).toBe(r.case === 'authPinLocked' ? 0 : 3);
  expect(state.pins.cardInfo.triesLeft).toBe(r.case === 'cardInfoPinLocked' ? 0 : 3);
});

test('the certified card holds certificates for its own keys, issued by the training CAs', () => {
  const r = doc.residents.find((x) => x.case === 'certified');
  if (r === undefined || r.pins.sign === null || r.pins.auth === null) throw new Error('no certified resident');
  const engine = VirtualCardEngine.fromState(loadCardFile(path.join(dir, r.cardFile)));
  const state = engine.snapshot();
  selectAp(engine, 'jpki');
  selectEf(engine, '001B');
  expect(verifyPin(engine, r.pins.sign)).toBe('9000');
  for (const [fid, caFile, slot] of [['0001', 'sign', 'sign'], ['000A', 'auth', 'auth']] as const) {
    selectEf(engine, fid);
    const { sw, der } = readCertificate(engine);
    expect(sw).toBe('9000');
    const cert = new X509Certificate(der);
    const ca = new X509Certificate(fs.readFileSync(path.join(dir, 'ca', `${caFile}-ca-cert.pem`)));
    expect(cert.verify(ca.publicKey)).toBe(true);
    const keyPem = state.keys[slot];
    expect(keyPem).not.toBeNull();
    expect(cert.publicKey.export({ format: 'der', type: 'spki' }).equals(createPublicKey(keyPem ?? '').export({ format: 'der', type: 'spki' }))).toBe(true);
  }
  selectEf(engine, '0008');
  expect(Buffer.from(send(engine, '00B0000003')).toString('hex')).toBe('8f8f009000');
});

test('training cards trust the shipped issuer key', () => {
  const key = createPrivateKey(fs.readFileSync(path.join(dir, 'issuer', 'issuer-key.pem')));
  const r = doc.residents[0];
  if (r === undefined) throw new Error('no residents');
  const engine = VirtualCardEngine.fromState(loadCardFile(path.join(dir, r.cardFile)));
  selectAp(engine, 'jpki');
  expect(authenticateIssuer(engine, r.facts.cardSerial, key)).toBe('9000');
  expect(swOf(send(engine, '00A4020C020018'))).toBe('9000');
});
