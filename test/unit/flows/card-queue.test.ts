/** Card commands run one at a time, in order; one kept waiting past the bound is refused as VISIT_BUSY. */
import { CardQueue } from '../../../src/flows/card-queue';

test('a second command waits for the first and runs after it, in order', async () => {
  const queue = new CardQueue(10_000);
  const order: string[] = [];
  let finishFirst: () => void = () => undefined;
  const first = queue.run(async () => {
    order.push('first started');
    await new Promise<void>((resolve) => (finishFirst = resolve));
    order.push('first done');
  });
  const second = queue.run(() => {
    order.push('second');
    return Promise.resolve('ok');
  });
  // The first started in the same turn; the second has not.
  expect(order).toEqual(['first started']);
  finishFirst();
  await expect(second).resolves.toBe('ok');
  await first;
  expect(order).toEqual(['first started', 'first done', 'second']);
});

test('a command kept waiting past the bound is refused as VISIT_BUSY and never runs; the next still waits its turn', async () => {
  const queue = new CardQueue(50);
  let finishFirst: () => void = () => undefined;
  const first = queue.run(() => new Promise<void>((resolve) => (finishFirst = resolve)));
  let didRun = false;
  await expect(
    queue.run(() => {
      didRun = true;
      return Promise.resolve();
    }),
  ).rejects.toMatchObject({ code: 'VISIT_BUSY' });
  expect(didRun).toBe(false);
  const third = queue.run(() => Promise.resolve('third'));
  finishFirst();
  await first;
  await expect(third).resolves.toBe('third');
});
