import { ExitCode, UsageError, type CliCommand } from '../command';
import { verifyAuditChain } from '../../../store/audit-log';
import { openTerminalStore, parseCommon } from '../common-options';

/** `madoguchi audit verify`: walk the hash chain and name the first broken link. */
export const auditCommand: CliCommand = {
  path: ['audit'],
  summary: 'verify the hash chain of the audit log',
  usage: 'usage: madoguchi audit verify [--json] [--data DIR]',
  async run(args, io) {
    const { json, data, positionals } = parseCommon(args);
    if (positionals.length !== 1 || positionals[0] !== 'verify') throw new UsageError('expected: audit verify');
    const opened = openTerminalStore(data, io.env);
    try {
      const result = verifyAuditChain(opened.store.db);
      if (json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok) io.stdout.write(`audit log intact: ${result.entries} entries\n`);
      else io.stdout.write(`audit log BROKEN at entry ${result.brokenAtSeq} (${result.reason}); ${result.entries} entries before it are intact\n`);
      return result.ok ? ExitCode.ok : ExitCode.invalid;
    } finally {
      opened.close();
    }
  },
};
