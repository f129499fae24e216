/**
 * Debian's Chromium in app mode on the browser shell's one-time bootstrap URL: a fresh profile in
 * one directory under the data directory, removed at every start as well as at stop (a profile an
 * unclean stop left behind — history, sessions, the cookie — never outlives the next start), no
 * first-run, sync or background traffic. Only opened where a display exists; `--no-sandbox` only
 * when we are root, where Chromium refuses to start otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const profileDirName = 'chromium-profile';

/** Removes every Chromium profile in the data directory (ours, and the per-launch ones of older versions). */
export function removeProfiles(dataDir: string): void {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return;
  }
  for (const name of names) if (name === profileDirName || name.startsWith(`${profileDirName}-`)) rmSync(join(dataDir, name), { recursive: true, force: true });
}

export const chromiumPath = '/usr/bin/chromium';

export function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  return (env['DISPLAY'] ?? '') !== '' || (env['WAYLAND_DISPLAY'] ?? '') !== '';
}

export function chromiumArgs(url: string, profileDir: string, isRoot: boolean): string[] {
  return [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...(isRoot ? ['--no-sandbox'] : []),
  ];
}

export interface LaunchedBrowser {
  readonly exited: Promise<number | null>;
  /** Stops this Chromium (its process id only) and removes its profile. */
  stop(): Promise<void>;
}

export function launchChromium(url: string, dataDir: string, env: NodeJS.ProcessEnv, binary = chromiumPath): LaunchedBrowser | undefined {
  removeProfiles(dataDir);
  if (!existsSync(binary) || !hasDisplay(env)) return undefined;
  const profileDir = join(dataDir, profileDirName);
  mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const child: ChildProcess = spawn(binary, chromiumArgs(url, profileDir, isRoot), { stdio: 'ignore', env });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  return {
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      removeProfiles(dataDir);
    },
  };
}
