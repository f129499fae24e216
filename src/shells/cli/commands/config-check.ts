/**
 * `madoguchi config check [--data DIR] [--json]`: is this data directory ready for a production
 * terminal? Names every problem at once (docs/provisioning.md). Exit 0 when clean, 1 when any
 * problem is found, 2 on bad usage. Run it as the user the terminal runs as: key ownership is
 * judged against that user.
 */
import { resolveDataDir } from '../../../host/data-dir';
import { checkDataDir } from '../../../host/config-check';
import { configCheckMessages } from '../../../words/config-check';
import type { ConfigCheckProblem } from '../../../api/config-check';
import { ExitCode, UsageError, type CliCommand } from '../command';
import { parseCommon } from '../common-options';

const usage = 'usage: madoguchi config check [--data DIR] [--json]   (exit 0: ready; 1: problems found, each named)';

function line(problem: ConfigCheckProblem): string {
  const where = problem.field ?? problem.file ?? '';
  const words = configCheckMessages[problem.code].en;
  const detail = problem.detail === undefined ? '' : ` (${problem.detail})`;
  const file = problem.field !== undefined && problem.file !== undefined ? ` [${problem.file}]` : '';
  return `${problem.code}${where === '' ? '' : ` ${where}`}: ${words}${detail}${file}`;
}

export const configCheckCommand: CliCommand = {
  path: ['config', 'check'],
  summary: 'check a data directory for a production terminal; names every problem at once',
  usage,
  async run(args, io) {
    const { json, data, positionals } = parseCommon(args);
    if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
    const dir = resolveDataDir(data, io.env);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    const result = checkDataDir(dir, { now: new Date(), uid });
    const ok = result.problems.length === 0;
    if (json) {
      io.stdout.write(`${JSON.stringify({ ok, dataDir: result.dataDir, problems: result.problems.map((p) => ({ ...p, message: configCheckMessages[p.code].en })) })}\n`);
    } else if (ok) {
      io.stdout.write(`ok: ${result.dataDir} is ready for a production terminal\n`);
    } else {
      io.stdout.write(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${result.dataDir}:\n${result.problems.map((p) => `  ${line(p)}`).join('\n')}\n`);
    }
    return ok ? ExitCode.ok : ExitCode.invalid;
  },
};
