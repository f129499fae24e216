/**
 * How fast a backlog drains: N queued requests (N/2 applications, sign + auth) synced to the
 * reference CA over HTTPS on 127.0.0.1, next to the same CA's in-process issuance rate
 * (service calls, no HTTP, no terminal). Prints one JSON document.
 *
 *   --count N        requests in the backlog (default 10000)
 *   --inprocess N    requests for the in-process rate (default min(count, 2000))
 *   --concurrency N  sync engine concurrency (default 8)
 *
 * Every request needs its own card key (the CA allows one live certificate per key and
 * profile) and RSA key generation dominates set-up, so the signed CSRs are cached in the temp
 * directory and reused by later runs (each run uses fresh CA and terminal data directories).
 */
import { constants, createHash, generateKeyPair, privateEncrypt, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startReferenceCa } from '../src/ca/reference-ca';
import { caLabels, certificateKinds, type CertificateKind } from '../src/domain/vocabulary';
import { buildCsr } from '../src/pki/csr';
import { openDatabase } from '../src/store/open-database';
import { Store } from '../src/store/unit-of-work';
import { EstClient } from '../src/sync/est-client';
import { SyncEngine } from '../src/sync/sync-engine';

const cachedCsrSchema = z.object({ applicationId: z.uuid(), kind: z.enum(certificateKinds), der: z.base64() });
type CachedCsr = z.infer<typeof cachedCsrSchema>;

const basicInfo = { name: 'ベンチ 花子', address: '岐阜県各務原市那加桜町1丁目69番地', birthDate: '1990-05-10', sex: '2' } as const;

function newKey(): Promise<KeyObject[]> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 65537 }, (error, publicKey, privateKey) => (error === null ? resolve([publicKey, privateKey]) : reject(error)));
  });
}

async function csrFor(kind: CertificateKind, applicationId: string): Promise<string> {
  const [publicKey, privateKey] = await newKey();
  if (publicKey === undefined || privateKey === undefined) throw new Error('key generation failed');
  const applicant =
    kind === 'sign'
      ? ({ certificateKind: 'sign', applicationId, terminalId: 'training-terminal', birthDate: basicInfo.birthDate, name: basicInfo.name, address: basicInfo.address, sex: basicInfo.sex } as const)
      : ({ certificateKind: 'auth', applicationId, terminalId: 'training-terminal', birthDate: basicInfo.birthDate } as const);
  const der = await buildCsr({
    spkiDer: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    subject: [
      { type: 'C', value: 'JP' },
      { type: 'CN', value: applicationId },
    ],
    applicant,
    signer: (digestInfo) => Promise.resolve(new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo))),
  });
  return Buffer.from(der).toString('base64');
}

/** Returns `count` CSRs (pairs sign/auth per application), generating what the cache lacks. */
async function cachedCsrs(count: number): Promise<CachedCsr[]> {
  const dir = join(tmpdir(), 'madoguchi-bench-cache');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'backlog-csrs.json');
  // A damaged cache is rebuilt rather than trusted.
  const parsed = existsSync(file) ? z.array(cachedCsrSchema).safeParse(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
  const cached: CachedCsr[] = parsed?.success === true ? parsed.data : [];
  const batch = 8;
  while (cached.length < count) {
    const made = await Promise.all(
      Array.from({ length: batch }, async () => {
        const applicationId = randomUUID();
        return [
          { applicationId, kind: 'sign' as const, der: await csrFor('sign', applicationId) },
          { applicationId, kind: 'auth' as const, der: await csrFor('auth', applicationId) },
        ];
      }),
    );
    cached.push(...made.flat());
    if (cached.length % 200 < batch * 2) writeFileSync(file, JSON.stringify(cached));
    process.stderr.write(`\rcard keys and CSRs: ${cached.length}/${count}`);
  }
  writeFileSync(file, JSON.stringify(cached));
  process.stderr.write('\n');
  return cached.slice(0, count);
}

function queueAll(store: Store, csrs: readonly CachedCsr[]): void {
  const byApp = new Map<string, CachedCsr[]>();
  for (const c of csrs) byApp.set(c.applicationId, [...(byApp.get(c.applicationId) ?? []), c]);
  store.unitOfWork(() => {
    for (const [applicationId, rows] of byApp) {
      store.recordNewApplication(
        {
          id: applicationId,
          procedure: 'issue',
          applicantType: 'self',
          documents: ['applicationForm'],
          clerkId: 'bench',
          cardSerial: null,
          certificateKinds: rows.map((r) => r.kind),
          state: 'queued',
          feeYen: 0,
          basicInfo,
          spkiSha256: { sign: null, auth: null },
          expiry: { sign: null, auth: null },
          errorCode: null,
        },
        { actor: 'bench', action: 'application.queue' },
        rows.map((r) => ({ id: randomUUID(), certificateKind: r.kind, csrDer: new Uint8Array(Buffer.from(r.der, 'base64')) })),
      );
    }
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string' }, inprocess: { type: 'string' }, concurrency: { type: 'string' } } });
  const count = Math.max(2, Math.min(Number(values.count ?? 10_000), 200_000));
  const inProcessCount = Math.max(2, Math.min(Number(values.inprocess ?? Math.min(count, 2000)), count));
  const concurrency = Math.max(1, Math.min(Number(values.concurrency ?? 8), 64));
  const csrs = await cachedCsrs(count);
  const root = mkdtempSync(join(tmpdir(), 'madoguchi-bench-drain-'));
  try {
    // In-process: the CA's own ceiling, on a CA of its own so keys are fresh to it.
    const direct = await startReferenceCa({ dataDir: join(root, 'ca-direct'), port: 0 });
    const directStart = process.hrtime.bigint();
    for (const c of csrs.slice(0, inProcessCount)) {
      const answer = await direct.service.enroll(caLabels[c.kind], new Uint8Array(Buffer.from(c.der, 'base64')), randomUUID());
      if (answer.status !== 200) throw new Error(`in-process enroll answered ${answer.status}`);
    }
    const directSeconds = Number(process.hrtime.bigint() - directStart) / 1e9;
    await direct.close();

    const ca = await startReferenceCa({ dataDir: join(root, 'ca'), port: 0 });
    const { db } = openDatabase(join(root, 'terminal.sqlite'));
    const store = new Store(db);
    queueAll(store, csrs);
    const client = new EstClient({ url: ca.url, trustAnchorPem: ca.tlsCaPem, clientCertPem: ca.clientCertPem, clientKeyPem: ca.clientKeyPem, maxSockets: concurrency });
    const engine = new SyncEngine({ store, transport: client, concurrency });
    const start = process.hrtime.bigint();
    let rounds = 0;
    while (store.outbox.stats().depth > 0 && rounds < 20) {
      await engine.syncNow();
      rounds += 1;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const stats = store.outbox.stats();
    client.close();
    db.close();
    await ca.close();

    const syncRate = stats.counts.done / seconds;
    const inProcessRate = inProcessCount / directSeconds;
    process.stdout.write(
      `${JSON.stringify(
        {
          benchmark: 'backlog-drain',
          settings: { count, inProcessCount, concurrency, transport: 'https 127.0.0.1, mutual TLS', csrDigest: createHash('sha256').update(csrs.map((c) => c.der).join()).digest('hex').slice(0, 16) },
          sync: { requests: count, done: stats.counts.done, failedPermanent: stats.counts.failed_permanent, stillQueued: stats.depth, rounds, seconds, requestsPerSecond: syncRate },
          caInProcess: { requests: inProcessCount, seconds: directSeconds, requestsPerSecond: inProcessRate },
          ratio: syncRate / inProcessRate,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`backlog-drain: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
