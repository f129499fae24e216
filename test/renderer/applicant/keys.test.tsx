/**
 * The keyboard branches of both applicant screens that the screen tests leave out: IME input,
 * Backspace and Enter on a physical keyboard, the length limits, and show/hide per entry.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { card, states, tries } from '../fixtures';
import { renderWithApi } from '../render';

jest.setTimeout(30_000);

function secretDisplays(): HTMLElement[] {
  return screen.getAllByRole('group').filter((g) => g.classList.contains('secret'));
}

function display(index: number): HTMLElement {
  const found = secretDisplays()[index];
  if (found === undefined) throw new Error(`no secret display ${index}`);
  return found;
}

describe('card-info PIN from a physical keyboard', () => {
  it('Enter before 4 digits sends nothing; a fifth digit is refused', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    await user.keyboard('123{Enter}');
    expect(fake.callsTo('visit.cardInfoPin')).toHaveLength(0);
    await user.keyboard('45');
    expect(screen.getByRole('alert').textContent).toBe('＊これ以上は入れられません。');
    expect(screen.getByText('4桁入力済み')).toBeTruthy();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fake.callsTo('visit.cardInfoPin')).toEqual([{ pin: [49, 50, 51, 52], confirmLastTry: false }]));
  });

  it('says full-width input is refused while an IME composes, and types nothing', async () => {
    renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    fireEvent.keyDown(document.body, { key: 'Process', isComposing: true });
    expect(screen.getByRole('alert').textContent).toBe('＊全角の文字は使えません。半角の英数字で入れてください。');
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
  });

  it('keys with Ctrl or Alt are left to the browser', async () => {
    renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    fireEvent.keyDown(document.body, { key: '1', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: '2', altKey: true });
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
  });

  it('show/hide is a toggle (aria-pressed) and hides the digits again', async () => {
    const user = userEvent.setup();
    const { container } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    await user.keyboard('7391');
    const toggle = screen.getByRole('button', { name: '入力した数字を表示' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(container.innerHTML).not.toContain('7391');
    expect(within(display(0)).getByText('●●●●')).toBeTruthy();
    await user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(container.innerHTML).toContain('7391');
    await user.click(toggle);
    expect(container.innerHTML).not.toContain('7391');
  });
});

describe('passwords from a physical keyboard', () => {
  it('Backspace deletes the last character; Enter does not move on until the first entry meets every rule', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await user.keyboard('ABCDE1X{Backspace}');
    expect(screen.getByText('6文字入力済み')).toBeTruthy();
    await user.keyboard('{Backspace}{Enter}');
    expect(screen.getByText('5文字入力済み')).toBeTruthy();
    expect(screen.queryByText('確認のため、もう一度入れてください')).toBeNull();
    await user.keyboard('2{Enter}');
    expect(screen.getByText('確認のため、もう一度入れてください')).toBeTruthy();
  });

  it('the second entry has its own show/hide and never reveals the first', async () => {
    const user = userEvent.setup();
    const { container } = renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await user.keyboard('PQR456{Enter}PQR');
    const secondToggle = within(display(1)).getByRole('button', { name: '入力した文字を表示' });
    await user.click(secondToggle);
    expect(within(display(1)).getByText('PQR')).toBeTruthy();
    expect(container.innerHTML).not.toContain('PQR456');
  });

  it('typing again after a mismatch takes the mismatch message away', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: states.passwords({ certificates: ['auth'] }) });
    await screen.findByRole('heading', { level: 2, name: '利用者証明用暗証番号' });
    await user.keyboard('1111{Enter}1112{Enter}');
    expect(screen.getByText('1回目と2回目がちがいます。2回目をもう一度入れてください。')).toBeTruthy();
    await user.keyboard('1');
    expect(screen.queryByText('1回目と2回目がちがいます。2回目をもう一度入れてください。')).toBeNull();
  });

  it('the authentication PIN takes 4 digits and no more; full-width digits are refused by name', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: states.passwords({ certificates: ['auth'] }) });
    await screen.findByRole('heading', { level: 2, name: '利用者証明用暗証番号' });
    await user.keyboard('１');
    expect(screen.getByRole('alert').textContent).toBe('＊全角の文字は使えません。半角の英数字で入れてください。');
    await user.keyboard('12345');
    expect(screen.getByRole('alert').textContent).toBe('＊これ以上は入れられません。');
    expect(screen.getByText('4桁入力済み')).toBeTruthy();
  });

  it('the keypad’s 全部消す clears only the entry being typed', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await user.keyboard('ZZZ999{Enter}ZZ');
    await user.click(screen.getByRole('button', { name: '全部消す' }));
    expect(within(display(0)).getByText('6文字入力済み')).toBeTruthy();
    expect(within(display(1)).getByText('まだ入力していません')).toBeTruthy();
  });
});

describe('focus on the passwords screen', () => {
  it('moves to the heading of each new part instead of falling back to the page', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: states.passwords({ certificates: ['auth'] }) });
    await screen.findByRole('heading', { level: 2, name: '利用者証明用暗証番号' });
    await user.keyboard('2580');
    await user.click(screen.getByRole('button', { name: '次へ（もう一度入れる）' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: '利用者証明用暗証番号' }));
    await user.keyboard('2580');
    await user.click(screen.getByRole('button', { name: '確認する' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'この内容で設定しますか' }));
  });
});

describe('show/hide during the second entry', () => {
  it('the first entry’s toggle reveals the first entry only, and says so with aria-pressed', async () => {
    const user = userEvent.setup();
    const { container } = renderWithApi(undefined, { visit: states.passwords({ certificates: ['auth'] }) });
    await screen.findByRole('heading', { level: 2, name: '利用者証明用暗証番号' });
    await user.keyboard('1470{Enter}36');
    const firstToggle = within(display(0)).getByRole('button', { name: '入力した数字を表示' });
    const secondToggle = within(display(1)).getByRole('button', { name: '入力した数字を表示' });
    await user.click(firstToggle);
    expect(firstToggle.getAttribute('aria-pressed')).toBe('true');
    expect(secondToggle.getAttribute('aria-pressed')).toBe('false');
    expect(within(display(0)).getByText('1470')).toBeTruthy();
    expect(container.innerHTML).not.toMatch(/>36</);
    await user.click(secondToggle);
    expect(within(display(1)).getByText('36')).toBeTruthy();
    expect(container.innerHTML).not.toContain('1470');
  });
});

describe('the idle warning while the last-try confirmation is open', () => {
  it('shows inside the modal dialog, where 「延長する」 can be reached', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, {
      visit: states.cardInfoPin({ card: card({ pins: { sign: tries(5, 5), auth: tries(3), cardInfo: tries(1) } }), deadlineAt: Date.now() + 25_000 }),
    });
    await screen.findByRole('heading', { level: 1 });
    await user.keyboard('1234');
    await user.click(screen.getByRole('button', { name: 'この暗証番号で読み取る' }));
    const dialog = screen.getByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: '延長する' }));
    expect(screen.getAllByRole('button', { name: '延長する' })).toHaveLength(1);
    await waitFor(() => expect(fake.callsTo('visit.send')).toContainEqual({ command: { type: 'extendTime' } }));
    expect(fake.callsTo('visit.cardInfoPin')).toHaveLength(0);
  });
});
