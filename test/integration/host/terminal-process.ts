/**
 * `madoguchi start --no-browser` in a child process — the terminal as it runs for real, so a
 * test can read its memory from outside — with an HTTP client made of the renderer's own bridge.
 * Stops only the process it started.
 */
import type { MadoguchiApi } from '../../../src/api/contract';
import { createHttpApi } from '../../../renderer/api/client';
import { spawnTerminal } from '../../support/terminal-child';

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
  // No data directory from the environment: only the one given here.
  const child = await spawnTerminal(dataDir, { extraArgs, env: { MADOGUCHI_DATA: '' } });
  return {
    pid: child.pid,
    origin: new URL(child.url).origin,
    api: await connect(child.url),
    output: () => child.output(),
    stop: () => child.stop(),
  };
}
