/**
 * How long the terminal keeps an application's personal data once it has nothing more to do
 * for it (docs/rules.md R-RET). Pure: the store applies these to its rows with its own clock.
 */
const dayMs = 24 * 60 * 60 * 1000;

export const retention = {
  /** R-RET-2: completed, refused (rejected) or cancelled: the receipt was printed at the counter. */
  finishedMs: 0,
  /** R-RET-3: failed, or a CA request failed permanently: the clerk may still retry it meanwhile. */
  failedMs: 30 * dayMs,
  /** R-RET-4: issued but never picked up here (picked up at another terminal, or not yet). */
  uncollectedMs: 90 * dayMs,
} as const;

/** The `updated_at` at or before which each kind of application is due for the purge. */
export function retentionCutoffs(now: number): { finished: number; failed: number; uncollected: number } {
  return { finished: now - retention.finishedMs, failed: now - retention.failedMs, uncollected: now - retention.uncollectedMs };
}
