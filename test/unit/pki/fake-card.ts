import { constants, generateKeyPairSync, privateEncrypt, type KeyObject } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DigestInfoSigner } from '../../../src/pki/csr';

/** A software stand-in for the card's RSA key: PKCS#1 v1.5 type-1 padding over the DigestInfo. */
export interface FakeCardKey {
  readonly privateKey: KeyObject;
  readonly spkiDer: Uint8Array;
  readonly signer: DigestInfoSigner;
}

export function fakeCardKey(): FakeCardKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  return {
    privateKey,
    spkiDer: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    signer: (digestInfo) => Promise.resolve(new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo))),
  };
}

/** Runs openssl on files written to a fresh temp dir; returns stdout+stderr and the exit status. */
export function withTempFiles<T>(files: Record<string, Uint8Array | string>, run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-pki-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function openssl(args: readonly string[], cwd: string): { status: number; output: string } {
  const result = spawnSync('openssl', [...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

export function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}
