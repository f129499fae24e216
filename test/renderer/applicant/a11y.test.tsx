/**
 * axe-core over every state of the applicant's screens, in Japanese and English (JIS X 8341-3 /
 * WCAG 2.2 AA). jsdom has no layout, so colour contrast, target size and the 200 % text mode
 * (a class on <html> that changes no markup) are left to the browser end-to-end run; everything
 * structural (names, roles, live regions, labels, landmarks, ARIA references) is checked here.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { App } from '../../../renderer/app/App';
import type { Language } from '../../../renderer/i18n/format';
import { basicInfo, card, states, tries } from '../fixtures';
import { renderWithApi } from '../render';

jest.setTimeout(60_000);

// axe probes <canvas> for icon fonts; jsdom has none, and an absent context is what axe expects then.
beforeAll(() => {
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

async function seriousViolations(root: Element): Promise<string[]> {
  // Inside act: the idle warning's clock may tick while axe runs.
  let results: axe.AxeResults | undefined;
  await act(async () => {
    results = await runAxe(root);
  });
  if (results === undefined) throw new Error('axe did not run');
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

function runAxe(root: Element): Promise<axe.AxeResults> {
  return axe.run(root, {
    resultTypes: ['violations'],
    // Needs layout and painted colours, which jsdom does not have; the e2e run checks them.
    rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } },
  });
}

const languages: readonly Language[] = ['ja', 'en'];

describe.each(languages)('applicant screens have no serious axe violation (%s)', (language) => {
  it('card-info PIN: entry, the idle warning, and the last-try confirmation', async () => {
    const user = userEvent.setup();
    const { container } = renderWithApi(undefined, {
      visit: states.cardInfoPin({ card: card({ pins: { sign: tries(5, 5), auth: tries(3), cardInfo: tries(1) } }), deadlineAt: Date.now() + 25_000 }),
      language,
    });
    await screen.findByRole('heading', { level: 1 });
    expect(await seriousViolations(container)).toEqual([]);
    await user.keyboard('1234');
    expect(await seriousViolations(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: language === 'ja' ? 'この暗証番号で読み取る' : 'Read the card with this PIN' }));
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    expect(await seriousViolations(document.body)).toEqual([]);
  });

  it('card-info PIN after a refusal', async () => {
    const { container } = renderWithApi(undefined, { visit: states.cardInfoPin({ lastAttemptFailed: true, card: card({ pins: { sign: tries(5, 5), auth: tries(3), cardInfo: tries(2) } }) }), language });
    await screen.findByRole('heading', { level: 1 });
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('passwords: first entry with the checklist, a refused key, the second entry with a mismatch, and the confirmation', async () => {
    const user = userEvent.setup();
    const { container } = renderWithApi(undefined, { visit: states.passwords({ deadlineAt: Date.now() + 25_000 }), language });
    await screen.findByRole('heading', { level: 2 });
    expect(await seriousViolations(container)).toEqual([]);
    await user.keyboard('abc123!');
    const [show] = screen.getAllByRole('button', { name: language === 'ja' ? '入力した文字を表示' : /Show/ });
    if (show === undefined) throw new Error('no show/hide button');
    await user.click(show);
    expect(await seriousViolations(container)).toEqual([]);
    // Enter typed from outside a button moves on (on a focused button it presses that button).
    await user.click(screen.getByRole('heading', { level: 1 }));
    await user.keyboard('{Enter}');
    await user.keyboard('ABC124{Enter}');
    expect(await seriousViolations(container)).toEqual([]);
    await user.keyboard('ABC123{Enter}');
    await user.keyboard('2468{Enter}2468{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: language === 'ja' ? 'この内容で設定しますか' : 'Set these now?' })).toBeTruthy();
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('passwords for a legal representative (authentication PIN only)', async () => {
    const { container } = renderWithApi(undefined, {
      visit: states.passwords({ certificates: ['auth'], basicInfo: { ...basicInfo, birthDate: '2016-04-01' }, applicant: { applicantType: 'legalRepresentative', documents: ['myNumberCard', 'authorityProof'], adultWard: false, domicileInCity: true, reissuedCard: false } }),
      language,
    });
    await screen.findByRole('heading', { level: 2 });
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('the clerk display while the applicant types', async () => {
    const { container } = renderWithApi(<App display="clerk" />, { visit: states.passwords(), language });
    await screen.findByRole('heading', { level: 1 });
    expect(await seriousViolations(container)).toEqual([]);
    expect(within(container).queryByRole('group')).toBeNull();
  });
});

describe('the axe check itself', () => {
  it('reports a serious violation when there is one (so a pass above means something)', async () => {
    const { container } = renderWithApi(
      <main>
        <button type="button" />
      </main>,
    );
    expect(await seriousViolations(container)).toEqual([expect.stringMatching(/^button-name/)]);
  });
});
