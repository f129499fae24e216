/**
 * The purge crash test's child: `node dist/test/integration/store/purge-runner.js DB` runs the
 * real purge on DB and, inside the second application's transaction, says `mid` on stdout and
 * waits to be killed — a power cut at a known point of a purge run. Test code only, and the
 * point is found from outside the purge: a temporary trigger on this connection fires when the
 * purge's audit entry is written, the last write before its COMMIT.
 */
import { writeSync } from 'node:fs';
import { openDatabase } from '../../../src/store/open-database';
import { hmacAuditSigner } from '../../../src/store/audit-entry';
import { Store } from '../../../src/store/unit-of-work';

/** The audit key the crash test verifies with (the test's, not a terminal's). */
const signer = hmacAuditSigner(Buffer.alloc(32, 7));

const [file] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('purge-runner: DB file required\n');
  process.exitCode = 2;
} else {
  const { db } = openDatabase(file, { recoverInterrupted: false });
  let seen = 0;
  db.function('purge_runner_entry_written', () => {
    seen += 1;
    if (seen < 2) return null;
    writeSync(1, 'mid\n');
    // Bounded: the parent kills us long before this returns.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    return null;
  });
  // TEMP: lives on this connection only, so the file the parent reopens has no trace of it.
  db.exec("CREATE TEMP TRIGGER purge_runner_pause AFTER INSERT ON main.audit WHEN NEW.action = 'personalData.purge' BEGIN SELECT purge_runner_entry_written(); END");
  new Store(db, Date.now, { signer }).purgePersonalData('system');
  writeSync(1, 'finished\n');
  db.close();
}
