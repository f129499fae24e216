/**
 * axe-core over every self-service screen in Japanese and English, plus the last-try
 * confirmation and the idle warning (WCAG 2.2 A/AA structure; colour contrast and target size
 * need layout, which the Chromium end-to-end run checks).
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Language } from '../../../renderer/i18n/format';
import { tries } from '../fixtures';
import { seriousViolations, stubCanvas } from '../axe';
import { renderWithApi } from '../render';
import { everyStep, selfServiceSession, ss, ssCard } from './ssFixtures';

jest.setTimeout(120_000);

stubCanvas();

const languages: readonly Language[] = ['ja', 'en'];

describe.each(languages)('self-service screens have no serious axe violation (%s)', (language) => {
  it.each(everyStep().map((s) => [s.step, s] as const))('%s', async (_step, state) => {
    const { container } = renderWithApi(undefined, { session: selfServiceSession, selfService: state, language });
    await screen.findByRole('heading', { level: 1 });
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('the last-try confirmation and the idle warning', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, {
      session: selfServiceSession,
      selfService: ss.proving({ card: ssCard({ pins: { sign: tries(0, 5), auth: tries(1) } }), deadlineAt: Date.now() + 25_000 }),
      language,
    });
    await screen.findByRole('heading', { level: 1 });
    expect(await seriousViolations(document.body)).toEqual([]);
    await user.click(screen.getByRole('heading', { level: 1 }));
    await user.keyboard('1234{Enter}');
    expect(await screen.findByRole('alertdialog')).toBeTruthy();
    expect(await seriousViolations(document.body)).toEqual([]);
  });
});
