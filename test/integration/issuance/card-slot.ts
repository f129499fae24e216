/**
 * Inserting and removing a file-backed virtual card, with a card-presence probe that never
 * writes to the probe's stdin (the shared harness's probe can die of EPIPE when opensc-tool
 * exits first, which takes the test and the next insertion down with it).
 */
import { spawn } from 'node:child_process';
import { loadCardFile, persistTo } from '../../../src/virtual-card/card-file';
import { VirtualCardEngine } from '../../../src/virtual-card/engine';
import { VpcdLink } from '../../../src/virtual-card/vpcd-link';

const waitMs = 15_000;
/** Per insertion attempt: when pcscd misses a card it does not see it later either. */
const attemptMs = 6_000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function listReaders(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('opensc-tool', ['-l'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('error', () => {
      clearTimeout(timer);
      resolve('');
    });
    child.once('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

async function isPresent(readerName: string): Promise<boolean> {
  const line = (await listReaders()).split('\n').find((l) => l.trimEnd().endsWith(readerName));
  return line !== undefined && /^\d+\s+Yes\b/.test(line.trim());
}

export interface SlotCard {
  readonly readerName: string;
  remove(): Promise<void>;
}

/** The card file is loaded and every persistent change saved back to it. */
export async function insertCardFile(slot: number, file: string): Promise<SlotCard> {
  let lastError: unknown;
  // A few bounded attempts: pcscd sometimes misses a card put in right after the last one left.
  for (let attempt = 0; attempt < 4; attempt += 1) {
    try {
      return await insertOnce(slot, file);
    } catch (error) {
      lastError = error;
      await delay(1000);
    }
  }
  throw lastError;
}

async function insertOnce(slot: number, file: string): Promise<SlotCard> {
  const engine = VirtualCardEngine.fromState(loadCardFile(file));
  persistTo(engine, file);
  const link = await VpcdLink.connect(engine, { slot, connectTimeoutMs: waitMs });
  const deadline = Date.now() + attemptMs;
  let sawAtr = false;
  const unsubscribe = link.onEvent((event) => {
    if (event === 'atr') sawAtr = true;
  });
  try {
    while (!sawAtr || !(await isPresent(link.readerName))) {
      if (Date.now() >= deadline || !link.isConnected) throw new Error(`pcscd does not see a card in ${link.readerName} (ATR polled: ${sawAtr}, link up: ${link.isConnected})`);
      await delay(sawAtr ? 100 : 50);
    }
  } catch (error) {
    await link.remove();
    throw error;
  } finally {
    unsubscribe();
  }
  return {
    readerName: link.readerName,
    async remove() {
      await link.remove();
      const until = Date.now() + waitMs;
      while ((await isPresent(link.readerName)) && Date.now() < until) await delay(100);
    },
  };
}
