/** What the counter prints and reads back: a receipt rebuilt from the store, the print path, the day-end report. */
import type { Handlers } from '../../api/contract';
import { hostError } from '../../api/errors';
import type { DocumentPrinter } from '../../desktop/print-file';
import { toJstDateTime } from '../../domain/counter-hours';
import type { Host } from '../../host/host-types';
import { jstDate, type IssuanceContext } from '../../issuance/context';
import { resultFor } from '../../issuance/issue';
import { dayReportFromStore } from '../day-report';
import type { ClerkAccess } from './access';

export type DocumentChannel = 'receipt.get' | 'print.document' | 'report.day';

/**
 * `resultFor` rebuilds a receipt from the store alone; the rest of a context is never touched
 * on that path, so it is inert here rather than a second issuer or CA connection.
 */
function receiptContext(host: Host): IssuanceContext {
  return {
    store: host.store,
    issuer: { sign: () => Promise.reject(hostError('INTERNAL', 'receipts do not sign')) },
    terminalId: host.terminal.terminalId,
    municipalityCode: host.terminal.municipalityCode,
    now: () => new Date(),
    deliverNow: () => Promise.resolve(),
    ca: undefined,
  };
}

/** `printer`: the shell's own A4 printing (Electron); without one the renderer uses the browser's dialog. */
export function documentHandlers(host: Host, printer: DocumentPrinter | undefined, { signedIn, reading }: ClerkAccess): Pick<Handlers, DocumentChannel> {
  return {
    'receipt.get': signedIn(({ applicationId }) => resultFor(receiptContext(host), applicationId, jstDate(new Date())).receipt),
    'print.document': signedIn(({ document, applicationId, reprint }) =>
      printer === undefined ? { method: 'browser' as const } : printer.print({ document, applicationId, reprint: reprint ?? false }),
    ),
    'report.day': reading(({ date }) => dayReportFromStore(host.store, date ?? toJstDateTime(Date.now()).date)),
  };
}
