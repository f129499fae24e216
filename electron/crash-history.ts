/** The crash history of src/desktop/relaunch, kept in the data directory across relaunches. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decideRelaunch, parseCrashHistory, serializeCrashHistory, type RelaunchAction } from '../src/desktop/relaunch';

export const crashHistoryFile = 'crash-history.json';

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Records a process that went and answers what to do; a history that cannot be written still decides. */
export function recordGone(dataDir: string, reason: unknown, nowMs: number): RelaunchAction {
  const file = join(dataDir, crashHistoryFile);
  const decision = decideRelaunch(reason, parseCrashHistory(read(file)), nowMs);
  try {
    writeFileSync(file, serializeCrashHistory(decision.history), { mode: 0o600 });
  } catch {
    // A read-only data directory still relaunches within this run's limit.
  }
  return decision.action;
}
