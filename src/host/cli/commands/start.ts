import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { parseCommon } from '../common-options';
import { syncCommand } from './sync';

const usage = 'usage: madoguchi start [--data DIR] [--headless]';

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
  const child = spawn(binary, [main, ...args], { stdio: 'inherit', env: io.env });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

const guide = `Madoguchi training terminal (no config.json in the data directory: virtual cards,
the training issuer key, and the reference CA on 127.0.0.1).

The clerk's screens come with the renderer issue; until then the terminal runs headless:
  madoguchi card-sim --slot 0 --resident r01-ordinary   put a training card into reader 0
  madoguchi cards                                       list readers and cards
  madoguchi issue --reader 'Virtual PCD 00 00' --application FILE   run a procedure
  madoguchi queue list                                  see what waits for the CA
The queue is delivered to the CA below while this runs. Ctrl-C stops it.

`;

/** `madoguchi start`: Electron when present, otherwise the headless terminal (sync loop). */
export const startCommand: CliCommand = {
  path: ['start'],
  summary: 'run the terminal (Electron if present, else headless: sync loop + CLI)',
  usage,
  async run(args, io) {
    const { data, flags, positionals } = parseCommon(args, { headless: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
    const binary = flags['headless'] === true ? undefined : electronBinary();
    if (binary !== undefined) return runElectron(binary, args, io);
    io.stdout.write(guide);
    return syncCommand.run(data === undefined ? [] : ['--data', data], io);
  },
};
