import { closingWarning, hasQueuedWork, type QueuedWork } from '../../../src/domain/closing-time';
import { parseTimeOfDay } from '../../../src/domain/counter-hours';

const queued: QueuedWork = { requestsWaiting: 2, requestsFailed: 0, pickUpsWaiting: 0 };
const nothing: QueuedWork = { requestsWaiting: 0, requestsFailed: 0, pickUpsWaiting: 0 };
const at = (date: string, time: string) => ({ date, minutes: parseTimeOfDay(time) });

describe('the closing-time warning (R-HOURS-2)', () => {
  test.each([
    ['R-HOURS-2 a Wednesday morning is no closing time', '2025-11-26', '10:00', 'none'],
    ['R-HOURS-2 16:29 is still before the warning', '2025-11-26', '16:29', 'none'],
    ['R-HOURS-2 16:30 starts the warning', '2025-11-26', '16:30', 'closingSoon'],
    ['R-HOURS-2 16:59 is still open', '2025-11-26', '16:59', 'closingSoon'],
    ['R-HOURS-2 17:00 itself is closed', '2025-11-26', '17:00', 'closed'],
    ['R-HOURS-2 late evening of a counter day', '2025-11-26', '23:59', 'closed'],
    ['R-HOURS-2 a national holiday on a weekday (Labour Thanksgiving)', '2026-11-23', '16:45', 'none'],
    ['R-HOURS-2 a substitute holiday', '2025-05-06', '17:30', 'none'],
    ['R-HOURS-2 29 December (a Monday) is closed', '2025-12-29', '16:45', 'none'],
    ['R-HOURS-2 26 December is the last counter day of the year', '2025-12-26', '16:45', 'closingSoon'],
    ['R-HOURS-2 a Saturday', '2025-11-29', '17:10', 'none'],
  ])('%s: %s %s → %s', (_title, date, time, expected) => {
    expect(closingWarning(at(date, time), queued)).toBe(expected);
  });

  test('R-HOURS-2 nothing queued: no warning, even after closing', () => {
    expect(closingWarning(at('2025-11-26', '17:10'), nothing)).toBe('none');
  });

  test.each([
    ['requests waiting', { ...nothing, requestsWaiting: 1 }],
    ['requests failed for good', { ...nothing, requestsFailed: 1 }],
    ['certificates waiting for their card', { ...nothing, pickUpsWaiting: 1 }],
  ])('R-HOURS-2 %s count as queued work', (_title, work) => {
    expect(hasQueuedWork(work)).toBe(true);
    expect(closingWarning(at('2025-11-26', '16:40'), work)).toBe('closingSoon');
  });
});
