/**
 * Runs `work` over `items` with at most `limit` at a time; once `isStopped` says so, no new
 * item starts. Returns the items never started.
 */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, isStopped: () => boolean): Promise<T[]> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !isStopped()) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  });
  await Promise.all(workers);
  return items.slice(next);
}
