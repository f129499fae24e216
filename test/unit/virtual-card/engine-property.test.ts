import fc from 'fast-check';
import { cardStateSchema, maxTries, pinIds } from '../../../src/virtual-card/card-state';
import { aids, hex, issuerKeyPair, stateWithPins, VirtualCardEngine } from '../../support/virtual-card';

const issuer = issuerKeyPair();
const base = stateWithPins(issuer.publicPem);

/** Commands biased towards what the card understands, plus pure noise. */
const command = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 40 }),
  fc.record({
    cla: fc.constantFrom(0x00, 0x80, 0x0c, 0xff),
    ins: fc.constantFrom(0xa4, 0xb0, 0xb2, 0x20, 0x24, 0x2a, 0x84, 0x82, 0x2c, 0xd6, 0x47, 0xca),
    p1: fc.constantFrom(0x00, 0x01, 0x02, 0x04, 0x80, 0x86, 0xff),
    p2: fc.constantFrom(0x00, 0x0c, 0x80, 0x04, 0x0c, 0x97, 0xff),
    data: fc.oneof(
      fc.uint8Array({ maxLength: 20 }),
      fc.constantFrom(...Object.values(aids).map((a) => hex(a)), hex('0018'), hex('001B'), hex('0011'), hex('0001'), hex('0017')),
    ),
    le: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
  }).map(({ cla, ins, p1, p2, data, le }) => {
    const parts: number[] = [cla, ins, p1, p2];
    if (data.length > 0) parts.push(data.length, ...data);
    if (le !== undefined) parts.push(le);
    return Uint8Array.from(parts);
  }),
);

test('random APDUs never throw, always answer a status word, and never corrupt the state', () => {
  fc.assert(
    fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
      const engine = VirtualCardEngine.fromState(base);
      let previous = engine.snapshot();
      for (const c of commands) {
        const response = engine.process(c);
        expect(response.length).toBeGreaterThanOrEqual(2);
        const now = engine.snapshot();
        expect(cardStateSchema.safeParse(now).success).toBe(true);
        for (const id of pinIds) {
          // Without the right PIN (random data essentially never is) or issuer auth, counters only fall.
          expect(now.pins[id].triesLeft).toBeLessThanOrEqual(Math.max(previous.pins[id].triesLeft, 0));
          expect(now.pins[id].triesLeft).toBeLessThanOrEqual(maxTries[id]);
          expect(now.pins[id].value).toBe(base.pins[id].value);
        }
        expect(now.keys).toEqual(base.keys);
        previous = now;
      }
    }),
    { numRuns: 300 },
  );
});
