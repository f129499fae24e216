/**
 * End to end at an unattended self-service terminal: Debian's Chromium drives the
 * browser shell of a training terminal in self-service mode over the real host — pcscd with the
 * vpcd driver and the virtual My Number Card, the reference CA over HTTPS on 127.0.0.1, a real
 * SQLite file. A resident who remembers one password resets the other; every screen is checked
 * with axe in Japanese and English at 100 % and 200 % text and photographed for the README.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startCa, type RunningCa } from './support/ca';
import type { Counter } from './support/counter';
import { useCounterTerminal, type TerminalConfig } from './support/counter-terminal';
import { cardPins, filesHolding, pinsIn } from './support/data-dir';

jest.setTimeout(600_000);

const selfServiceConfig = { training: true, mode: 'self-service' } as const;

// The training residents' passwords (resources/training/residents.json).
const signLocked = { option: /稲羽 誠/, id: 'r06-sign-locked', authPin: '2580' };
const authLocked = { option: /前渡 美咲/, id: 'r07-auth-locked', signPassword: 'MISAKI77' };

/** The card as the training material ships it, before any visit. */
function shippedPins(residentId: string) {
  return pinsIn(join(__dirname, '..', '..', 'resources', 'training', 'cards', `${residentId}.json`));
}

let dataDir: string;
let page: Page;
let kiosk: Counter;

const terminal = useCounterTerminal({ prefix: 'ss', start: 'open', ready: (t) => ({ dataDir, page, counter: kiosk } = t) });

async function open(config: TerminalConfig = selfServiceConfig): Promise<void> {
  await terminal.open(config);
  await kiosk.heading('マイナンバーカードをカードリーダーに置いてください');
}

/** Types a secret on the physical keyboard, away from any button (Enter there would press it). */
async function typeSecret(secret: string): Promise<void> {
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.type(secret);
}

/** The card with the locked signing password placed, and its reset chosen. */
async function chooseSignReset(): Promise<void> {
  await kiosk.insertCard(1, signLocked.option);
  await kiosk.heading('どちらのパスワードを設定し直しますか');
  await kiosk.button('署名用パスワードを設定し直す');
}

async function typeNewTwice(secret: string): Promise<void> {
  await typeSecret(secret);
  await kiosk.button('次へ（もう一度入れる）');
  await page.keyboard.type(secret);
  await kiosk.button('確認する');
}

