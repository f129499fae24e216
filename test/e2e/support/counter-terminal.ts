/**
 * The lifecycle most counter e2e files share: pcscd and Chromium for the file; for each test a
 * fresh data directory, the training terminal on it, and a page of its own opened on the
 * terminal's one-time URL. Everything is stopped and removed after each test and file — only
 * what this harness started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensurePcscd, type PcscdHandle } from '../../support/pcscd';
import { launchChromium } from './browser';
import { Counter } from './counter';
import { startTerminal, type RunningTerminal } from './terminal';

export interface CounterTerminal {
  readonly dataDir: string;
  readonly page: Page;
  readonly counter: Counter;
}

export interface CounterTerminalOptions {
  /** Names the data directory, so a leftover says which file made it. */
  readonly prefix: string;
  /** Runs on the new page before it opens the terminal (init scripts, exposed functions). */
  readonly preparePage?: (page: Page) => Promise<void>;
  /** Signs in the first training clerk before each test. */
  readonly signIn?: boolean;
  /** Hands the test file what each test works with. */
  readonly ready: (terminal: CounterTerminal) => void;
}

/** Registers the hooks; the returned `stop` ends the running terminal early (its exit code). */
export function useCounterTerminal(options: CounterTerminalOptions): { stop(): Promise<number | null> } {
  let pcscd: PcscdHandle | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  let terminal: RunningTerminal | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    pcscd = await ensurePcscd();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await pcscd?.release();
  });

  beforeEach(async () => {
    if (browser === undefined) throw new Error('Chromium did not start');
    dataDir = mkdtempSync(join(tmpdir(), `madoguchi-e2e-${options.prefix}-`));
    terminal = await startTerminal(dataDir);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await options.preparePage?.(page);
    const counter = new Counter(page);
    await page.goto(terminal.url);
    if (options.signIn === true) await counter.signIn();
    options.ready({ dataDir, page, counter });
  });

  afterEach(async () => {
    await context?.close();
    await terminal?.stop();
    terminal = undefined;
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    async stop() {
      const code = (await terminal?.stop()) ?? null;
      terminal = undefined;
      return code;
    },
  };
}
