import type { DayReport } from '../../domain/day-report';

/**
 * The day-end report as CSV for the city's spreadsheets: one fact a line, `section,key,detail,value`,
 * codes rather than words so a spreadsheet formula does not change with the display language.
 */
export function dayReportCsv(report: DayReport): string {
  const lines: (string | number)[][] = [['section', 'key', 'detail', 'value'], ['date', report.date, report.counterDay ? 'counter_day' : 'closed_day', report.applications]];
  for (const row of report.byProcedure) {
    lines.push(['procedure', row.procedure, row.applicantType, row.count]);
    for (const [outcome, count] of Object.entries(row.outcomes)) if (count > 0) lines.push(['outcome', `${row.procedure}/${row.applicantType}`, outcome, count]);
  }
  for (const [kind, count] of Object.entries(report.certificatesIssued)) lines.push(['certificates_issued', kind, '', count]);
  for (const refusal of report.refusals) {
    lines.push(['refusal', refusal.reason, '', refusal.count]);
    for (const receipt of refusal.receiptNumbers) lines.push(['refusal_receipt', refusal.reason, receipt, 1]);
  }
  for (const clerk of report.fees.byClerk) {
    lines.push(['clerk', clerk.clerkId, 'applications', clerk.applications]);
    lines.push(['clerk', clerk.clerkId, 'fee_paying', clerk.feePaying]);
    lines.push(['clerk', clerk.clerkId, 'fee_yen', clerk.yen]);
  }
  lines.push(['fee_total', 'yen', '', report.fees.totalYen]);
  lines.push(['open_at_close', 'waiting', '', report.openAtClose.waiting]);
  lines.push(['open_at_close', 'failed_for_good', '', report.openAtClose.failedForGood]);
  lines.push(['open_at_close', 'acknowledged', '', report.openAtClose.acknowledged]);
  for (const r of report.openAtClose.requests) lines.push(['open_request', r.receiptNumber ?? '', `${r.kind}/${r.certificateKind}/${r.state}`, 1]);
  // One line per application of the day; the fee is what was taken (0 when handed back).
  for (const r of report.receipts) lines.push(['receipt', r.receiptNumber ?? '', `${r.procedure}/${r.applicantType}/${r.outcome}`, r.feeYen]);
  return `${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** RFC 4180 quoting; a leading formula character is neutralised so a clerk id cannot run in a spreadsheet. */
function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
