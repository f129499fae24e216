/**
 * Changing a password the holder knows (R-LOCK-4), end to end in Chromium over the real terminal:
 * pcscd with the vpcd driver and the virtual card, a real SQLite file. At the counter (the clerk
 * starts it from the card, the resident chooses and types; a wrong current entry comes back with
 * the card's count) and at the self-service terminal (the fourth choice, no CA involved). Each
 * screen is checked with axe in Japanese and English at 100 % and 200 % text and photographed.
 */
import type { Page } from 'playwright-core';
import type { Counter } from './support/counter';
import { useCounterTerminal } from './support/counter-terminal';
import { cardPins } from './support/data-dir';

jest.setTimeout(600_000);

// r08-certified (各務 一郎): signing password KAKAMI82, auth PIN 1234 (resources/training/README.md).
const certified = { option: /各務/, id: 'r08-certified' };

let dataDir: string;
let page: Page;
let screen: Counter;

const terminal = useCounterTerminal({ prefix: 'change', start: 'open', ready: (t) => ({ dataDir, page, counter: screen } = t) });

/** Types on the physical keyboard, away from any button (Enter on a button would press it). */
async function typeSecret(secret: string): Promise<void> {
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.type(secret);
}

/** The current password, then the new one twice, then 「変更する」. */
async function change(current: string, next: string): Promise<void> {
  await typeSecret(current);
  await screen.button('次へ（新しいパスワード）');
  await typeSecret(next);
  await screen.button('次へ（もう一度入れる）');
  await page.keyboard.type(next);
  await screen.button('確認する');
  await screen.button('変更する');
}

test('at the counter: the resident chooses the auth PIN, a wrong current PIN costs one try, then the card takes the new one', async () => {
  await terminal.open();
  await screen.signIn();
  await screen.insertCard(1, certified.option);
  await screen.heading('カードの内容');
  await screen.button('パスワードの変更を始める');
  await screen.heading('変更するパスワードを選んでください');
  expect(await page.getByRole('row', { name: /利用者証明用暗証番号/ }).innerText()).toContain('あと3回まちがえるとロックされます');
  await screen.checkScreen('30-password-change-choose');
  await screen.button('利用者証明用暗証番号を変更する');
  await screen.heading('利用者証明用暗証番号を変更します');
  await screen.text('あと3回まちがえるとロックされます。');
  await screen.checkScreen('30-password-change-current');

  await typeSecret('9999');
  await screen.button('次へ（新しいパスワード）');
  await typeSecret('43');
  await screen.checkScreen('30-password-change-new');
  await page.keyboard.type('21');
  await screen.button('次へ（もう一度入れる）');
  await page.keyboard.type('4321');
  await screen.button('確認する');
  await screen.button('変更する');
  // The card counted the wrong try; the resident is back at the keypad with its count.
  await screen.text('いまのパスワードがちがいました。パスワードは変わっていません。');
  await screen.text('あと2回まちがえるとロックされます。');
  expect(cardPins(dataDir, certified.id).auth).toEqual({ value: '1234', triesLeft: 2 });
  await screen.checkScreen('30-password-change-refused');

  await change('1234', '4321');
  await screen.heading('パスワードの変更が完了しました');
  await screen.text('利用者証明用暗証番号：新しいパスワードに変更しました。前のパスワードは使えません。');
  await screen.checkScreen('30-password-change-done');
  expect(cardPins(dataDir, certified.id).auth).toEqual({ value: '4321', triesLeft: 3 });
  expect(await page.content()).not.toContain('4321');
  expect(screen.failures()).toEqual([]);
});

test('at the self-service terminal: the fourth choice changes the signing password on the card alone', async () => {
  await terminal.open({ training: true, mode: 'self-service' });
  await screen.heading('マイナンバーカードをカードリーダーに置いてください');
  await screen.insertCard(1, certified.option);
  await screen.heading('どちらのパスワードを設定し直しますか');
  await screen.button('覚えているパスワードを変更する');
  await screen.heading('変更するパスワードを選んでください');
  await screen.checkScreen('ss-09-change-choose');
  await screen.button('署名用パスワードを変更する');
  await screen.heading('署名用パスワードを変更します');
  await screen.text('あと5回まちがえるとロックされます。');
  await screen.checkScreen('ss-09-change-current');
  await change('KAKAMI82', 'CHANGE26');
  await screen.heading('署名用パスワードを変更しました');
  await screen.checkScreen('ss-09-change-done');
  expect(cardPins(dataDir, certified.id).sign).toEqual({ value: 'CHANGE26', triesLeft: 5 });
  expect(await page.content()).not.toContain('CHANGE26');
  expect(screen.failures()).toEqual([]);
});
