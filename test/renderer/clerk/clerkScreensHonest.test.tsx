/**
 * The clerk's screens say what is true and keep what the clerk did: the likely applicant type
 * preselected, ticks kept across a type change and a step back, no same-day promise offline, the
 * language switch never moving sign-out under the pointer, sign-out mid-visit confirmed, and the
 * password screen's title naming what is set.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { basicInfo, states, syncStatus } from '../fixtures';
import { createFakeApi, errorResult, okResult } from '../fake-api';
import { renderWithApi } from '../render';
import { clerkStates } from './clerkFixtures';

const childBirth = `${new Date().getFullYear() - 10}-04-01`;
const child = { ...basicInfo, birthDate: childBirth };

describe('the applicant screen', () => {
  it('preselects 法定代理人, not 本人, for an applicant it says is under 15', async () => {
    renderWithApi(undefined, { visit: clerkStates.applicant({ basicInfo: child }) });
    await screen.findByText('生年月日から、申請者は15歳未満です（R-ELIG-4）。');
    expect((screen.getByRole('radio', { name: '法定代理人' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: '本人' }) as HTMLInputElement).checked).toBe(false);
  });

  it('keeps the ticked documents when the applicant type changes and changes back', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: clerkStates.applicant() });
    await user.click(await screen.findByRole('checkbox', { name: 'マイナンバーカード（個人番号カード）' }));
    await user.click(screen.getByRole('radio', { name: '法定代理人' }));
    await user.click(screen.getByRole('checkbox', { name: '本人確認書類（官公署発行の顔写真付き）' }));
    expect((screen.getByRole('checkbox', { name: 'マイナンバーカード（個人番号カード）' }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('radio', { name: '本人' }));
    expect((screen.getByRole('checkbox', { name: 'マイナンバーカード（個人番号カード）' }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('radio', { name: '法定代理人' }));
    expect((screen.getByRole('checkbox', { name: '本人確認書類（官公署発行の顔写真付き）' }) as HTMLInputElement).checked).toBe(true);
  });

  it('shows again what was chosen before going back from the certificates', async () => {
    const chosen = { applicantType: 'legalRepresentative', documents: ['myNumberCard', 'photoId'], adultWard: false, domicileInCity: true, reissuedCard: false } as const;
    renderWithApi(undefined, { visit: clerkStates.applicant({ chosen }) });
    expect((await screen.findByRole('radio', { name: '法定代理人' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: '申請者の本籍が本市にあります' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'マイナンバーカード（個人番号カード）' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: '本人確認書類（官公署発行の顔写真付き）' }) as HTMLInputElement).checked).toBe(true);
  });

  it('does not promise same-day issuance while the CA cannot be reached', async () => {
    renderWithApi(undefined, { visit: clerkStates.applicant(), sync: { ...syncStatus, caReachable: false } });
    await screen.findByRole('radio', { name: '本人' });
    expect(screen.queryByText(/即日交付できます/)).toBeNull();
    expect(screen.getAllByText(/即日交付はできません/).length).toBeGreaterThanOrEqual(2);
  });

  it('says same day while online', async () => {
    renderWithApi(undefined, { visit: clerkStates.applicant() });
    await screen.findByRole('radio', { name: '本人' });
    expect(screen.getByText('即日交付できます（R-APP-1）。')).toBeTruthy();
  });
});

describe('the clerk header', () => {
  it('keeps the language switch last, so the words of the other buttons never move it', async () => {
    renderWithApi(undefined, { visit: states.awaitingCard() });
    const settings = await screen.findByRole('navigation', { name: /表示/ });
    const buttons = within(settings).getAllByRole('button');
    expect(buttons[buttons.length - 1]?.textContent).toBe('English');
  });

  it('asks before signing out in the middle of a visit; staying keeps the visit', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: clerkStates.applicant() });
    await user.click(await screen.findByRole('button', { name: 'サインアウト' }));
    const dialog = screen.getByRole('alertdialog', { name: '手続きの途中です。サインアウトしますか' });
    await user.click(within(dialog).getByRole('button', { name: '手続きを続ける' }));
    expect(fake.callsTo('clerk.signOut')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'サインアウト' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'サインアウトする' }));
    await waitFor(() => expect(fake.callsTo('clerk.signOut')).toHaveLength(1));
  });

  it('signs out at once between visits', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.awaitingCard() });
    await user.click(await screen.findByRole('button', { name: 'サインアウト' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(fake.callsTo('clerk.signOut')).toHaveLength(1));
  });
});

describe('the password screen title', () => {
  it('names the signing password as a password, and the PIN as a PIN', async () => {
    const { unmount } = renderWithApi(undefined, { visit: states.passwords({ certificates: ['sign'] }) });
    expect(await screen.findByRole('heading', { level: 1, name: '署名用パスワードを決めてください' })).toBeTruthy();
    unmount();
    renderWithApi(undefined, { visit: states.passwords({ certificates: ['auth'] }) });
    expect(await screen.findByRole('heading', { level: 1, name: '利用者証明用暗証番号を決めてください' })).toBeTruthy();
  });
});

describe('the training panel: an outage rehearsal', () => {
  it('takes the training CA offline and brings it back', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.awaitingCard() });
    fake.answer('training.setCaReachable', (request) => okResult({ isReachable: request.isReachable }));
    const panel = await screen.findByRole('region', { name: '研修モード：研修用カード' });
    await within(panel).findByText('応答しています。');
    await user.click(within(panel).getByRole('button', { name: '認証局を止める（障害の練習）' }));
    await within(panel).findByText('止めています（障害の練習中）。申請は送信待ちになります。');
    await user.click(within(panel).getByRole('button', { name: '認証局を再開する' }));
    await within(panel).findByText('応答しています。');
    expect(fake.callsTo('training.setCaReachable')).toEqual([{ isReachable: false }, { isReachable: true }]);
  });

  it('shows no switch where the terminal has no training CA of its own', async () => {
    const fake = createFakeApi({ visit: states.awaitingCard() });
    fake.answer('training.ca', errorResult('TRAINING_ONLY'));
    renderWithApi(undefined, { fake });
    const panel = await screen.findByRole('region', { name: '研修モード：研修用カード' });
    await waitFor(() => expect(fake.callsTo('training.ca')).toHaveLength(1));
    expect(within(panel).queryByText('研修用の認証局')).toBeNull();
  });
});
