/**
 * Sends the audit log's head to the CA once per sync round (docs/design.md §5), so the record of
 * how far this terminal's log reached also lives on a machine its disk cannot roll back. The
 * CA refuses a head that goes back; the terminal notes the first refusal in its own log.
 */
import type { Store } from '../store/unit-of-work';

/** What goes over the wire: no entry content, only where the chain stands. */
export interface AuditHeadMessage {
  readonly seq: number;
  readonly mac: string;
  readonly count: number;
}

export type AuditHeadAnswer = { readonly kind: 'recorded' } | { readonly kind: 'refused'; readonly httpStatus: number; readonly caErrorCode: string | null };

export interface AuditHeadTransport {
  sendAuditHead(head: AuditHeadMessage): Promise<AuditHeadAnswer>;
}

/** A CA without the extension answers 404: nothing to record there, nothing wrong here. */
const notOffered = 404;

export function auditHeadReporter(store: Store, transport: AuditHeadTransport): () => Promise<AuditHeadAnswer> {
  let refusalNoted = false;
  return async () => {
    const head = store.audit.head();
    const answer = await transport.sendAuditHead({ seq: head.seq, mac: head.mac, count: head.seq });
    if (answer.kind === 'refused' && answer.httpStatus !== notOffered && !refusalNoted) {
      // Once per process: every later round would be refused the same way until someone looks.
      refusalNoted = true;
      store.audit.append({ actor: 'sync', action: 'audit.headRefused', details: { seq: head.seq, httpStatus: answer.httpStatus, code: answer.caErrorCode } });
    }
    return answer;
  };
}
