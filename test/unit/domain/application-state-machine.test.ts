import {
  allowedEvents,
  applicationEvents,
  isTerminalState,
  transition,
  transitions,
  type ApplicationEvent,
} from '../../../src/domain/application-state-machine';
import { applicationStates, type ApplicationState } from '../../../src/domain/vocabulary';

describe('application state machine (docs/design.md §5, R-PROC)', () => {
  test.each<[string, ApplicationState, ApplicationEvent, ApplicationState]>([
    ['R-PROC-1 draft → card_prepared', 'draft', 'prepareCard', 'card_prepared'],
    ['R-PROC-5 proxy first visit: draft → awaiting_reply', 'draft', 'sendInquiry', 'awaiting_reply'],
    ['R-PROC-5 proxy second visit: awaiting_reply → card_prepared', 'awaiting_reply', 'prepareCard', 'card_prepared'],
    ['R-PROC-1 card_prepared → queued', 'card_prepared', 'queue', 'queued'],
    ['R-PROC-2 password reset needs no CA: card_prepared → completed', 'card_prepared', 'complete', 'completed'],
    ['R-PROC-1 queued → issued', 'queued', 'caIssued', 'issued'],
    ['R-PROC-3 pick-up: issued → written', 'issued', 'writeToCard', 'written'],
    ['R-PROC-6 written → completed', 'written', 'complete', 'completed'],
    ['R-ELIG-3 refused: draft → rejected', 'draft', 'reject', 'rejected'],
    ['R-APP-3 proxy never returns: awaiting_reply → cancelled', 'awaiting_reply', 'cancel', 'cancelled'],
    ['R-PROC-1 CA refuses: queued → failed', 'queued', 'fail', 'failed'],
    ['R-LOCK-5 a password change whose end nobody saw: draft → failed (unconfirmed)', 'draft', 'fail', 'failed'],
    ['R-PROC-5 proxy second visit interrupted before queueing: card_prepared → awaiting_reply', 'card_prepared', 'resumeReply', 'awaiting_reply'],
  ])('%s', (_title, from, event, to) => {
    expect(transition(from, event)).toBe(to);
  });

  test.each<[string, ApplicationState, ApplicationEvent]>([
    ['R-PROC-1 no skipping the card', 'draft', 'queue'],
    ['R-PROC-3 cannot cancel once queued', 'queued', 'cancel'],
    ['R-PROC-3 issued waits for the card, cannot fail', 'issued', 'fail'],
    ['R-PROC-5 cannot await a reply after the card is prepared', 'card_prepared', 'sendInquiry'],
    ['R-PROC-6 completed is final', 'completed', 'reject'],
  ])('%s: %s + %s → DOMAIN_ILLEGAL_TRANSITION', (_title, from, event) => {
    expect(() => transition(from, event)).toThrow(expect.objectContaining({ code: 'DOMAIN_ILLEGAL_TRANSITION' }));
    expect(() => transition(from, event)).toThrow(expect.objectContaining({ code: 'DOMAIN_ILLEGAL_TRANSITION', message: `event '${event}' is not allowed in state '${from}'` }));
  });

  test('R-PROC-1 every (state, event) pair outside the table throws, every pair inside succeeds', () => {
    let legal = 0;
    for (const state of applicationStates) {
      const row: Partial<Record<ApplicationEvent, ApplicationState>> = transitions[state];
      for (const event of applicationEvents) {
        const expected = row[event];
        if (expected === undefined) expect(() => transition(state, event)).toThrow(expect.objectContaining({ code: 'DOMAIN_ILLEGAL_TRANSITION' }));
        else {
          expect(transition(state, event)).toBe(expected);
          legal += 1;
        }
      }
    }
    expect(legal).toBe(18);
  });

  test.each([
    ['R-PROC-6 completed', 'completed', true],
    ['R-ELIG-3 rejected', 'rejected', true],
    ['R-PROC-1 cancelled', 'cancelled', true],
    ['R-PROC-1 failed', 'failed', true],
    ['R-PROC-3 issued is not an end: the card is still to come', 'issued', false],
    ['R-PROC-5 awaiting_reply', 'awaiting_reply', false],
  ] as const)('%s: terminal = %s', (_title, state, terminal) => {
    expect(isTerminalState(state)).toBe(terminal);
    expect(allowedEvents(state).length === 0).toBe(terminal);
  });

  test('R-PROC-1 every non-terminal state can reach completed', () => {
    for (const start of applicationStates.filter((s) => !isTerminalState(s))) {
      const seen = new Set<ApplicationState>([start]);
      const queue: ApplicationState[] = [start];
      for (let guard = 0; queue.length > 0 && guard < 100; guard += 1) {
        const state = queue.shift();
        if (state === undefined) break;
        for (const event of allowedEvents(state)) {
          const next = transition(state, event);
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect(seen.has('completed')).toBe(true);
    }
  });
});
