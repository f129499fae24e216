/**
 * The crash tests' CLI: `node dist/test/integration/issuance/crash-runner.js STEP madoguchi-args…`
 * runs the real CLI with `--progress` and follows its progress lines as they are written: the
 * moment the line of STEP passes, this process SIGKILLs itself — the closest thing to a power
 * cut at a known point (no `finally`, no flush, no close). The CLI writes each line before it
 * goes on, and this stream sees it in the same call, so nothing runs between the step and the kill.
 */
import { Writable } from 'node:stream';
import { main } from '../../../src/shells/cli/main';
import { procedureSteps, type ProcedureStep } from '../../../src/issuance/steps';

function isStep(value: string | undefined): value is ProcedureStep {
  return procedureSteps.some((step) => step === value);
}

/** stderr as the CLI would write it, killing this process at the progress line of `point`. */
function killingAt(point: ProcedureStep): Writable {
  const target = `madoguchi: step ${point}`;
  let partial = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = partial + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      if (lines.includes(target)) process.kill(process.pid, 'SIGKILL');
      process.stderr.write(chunk);
      // Done at once: a later line must reach this check in its own write call, not a buffer.
      done();
    },
  });
}

const [point, ...argv] = process.argv.slice(2);
if (!isStep(point)) {
  process.stderr.write(`crash-runner: unknown step ${point ?? '(none)'}\n`);
  process.exitCode = 2;
} else {
  main([...argv, '--progress'], { stdin: process.stdin, stdout: process.stdout, stderr: killingAt(point), env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`crash-runner: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
