/**
 * The clerk's screens off the happy path, in Debian's Chromium over the real host (pcscd + vpcd +
 * the virtual card, the in-process training CA over HTTPS on 127.0.0.1, SQLite): the likely
 * applicant type, ticks kept on a step back, the language switch never putting sign-out under
 * the pointer, sign-out mid-visit confirmed, no same-day promise during an outage the trainer
 * starts and ends from the training panel, and a password screen titled by what is set.
 */
import type { Page } from 'playwright-core';
import type { Counter } from './support/counter';
import { useCounterTerminal } from './support/counter-terminal';

jest.setTimeout(600_000);

let page: Page;
let counter: Counter;

useCounterTerminal({ prefix: 'clerk', ready: (t) => ({ page, counter } = t) });

const documents = ['マイナンバーカード（個人番号カード）', '本人確認書類（官公署発行の顔写真付き）'];

async function isChecked(role: 'radio' | 'checkbox', name: string): Promise<boolean> {
  return page.getByRole(role, { name, exact: true }).isChecked();
}

/** The button under the pointer, by its accessible text. */
async function buttonUnderPointer(x: number, y: number): Promise<string | null> {
  return page.evaluate(([px, py]) => document.elementFromPoint(px ?? 0, py ?? 0)?.closest('button')?.textContent ?? null, [x, y]);
}

describe("the clerk's screens", () => {
  test('an under-15 applicant: 法定代理人 preselected, ticks kept on a step back, sign-out asks, English keeps the pointer on its switch', async () => {
    await counter.signIn();
    await counter.insertCard(1, /鵜沼 さくら/);
    await counter.readIdentity('2468');
    await counter.chooseProcedure('新規発行');
    await counter.text('申請者は15歳未満です');
    expect({ self: await isChecked('radio', '本人'), legalRepresentative: await isChecked('radio', '法定代理人') }).toEqual({ self: false, legalRepresentative: true });

    await page.getByRole('checkbox', { name: '申請者の本籍が本市にあります' }).check();
    for (const name of documents) await page.getByRole('checkbox', { name }).check();
    await counter.toCertificates();
    await counter.button('戻る');
    await counter.heading('申請者と必要書類');
    expect(await isChecked('radio', '法定代理人')).toBe(true);
    expect(await isChecked('checkbox', '申請者の本籍が本市にあります')).toBe(true);
    for (const name of documents) expect({ name, checked: await isChecked('checkbox', name) }).toEqual({ name, checked: true });

    // The pointer stays where the clerk clicked 「English」: the same switch is under it after.
    const english = await page.getByRole('button', { name: 'Switch to English' }).boundingBox();
    if (english === null) throw new Error('no language switch');
    const x = english.x + english.width / 2;
    const y = english.y + english.height / 2;
    await page.mouse.click(x, y);
    await counter.heading('Applicant and documents');
    expect(await buttonUnderPointer(x, y)).toBe('日本語');
    await page.mouse.click(x, y);
    await counter.heading('申請者と必要書類');
    expect(await buttonUnderPointer(x, y)).toBe('English');

    // Signing out in the middle of a visit asks first; staying keeps the visit where it was.
    await counter.button('サインアウト');
    const dialog = page.getByRole('alertdialog', { name: '手続きの途中です。サインアウトしますか' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '手続きを続ける' }).click();
    await counter.heading('申請者と必要書類');
    expect(await isChecked('checkbox', documents[0] ?? '')).toBe(true);

    await counter.toCertificates();
    await counter.confirmCertificates();
    // Only the authentication certificate for an under-15 applicant: the title names the PIN.
    await counter.heading('利用者証明用暗証番号を決めてください');
  });

  test('the trainer stops the training CA from the panel: no same-day promise while it is down, online again after', async () => {
    await counter.signIn();
    const panel = page.getByRole('region', { name: '研修モード：研修用カード' });
    await panel.getByText('応答しています。').waitFor();
    await panel.getByRole('button', { name: '認証局を止める（障害の練習）' }).click();
    await panel.getByText('止めています（障害の練習中）', { exact: false }).waitFor();
    await page.getByRole('button', { name: /オフライン（通信障害）/ }).waitFor({ timeout: 60_000 });

    await counter.insertCard(1, /那加 太郎/);
    await counter.readIdentity('1357');
    await counter.chooseProcedure('新規発行');
    expect(await page.getByText('即日交付できます', { exact: false }).count()).toBe(0);
    await counter.text('いまは認証局とつながっていないため、即日交付はできません');

    await panel.getByRole('button', { name: '認証局を再開する' }).click();
    await panel.getByText('応答しています。').waitFor();
    await page.getByRole('button', { name: /オンライン/ }).waitFor({ timeout: 60_000 });
    await counter.text('即日交付できます（R-APP-1）。');
  });
});
