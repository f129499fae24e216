/**
 * The reference CA as its own process (`madoguchi ca serve --training`), so a test can take it
 * away and bring it back on the same port: an outage as a terminal sees it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';

const bin = join(__dirname, '..', '..', '..', 'bin', 'madoguchi');
const startWaitMs = 30_000;

const servedSchema = z.object({
  port: z.number().int().positive(),
  terminalConfig: z.object({ ca: z.object({ url: z.string(), trustAnchorPem: z.string(), clientCertPem: z.string(), clientKeyPem: z.string() }) }),
});
export type ServedCa = z.infer<typeof servedSchema>;

export interface RunningCa {
  readonly served: ServedCa;
  stop(): Promise<void>;
}

export async function startCa(dataDir: string, port = 0): Promise<RunningCa> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'ca', 'serve', '--port', String(port), '--data', dataDir, '--training', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + startWaitMs;
  let served: ServedCa | undefined;
  while (served === undefined && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 50));
    const line = output.split('\n').find((l) => l.startsWith('{'));
    if (line !== undefined) served = servedSchema.parse(JSON.parse(line));
  }
  if (served === undefined) {
    child.kill('SIGKILL');
    throw new Error(`the reference CA did not start:\n${output}`);
  }
  return {
    served,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
