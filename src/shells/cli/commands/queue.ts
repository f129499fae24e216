import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { parseCommon, withTerminalStore } from '../common-options';
import { errorExit, withHost } from '../host-command';
import type { Store } from '../../../store/unit-of-work';
import type { OutboxRecord } from '../../../store/outbox-repo';
import { currentRefusal } from '../../../sync/refusal-record';
import { errorCodes, type ErrorCode } from '../../../api/errors';
import { wordsFor } from '../host-command';
import { printResult } from '../print-result';

const usage = 'usage: madoguchi queue [list | show ID | retry ID | acknowledge ID] [--json] [--data DIR]';

const knownCodes: ReadonlySet<string> = new Set(errorCodes);
const isErrorCode = (code: string): code is ErrorCode => knownCodes.has(code);

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The outbox row as the clerk and scripts see it: no CSR bytes, no personal data. */
export function outboxView(row: OutboxRecord) {
  return {
    id: row.id,
    applicationId: row.applicationId,
    kind: row.certificateKind,
    caLabel: row.caLabel,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: iso(row.nextAttemptAt),
    lastErrorCode: row.lastErrorCode,
    lastErrorMessage: row.lastErrorMessage,
    certificateSerial: row.certificateSerial,
    notAfter: row.notAfter,
    csrSha256: row.csrSha256,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    doneAt: iso(row.doneAt),
  };
}

function runList(store: Store, json: boolean, io: CliIo): number {
  const { rows, corrupt } = store.outbox.list();
  const stats = store.outbox.stats();
  const corruptView = corrupt.map((c) => ({ id: c.facts.rowId, column: c.facts.column, code: c.code }));
  const refusal = currentRefusal(store);
  if (json) {
    const terminalError = refusal === null ? null : { code: refusal.code, at: iso(refusal.at) };
    io.stdout.write(`${JSON.stringify({ rows: rows.map(outboxView), corrupt: corruptView, stats: { ...stats, oldestUndeliveredAt: iso(stats.oldestUndeliveredAt), lastDoneAt: iso(stats.lastDoneAt) }, terminalError })}\n`);
    return ExitCode.ok;
  }
  const lines = rows.map((r) => [r.id, r.certificateKind.padEnd(4), r.state.padEnd(16), String(r.attempts).padStart(3), r.lastErrorCode ?? ''].join('  '));
  io.stdout.write(`${['id                                    kind  state             try  last error', ...lines].join('\n')}\n`);
  io.stdout.write(`${stats.depth} waiting, ${stats.counts.failed_permanent} failed, ${stats.counts.done} done\n`);
  // One reason for the whole queue: the rows themselves are not at fault and say nothing of it.
  if (refusal !== null) io.stdout.write(`sending stopped since ${iso(refusal.at) ?? ''}: the CA refuses this terminal: ${refusal.code}: ${wordsFor(isErrorCode(refusal.code) ? refusal.code : 'INTERNAL')}\n`);
  for (const c of corruptView) io.stderr.write(`corrupt outbox row ${c.id} (column ${c.column})\n`);
  return ExitCode.ok;
}

function runShow(store: Store, id: string, json: boolean, io: CliIo): number {
  const row = store.outbox.get(id);
  let applicationState: string | null;
  try {
    applicationState = store.applications.stateOf(row.applicationId);
  } catch {
    applicationState = null;
  }
  const view = { ...outboxView(row), applicationState };
  printResult(io, json, view, Object.entries(view).map(([k, v]) => `${k.padEnd(18)} ${v === null ? '-' : String(v)}`).join('\n'));
  return ExitCode.ok;
}

/** A change to the queue: only the data directory's owner may make it (refused while a terminal runs). */
function runRetry(data: string | undefined, id: string, json: boolean, io: CliIo): Promise<number> {
  return withHost(data, io, { pcsc: false, startSync: false }, async (host) => {
    host.sync.retry(id, 'cli');
    const row = host.store.outbox.get(id);
    printResult(io, json, outboxView(row), `${id} is pending again; it is sent on the next sync`);
    return ExitCode.ok;
  });
}

/**
 * A request refused for good needs nothing more: recorded with who and when and audited, as the
 * queue screen does it; it stays visible, and no longer counts on the clerk's badge.
 */
function runAcknowledge(data: string | undefined, id: string, json: boolean, io: CliIo): Promise<number> {
  return withHost(data, io, { pcsc: false, startSync: false }, async (host) => {
    host.sync.acknowledge(id, 'cli');
    const row = host.store.outbox.get(id);
    printResult(io, json, { ...outboxView(row), acknowledgedAt: iso(row.acknowledgedAt), acknowledgedBy: row.acknowledgedBy }, `${id} is acknowledged: it stays refused and needs nothing more`);
    return ExitCode.ok;
  });
}

function parse(args: readonly string[]) {
  const { json, data, positionals } = parseCommon(args);
  const [action = 'list', id, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected ${rest.join(' ')}`);
  if (action !== 'list' && action !== 'show' && action !== 'retry' && action !== 'acknowledge') throw new UsageError(`unknown queue action '${action}'`);
  if (action !== 'list' && id === undefined) throw new UsageError(`queue ${action} needs an outbox id`);
  if (action === 'list' && id !== undefined) throw new UsageError('queue list takes no id');
  return { action, id: id ?? '', json, data };
}

function runQueue({ action, id, json, data }: ReturnType<typeof parse>, io: CliIo): number | Promise<number> {
  if (action === 'retry') return runRetry(data, id, json, io);
  if (action === 'acknowledge') return runAcknowledge(data, id, json, io);
  // Reading needs no ownership: a running terminal's queue may be listed beside it.
  let opened = false;
  return withTerminalStore(
    data,
    io.env,
    (store) => {
      opened = true;
      return action === 'list' ? runList(store, json, io) : runShow(store, id, json, io);
    },
    (error) => {
      // An initialised terminal whose database is gone or tampered: say so with its code.
      if (!opened) return errorExit(error, io);
      io.stderr.write(`madoguchi: ${error.code}: ${error.message}\n`);
      return ExitCode.failure;
    },
  );
}

/** `madoguchi queue`: see, retry and acknowledge CA requests (docs/design.md §5: a failed row stays visible and retryable). */
export const queueCommand: CliCommand = {
  path: ['queue'],
  summary: 'list, show, retry or acknowledge the certificate requests waiting for the CA',
  usage,
  run: async (args, io) => runQueue(parse(args), io),
};
