/**
 * When the CA's records tie the proving certificate to another card, or to no card at all, the
 * resident is told that in words of their own (not the general "the CA refused") and what to do:
 * bring this card to the counter. Japanese with furigana first, English too.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorMessages } from '../../../src/words/errors';
import { renderWithApi } from '../render';
import { selfServiceSession, ss } from './ssFixtures';

const renderRefused = (reason: Parameters<typeof ss.refused>[0], language?: 'ja' | 'en') => renderWithApi(undefined, { session: selfServiceSession, selfService: ss.refused(reason), language });

describe('refused for the card record at the self-service terminal', () => {
  it.each([
    ['SELF_SERVICE_CARD_MISMATCH', /記録が合いません/],
    ['SELF_SERVICE_CARD_UNRECORDED', /どのカードのものか記録されていません/],
  ] as const)('%s: its own words, the counter with this card, furigana on the hard words', async (reason, words) => {
    const user = userEvent.setup();
    renderRefused(reason);
    expect(await screen.findByRole('heading', { level: 1, name: '窓口でお手続きください' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'ふりがなを表示' }));
    const alert = screen.getByRole('alert');
    // Read without the furigana (the <rt> text), as the eye reads the line.
    const plain = Array.from(alert.querySelectorAll('p'))
      .map((p) => {
        const copy = p.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('rt, rp').forEach((node) => node.remove());
        return copy.textContent ?? '';
      })
      .join('\n');
    expect(plain).toMatch(words);
    expect(plain).toContain('このカードを持って窓口へお越しください');
    expect(plain).not.toContain(errorMessages.SELF_SERVICE_CA_REFUSED.ja);
    expect(alert.textContent).toContain('カードの内容は何も変わっていません。');
    expect(Array.from(alert.querySelectorAll('ruby rt')).map((rt) => rt.textContent)).toEqual(expect.arrayContaining(['まどぐち', 'でんししょうめいしょ']));
  });

  it.each([
    ['SELF_SERVICE_CARD_MISMATCH', /does not match this card/],
    ['SELF_SERVICE_CARD_UNRECORDED', /no record of which card/],
  ] as const)('%s in English', async (reason, words) => {
    renderRefused(reason, 'en');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(words);
    expect(alert.textContent).toContain('Please bring this card to the counter');
  });
});
