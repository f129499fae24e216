/**
 * Faults of the terminal's files at the CLI edge: a damaged database, a read-only
 * data directory, a full disk. Each leaves as its code, the path, the clerk's sentence from the
 * catalogue and its own sysexits-style exit code (README "Exit codes"), not a bare SQLite text.
 */
import { errorMessages } from '../../words/errors';
import { storeFileErrorCode, type StoreFileErrorCode, isStoreFileError } from '../../store/errors';
import { ExitCode, type CliIo } from './command';

const exitCodes: Record<StoreFileErrorCode, number> = {
  STORE_FILE_CORRUPT: ExitCode.dataError,
  STORE_READ_ONLY: ExitCode.cannotWrite,
  STORE_DISK_FULL: ExitCode.ioError,
};

function pathOf(error: unknown): string | undefined {
  if (isStoreFileError(error)) return error.facts.path;
  if (typeof error === 'object' && error !== null && 'path' in error && typeof error.path === 'string') return error.path;
  return undefined;
}

/**
 * Prints a file fault and returns its exit code, or undefined when `error` is not one.
 * `where` names the data directory when the error itself carries no path (a write on a
 * descriptor, such as the lock file's).
 */
export function storeFailureExit(error: unknown, io: CliIo, where?: string): number | undefined {
  const code = isStoreFileError(error) ? error.code : storeFileErrorCode(error);
  if (code === undefined) return undefined;
  const path = pathOf(error) ?? where ?? 'the terminal database';
  io.stderr.write(`madoguchi: ${code}: ${errorMessages[code].en} (${path})\n`);
  return exitCodes[code];
}
