import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, removeProfiles } from '../../browser/chromium';
import { openBrowserShell, rendererDir } from '../../browser/launch';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { parseCommon, refusePositionals } from '../common-options';
import { withHost } from '../host-command';
import { syncCommand } from './sync';

const usage = 'usage: madoguchi start [--data DIR] [--self-service] [--headless | --no-browser] [--port N] [--json]';

/**
 * The Electron binary when one is installed. The `electron` npm package resolves to the binary's
 * path under plain Node, and throws when the binary was never downloaded (our build machines).
 */
function electronBinary(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional, resolved at run time only
    const resolved: unknown = require('electron');
    return typeof resolved === 'string' && existsSync(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
}

async function runElectron(binary: string, args: readonly string[], io: CliIo): Promise<number> {
  const main = join(__dirname, '..', '..', '..', '..', 'electron', 'main.js');
  io.stdout.write('Madoguchi: Electron shell\n');
  const child = spawn(binary, [main, ...args], { stdio: 'inherit', env: io.env });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

const headlessGuide = `Madoguchi training terminal, headless (no screens): virtual cards, the training issuer key,
and the reference CA on 127.0.0.1.
  madoguchi card-sim --slot 0 --resident r01-ordinary   put a training card into reader 0
  madoguchi cards                                       list readers and cards
  madoguchi queue list                                  see what waits for the CA
This process owns the data directory: it alone delivers the queue (below). Procedures run from
the screens (madoguchi start without --headless), or with madoguchi issue after Ctrl-C here.

`;

function parsePort(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('--port must be a TCP port (0–65535)');
  return port;
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.once('SIGINT', on);
    process.once('SIGTERM', on);
  });
}

async function runBrowserShell(data: string | undefined, flags: Record<string, string | boolean | undefined>, json: boolean, io: CliIo): Promise<number> {
  const port = parsePort(flags['port']);
  const selfService = flags['self-service'] === true;
  return withHost(data, io, { startSync: true, selfService }, async (host) => {
    const dir = rendererDir();
    if (!existsSync(join(dir, 'index.html'))) io.stderr.write(`madoguchi start: no built renderer in ${dir} (build it with: npx vite build); serving the API only\n`);
    const running = await openBrowserShell(host, { ...(port === undefined ? {} : { port }), rendererDir: dir });
    const signal = untilSignal();
    // A profile an unclean stop left behind goes at every start, whether or not Chromium opens now.
    removeProfiles(host.paths.dir);
    // Chromium gets a code of its own; the printed one stays for another browser. Each works once.
    const browser = flags['no-browser'] === true ? undefined : launchChromium(running.shell.bootstrapUrl(), host.paths.dir, io.env);
    const url = running.shell.bootstrapUrl();
    const kind = host.terminal.mode === 'selfService' ? 'self-service terminal' : 'terminal';
    const mode = host.terminal.training ? `training ${kind}` : `${kind} ${host.terminal.terminalId}`;
    // The URL carries a one-time code (spent by the first browser to open it): stdout only, never a log file.
    if (json) io.stdout.write(`${JSON.stringify({ shell: 'browser', mode: host.terminal.mode, url, port: running.shell.port, chromium: browser !== undefined })}\n`);
    else
      io.stdout.write(
        `Madoguchi ${mode}: browser shell on http://127.0.0.1:${running.shell.port}/\n` +
          `${browser === undefined ? 'Open' : 'Chromium opened (app mode); or open'} ${url} (once)\n` +
          'Ctrl-C stops the terminal.\n',
      );
    // The app window closing ends the terminal as Ctrl-C does.
    await Promise.race([signal, ...(browser === undefined ? [] : [browser.exited])]);
    await browser?.stop();
    await running.close();
    return 0;
  });
}

/** `madoguchi start`: Electron when present, else the browser shell (or `--headless`: sync loop + CLI). */
export const startCommand: CliCommand = {
  path: ['start'],
  summary: 'run the terminal (Electron if present, else the browser shell in Chromium; --headless: sync loop only)',
  usage,
  async run(args, io) {
    const { data, json, flags, positionals } = parseCommon(args, { headless: { type: 'boolean' }, 'no-browser': { type: 'boolean' }, port: { type: 'string' }, 'self-service': { type: 'boolean' } });
    refusePositionals(positionals);
    // The self-service terminal is the browser shell (the Electron shell does not build it yet).
    if (flags['self-service'] === true) {
      if (flags['headless'] === true) throw new UsageError('--self-service needs the screens: it cannot be --headless');
      return runBrowserShell(data, flags, json, io);
    }
    if (flags['headless'] === true) {
      io.stdout.write(headlessGuide);
      return syncCommand.run(data === undefined ? [] : ['--data', data], io);
    }
    const binary = electronBinary();
    if (binary !== undefined) return runElectron(binary, args, io);
    return runBrowserShell(data, flags, json, io);
  },
};
