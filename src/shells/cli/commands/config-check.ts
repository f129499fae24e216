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
import { ExitCode, type CliCommand } from '../command';
import { parseCommon, refusePositionals } from '../common-options';
import { printResult } from '../print-result';

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
    refusePositionals(positionals);
    const dir = resolveDataDir(data, io.env);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    const result = checkDataDir(dir, { now: new Date(), uid });
    const ok = result.problems.length === 0;
    const document = { ok, dataDir: result.dataDir, problems: result.problems.map((p) => ({ ...p, message: configCheckMessages[p.code].en })) };
    const text = ok
      ? `ok: ${result.dataDir} is ready for a production terminal`
      : `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${result.dataDir}:\n${result.problems.map((p) => `  ${line(p)}`).join('\n')}`;
    printResult(io, json, document, text);
    return ok ? ExitCode.ok : ExitCode.invalid;
  },
};
