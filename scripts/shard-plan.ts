/**
 * How test files are dealt out to shards: longest first, each to the shard with the least work
 * so far (the classic LPT rule), from the durations a previous run recorded. A file never
 * recorded counts as `unknownSeconds`, so a new test file is not starved into one shard.
 */
export interface ShardPlan {
  readonly files: readonly string[];
  readonly expectedSeconds: number;
}

export function planShards(files: readonly string[], durations: Readonly<Record<string, number>>, shardCount: number, unknownSeconds = 20): ShardPlan[] {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new RangeError(`shard count must be a positive integer, got ${shardCount}`);
  const weight = (file: string): number => durations[file] ?? unknownSeconds;
  const ordered = [...new Set(files)].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b));
  const shards = Array.from({ length: shardCount }, () => ({ files: [] as string[], expectedSeconds: 0 }));
  for (const file of ordered) {
    const lightest = shards.reduce((best, shard) => (shard.expectedSeconds < best.expectedSeconds ? shard : best));
    lightest.files.push(file);
    lightest.expectedSeconds += weight(file);
  }
  return shards.filter((shard) => shard.files.length > 0);
}
