import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { okResult } from '../fake-api';
import { session, states, syncStatus, training } from '../fixtures';
import { renderWithApi } from '../render';
import { refusedRow } from './clerkFixtures';

const failedRow = refusedRow({ attempts: 4, lastErrorCode: 'EST_BAD_REQUEST' });

async function openQueue(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: /送信待ちの状況を開く/ }));
  return screen.findByRole('heading', { level: 1, name: '送信待ちの状況' });
}

describe('QueueDashboard', () => {
  it('shows connectivity, depth, oldest age and last delivery in words', async () => {
    const user = userEvent.setup();
    const lastSuccessAt = Date.UTC(2025, 10, 25, 3, 4);
    renderWithApi(undefined, { visit: states.awaitingCard(), sync: { ...syncStatus, depth: 2, caReachable: false, oldestPendingAgeMs: 5 * 60_000, lastSuccessAt } });
    await openQueue(user);
    expect(screen.getByText('オフライン（通信障害）')).toBeTruthy();
    expect(screen.getByText('2件')).toBeTruthy();
    expect(screen.getByText('約5分前から')).toBeTruthy();
    expect(screen.getByText('令和7年11月25日（2025年） 12:04')).toBeTruthy();
  });

  it.each([
    ['EST_TRUST', '認証局の証明書が、この端末に設定された認証局のものと一致しません。'],
    ['EST_UNAUTHORIZED', 'この端末は認証局に認証されませんでした。'],
    ['EST_TLS', '認証局との安全な接続を確立できません'],
  ] as const)('a terminal-wide refusal (%s) reads as stopped with its own reason, never as offline', async (code, words) => {
    const user = userEvent.setup();
    const at = Date.UTC(2025, 10, 25, 3, 4);
    renderWithApi(undefined, { visit: states.awaitingCard(), sync: { ...syncStatus, depth: 4, caReachable: false, terminalError: { code, at } } });
    const badge = await screen.findByRole('button', { name: /送信待ちの状況を開く/ });
    expect(badge.textContent).toContain('送信停止（接続設定の確認が必要）');
    expect(badge.textContent).not.toContain('オフライン');
    await openQueue(user);
    expect(screen.getByText('送信停止（接続設定の確認が必要）')).toBeTruthy();
    expect(screen.queryByText('オフライン（通信障害）')).toBeNull();
    expect(screen.getByText('送信を止めている理由')).toBeTruthy();
    expect(screen.getByText(new RegExp(words))).toBeTruthy();
    expect(screen.getByText(/送信待ちの申請はそのまま残っています/)).toBeTruthy();
  });

  it('lists failed rows with the reason in words and retries one; sends now', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.awaitingCard() });
    fake.answer('queue.list', okResult([failedRow]));
    await openQueue(user);
    const row = await screen.findByRole('row', { name: /20261204-003/ });
    expect(within(row).getByText('署名用電子証明書の発行申請')).toBeTruthy();
    expect(fake.callsTo('queue.list')[0]).toEqual({ states: ['pending', 'sending', 'failed_retryable', 'failed_permanent'] });
    await user.click(within(row).getByRole('button', { name: `受付番号 20261204-003 の署名用電子証明書の発行申請を再送する` }));
    await waitFor(() => expect(fake.callsTo('queue.retry')).toEqual([{ outboxId: failedRow.id }]));
    expect(await screen.findByText('再送の予定に入れました。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '今すぐ送信する' }));
    await waitFor(() => expect(fake.callsTo('queue.syncNow')).toEqual([{}]));
    await user.click(screen.getByRole('button', { name: '手続きの画面に戻る' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'カードをリーダーに置いてください' })).toBeTruthy();
  });
});

describe('TrainingPanel', () => {
  it('is marked 研修モード and removes a card from a slot', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.awaitingCard() });
    const panel = await screen.findByRole('complementary');
    expect(within(panel).getByRole('heading', { name: '研修モード：研修用カード' })).toBeTruthy();
    expect(within(panel).getByText('各務原 一郎さんのカードが置かれています')).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'リーダー1からカードを取り出す' }));
    await waitFor(() => expect(fake.callsTo('training.removeCard')).toEqual([{ slot: 0 }]));
  });

  it('inserts the chosen resident into an empty slot', async () => {
    const user = userEvent.setup();
    const two = { ...training, residents: [...training.residents, { id: 'r02-under15', name: '各務原 次郎', tags: ['R-ELIG-4'] }] };
    const { fake } = renderWithApi(undefined, { visit: states.awaitingCard(), training: two });
    const panel = await screen.findByRole('complementary');
    await user.selectOptions(await within(panel).findByRole('combobox', { name: '置くカード（研修用の住民）' }), 'r02-under15');
    await user.click(within(panel).getByRole('button', { name: 'リーダー2にカードを置く' }));
    await waitFor(() => expect(fake.callsTo('training.insertCard')).toEqual([{ slot: 1, residentId: 'r02-under15' }]));
  });

  it('is absent on a production terminal', async () => {
    renderWithApi(undefined, { visit: states.awaitingCard(), session: { ...session, terminal: { ...session.terminal, training: false } } });
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('complementary')).toBeNull();
    expect(screen.queryByText('研修モード')).toBeNull();
  });
});
