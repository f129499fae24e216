/**
 * A second counter knows what the CA holds for a card. Certificates issued while the first
 * counter was offline are at the CA, not on the card; at another terminal the card screen says
 * so (issued and not picked up) instead of "nothing to check", and steers the clerk to pick-up.
 * Chromium over the real terminal, pcscd with a virtual card, the reference CA as its own process.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensurePcscd, type PcscdHandle } from '../support/pcscd';
import { launchChromium } from './support/browser';
import { startCa, type RunningCa } from './support/ca';
import { Counter } from './support/counter';
import { startTerminal, type RunningTerminal } from './support/terminal';

jest.setTimeout(600_000);

let pcscd: PcscdHandle;
let browser: Browser;
let context: BrowserContext | undefined;
let terminal: RunningTerminal | undefined;
let ca: RunningCa | undefined;
const dirs: string[] = [];

beforeAll(async () => {
  pcscd = await ensurePcscd();
  browser = await launchChromium();
});

afterAll(async () => {
  await context?.close();
  await terminal?.stop();
  await ca?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await browser?.close();
  await pcscd?.release();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

async function open(dataDir: string): Promise<{ page: Page; counter: Counter }> {
  await context?.close();
  terminal = await startTerminal(dataDir);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(terminal.url);
  const counter = new Counter(page);
  await counter.signIn();
  return { page, counter };
}

/** Types one secret twice on the keypad screen with the physical keyboard. */
async function typeTwice(c: Counter, secret: string): Promise<void> {
  await c.page.keyboard.type(secret);
  await c.button('次へ（もう一度入れる）');
  await c.page.keyboard.type(secret);
  await c.button('確認する');
}

test('certificates issued offline at one counter and waiting at the CA are named on the card screen of another', async () => {
  const caDir = tempDir('madoguchi-e2e-ca-');
  const firstDir = tempDir('madoguchi-e2e-first-');
  const secondDir = tempDir('madoguchi-e2e-second-');
  ca = await startCa(caDir);
  const { port, terminalConfig } = ca.served;
  await ca.stop();
  ca = undefined;
  const config = JSON.stringify({ training: true, ...terminalConfig });

  // The first counter, the CA down: a new issuance is queued.
  writeFileSync(join(firstDir, 'config.json'), config);
  const first = await open(firstDir);
  await first.counter.insertCard(1, /那加 太郎/);
  await first.counter.heading('カードの内容');
  await first.counter.button('申請者に券面事項入力補助用暗証番号を入れてもらう');
  await first.counter.heading(/数字4桁/);
  await first.counter.pressKeys('1357');
  await first.counter.button('この暗証番号で読み取る');
  await first.counter.heading('基本4情報の確認');
  await first.page.getByRole('checkbox', { name: '住所が本市の住民登録と一致することを確認しました' }).check();
  await first.counter.button('この内容で確定する');
  await first.counter.heading('手続きを選んでください');
  await first.page.getByRole('radio', { name: '新規発行', exact: true }).check();
  await first.counter.button('この手続きで進む');
  await first.counter.heading('申請者と必要書類');
  for (const name of ['マイナンバーカード（個人番号カード）']) await first.page.getByRole('checkbox', { name }).check();
  await first.counter.button('この内容で次へ');
  await first.counter.heading('発行する電子証明書');
  await first.counter.confirmCertificates();
  // The CA is down: the clerk and the resident read what that means first, and go on.
  await first.counter.button(/このまま進める/);
  await first.counter.heading(/決めてください/);
  await typeTwice(first.counter, 'MADO2026');
  await typeTwice(first.counter, '4826');
  await first.counter.button('設定する');
  await first.page.getByText('認証局と通信できないため、送信待ちにしました').first().waitFor({ timeout: 120_000 });

  // The CA returns; the first counter's queue drains: the certificates are issued, not on the card.
  ca = await startCa(caDir, port);
  await first.page.getByRole('button', { name: /送信待ち 0件・オンライン/ }).waitFor({ timeout: 120_000 });
  await first.counter.removeCard(1);
  expect(await terminal?.stop()).toBe(0);
  terminal = undefined;

  // Another counter, online, with the same card.
  mkdirSync(join(secondDir, 'cards'), { recursive: true });
  copyFileSync(join(firstDir, 'cards', 'r01-ordinary.json'), join(secondDir, 'cards', 'r01-ordinary.json'));
  writeFileSync(join(secondDir, 'config.json'), config);
  const second = await open(secondDir);
  await second.counter.insertCard(1, /那加 太郎/);
  await second.counter.heading('カードの内容');
  await second.counter.text('認証局の記録（このカードの電子証明書）');
  const records = second.page.getByRole('region', { name: '認証局の記録（このカードの電子証明書）' });
  await expect(records.getByRole('row', { name: /署名用電子証明書 発行済み・未受取/ }).count()).resolves.toBe(1);
  await expect(records.getByRole('row', { name: /利用者証明用電子証明書 発行済み・未受取/ }).count()).resolves.toBe(1);
  await second.counter.text('このカードに書き込む電子証明書があります');
  expect(await second.page.getByText('確認が必要なことはありません').count()).toBe(0);
  await second.counter.checkScreen('03b-card-waiting-at-ca');
  expect(second.counter.failures()).toEqual([]);

  // Taken at its word: the pick-up writes them.
  await second.counter.button('受取（後日交付）を始める');
  await second.counter.heading('受取（後日交付）が完了しました');
});
