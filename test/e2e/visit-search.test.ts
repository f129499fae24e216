/**
 * Finding a past visit end to end: a terminal whose database holds one counter day (written the
 * way the procedures write it) and whose finished visits lost their personal data to the purge.
 * In Chromium the clerk opens 受付の検索: today's visits by receipt number with where each stands;
 * a search by the card's serial and one by receipt number; one visit opened, its removed name read as removed; its receipt
 * printed again (print media, one A4 page, read back as PDF text) marked 再発行. Both searches and
 * the reprint are in the audit log afterwards, with the clerk and never the searched card serial.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { toJstDateTime } from '../../src/domain/counter-hours';
import { addDays, formatIsoDate, parseIsoDate } from '../../src/domain/local-date';
import { ensureDataDir } from '../../src/host/data-dir';
import { openTerminalDatabase } from '../../src/host/terminal-database';
import { purgePersonalData } from '../../src/store/personal-data-purge';
import { Store } from '../../src/store/unit-of-work';
import { seedCounterDay } from '../support/day-seed';
import { ensurePcscd, type PcscdHandle } from '../support/pcscd';
import { launchChromium } from './support/browser';
import { Counter } from './support/counter';
import { isA4, pdfPages, pdfText, printPageToPdf } from './support/pdf';
import { startTerminal, type RunningTerminal } from './support/terminal';

jest.setTimeout(300_000);

let pcscd: PcscdHandle;
let browser: Browser;
let dir: string;
let terminalDir: string;
let terminal: RunningTerminal;
let stopped = false;
let context: BrowserContext;
let today: string;

/** The day's audit entries of one action, read from the terminal's own database. */
function auditOf(action: string): { actor: string; details: unknown }[] {
  const { db, auditAnchor } = openTerminalDatabase(ensureDataDir(terminalDir));
  try {
    const store = new Store(db, () => Date.now(), auditAnchor);
    return store.audit
      .list()
      .rows.filter((e) => e.action === action)
      .map((e) => ({ actor: e.actor, details: e.details }));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-e2e-search-'));
  terminalDir = join(dir, 'terminal');
  today = toJstDateTime(Date.now()).date;
  seedCounterDay(terminalDir, today, formatIsoDate(addDays(parseIsoDate(today), -1)));
  // The finished visits lose their names and addresses (R-RET) before the clerk looks; the
  // purge runs as at the end of the seeded day, whose visits may still lie ahead of the clock.
  const evening = Date.parse(`${today}T23:00:00+09:00`);
  const { db, auditAnchor } = openTerminalDatabase(ensureDataDir(terminalDir));
  const purged = purgePersonalData(db, new Store(db, () => evening, auditAnchor).audit, () => evening);
  db.close();
  expect(purged.length).toBeGreaterThan(0);
  pcscd = await ensurePcscd();
  browser = await launchChromium();
  terminal = await startTerminal(terminalDir);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  if (!stopped) await terminal?.stop();
  await browser?.close();
  await pcscd?.release();
  rmSync(dir, { recursive: true, force: true });
});

test("the clerk lists today's visits, finds one by its receipt number and prints its receipt again, marked 再発行", async () => {
  const page = await context.newPage();
  const counter = new Counter(page);
  await page.goto(terminal.url);
  await counter.signIn();
  await counter.button('受付の検索');
  await counter.heading('過去の受付の検索');
  const compact = today.replaceAll('-', '');

  // Today's visits, newest first, each by its receipt number; the evening before is not listed.
  const results = async (name: string | RegExp) => {
    try {
      await page.getByRole('heading', { level: 2, name }).waitFor({ timeout: 30_000 });
    } catch (error) {
      const shown = await page.locator('h2, [role=alert]').allInnerTexts().catch(() => []);
      throw new Error(`expected the heading ${String(name)}; shown: ${JSON.stringify(shown)}; terminal: ${terminal.output().slice(-3000)}`, { cause: error });
    }
  };
  await results(/までの受付：8件$/);
  const rows = page.getByRole('row');
  await expect(rows.count()).resolves.toBe(9);
  const numbers = (await rows.allInnerTexts()).slice(1).map((row) => /\d{8}-\d{3}/.exec(row)?.[0]);
  expect(numbers).toEqual(['008', '007', '006', '005', '004', '003', '002', '001'].map((n) => `${compact}-${n}`));
  await expect(rows.filter({ hasText: `${compact}-004` }).innerText()).resolves.toContain('受付不可');
  await expect(rows.filter({ hasText: `${compact}-005` }).innerText()).resolves.toContain('取消');
  await expect(rows.filter({ hasText: `${compact}-006` }).innerText()).resolves.toContain('照会書兼回答書の返送待ち');
  await expect(rows.filter({ hasText: `${compact}-008` }).innerText()).resolves.toContain('認証局の発行待ち');
  await counter.checkScreen('24-visit-search');

  // By the card's serial: every visit of that card, whatever the day (the evening before too).
  await page.getByRole('radio', { name: 'カードのシリアル番号' }).check();
  await page.getByRole('textbox', { name: /カードのシリアル番号/ }).fill('SERIAL0001');
  await page.keyboard.press('Enter');
  await results('検索結果：9件');

  // By receipt number, typed at the keyboard: the fee-paying re-issue of 09:30.
  await page.getByRole('radio', { name: '受付番号' }).check();
  await page.getByRole('textbox', { name: /受付番号/ }).fill(`${compact}-002`);
  await page.keyboard.press('Enter');
  await results('検索結果：1件');
  await counter.button(`受付番号 ${compact}-002 の詳細を見る`);
  await results(`受付番号 ${compact}-002`);
  await counter.text('200円');
  // The purge took the name: it reads as removed, with its date, not as an empty field.
  await counter.text('削除済み（');
  await counter.checkScreen('25-visit-detail');

  // The browser shell prints through the browser's dialog: counted here instead of opened.
  await page.evaluate(() => {
    const counted = window as unknown as { printed: number };
    counted.printed = 0;
    window.print = () => {
      counted.printed += 1;
    };
  });
  await counter.button('控えを再発行する');
  await counter.text('控えを再発行しました（印刷の記録を残しました）。');
  await expect(page.evaluate(() => (window as unknown as { printed: number }).printed)).resolves.toBe(1);
  expect(counter.failures()).toEqual([]);

  const pdf = join(dir, 'reprint.pdf');
  await printPageToPdf(page, pdf);
  const pages = pdfPages(pdf);
  expect(pages).toHaveLength(1);
  expect(pages.every(isA4)).toBe(true);
  const text = pdfText(pdf);
  expect(text).toContain('再発行');
  expect(text).toContain(`${compact}-002`);
  // Only the document prints, not the search around it.
  expect(text).not.toContain('過去の受付の検索');
  expect(text).not.toContain('サインアウト');

  // The audit is read from the file once the terminal is gone (one writer at a time).
  await terminal.stop();
  stopped = true;
  const searches = auditOf('visits.searched');
  expect(searches.map((e) => e.actor)).toEqual(['kenshu-01', 'kenshu-01', 'kenshu-01']);
  expect(JSON.stringify(searches)).not.toContain('SERIAL0001');
  expect(auditOf('document.reprinted')).toEqual([{ actor: 'kenshu-01', details: { document: 'receipt' } }]);
});
