import { nextOutboxState, outboxEvents, outboxEventTarget, outboxStatesAllowing, outboxTransitions, type OutboxEvent } from '../../../src/domain/outbox-state-machine';
import { outboxStates, type OutboxState } from '../../../src/domain/vocabulary';

describe('outbox row state machine', () => {
  test.each<[string, OutboxState, OutboxEvent, OutboxState]>([
    ['a waiting row is claimed to be sent', 'pending', 'claim', 'sending'],
    ['a row waiting after a failure is claimed again', 'failed_retryable', 'claim', 'sending'],
    ['a row found sending on open was left by a dead process', 'sending', 'recover', 'pending'],
    ['a transient failure waits for its due time', 'sending', 'retryLater', 'failed_retryable'],
    ['the CA refuses for good', 'sending', 'refuse', 'failed_permanent'],
    ['the CA answers', 'sending', 'deliver', 'done'],
    ['an answer lands after another process put the row back', 'pending', 'deliver', 'done'],
    ['a certificate issued after the clerk saw a refusal is still recorded', 'failed_permanent', 'deliver', 'done'],
    ['a row that cannot be read leaves the queue', 'failed_retryable', 'park', 'failed_permanent'],
    ["the clerk's retry", 'failed_permanent', 'requeue', 'pending'],
    ['the clerk acknowledges a refusal: the row stays refused', 'failed_permanent', 'acknowledge', 'failed_permanent'],
  ])('%s: %s + %s → %s', (_title, from, event, to) => {
    expect(nextOutboxState(from, event)).toBe(to);
  });

  test.each<[string, OutboxState, OutboxEvent]>([
    ['done is final: no second answer', 'done', 'deliver'],
    ['done is final: no retry', 'done', 'requeue'],
    ['a row in flight is not claimed twice', 'sending', 'claim'],
    ['a refused row is not sent again without the clerk', 'failed_permanent', 'claim'],
    ['a row in flight is not requeued under its sender', 'sending', 'requeue'],
    ['only a refusal is acknowledged', 'failed_retryable', 'acknowledge'],
    ['a row that waits is not refused by an answer it never had', 'failed_retryable', 'refuse'],
    ['recovery only concerns rows in flight', 'failed_retryable', 'recover'],
  ])('%s: %s + %s is refused', (_title, from, event) => {
    expect(nextOutboxState(from, event)).toBeUndefined();
  });

  test('every (state, event) pair is either in the table or refused, and done takes no event', () => {
    let legal = 0;
    for (const state of outboxStates) {
      const row: Partial<Record<OutboxEvent, OutboxState>> = outboxTransitions[state];
      for (const event of outboxEvents) {
        expect(nextOutboxState(state, event)).toBe(row[event]);
        if (row[event] !== undefined) legal += 1;
      }
    }
    expect(legal).toBe(17);
    expect(outboxEvents.filter((event) => nextOutboxState('done', event) !== undefined)).toEqual([]);
  });

  test('each event has one destination from every state that allows it, and every event is allowed somewhere', () => {
    for (const event of outboxEvents) {
      const sources = outboxStatesAllowing(event);
      expect(sources.length).toBeGreaterThan(0);
      expect(new Set(sources.map((state) => nextOutboxState(state, event)))).toEqual(new Set([outboxEventTarget(event)]));
    }
  });

  test('every row that is not done can still reach done', () => {
    for (const start of outboxStates) {
      const seen = new Set<OutboxState>([start]);
      const queue: OutboxState[] = [start];
      for (let guard = 0; queue.length > 0 && guard < 100; guard += 1) {
        const state = queue.shift();
        if (state === undefined) break;
        for (const event of outboxEvents) {
          const next = nextOutboxState(state, event);
          if (next !== undefined && !seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect(seen.has('done')).toBe(true);
    }
  });
});
