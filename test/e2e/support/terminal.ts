/**
 * The real terminal for end-to-end tests: `madoguchi start --no-browser` (the browser shell over
 * the one host: pcscd + virtual cards + reference CA + SQLite) in a child process, stopped with
 * SIGTERM — only the process this harness started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const bin = join(__dirname, '..', '..', '..', 'bin', 'madoguchi');
const urlPattern = /(http:\/\/127\.0\.0\.1:\d+\/bootstrap\?code=[0-9a-f]{32,128})/;
const startWaitMs = 60_000;

export interface RunningTerminal {
  /** The one-time bootstrap URL: the first page to open it gets the session cookie, no one after. */
  readonly url: string;
  readonly origin: string;
  output(): string;
  stop(): Promise<number | null>;
}

export async function startTerminal(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningTerminal> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'start', '--no-browser', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + startWaitMs;
  let match: RegExpMatchArray | null = null;
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  while (match === null && !hasExited && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    match = urlPattern.exec(output);
  }
  if (match === null || match[1] === undefined) {
    child.kill('SIGKILL');
    throw new Error(`the terminal did not print its URL:\n${output}`);
  }
  const url = match[1];
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
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
