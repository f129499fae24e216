import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { parseCommon, withTerminalStore } from '../common-options';
import { errorExit } from '../host-command';
import { dayReportCsv } from '../day-report-csv';
import type { DayReport } from '../../../domain/day-report';
import { dayReportFromStore } from '../../../flows/day-report';
import { toJstDateTime } from '../../../domain/counter-hours';
import { isIsoDate } from '../../../domain/local-date';

const usage = 'usage: madoguchi report day [--date YYYY-MM-DD] [--json | --csv] [--data DIR]';

function writeText(report: DayReport, io: CliIo): void {
  const lines = [`day-end report ${report.date}${report.counterDay ? '' : ' (not a counter day)'}: ${report.applications} applications`];
  for (const row of report.byProcedure) {
    const outcomes = Object.entries(row.outcomes).filter(([, n]) => n > 0).map(([o, n]) => `${o} ${n}`).join(', ');
    lines.push(`  ${row.procedure} / ${row.applicantType}: ${row.count} (${outcomes})`);
  }
  lines.push(`certificates issued: sign ${report.certificatesIssued.sign}, auth ${report.certificatesIssued.auth}`);
  for (const refusal of report.refusals) lines.push(`refused ${refusal.count}: ${refusal.reason}${refusal.receiptNumbers.length > 0 ? ` (${refusal.receiptNumbers.join(', ')})` : ''}`);
  for (const clerk of report.fees.byClerk) lines.push(`clerk ${clerk.clerkId}: ${clerk.applications} applications, ${clerk.feePaying} with fee, ${clerk.yen} yen`);
  lines.push(`fees to hand over: ${report.fees.totalYen} yen`);
  const open = report.openAtClose;
  lines.push(`open at close: ${open.waiting} waiting for the CA, ${open.failedForGood} failed for good (of which ${open.acknowledged} acknowledged)`);
  for (const r of open.requests) lines.push(`  ${r.receiptNumber ?? '(no receipt number)'} ${r.kind} ${r.certificateKind}: ${r.state}`);
  lines.push('receipts:');
  for (const r of report.receipts) lines.push(`  ${r.receiptNumber ?? '(no receipt number)'} ${r.procedure} / ${r.applicantType}: ${r.outcome}, clerk ${r.clerkId}, ${r.feeYen} yen`);
  io.stdout.write(`${lines.join('\n')}\n`);
}

/** `madoguchi report day`: the day-end report (日計表) from the terminal's own records, read-only. */
export const reportCommand: CliCommand = {
  path: ['report'],
  summary: 'the day-end report: procedures, certificates, refusals, fees per clerk, open requests (read-only)',
  usage,
  async run(args, io) {
    const { json, data, flags, positionals } = parseCommon(args, { date: { type: 'string' }, csv: { type: 'boolean' } });
    if (positionals.length !== 1 || positionals[0] !== 'day') throw new UsageError('expected: report day');
    const csv = flags['csv'] === true;
    if (json && csv) throw new UsageError('choose one of --json and --csv');
    const dateFlag = flags['date'];
    const isoDate = typeof dateFlag === 'string' ? dateFlag : toJstDateTime(Date.now()).date;
    if (!isIsoDate(isoDate)) throw new UsageError(`--date: not a calendar date (YYYY-MM-DD): ${isoDate}`);
    // Reading needs no ownership: the report may be printed beside a running terminal.
    return withTerminalStore(
      data,
      io.env,
      (store) => {
        const report = dayReportFromStore(store, isoDate);
        if (json) io.stdout.write(`${JSON.stringify(report)}\n`);
        else if (csv) io.stdout.write(dayReportCsv(report));
        else writeText(report, io);
        return ExitCode.ok;
      },
      (error) => errorExit(error, io),
    );
  },
};
