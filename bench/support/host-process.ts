/**
 * What the host benchmarks share: `madoguchi start --no-browser` as a child process (the real
 * host, compiled), its browser-shell HTTP API on 127.0.0.1, the visit events over SSE, and the
 * JSON result file. Everything is bounded in time; every process started here is stopped by id.
 */
import { encodeSecretFrame, secretFieldsOf, secretFrameContentType } from '../../src/api/secret-frame';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { join, sep } from 'node:path';
import { parseArgs } from 'node:util';

/** The repository root, from dist/bench/support/ (compiled) or bench/support/ (swc). */
export const repoRoot = __dirname.split(sep).includes('dist') ? join(__dirname, '..', '..', '..') : join(__dirname, '..', '..');

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return round2(value);
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Prints the document and writes bench/results/<name>.json, as every benchmark does. */
export function writeResult(name: string, result: unknown): void {
  const json = `${JSON.stringify(result, null, 2)}\n`;
  process.stdout.write(json);
  const dir = join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), json);
}

export function requireBuilt(): void {
  if (!existsSync(join(repoRoot, 'dist', 'src', 'shells', 'cli', 'main.js'))) throw new Error('dist/ missing: run npx tsc -p tsconfig.build.json');
}

export interface HostProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly token: string;
  readonly url: string;
  /** ms from spawn until the URL line was on stdout. */
  readonly urlAfterMs: number;
  readonly stderr: () => string;
  /** SIGTERM (the host closes itself as on Ctrl-C), SIGKILL after 15 s. */
  stop(): Promise<void>;
}

const urlPattern = /http:\/\/127\.0\.0\.1:(\d+)\/bootstrap\?code=[0-9a-f]+/;

/** Opens the one-time URL as a browser would; the session cookie it sets carries the token. */
function exchangeCode(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      res.resume();
      const token = /^madoguchi_\d+=([0-9a-f]+)/.exec(res.headers['set-cookie']?.[0] ?? '')?.[1];
      if (res.statusCode === 303 && token !== undefined) resolve(token);
      else reject(new Error(`the bootstrap URL answered ${res.statusCode ?? '?'}`));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('the bootstrap URL did not answer')));
    req.on('error', reject);
  });
}

/** How many runs a benchmark makes: `--iterations N`, bounded to 1..max. */
export function iterationsOption(defaultCount: number, max = 20): number {
  const { values } = parseArgs({ options: { iterations: { type: 'string', default: String(defaultCount) } } });
  return Math.max(1, Math.min(max, Number.parseInt(values.iterations, 10) || defaultCount));
}

/** The first line a child process prints on stdout (trimmed). */
export const firstLine = /^(.*)\n/;

/**
 * Resolves with the first match of `pattern` on the child's stdout within `waitMs`, and rejects
 * if the child exits first; `what` and the stderr so far go into the error.
 */
export function awaitStdout(child: ChildProcess, pattern: RegExp, waitMs: number, what: string, stderr: () => string = () => ''): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing within ${waitMs} ms: ${stderr()}`)), waitMs);
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const match = pattern.exec(stdout);
      if (match === null) return;
      clearTimeout(timer);
      resolve(match);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code ?? 'a signal'}: ${stderr()}`));
    });
  });
}

