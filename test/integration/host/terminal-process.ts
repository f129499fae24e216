/**
 * `madoguchi start --no-browser` in a child process — the terminal as it runs for real, so a
 * test can read its memory from outside — with an HTTP client made of the renderer's own bridge.
 * Stops only the process it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { MadoguchiApi } from '../../../src/api/contract';
import { createHttpApi } from '../../../renderer/api/client';

const bin = join(__dirname, '..', '..', '..', 'bin', 'madoguchi');
const startWaitMs = 60_000;
const urlPattern = /(http:\/\/127\.0\.0\.1:\d+\/bootstrap\?code=[0-9a-f]+)/;

export interface TerminalProcess {
  readonly pid: number;
  readonly origin: string;
  /** The renderer's bridge over HTTP, as the page uses it. */
  readonly api: MadoguchiApi;
  output(): string;
  stop(): Promise<number | null>;
}

/** The page's way in: the printed one-time URL, exchanged for the session cookie as a browser does. */
async function connect(url: string): Promise<MadoguchiApi> {
  const parsed = new URL(url);
  const answer = await fetch(url, { redirect: 'manual' });
  const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (answer.status !== 303 || cookie === '') throw new Error(`the bootstrap URL answered ${answer.status}`);
  return createHttpApi(null, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), Cookie: cookie } }),
    openEventSource: () => {
      throw new Error('no event stream in this client');
    },
    baseUrl: parsed.origin,
  });
}

export async function startTerminalProcess(dataDir: string, extraArgs: readonly string[] = []): Promise<TerminalProcess> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'start', '--no-browser', '--port', '0', '--data', dataDir, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MADOGUCHI_DATA: '' } });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + startWaitMs;
  let match: RegExpExecArray | null = null;
  while (match === null && !hasExited && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    match = urlPattern.exec(output);
  }
  if (match?.[1] === undefined || child.pid === undefined) {
    child.kill('SIGKILL');
    throw new Error(`the terminal did not print its URL:\n${output}`);
  }
  const url = match[1];
  return {
    pid: child.pid,
    origin: new URL(url).origin,
    api: await connect(url),
    output: () => output,
    async stop() {
      if (!hasExited) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
