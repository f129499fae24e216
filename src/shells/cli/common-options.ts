/** Options and the database handle that several terminal commands share (docs/design.md §8). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ensureDataDir, resolveDataDir, type DataDirPaths } from '../../host/data-dir';
import { Store } from '../../store/unit-of-work';
import { isStoreError, type StoreError } from '../../store/errors';
import { openTerminalDatabase } from '../../host/terminal-database';
import { UsageError } from './command';

/**
 * Opens the terminal database for reading beside whoever owns it (docs/design.md §8). It never
 * declares in-flight rows abandoned and never recovers: only the owner's host (host.ts) does.
 */
export function openTerminalStore(dataFlag: string | undefined, env: NodeJS.ProcessEnv): { store: Store; paths: DataDirPaths; close: () => void } {
  const paths = ensureDataDir(resolveDataDir(dataFlag, env));
  const { db, auditAnchor } = openTerminalDatabase(paths, { recoverInterrupted: false });
  return { store: new Store(db, Date.now, auditAnchor), paths, close: () => db.close() };
}

/**
 * Runs a read of the terminal database beside whoever owns it, and closes it. A store failure on
 * opening or reading (a missing or damaged database) comes back to `onStoreError`, which says it
 * with its code; anything else is not a store matter and propagates.
 */
export function withTerminalStore(dataFlag: string | undefined, env: NodeJS.ProcessEnv, read: (store: Store) => number, onStoreError: (error: StoreError) => number): number {
  let opened: ReturnType<typeof openTerminalStore>;
  try {
    opened = openTerminalStore(dataFlag, env);
  } catch (error) {
    if (isStoreError(error)) return onStoreError(error);
    throw error;
  }
  try {
    return read(opened.store);
  } catch (error) {
    if (isStoreError(error)) return onStoreError(error);
    throw error;
  } finally {
    opened.close();
  }
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

/** A command that takes no words besides its options: any is refused by name. */
export function refusePositionals(positionals: readonly string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
}

/**
 * The options of a command that takes no words, parsed strictly: an unknown option, a missing
 * value or a stray word is a UsageError, in parseArgs' words unless `refusal` gives others
 * (parseArgs quotes the offending argument, which for some commands may be a secret).
 */
export function parseFlags<const O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O, refusal?: string) {
  try {
    return parseArgs({ args: [...args], strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new UsageError(refusal ?? (error instanceof Error ? error.message : String(error)));
  }
}
