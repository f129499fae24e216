/**
 * End to end at the counter: Debian's Chromium drives the browser shell over the real host —
 * pcscd with the vpcd driver and the virtual My Number Card, the reference CA over HTTPS on
 * 127.0.0.1, a real SQLite file. Each screen is checked with axe in Japanese and English at
 * 100 % and 200 % text, and photographed for the README (docs/screenshots/).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startCa, type RunningCa } from './support/ca';
import { inPersonDocuments, type Counter } from './support/counter';
import { useCounterTerminal } from './support/counter-terminal';
import { filesHolding } from './support/data-dir';
import { isA4, pdfPages, pdfText, printPageToPdf } from './support/pdf';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../src/desktop/csp';

jest.setTimeout(600_000);

const signPassword = 'MADO2026';
const authPin = '4826';

/** PDFs of printed documents: outside the data directory, which is searched for passwords. */
let pdfDir: string;
let dataDir: string;
let page: Page;
let counter: Counter;

beforeAll(() => {
  pdfDir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-pdf-'));
});

afterAll(() => {
  rmSync(pdfDir, { recursive: true, force: true });
});

// axe needs a page of an explicit context (it opens a helper page beside it): the harness gives each test one.
const terminal = useCounterTerminal({ prefix: 'visit', ready: (t) => ({ dataDir, page, counter } = t) });

/**
 * From the card's facts to the procedure choice: the resident enters the card-info PIN, the clerk
 * confirms the basic 4 information and the registration (R-ELIG-5).
 */
async function readIdentity(c: Counter, cardInfoPin: string, check = false): Promise<void> {
  await c.heading('カードの内容');
  if (check) await c.checkScreen('03-card');
  await c.button('申請者に券面事項入力補助用暗証番号を入れてもらう');
  await c.heading(/数字4桁/);
  if (check) await c.checkScreen('04-card-info-pin');
  await c.pressKeys(cardInfoPin);
  await c.button('この暗証番号で読み取る');
  await c.heading('基本4情報の確認');
  if (check) await c.checkScreen('05-identity');
  await c.page.getByRole('checkbox', { name: '住所が本市の住民登録と一致することを確認しました' }).check();
  await c.button('この内容で確定する');
  await c.heading('手続きを選んでください');
}

/**
 * From the card on the reader to the password screen, for an adult applying in person. With the
 * CA offline the clerk and the resident first read what that means and choose to go on.
 */
async function throughToPasswords(c: Counter, check: boolean, offline = false): Promise<void> {
  await readIdentity(c, '1357', check);
  if (check) await c.checkScreen('06-procedure');
  await c.chooseProcedure('新規発行');
  await c.tick(inPersonDocuments);
  if (check) await c.checkScreen('07-applicant-documents');
  await c.toCertificates();
  if (check) await c.checkScreen('08-certificates');
  await c.confirmCertificates();
  if (offline) {
    await c.heading('認証局と通信できません。電子証明書は今日はお渡しできません');
    await c.button(/このまま進める/);
  }
  await c.heading(/決めてください/);
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
    await counter.typeTwice(signPassword);
    await counter.typeTwice(authPin);
    await counter.button('設定する');
    await counter.heading('新規発行が完了しました');
    await counter.checkScreen('10-done');
    expect(await page.getByText('カードに書き込みました').count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain(signPassword);
    // The page runs under one CSP: the meta tag Vite wrote and the shell's header (src/desktop/csp.ts).
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(metaContentSecurityPolicy);
    const served = await page.request.get(page.url().replace(/#.*$/, ''));
    expect(served.headers()['content-security-policy']).toBe(contentSecurityPolicy);

    // The receipt prints on A4 through the browser's dialog (the browser shell): as Chromium prints it.
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await counter.button('控えを印刷する');
    await page.getByRole('region', { name: '印刷する書類' }).waitFor();
    const receiptPdf = join(pdfDir, 'receipt.pdf');
    await printPageToPdf(page, receiptPdf);
    const receiptPages = pdfPages(receiptPdf);
    expect(receiptPages.length).toBeGreaterThan(0);
    expect(receiptPages.every(isA4)).toBe(true);
    const receiptText = pdfText(receiptPdf);
    expect(receiptText).toContain('手続きの控え');
    expect(receiptText).toContain('署名用電子証明書');
    expect(receiptText).not.toContain(signPassword);
    expect(receiptText).not.toContain(authPin);
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
    await counter.typeTwice(signPassword);
    await counter.typeTwice(authPin);
    await counter.button('設定する');
    await counter.heading(/を処理しています/);
    await counter.removeCard(1);
    await counter.heading(/新規発行を完了できませんでした|新規発行が完了しました/);
    await counter.checkScreen('13-card-pulled');
    expect(counter.failures()).toEqual([]);
  });
});

