/**
 * The reference CA in a process of its own, as deployed, for the load test to measure its RSS
 * apart from the clients': `node dist/test/integration/ca/ca-process.js DATA_DIR IDLE_MS`.
 * Prints `{"port":N}` once listening; stops on SIGTERM. Test code only.
 */
import { startReferenceCa } from '../../../src/ca/reference-ca';

const [dataDir, idleMs] = process.argv.slice(2);
// Shorter than the shipped 15 s so a test can watch idle sockets being closed; the mechanism is the same.
const limits = idleMs === undefined ? {} : { idleSocketMs: Number(idleMs) };
startReferenceCa({ dataDir: dataDir ?? '.', port: 0, host: '127.0.0.1', limits }).then(
  (ca) => {
    process.stdout.write(`${JSON.stringify({ port: ca.port })}\n`);
    process.once('SIGTERM', () => {
      void ca.close().then(() => process.exit(0));
    });
  },
  (error: unknown) => {
    process.stderr.write(`ca-process: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