describe('self-service password reset', () => {
  test('a resident with a locked signing password resets it with the auth PIN; no password anywhere but the card', async () => {
    await open();
    await kiosk.checkScreen('ss-01-welcome');
    expect(await page.getByRole('button', { name: /サインイン/ }).count()).toBe(0);
    await kiosk.insertCard(1, signLocked.option);
    await kiosk.heading('どちらのパスワードを設定し直しますか');
    expect(await page.getByRole('row', { name: /署名用パスワード/ }).innerText()).toContain('ロックされています');
    await kiosk.checkScreen('ss-02-choose');
    await kiosk.button('署名用パスワードを設定し直す');
    await kiosk.heading('いま覚えている利用者証明用暗証番号を入れてください');
    await page.getByText('あと3回まちがえるとロックされます。').waitFor();
    await kiosk.checkScreen('ss-03-proving');
    await kiosk.pressKeys(signLocked.authPin);
    await kiosk.button('入力した内容で確かめる');
    await kiosk.heading('新しい署名用パスワードを決めてください');
    await kiosk.checkScreen('ss-04-new-password');
    const newPassword = 'NEWSIGN26';
    await typeNewTwice(newPassword);
    await kiosk.button('設定する');
    await kiosk.heading('署名用パスワードを設定し直しました');
    await kiosk.checkScreen('ss-05-done');
    expect(await page.content()).not.toContain(newPassword);
    expect(await page.content()).not.toContain(signLocked.authPin);
    // The notice prints alone (print media), and holds no password.
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(__dirname, '..', '..', 'docs', 'screenshots', 'ss-05-done-print.png'), fullPage: true });
    const printed = await page.getByRole('article', { name: 'パスワード再設定のお知らせ' }).innerText();
    expect(printed).toContain('無料');
    await page.emulateMedia({ media: 'screen' });
    await kiosk.button('終わる');
    await kiosk.heading('マイナンバーカードをカードリーダーに置いてください');
    expect(kiosk.failures()).toEqual([]);

    const pins = cardPins(dataDir, signLocked.id);
    expect(pins.sign).toEqual({ value: newPassword, triesLeft: 5 });
    expect(pins.auth).toEqual({ value: signLocked.authPin, triesLeft: 3 });
    expect(await terminal.stop()).toBe(0);
    expect(filesHolding(dataDir, newPassword)).toEqual([]);
    expect(filesHolding(dataDir, signLocked.authPin)).toEqual([]);
    expect(terminal.output()).not.toContain(newPassword);
  });

  test('the reverse: a locked auth PIN is reset with the signing password', async () => {
    await open();
    await kiosk.insertCard(1, authLocked.option);
    await kiosk.heading('どちらのパスワードを設定し直しますか');
    // The signing password cannot be reset here: the auth PIN that would prove it is locked.
    await page.getByText('本人確認に使う利用者証明用暗証番号がロックされているため、ここでは手続きできません。').first().waitFor();
    await kiosk.button('利用者証明用暗証番号を設定し直す');
    await kiosk.heading('いま覚えている署名用パスワードを入れてください');
    await typeSecret(authLocked.signPassword.toLowerCase());
    await kiosk.button('入力した内容で確かめる');
    await kiosk.heading('新しい利用者証明用暗証番号を決めてください');
    await typeNewTwice('7531');
    await kiosk.button('設定する');
    await kiosk.heading('利用者証明用暗証番号を設定し直しました');
    await kiosk.checkScreen('ss-06-done-auth');
    expect(kiosk.failures()).toEqual([]);
    const pins = cardPins(dataDir, authLocked.id);
    expect(pins.auth).toEqual({ value: '7531', triesLeft: 3 });
    expect(pins.sign).toEqual({ value: authLocked.signPassword, triesLeft: 5 });
  });

  test('a wrong proving PIN counts one try and changes nothing else', async () => {
    await open();
    const before = shippedPins(signLocked.id);
    await chooseSignReset();
    await kiosk.heading('いま覚えている利用者証明用暗証番号を入れてください');
    await kiosk.pressKeys('0000');
    await kiosk.button('入力した内容で確かめる');
    await page.getByText('パスワードがちがいました。カードの内容は変わっていません。').waitFor();
    await page.getByText('あと2回まちがえるとロックされます。').first().waitFor();
    await kiosk.checkScreen('ss-07-proving-refused');
    // The resident gives up and takes the card: nothing changed; placed again, the new count shows.
    await kiosk.removeCard(1);
    await kiosk.heading('カードが取り出されました');
    await page.getByText('カードの内容は何も変わっていません。').first().waitFor();
    await kiosk.button('終わる');
    await kiosk.heading('マイナンバーカードをカードリーダーに置いてください');
    await kiosk.insertCard(1, signLocked.option);
    await kiosk.heading('どちらのパスワードを設定し直しますか');
    expect(await page.getByRole('row', { name: /利用者証明用暗証番号/ }).innerText()).toContain('あと2回まちがえるとロックされます');
    expect(await page.getByRole('row', { name: /署名用パスワード/ }).innerText()).toContain('ロックされています');
    expect(kiosk.failures()).toEqual([]);
    const after = cardPins(dataDir, signLocked.id);
    expect(after.auth).toEqual({ value: signLocked.authPin, triesLeft: 2 });
    expect(after.sign).toEqual(before.sign);
  });

  test('the CA offline: the screen says plainly that nothing on the card changed', async () => {
    const caDir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-ss-ca-'));
    let ca: RunningCa | undefined;
    try {
      // The CA's address and TLS material, then the outage: it is stopped before the resident comes.
      ca = await startCa(caDir);
      const { terminalConfig } = ca.served;
      await ca.stop();
      ca = undefined;
      await open({ ...selfServiceConfig, ...terminalConfig });
      const before = shippedPins(signLocked.id);
      await chooseSignReset();
      await kiosk.heading('いまは手続きできません', 60_000);
      await page.getByText('カードの内容は何も変わっていません。').first().waitFor();
      await kiosk.checkScreen('ss-08-offline');
      expect(kiosk.failures()).toEqual([]);
      expect(cardPins(dataDir, signLocked.id)).toEqual(before);
    } finally {
      await ca?.stop();
      rmSync(caDir, { recursive: true, force: true });
    }
  });

  test('the card pulled after the CA authorised the reset and before the new password: the card is unchanged', async () => {
    await open();
    const before = shippedPins(signLocked.id);
    await chooseSignReset();
    await kiosk.heading('いま覚えている利用者証明用暗証番号を入れてください');
    await kiosk.pressKeys(signLocked.authPin);
    await kiosk.button('入力した内容で確かめる');
    await kiosk.heading('新しい署名用パスワードを決めてください');
    await typeSecret('HALF2026');
    await kiosk.removeCard(1);
    await kiosk.heading('カードが取り出されました');
    await page.getByText('カードの内容は何も変わっていません。').first().waitFor();
    await kiosk.checkScreen('ss-09-card-removed');
    expect(await page.content()).not.toContain('HALF2026');
    expect(kiosk.failures()).toEqual([]);
    const after = cardPins(dataDir, signLocked.id);
    expect(after.sign).toEqual(before.sign);
    // The proving PIN was right, so its counter is full again (R-LOCK-1), not spent.
    expect(after.auth).toEqual({ value: signLocked.authPin, triesLeft: 3 });
  });
});