describe('idle timeout during password entry', () => {
  test('the warning offers more time; unanswered, the visit returns to the clerk and nothing typed is left', async () => {
    // A terminal whose applicant turn lasts the shortest the configuration allows.
    await terminal.open({ training: true, timeouts: { applicantIdleSeconds: 30, applicantWarningSeconds: 20 } });
    await counter.signIn();
    await counter.insertCard(1, /那加 太郎/);
    await throughToPasswords(counter, false);
    const partial = 'QZX9K7';
    await page.keyboard.type(partial);
    await page.getByRole('button', { name: '延長する' }).waitFor({ timeout: 45_000 });
    await counter.checkScreen('14-idle-warning');
    await page.getByRole('heading', { level: 1, name: 'カードの内容' }).waitFor({ timeout: 60_000 });
    await page.getByText('申請者の入力時間が終わったため', { exact: false }).first().waitFor();
    expect(await page.content()).not.toContain(partial);
    expect(counter.failures()).toEqual([]);
    expect(await terminal.stop()).toBe(0);
    expect(filesHolding(dataDir, partial)).toEqual([]);
    expect(terminal.output()).not.toContain(partial);
  });
});

describe('an applicant under 15 with a legal representative', () => {
  test('only the authentication certificate is issued, its PIN set by the representative (R-ELIG-4)', async () => {
    await counter.signIn();
    await counter.insertCard(1, /鵜沼 さくら/);
    await readIdentity(counter, '2468');
    await page.getByRole('radio', { name: '新規発行', exact: true }).check();
    await counter.button('この手続きで進む');
    await counter.heading('申請者と必要書類');
    await page.getByRole('radio', { name: '法定代理人' }).check();
    await page.getByRole('checkbox', { name: '申請者の本籍が本市にあります' }).check();
    for (const name of ['マイナンバーカード（個人番号カード）', '本人確認書類（官公署発行の顔写真付き）']) await page.getByRole('checkbox', { name }).check();
    // The family register copy is waived for an under-15 applicant whose domicile is in the city (R-APP-2).
    expect(await page.getByRole('checkbox', { name: /代理権を証する書類/ }).count()).toBe(0);
    await counter.checkScreen('15-legal-representative');
    await counter.toCertificates();
    await page.getByText('署名用電子証明書は発行できません').first().waitFor();
    await counter.confirmCertificates();
    await counter.heading(/決めてください/);
    expect(await page.getByRole('group', { name: '署名用パスワードの入力キー' }).count()).toBe(0);
    await counter.typeTwice(authPin);
    await counter.button('設定する');
    await counter.heading('新規発行が完了しました');
    expect(await page.getByRole('row', { name: /利用者証明用電子証明書/ }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /署名用電子証明書/ }).count()).toBe(0);
    expect(counter.failures()).toEqual([]);
  });
});

describe('password reset of a locked signing password', () => {
  test('the clerk resets it without the basic 4 information; the resident sets a new one (R-PROC-2, R-LOCK-2)', async () => {
    await counter.signIn();
    await counter.insertCard(1, /稲羽 誠/);
    await counter.heading('カードの内容');
    await page.getByText('署名用パスワードがロックされています', { exact: false }).first().waitFor();
    await counter.button('パスワードの初期化・再設定を始める');
    await counter.heading('申請者と必要書類');
    await page.getByRole('checkbox', { name: 'マイナンバーカード（個人番号カード）' }).check();
    await counter.button('この内容で次へ');
    await counter.heading('初期化・再設定するパスワード');
    await counter.checkScreen('16-reset-choice');
    await counter.confirmCertificates();
    await counter.heading(/決めてください/);
    await counter.typeTwice('NEWPW2026');
    await counter.button('設定する');
    await counter.heading('パスワードの初期化・再設定が完了しました');
    await counter.checkScreen('17-reset-done');
    expect(counter.failures()).toEqual([]);
  });
});

