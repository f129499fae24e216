/** Crash-loop-limited relaunch: relaunch, but not for ever, and never tampered code. */
import fc from 'fast-check';
import { crashLimit, decideRelaunch, goneKind, parseCrashHistory, serializeCrashHistory, shouldRelaunch } from '../../../src/desktop/relaunch';

test('crash loop stops relaunching', () => {
  expect(shouldRelaunch([], 100_000)).toBe(true);
  expect(shouldRelaunch([90_000, 95_000], 100_000)).toBe(true);
  expect(shouldRelaunch([90_000, 95_000, 99_000], 100_000)).toBe(false);
  expect(shouldRelaunch([1_000, 2_000, 3_000], 100_000)).toBe(true);
  // Times in the future (a clock set back) do not count.
  expect(shouldRelaunch([200_000, 300_000, 400_000], 100_000)).toBe(true);
});

test.each([
  ['clean-exit', 'clean'],
  ['crashed', 'crash'],
  ['oom', 'crash'],
  ['killed', 'crash'],
  ['launch-failed', 'crash'],
  ['abnormal-exit', 'crash'],
  ['memory-eviction', 'crash'],
  ['something-new', 'crash'],
  [undefined, 'crash'],
  ['integrity-failure', 'tampered'],
])('reason %s is %s', (reason, kind) => {
  expect(goneKind(reason)).toBe(kind);
});

test('the first crashes relaunch, the third within the window gives up; a clean exit is not recorded', () => {
  let history: readonly number[] = [];
  const actions: string[] = [];
  for (const [reason, at] of [['clean-exit', 0], ['crashed', 1000], ['oom', 2000], ['crashed', 3000]] as const) {
    const decision = decideRelaunch(reason, history, at);
    actions.push(decision.action);
    history = decision.history;
  }
  expect(actions).toEqual(['ignore', 'relaunch', 'relaunch', 'give-up']);
  expect(history).toEqual([1000, 2000, 3000]);
  expect(decideRelaunch('crashed', [1000, 2000], 1000 + crashLimit.windowMs + 5000).action).toBe('relaunch');
  expect(decideRelaunch('integrity-failure', [], 1).action).toBe('give-up');
});

test('fuzz: a loop of crashes always ends, and the history stays bounded', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 }), (gaps) => {
      let history: readonly number[] = [];
      let now = 1_000_000;
      let relaunchesInWindow = 0;
      for (const gap of gaps) {
        now += gap;
        const decision = decideRelaunch('crashed', history, now);
        history = decision.history;
        expect(history.length).toBeLessThanOrEqual(16);
        if (decision.action === 'relaunch') relaunchesInWindow = history.filter((t) => now - t <= crashLimit.windowMs).length;
        expect(relaunchesInWindow).toBeLessThan(crashLimit.maxCrashes);
      }
    }),
  );
});

test('the stored history round-trips; damaged or hostile files count as none', () => {
  expect(parseCrashHistory(serializeCrashHistory([1, 2, 3]))).toEqual([1, 2, 3]);
  for (const text of [undefined, '', 'garbage', '[]', '{"crashes":"x"}', '{"crashes":[-1]}', '{"crashes":[1.5]}', '{"crashes":[1],"more":1}', `{"crashes":[${Array.from({ length: 1001 }, () => 1).join(',')}]}`]) {
    expect(parseCrashHistory(text)).toEqual([]);
  }
});
