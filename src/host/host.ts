/**
 * THE composition root (docs/design.md §3): every shell and every CLI command that changes terminal
 * state builds its terminal here, so a data directory has exactly one owner, one store, one
 * sync engine (the only sender of its outbox), one PC/SC context and one CA connection.
 *
 * Order: data directory → lock → config → store (+ in-flight rows put back, recovery) → CA
 * (configured, or the training CA in-process) → sync engine → PC/SC → issuer signer (loaded on
 * first use, so commands that never touch a card run without a key). `close()` undoes it in
 * reverse and releases the lock.
 */
import type { TerminalInfo, Timeouts } from '../api/contract';
import type { ReferenceCa } from '../ca/reference-ca';
import type { ProcedureOutcome } from '../api/visit';
import type { Procedure } from '../domain/vocabulary';
import type { IssuanceContext } from '../issuance/context';
import { recoverInterrupted, type RecoveryReport } from '../issuance/recover';
import { reportPendingRevocations } from '../issuance/revoke';
import { ProgressEvents } from '../issuance/progress';
import { Store } from '../store/unit-of-work';
import type { SyncEngine } from '../sync/sync-engine';
import type { CaCardRecord, EstClient } from '../sync/est-client';
import { loadResidents } from '../virtual-card/training';
import { join } from 'node:path';
import { hostError } from '../api/errors';
import type { IssuerSigner } from '../card/issuer';
import { resolveCa, type ResolvedCa } from './ca-connection';
import { HttpsResetAuthority } from './reset-authority';
import { startTrainingCaProcess } from './training-ca-process';
import { ClerkDirectory, loadTrainingClerks, type ClerkEntry, type SignInFailureLedger } from './clerks';
import { configError, ensureDataDir, loadCaConnection, loadConfig, resolveDataDir, type LoadedConfig, type TerminalConfig } from './data-dir';
import type { Host, ProcedureHooks, ProcedureInput } from './host-types';
import { lazyIssuer, trainingResourcesDir } from './issuer-key';
import { acquireLock } from './lock';
import { runWithHandler, type ProcedureRun } from '../issuance/procedures';
import { openCardSession } from './open-card';
import { noReaders, watchReaders, type HostReaderWatch } from './reader-watch';
import { buildSync } from './sync-control';
import { openTerminalDatabase } from './terminal-database';

/** A self-service terminal never holds an issuer key: any procedure that needs one stops here. */
const noIssuer: IssuerSigner = { sign: () => Promise.reject(hostError('TERMINAL_NO_ISSUER_KEY', 'a self-service terminal holds no issuer key')) };

/**
 * Housekeeping, not service: a purge that cannot run now (another process holds the write lock
 * past the busy timeout, a full disk) must not stop the terminal; the next run purges (R-RET-7).
 */
/** Failed clerk sign-ins live in the terminal database; the start of a lockout is audited with them. */
function signInFailureLedger(store: Store): SignInFailureLedger {
  return {
    read: (clerkId) => store.signInFailures.get(clerkId),
    write: (clerkId, state, lockoutStarted) =>
      store.unitOfWork(() => {
        store.signInFailures.put(clerkId, state);
        if (lockoutStarted) store.audit.append({ actor: clerkId, action: 'clerk.locked-out', subject: clerkId, details: { failures: state.failures, lockedUntil: state.lockedUntil } });
      }),
    clear: (clerkId) => store.signInFailures.clear(clerkId),
  };
}

function purgeQuietly(store: Store): void {
  try {
    store.purgePersonalData();
  } catch {
    // Purged at the next start, recovery or close.
  }
}

export interface BuildHostOptions {
  /** `--data DIR`; else `$MADOGUCHI_DATA`, else `$XDG_DATA_HOME/madoguchi` (docs/design.md §8). */
  readonly dataFlag?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly now?: () => Date;
  /** Long-lived shells run the sync loop; one-shot CLI commands send only when asked. */
  readonly startSync?: boolean;
  /** false for commands that never touch a card: no PC/SC context at all. Default true. */
  readonly pcsc?: boolean;
  /** `start --self-service`: a training terminal becomes a self-service one; a configured one must be. */
  readonly selfService?: boolean;
}

