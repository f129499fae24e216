import { fakeCardKey } from '../pki/fake-card';
import { csrFor, enrollHeaders, handle, signApplicant, testCa } from './ca-fixture';

// Key generation plus 10k parses on a shared 2-core machine; bounded by count, never by time.
jest.setTimeout(600_000);

/** mulberry32: a tiny seeded PRNG, so every run mutates the same way and a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ca = testCa();
afterAll(() => ca.close());

describe('simpleenroll under 10,000 mutated bodies', () => {
  it('answers every one with a status below 500 and, for every error, a Ca-Error-Code', async () => {
    const cards = [fakeCardKey(), fakeCardKey()];
    const seeds = await Promise.all(cards.map((card, i) => csrFor(card, signApplicant(`fuzz-${i}`))));
    const random = prng(0x5eed10);
    const int = (n: number): number => Math.floor(random() * n);
    const mutate = (input: Buffer): Buffer => {
      const out = Buffer.from(input);
      switch (int(6)) {
        case 0: // bit flips
          for (let k = 1 + int(4); k > 0; k -= 1) {
            const at = int(out.length);
            out[at] = (out[at] ?? 0) ^ (1 << int(8));
          }
          return out;
        case 1: // truncation
          return out.subarray(0, int(out.length));
        case 2: {
          // length-byte edits: a byte right after a constructed tag, or any 0x8x long-form prefix
          const at = int(out.length - 1) + 1;
          out[at] = [0x00, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0xff][int(8)] ?? 0x80;
          return out;
        }
        case 3: {
          // splice two valid CSRs at random points
          const other = Buffer.from(seeds[int(seeds.length)] ?? new Uint8Array());
          return Buffer.concat([out.subarray(0, int(out.length)), other.subarray(int(other.length))]);
        }
        case 4: // trailing or inserted bytes
          return Buffer.concat([out.subarray(0, int(out.length)), Buffer.from([int(256), int(256)]), out.subarray(int(out.length))]);
        default: {
          // a random window of random bytes
          const at = int(out.length);
          for (let k = at; k < Math.min(out.length, at + 1 + int(16)); k += 1) out[k] = int(256);
          return out;
        }
      }
    };
    const statuses = new Map<number, number>();
    for (let i = 0; i < 10_000; i += 1) {
      const seed = Buffer.from(seeds[i % seeds.length] ?? new Uint8Array());
      const body = mutate(i % 50 === 0 ? mutate(seed) : seed);
      // Mostly base64 of the mutated DER; every 10th body is mutated after base64 encoding.
      const wire = i % 10 === 9 ? mutate(Buffer.from(seed.toString('base64'))) : Buffer.from(body.toString('base64'));
      const reply = await handle(ca.service, 'POST', '/.well-known/est/jpki-sign/simpleenroll', enrollHeaders, wire);
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      if (reply.status >= 500) throw new Error(`body ${i} answered ${reply.status}: ${reply.body.toString('utf8')} (${wire.toString('latin1').slice(0, 200)})`);
      if (reply.status >= 400) expect(reply.headers['ca-error-code']).toMatch(/^CA_[A-Z0-9_]+$/);
    }
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
    // For the record: the fuzz reaches the parser (400s), not only the base64 gate.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(1_000);
  });
});
