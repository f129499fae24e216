/**
 * Secrets typed into the CLI arrive on stdin and stay bytes: the chunks are wiped as soon as they
 * are joined, and the caller wipes what it gets back. Bounded, so a stray pipe cannot fill memory.
 */
import type { Readable } from 'node:stream';
import { UsageError } from './command';

export async function readSecretStdin(stream: Readable, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
      size += buffer.length;
      chunks.push(buffer);
      if (size > maxBytes) throw new UsageError(`stdin too large for ${what}`);
    }
    return Buffer.concat(chunks);
  } finally {
    for (const chunk of chunks) chunk.fill(0);
  }
}
