/**
 * Reads another process's memory the way a local attacker with the same rights would: every
 * writable mapping listed in /proc/PID/maps, through /proc/PID/mem. Test code only; bounded in
 * the number of mappings and bytes read.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

const maxRegions = 20_000;
const maxRegionBytes = 1024 * 1024 * 1024;
const chunkBytes = 4 * 1024 * 1024;

interface Region {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

function readableRegions(pid: number): Region[] {
  return readFileSync(`/proc/${pid}/maps`, 'utf8')
    .split('\n')
    .slice(0, maxRegions)
    .flatMap((line) => {
      const match = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (match === null) return [];
      const [, from = '0', to = '0', perms = '', name = ''] = match;
      // A secret can only have been written into writable memory (heap, stacks, buffers); the
      // read-only code and data of the binaries hold digits by chance and change nothing here.
      if (!perms.startsWith('rw') || name === '[vvar]' || name === '[vsyscall]' || name === '[vvar_vclock]') return [];
      return [{ start: Number.parseInt(from, 16), end: Number.parseInt(to, 16), name }];
    });
}

/** How often each needle occurs in the process's readable memory (overlaps at region edges included). */
export function countInMemory(pid: number, needles: readonly Buffer[], contexts?: string[]): number[] {
  const counts = needles.map(() => 0);
  const overlap = Math.max(0, ...needles.map((n) => n.length)) - 1;
  const fd = openSync(`/proc/${pid}/mem`, 'r');
  try {
    for (const region of readableRegions(pid)) {
      const size = Math.min(region.end - region.start, maxRegionBytes);
      let carry = Buffer.alloc(0);
      for (let at = 0; at < size; at += chunkBytes) {
        const length = Math.min(chunkBytes, size - at);
        const chunk = Buffer.alloc(length);
        let read = 0;
        try {
          read = readSync(fd, chunk, 0, length, region.start + at);
        } catch {
          break; // a mapping that went away or cannot be read
        }
        const window = Buffer.concat([carry, chunk.subarray(0, read)]);
        needles.forEach((needle, i) => {
          // Only matches that end inside the new bytes: the carried tail was searched before.
          for (let hit = window.indexOf(needle); hit >= 0; hit = window.indexOf(needle, hit + 1)) if (hit + needle.length > carry.length) {
            counts[i] = (counts[i] ?? 0) + 1;
            // What surrounds a hit says which copy it is (a request, a card command, a string).
            if (contexts !== undefined && (counts[i] ?? 0) <= 4) contexts.push(`#${i} ${region.name || 'anon'}: ${JSON.stringify(window.subarray(Math.max(0, hit - 96), hit + needle.length + 48).toString('latin1'))}`);
          }
        });
        carry = window.subarray(Math.max(0, window.length - overlap));
        if (read < length) break;
      }
    }
  } finally {
    closeSync(fd);
  }
  return counts;
}

/** The forms a typed secret could take in a JavaScript process: UTF-8, UTF-16 and the JSON of its bytes. */
export function secretForms(secret: string, options: { readonly bareBytes: boolean }): { readonly form: string; readonly bytes: Buffer }[] {
  const codes = [...Buffer.from(secret, 'utf8')];
  const numbers = codes.join(',');
  // A buffer reused for a later, shorter request keeps only the end of an older one.
  const tail = codes.length >= 8 ? [{ form: 'json-bytes-tail', bytes: Buffer.from(`,${codes.slice(-6).join(',')}]`, 'latin1') }] : [];
  return [
    ...(options.bareBytes ? [{ form: 'utf8', bytes: Buffer.from(secret, 'utf8') }] : []),
    { form: 'utf16', bytes: Buffer.from(secret, 'utf16le') },
    { form: 'json-bytes', bytes: Buffer.from(numbers, 'latin1') },
    { form: 'json-bytes-utf16', bytes: Buffer.from(numbers, 'utf16le') },
    ...tail,
  ];
}
