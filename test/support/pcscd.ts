/**
 * Integration-test harness: pcscd with the vpcd readers, and virtual cards in them.
 *
 *   const pcscd = await ensurePcscd();            // takes the cross-process vpcd lock
 *   const card = await insertVirtualCard(0, state);  // or a card file path
 *   … use card.readerName ('Virtual PCD 00 00') through PC/SC …
 *   await card.remove();
 *   await pcscd.release();                        // stops pcscd only if we started it
 *
 * Jest runs integration files --runInBand, but other processes (another helper's run, a
 * second jest) may also want the two vpcd slots: the lock directory serialises them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { loadCardFile, persistTo, saveCardFile } from '../../src/virtual-card/card-file';
import type { CardState } from '../../src/virtual-card/card-state';
import { VirtualCardEngine } from '../../src/virtual-card/engine';
import { VpcdLink, vpcdBasePort, type VpcdEvent } from '../../src/virtual-card/vpcd-link';

const pcscdSocket = '/run/pcscd/pcscd.comm';
const lockDir = process.env.MADOGUCHI_VPCD_LOCK ?? '/tmp/madoguchi-vpcd.lock';
/** How long ensurePcscd waits for another process's test file to free the vpcd slots. */
export const lockWaitMs = 240_000;
const readyWaitMs = 15_000;
/** The vpcd readers of /etc/reader.conf.d/vpcd: slot 0 and slot 1. */
const vpcdPorts = [vpcdBasePort, vpcdBasePort + 1] as const;
/** A TCP TIME-WAIT lasts 60 s on Linux. */
const portFreeWaitMs = 75_000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Jest runs tests in another realm, so `instanceof Error` fails for Node's own errors. */
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

function isPcscdRunning(): boolean {
  return spawnSync('pgrep', ['-x', 'pcscd']).status === 0 && fs.existsSync(pcscdSocket);
}

function isVpcdListening(): boolean {
  const out = spawnSync('ss', ['-ltnH', `sport = :${vpcdBasePort}`], { encoding: 'utf8' });
  return out.status === 0 && out.stdout.trim().length > 0;
}

/**
 * Sockets other than a listener that use a vpcd port locally. The vpcd ports lie in Linux's
 * ephemeral range, so any client connection (a flood test's, or its TIME-WAIT for 60 s) may get
 * one; pcscd binds the port once at start and never opens that reader if the bind fails.
 * scripts/setup reserves the ports where the kernel allows it; this is the fallback.
 */
function vpcdPortHolders(): string[] {
  return vpcdPorts.flatMap((port) => {
    const out = spawnSync('ss', ['-tanH', `sport = :${port}`], { encoding: 'utf8' });
    return out.status === 0 ? out.stdout.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('LISTEN')) : [];
  });
}

async function waitForFreeVpcdPorts(): Promise<void> {
  const deadline = Date.now() + portFreeWaitMs;
  for (;;) {
    const holders = vpcdPortHolders();
    if (holders.length === 0) return;
    if (Date.now() >= deadline) throw new Error(`the vpcd ports are in use, so pcscd could not open its readers:\n${holders.join('\n')}`);
    await delay(500);
  }
}

async function acquireLock(): Promise<void> {
  const deadline = Date.now() + lockWaitMs;
  const owner = path.join(lockDir, 'owner');
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(owner, `${process.pid}\n`);
      return;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    // Stale: the owner died, or never wrote its pid (crashed between mkdir and write).
    let ownerPid: number | undefined;
    try {
      ownerPid = Number.parseInt(fs.readFileSync(owner, 'utf8'), 10);
    } catch {
      ownerPid = undefined;
    }
    const ageMs = (() => {
      try {
        return Date.now() - fs.statSync(lockDir).mtimeMs;
      } catch {
        return 0;
      }
    })();
    const isStale = ownerPid === undefined || Number.isNaN(ownerPid) ? ageMs > 10_000 : !isAlive(ownerPid);
    if (isStale) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new Error(`vpcd lock ${lockDir} still held by pid ${ownerPid ?? '?'}`);
    await delay(200);
  }
}

