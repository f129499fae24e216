import { planShards } from '../../../scripts/shard-plan';

describe('planShards', () => {
  it('deals the longest files first, each to the least loaded shard', () => {
    const plan = planShards(['a', 'b', 'c', 'd', 'e'], { a: 100, b: 60, c: 50, d: 40, e: 10 }, 2);
    expect(plan.map((s) => s.files)).toEqual([['a', 'd'], ['b', 'c', 'e']]);
    expect(plan.map((s) => s.expectedSeconds)).toEqual([140, 120]);
  });

  it('places every file exactly once, whatever the shard count', () => {
    const files = Array.from({ length: 23 }, (_, i) => `f${i}`);
    for (const count of [1, 2, 3, 7, 40]) {
      const placed = planShards(files, { f3: 90, f11: 5 }, count).flatMap((s) => s.files);
      expect([...placed].sort()).toEqual([...files].sort());
    }
  });

  it('weighs a file without a recorded duration as the default, and drops empty shards', () => {
    const plan = planShards(['new', 'old'], { old: 5 }, 3, 30);
    expect(plan).toEqual([
      { files: ['new'], expectedSeconds: 30 },
      { files: ['old'], expectedSeconds: 5 },
    ]);
  });

  it('refuses a shard count that is not a positive integer', () => {
    expect(() => planShards(['a'], {}, 0)).toThrow(RangeError);
    expect(() => planShards(['a'], {}, 1.5)).toThrow(RangeError);
  });
});
