import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { basicInfo, states } from '../fixtures';
import { errorResult } from '../fake-api';
import { descriptionOf, nth, renderWithApi } from '../render';

type User = ReturnType<typeof userEvent.setup>;

const signKeys = '署名用パスワードの入力キー';
const authKeys = '利用者証明用暗証番号の入力キー';

async function press(user: User, keypadName: string, chars: string) {
  const keypad = screen.getByRole('group', { name: keypadName });
  for (const c of chars) await user.click(within(keypad).getByText(c, { selector: 'button' }));
}

function rule(name: RegExp) {
  return screen.getAllByRole('listitem').find((li) => name.test(li.textContent ?? ''));
}

async function setBoth(user: User, sign = 'ABC123', auth = '2468') {
  await press(user, signKeys, sign);
  await user.click(screen.getByRole('button', { name: '次へ（もう一度入れる）' }));
  await press(user, signKeys, sign);
  await user.click(screen.getByRole('button', { name: '確認する' }));
  await press(user, authKeys, auth);
  await user.click(screen.getByRole('button', { name: '次へ（もう一度入れる）' }));
  await press(user, authKeys, auth);
  await user.click(screen.getByRole('button', { name: '確認する' }));
}

// Many key presses per test on a shared, busy machine.
jest.setTimeout(30_000);

