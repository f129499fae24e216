/**
 * The self-service screens against a fake of the contract: what each step says, what
 * each button sends, and that nothing of the counter's clerk UI appears on this terminal.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorResult, okResult } from '../fake-api';
import { tries } from '../fixtures';
import { descriptionOf, renderWithApi, settle } from '../render';
import { everyStep, selfServiceSession, ss, ssCard } from './ssFixtures';

jest.setTimeout(30_000);

type User = ReturnType<typeof userEvent.setup>;

function renderStep(state: Parameters<typeof renderWithApi>[1] extends infer O ? (O extends { selfService?: infer S } ? S : never) : never, language?: 'ja' | 'en') {
  return renderWithApi(undefined, { session: selfServiceSession, selfService: state, language });
}

async function press(user: User, keypadName: string, chars: string) {
  const keypad = screen.getByRole('group', { name: keypadName });
  for (const c of chars) await user.click(within(keypad).getByRole('button', { name: c }));
}

describe('the self-service terminal', () => {
  it.each(everyStep().map((s) => [s.step, s] as const))('shows no clerk UI at step %s', async (_step, state) => {
    renderStep(state);
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByText('職員サインイン')).toBeNull();
    expect(screen.queryByRole('button', { name: /送信待ち/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'サインアウト' })).toBeNull();
    expect(screen.getByText('電子証明書のパスワード再設定・変更（セルフサービス）')).toBeTruthy();
  });

  it('asks for the self-service state only on a self-service terminal', async () => {
    const counter = renderWithApi(undefined, {});
    await counter.findByRole('heading', { level: 1 });
    await settle();
    expect(counter.fake.callsTo('selfService.get')).toEqual([]);
    counter.unmount();
    const kiosk = renderStep(ss.choose());
    await screen.findByRole('heading', { level: 1, name: 'どちらのパスワードを設定し直しますか' });
    expect(kiosk.fake.callsTo('selfService.get')).toEqual([{}]);
  });

  it('welcome: asks for the card and says once why it came back', async () => {
    renderStep(ss.welcome({ notice: 'timedOut' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'マイナンバーカードをカードリーダーに置いてください' })).toBeTruthy();
    expect(screen.getByText('操作がなかったため、最初の画面に戻りました。入力した内容は消去しました。').closest('[role="status"]')).not.toBeNull();
    expect(screen.getByText('入れたパスワードはカードだけが確かめます。この端末には残りません。')).toBeTruthy();
  });

  it('announces each step change in a polite live region', async () => {
    const { fake } = renderStep(ss.welcome());
    const announcer = await screen.findByTestId('ss-step-announcer');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    expect(announcer.textContent).toBe('マイナンバーカードをカードリーダーに置いてください');
    fake.emit('selfService', ss.choose());
    expect(screen.getByTestId('ss-step-announcer').textContent).toBe('どちらのパスワードを設定し直しますか');
    fake.emit('selfService', ss.proving());
    expect(screen.getByTestId('ss-step-announcer').textContent).toBe('いま覚えている利用者証明用暗証番号を入れてください');
  });

  it('choose: shows each password’s tries left and sends the choice', async () => {
    const user = userEvent.setup();
    const { fake } = renderStep(ss.choose({ card: ssCard({ pins: { sign: tries(0, 5), auth: tries(2) } }) }));
    const table = await screen.findByRole('table', { name: 'いまの状態' });
    expect(within(table).getByRole('row', { name: /署名用パスワード/ }).textContent).toContain('ロックされています');
    expect(within(table).getByRole('row', { name: /利用者証明用暗証番号/ }).textContent).toContain('あと2回まちがえるとロックされます');
    await user.click(screen.getByRole('button', { name: '署名用パスワードを設定し直す' }));
    expect(fake.callsTo('selfService.send')).toEqual([{ command: { type: 'choose', resetKind: 'sign' } }]);
  });

  it('choose: refuses a reset whose proving password is locked, and says why and where to go', async () => {
    const user = userEvent.setup();
    const { fake } = renderStep(ss.choose({ card: ssCard({ pins: { sign: tries(0, 5), auth: tries(0) } }) }));
    const button = await screen.findByRole('button', { name: '署名用パスワードを設定し直す' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(descriptionOf(button)).toBe('本人確認に使う利用者証明用暗証番号がロックされているため、ここでは手続きできません。');
    await user.click(button);
    await user.click(screen.getByRole('button', { name: '利用者証明用暗証番号を設定し直す' }));
    expect(fake.callsTo('selfService.send')).toEqual([]);
    expect(screen.getByText('このカードは、ここでは手続きできません')).toBeTruthy();
    expect(screen.getByText(/市民課またはサービスセンター|市民課または市民サービスセンター/)).toBeTruthy();
  });

  it('choose: refuses a reset whose proving certificate is missing', async () => {
    renderStep(ss.choose({ card: ssCard({ pins: { sign: tries(5, 5), auth: tries(3) }, certificates: { sign: false, auth: true } }) }));
    const authButton = await screen.findByRole('button', { name: '利用者証明用暗証番号を設定し直す' });
    expect(authButton.getAttribute('aria-disabled')).toBe('true');
    expect(descriptionOf(authButton)).toContain('署名用パスワードの電子証明書がない');
    expect(screen.getByRole('button', { name: '署名用パスワードを設定し直す' }).getAttribute('aria-disabled')).toBeNull();
  });

  it('choose: a refusal of the host is said in words', async () => {
    const user = userEvent.setup();
    const { fake } = renderStep(ss.choose());
    fake.answer('selfService.send', errorResult('SELF_SERVICE_WRONG_STEP'));
    await user.click(await screen.findByRole('button', { name: '署名用パスワードを設定し直す' }));
    expect(await screen.findByText('この画面ではその操作はできません。')).toBeTruthy();
  });

  it('proving: tries left before the verify; a refusal shows the new count; the entry is sent as bytes', async () => {
    const user = userEvent.setup();
    const { fake } = renderStep(ss.proving({ card: ssCard({ pins: { sign: tries(0, 5), auth: tries(3) } }) }));
    expect(await screen.findByText('あと3回まちがえるとロックされます。')).toBeTruthy();
    fake.answer('selfService.provingPassword', errorResult('CARD_WRONG_PIN', { triesLeft: 2 }));
    const submit = screen.getByRole('button', { name: '入力した内容で確かめる' });
    expect(submit.getAttribute('aria-disabled')).toBe('true');
    expect(descriptionOf(submit)).toBe('数字を4つ入れてください');
    await press(user, '利用者証明用暗証番号の入力キー', '1234');
    await user.click(submit);
    expect(fake.callsTo('selfService.provingPassword')).toEqual([{ password: [0x31, 0x32, 0x33, 0x34], confirmLastTry: false }]);
    const alert = await screen.findByText('暗証番号が違います。');
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect(screen.getByText('あと2回まちがえるとロックされます。')).toBeTruthy();
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
  });

  it('proving after a refused try (the host went back to this step): says so with the tries left', async () => {
    renderStep(ss.proving({ lastAttemptFailed: true, card: ssCard({ pins: { sign: tries(0, 5), auth: tries(2) } }) }));
    const refused = await screen.findByText('パスワードがちがいました。カードの内容は変わっていません。');
    expect(refused.closest('[role="alert"]')).not.toBeNull();
    expect(screen.getByText('あと2回まちがえるとロックされます。')).toBeTruthy();
  });

  it('proving with the signing password on the A–Z/0–9 grid; at one try left an explicit confirmation', async () => {
    const user = userEvent.setup();
    const { fake } = renderStep(ss.proving({ resetKind: 'auth', provingKind: 'sign', card: ssCard({ pins: { sign: tries(1, 5), auth: tries(0) } }) }));
    expect(await screen.findByRole('heading', { level: 1, name: 'いま覚えている署名用パスワードを入れてください' })).toBeTruthy();
    expect(screen.getByText('あと1回まちがえるとロックされます。')).toBeTruthy();
    await user.click(screen.getByRole('heading', { level: 1 }));
    await user.keyboard('misaki77');
    await user.click(screen.getByRole('button', { name: '入力した内容で確かめる' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'あと1回まちがえるとロックされます' });
    expect(fake.callsTo('selfService.provingPassword')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'やめる' }));
    expect(fake.callsTo('selfService.provingPassword')).toEqual([]);
    await user.click(screen.getByRole('button', { name: '入力した内容で確かめる' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: '入力した内容で確かめる' }));
    expect(fake.callsTo('selfService.provingPassword')).toEqual([{ password: Array.from('MISAKI77', (c) => c.charCodeAt(0)), confirmLastTry: true }]);
  });

  it('proving: back and cancel are commands of the flow', async () => {
    const user = userEvent.setup();
    const { fake } = renderStep(ss.proving());
    await user.click(await screen.findByRole('button', { name: '選び直す' }));
    await user.click(screen.getByRole('button', { name: 'やめる' }));
    expect(fake.callsTo('selfService.send')).toEqual([{ command: { type: 'back' } }, { command: { type: 'cancel' } }]);
  });

  it('new password: the live checklist, both entries sent as bytes, then the host’s next state', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderStep(ss.newPassword());
    expect(await screen.findByRole('heading', { level: 1, name: '新しい署名用パスワードを決めてください' })).toBeTruthy();
    const list = screen.getByRole('list', { name: '条件' });
    expect(list.getAttribute('aria-live')).toBe('polite');
    await user.click(screen.getByRole('heading', { level: 1 }));
    await user.keyboard('abcdef');
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['−6文字以上16文字以下（満たしています）', '−英大文字（A〜Z）が1つ以上（満たしています）', '−数字（0〜9）が1つ以上（まだです）'].map((s) => s.replace('−', s.includes('満たしています') ? '✓' : '−')));
    await user.keyboard('7{Enter}ABCDEF7{Enter}');
    fake.answer('selfService.newPassword', okResult(ss.writing()));
    await user.click(await screen.findByRole('button', { name: '設定する' }));
    const bytes = Array.from('ABCDEF7', (c) => c.charCodeAt(0));
    expect(fake.callsTo('selfService.newPassword')).toEqual([{ password: bytes, confirmation: bytes }]);
    expect(await screen.findByRole('heading', { level: 1, name: '新しいパスワードをカードに設定しています' })).toBeTruthy();
  });

  it('new password refused by the host: said in words, everything typed again from the start', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderStep(ss.newPassword({ resetKind: 'auth' }));
    await screen.findByRole('heading', { level: 1, name: '新しい利用者証明用暗証番号を決めてください' });
    fake.answer('selfService.newPassword', errorResult('SELF_SERVICE_BAD_PASSWORD'));
    await user.click(screen.getByRole('heading', { level: 1 }));
    await user.keyboard('1990{Enter}1990{Enter}');
    await user.click(await screen.findByRole('button', { name: '設定する' }));
    expect(await screen.findByText('新しいパスワードが条件に合っていません。')).toBeTruthy();
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
  });

  it.each([
    ['contacting', ss.contacting(), '認証局（センター）に問い合わせています。'],
    ['verifying', ss.verifying(), 'カードと認証局（センター）で確かめています。'],
    ['writing', ss.writing(), '認証局の許可を受けて、カードに設定しています。まもなく終わります。'],
  ] as const)('%s: says what happens, asks to keep the card, offers no button but the settings', async (_step, state, words) => {
    renderStep(state);
    await screen.findByRole('heading', { level: 1 });
    expect(within(screen.getByRole('main')).getByText(words).closest('[role="status"]')).not.toBeNull();
    expect(screen.getByText('カードはリーダーに置いたままにしてください。')).toBeTruthy();
    expect(within(screen.getByRole('main')).queryAllByRole('button')).toEqual([]);
  });

  it('writing with the card pulled: says the card is unchanged or completely reset, never half', async () => {
    renderStep(ss.writing(true));
    expect((await screen.findByText(/変わっていないか、設定が最後まで終わっているかのどちらか/)).closest('[role="status"]')).not.toBeNull();
  });

  it('done: the notice on screen with reference, time and fee; print and finish', async () => {
    const user = userEvent.setup();
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    const { fake } = renderStep(ss.done());
    expect(await screen.findByRole('heading', { level: 1, name: '署名用パスワードを設定し直しました' })).toBeTruthy();
    const notice = screen.getByRole('article', { name: 'パスワード再設定のお知らせ' });
    expect(notice.textContent).toContain('RST-2026-000123');
    expect(notice.textContent).toContain('SS-0001');
    expect(notice.textContent).toContain('令和8年11月28日');
    expect(notice.textContent).toContain('10:30');
    expect(notice.textContent).toContain('無料');
    expect(notice.closest('.print-area')).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'お知らせを印刷する' }));
    expect(print).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: '終わる' }));
    expect(fake.callsTo('selfService.send')).toEqual([{ command: { type: 'finish' } }]);
    print.mockRestore();
  });

  it.each([
    ['SELF_SERVICE_CARD_LOST', 'このカードは紛失'],
    ['SELF_SERVICE_PROOF_FAILED', '本人確認ができませんでした'],
    ['SELF_SERVICE_RATE_LIMITED', '回数'],
  ] as const)('refused (%s): go to the counter, nothing changed', async (reason, words) => {
    renderStep(ss.refused(reason));
    expect(await screen.findByRole('heading', { level: 1, name: '窓口でお手続きください' })).toBeTruthy();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(words);
    expect(alert.textContent).toContain('カードの内容は何も変わっていません。');
    expect(screen.getByText(/市民課/)).toBeTruthy();
  });

  it('offline: says plainly that nothing on the card changed', async () => {
    renderStep(ss.offline());
    expect(await screen.findByRole('heading', { level: 1, name: 'いまは手続きできません' })).toBeTruthy();
    expect(screen.getByText('カードの内容は何も変わっていません。')).toBeTruthy();
    expect(screen.getByText(/パスワードも前のままです/)).toBeTruthy();
  });

  it('card removed: unchanged, or completely reset after the write', async () => {
    const { unmount } = renderStep(ss.cardRemoved('unchanged'));
    expect(await screen.findByText('手続きは終わっていません。もう一度はじめからお手続きください。')).toBeTruthy();
    expect(screen.getByText('カードの内容は何も変わっていません。')).toBeTruthy();
    unmount();
    renderStep(ss.cardRemoved('reset'));
    expect(await screen.findByText('新しい署名用パスワードの設定は最後まで終わっています。新しいパスワードが使えます。')).toBeTruthy();
    expect(screen.queryByText('カードの内容は何も変わっていません。')).toBeNull();
  });

  it('failed: the error in words with its code', async () => {
    renderStep(ss.failed());
    expect(await screen.findByRole('heading', { level: 1, name: '手続きを終えられませんでした' })).toBeTruthy();
    expect(screen.getByText('カードリーダーとの通信に失敗しました。リーダーの接続を確認してください。')).toBeTruthy();
    expect(screen.getByText('（CARD_TRANSPORT）')).toBeTruthy();
  });

  it('English on the toggle', async () => {
    const user = userEvent.setup();
    renderStep(ss.choose());
    await screen.findByRole('heading', { level: 1, name: 'どちらのパスワードを設定し直しますか' });
    await user.click(screen.getByRole('button', { name: 'Switch to English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Which password do you want to set again?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Set the signing password again' })).toBeTruthy();
  });

  it('the idle warning says the screen goes back to the start; 「延長する」 asks the flow for more time', async () => {
    const user = userEvent.setup();
    const { fake } = renderStep(ss.choose({ deadlineAt: Date.now() + 25_000 }));
    expect(await screen.findByText(/まもなく最初の画面に戻り、入力した内容は消去されます/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '延長する' }));
    expect(fake.callsTo('selfService.send')).toEqual([{ command: { type: 'extendTime' } }]);
    await settle();
  });

  it('a timeout pushed by the host wipes the keypad entry and returns to welcome', async () => {
    const user = userEvent.setup();
    const { fake, container } = renderStep(ss.proving());
    await screen.findByRole('heading', { level: 1 });
    await press(user, '利用者証明用暗証番号の入力キー', '2580');
    fake.emit('selfService', ss.welcome({ notice: 'timedOut' }));
    expect(await screen.findByText('操作がなかったため、最初の画面に戻りました。入力した内容は消去しました。')).toBeTruthy();
    fake.emit('selfService', ss.proving());
    await waitFor(() => expect(screen.getByText('まだ入力していません')).toBeTruthy());
    expect(container.innerHTML).not.toContain('2580');
  });
});

describe('a second wrong proving password on the same screen', () => {
  it('is announced afresh: the refusal leaves the page while the card checks, and comes back with the new count', async () => {
    const user = userEvent.setup();
    const first = ss.proving({ lastAttemptFailed: true, card: ssCard({ pins: { sign: tries(0, 5), auth: tries(2) } }) });
    const { fake } = renderStep(first);
    await screen.findByText('パスワードがちがいました。カードの内容は変わっていません。');
    let shownWhileChecking: boolean | null = null;
    fake.answer('selfService.provingPassword', async () => {
      // The card takes a moment; the screen has rendered its busy state by then.
      await new Promise((resolve) => setTimeout(resolve, 20));
      shownWhileChecking = screen.queryByText('パスワードがちがいました。カードの内容は変わっていません。') !== null;
      return okResult(ss.proving({ lastAttemptFailed: true, card: ssCard({ pins: { sign: tries(0, 5), auth: tries(1) } }) }));
    });
    await press(user, '利用者証明用暗証番号の入力キー', '1111');
    await user.click(screen.getByRole('button', { name: '入力した内容で確かめる' }));
    expect(await screen.findByText('あと1回まちがえるとロックされます。')).toBeTruthy();
    expect(shownWhileChecking).toBe(false);
    expect(screen.getByText('パスワードがちがいました。カードの内容は変わっていません。').closest('[role="alert"]')).not.toBeNull();
  });
});
