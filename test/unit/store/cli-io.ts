import { PassThrough, type Readable } from 'node:stream';
import type { CliIo } from '../../../src/shells/cli/command';

/** The CLI's streams in memory: what it prints on stdout and stderr is read back as text; `stdin` is what it reads. */
export function captureIo(env: NodeJS.ProcessEnv = {}, stdin: Readable = new PassThrough()): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return { io: { stdin, stdout, stderr, env }, out: () => out, err: () => err };
}
