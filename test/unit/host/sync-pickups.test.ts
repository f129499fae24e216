/** The queue status counts certificates the CA issued that still wait for their card: open work at closing time (R-HOURS-2). */
import { buildSync } from '../../../src/host/sync-control';
import type { Store } from '../../../src/store/unit-of-work';
import { sampleApplication, useTestStore } from '../store/fixtures';

let store: Store;
useTestStore({ file: 'madoguchi.sqlite', ready: (s) => ({ store } = s) });

test('R-HOURS-2 an issued application not yet written to its card counts as a pick-up waiting; a written one does not', async () => {
  store.recordNewApplication(sampleApplication({ state: 'issued' }), { actor: 'clerk-1', action: 'application.recorded' });
  store.recordNewApplication(sampleApplication({ state: 'written' }), { actor: 'clerk-1', action: 'application.recorded' });
  const sync = buildSync({ store, connection: undefined, sync: { concurrency: 1, idleIntervalMs: 60_000, connectTimeoutMs: 1000, responseTimeoutMs: 1000 }, onProgress: () => undefined, now: () => Date.now() });
  try {
    expect(sync.control.status().pickUpsWaiting).toBe(1);
  } finally {
    await sync.close();
  }
});
