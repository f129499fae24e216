/**
 * Shared fixtures for the card client tests: a blank virtual card that trusts a fresh issuer
 * key, and a throwaway CA (openssl in a temp dir) that certifies keys the card generates.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCardState, type CardState } from '../../../src/virtual-card/card-state';
import { VirtualCardEngine } from '../../../src/virtual-card/engine';
import { CardModel } from '../../../src/card/card-model';
import { CountingTransport } from '../../../src/card/transport';
import { DirectTransport } from '../../../src/card/direct-transport';
import { issuerSignerFromPem, type IssuerSigner } from '../../../src/card/issuer';

export const facts = {
  serial: '123456789012345',
  municipalityCode: '21213',
  cardExpiry: '20350217',
  individualNumber: '123456789018',
  basicInfo: { name: '各務原　花子', address: '岐阜県各務原市那加桜町１丁目１番地', birthDate: '1980-02-17', sex: '2' as const },
  cardInfoPin: '1234',
  training: true,
};

export interface IssuerKey {
  readonly privateKey: KeyObject;
  readonly publicPem: string;
  readonly signer: IssuerSigner;
}

export function issuerKey(): IssuerKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { privateKey, publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), signer: issuerSignerFromPem(pem) };
}

export function blankState(issuer: IssuerKey, overrides: Partial<typeof facts> = {}): CardState {
  return createCardState({ ...facts, ...overrides, trustedIssuerKeys: [issuer.publicPem] });
}

export interface DirectCard {
  readonly engine: VirtualCardEngine;
  readonly transport: CountingTransport;
  readonly card: CardModel;
}

export function directCard(state: CardState): DirectCard {
  const engine = VirtualCardEngine.fromState(state);
  const transport = new CountingTransport(new DirectTransport(engine));
  return { engine, transport, card: new CardModel(transport) };
}

export const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

/** A throwaway CA; `issue` certifies an SPKI (DER) with openssl. Call `dispose` after use. */
export interface TestCa {
  readonly dir: string;
  readonly certDer: Uint8Array;
  issue(spkiDer: Uint8Array, subject: string): Uint8Array;
  dispose(): void;
}

function run(args: readonly string[], cwd: string): void {
  const out = spawnSync('openssl', [...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  if (out.status !== 0) throw new Error(`openssl ${args[0] ?? ''} failed: ${out.stderr}`);
}

export function testCa(subject = '/C=JP/O=JPKI-TEST/OU=Madoguchi test CA'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-card-ca-'));
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', subject, '-days', '30'], dir);
  run(['x509', '-in', 'ca.pem', '-outform', 'DER', '-out', 'ca.der'], dir);
  let counter = 0;
  return {
    dir,
    certDer: new Uint8Array(readFileSync(join(dir, 'ca.der'))),
    issue(spkiDer, certSubject) {
      counter += 1;
      const pub = `pub${counter}.der`;
      writeFileSync(join(dir, pub), spkiDer);
      run(['pkey', '-pubin', '-inform', 'DER', '-in', pub, '-out', `pub${counter}.pem`], dir);
      run(['x509', '-new', '-force_pubkey', `pub${counter}.pem`, '-subj', certSubject, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-days', '30', '-outform', 'DER', '-out', `cert${counter}.der`], dir);
      return new Uint8Array(readFileSync(join(dir, `cert${counter}.der`)));
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Issues keys, PINs and certificates with our issuer commands; returns what was written. */
export async function personaliseWith(card: CardModel, issuer: IssuerKey, ca: TestCa, pins = { sign: 'ABC123', auth: '1234' }) {
  await card.authenticateIssuer(issuer.signer);
  const signSpki = await card.generateKey('sign');
  const authSpki = await card.generateKey('auth');
  await card.setPin('sign', ascii(pins.sign));
  await card.setPin('auth', ascii(pins.auth));
  const signCert = ca.issue(signSpki, '/C=JP/L=Gifu/L=Kakamigahara-shi/CN=SIGN0001');
  const authCert = ca.issue(authSpki, '/C=JP/CN=AUTH0001');
  await card.writeCertificate('sign', signCert);
  await card.writeCertificate('auth', authCert);
  await card.writeCertificate('signCa', ca.certDer);
  await card.writeCertificate('authCa', ca.certDer);
  return { signSpki, authSpki, signCert, authCert };
}
