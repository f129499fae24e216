import { domainError } from './errors';
import { outboxStates, type OutboxState } from './vocabulary';

/** What moves a CA request (an outbox row) along; docs/design.md §5 describes the queue. */
export const outboxEvents = [
  'claim', // the sync engine takes a waiting row to send it (attempts + 1)
  'recover', // found `sending` when the database is opened: the process that sent it died
  'retryLater', // a transient failure, or the CA's "accepted, not issued yet": due again later
  'refuse', // the CA said no for good; the clerk sees it
  'park', // a row that cannot be read leaves the queue so it stops coming back
  'deliver', // the CA's certificate, or its confirmation of a revocation, is recorded
  'requeue', // the clerk's retry: due now, attempts kept for the record
  'acknowledge', // the clerk decided a refused request needs nothing more
] as const;
export type OutboxEvent = (typeof outboxEvents)[number];

/**
 * The whole table; anything missing is illegal. `pending` may take the answers of `sending`
 * because another process opening the database puts an in-flight row back while its request is
 * still on the wire; a certificate the CA issued is recorded whatever the row says meanwhile, so
 * `deliver` starts anywhere but `done`. `done` is final. Putting a claimed row back as it was
 * (a round that stopped for a reason not the row's) is the reverse of its `claim`.
 */
export const outboxTransitions = {
  pending: { claim: 'sending', retryLater: 'failed_retryable', refuse: 'failed_permanent', park: 'failed_permanent', deliver: 'done', requeue: 'pending' },
  sending: { recover: 'pending', retryLater: 'failed_retryable', refuse: 'failed_permanent', deliver: 'done' },
  failed_retryable: { claim: 'sending', park: 'failed_permanent', deliver: 'done', requeue: 'pending' },
  failed_permanent: { deliver: 'done', requeue: 'pending', acknowledge: 'failed_permanent' },
  done: {},
} as const satisfies Record<OutboxState, Partial<Record<OutboxEvent, OutboxState>>>;

/** The state `event` moves a row in `state` to, or undefined when the table does not allow it. */
export function nextOutboxState(state: OutboxState, event: OutboxEvent): OutboxState | undefined {
  const row: Partial<Record<OutboxEvent, OutboxState>> = outboxTransitions[state];
  return Object.hasOwn(row, event) ? row[event] : undefined;
}

/** The states in which `event` is allowed, in table order. */
export function outboxStatesAllowing(event: OutboxEvent): OutboxState[] {
  return outboxStates.filter((state) => nextOutboxState(state, event) !== undefined);
}

/**
 * Where `event` takes a row, from whichever state it is allowed in. Every event of the table
 * has one destination (a test keeps it so), which lets the repository write it in one UPDATE.
 */
export function outboxEventTarget(event: OutboxEvent): OutboxState {
  const [first] = outboxStatesAllowing(event);
  const target = first === undefined ? undefined : nextOutboxState(first, event);
  if (target === undefined) throw domainError('DOMAIN_UNKNOWN_EVENT', `outbox event '${event}' is allowed in no state`);
  return target;
}
