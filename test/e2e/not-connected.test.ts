/**
 * The browser shell in Chromium: a page opened without the terminal's one-time link has no
 * session cookie, so the host refuses every request. The page says so and what to do (the link
 * printed at start, or a restart), in Japanese and English, axe-clean; the link itself still works,
 * once: opened again elsewhere it leads to the same explanation.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { Counter } from './support/counter';
import { useFileTerminal } from './support/counter-terminal';
import type { RunningTerminal } from './support/terminal';

jest.setTimeout(180_000);

let browser: Browser | undefined;
let terminal: RunningTerminal | undefined;
let context: BrowserContext | undefined;

useFileTerminal({ prefix: 'not-connected', ready: (t) => ({ browser, terminal, context } = t) });

test('a page opened without the link says why nothing works and what to do; the link then opens the terminal', async () => {
  if (browser === undefined || context === undefined || terminal === undefined) throw new Error('the terminal did not start');
  const page = await context.newPage();
  const counter = new Counter(page);
  // The terminal's address, but not its one-time link: no cookie.
  await page.goto(`${terminal.origin}/`);
  await counter.heading('この画面は端末につながっていません');
  await counter.text('端末を起動したときに表示されたリンク（アドレス）から、この画面を開いてください。');
  await counter.text('端末を再起動し、新しく表示されたリンクから開いてください');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: /English/ }).focus();
  await page.keyboard.press('Enter');
  await counter.heading('This page is not connected to the terminal');
  await counter.text('restart the terminal and open the new link it prints');

  // The printed link still opens the terminal in this browser.
  await page.goto(terminal.url);
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: /not connected|つながっていません/ }).waitFor({ timeout: 60_000 });
  expect(await page.getByText(/not connected to the terminal|端末につながっていません/).count()).toBe(0);

  // The same link again in another browser (its code is spent): the page that says what to do,
  // not a bare refusal.
  const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const second = await other.newPage();
    await second.goto(terminal.url);
    await new Counter(second).heading('この画面は端末につながっていません');
    expect(new URL(second.url()).pathname).toBe('/');
  } finally {
    await other.close();
  }
});
