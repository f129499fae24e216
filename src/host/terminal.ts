/**
 * A small composition root for headless use (CLI, tests): data directory → config → Store,
 * EST client, sync engine, issuer signer, card opener, and the issuance context over them.
 *
 * One process at a time drives a data directory's visits: `terminal.lock` (pid inside) keeps a
 * second CLI from taking another's unfinished visit for a crashed one during recovery.
 */
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CardModel } from '../card/card-model';
import { issuerSignerFromPem, type IssuerSigner } from '../card/issuer';
import { PcscContext } from '../card/pcsc-transport';
import type { IssuanceContext } from '../issuance/context';
import { crashPoint } from '../issuance/crash-point';
import { recoverInterrupted, type RecoveryReport } from '../issuance/recover';
import { reportPendingRevocations } from '../issuance/revoke';
import { openDatabase } from '../store/open-database';
import type { IssuedCertificate } from '../store/outbox-repo';
import { Store } from '../store/unit-of-work';
import type { ReferenceCa } from '../ca/reference-ca';
import { EstClient } from '../sync/est-client';
import { resolveCa } from './ca-connection';
import { SyncEngine, type EnrollTransport } from '../sync/sync-engine';
import { ensureDataDir, loadConfig, resolveDataDir, type DataDirPaths, type TerminalConfig } from './data-dir';

/** Kakamigahara (seed page); the config has no field for it yet. */
const trainingMunicipalityCode = '21213';
/** One delivery round during a visit may take this long before the visit moves on. */
const visitDeliveryBudgetMs = 20_000;

export class TerminalError extends Error {
  override readonly name = 'TerminalError';
  constructor(
    readonly code: 'TERMINAL_BUSY' | 'TERMINAL_NO_ISSUER_KEY',
    message: string,
  ) {
    super(message);
  }
}

/** Store whose row completion is a crash checkpoint too (the window between CA answer and commit). */
class CheckpointedStore extends Store {
  override completeOutboxRow(outboxId: string, issued: IssuedCertificate): { applicationIssued: boolean } {
    const result = super.completeOutboxRow(outboxId, issued);
    crashPoint('sync-after-complete-row');
    return result;
  }
}

/** Node's fs/process errors carry a `code`; checked structurally (they may come from another realm under test runners). */
function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function acquireLock(file: string): () => void {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => {
        try {
          if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) rmSync(file, { force: true });
        } catch {
          // Already gone.
        }
      };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (!Number.isNaN(owner) && owner !== process.pid && isAlive(owner)) throw new TerminalError('TERMINAL_BUSY', `another Madoguchi process (pid ${owner}) is using this data directory`);
    rmSync(file, { force: true });
  }
  throw new TerminalError('TERMINAL_BUSY', 'could not take the data directory lock');
}

