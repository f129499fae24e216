import { cardError } from '../../../src/card/errors';
import type { PcscContext } from '../../../src/card/pcsc-transport';
import type { CardTransport } from '../../../src/card/transport';
import { openCardSession } from '../../../src/host/open-card';
import type { HostReaderWatch } from '../../../src/host/reader-watch';

const transport: CardTransport = { atr: Uint8Array.of(0x3b), transmit: () => Promise.resolve(Uint8Array.of(0x90, 0)), reset: () => Promise.resolve(), close: () => Promise.resolve() };

/** A reader watch whose context answers each connect with the next of `answers`. */
function readersAnswering(answers: readonly (Error | 'card')[]) {
  const connects: string[] = [];
  const context = {
    waitForCard: () => Promise.resolve(),
    connect: (reader: string) => {
      connects.push(reader);
      const answer = answers[Math.min(connects.length, answers.length) - 1];
      return answer === 'card' ? Promise.resolve(transport) : Promise.reject(answer ?? new Error('no answer scripted'));
    },
  } as unknown as PcscContext;
  const readers: HostReaderWatch = { list: () => [], onChange: () => () => undefined, context: () => Promise.resolve(context), close: () => Promise.resolve() };
  return { readers, connects };
}

describe('openCardSession', () => {
  it('tries a card another client still holds again until it is free', async () => {
    const busy = cardError('CARD_IN_USE', 'held');
    const { readers, connects } = readersAnswering([busy, busy, 'card']);
    const session = await openCardSession(readers, 'R0', 5_000);
    expect(session.reader).toBe('R0');
    expect(connects).toEqual(['R0', 'R0', 'R0']);
  });

  it('gives up at once on any other failure', async () => {
    const { readers, connects } = readersAnswering([cardError('CARD_NO_CARD', 'gone'), 'card']);
    await expect(openCardSession(readers, 'R0', 5_000)).rejects.toEqual(expect.objectContaining({ code: 'CARD_NO_CARD' }));
    expect(connects).toHaveLength(1);
  });

  it('stops trying a busy card when the wait budget would run out', async () => {
    const { readers, connects } = readersAnswering([cardError('CARD_IN_USE', 'held')]);
    await expect(openCardSession(readers, 'R0', 600)).rejects.toEqual(expect.objectContaining({ code: 'CARD_IN_USE' }));
    expect(connects.length).toBeGreaterThanOrEqual(2);
    expect(connects.length).toBeLessThanOrEqual(4);
  });
});
