/** The queue says where each request stands, a send-now that sent nothing says so, and a refusal for good counts until a clerk deals with it. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { QueueRowView } from '../../../src/api/contract';
import { okResult } from '../fake-api';
import { states, syncStatus } from '../fixtures';
import { renderWithApi } from '../render';
import { applicationId, refusedRow } from './clerkFixtures';

/** A request of the application waiting for the CA to answer again, unless `o` says otherwise. */
const row = (o: Partial<QueueRowView>): QueueRowView => refusedRow({ certificateKind: 'auth', state: 'failed_retryable', phase: 'waiting', lastErrorCode: 'EST_NETWORK', ...o });

async function openQueue(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: /送信待ちの状況を開く/ }));
  return screen.findByRole('heading', { level: 1, name: '送信待ちの状況' });
}

describe('queue honesty', () => {
  it('during an outage a waiting request reads as waiting, never as 送信失敗', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.awaitingCard(), sync: { ...syncStatus, depth: 1, caReachable: false } });
    fake.answer('queue.list', okResult([row({})]));
    await openQueue(user);
    const line = await screen.findByRole('row', { name: /20261204-003/ });
    expect(within(line).getByText('送信待ち（認証局との通信の回復を待っています）')).toBeTruthy();
    expect(screen.queryByText(/送信失敗/)).toBeNull();
    expect(screen.getByText('対応が必要なものはありません。')).toBeTruthy();
    // The clerk reads the receipt number; the application's internal id never shows.
    expect(document.body.textContent).not.toContain(applicationId);
  });

  it('a send-now that reached nobody says so, not 完了', async () => {
    const user = userEvent.setup();
    const offline = { ...syncStatus, depth: 3, caReachable: false };
    const { fake, container } = renderWithApi(undefined, { visit: states.awaitingCard(), sync: offline });
    fake.answer('queue.syncNow', okResult(offline));
    await openQueue(user);
    await user.click(screen.getByRole('button', { name: '今すぐ送信する' }));
    expect(await screen.findByText(/送信できませんでした。認証局と通信できません。送信待ちの3件はそのまま残っていて/)).toBeTruthy();
    expect(container.querySelector('.notice--success')).toBeNull();
  });

  it('a send-now that delivered everything says so', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.awaitingCard() });
    fake.answer('queue.syncNow', okResult(syncStatus));
    await openQueue(user);
    await user.click(screen.getByRole('button', { name: '今すぐ送信する' }));
    expect(await screen.findByText('送信待ちはすべて送信しました。')).toBeTruthy();
  });

  it('a revocation refused for good counts on the badge and is acknowledged with its own button', async () => {
    const user = userEvent.setup();
    const refused = row({ kind: 'revoke', state: 'failed_permanent', phase: 'failed', lastErrorCode: 'EST_REJECTED' });
    const { fake } = renderWithApi(undefined, { visit: states.awaitingCard(), sync: { ...syncStatus, failedPermanent: 1 } });
    fake.answer('queue.list', okResult([refused]));
    const badge = await screen.findByRole('button', { name: /送信待ちの状況を開く/ });
    expect(badge.textContent).toContain('要対応 1件');
    await openQueue(user);
    const line = await screen.findByRole('row', { name: /20261204-003/ });
    expect(within(line).getByText('利用者証明用電子証明書の失効の届出')).toBeTruthy();
    expect(within(line).getByText(/認証局がこの失効の届出を受け付けませんでした/)).toBeTruthy();
    await user.click(within(line).getByRole('button', { name: `受付番号 20261204-003 の利用者証明用電子証明書の失効の届出を確認済みにする` }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: '確認済みにする' }));
    await waitFor(() => expect(fake.callsTo('queue.acknowledge')).toEqual([{ outboxId: refused.id }]));
    expect(await screen.findByText('確認済みにしました。記録は監査ログに残ります。')).toBeTruthy();
  });
});
