/** R-HOURS-2 in the clerk's header: at closing time, work still open is named, reachable by keyboard, in ja and en. */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { App } from '../../../renderer/app/App';
import { ClockProvider } from '../../../renderer/app/clock';
import type { Language } from '../../../renderer/i18n/format';
import type { SyncStatusView } from '../../../src/api/contract';
import { okResult } from '../fake-api';
import { states, syncStatus } from '../fixtures';
import { renderWithApi } from '../render';

/** An instant given as Japan's wall clock (UTC+9, no daylight saving). */
const jst = (date: string, time: string): number => Date.parse(`${date}T${time}:00+09:00`);

function renderAt(instant: number, sync: SyncStatusView = { ...syncStatus, depth: 2, failedPermanent: 1, pickUpsWaiting: 1 }, language?: Language) {
  return renderWithApi(
    <ClockProvider now={() => instant}>
      <App />
    </ClockProvider>,
    { visit: states.awaitingCard(), sync, language },
  );
}

beforeAll(() => {
  // axe asks canvases for icon contrast; jsdom has none.
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

describe('the closing-time warning in the header (R-HOURS-2)', () => {
  it('at 16:45 on a counter day it names what is still open and opens the queue from the keyboard', async () => {
    const user = userEvent.setup();
    const { fake } = renderAt(jst('2025-11-26', '16:45'));
    fake.answer('queue.list', okResult([]));
    const warning = await screen.findByRole('button', { name: /まもなく閉庁（17時）です。未処理：送信待ち2件、要対応1件、受け取り待ち1件/ });
    await user.tab();
    // Tab through the header until the warning has the focus: it is reachable, not only clickable.
    for (let i = 0; i < 10 && document.activeElement !== warning; i += 1) await user.tab();
    expect(document.activeElement).toBe(warning);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: '送信待ちの状況' })).toBeTruthy();
  });

  it('after 17:00 it says the counter has closed, in English too', async () => {
    renderAt(jst('2025-11-26', '17:05'), { ...syncStatus, depth: 1 }, 'en');
    expect(await screen.findByRole('button', { name: /The counter has closed \(17:00\)\. Still open: 1 waiting to be sent/ })).toBeTruthy();
  });

  it.each([
    ['before 16:30', jst('2025-11-26', '16:29')],
    ['on a national holiday', jst('2026-11-23', '16:45')],
    ['on 29 December', jst('2025-12-29', '17:10')],
  ])('says nothing %s', async (_title, instant) => {
    renderAt(instant);
    await screen.findByRole('button', { name: /送信待ちの状況を開く/ });
    expect(screen.queryByText(/閉庁/)).toBeNull();
  });

  it('says nothing at closing time when nothing is open', async () => {
    renderAt(jst('2025-11-26', '16:45'), syncStatus);
    await screen.findByRole('button', { name: /送信待ちの状況を開く/ });
    expect(screen.queryByText(/閉庁/)).toBeNull();
  });

  it('is axe-clean', async () => {
    const { container } = renderAt(jst('2025-11-26', '16:45'));
    await screen.findByText(/まもなく閉庁/);
    let violations: string[] = [];
    await act(async () => {
      const results = await axe.run(container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } } });
      violations = results.violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
  });
});
