import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorResult } from '../fake-api';
import { session, states, syncStatus } from '../fixtures';
import { descriptionOf, renderWithApi } from '../render';

describe('SignInScreen', () => {
  it('explains why it cannot sign in yet, then sends the chosen clerk and the PIN as bytes', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.signedOut() });
    expect(await screen.findByRole('heading', { level: 1, name: '職員サインイン' })).toBeTruthy();
    const submit = screen.getByRole('button', { name: 'サインインする' });
    expect(submit.getAttribute('aria-disabled')).toBe('true');
    expect(descriptionOf(submit)).toBe('職員を選んでください');
    await user.click(screen.getByRole('radio', { name: '研修 花子' }));
    expect(descriptionOf(submit)).toBe('暗証番号を入力してください');
    const pin = screen.getByLabelText(/職員用暗証番号/);
    await user.type(pin, '4321');
    await user.click(submit);
    await waitFor(() => expect(fake.callsTo('clerk.signIn')).toEqual([{ clerkId: 'clerk-02', pin: [0x34, 0x33, 0x32, 0x31] }]));
    expect((pin as HTMLInputElement).value).toBe('');
  });

  it('refuses letters in the PIN with a 「＊」 error tied to the field', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: states.signedOut() });
    const pin = await screen.findByLabelText(/職員用暗証番号/);
    await user.type(pin, 'a');
    expect(pin.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(pin)).toContain('＊使えるのは数字（0〜9）だけです');
  });

  it('says a refused sign-in in words, by its code', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.signedOut() });
    fake.answer('clerk.signIn', errorResult('CLERK_SIGN_IN_FAILED'));
    await user.click(await screen.findByRole('radio', { name: '研修 太郎' }));
    await user.type(screen.getByLabelText(/職員用暗証番号/), '1111{Enter}');
    expect(await screen.findByText('職員番号または暗証番号が違います。')).toBeTruthy();
  });

  it('shows the timeout notice the state carries', async () => {
    renderWithApi(undefined, { visit: states.signedOut({ notice: 'clerkTimedOut' }) });
    expect(await screen.findByText('一定時間操作がなかったため、サインアウトしました。')).toBeTruthy();
  });
});

describe('AwaitingCardScreen', () => {
  it('asks for the card, lists the procedures and readers, and starts without a card', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.awaitingCard() });
    expect(await screen.findByRole('heading', { level: 1, name: 'カードをリーダーに置いてください' })).toBeTruthy();
    expect(screen.getByText(/失効申請（カードなしでも可）/)).toBeTruthy();
    expect(screen.getByText('Virtual PCD 00 01：カードなし')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'カードなしで手続きを始める' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'startWithoutCard' } }]));
  });

  it('shows the queue depth and offline state in words, opens the dashboard, and signs out', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.awaitingCard(), sync: { ...syncStatus, depth: 3, caReachable: false } });
    const badge = await screen.findByRole('button', { name: /^送信待ちの状況を開く：\s*送信待ち 3件・オフライン（通信障害）$/ });
    await user.click(badge);
    expect(await screen.findByRole('heading', { level: 1, name: '送信待ちの状況' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'サインアウト' }));
    await waitFor(() => expect(fake.callsTo('clerk.signOut')).toHaveLength(1));
  });

  it('says the card is being read', async () => {
    renderWithApi(undefined, { visit: { step: 'readingCard', clerk: session.clerks[0] ?? { id: 'x', name: 'x' }, reader: 'Virtual PCD 00 00' } });
    expect(await screen.findByText('カードを読み取っています（Virtual PCD 00 00）。カードを動かさないでください。')).toBeTruthy();
  });

  it('says why the last card could not be read and what to do, as an error the screen reader hears', async () => {
    renderWithApi(undefined, { visit: states.awaitingCard({ readError: { code: 'CARD_MALFORMED_RESPONSE', retryable: false, details: {} } }) });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^カードを読み取れませんでした.+もう一度置いてください。/);
    expect(alert.textContent).not.toMatch(/CARD_|INTERNAL/);
  });

  it('renders English on the toggle', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: states.awaitingCard() });
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('button', { name: 'Switch to English' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Place the card on the reader' })).toBeTruthy();
    expect(within(screen.getByRole('complementary')).getByRole('heading', { level: 2, name: 'Training mode: training cards' })).toBeTruthy();
  });
});
