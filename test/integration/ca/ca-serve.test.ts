import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { call } from './https-client';

// RSA key generation and TLS set-up are slow on a shared 2-core machine.
jest.setTimeout(60_000);

// Runs the compiled CLI (scripts/test builds dist/ before jest).
const bin = join(__dirname, '..', '..', '..', 'bin', 'madoguchi');

const infoSchema = z.object({
  url: z.string(),
  port: z.number(),
  terminalConfig: z.object({ ca: z.object({ url: z.string(), trustAnchorPem: z.string(), clientCertPem: z.string(), clientKeyPem: z.string() }) }),
});

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no output within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const end = buffer.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(buffer.slice(0, end));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited early with ${String(code)}`));
    });
  });
}

describe('madoguchi ca serve', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'madoguchi-ca-cli-'));
  });
  afterEach(() => {
    if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints where it listens and what a terminal needs, serves EST, and stops cleanly on SIGTERM', async () => {
    child = spawn(process.execPath, [bin, 'ca', 'serve', '--port', '0', '--data', dir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const info = infoSchema.parse(JSON.parse(await firstLine(child, 20_000)));
    expect(info.url).toBe(`https://127.0.0.1:${info.port}`);
    const files = info.terminalConfig.ca;
    const reply = await call(info.url, { ca: readFileSync(files.trustAnchorPem, 'utf8'), cert: readFileSync(files.clientCertPem, 'utf8'), key: readFileSync(files.clientKeyPem, 'utf8') }, 'GET', '/.well-known/est/jpki-auth/cacerts');
    expect(reply.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
