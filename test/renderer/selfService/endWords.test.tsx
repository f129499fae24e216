/** What each kiosk end says: whether the card changed, in the notice's own words, and where to go next. */
import { screen } from '@testing-library/react';
import type { SelfServiceState } from '../../../src/api/self-service';
import { renderWithApi } from '../render';
import { selfServiceSession, ss, ssCard } from './ssFixtures';
import { tries } from '../fixtures';

const toCounter = /市民課または市民サービスセンターの窓口で手続きできます/;

function renderStep(state: SelfServiceState) {
  return renderWithApi(undefined, { session: selfServiceSession, selfService: state });
}

function noticeTitled(title: string | RegExp): HTMLElement {
  const notice = screen
    .getAllByText(title)
    .find((element) => element.classList.contains('notice-title'))
    ?.closest('.notice');
  if (!(notice instanceof HTMLElement)) throw new Error(`no notice titled ${String(title)}`);
  return notice;
}

describe('the kiosk ends', () => {
  it.each([
    ['refused', ss.refused()],
    ['offline', ss.offline()],
    ['failed', ss.failed()],
  ] as const)('%s sends the resident to the counter, outside the notice', async (_step, state) => {
    renderStep(state);
    await screen.findByRole('heading', { level: 1 });
    const advice = screen.getByText(toCounter);
    expect(advice.tagName).toBe('P');
    expect(advice.closest('.notice')).toBeNull();
  });

  it('offline: the unchanged notice carries the offline explanation', async () => {
    renderStep(ss.offline());
    await screen.findByRole('heading', { level: 1 });
    expect(noticeTitled('カードの内容は何も変わっていません。').textContent).toContain('とつながらないため、手続きを止めました');
  });

  it('a card taken away after its reset says the new password works, and does not send to the counter', async () => {
    renderStep(ss.cardRemoved('reset'));
    await screen.findByRole('heading', { level: 1 });
    expect(noticeTitled('カードが取り出されました').textContent).toContain('の設定は最後まで終わっています。新しいパスワードが使えます。');
    expect(screen.queryByText(toCounter)).toBeNull();
  });

  it.each([
    ['failed', ss.unconfirmed()],
    ['cardRemoved', ss.cardRemoved('unconfirmed')],
  ] as const)('an unconfirmed change at %s says to try the new password first', async (_step, state) => {
    renderStep(state);
    await screen.findByRole('heading', { level: 1 });
    expect(noticeTitled(/できたか.*められませんでした/).textContent).toMatch(/まず.*しいパスワードを.*してください/);
  });

  it('the choice screen with nothing available sends the resident to the counter inside its warning', async () => {
    renderStep(ss.choose({ card: ssCard({ pins: { sign: tries(0, 5), auth: tries(0) } }) }));
    await screen.findByRole('heading', { level: 1 });
    expect(noticeTitled('このカードは、ここでは手続きできません').textContent).toMatch(toCounter);
  });
});
