import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { card, states, tries } from '../fixtures';
import { errorResult, okResult } from '../fake-api';
import { descriptionOf, renderWithApi } from '../render';

function cardWith(triesLeft: number) {
  return card({ pins: { sign: tries(5, 5), auth: tries(3), cardInfo: tries(triesLeft) } });
}

async function typeOnKeypad(user: ReturnType<typeof userEvent.setup>, digits: string) {
  const keypad = screen.getByRole('group', { name: '暗証番号の入力キー' });
  for (const d of digits) await user.click(within(keypad).getByText(d, { selector: 'button' }));
}

// Many key presses per test on a shared, busy machine.
jest.setTimeout(30_000);

describe('CardInfoPinScreen', () => {
  it('shows the tries left before anything is sent, and a telephone keypad with delete and clear', async () => {
    renderWithApi(undefined, { visit: states.cardInfoPin({ card: cardWith(3) }) });
    expect(await screen.findByRole('heading', { level: 1, name: '暗証番号（数字4桁）を入れてください' })).toBeTruthy();
    expect(screen.getByText('あと3回まちがえるとロックされます。')).toBeTruthy();
    const keypad = screen.getByRole('group', { name: '暗証番号の入力キー' });
    const labels = within(keypad)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(labels).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '全部消す', '0', '1文字消す']);
  });

  it('explains why it cannot send until 4 digits are typed, then sends them as bytes and wipes them', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake, container } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    const submit = await screen.findByRole('button', { name: 'この暗証番号で読み取る' });
    expect(submit.getAttribute('aria-disabled')).toBe('true');
    expect(descriptionOf(submit)).toBe('数字を4つ入れてください');
    await user.click(submit);
    expect(fake.callsTo('visit.cardInfoPin')).toHaveLength(0);

    await typeOnKeypad(user, '1234');
    expect(screen.getByText('4桁入力済み')).toBeTruthy();
    expect(submit.getAttribute('aria-disabled')).toBeNull();
    await user.click(screen.getByRole('button', { name: '入力した数字を表示' }));
    expect(container.innerHTML).toContain('1234');

    await user.click(submit);
    await waitFor(() => expect(fake.callsTo('visit.cardInfoPin')).toEqual([{ pin: [0x31, 0x32, 0x33, 0x34], confirmLastTry: false }]));
    expect(container.innerHTML).not.toContain('1234');
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
  });

  it('accepts digits from a physical keyboard, Backspace to delete, and refuses other keys with the rule', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake, container } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    await user.keyboard('98a');
    expect(screen.getByRole('alert').textContent).toContain('＊使えるのは数字（0〜9）だけです。');
    await user.keyboard('{Backspace}76');
    await user.click(screen.getByRole('button', { name: '入力した数字を表示' }));
    expect(container.querySelector('.secret-chars')?.textContent).toBe('976');
    // Enter on a focused button presses that button; typed from elsewhere it submits.
    await user.click(screen.getByRole('heading', { level: 1 }));
    await user.keyboard('5{Enter}');
    await waitFor(() => expect(fake.callsTo('visit.cardInfoPin')).toEqual([{ pin: [...'9765'].map((c) => c.charCodeAt(0)), confirmLastTry: false }]));
  });

  it('clears everything with 全部消す', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    await typeOnKeypad(user, '12');
    await user.click(screen.getByRole('button', { name: '全部消す' }));
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
  });

  it('at one try left asks for an explicit confirmation that explains the lock, then sends confirmLastTry', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin({ card: cardWith(1) }) });
    await screen.findByText('あと1回まちがえるとロックされます。');
    await typeOnKeypad(user, '1111');
    await user.click(screen.getByRole('button', { name: 'この暗証番号で読み取る' }));
    const dialog = screen.getByRole('alertdialog', { name: 'あと1回まちがえるとロックされます' });
    expect(dialog.textContent).toContain('ロックされて使えなくなります');
    expect(fake.callsTo('visit.cardInfoPin')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'この暗証番号で読み取る' }));
    await waitFor(() => expect(fake.callsTo('visit.cardInfoPin')).toEqual([{ pin: [49, 49, 49, 49], confirmLastTry: true }]));
  });

  it('at one try left, cancelling the confirmation (or Escape) sends nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin({ card: cardWith(1) }) });
    await screen.findByRole('heading', { level: 1 });
    await typeOnKeypad(user, '1111');
    const submit = screen.getByRole('button', { name: 'この暗証番号で読み取る' });
    await user.click(submit);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'やめる' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(submit);
    await user.click(submit);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.callsTo('visit.cardInfoPin')).toHaveLength(0);
  });

  it('after a refusal says so, shows the tries left, and does not send again by itself', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin({ card: cardWith(3) }) });
    await screen.findByRole('heading', { level: 1 });
    fake.answer('visit.cardInfoPin', () => {
      const refused = states.cardInfoPin({ card: cardWith(2), lastAttemptFailed: true });
      return okResult(refused);
    });
    await typeOnKeypad(user, '0000');
    await user.click(screen.getByRole('button', { name: 'この暗証番号で読み取る' }));
    expect(await screen.findByText('暗証番号がちがいました。もう一度入れてください。')).toBeTruthy();
    expect(screen.getByText('あと2回まちがえるとロックされます。')).toBeTruthy();
    expect(screen.getByText('まだ入力していません')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.callsTo('visit.cardInfoPin')).toHaveLength(1);
  });

  it('shows an error answer in words with the tries left the host reports', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    fake.answer('visit.cardInfoPin', errorResult('CARD_WRONG_PIN', { triesLeft: 2 }));
    await typeOnKeypad(user, '0000');
    await user.click(screen.getByRole('button', { name: 'この暗証番号で読み取る' }));
    const alert = await screen.findByText('暗証番号が違います。');
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect(screen.getByText('あと2回まちがえるとロックされます。')).toBeTruthy();
  });

  it('lets the applicant hand over to the clerk (typeFactsInstead)', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    await user.click(await screen.findByRole('button', { name: '窓口の職員に代わってもらう' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'typeFactsInstead' } }]));
  });

  it('wipes what was typed when the step ends', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake, container } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    await typeOnKeypad(user, '4826');
    await user.click(screen.getByRole('button', { name: '入力した数字を表示' }));
    expect(container.innerHTML).toContain('4826');
    fake.emit('visit', states.cardPresent({ notice: 'applicantTimedOut' }));
    expect(container.innerHTML).not.toContain('4826');
    // Back at the same step later: nothing of the earlier entry comes back.
    fake.emit('visit', states.cardInfoPin());
    expect(await screen.findByText('まだ入力していません')).toBeTruthy();
  });

  it('speaks English on the toggle', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApi(undefined, { visit: states.cardInfoPin() });
    await user.click(await screen.findByRole('button', { name: 'Switch to English' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Enter your PIN (4 digits)' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('button', { name: 'Let the clerk do it instead' })).toBeTruthy();
  });

  it('shows ruby on hard words when furigana is turned on', async () => {
    const user = userEvent.setup({ delay: null });
    const { container } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    await user.click(await screen.findByRole('button', { name: 'ふりがなを表示' }));
    expect(container.querySelector('h1 ruby rt')?.textContent).toBe('あんしょうばんごう');
  });
});
