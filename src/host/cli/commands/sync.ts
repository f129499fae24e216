import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import type { ReferenceCa } from '../../../ca/reference-ca';
import { resolveCa } from '../../ca-connection';
import { ConfigError, loadCaConnection, loadConfig } from '../../data-dir';
import { caLabels } from '../../../domain/vocabulary';
import { EstClient } from '../../../sync/est-client';
import { SyncEngine, type SyncStatus } from '../../../sync/sync-engine';
import { openTerminalStore, parseCommon } from '../common-options';

const usage = 'usage: madoguchi sync [--once] [--json] [--data DIR]';

function statusView(status: SyncStatus) {
  return {
    ...status,
    lastSuccessAt: status.lastSuccessAt === null ? null : new Date(status.lastSuccessAt).toISOString(),
    lastError: status.lastError === null ? null : { ...status.lastError, at: new Date(status.lastError.at).toISOString() },
  };
}

function statusLine(status: SyncStatus): string {
  const reach = status.caReachable === null ? 'not tried' : status.caReachable ? 'reachable' : 'unreachable';
  const error = status.lastError === null ? '' : `; last error ${status.lastError.code}: ${status.lastError.en}`;
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

async function runSync(once: boolean, json: boolean, data: string | undefined, io: CliIo): Promise<number> {
  const opened = openTerminalStore(data, io.env, { isSyncOwner: true });
  let client: EstClient | undefined;
  let trainingCa: ReferenceCa | undefined;
  try {
    const loaded = loadConfig(opened.paths);
    const { config } = loaded;
    const resolved = await resolveCa(opened.paths, loaded);
    trainingCa = resolved.trainingCa;
    const connection = resolved.connection ?? loadCaConnection(opened.paths, config);
    client = new EstClient({ ...connection, maxSockets: config.sync.concurrency, connectTimeoutMs: config.sync.connectTimeoutMs, responseTimeoutMs: config.sync.responseTimeoutMs });
    const est = client;
    const engine = new SyncEngine({
      store: opened.store,
      transport: est,
      concurrency: config.sync.concurrency,
      idleIntervalMs: config.sync.idleIntervalMs,
      probe: () => est.cacerts(caLabels.sign),
    });
    if (once) {
      const round = await engine.syncNow();
      const status = engine.status();
      if (json) io.stdout.write(`${JSON.stringify({ round, status: statusView(status) })}\n`);
      else io.stdout.write(`sent ${round.attempted}: ${round.issued} issued, ${round.pending} pending at the CA, ${round.retryable} to retry, ${round.permanent} failed\n${statusLine(status)}\n`);
      return ExitCode.ok;
    }
    const signal = untilSignal();
    const unsubscribe = engine.onStatus((status) => {
      if (!json) io.stdout.write(`${new Date().toISOString()} ${statusLine(status)}\n`);
    });
    engine.start();
    await signal.promise;
    signal.dispose();
    await engine.stop();
    unsubscribe();
    if (json) io.stdout.write(`${JSON.stringify({ status: statusView(engine.status()) })}\n`);
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`madoguchi: ${error.code}: ${error.message}\n`);
    return ExitCode.failure;
  } finally {
    client?.close();
    await trainingCa?.close();
    opened.close();
  }
}

/** `madoguchi sync`: deliver the outbox to the CA named in the data directory's config. */
export const syncCommand: CliCommand = {
  path: ['sync'],
  summary: 'send queued certificate requests to the CA (--once: one round, then exit)',
  usage,
  async run(args, io) {
    const { json, data, flags, positionals } = parseCommon(args, { once: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
    return runSync(flags['once'] === true, json, data, io);
  },
};
