/**
 * The lifecycle most counter e2e files share: pcscd and Chromium for the file; for each test a
 * fresh data directory and a page of its own, and the training terminal on that directory opened
 * on the page through its one-time URL — before each test, or when the test opens it (with the
 * configuration it needs). Everything is stopped and removed after each test and file — only what
 * this harness started.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** What a test writes to the data directory's config.json before the terminal starts. */
export type TerminalConfig = Readonly<Record<string, unknown>>;

export interface CounterTerminalOptions {
  /** Names the data directory, so a leftover says which file made it. */
  readonly prefix: string;
  /** The page's size; 1280×900 unless given. */
  readonly viewport?: { readonly width: number; readonly height: number };
  /**
   * `each` (the default): the terminal starts and opens before each test. `open`: only when the
   * test calls `open` — for tests that choose the configuration themselves.
   */
  readonly start?: 'each' | 'open';
  /** With `start: 'each'`: the configuration to write first (asked for at each start). */
  readonly config?: () => TerminalConfig;
  /** Runs on the new page before it opens the terminal (init scripts, exposed functions). */
  readonly preparePage?: (page: Page) => Promise<void>;
  /** With `start: 'each'`: signs in the first training clerk before each test. */
  readonly signIn?: boolean;
  /** Hands the test file what each test works with. */
  readonly ready: (terminal: CounterTerminal) => void;
}

export interface CounterTerminalHandle {
  /**
   * Starts the terminal on `dataDir` (this test's own unless given), with `config` written to its
   * config.json first when given, and opens it on the test's page. A terminal still running is
   * stopped first.
   */
  open(config?: TerminalConfig, dataDir?: string): Promise<void>;
  /** Ends the running terminal early: its exit code (null when none ran). */
  stop(): Promise<number | null>;
  /** What the last terminal started printed, on stdout and stderr. */
  output(): string;
}

/** Registers the hooks; the returned handle opens, stops and reads the test's terminal. */
export function useCounterTerminal(options: CounterTerminalOptions): CounterTerminalHandle {
  let pcscd: PcscdHandle | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  let terminal: RunningTerminal | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;

  async function open(config?: TerminalConfig, dir?: string): Promise<void> {
    const target = dir ?? dataDir;
    if (target === undefined || page === undefined) throw new Error('open the terminal inside a test');
    await terminal?.stop();
    if (config !== undefined) writeFileSync(join(target, 'config.json'), JSON.stringify(config));
    terminal = await startTerminal(target);
    await page.goto(terminal.url);
  }

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
    const eager = options.start !== 'open';
    // The terminal first, as a clerk finds it: running before the browser comes to it.
    if (eager) {
      if (options.config !== undefined) writeFileSync(join(dataDir, 'config.json'), JSON.stringify(options.config()));
      terminal = await startTerminal(dataDir);
    }
    context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
    page = await context.newPage();
    await options.preparePage?.(page);
    const counter = new Counter(page);
    options.ready({ dataDir, page, counter });
    if (eager && terminal !== undefined) {
      await page.goto(terminal.url);
      if (options.signIn === true) await counter.signIn();
    }
  });

  afterEach(async () => {
    await context?.close();
    await terminal?.stop();
    terminal = undefined;
    page = undefined;
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    open,
    async stop() {
      return (await terminal?.stop()) ?? null;
    },
    output() {
      if (terminal === undefined) throw new Error('no terminal has started in this test');
      return terminal.output();
    },
  };
}

/** One terminal for the whole file, as `useFileTerminal` hands it over. */
export interface FileTerminal {
  /** The file's scratch directory; the terminal's data directory is its `terminal` folder. */
  readonly dir: string;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly terminal: RunningTerminal;
}

export interface FileTerminalOptions {
  readonly prefix: string;
  /** Writes what the terminal's data directory holds before it starts. */
  readonly seed?: (terminalDir: string) => void;
  readonly ready: (file: FileTerminal) => void;
}

/** Registers beforeAll/afterAll hooks for one terminal, Chromium and a browser context shared by the file's tests. */
export function useFileTerminal(options: FileTerminalOptions): void {
  let pcscd: PcscdHandle | undefined;
  let browser: Browser | undefined;
  let dir: string | undefined;
  let terminal: RunningTerminal | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `madoguchi-e2e-${options.prefix}-`));
    options.seed?.(join(dir, 'terminal'));
    pcscd = await ensurePcscd();
    browser = await launchChromium();
    terminal = await startTerminal(join(dir, 'terminal'));
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    options.ready({ dir, browser, context, terminal });
  });

  afterAll(async () => {
    await context?.close();
    await terminal?.stop();
    await browser?.close();
    await pcscd?.release();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
}
