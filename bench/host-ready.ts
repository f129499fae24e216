/**
 * Start-up as the clerk sees it, in two parts, each next to its floor measured in the same run:
 *   hostReady   spawn of `madoguchi start --no-browser` until its URL line is printed and
 *               `session.get` answers; floor: a bare Node process that starts an HTTP server on
 *               127.0.0.1 and answers one request (the cost of any Node server at all).
 *   firstPaint  headless Chromium (playwright-core, /usr/bin/chromium) navigating to the host's
 *               URL until `first-contentful-paint`; floor: the same Chromium painting a one-line
 *               static page from the bare server.
 * Prints one JSON document and writes bench/results/host-ready.json.
 *
 *   node dist/bench/host-ready.js [--iterations 5]
 *
 * Targets: host ready ≤ 1 s, first paint ≤ 1.5 s. Reported, never asserted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ensurePcscd } from '../test/support/pcscd';
import { awaitStdout, call, delay, firstLine, iterationsOption, median, requireBuilt, round2, startHost, stopChild, writeResult } from './support/host-process';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const targets = { hostReadyMs: 1000, firstPaintMs: 1500 };

/**
 * The floor server: Node's own http module, no application code. It answers every path with a
 * one-line page, so it serves both the readiness probe and the paint floor.
 */
const floorServerSource = `
const http = require('node:http');
const page = '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>floor</title></head><body><p>窓口</p></body></html>';
const server = http.createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }); res.end(page); });
server.listen(0, '127.0.0.1', () => process.stdout.write('http://127.0.0.1:' + server.address().port + '/\\n'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
`;

interface FloorServer {
  readonly url: string;
  /** ms from spawn until the server answered its first request. */
  readonly readyMs: number;
  stop(): Promise<void>;
}

function get(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

async function startFloorServer(waitMs = 10_000): Promise<FloorServer> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', floorServerSource], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => stopChild(child, 5_000);
  try {
    const url = ((await awaitStdout(child, firstLine, waitMs, 'the floor server'))[1] ?? '').trim();
    const status = await get(url, waitMs);
    if (status !== 200) throw new Error(`floor server answered ${status}`);
    return { url, readyMs: performance.now() - started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Navigates a fresh browser context (no cache, no storage) to `url` and returns the page's
 * first-contentful-paint time (ms after its navigation start) and the wall time from the
 * navigation call until the paint entry was seen.
 */
async function firstPaint(browser: Browser, url: string, timeoutMs = 15_000): Promise<{ fcpMs: number; wallMs: number }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    const fcpMs = await page.evaluate(
      (limitMs) =>
        new Promise<number>((resolve, reject) => {
          const found = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
          if (found !== undefined) {
            resolve(found.startTime);
            return;
          }
          const timer = setTimeout(() => reject(new Error('no first-contentful-paint')), limitMs);
          new PerformanceObserver((list, observer) => {
            const entry = list.getEntries().find((e) => e.name === 'first-contentful-paint');
            if (entry === undefined) return;
            clearTimeout(timer);
            observer.disconnect();
            resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
      timeoutMs,
    );
    return { fcpMs, wallMs: performance.now() - started };
  } finally {
    await context.close();
  }
}

interface HostSample {
  readonly urlLineMs: number;
  readonly readyMs: number;
}

async function hostReadyOnce(dataDir: string, browser: Browser): Promise<{ host: HostSample; paint: { fcpMs: number; wallMs: number } }> {
  const started = performance.now();
  const host = await startHost(dataDir);
  try {
    // The URL line comes after the server listens; session.get proves the contract answers.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const answer = await call(host, 'session.get', {}, 5_000).catch(() => undefined);
      if (answer?.ok === true) break;
      if (Date.now() >= deadline) throw new Error(`session.get did not answer: ${host.stderr()}`);
      await delay(10);
    }
    const readyMs = performance.now() - started;
    const paint = await firstPaint(browser, host.url);
    return { host: { urlLineMs: host.urlAfterMs, readyMs }, paint };
  } finally {
    await host.stop();
  }
}

async function main(): Promise<void> {
  const iterations = iterationsOption(5);
  requireBuilt();
  // The host opens a PC/SC context at start-up, as at the counter: pcscd must run (and is ours only if we start it).
  const pcscd = await ensurePcscd();
  const root = mkdtempSync(join(tmpdir(), 'madoguchi-bench-ready-'));
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs, timeout: 30_000 });
    const dataDir = join(root, 'data');
    // The first start on a new data directory also creates the training CA's TLS material: reported apart.
    const first = await hostReadyOnce(dataDir, browser);
    const hosts: HostSample[] = [];
    const hostPaints: { fcpMs: number; wallMs: number }[] = [];
    const floorReady: number[] = [];
    const floorPaints: { fcpMs: number; wallMs: number }[] = [];
    // Alternating, so drift on the shared machine hits both sides alike.
    for (let i = 0; i < iterations; i += 1) {
      const sample = await hostReadyOnce(dataDir, browser);
      hosts.push(sample.host);
      hostPaints.push(sample.paint);
      const floor = await startFloorServer();
      try {
        floorReady.push(floor.readyMs);
        floorPaints.push(await firstPaint(browser, floor.url));
      } finally {
        await floor.stop();
      }
    }
    const hostReadyMedian = median(hosts.map((s) => s.readyMs));
    const paintMedian = median(hostPaints.map((s) => s.fcpMs));
    const floorReadyMedian = median(floorReady);
    const floorPaintMedian = median(floorPaints.map((s) => s.fcpMs));
    writeResult('host-ready', {
      benchmark: 'host-ready',
      date: new Date().toISOString(),
      node: process.version,
      chromium: browser.version(),
      iterations,
      hostReady: {
        medianMs: hostReadyMedian,
        urlLineMedianMs: median(hosts.map((s) => s.urlLineMs)),
        samplesMs: hosts.map((s) => round2(s.readyMs)),
        firstStartOnNewDataDirMs: round2(first.host.readyMs),
        targetMs: targets.hostReadyMs,
        withinTarget: hostReadyMedian <= targets.hostReadyMs,
      },
      hostReadyFloor: { medianMs: floorReadyMedian, samplesMs: floorReady.map(round2) },
      firstPaint: {
        medianMs: paintMedian,
        wallMedianMs: median(hostPaints.map((s) => s.wallMs)),
        samplesMs: hostPaints.map((s) => round2(s.fcpMs)),
        targetMs: targets.firstPaintMs,
        withinTarget: paintMedian <= targets.firstPaintMs,
      },
      firstPaintFloor: { medianMs: floorPaintMedian, wallMedianMs: median(floorPaints.map((s) => s.wallMs)), samplesMs: floorPaints.map((s) => round2(s.fcpMs)) },
      ratio: { hostReadyOverFloor: round2(hostReadyMedian / floorReadyMedian), firstPaintOverFloor: round2(paintMedian / floorPaintMedian) },
    });
  } finally {
    await browser?.close();
    await pcscd.release();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`host-ready: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
