/**
 * How fast a backlog drains: N queued requests (N/2 applications, sign + auth) synced to the
 * reference CA over HTTPS on 127.0.0.1 with the CA in its own process, as deployed (`madoguchi
 * ca serve --port 0`), next to the CA's in-process issuance rate (service calls, no HTTP, no
 * terminal: the ceiling) and, as the baseline in the same run, the same drain with the CA in
 * the terminal's own process and thread. Reports requests/s, the terminal's CPU per request and
 * the CA process's CPU per request. Prints one JSON document (also bench/results/).
 *
 *   --count N        requests in the backlog (default 10000)
 *   --inprocess N    requests for the in-process rate (default min(count, 2000))
 *   --concurrency N  sync engine concurrency (default 8)
 *
 * Every request needs its own card key (the CA allows one live certificate per key and
 * profile) and RSA key generation dominates set-up, so the signed CSRs are cached in the temp
 * directory and reused by later runs (each run uses fresh CA and terminal data directories).
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
import { awaitStdout, firstLine, repoRoot, requireBuilt, round2, stopChild, writeResult } from './support/host-process';

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

const caServeSchema = z.object({ url: z.string(), files: z.object({ tlsCaCert: z.string(), clientCert: z.string(), clientKey: z.string() }) });

interface CaProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly tlsCaPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
  stop(): Promise<void>;
}

/** `madoguchi ca serve --port 0 --json` as a child process; resolves once it printed where it listens. */
async function startCaProcess(dataDir: string): Promise<CaProcess> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'madoguchi'), 'ca', 'serve', '--port', '0', '--json', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const stop = () => stopChild(child, 15_000);
  try {
    const line = (await awaitStdout(child, firstLine, 60_000, 'ca serve', () => stderr))[1] ?? '';
    const info = caServeSchema.parse(JSON.parse(line));
    const read = (f: string) => readFileSync(f, 'utf8');
    return { child, url: info.url, tlsCaPem: read(info.files.tlsCaCert), clientCertPem: read(info.files.clientCert), clientKeyPem: read(info.files.clientKey), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** CPU seconds (user + system) a process used so far, from /proc (Linux); null elsewhere. */
function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state; utime/stime are 14th/15th overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}

interface Drain {
  readonly done: number;
  readonly failedPermanent: number;
  readonly stillQueued: number;
  readonly rounds: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** The terminal process's CPU (user + system) per delivered request; includes the CA when it shares the process. */
  readonly terminalCpuMsPerRequest: number;
}

/** Queues every CSR in a fresh terminal database and syncs until the queue is empty (≤ 20 rounds). */
async function drain(root: string, name: string, csrs: readonly CachedCsr[], concurrency: number, ca: { url: string; tlsCaPem: string; clientCertPem: string; clientKeyPem: string }): Promise<Drain> {
  const { db } = openDatabase(join(root, `${name}.sqlite`));
  const store = new Store(db);
  queueAll(store, csrs);
  const client = new EstClient({ url: ca.url, trustAnchorPem: ca.tlsCaPem, clientCertPem: ca.clientCertPem, clientKeyPem: ca.clientKeyPem, maxSockets: concurrency });
  const engine = new SyncEngine({ store, transport: client, concurrency });
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let rounds = 0;
  try {
    while (store.outbox.stats().depth > 0 && rounds < 20) {
      await engine.syncNow({ force: true });
      rounds += 1;
    }
  } finally {
    client.close();
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const stats = store.outbox.stats();
  db.close();
  const done = stats.counts.done;
  return {
    done,
    failedPermanent: stats.counts.failed_permanent,
    stillQueued: stats.depth,
    rounds,
    seconds: round2(seconds),
    requestsPerSecond: round2(done / seconds),
    terminalCpuMsPerRequest: round2((cpu.user + cpu.system) / 1000 / Math.max(1, done)),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string' }, inprocess: { type: 'string' }, concurrency: { type: 'string' } } });
  const count = Math.max(2, Math.min(Number(values.count ?? 10_000), 200_000));
  const inProcessCount = Math.max(2, Math.min(Number(values.inprocess ?? Math.min(count, 2000)), count));
  const concurrency = Math.max(1, Math.min(Number(values.concurrency ?? 8), 64));
  requireBuilt();
  const csrs = await cachedCsrs(count);
  const root = mkdtempSync(join(tmpdir(), 'madoguchi-bench-drain-'));
  try {
    // In-process: the CA's own ceiling, on a CA of its own so keys are fresh to it.
    const direct = await startReferenceCa({ dataDir: join(root, 'ca-direct'), port: 0 });
    const directCpu = process.cpuUsage();
    const directStart = process.hrtime.bigint();
    for (const c of csrs.slice(0, inProcessCount)) {
      const answer = await direct.service.enroll(caLabels[c.kind], new Uint8Array(Buffer.from(c.der, 'base64')), randomUUID());
      if (answer.status !== 200) throw new Error(`in-process enroll answered ${answer.status}`);
    }
    const directSeconds = Number(process.hrtime.bigint() - directStart) / 1e9;
    const directCpuUsed = process.cpuUsage(directCpu);
    await direct.close();
    const inProcessRate = inProcessCount / directSeconds;

    // As deployed: the CA in its own process, the terminal here.
    const caProcess = await startCaProcess(join(root, 'ca-process'));
    let deployed: Drain;
    let caCpuMsPerRequest: number | null = null;
    try {
      const caCpuBefore = processCpuSeconds(caProcess.child.pid);
      deployed = await drain(root, 'deployed', csrs, concurrency, caProcess);
      const caCpuAfter = processCpuSeconds(caProcess.child.pid);
      if (caCpuBefore !== null && caCpuAfter !== null) caCpuMsPerRequest = round2(((caCpuAfter - caCpuBefore) * 1000) / Math.max(1, deployed.done));
    } finally {
      await caProcess.stop();
    }

    // Baseline, same run: the CA in the terminal's own process and thread.
    const shared = await startReferenceCa({ dataDir: join(root, 'ca-shared'), port: 0 });
    let sameThread: Drain;
    try {
      sameThread = await drain(root, 'same-thread', csrs, concurrency, shared);
    } finally {
      await shared.close();
    }

    writeResult('backlog-drain', {
      benchmark: 'backlog-drain',
      settings: { count, inProcessCount, concurrency, transport: 'https 127.0.0.1, mutual TLS', csrDigest: createHash('sha256').update(csrs.map((c) => c.der).join()).digest('hex').slice(0, 16) },
      caInProcess: { requests: inProcessCount, seconds: round2(directSeconds), requestsPerSecond: round2(inProcessRate), cpuMsPerRequest: round2((directCpuUsed.user + directCpuUsed.system) / 1000 / inProcessCount) },
      deployed: { ...deployed, caProcessCpuMsPerRequest: caCpuMsPerRequest, ratioToCeiling: round2(deployed.requestsPerSecond / inProcessRate) },
      baselineSameThread: { ...sameThread, ratioToCeiling: round2(sameThread.requestsPerSecond / inProcessRate) },
      target: { ratioToCeiling: 0.8 },
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`backlog-drain: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
