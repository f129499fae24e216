/**
 * What the commands that change terminal state share: they build THE host (host.ts) for the
 * data directory, which refuses with TERMINAL_BUSY when a running terminal owns it, and they
 * print a failure as its code and the catalogue's words (src/words/errors.ts).
 */
import { toApiError, type ErrorCode } from '../../api/errors';
import { errorMessages } from '../../words/errors';
import { resolveDataDir } from '../../host/data-dir';
import { buildHost, type BuildHostOptions, type TerminalHost } from '../../host/host';
import { ExitCode, type CliIo } from './command';
import { storeFailureExit } from './store-failure';

/** Refusals on the merits (rules, passwords): the input was understood and judged invalid. */
const judgementCodes: ReadonlySet<ErrorCode> = new Set(['ISSUE_NOT_ELIGIBLE', 'ISSUE_MISSING_DOCUMENTS', 'ISSUE_BAD_PASSWORD']);

/** The clerk's sentence for a code (English: the CLI's language), from the renderer's catalogue. */
export function wordsFor(code: ErrorCode): string {
  return errorMessages[code].en;
}

/**
 * Prints a failure and returns the exit code. Known failures print `CODE: words (detail)`;
 * a failure of unknown kind is rethrown (a bug, not a refusal).
 */
export function errorExit(error: unknown, io: CliIo, where?: string): number {
  const fileFault = storeFailureExit(error, io, where);
  if (fileFault !== undefined) return fileFault;
  const api = toApiError(error);
  if (api.code === 'INTERNAL' && !(error instanceof Error && 'code' in error)) throw error;
  const detail = error instanceof Error ? error.message : '';
  io.stderr.write(`madoguchi: ${api.code}: ${wordsFor(api.code)}${detail === '' ? '' : ` (${detail})`}\n`);
  return judgementCodes.has(api.code) ? ExitCode.invalid : ExitCode.failure;
}

export type HostCommandOptions = Pick<BuildHostOptions, 'pcsc' | 'startSync' | 'selfService'> & {
  /** `--progress`: each step of the procedures and of the sync, one line on stderr as it passes. */
  readonly progress?: boolean;
};

/** Builds the host, runs `work`, closes the host; failures become messages and exit codes. */
export async function withHost(data: string | undefined, io: CliIo, options: HostCommandOptions, work: (host: TerminalHost) => Promise<number>): Promise<number> {
  let host: TerminalHost | undefined;
  try {
    const { progress, ...hostOptions } = options;
    host = await buildHost({ dataFlag: data, env: io.env, ...hostOptions });
    if (progress === true) host.progress.subscribe((step) => io.stderr.write(`madoguchi: step ${step}\n`));
    return await work(host);
  } catch (error) {
    return errorExit(error, io, resolveDataDir(data, io.env));
  } finally {
    await host?.close();
  }
}
