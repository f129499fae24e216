/**
 * The keypad screens keep the keys and the main action in one column beside what is typed, so
 * the two never end up a scroll apart (the e2e fit test measures it in Chromium).
 */
import { screen } from '@testing-library/react';
import { states } from '../fixtures';
import { renderWithApi } from '../render';

function padOf(element: HTMLElement): Element | null {
  return element.closest('.entry-columns-pad');
}

describe('keypad screens in two columns', () => {
  it('card-info PIN: the keys and 「この暗証番号で読み取る」 share the keypad column; the entry is beside it', async () => {
    renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    const pad = padOf(screen.getByRole('group', { name: /入力キー/ }));
    expect(pad).not.toBeNull();
    expect(padOf(screen.getByRole('button', { name: 'この暗証番号で読み取る' }))).toBe(pad);
    expect(screen.getByText('まだ入力していません').closest('.entry-columns-info')).not.toBeNull();
  });

  it('new passwords: the alphanumeric keypad asks for the whole width, its main action beside the keys', async () => {
    renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    const pad = padOf(screen.getByRole('group', { name: '署名用パスワードの入力キー' }));
    expect(pad?.parentElement?.classList.contains('entry-columns--wide')).toBe(true);
    expect(padOf(screen.getByRole('button', { name: '次へ（もう一度入れる）' }))).toBe(pad);
    expect(screen.getByText('条件').closest('.entry-columns-info')).not.toBeNull();
  });
});
