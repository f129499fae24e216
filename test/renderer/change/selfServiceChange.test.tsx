/**
 * The self-service terminal's fourth choice (R-LOCK-4): offered beside the two resets, which
 * password with the card's tries, the current then the new one twice as one frame, and honest
 * ends (changed; unconfirmed is never "unchanged").
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { tries } from '../fixtures';
import { renderWithApi } from '../render';
import { selfServiceSession, ss, ssCard } from '../selfService/ssFixtures';

jest.setTimeout(60_000);

const render = (state: Parameters<typeof renderWithApi>[1] extends infer O ? (O extends { selfService?: infer S } ? S : never) : never) => renderWithApi(undefined, { session: selfServiceSession, selfService: state });
const bytes = (text: string) => [...text].map((c) => c.charCodeAt(0));

describe('self-service password change', () => {
  it('is the choice beside the two resets, and sends chooseChange', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = render(ss.choose({ card: ssCard({ pins: { sign: tries(5, 5), auth: tries(3) } }) }));
    await user.click(await screen.findByRole('button', { name: '覚えているパスワードを変更する' }));
    await waitFor(() => expect(fake.callsTo('selfService.send')).toEqual([{ command: { type: 'chooseChange' } }]));
  });

  it('is not offered when both passwords are locked', async () => {
    render(ss.choose({ card: ssCard({ pins: { sign: tries(0, 5), auth: tries(0) } }) }));
    expect((await screen.findByRole('button', { name: '覚えているパスワードを変更する' })).getAttribute('aria-disabled')).toBe('true');
  });

  it('asks which, with the tries left; a locked one cannot be pressed', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = render(ss.changeKind({ card: ssCard({ pins: { sign: tries(0, 5), auth: tries(2) } }) }));
    expect(await screen.findByText('あと2回まちがえるとロックされます')).toBeTruthy();
    expect(screen.getByRole('button', { name: '署名用パスワードを変更する' }).getAttribute('aria-disabled')).toBe('true');
    await user.click(screen.getByRole('button', { name: '利用者証明用暗証番号を変更する' }));
    await waitFor(() => expect(fake.callsTo('selfService.send')).toEqual([{ command: { type: 'changeKind', changeKind: 'auth' } }]));
  });

  it('takes the current PIN (tries shown), then the new one twice, and sends one frame', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = render(ss.changeEntry({ card: ssCard({ pins: { sign: tries(5, 5), auth: tries(3) } }) }));
    expect(await screen.findByText('あと3回まちがえるとロックされます。')).toBeTruthy();
    await user.keyboard('1234');
    await user.click(screen.getByRole('button', { name: '次へ（新しいパスワード）' }));
    expect(fake.callsTo('selfService.changePassword')).toEqual([]);
    await user.keyboard('8642{Enter}8642{Enter}');
    await user.click(screen.getByRole('button', { name: '変更する' }));
    await waitFor(() => expect(fake.callsTo('selfService.changePassword')).toEqual([{ current: bytes('1234'), password: bytes('8642'), confirmation: bytes('8642'), confirmLastTry: false }]));
  });

  it('after a wrong current entry it says nothing changed, with the count the card reports', async () => {
    render(ss.changeEntry({ lastAttemptFailed: true, card: ssCard({ pins: { sign: tries(5, 5), auth: tries(1) } }) }));
    expect(await screen.findByText('いまのパスワードがちがいました。パスワードは変わっていません。')).toBeTruthy();
    expect(screen.getByText('あと1回まちがえるとロックされます。')).toBeTruthy();
  });

  it('ends honestly: changed says the old one no longer works; a change whose answer never came is not "unchanged"', async () => {
    const changed = render(ss.changed());
    expect(await screen.findByRole('heading', { level: 1, name: '利用者証明用暗証番号を変更しました' })).toBeTruthy();
    expect(screen.getByText(/前のパスワードは使えません/)).toBeTruthy();
    changed.unmount();
    for (const state of [ss.cardRemoved('unconfirmed'), ss.unconfirmed()]) {
      const view = render(state);
      expect(await screen.findByRole('heading', { level: 1, name: '変更できたか確かめられませんでした' })).toBeTruthy();
      expect(screen.getByText(/まず新しいパスワードを試してください/)).toBeTruthy();
      expect(screen.queryByText('カードの内容は何も変わっていません。')).toBeNull();
      view.unmount();
    }
  });
});
