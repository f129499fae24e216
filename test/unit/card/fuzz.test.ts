/**
 * Property tests: whatever bytes a card (or a mutated genuine answer) gives us, the decoder and
 * the card model either succeed or throw a typed CardError — nothing else escapes.
 */
import fc from 'fast-check';
import { decodeResponse } from '../../../src/card/apdu';
import { readTlvList } from '../../../src/card/ber';
import { CardModel } from '../../../src/card/card-model';
import { parseCertificate } from '../../../src/card/certificate-info';
import { parseCommonRecord } from '../../../src/card/common-ap';
import { DirectTransport } from '../../../src/card/direct-transport';
import { isCardError } from '../../../src/card/errors';
import { spkiFromPublicKeyTemplate } from '../../../src/card/issuer';
import { parseBasicInfo, parseIndividualNumber } from '../../../src/card/text-ap';
import { VirtualCardEngine } from '../../../src/virtual-card/engine';
import type { CardState } from '../../../src/virtual-card/card-state';
import { ascii, blankState, directCard, issuerKey, personaliseWith, testCa } from './support';

function onlyCardErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(isCardError(error))) throw error;
  }
}

async function onlyCardErrorsAsync(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(isCardError(error))) throw error;
  }
}

const anyBytes = fc.uint8Array({ maxLength: 600 });

describe('decoders never throw anything but CardError', () => {
  it.each([
    ['decodeResponse', decodeResponse],
    ['readTlvList', (b: Uint8Array) => readTlvList(b, true)],
    ['parseBasicInfo', parseBasicInfo],
    ['parseIndividualNumber', parseIndividualNumber],
    ['parseCommonRecord', parseCommonRecord],
    ['spkiFromPublicKeyTemplate', spkiFromPublicKeyTemplate],
    ['parseCertificate', parseCertificate],
  ] as const)('%s on random bytes', (_name, decode) => {
    fc.assert(fc.property(anyBytes, (bytes) => onlyCardErrors(() => decode(bytes))), { numRuns: 300 });
  });

  it('parseBasicInfo on mutated genuine files', () => {
    const engine = VirtualCardEngine.fromState(blankState(issuerKey()));
    engine.process(Buffer.from('00A4040C0AD3921000310001010408', 'hex'));
    engine.process(Buffer.from('00A4020C020011', 'hex'));
    engine.process(Buffer.from('002000800431323334', 'hex'));
    engine.process(Buffer.from('00A4020C020002', 'hex'));
    const response = engine.process(Buffer.from('00B0000000', 'hex'));
    const genuine = response.subarray(0, response.length - 2);
    expect(parseBasicInfo(genuine).name).toBe('各務原　花子');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(), (edits, cut) => {
        const mutated = Uint8Array.from(genuine);
        for (const [at, value] of edits) mutated[at % mutated.length] = value;
        onlyCardErrors(() => parseBasicInfo(mutated.subarray(0, mutated.length - (cut % 8))));
      }),
      { numRuns: 500 },
    );
  });
});

/** A card whose answers are the genuine ones, mutated or replaced at random. */
function hostileCard(state: CardState, seedAnswers: fc.Arbitrary<Uint8Array[]>) {
  return seedAnswers.map((garbage) => {
    const engine = VirtualCardEngine.fromState(state);
    let i = 0;
    return {
      process(apdu: Uint8Array): Uint8Array {
        const genuine = engine.process(apdu);
        const noise = garbage[i++ % Math.max(1, garbage.length)];
        if (noise === undefined || noise.length === 0) return genuine;
        // Mix: either replace the answer, or flip some bytes of the genuine one.
        if ((noise[0] ?? 0) % 2 === 0) return noise.subarray(1);
        const out = Uint8Array.from(genuine);
        for (let k = 1; k < noise.length; k++) {
          const at = (noise[k] ?? 0) % Math.max(1, out.length);
          out[at] = (out[at] ?? 0) ^ (noise[k] ?? 0);
        }
        return out;
      },
    };
  });
}

describe('the card model against a hostile card', () => {
  jest.setTimeout(60_000);
  let personalised: CardState;
  beforeAll(async () => {
    const ca = testCa();
    try {
      const issuer = issuerKey();
      const { engine, card } = directCard(blankState(issuer));
      await personaliseWith(card, issuer, ca);
      personalised = engine.snapshot();
    } finally {
      ca.dispose();
    }
  });

  it('facts, PIN status, certificates, basic info: typed errors only, within bounded APDUs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constant(null).chain(() => hostileCard(personalised, fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 12 }))), async (hostile) => {
        let count = 0;
        const counted = { process: (apdu: Uint8Array) => (count++, hostile.process(apdu)) };
        const card = new CardModel(new DirectTransport(counted));
        await onlyCardErrorsAsync(() => card.readCardFacts());
        await onlyCardErrorsAsync(() => card.readPinStatus());
        await onlyCardErrorsAsync(() => card.readCertificates());
        await onlyCardErrorsAsync(async () => {
          await card.verifyPin('sign', ascii('ABC123'));
          return card.readCertificates(['sign']);
        });
        await onlyCardErrorsAsync(() => card.readBasicInfo(ascii('1234')));
        expect(count).toBeLessThan(200);
      }),
      { numRuns: 150 },
    );
  });
});