describe('an outage: issuance while the CA is down, pick-up at a second terminal after it returns', () => {
  test('the visit ends queued; the queue drains when the CA is back; another terminal writes the certificates (R-PROC-3)', async () => {
    const caDir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-ca-'));
    const secondDir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-2-'));
    let ca: RunningCa | undefined;
    try {
      // The CA's TLS material and port, then the outage: it is stopped before the visit.
      ca = await startCa(caDir);
      const { port, terminalConfig } = ca.served;
      await ca.stop();
      ca = undefined;
      const config = { training: true, ...terminalConfig };
      await terminal.open(config);
      await counter.signIn();
      await counter.insertCard(1, /那加 太郎/);
      await throughToPasswords(counter, false, true);
      await counter.typeTwice(signPassword);
      await counter.typeTwice(authPin);
      await counter.button('設定する');
      await counter.heading('新規発行を受け付けました');
      await page.getByText('認証局と通信できないため、送信待ちにしました').first().waitFor();
      await counter.checkScreen('18-queued-offline');

      // The CA returns on the same address; the terminal's own loop delivers the queue.
      ca = await startCa(caDir, port);
      await page.getByRole('button', { name: /送信待ち 0件・オンライン/ }).waitFor({ timeout: 120_000 });
      await counter.button('終了して次の方へ');
      await counter.removeCard(1);
      expect(await terminal.stop()).toBe(0);

      // The resident goes to another counter with the same card.
      mkdirSync(join(secondDir, 'cards'), { recursive: true });
      copyFileSync(join(dataDir, 'cards', 'r01-ordinary.json'), join(secondDir, 'cards', 'r01-ordinary.json'));
      await terminal.open(config, secondDir);
      await counter.signIn();
      await counter.insertCard(1, /那加 太郎/);
      await counter.heading('カードの内容');
      await counter.button('受取（後日交付）を始める');
      await counter.heading('受取（後日交付）が完了しました');
      await counter.checkScreen('19-pick-up-done');
      expect(await page.getByText('カードに書き込みました').count()).toBeGreaterThan(0);
      expect(counter.failures()).toEqual([]);
    } finally {
      await ca?.stop();
      await terminal.stop();
      rmSync(caDir, { recursive: true, force: true });
      rmSync(secondDir, { recursive: true, force: true });
    }
  });
});

describe("a voluntary proxy's two visits", () => {
  test('the first visit files the request and prints the inquiry-and-reply letter; the second finishes it (R-PROC-5, R-APP-3)', async () => {
    await counter.signIn();
    await counter.insertCard(1, /那加 太郎/);
    await readIdentity(counter, '1357');
    await page.getByRole('radio', { name: '任意代理人による申請（1回目）' }).check();
    await counter.button('この手続きで進む');
    await counter.heading('申請者と必要書類');
    await page.getByRole('radio', { name: '任意代理人' }).check();
    for (const name of ['マイナンバーカード（個人番号カード）', '本人確認書類（官公署発行の顔写真付き）']) await page.getByRole('checkbox', { name }).check();
    await counter.toCertificates();
    await counter.confirmCertificates(/決定して/);
    await counter.heading(/を受け付けました/);
    // window.print would open the system dialog; the printable document is checked on the page.
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await counter.button('照会書兼回答書を印刷する');
    await page.getByText('照会書兼回答書', { exact: false }).first().waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(__dirname, '..', '..', 'docs', 'screenshots', '20-inquiry-letter-print.png'), fullPage: true });
    const printed = await page.locator('body').innerText();
    expect(printed).toContain('那加');
    expect(printed).not.toContain(signPassword);
    await page.emulateMedia({ media: 'screen' });
    const letterPdf = join(pdfDir, 'inquiry-letter.pdf');
    await printPageToPdf(page, letterPdf);
    const letterPages = pdfPages(letterPdf);
    expect(letterPages.length).toBeGreaterThan(0);
    expect(letterPages.every(isA4)).toBe(true);
    const letterText = pdfText(letterPdf);
    expect(letterText).toContain('照会書兼回答書');
    expect(letterText).toContain('那加');
    expect(letterText).toContain('回答書');
    expect(letterText).not.toMatch(/パスワード|暗証番号/);
    await counter.checkScreen('20-proxy-first-visit');
    await counter.button('終了して次の方へ');

    // The proxy comes back with the filled-in letter and the card.
    await counter.heading('カードの内容');
    await counter.text('任意代理人の申請が回答待ちです');
    await readIdentity(counter, '1357');
    await page.getByRole('radio', { name: /の2回目/ }).check();
    await counter.button('この手続きで進む');
    await counter.heading('申請者と必要書類');
    await page.getByRole('radio', { name: '任意代理人' }).check();
    for (const name of ['マイナンバーカード（個人番号カード）', '本人確認書類（官公署発行の顔写真付き）', '照会書兼回答書（回答を記入したもの）']) {
      const box = page.getByRole('checkbox', { name });
      if ((await box.count()) > 0) await box.check();
    }
    await counter.toCertificates();
    await counter.confirmCertificates();
    await counter.heading(/決めてください/);
    await counter.typeTwice(signPassword);
    await counter.typeTwice(authPin);
    await counter.button('設定する');
    await counter.heading('新規発行が完了しました');
    expect(await page.getByText('カードに書き込みました').count()).toBeGreaterThan(0);
    expect(counter.failures()).toEqual([]);
  });
});
