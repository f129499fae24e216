/** Options and the database handle that several terminal commands share (design.md §8). */
import { parseArgs } from 'node:util';
import { ensureDataDir, resolveDataDir, type DataDirPaths } from '../data-dir';
import { openDatabase } from '../../store/open-database';
import { Store } from '../../store/unit-of-work';
import { UsageError } from './command';

/** Opens the terminal database of the data directory chosen by `--data` / env (design.md §8). */
export function openTerminalStore(
  dataFlag: string | undefined,
  env: NodeJS.ProcessEnv,
  options: { readonly isSyncOwner?: boolean } = {},
): { store: Store; paths: DataDirPaths; close: () => void } {
  const paths = ensureDataDir(resolveDataDir(dataFlag, env));
  // Only the process that sends may declare in-flight rows abandoned; a `queue list` next to a
  // running terminal must not.
  const { db } = openDatabase(paths.database, { recoverInterrupted: options.isSyncOwner === true });
  return { store: new Store(db), paths, close: () => db.close() };
}

export function parseCommon(args: readonly string[], extra: Record<string, { type: 'boolean' | 'string' }> = {}) {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, data: { type: 'string' }, ...extra },
    });
    const flags: Record<string, string | boolean | undefined> = values;
    const data = flags['data'];
    return { json: flags['json'] === true, data: typeof data === 'string' ? data : undefined, flags, positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
