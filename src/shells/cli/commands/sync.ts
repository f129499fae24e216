import { ExitCode, type CliCommand, type CliIo } from '../command';
import { configError } from '../../../host/data-dir';
import type { ErrorCode } from '../../../api/errors';
import { errorCodes } from '../../../api/errors';
import type { SyncStatus } from '../../../sync/sync-engine';
import { parseCommon, refusePositionals } from '../common-options';
import { printResult } from '../print-result';
import { withHost, wordsFor } from '../host-command';

const usage = 'usage: madoguchi sync [--once] [--json] [--data DIR]';
const knownCodes: ReadonlySet<string> = new Set(errorCodes);

function isErrorCode(code: string): code is ErrorCode {
  return knownCodes.has(code);
}

function statusView(status: SyncStatus) {
  return {
    ...status,
    lastSuccessAt: status.lastSuccessAt === null ? null : new Date(status.lastSuccessAt).toISOString(),
    lastError: status.lastError === null ? null : { ...status.lastError, at: new Date(status.lastError.at).toISOString() },
    terminalError: status.terminalError === null ? null : { ...status.terminalError, at: new Date(status.terminalError.at).toISOString() },
  };
}

const wordsOf = (code: string) => wordsFor(isErrorCode(code) ? code : 'INTERNAL');

function statusLine(status: SyncStatus): string {
  // A refusal is not an outage: it is said as what it is, first.
  const reach = status.terminalError !== null ? `refuses this terminal (${status.terminalError.code}: ${wordsOf(status.terminalError.code)})` : status.caReachable === null ? 'not tried' : status.caReachable ? 'reachable' : 'unreachable';
  const code = status.lastError?.code;
  const error = code === undefined ? '' : `; last error ${code}: ${wordsOf(code)}`;
  return `CA ${reach}; ${status.depth} waiting, ${status.failedPermanent} failed${error}`;
}

/** Resolves on the first SIGINT/SIGTERM, removing its handlers either way. */
function untilSignal(): { promise: Promise<string>; dispose: () => void } {
  let onSignal: (signal: string) => void = () => undefined;
  const promise = new Promise<string>((resolve) => {
    onSignal = resolve;
  });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    promise,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

function parse(args: readonly string[]): { once: boolean; json: boolean; data: string | undefined } {
  const { json, data, flags, positionals } = parseCommon(args, { once: { type: 'boolean' } });
  refusePositionals(positionals);
  return { once: flags['once'] === true, json, data };
}

/**
 * The host's one engine delivers the outbox: `--once` one round in a one-shot host; otherwise
 * the host runs its loop until a signal (this is also `start --headless`). Refused while
 * another process owns the data directory: that one is already the sender.
 */
async function runSync({ once, json, data }: ReturnType<typeof parse>, io: CliIo): Promise<number> {
  return withHost(data, io, { pcsc: false, startSync: !once }, async (host) => {
    const engine = host.engine;
    if (engine === undefined) throw configError('CONFIG_NO_CA', `no "ca" section in ${host.paths.config}: cannot reach a CA`);
    if (once) {
      // "Send the queue now": every row not failed for good, whatever its backoff.
      const round = await engine.syncNow({ force: true });
      const status = engine.status();
      const refused = round.stoppedBy?.scope === 'terminal';
      const stopped = round.stoppedBy === null ? '' : `; stopped (${round.stoppedBy.code}), ${round.untouched} put back untouched`;
      printResult(io, json, { round, status: statusView(status) }, `sent ${round.attempted}: ${round.issued} issued, ${round.pending} pending at the CA, ${round.retryable} to retry, ${round.permanent} failed${stopped}\n${statusLine(status)}`);
      if (refused) io.stderr.write(`madoguchi: ${round.stoppedBy?.code ?? ''}: ${wordsOf(round.stoppedBy?.code ?? '')}\n`);
      return refused ? ExitCode.caRefused : ExitCode.ok;
    }
    const signal = untilSignal();
    const unsubscribe = engine.onStatus((status) => {
      if (!json) io.stdout.write(`${new Date().toISOString()} ${statusLine(status)}\n`);
    });
    // The host started its loop before we listened: say where it stands now.
    if (!json) io.stdout.write(`${new Date().toISOString()} ${statusLine(engine.status())}\n`);
    try {
      await signal.promise;
    } finally {
      signal.dispose();
    }
    await engine.stop();
    unsubscribe();
    if (json) io.stdout.write(`${JSON.stringify({ status: statusView(engine.status()) })}\n`);
    return ExitCode.ok;
  });
}

/** `madoguchi sync`: deliver the outbox to the CA named in the data directory's config. */
export const syncCommand: CliCommand = {
  path: ['sync'],
  summary: 'send queued certificate requests to the CA (--once: one round, then exit)',
  usage,
  run: async (args, io) => runSync(parse(args), io),
};
