/**
 * The day-end report end to end: a terminal whose database holds one counter day (written the
 * way the procedures write it), the clerk opens 日計表 in Chromium, reads the counts and the cash
 * to hand over, prints it (print media, A4, one page, read back as PDF text), and the CLI's
 * `report day --json` beside the running terminal says the same.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { z } from 'zod';
import { toJstDateTime } from '../../src/domain/counter-hours';
import { addDays, formatIsoDate, parseIsoDate } from '../../src/domain/local-date';
import { seedCounterDay, seededDay } from '../support/day-seed';
import { Counter } from './support/counter';
import { useFileTerminal } from './support/counter-terminal';
import { isA4, pdfPages, pdfText, printPageToPdf } from './support/pdf';
import type { RunningTerminal } from './support/terminal';

jest.setTimeout(300_000);

const bin = join(__dirname, '..', '..', 'bin', 'madoguchi');
const cliReport = z.object({ applications: z.number(), fees: z.object({ totalYen: z.number() }), openAtClose: z.object({ waiting: z.number(), failedForGood: z.number() }) });

let dir: string;
let terminal: RunningTerminal;
let context: BrowserContext;

useFileTerminal({
  prefix: 'report',
  seed: (terminalDir) => {
    const today = toJstDateTime(Date.now()).date;
    seedCounterDay(terminalDir, today, formatIsoDate(addDays(parseIsoDate(today), -1)));
  },
  ready: (t) => ({ dir, terminal, context } = t),
});

test("the clerk reads and prints today's report, and the CLI beside the terminal gives the same totals", async () => {
  const page = await context.newPage();
  const counter = new Counter(page);
  await page.goto(terminal.url);
  await counter.signIn();
  await counter.button('日計表');
  await counter.heading(/^日計表（/);
  await counter.text(`受け付けた手続き：${seededDay.applications}件`);
  const report = page.getByRole('article');
  await expect(report.getByRole('row', { name: /新規発行 本人 6/ }).count()).resolves.toBe(1);
  await expect(report.getByText('住基カード').count()).resolves.toBe(1);
  await expect(page.getByTestId('day-report-total').innerText()).resolves.toBe('400円');
  await counter.checkScreen('22-day-report');
  expect(counter.failures()).toEqual([]);

  const pdf = join(dir, 'day-report.pdf');
  await printPageToPdf(page, pdf);
  const pages = pdfPages(pdf);
  expect(pages).toHaveLength(1);
  expect(pages.every(isA4)).toBe(true);
  const text = pdfText(pdf);
  expect(text).toContain('日計表');
  expect(text).toContain(`受け付けた手続き：${seededDay.applications}件`);
  expect(text).toContain('引き継ぐ現金の合計');
  expect(text).toContain('400円');
  // The day's applications by receipt number, on the same page.
  expect(text).toMatch(/受付番号ごとの明細/);
  expect(text).toMatch(/\d{8}-008/);
  // The clerk's screen chrome does not print: only the report.
  expect(text).not.toContain('サインアウト');

  const cli = cliReport.parse(JSON.parse(execFileSync(process.execPath, [bin, 'report', 'day', '--json', '--data', join(dir, 'terminal')], { encoding: 'utf8', timeout: 60_000 })));
  expect(cli.applications).toBe(seededDay.applications);
  expect(cli.fees.totalYen).toBe(seededDay.feeTotalYen);
  // The terminal's sync may have sent the seeded requests meanwhile: none is lost from the count.
  expect(cli.openAtClose.waiting + cli.openAtClose.failedForGood).toBe(seededDay.openAtClose.waiting + seededDay.openAtClose.failedForGood);
});
