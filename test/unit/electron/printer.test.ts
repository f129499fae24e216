/** The Electron printer against a fake web contents: the PDF copy, A4, reprint and retention. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebContents } from 'electron';
import { createPdfPrinter } from '../../../electron/printer';
import { FakeWebContents } from './fake-electron';

const id = '1f0c8d44-7d39-4a0f-9a8e-6b1a7f3e2b10';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-print-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('prints on A4 and keeps one 0600 PDF copy named without personal data; a reprint reuses it', async () => {
  const contents = new FakeWebContents();
  let now = Date.parse('2026-11-28T10:20:00Z');
  const printer = createPdfPrinter(dir, () => contents as unknown as WebContents, () => new Date(now));
  expect(await printer.print({ document: 'receipt', applicationId: id, reprint: false })).toEqual({ method: 'host', copy: `2026-11-28T10-20-00Z-receipt-${id}.pdf` });
  expect(contents.pdfOptions).toEqual([expect.objectContaining({ pageSize: 'A4' })]);
  expect(contents.printed).toEqual([expect.objectContaining({ pageSize: 'A4', silent: false })]);
  const file = join(dir, 'prints', `2026-11-28T10-20-00Z-receipt-${id}.pdf`);
  expect(readFileSync(file, 'latin1')).toMatch(/^%PDF/);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(join(dir, 'prints')).mode & 0o777).toBe(0o700);

  now += 60_000;
  expect(await printer.print({ document: 'receipt', applicationId: id, reprint: true })).toEqual({ method: 'host', copy: `2026-11-28T10-20-00Z-receipt-${id}.pdf` });
  expect(contents.pdfOptions).toHaveLength(1);
  expect(contents.printed).toHaveLength(2);
  // The letter of the same application is another document: its own copy.
  expect(await printer.print({ document: 'inquiry-letter', applicationId: id, reprint: true })).toEqual({ method: 'host', copy: `2026-11-28T10-21-00Z-inquiry-letter-${id}.pdf` });
});

test('copies past the retention period are deleted; other files are left alone', async () => {
  mkdirSync(join(dir, 'prints'));
  const old = `2026-11-01T09-00-00Z-receipt-${id}.pdf`;
  writeFileSync(join(dir, 'prints', old), 'old');
  writeFileSync(join(dir, 'prints', 'notes.txt'), 'keep');
  const printer = createPdfPrinter(dir, () => new FakeWebContents() as unknown as WebContents, () => new Date('2026-11-28T10:20:00Z'));
  await printer.print({ document: 'receipt', applicationId: id, reprint: true });
  expect(readdirSync(join(dir, 'prints')).sort()).toEqual([`2026-11-28T10-20-00Z-receipt-${id}.pdf`, 'notes.txt']);
});

test('a failed print job is PRINT_FAILED; a cancelled dialog is not a failure; no window is PRINT_FAILED', async () => {
  const failing = new FakeWebContents();
  failing.print = (_options, callback) => callback(false, 'Print job failed');
  await expect(createPdfPrinter(dir, () => failing as unknown as WebContents).print({ document: 'receipt', applicationId: id, reprint: false })).rejects.toMatchObject({ code: 'PRINT_FAILED' });
  const cancelled = new FakeWebContents();
  cancelled.print = (_options, callback) => callback(false, 'Print job canceled');
  await expect(createPdfPrinter(dir, () => cancelled as unknown as WebContents).print({ document: 'receipt', applicationId: id, reprint: false })).resolves.toMatchObject({ method: 'host' });
  await expect(createPdfPrinter(dir, () => undefined).print({ document: 'receipt', applicationId: id, reprint: false })).rejects.toMatchObject({ code: 'PRINT_FAILED' });
});
