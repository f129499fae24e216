/**
 * How long recording one completed procedure (application + two outbox rows + audit, one
 * transaction, synchronous=FULL) takes, next to a bare one-row insert on the same disk.
 * Prints one JSON document. `--count N` (default 2000), `--dir DIR` (default: a temp dir).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../src/store/open-database';
import { Store } from '../src/store/unit-of-work';

function summary(samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const total = sorted.reduce((s, v) => s + v, 0);
  return { count: sorted.length, medianMs: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? 0, perSecond: sorted.length / (total / 1000) };
}

function timeEach(count: number, work: (i: number) => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = process.hrtime.bigint();
    work(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

function main(): void {
  const { values } = parseArgs({ options: { count: { type: 'string' }, dir: { type: 'string' } } });
  const count = Math.max(10, Math.min(Number(values.count ?? 2000), 1_000_000));
  const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'madoguchi-bench-enqueue-'));
  const csr = new Uint8Array(randomBytes(1100));
  try {
    const { db } = openDatabase(join(dir, 'procedure.sqlite'));
    const store = new Store(db);
    const bare = new BetterSqlite3(join(dir, 'bare.sqlite'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec('CREATE TABLE t (id TEXT PRIMARY KEY NOT NULL, v BLOB NOT NULL) STRICT');
    const insert = bare.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
    const buf = Buffer.from(csr);
    const recordOne = () => {
      store.recordNewApplication(
        {
          id: randomUUID(),
          procedure: 'issue',
          applicantType: 'self',
          documents: ['applicationForm'],
          clerkId: 'bench',
          cardSerial: 'BENCH0001',
          certificateKinds: ['sign', 'auth'],
          state: 'queued',
          feeYen: 0,
          basicInfo: { name: 'ベンチ 太郎', address: '岐阜県各務原市那加桜町1-69', birthDate: '1990-05-10', sex: '1' },
          spkiSha256: { sign: 'a'.repeat(64), auth: 'b'.repeat(64) },
          expiry: { sign: null, auth: null },
          errorCode: null,
        },
        { actor: 'bench', action: 'application.queue' },
        [
          { id: randomUUID(), certificateKind: 'sign', csrDer: csr },
          { id: randomUUID(), certificateKind: 'auth', csrDer: csr },
        ],
      );
    };
    // Interleaved, so load from other processes on the machine hits both series alike.
    const procedure: number[] = [];
    const single: number[] = [];
    for (let i = 0; i < count; i += 1) {
      procedure.push(...timeEach(1, recordOne));
      single.push(...timeEach(1, () => insert.run(randomUUID(), buf)));
    }
    db.close();
    bare.close();

    const p = summary(procedure);
    const s = summary(single);
    process.stdout.write(
      `${JSON.stringify({
        benchmark: 'enqueue-latency',
        settings: { count, journalMode: 'wal', synchronous: 'FULL' },
        recordCompletedProcedure: p,
        bareSingleRowInsert: s,
        ratio: { median: p.medianMs / s.medianMs, p99: p.p99Ms / s.p99Ms },
      }, null, 2)}\n`,
    );
  } finally {
    if (values.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

main();
