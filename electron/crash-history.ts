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

/**
 * Records each process that went and answers what to do. This run's crashes are also kept in
 * memory, so a data directory that cannot be written still ends a crash loop.
 */
export function crashRecorder(dataDir: string): (reason: unknown, nowMs: number) => RelaunchAction {
  const file = join(dataDir, crashHistoryFile);
  let seen: readonly number[] = [];
  return (reason, nowMs) => {
    const stored = parseCrashHistory(read(file));
    // What was written includes this run's crashes; when writing failed, memory knows more.
    const history = stored.length >= seen.length ? stored : seen;
    const decision = decideRelaunch(reason, history, nowMs);
    seen = decision.history;
    try {
      writeFileSync(file, serializeCrashHistory(decision.history), { mode: 0o600 });
    } catch {
      // Read-only data directory: the memory above still counts this run's crashes.
    }
    return decision.action;
  };
}