describe('PasswordsScreen', () => {
  it('offers the signing password on a fixed A–Z/0–9 grid with a live, polite rule checklist', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApi(undefined, { visit: states.passwords() });
    expect(await screen.findByRole('heading', { level: 2, name: '署名用パスワード' })).toBeTruthy();
    const keys = within(screen.getByRole('group', { name: signKeys }))
      .getAllByRole('button')
      .map((b) => b.textContent)
      .join('');
    expect(keys).toBe('1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ全部消す1文字消す');
    const list = screen.getByRole('list', { name: '条件' });
    expect(list.getAttribute('aria-live')).toBe('polite');
    expect(rule(/6文字以上16文字以下/)?.textContent).toContain('まだです');
    await press(user, signKeys, 'ABCDEF');
    expect(rule(/6文字以上16文字以下/)?.textContent).toContain('満たしています');
    expect(rule(/英大文字/)?.textContent).toContain('満たしています');
    expect(rule(/数字（0〜9）が1つ以上/)?.textContent).toContain('まだです');
    const next = screen.getByRole('button', { name: '次へ（もう一度入れる）' });
    expect(next.getAttribute('aria-disabled')).toBe('true');
    expect(descriptionOf(next)).toBe('1回目の条件をすべて満たしてください');
    await user.click(next);
    expect(screen.queryByText('確認のため、もう一度入れてください')).toBeNull();
    await press(user, signKeys, '7');
    expect(rule(/数字（0〜9）が1つ以上/)?.textContent).toContain('満たしています');
    expect(next.getAttribute('aria-disabled')).toBeNull();
  });

  it('upper-cases physical keyboard letters and refuses other characters with the rule they break', async () => {
    const user = userEvent.setup({ delay: null });
    const { container } = renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await user.keyboard('ab1');
    await user.keyboard('!');
    expect(screen.getByRole('alert').textContent).toBe('＊使えるのは英大文字（A〜Z）と数字（0〜9）だけです。記号は使えません。');
    await user.keyboard(' ');
    expect(screen.getByRole('alert').textContent).toBe('＊空白（スペース）は使えません。');
    await user.keyboard('Ａ');
    expect(screen.getByRole('alert').textContent).toBe('＊全角の文字は使えません。半角の英数字で入れてください。');
    await user.keyboard('c');
    expect(screen.getByRole('alert').textContent).toBe('');
    await user.click(nth(screen.getAllByRole('button', { name: '入力した文字を表示' }), 0));
    expect(container.querySelector('.secret-chars')?.textContent).toBe('AB1C');
  });

  it('refuses a 17th character', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await user.keyboard('ABCDEFGH12345678');
    expect(screen.getByText('16文字入力済み')).toBeTruthy();
    await user.keyboard('9');
    expect(screen.getByRole('alert').textContent).toBe('＊これ以上は入れられません。');
    expect(screen.getByText('16文字入力済み')).toBeTruthy();
  });

  it('a mismatch clears only the second entry', async () => {
    const user = userEvent.setup({ delay: null });
    const { container } = renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await press(user, signKeys, 'ABC123');
    await user.click(screen.getByRole('button', { name: '次へ（もう一度入れる）' }));
    expect(screen.getByText('確認のため、もう一度入れてください')).toBeTruthy();
    await press(user, signKeys, 'ABC124');
    await user.click(screen.getByRole('button', { name: '確認する' }));
    expect(screen.getByText('1回目と2回目がちがいます。2回目をもう一度入れてください。').closest('[role="alert"]')).not.toBeNull();
    const displays = screen.getAllByRole('group').filter((g) => g.classList.contains('secret'));
    expect(within(nth(displays, 0)).getByText('6文字入力済み')).toBeTruthy();
    expect(within(nth(displays, 1)).getByText('まだ入力していません')).toBeTruthy();
    await press(user, signKeys, 'ABC123');
    await user.click(screen.getByRole('button', { name: '確認する' }));
    expect(await screen.findByRole('heading', { level: 2, name: '利用者証明用暗証番号' })).toBeTruthy();
    expect(screen.getByText('署名用パスワードを決めました。').closest('[role="status"]')).not.toBeNull();
    expect(container.innerHTML).not.toContain('ABC12');
  });

  it('lets the applicant start one password again from the first entry', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await press(user, signKeys, 'ABC123');
    await user.click(screen.getByRole('button', { name: '次へ（もう一度入れる）' }));
    await user.click(screen.getByRole('button', { name: '1回目から入れ直す' }));
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
    expect(screen.queryByText('確認のため、もう一度入れてください')).toBeNull();
  });

  it('the authentication PIN uses the telephone keypad and takes digits only', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApi(undefined, { visit: states.passwords({ certificates: ['auth'] }) });
    await screen.findByRole('heading', { level: 2, name: '利用者証明用暗証番号' });
    const keys = within(screen.getByRole('group', { name: authKeys }))
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(keys).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '全部消す', '0', '1文字消す']);
    await user.keyboard('12a');
    expect(screen.getByRole('alert').textContent).toBe('＊使えるのは数字（0〜9）だけです。');
    expect(rule(/数字4桁/)?.textContent).toContain('まだです');
    await user.keyboard('34');
    expect(rule(/数字4桁/)?.textContent).toContain('満たしています');
  });

  it('sends both as byte arrays after the final confirmation, then nothing typed is left in the DOM', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake, container } = renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await setBoth(user);
    expect(screen.getByRole('heading', { level: 2, name: 'この内容で設定しますか' })).toBeTruthy();
    expect(fake.callsTo('visit.passwords')).toHaveLength(0);
    fake.answer('visit.passwords', () => ({ ok: true, value: states.working() }));
    await user.click(screen.getByRole('button', { name: '設定する' }));
    await waitFor(() =>
      expect(fake.callsTo('visit.passwords')).toEqual([{ sign: [...'ABC123'].map((c) => c.charCodeAt(0)), signRepeat: [...'ABC123'].map((c) => c.charCodeAt(0)), auth: [...'2468'].map((c) => c.charCodeAt(0)), authRepeat: [...'2468'].map((c) => c.charCodeAt(0)) }]),
    );
    expect(container.innerHTML).not.toContain('ABC123');
    expect(container.innerHTML).not.toContain('2468');
    expect(container.querySelectorAll('input')).toHaveLength(0);
  });

  it('on a refused answer says why and starts again with everything wiped', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await setBoth(user);
    fake.answer('visit.passwords', errorResult('VISIT_BAD_SECRET'));
    await user.click(screen.getByRole('button', { name: '設定する' }));
    expect(await screen.findByRole('heading', { level: 2, name: '署名用パスワード' })).toBeTruthy();
    expect(screen.getAllByRole('alert').some((a) => a.classList.contains('notice--error'))).toBe(true);
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
  });

  it('start over from the confirmation wipes both', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await setBoth(user);
    await user.click(screen.getByRole('button', { name: 'はじめから入れ直す' }));
    expect(screen.getByRole('heading', { level: 2, name: '署名用パスワード' })).toBeTruthy();
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
    expect(fake.callsTo('visit.passwords')).toHaveLength(0);
  });

  it('under 15 with a legal representative: only the authentication PIN, set by the representative (R-ELIG-4)', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, {
      visit: states.passwords({ certificates: ['auth'], basicInfo: { ...basicInfo, birthDate: '2016-04-01' }, applicant: { applicantType: 'legalRepresentative', documents: ['myNumberCard', 'authorityProof'], adultWard: false, domicileInCity: true, reissuedCard: false } }),
    });
    expect(await screen.findByText('法定代理人の方が利用者証明用暗証番号を決めてください。')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '署名用パスワード' })).toBeNull();
    await press(user, authKeys, '1357');
    await user.click(screen.getByRole('button', { name: '次へ（もう一度入れる）' }));
    await press(user, authKeys, '1357');
    await user.click(screen.getByRole('button', { name: '確認する' }));
    await user.click(screen.getByRole('button', { name: '設定する' }));
    await waitFor(() => expect(fake.callsTo('visit.passwords')).toEqual([{ auth: [49, 51, 53, 55], authRepeat: [49, 51, 53, 55] }]));
  });

  it('wipes everything typed when the step ends (idle timeout back to the clerk)', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake, container } = renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await press(user, signKeys, 'XYZ789');
    await user.click(screen.getByRole('button', { name: '入力した文字を表示' }));
    expect(container.innerHTML).toContain('XYZ789');
    fake.emit('visit', states.cardPresent({ notice: 'applicantTimedOut' }));
    expect(container.innerHTML).not.toContain('XYZ789');
    fake.emit('visit', states.passwords());
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
    expect(container.innerHTML).not.toContain('XYZ789');
  });
});
