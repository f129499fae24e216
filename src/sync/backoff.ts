export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  /** A floor so a zero draw never re-sends in the same breath. */
  readonly minMs: number;
  /** Longest Retry-After we accept from the CA; a larger value is treated as this. */
  readonly maxRetryAfterMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 2_000, capMs: 15 * 60_000, minMs: 250, maxRetryAfterMs: 60 * 60_000 };

/**
 * Exponential backoff with full jitter: a uniform draw in [0, min(cap, base·2^(attempt−1))].
 * Full jitter spreads a terminal's whole backlog (and many terminals) after an outage.
 */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = defaultBackoff): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.max(policy.minMs, Math.floor(draw * ceiling));
}

/** The CA's Retry-After wins over our own schedule, within sane bounds. */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, random: () => number, policy: BackoffPolicy = defaultBackoff): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, policy.minMs), policy.maxRetryAfterMs);
  return backoffDelay(attempt, random, policy);
}