/** What the CLI needs beyond `Host`: the whole use-case answer and the startup recovery. */
export interface TerminalHost extends Host {
  readonly config: TerminalConfig;
  /** What recovery at startup finished or ended (interrupted visits). */
  readonly startupRecovery: RecoveryReport;
  /** The one sync engine (undefined without a CA): `sync --once` reports its round. */
  readonly engine: SyncEngine | undefined;
  /** Every step of every procedure and of the sync engine, as it passes (the CLI's `--progress`, logs). */
  readonly progress: ProgressEvents;
  runProcedureDetailed(input: ProcedureInput, hooks?: ProcedureHooks): Promise<{ readonly outcome: ProcedureOutcome; readonly run: ProcedureRun }>;
}

function terminalInfo(loaded: LoadedConfig, training: string | undefined): TerminalInfo {
  const { config } = loaded;
  const municipality = config.municipality ?? (config.training && training !== undefined ? loadResidents(training).municipality : undefined);
  if (municipality === undefined) throw configError('CONFIG_INVALID', 'municipality: required (no config.json municipality and no training residents)', ['municipality']);
  return {
    terminalId: config.terminalId ?? (config.training ? 'training-terminal' : 'terminal'),
    mode: config.mode === 'self-service' ? 'selfService' : 'counter',
    municipalityCode: municipality.code,
    municipalityName: municipality.name,
    training: config.training,
  };
}

function timeoutsOf(config: TerminalConfig): Timeouts {
  return {
    applicantIdleMs: config.timeouts.applicantIdleSeconds * 1000,
    applicantWarningMs: config.timeouts.applicantWarningSeconds * 1000,
    clerkIdleMs: config.timeouts.clerkIdleSeconds * 1000,
  };
}

function clerksOf(config: TerminalConfig, training: string | undefined): ClerkEntry[] {
  if (config.clerks !== undefined) return config.clerks;
  return config.training && training !== undefined ? loadTrainingClerks(training) : [];
}

/** The card screen waits this long for the CA's records of a card, then says they are unknown. */
const caRecordsWaitMs = 4_000;

/** `x-card` bounded in time: a CA slow to answer must not hold the card screen. */
function caRecordsWithin(directory: EstClient, waitMs: number): (cardSerial: string) => Promise<readonly CaCardRecord[]> {
  return (cardSerial) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the CA did not answer in time')), waitMs);
    });
    return Promise.race([directory.cardRecords(cardSerial), late]).finally(() => clearTimeout(timer));
  };
}

