/**
 * The training CA of a self-service training terminal, in a process of its own: the reference
 * CA holds the training issuer key to authorise resets, and the terminal process must never
 * load an issuer key. It runs `madoguchi ca serve --training` on 127.0.0.1 and the
 * terminal reaches it like any CA, over HTTPS with its client certificate.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { configError, type CaConnection } from './data-dir';

const startTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;

const infoSchema = z.object({
  url: z.url({ protocol: /^https$/ }),
  files: z.object({ tlsCaCert: z.string().min(1), clientCert: z.string().min(1), clientKey: z.string().min(1) }).loose(),
}).loose();

export interface TrainingCaProcess {
  readonly connection: CaConnection;
  readonly pid: number;
  close(): Promise<void>;
}

/** `bin/madoguchi`, found upwards from this module (src/ under ts-jest, dist/src/ compiled). */
function cliPath(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i += 1) {
    const candidate = join(dir, 'bin', 'madoguchi');
    if (existsSync(candidate) && existsSync(join(dir, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw configError('CONFIG_NO_CA', 'bin/madoguchi not found: cannot start the training CA');
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, stopTimeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startTrainingCaProcess(dataDir: string, env: NodeJS.ProcessEnv): Promise<TrainingCaProcess> {
  const child = spawn(process.execPath, [cliPath(), 'ca', 'serve', '--training', '--json', '--port', '0', '--host', '127.0.0.1', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no answer within ${startTimeoutMs} ms`)), startTimeoutMs);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const end = out.indexOf('\n');
        if (end >= 0) {
          clearTimeout(timer);
          resolve(out.slice(0, end));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${String(code)}: ${stderr.trim()}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const info = infoSchema.parse(JSON.parse(line));
    const connection: CaConnection = {
      url: info.url,
      trustAnchorPem: readFileSync(info.files.tlsCaCert, 'utf8'),
      clientCertPem: readFileSync(info.files.clientCert, 'utf8'),
      clientKeyPem: readFileSync(info.files.clientKey, 'utf8'),
    };
    child.stdout?.resume();
    return { connection, pid: child.pid ?? -1, close: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw configError('CONFIG_NO_CA', `training self-service terminal, but the training CA did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}
