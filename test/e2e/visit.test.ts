/**
 * End to end at the counter: Debian's Chromium drives the browser shell over the real host —
 * pcscd with the vpcd driver and the virtual My Number Card, the reference CA over HTTPS on
 * 127.0.0.1, a real SQLite file. Each screen is checked with axe in Japanese and English at
 * 100 % and 200 % text, and photographed for the README (docs/screenshots/).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensurePcscd, type PcscdHandle } from '../support/pcscd';
import { launchChromium } from './support/browser';
import { Counter } from './support/counter';
import { startTerminal, type RunningTerminal } from './support/terminal';

jest.setTimeout(600_000);

const signPassword = 'MADO2026';
const authPin = '4826';

/**
 * Every file under the data directory (database, WAL, logs, receipts) as bytes, except the
 * virtual cards: the card is the one place a password belongs.
 */
function filesUnder(dir: string, depth = 0): string[] {
  if (depth > 6) return [];
  return readdirSync(dir).flatMap((name) => {
    if (depth === 0 && name === 'cards') return [];
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, depth + 1) : [full];
  });
}

function filesHolding(dir: string, secret: string): string[] {
  const needles = [Buffer.from(secret, 'latin1'), Buffer.from(secret, 'utf16le')];
  return filesUnder(dir).filter((file) => {
    const bytes = readFileSync(file);
    return needles.some((n) => bytes.includes(n));
  });
}

let pcscd: PcscdHandle;
let browser: Browser;
let dataDir: string;
let terminal: RunningTerminal;
let context: BrowserContext;
let page: Page;
let counter: Counter;

beforeAll(async () => {
  pcscd = await ensurePcscd();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await pcscd?.release();
});

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-'));
  terminal = await startTerminal(dataDir);
  // axe needs a page of an explicit context (it opens a helper page beside it).
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  counter = new Counter(page);
  await page.goto(terminal.url);
});

afterEach(async () => {
  await context?.close();
  await terminal?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** From the card on the reader to the password screen, for an adult applying in person. */
async function throughToPasswords(c: Counter, check: boolean): Promise<void> {
  await c.heading('カードの内容');
  if (check) await c.checkScreen('03-card');
  await c.button('申請者に券面事項入力補助用暗証番号を入れてもらう');
  await c.heading(/数字4桁/);
  if (check) await c.checkScreen('04-card-info-pin');
  await c.pressKeys('1357');
  await c.button('この暗証番号で読み取る');
  await c.heading('基本4情報の確認');
  if (check) await c.checkScreen('05-identity');
  await c.page.getByRole('checkbox', { name: '住所が本市の住民登録と一致することを確認しました' }).check();
  await c.button('この内容で確定する');
  await c.heading('手続きを選んでください');
  if (check) await c.checkScreen('06-procedure');
  await c.page.getByRole('radio', { name: '新規発行', exact: true }).check();
  await c.button('この手続きで進む');
  await c.heading('申請者と必要書類');
  for (const name of ['マイナンバーカード（個人番号カード）', '電子証明書新規発行/更新申請書']) await c.page.getByRole('checkbox', { name }).check();
  if (check) await c.checkScreen('07-applicant-documents');
  await c.button('この内容で次へ');
  await c.heading('発行する電子証明書');
  if (check) await c.checkScreen('08-certificates');
  await c.button('決定して申請者の入力に進む');
  await c.heading(/決めてください/);
}

/** Types one secret twice on the keypad screen with the physical keyboard. */
async function typeTwice(c: Counter, secret: string): Promise<void> {
  await c.page.keyboard.type(secret);
  await c.button('次へ（もう一度入れる）');
  await c.page.keyboard.type(secret);
  await c.button('確認する');
}

describe('new issuance for an adult, online', () => {
  test('the clerk and the resident finish the visit; both certificates are on the card; no password anywhere', async () => {
    await counter.heading('職員サインイン');
    await counter.checkScreen('01-sign-in');
    await counter.signIn();
    await counter.checkScreen('02-home');
    await counter.insertCard(1, /那加 太郎/);
    await throughToPasswords(counter, true);
    await counter.checkScreen('09-passwords');
    await typeTwice(counter, signPassword);
    await typeTwice(counter, authPin);
    await counter.button('設定する');
    await counter.heading('新規発行が完了しました');
    await counter.checkScreen('10-done');
    expect(await page.getByText('カードに書き込みました').count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain(signPassword);
    await counter.button(/の送信待ちの状況を開く|送信待ちの状況を開く/);
    await counter.heading(/送信待ち/);
    await counter.checkScreen('11-queue');

    expect(counter.failures()).toEqual([]);
    const stopped = await terminal.stop();
    expect(stopped).toBe(0);
    expect(filesHolding(dataDir, signPassword)).toEqual([]);
    // The search can find it where it belongs: the card itself holds the PIN it was given.
    expect(readFileSync(join(dataDir, 'cards', 'r01-ordinary.json')).includes(Buffer.from(signPassword, 'latin1'))).toBe(true);
    expect(terminal.output()).not.toContain(signPassword);
  });
});

describe('a rule violation on the password screen', () => {
  test('a password without a digit is refused with the rule, and nothing is sent', async () => {
    await counter.signIn();
    await counter.insertCard(1, /那加 太郎/);
    await throughToPasswords(counter, false);
    await page.keyboard.type('ONLYLETTERS');
    const digitRule = page.getByText('数字（0〜9）が1つ以上');
    await digitRule.waitFor();
    // The button explains itself instead of being disabled (aria-disabled): pressing it says why.
    await page.getByRole('button', { name: '次へ（もう一度入れる）' }).click({ force: true });
    await page.getByText('1回目の条件をすべて満たしてください').first().waitFor();
    await counter.checkScreen('12-password-rule');
    await page.keyboard.type('!');
    await page.getByText(/使えるのは英大文字（A〜Z）と数字（0〜9）だけです/).waitFor();
    expect(counter.failures()).toEqual([]);
    // Still on the password step: nothing reached the card.
    await counter.heading(/決めてください/);
  });
});

describe('the card pulled during the working step', () => {
  test('the visit ends with a clear result and the card is never half-written', async () => {
    await counter.signIn();
    await counter.insertCard(1, /那加 太郎/);
    await throughToPasswords(counter, false);
    await typeTwice(counter, signPassword);
    await typeTwice(counter, authPin);
    await counter.button('設定する');
    await counter.heading(/を処理しています/);
    await counter.removeCard(1);
    await counter.heading(/新規発行を完了できませんでした|新規発行が完了しました/);
    await counter.checkScreen('13-card-pulled');
    expect(counter.failures()).toEqual([]);
  });
});
