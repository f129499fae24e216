/**
 * axe-core over every clerk screen in Japanese and English (JIS X 8341-3 / WCAG 2.2 AA), plus
 * the structure the screens promise: exactly one h1 and headings that never skip a level.
 * Contrast and target size need layout, which jsdom lacks; the browser run checks them.
 */
import { screen } from '@testing-library/react';
import type { VisitState } from '../../../src/api/visit';
import type { Language } from '../../../renderer/i18n/format';
import { card, states, tries } from '../fixtures';
import { seriousViolations, stubCanvas } from '../axe';
import { renderWithApi } from '../render';
import { clerkStates, receipt } from './clerkFixtures';

jest.setTimeout(120_000);

stubCanvas();

function headingLevels(root: Element): number[] {
  return Array.from(root.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) => Number(h.tagName.slice(1)));
}

const screens: readonly [string, VisitState][] = [
  ['sign-in', states.signedOut()],
  ['home', states.awaitingCard({ notice: 'cancelled' })],
  ['home after an unreadable card', states.awaitingCard({ readError: { code: 'CARD_TRANSPORT', retryable: true, details: {} } })],
  ['card', states.cardPresent({ card: card({ warnings: ['sign-locked'], pins: { sign: tries(0, 5), auth: tries(3), cardInfo: tries(3) } }) })],
  ['identity (card)', states.identity()],
  ['identity (typed)', states.identity({ source: 'clerk', basicInfo: null })],
  ['procedure', clerkStates.procedure()],
  ['applicant', clerkStates.applicant()],
  ['certificates', clerkStates.certificates()],
  ['working', states.working({ progress: ['issue-after-draft', 'issue-after-issuer-auth'] })],
  ['done', clerkStates.done([receipt()])],
  ['refused', clerkStates.refused(['juki-card'])],
  ['failed', clerkStates.failed(false)],
];

describe.each<Language>(['ja', 'en'])('clerk screens in %s', (language) => {
  it.each(screens)('%s has no serious axe violations, one h1, and no skipped heading levels', async (_name, visit) => {
    const { container } = renderWithApi(undefined, { visit, language });
    await screen.findByRole('heading', { level: 1 });
    expect(await seriousViolations(container)).toEqual([]);
    const levels = headingLevels(container);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
  });
});