/** `<data>/issuer-key.pem`, else the shipped training key (training terminals only). */
function findIssuerKeyFile(paths: DataDirPaths, config: TerminalConfig): string | undefined {
  const own = join(paths.dir, 'issuer-key.pem');
  if (existsSync(own)) return own;
  if (!config.training) return undefined;
  let dir = __dirname;
  for (let i = 0; i < 8; i += 1) {
    const candidate = join(dir, 'resources', 'training', 'issuer', 'issuer-key.pem');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** Loaded on first use, so commands that never touch a card work without a key. */
function lazyIssuer(paths: DataDirPaths, config: TerminalConfig): IssuerSigner {
  let signer: IssuerSigner | undefined;
  return {
    sign(data) {
      if (signer === undefined) {
        const file = findIssuerKeyFile(paths, config);
        if (file === undefined) throw new TerminalError('TERMINAL_NO_ISSUER_KEY', 'no issuer key: put issuer-key.pem in the data directory');
        signer = issuerSignerFromPem(readFileSync(file, 'utf8'));
      }
      return signer.sign(data);
    },
  };
}

export interface CardSession {
  readonly card: CardModel;
  close(): Promise<void>;
}

export interface Terminal {
  readonly paths: DataDirPaths;
  readonly config: TerminalConfig;
  readonly store: Store;
  readonly context: IssuanceContext;
  readonly engine: SyncEngine | undefined;
  /** Waits (bounded) for a card in the reader and connects exclusively. */
  openCard(readerName: string, waitMs?: number): Promise<CardSession>;
  /** Restart work: interrupted applications, then owed revocation reports. */
  recover(): Promise<RecoveryReport & { revocationsReported: number }>;
  close(): Promise<void>;
}

export interface OpenTerminalOptions {
  readonly dataFlag?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly now?: () => Date;
}

export async function openTerminal(options: OpenTerminalOptions): Promise<Terminal> {
  const paths = ensureDataDir(resolveDataDir(options.dataFlag, options.env));
  const loaded = loadConfig(paths);
  const { config } = loaded;
  const releaseLock = acquireLock(join(paths.dir, 'terminal.lock'));
  let db: ReturnType<typeof openDatabase>['db'] | undefined;
  let client: EstClient | undefined;
  let trainingCa: ReferenceCa | undefined;
  try {
    db = openDatabase(paths.database).db;
    const store = new CheckpointedStore(db);
    let engine: SyncEngine | undefined;
    const resolved = await resolveCa(paths, loaded);
    trainingCa = resolved.trainingCa;
    const connection = resolved.connection;
    if (connection !== undefined) {
      const est = new EstClient({ ...connection, maxSockets: config.sync.concurrency, connectTimeoutMs: config.sync.connectTimeoutMs, responseTimeoutMs: Math.min(config.sync.responseTimeoutMs, 15_000) });
      client = est;
      const transport: EnrollTransport = {
        async simpleEnroll(label, csrDer, key) {
          crashPoint('sync-before-enroll');
          const answer = await est.simpleEnroll(label, csrDer, key);
          crashPoint('sync-after-enroll');
          return answer;
        },
      };
      engine = new SyncEngine({ store, transport, concurrency: config.sync.concurrency, idleIntervalMs: config.sync.idleIntervalMs });
    }
    const syncEngine = engine;
    const deliverNow = async (): Promise<void> => {
      if (syncEngine === undefined) return;
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, visitDeliveryBudgetMs);
      });
      await Promise.race([syncEngine.syncNow().then(() => undefined, () => undefined), budget]);
      clearTimeout(timer);
    };
    const context: IssuanceContext = {
      store,
      issuer: lazyIssuer(paths, config),
      terminalId: config.terminalId ?? (config.training ? 'training-terminal' : 'terminal'),
      municipalityCode: options.env['MADOGUCHI_MUNICIPALITY_CODE'] ?? trainingMunicipalityCode,
      now: options.now ?? (() => new Date()),
      deliverNow,
      ca: client,
    };
    const openDb = db;
    const openClient = client;
    const openTrainingCa = trainingCa;
    let pcsc: PcscContext | undefined;
    return {
      paths,
      config,
      store,
      context,
      engine,
      async openCard(readerName, waitMs = 10_000) {
        pcsc ??= await PcscContext.open();
        const context = pcsc;
        await context.waitForCard(readerName, waitMs);
        const transport = await context.connect(readerName);
        const card = new CardModel(transport);
        return { card, close: () => card.close() };
      },
      async recover() {
        const report = recoverInterrupted(store);
        store.purgePersonalData();
        const revocations = await reportPendingRevocations(context);
        return { ...report, revocationsReported: revocations.reported };
      },
      async close() {
        await syncEngine?.stop();
        // The visit is over: completed and fully synced applications no longer need the basic
        // 4 information (design.md §5). A failure here leaves it for the next start's recover().
        try {
          store.purgePersonalData();
        } catch {
          // Kept; purged later.
        }
        openClient?.close();
        await openTrainingCa?.close();
        await pcsc?.close();
        openDb.close();
        releaseLock();
      },
    };
  } catch (error) {
    client?.close();
    await trainingCa?.close();
    db?.close();
    releaseLock();
    throw error;
  }
}
