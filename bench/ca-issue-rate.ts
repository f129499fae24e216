/**
 * The reference CA's in-process issuance rate: CSRs signed into certificates directly, no HTTP.
 * Prints one JSON document with three stages, each as certificates/s and per-certificate p50/p99:
 *   issue          the JPKI profile + signing only (CSR already parsed)
 *   parseAndIssue  CSR validation (DER, signature, attributes) + issue
 *   serviceEnroll  the CA service path: validation, idempotency record, SQLite (WAL, FULL), PKCS#7
 *
 *   --count N     certificates for the first two stages (default 1000)
 *   --service N   distinct card keys for serviceEnroll (default 200; one live cert per key)
 */
import { constants, generateKeyPair, randomUUID, privateEncrypt, type KeyObject } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeJpkiHierarchy } from '../src/ca/hierarchy';
import { issueJpkiCertificate } from '../src/ca/profile';
import { ReferenceCaService } from '../src/ca/service';
import { CaStore } from '../src/ca/store';
import { caLabels, type CertificateKind } from '../src/domain/vocabulary';
import { buildCsr, parseCsr } from '../src/pki/csr';

function newKey(): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 65537 }, (error, publicKey, privateKey) => (error === null ? resolve({ publicKey, privateKey }) : reject(error)));
  });
}

async function csr(kind: CertificateKind): Promise<Uint8Array> {
  const { publicKey, privateKey } = await newKey();
  const applicationId = randomUUID();
  const common = { applicationId, terminalId: 'bench', birthDate: '1990-05-10', cardExpiry: '2035-05-10' };
  return buildCsr({
    spkiDer: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    subject: [{ type: 'C', value: 'JP' }, { type: 'CN', value: applicationId }],
    applicant: kind === 'sign' ? { ...common, certificateKind: 'sign', name: 'ベンチ 花子', address: '岐阜県各務原市那加桜町1丁目69番地', sex: '2' } : { ...common, certificateKind: 'auth' },
    signer: (digestInfo) => Promise.resolve(new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo))),
  });
}

function stats(samplesMs: number[], totalMs: number) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { count: samplesMs.length, certsPerSec: round((samplesMs.length / totalMs) * 1000), p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), totalMs: round(totalMs) };
}

async function measure(count: number, run: (i: number) => unknown): Promise<ReturnType<typeof stats>> {
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i += 1) {
    const t = performance.now();
    await run(i);
    samples.push(performance.now() - t);
  }
  return stats(samples, performance.now() - start);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, service: { type: 'string', default: '200' } } });
  const count = Math.max(1, Number(values.count));
  const serviceCount = Math.max(1, Number(values.service));
  const root = mkdtempSync(join(tmpdir(), 'madoguchi-bench-ca-'));
  try {
    const hierarchy = writeJpkiHierarchy(join(root, 'ca'), 'JPKI-BENCH');
    // Profile and signing cost do not depend on the key, so a small pool serves the first stages.
    const pool = await Promise.all(Array.from({ length: 16 }, (_, i) => csr(i % 2 === 0 ? 'sign' : 'auth')));
    const parsedPool = pool.map((der) => parseCsr(der));
    const now = new Date();
    const issue = await measure(count, (i) => {
      const parsed = parsedPool[i % parsedPool.length];
      if (parsed !== undefined) issueJpkiCertificate(hierarchy[parsed.applicant.certificateKind], parsed, now);
    });
    const parseAndIssue = await measure(count, (i) => {
      const parsed = parseCsr(pool[i % pool.length] ?? new Uint8Array());
      issueJpkiCertificate(hierarchy[parsed.applicant.certificateKind], parsed, now);
    });
    const distinct = await Promise.all(Array.from({ length: serviceCount }, (_, i) => csr(i % 2 === 0 ? 'sign' : 'auth')));
    const store = new CaStore(join(root, 'data'));
    const service = new ReferenceCaService(store, hierarchy);
    const serviceEnroll = await measure(serviceCount, async (i) => {
      const answer = await service.enroll(i % 2 === 0 ? caLabels.sign : caLabels.auth, distinct[i] ?? new Uint8Array(), randomUUID());
      if (answer.status !== 200) throw new Error(`enroll answered ${answer.status}`);
    });
    store.close();
    process.stdout.write(
      `${JSON.stringify({ bench: 'ca-issue-rate', at: new Date().toISOString(), node: process.version, cpus: cpus().length, keyBits: 2048, issue, parseAndIssue, serviceEnroll }, null, 2)}\n`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`ca-issue-rate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
