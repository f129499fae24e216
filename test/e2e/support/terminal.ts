/**
 * The real terminal for end-to-end tests: `madoguchi start --no-browser` (the browser shell over
 * the one host: pcscd + virtual cards + reference CA + SQLite) in a child process, stopped with
 * SIGTERM — only the process this harness started.
 */
import { spawnTerminal } from '../../support/terminal-child';

export interface RunningTerminal {
  /** The one-time bootstrap URL: the first page to open it gets the session cookie, no one after. */
  readonly url: string;
  readonly origin: string;
  output(): string;
  stop(): Promise<number | null>;
}

export async function startTerminal(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningTerminal> {
  const child = await spawnTerminal(dataDir, { env });
  return { url: child.url, origin: new URL(child.url).origin, output: () => child.output(), stop: () => child.stop() };
}
