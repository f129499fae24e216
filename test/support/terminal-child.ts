/**
 * `madoguchi start --no-browser` in a child process, as the e2e and integration tests run the
 * terminal: started on a data directory, waited for (bounded) until it prints its one-time
 * bootstrap URL, and stopped with SIGTERM (SIGKILL after 15 s) — only the process started here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const bin = join(__dirname, '..', '..', 'bin', 'madoguchi');
const urlPattern = /(http:\/\/127\.0\.0\.1:\d+\/bootstrap\?code=[0-9a-f]{32,128})/;
const startWaitMs = 60_000;

export interface TerminalChild {
  readonly pid: number;
  /** The one-time bootstrap URL: the first client to open it gets the session cookie, no one after. */
  readonly url: string;
  output(): string;
  /** Its exit code; safe to call again once it has exited. */
  stop(): Promise<number | null>;
}

/** `env` is laid over this process's environment. */
export async function spawnTerminal(dataDir: string, options: { readonly extraArgs?: readonly string[]; readonly env?: NodeJS.ProcessEnv } = {}): Promise<TerminalChild> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'start', '--no-browser', '--port', '0', '--data', dataDir, ...(options.extraArgs ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
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
  return {
    pid: child.pid,
    url: match[1],
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
