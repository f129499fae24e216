/**
 * The secret-scan test's CLI: `node dist/test/integration/host/heap-runner.js SNAPSHOT CANARY_HEX
 * madoguchi-args…` runs the real CLI (passwords on this process's stdin), then plants a live
 * canary string decoded from CANARY_HEX and writes a V8 heap snapshot to SNAPSHOT. The canary
 * proves the scan can see a live string; the password must not be found. Test code only.
 */
import { writeHeapSnapshot } from 'node:v8';
import { main } from '../../../src/shells/cli/main';

declare global {
  var madoguchiHeapCanary: string | undefined;
}

const [snapshot, canaryHex, ...argv] = process.argv.slice(2);
if (snapshot === undefined || canaryHex === undefined) {
  process.stderr.write('heap-runner: SNAPSHOT and CANARY_HEX required\n');
  process.exitCode = 2;
} else {
  main(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      globalThis.madoguchiHeapCanary = Buffer.from(canaryHex, 'hex').toString('latin1');
      writeHeapSnapshot(snapshot);
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`heap-runner: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
