/** Acknowledging a request refused for good asks first: nothing reaches the host until the clerk confirms. */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { okResult } from '../fake-api';
import { states, syncStatus } from '../fixtures';
import { renderWithApi } from '../render';
import { refusedRow } from './clerkFixtures';

const refused = refusedRow();

async function openAcknowledge() {
  const user = userEvent.setup();
  const rendered = renderWithApi(undefined, { visit: states.awaitingCard(), sync: { ...syncStatus, failedPermanent: 1 } });
  rendered.fake.answer('queue.list', okResult([refused]));
  await user.click(await screen.findByRole('button', { name: /送信待ちの状況を開く/ }));
  const line = await screen.findByRole('row', { name: /20261204-003/ });
  await user.click(within(line).getByRole('button', { name: /を確認済みにする$/ }));
  const dialog = await screen.findByRole('alertdialog', { name: '確認済みにしますか' });
  return { user, dialog, ...rendered };
}

beforeAll(() => {
  // axe asks canvases for icon contrast; jsdom has none.
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

describe('acknowledging a request refused for good', () => {
  it('asks first, naming the request, with the safe choice focused; cancelling sends nothing', async () => {
    const { user, dialog, fake } = await openAcknowledge();
    expect(dialog.textContent).toContain(`受付番号 20261204-003 の署名用電子証明書の発行申請を確認済みにします。`);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'やめる（要対応のまま）' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.callsTo('queue.acknowledge')).toEqual([]);
  });

  it('Escape closes it without acknowledging', async () => {
    const { user, fake } = await openAcknowledge();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.callsTo('queue.acknowledge')).toEqual([]);
  });

  it('confirming acknowledges that one request, by keyboard', async () => {
    const { user, dialog, fake } = await openAcknowledge();
    fake.answer('queue.acknowledge', okResult({ ...syncStatus, failedPermanent: 0 }));
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: '確認済みにする' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fake.callsTo('queue.acknowledge')).toEqual([{ outboxId: refused.id }]));
    expect(await screen.findByText('確認済みにしました。記録は監査ログに残ります。')).toBeTruthy();
  });

  it('the open dialog is axe-clean', async () => {
    const { container } = await openAcknowledge();
    let ids: string[] = [];
    await act(async () => {
      const results = await axe.run(container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } } });
      ids = results.violations.map((v) => v.id);
    });
    expect(ids).toEqual([]);
  });
});
