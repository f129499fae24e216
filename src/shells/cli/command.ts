import type { Readable, Writable } from 'node:stream';

/** What a command may touch: its streams and environment, so tests can run it in-process. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
}

/** Exit codes shared by every command (docs/design.md §8). */
export const ExitCode = {
  ok: 0,
  /** The input was understood and judged invalid (e.g. a password that breaks R-PW). */
  invalid: 1,
  usage: 2,
  failure: 3,
  /** The CA refuses this terminal (401/403, TLS, trust, configuration): nothing was sent (sysexits EX_NOPERM). */
  caRefused: 77,
  /** sysexits EX_DATAERR: the database file is damaged (STORE_FILE_CORRUPT). */
  dataError: 65,
  /** sysexits EX_CANTCREAT: the data directory or database cannot be written (STORE_READ_ONLY). */
  cannotWrite: 73,
  /** sysexits EX_IOERR: no space left for the database (STORE_DISK_FULL). */
  ioError: 74,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliCommand {
  /** Words that select the command, e.g. ['check', 'password']. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Thrown for bad usage; the dispatcher prints it with the command's usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