export async function buildHost(options: BuildHostOptions): Promise<TerminalHost> {
  const paths = ensureDataDir(resolveDataDir(options.dataFlag, options.env));
  const releaseLock = acquireLock(paths.dir);
  const undo: (() => Promise<void> | void)[] = [releaseLock];
  const unwind = async (): Promise<void> => {
    for (const step of undo.splice(0).reverse()) {
      try {
        await step();
      } catch {
        // Closing what is left must go on.
      }
    }
  };
  try {
    const loaded = loadConfig(paths, options.selfService === true);
    const { config } = loaded;
    const isSelfService = config.mode === 'self-service';
    const training = config.training ? trainingResourcesDir() : undefined;
    const terminal = terminalInfo(loaded, training);
    const now = options.now ?? (() => new Date());
    const progress = new ProgressEvents();

    // The owner puts rows a killed sender left `sending` back to `pending` (nobody else sends).
    const { db, auditAnchor } = openTerminalDatabase(paths, { recoverInterrupted: true });
    undo.push(() => {
      db.close();
    });
    const store = new Store(db, Date.now, auditAnchor);
    const startupRecovery = recoverInterrupted(store);
    purgeQuietly(store);
    const clerkDirectory = new ClerkDirectory(isSelfService ? [] : clerksOf(config, training), () => (options.now ?? (() => new Date()))().getTime(), signInFailureLedger(store));

    // A self-service terminal files nothing for the CA's queue: it only relays resets, and its
    // training CA runs in a process of its own, the one that holds the training issuer key.
    let resetAuthority: HttpsResetAuthority | undefined;
    let resolved: ResolvedCa = { connection: undefined };
    if (isSelfService) {
      let connection = config.ca === undefined ? undefined : loadCaConnection(paths, config);
      if (connection === undefined && config.training) {
        const caProcess = await startTrainingCaProcess(join(paths.dir, 'training-ca'), options.env);
        undo.push(() => caProcess.close());
        connection = caProcess.connection;
      }
      if (connection !== undefined) {
        const authority = new HttpsResetAuthority(connection, { connectTimeoutMs: config.sync.connectTimeoutMs, responseTimeoutMs: config.sync.responseTimeoutMs });
        undo.push(() => authority.close());
        resetAuthority = authority;
      }
    } else resolved = await resolveCa(paths, loaded, { terminalId: terminal.terminalId, municipalityCode: terminal.municipalityCode });
    const trainingCa: ReferenceCa | undefined = resolved.trainingCa;
    if (trainingCa !== undefined) undo.push(() => trainingCa.close());
    const hostSync = buildSync({ store, connection: resolved.connection, sync: config.sync, onProgress: (step) => progress.emit(step), now: () => now().getTime() });
    undo.push(() => hostSync.close());
    const engine: SyncEngine | undefined = hostSync.engine;

    const readers: HostReaderWatch = options.pcsc === false ? noReaders() : await watchReaders();
    undo.push(() => readers.close());

    const baseContext: IssuanceContext = {
      store,
      issuer: isSelfService ? noIssuer : lazyIssuer(paths, config),
      terminalId: terminal.terminalId,
      municipalityCode: terminal.municipalityCode,
      now,
      deliverNow: (first) => hostSync.deliverNow(first),
      ca: hostSync.directory,
      onProgress: (step) => progress.emit(step),
    };

    const recover = async (): Promise<RecoveryReport & { readonly revocationsReported: number }> => {
      const report = recoverInterrupted(store);
      purgeQuietly(store);
      const revocations = await reportPendingRevocations(baseContext);
      return { ...report, revocationsReported: revocations.reported };
    };

    const runProcedureDetailed = async (input: ProcedureInput, hooks: ProcedureHooks = {}) => {
      const removeListener = hooks.onProgress === undefined ? () => undefined : progress.subscribe(hooks.onProgress);
      try {
        const context: IssuanceContext = { ...baseContext, clerkId: input.request.clerkId, ...(hooks.signal === undefined ? {} : { signal: hooks.signal }) };
        const run = await runWithHandler(context, input.request, input.card, input.secrets, input.current ?? {});
        return { outcome: toOutcome(input.request.procedure, run.results), run };
      } finally {
        removeListener();
      }
    };

    if (options.startSync === true) {
      engine?.start();
      // Revocations owed since the last run go out as soon as the CA answers.
      void reportPendingRevocations(baseContext).catch(() => undefined);
    }

    let closing: Promise<void> | undefined;
    const host: TerminalHost = {
      paths,
      config,
      terminal,
      timeouts: timeoutsOf(config),
      store,
      sync: hostSync.control,
      readers,
      clerks: clerkDirectory.clerks,
      ...(resetAuthority === undefined ? {} : { resetAuthority }),
      ...(hostSync.directory === undefined ? {} : { caRecords: caRecordsWithin(hostSync.directory, caRecordsWaitMs) }),
      ...(trainingCa === undefined
        ? {}
        : {
            trainingCa: {
              isReachable: () => trainingCa.isReachable(),
              async setReachable(isReachable: boolean) {
                trainingCa.setReachable(isReachable);
                await hostSync.control.syncNow();
              },
            },
          }),
      startupRecovery,
      engine,
      progress,
      verifyClerk: (clerkId, pin) => clerkDirectory.verify(clerkId, pin),
      openCard: (reader, waitMs) => openCardSession(readers, reader, waitMs),
      runProcedureDetailed,
      runProcedure: async (input, hooks) => (await runProcedureDetailed(input, hooks)).outcome,
      recover,
      close() {
        closing ??= (async () => {
          await engine?.stop();
          // The visit is over: completed, fully synced applications no longer need the basic
          // 4 information (docs/design.md §5). A failure leaves it for the next start.
          try {
            store.purgePersonalData();
          } catch {
            // Purged later.
          }
          await unwind();
        })();
        return closing;
      },
    };
    return host;
  } catch (error) {
    await unwind();
    throw error;
  }
}

function toOutcome(procedure: Procedure, results: ProcedureRun['results']): ProcedureOutcome {
  return {
    procedure,
    applications: results.map((r) => ({ applicationId: r.applicationId, state: r.state })),
    receipts: results.map((r) => r.receipt),
  };
}