/** SIGTERM (a process of ours closes itself as on Ctrl-C), SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Spawns the host on a fresh data directory and resolves once its URL line is printed. */
export async function startHost(dataDir: string, waitMs = 30_000): Promise<HostProcess> {
  const started = performance.now();
  // Electron is absent on the build machines; the env var keeps a developer's install out anyway.
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'madoguchi'), 'start', '--no-browser', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const stop = () => stopChild(child, 15_000);
  try {
    const match = await awaitStdout(child, urlPattern, waitMs, 'the host', () => stderr);
    const at = performance.now();
    const url = match[0];
    const port = Number(match[1]);
    const token = await exchangeCode(url);
    return { child, port, token, url, urlAfterMs: at - started, stderr: () => stderr, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface Envelope {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { readonly code: string };
}

/** One contract call: POST /api/<channel> with the token header; a request with a secret goes as the renderer's binary frame. */
export function call(host: Pick<HostProcess, 'port' | 'token'>, channel: string, body: unknown, timeoutMs = 30_000): Promise<Envelope> {
  const isSecret = secretFieldsOf(channel).length > 0;
  const text = isSecret ? Buffer.from(encodeSecretFrame(channel, body as Record<string, unknown>)) : Buffer.from(JSON.stringify(body), 'utf8');
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: `/api/${channel}`, method: 'POST', headers: { 'Content-Type': isSecret ? secretFrameContentType : 'application/json', 'Content-Length': text.length, 'X-Madoguchi-Token': host.token } },
      (res) => {
        let data = '';
        res.setEncoding('utf8').on('data', (d: string) => (data += d));
        res.on('end', () => {
          try {
            const parsed = JSON.parse(data) as Envelope;
            resolve(parsed);
          } catch {
            reject(new Error(`${channel}: HTTP ${res.statusCode ?? '?'} ${data.slice(0, 200)}`));
          }
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${channel}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(text);
  });
}

/** The value of a successful call; a refusal is a benchmark failure. */
export async function value(host: Pick<HostProcess, 'port' | 'token'>, channel: string, body: unknown): Promise<unknown> {
  const answer = await call(host, channel, body);
  if (!answer.ok) throw new Error(`${channel} refused: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

export function field(object: unknown, name: string): unknown {
  return typeof object === 'object' && object !== null ? Reflect.get(object, name) : undefined;
}

/** The latest `visit` state from the SSE stream, and a way to wait for a step with a timestamp. */
export interface VisitStream {
  latest(): unknown;
  /** Resolves with the state and performance.now() at its arrival. */
  waitFor(predicate: (state: unknown) => boolean, timeoutMs: number): Promise<{ state: unknown; at: number }>;
  close(): void;
}

export function openVisitStream(host: Pick<HostProcess, 'port' | 'token'>): Promise<VisitStream> {
  let latest: unknown;
  const waiters = new Set<{ predicate: (state: unknown) => boolean; resolve: (v: { state: unknown; at: number }) => void }>();
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}` }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`events: HTTP ${res.statusCode ?? '?'}`));
        res.resume();
        return;
      }
      let buffer = '';
      res.setEncoding('utf8').on('data', (d: string) => {
        const at = performance.now();
        buffer += d;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const lines = block.split('\n');
          if (!lines.includes('event: visit')) continue;
          const data = lines.find((l) => l.startsWith('data: '));
          if (data === undefined) continue;
          latest = JSON.parse(data.slice(6)) as unknown;
          for (const waiter of [...waiters]) {
            if (waiter.predicate(latest)) {
              waiters.delete(waiter);
              waiter.resolve({ state: latest, at });
            }
          }
        }
      });
      resolve({
        latest: () => latest,
        waitFor: (predicate, timeoutMs) =>
          new Promise((done, fail) => {
            if (latest !== undefined && predicate(latest)) {
              done({ state: latest, at: performance.now() });
              return;
            }
            const waiter = {
              predicate,
              resolve: (v: { state: unknown; at: number }) => {
                clearTimeout(timer);
                done(v);
              },
            };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              fail(new Error(`visit did not reach the expected step within ${timeoutMs} ms (now ${JSON.stringify(field(latest, 'step'))})`));
            }, timeoutMs);
            waiters.add(waiter);
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

export interface CardSim {
  readonly readerName: string;
  stop(): Promise<void>;
}

/**
 * `madoguchi card-sim --card FILE` in its own process: the card must not answer on this event
 * loop, which pcsclite's close() blocks. (test/support's startCardSim finds bin/ from the
 * source tree only, not from dist/.)
 */
export async function startCardSimProcess(slot: number, file: string, waitMs = 20_000): Promise<CardSim> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'madoguchi'), 'card-sim', '--slot', String(slot), '--card', file, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const stop = () => stopChild(child, 10_000);
  try {
    const line = (await awaitStdout(child, firstLine, waitMs, 'card-sim', () => stderr))[1] ?? '';
    const readerName = field(JSON.parse(line) as unknown, 'reader');
    if (typeof readerName !== 'string') throw new Error(`card-sim printed ${line}`);
    return { readerName, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
