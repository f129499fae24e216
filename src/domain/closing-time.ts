import { counterHours, isCounterDay, type JstDateTime } from './counter-hours';

/**
 * R-HOURS-2: when the clerk's header warns that work is still queued at closing time. The
 * counter calendar itself (weekdays, holidays, the year-end closure) is counter-hours.ts; this
 * only decides the window and whether anything is left to warn about. Pure: the caller reads
 * the clock and the queue.
 */

/** The warning starts this many minutes before closing (16:30 for a 17:00 close). */
export const closingWarningLeadMinutes = 30;

/** What is still open: CA requests waiting or retrying, refused for good, certificates waiting for their card. */
export interface QueuedWork {
  readonly requestsWaiting: number;
  readonly requestsFailed: number;
  readonly pickUpsWaiting: number;
}

/** `closingSoon` from 16:30 until 17:00; `closed` from 17:00 until midnight of the same counter day. */
export type ClosingWarning = 'none' | 'closingSoon' | 'closed';

export function hasQueuedWork(work: QueuedWork): boolean {
  return work.requestsWaiting > 0 || work.requestsFailed > 0 || work.pickUpsWaiting > 0;
}

/**
 * No warning on a day the counter is closed (a weekend, a holiday, 29 Dec – 3 Jan) nor before
 * 16:30: nobody closes a counter that never opened, and the morning is no time for it.
 */
export function closingWarning(at: JstDateTime, work: QueuedWork): ClosingWarning {
  if (!hasQueuedWork(work) || !isCounterDay(at.date)) return 'none';
  if (at.minutes >= counterHours.closesAt) return 'closed';
  if (at.minutes >= counterHours.closesAt - closingWarningLeadMinutes) return 'closingSoon';
  return 'none';
}
