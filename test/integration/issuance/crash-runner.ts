/**
 * The crash tests' CLI: `node dist/test/integration/issuance/crash-runner.js STEP madoguchi-args…`
 * runs the real CLI with a step hook that SIGKILLs this process when the host reaches STEP —
 * the closest thing to a power cut at a known point (no `finally`, no flush, no close).
 * Test code only: the shipped CLI has no crash switch, and nothing in src/ reads one.
 */
import { main } from '../../../src/shells/cli/main';
import { procedureSteps, type ProcedureStep } from '../../../src/issuance/steps';

function isStep(value: string | undefined): value is ProcedureStep {
  return procedureSteps.some((step) => step === value);
}

const [point, ...argv] = process.argv.slice(2);
if (!isStep(point)) {
  process.stderr.write(`crash-runner: unknown step ${point ?? '(none)'}\n`);
  process.exitCode = 2;
} else {
  main(argv, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    onStep: (step) => {
      if (step === point) process.kill(process.pid, 'SIGKILL');
    },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`crash-runner: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
