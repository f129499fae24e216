import { ExitCode, UsageError, type CliCommand } from '../command';
import { dataDirPaths, resolveDataDir } from '../../../host/data-dir';
import { verifyTerminalAudit, type TerminalAuditReport } from '../../../host/terminal-audit';
import { parseCommon } from '../common-options';

/** README "audit verify": 0 intact, 1 tampered or missing evidence, 3 nothing to verify with. */
function exitCodeOf(report: TerminalAuditReport): number {
  if (report.ok) return ExitCode.ok;
  return report.code === 'STORE_AUDIT_KEY_MISSING' ? ExitCode.failure : ExitCode.invalid;
}

function describe(report: TerminalAuditReport): string {
  if (report.ok) return `audit log intact: ${report.entries} entries, head ${report.head.seq} matches the checkpoint`;
  if ('brokenAtSeq' in report) return `${report.code}: audit log BROKEN at entry ${report.brokenAtSeq} (${report.reason}); ${report.entries} entries before it are intact`;
  return `${report.code}: ${report.reason.replace(/_/g, ' ')}`;
}

/** `madoguchi audit verify`: walk the keyed chain from the stored bytes and compare its head with the checkpoint. */
export const auditCommand: CliCommand = {
  path: ['audit'],
  summary: 'verify the audit log against its keyed chain and checkpoint (read-only)',
  usage: 'usage: madoguchi audit verify [--json] [--data DIR]',
  async run(args, io) {
    const { json, data, positionals } = parseCommon(args);
    if (positionals.length !== 1 || positionals[0] !== 'verify') throw new UsageError('expected: audit verify');
    // Never ensureDataDir: verifying creates nothing, so a read-only copy can be checked.
    const report = verifyTerminalAudit(dataDirPaths(resolveDataDir(data, io.env)));
    if (json) io.stdout.write(`${JSON.stringify(report)}\n`);
    else (report.ok ? io.stdout : io.stderr).write(`${describe(report)}\n`);
    return exitCodeOf(report);
  },
};