function releaseLock(): void {
  try {
    const pid = Number.parseInt(fs.readFileSync(path.join(lockDir, 'owner'), 'utf8'), 10);
    if (pid === process.pid) fs.rmSync(lockDir, { recursive: true, force: true });
  } catch {
    // Already gone.
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function startPcscd(): Promise<ChildProcess> {
  fs.mkdirSync('/run/pcscd', { recursive: true });
  await waitForFreeVpcdPorts();
  const child = spawn('pcscd', ['--foreground'], { stdio: 'ignore' });
  const deadline = Date.now() + readyWaitMs;
  while (!(fs.existsSync(pcscdSocket) && isVpcdListening())) {
    if (child.exitCode !== null) throw new Error(`pcscd exited with ${child.exitCode}`);
    if (Date.now() >= deadline) {
      await stopChild(child);
      const holders = vpcdPortHolders();
      throw new Error(`pcscd did not become ready${holders.length > 0 ? `; the vpcd ports are in use:\n${holders.join('\n')}` : ''}`);
    }
    await delay(100);
  }
  return child;
}

let holders = 0;
let started: ChildProcess | undefined;
let acquiring: Promise<void> | undefined;

export interface PcscdHandle {
  release(): Promise<void>;
}

/** Takes the vpcd lock and makes sure pcscd runs; counted, so nested calls are fine. */
export async function ensurePcscd(): Promise<PcscdHandle> {
  if (holders === 0) {
    acquiring ??= (async () => {
      await acquireLock();
      try {
        if (isPcscdRunning()) {
          const deadline = Date.now() + readyWaitMs;
          while (!isVpcdListening() && Date.now() < deadline) await delay(100);
        } else {
          started = await startPcscd();
        }
      } catch (error) {
        releaseLock();
        throw error;
      }
    })();
    try {
      await acquiring;
    } finally {
      acquiring = undefined;
    }
  }
  holders += 1;
  let isReleased = false;
  return {
    release: async () => {
      if (isReleased) return;
      isReleased = true;
      holders -= 1;
      if (holders > 0) return;
      if (started !== undefined) await stopChild(started);
      started = undefined;
      releaseLock();
    },
  };
}

export interface ToolResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a tool asynchronously. Never use spawnSync for anything that talks to a virtual card:
 * the card answers on this process's event loop, so a blocking spawn deadlocks until timeout.
 */
export function runTool(command: string, args: readonly string[], options: { timeoutMs?: number; input?: string } = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // A tool may exit before reading its input; EPIPE on stdin is then no test failure.
    child.stdin.once('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

async function readerLine(readerName: string): Promise<string | undefined> {
  const out = await runTool('opensc-tool', ['-l'], { timeoutMs: 10_000 });
  return out.stdout.split('\n').find((l) => l.trimEnd().endsWith(readerName));
}

/** Card presence as pcscd reports it, through `opensc-tool -l` (it does not connect). */
export async function isCardPresent(readerName: string): Promise<boolean> {
  const line = await readerLine(readerName);
  return line !== undefined && /^\d+\s+Yes\b/.test(line.trim());
}

/** Index of a reader in `opensc-tool -l` / `pkcs15-tool -r N` numbering. */
export async function readerIndex(readerName: string): Promise<number> {
  const line = await readerLine(readerName);
  const index = line === undefined ? Number.NaN : Number.parseInt(line.trim(), 10);
  if (Number.isNaN(index)) throw new Error(`reader ${readerName} not listed`);
  return index;
}

export interface InsertedCard {
  readonly engine: VirtualCardEngine;
  readonly readerName: string;
  readonly link: VpcdLink;
  /** The card file the state is saved to, when inserted from a file. */
  readonly file: string | undefined;
  /** Removes the card and waits (bounded) until pcscd no longer sees it. */
  remove(): Promise<void>;
}

export interface InsertOptions {
  readonly issuerPublicKeys?: readonly KeyObject[];
  readonly waitMs?: number;
}

/**
 * Puts a virtual card into vpcd slot 0 or 1. A state is used in memory only; a file path is
 * loaded and every persistent change is saved back to it. Resolves once pcscd sees the card.
 */
export async function insertVirtualCard(slot: number, card: CardState | string, options: InsertOptions = {}): Promise<InsertedCard> {
  const file = typeof card === 'string' ? card : undefined;
  const state = typeof card === 'string' ? loadCardFile(card) : card;
  const engine = VirtualCardEngine.fromState(state, { issuerPublicKeys: options.issuerPublicKeys });
  if (file !== undefined) persistTo(engine, file);
  const waitMs = options.waitMs ?? 15_000;

  const link = await VpcdLink.connect(engine, { slot, connectTimeoutMs: waitMs });
  const deadline = Date.now() + waitMs;
  const events: VpcdEvent[] = [];
  const unsubscribe = link.onEvent((e) => events.push(e));
  try {
    // pcscd polls with Get ATR, then powers the card up; poll its view after the first ATR.
    while (!events.includes('atr')) {
      if (Date.now() >= deadline || !link.isConnected) throw new Error(`pcscd did not poll ${link.readerName}`);
      await delay(50);
    }
    while (!(await isCardPresent(link.readerName))) {
      if (Date.now() >= deadline || !link.isConnected) throw new Error(`pcscd does not see a card in ${link.readerName}`);
      await delay(100);
    }
  } catch (error) {
    await link.remove();
    throw error;
  } finally {
    unsubscribe();
  }

  return {
    engine,
    readerName: link.readerName,
    link,
    file,
    remove: async () => {
      await link.remove();
      if (file !== undefined) saveCardFile(file, engine.snapshot());
      const until = Date.now() + waitMs;
      while ((await isCardPresent(link.readerName)) && Date.now() < until) await delay(100);
    },
  };
}

export interface CardSimProcess {
  readonly readerName: string;
  readonly file: string;
  /** SIGTERM = removal; resolves once the process saved the card and exited. */
  stop(): Promise<void>;
}

const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * Runs the card in a separate process (`bin/madoguchi card-sim`, compiled code: build first).
 * Use this when the test process itself makes PC/SC calls: pcsclite's close() blocks the event
 * loop, and a card answering on that same loop would deadlock with pcscd.
 */
export async function startCardSim(slot: number, file: string, waitMs = 20_000): Promise<CardSimProcess> {
  const bin = path.join(repoRoot, 'bin', 'madoguchi');
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'src', 'shells', 'cli', 'main.js'))) throw new Error('dist/ missing: run npx tsc -p tsconfig.build.json');
  const child = spawn(process.execPath, [bin, 'card-sim', '--slot', String(slot), '--card', file, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    const readerName = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`card-sim did not start: ${stderr}`)), waitMs);
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        const line = stdout.split('\n')[0];
        if (stdout.includes('\n') && line !== undefined) {
          clearTimeout(timer);
          const parsed: unknown = JSON.parse(line);
          const reader = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'reader') : undefined;
          if (typeof reader === 'string') resolve(reader);
          else reject(new Error(`card-sim printed ${line}`));
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`card-sim exited: ${stderr}`));
      });
    });
    const deadline = Date.now() + waitMs;
    while (!(await isCardPresent(readerName))) {
      if (Date.now() >= deadline) throw new Error(`pcscd does not see a card in ${readerName}`);
      await delay(100);
    }
    return { readerName, file, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
