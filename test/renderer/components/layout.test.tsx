import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Keypad } from '../../../renderer/components/Keypad/Keypad';
import { ScreenLayout } from '../../../renderer/components/ScreenLayout/ScreenLayout';
import { SecretDisplay } from '../../../renderer/components/SecretDisplay/SecretDisplay';
import { renderWithI18n } from '../render';

describe('ScreenLayout', () => {
  it('has a skip link to main, a banner with the settings, one h1 focused on arrival, and an optional side panel', () => {
    renderWithI18n(
      <ScreenLayout audience="clerk" title="カードの確認" side={<p>研修用カード</p>} sideLabel="研修用カード" headerActions={<span>研修 太郎</span>} training>
        <p>本文</p>
      </ScreenLayout>,
    );
    const main = screen.getByRole('main');
    const skip = screen.getByRole('link', { name: '本文へ移動' });
    expect(skip.getAttribute('href')).toBe(`#${main.id}`);
    const heading = screen.getByRole('heading', { level: 1, name: 'カードの確認' });
    expect(document.activeElement).toBe(heading);
    expect(within(screen.getByRole('banner')).getByText('研修モード')).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: '表示の設定' })).getByText('研修 太郎')).toBeTruthy();
    expect(within(screen.getByRole('complementary', { name: '研修用カード' })).getByText('研修用カード')).toBeTruthy();
    // Furigana is offered to applicants only.
    expect(screen.queryByRole('button', { name: 'ふりがなを表示' })).toBeNull();
  });

  it('toggles the language (persisted, <html lang>) and the 200 % large-text mode', async () => {
    const user = userEvent.setup();
    renderWithI18n(
      <ScreenLayout audience="applicant" title="タイトル">
        <p>本文</p>
      </ScreenLayout>,
    );
    const large = screen.getByRole('button', { name: '文字を大きくする', pressed: false });
    await user.click(large);
    expect(document.documentElement.classList.contains('large-text')).toBe(true);
    expect(large.getAttribute('aria-pressed')).toBe('true');
    expect(window.localStorage.getItem('madoguchi.largeText')).toBe('on');
    await user.click(large);
    expect(document.documentElement.classList.contains('large-text')).toBe(false);

    const toggle = screen.getByRole('button', { name: 'Switch to English' });
    expect(toggle.getAttribute('lang')).toBe('en');
    await user.click(toggle);
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem('madoguchi.language')).toBe('en');
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '日本語に切り替える' }));
    expect(document.documentElement.lang).toBe('ja');
  });
});

describe('Keypad', () => {
  it('calls onKey, onDelete and onClear', async () => {
    const user = userEvent.setup();
    const onKey = jest.fn();
    const onDelete = jest.fn();
    const onClear = jest.fn();
    renderWithI18n(<Keypad layout="alphanumeric" label="キー" onKey={onKey} onDelete={onDelete} onClear={onClear} />);
    const keypad = screen.getByRole('group', { name: 'キー' });
    await user.click(within(keypad).getByRole('button', { name: 'Q' }));
    await user.click(within(keypad).getByRole('button', { name: '0' }));
    await user.click(within(keypad).getByRole('button', { name: '1文字消す' }));
    await user.click(within(keypad).getByRole('button', { name: '全部消す' }));
    expect(onKey.mock.calls).toEqual([['Q'], ['0']]);
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onClear).toHaveBeenCalledTimes(1);
  });
});

describe('SecretDisplay', () => {
  it('shows one ● per character and the count in words, and the characters only while revealed', () => {
    const reveal = jest.fn(() => 'AB1');
    const { rerender, container } = renderWithI18n(<SecretDisplay label="パスワード" length={3} isRevealed={false} onToggleReveal={() => undefined} reveal={reveal} />);
    expect(screen.getByRole('group', { name: 'パスワード' })).toBeTruthy();
    expect(container.querySelector('.secret-dots')?.textContent).toBe('●●●');
    expect(screen.getByText('3文字入力済み')).toBeTruthy();
    expect(reveal).not.toHaveBeenCalled();
    expect(container.innerHTML).not.toContain('AB1');
    rerender(<SecretDisplay label="パスワード" length={3} isRevealed onToggleReveal={() => undefined} reveal={reveal} />);
    expect(container.innerHTML).toContain('AB1');
    expect(screen.getByRole('button', { name: '入力した文字を表示', pressed: true })).toBeTruthy();
    expect(container.querySelectorAll('input')).toHaveLength(0);
  });

  it('says when nothing is entered', () => {
    renderWithI18n(<SecretDisplay label="PIN" length={0} isRevealed={false} onToggleReveal={() => undefined} reveal={() => ''} />);
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
  });
});
