/**
 * OpenSC interop: a blank virtual card personalised only by our issuer commands must work with
 * OpenSC's jpki driver (pkcs15-tool, pkcs11-tool), and what OpenSC does (a wrong PIN) must show
 * in what our client reads. One vpcd slot only: pkcs11-tool touches every reader.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CardModel } from '../../../src/card/card-model';
import { sha256DigestInfo } from '../../../src/card/jpki-ap';
import { PcscContext } from '../../../src/card/pcsc-transport';
import { ensurePcscd, insertVirtualCard, readerIndex, runTool, type InsertedCard, type PcscdHandle } from '../../support/pcscd';
import { ascii, blankState, issuerKey } from '../../unit/card/support';
import { asyncTestCa, type AsyncTestCa } from './support';

/** ensurePcscd may wait up to 300 s for another run's vpcd lock. */
const lockWaitMs = 330_000;
jest.setTimeout(180_000);

const pkcs11Module = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
const authToken = 'JPKI (User Authentication PIN)';
const signToken = 'JPKI (Digital Signature PIN)';
const pins = { sign: 'ABC123', auth: '1234' };

const issuer = issuerKey();
let pcscd: PcscdHandle;
let ca: AsyncTestCa;
let inserted: InsertedCard;
let reader: number;
const written: { sign: Uint8Array; auth: Uint8Array } = { sign: new Uint8Array(0), auth: new Uint8Array(0) };

/** Runs `work` on our client with the card, then lets go of it so OpenSC can have it. */
async function withOurClient<T>(work: (card: CardModel) => Promise<T>): Promise<T> {
  const context = await PcscContext.open();
  try {
    await context.waitForCard(inserted.readerName, 10_000);
    const transport = await context.connect(inserted.readerName);
    return await work(new CardModel(transport));
  } finally {
    await context.close();
  }
}

function derOfPem(pem: string): Buffer {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1] ?? '';
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

async function tool(command: string, args: readonly string[]) {
  const out = await runTool(command, args, { timeoutMs: 60_000 });
  return { ...out, all: `${out.stdout}\n${out.stderr}` };
}

beforeAll(async () => {
  pcscd = await ensurePcscd();
  ca = await asyncTestCa();
  inserted = await insertVirtualCard(0, blankState(issuer));
  reader = await readerIndex(inserted.readerName);
  await withOurClient(async (card) => {
    await card.authenticateIssuer(issuer.signer);
    const signSpki = await card.generateKey('sign');
    const authSpki = await card.generateKey('auth');
    await card.setPin('sign', ascii(pins.sign));
    await card.setPin('auth', ascii(pins.auth));
    written.sign = await ca.issue(signSpki, '/C=JP/L=Gifu/CN=OPENSCSIGN01');
    written.auth = await ca.issue(authSpki, '/C=JP/CN=OPENSCAUTH01');
    await card.writeCertificate('sign', written.sign);
    await card.writeCertificate('auth', written.auth);
    await card.writeCertificate('signCa', ca.certDer);
    await card.writeCertificate('authCa', ca.certDer);
  });
}, lockWaitMs);

afterAll(async () => {
  await inserted?.remove();
  await ca?.dispose();
  await pcscd?.release();
});

it('pkcs15-tool --list-pins shows both PINs with their tries', async () => {
  const out = await tool('pkcs15-tool', ['-r', String(reader), '--list-pins']);
  expect(out.code).toBe(0);
  expect(out.stdout).toMatch(/User Authentication PIN[\s\S]*?Tries left\s*:\s*3/);
  expect(out.stdout).toMatch(/Digital Signature PIN[\s\S]*?Tries left\s*:\s*5/);
});

it('pkcs15-tool lists and reads byte-identical certificates (sign behind its PIN)', async () => {
  const list = await tool('pkcs15-tool', ['-r', String(reader), '--list-certificates']);
  expect(list.code).toBe(0);
  expect(list.stdout).toContain('User Authentication Certificate');
  const auth = await tool('pkcs15-tool', ['-r', String(reader), '--read-certificate', '01']);
  expect(auth.code).toBe(0);
  expect(derOfPem(auth.stdout).equals(Buffer.from(written.auth))).toBe(true);
  const sign = await tool('pkcs15-tool', ['-r', String(reader), '--read-certificate', '02', '--verify-pin', '--auth-id', '02', '--pin', pins.sign]);
  expect(sign.code).toBe(0);
  expect(derOfPem(sign.stdout).equals(Buffer.from(written.sign))).toBe(true);
  const authCa = await tool('pkcs15-tool', ['-r', String(reader), '--read-certificate', '03']);
  expect(derOfPem(authCa.stdout).equals(Buffer.from(ca.certDer))).toBe(true);
});

it.each([
  ['auth', authToken, '01'],
  ['sign', signToken, '02'],
] as const)('pkcs11-tool signs with the %s key; openssl verifies the signature', async (kind, token, id) => {
  const data = join(ca.dir, `p11-${kind}.data`);
  const signature = join(ca.dir, `p11-${kind}.sig`);
  await writeFile(data, `madoguchi interop ${kind}`);
  const out = await tool('pkcs11-tool', ['--module', pkcs11Module, '--token-label', token, '--login', '--pin', pins[kind], '--sign', '--id', id, '-m', 'SHA256-RSA-PKCS', '--input-file', data, '--output-file', signature]);
  expect(out.all).not.toMatch(/error/i);
  expect(out.code).toBe(0);
  const ok = await ca.verifySignature(written[kind], new Uint8Array(await readFile(data)), new Uint8Array(await readFile(signature)));
  expect(ok).toBe(true);
});

it('a wrong PIN through pkcs11-tool decrements the counter our client reads', async () => {
  const out = await tool('pkcs11-tool', ['--module', pkcs11Module, '--token-label', authToken, '--login', '--pin', '9876', '--list-objects']);
  expect(out.code).not.toBe(0);
  expect(out.all).toMatch(/CKR_PIN_INCORRECT/);
  const status = await withOurClient((card) => card.readPinStatus());
  expect(status.auth.triesLeft).toBe(2);
  // And the right PIN through our client restores it for OpenSC.
  await withOurClient((card) => card.verifyPin('auth', ascii(pins.auth)));
  const after = await tool('pkcs15-tool', ['-r', String(reader), '--list-pins']);
  expect(after.stdout).toMatch(/User Authentication PIN[\s\S]*?Tries left\s*:\s*3/);
});

it('our digest signature matches what pkcs11-tool produced (deterministic PKCS#1 v1.5)', async () => {
  const data = new Uint8Array(await readFile(join(ca.dir, 'p11-auth.data')));
  const theirs = new Uint8Array(await readFile(join(ca.dir, 'p11-auth.sig')));
  const ours = await withOurClient(async (card) => {
    await card.verifyPin('auth', ascii(pins.auth));
    return card.sign('auth', sha256DigestInfo(createHash('sha256').update(data).digest()));
  });
  expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
});
