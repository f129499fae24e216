import { screen } from '@testing-library/react';
import { App } from '../../../renderer/app/App';
import { states } from '../fixtures';
import { renderWithApi, settle } from '../render';

describe('App', () => {
  it('says it is connecting until the host has answered', async () => {
    renderWithApi(<App />, { visit: states.signedOut() });
    expect(screen.getByRole('status').textContent).toBe('端末に接続しています…');
    await settle();
  });

  it('renders the applicant screen for an applicant step and follows the visit', async () => {
    const { fake } = renderWithApi(<App />, { visit: states.cardInfoPin() });
    expect(await screen.findByRole('heading', { level: 1, name: '暗証番号（数字4桁）を入れてください' })).toBeTruthy();
    fake.emit('visit', states.passwords());
    expect(screen.getByRole('heading', { level: 1, name: '署名用パスワードと利用者証明用暗証番号を決めてください' })).toBeTruthy();
  });

  it('on a clerk display shows only the status during the applicant steps', async () => {
    const { fake, container } = renderWithApi(<App display="clerk" />, { visit: states.cardInfoPin() });
    expect(await screen.findByRole('heading', { level: 1, name: '申請者が入力中です' })).toBeTruthy();
    expect(screen.getByText('券面事項入力補助用暗証番号の入力')).toBeTruthy();
    fake.emit('visit', states.passwords());
    expect(screen.getByText('パスワード・暗証番号の設定')).toBeTruthy();
    // No keypad, no entry, no count.
    expect(screen.queryByRole('group')).toBeNull();
    expect(container.innerHTML).not.toMatch(/●|文字入力済み/);
  });

  it.each([
    states.signedOut(),
    states.awaitingCard(),
    states.cardPresent(),
    states.identity(),
    states.working(),
  ])('renders a screen with one h1 for step %#', async (state) => {
    renderWithApi(<App />, { visit: state });
    await settle();
    expect(await screen.findAllByRole('heading', { level: 1 })).toHaveLength(1);
  });
});
