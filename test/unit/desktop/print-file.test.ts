/** PDF copies of printed documents: names without personal data, retention, the copy a reprint uses. */
import fc from 'fast-check';
import { expiredCopies, latestCopy, parsePrintFileName, printFileName, printResultKind, printRetentionDays, printsDir } from '../../../src/desktop/print-file';

const id = '1f0c8d44-7d39-4a0f-9a8e-6b1a7f3e2b10';
const at = new Date('2026-11-28T10:20:30.456Z');

test('the name is the time, the document and the application id, nothing else', () => {
  expect(printFileName('receipt', id, at)).toBe(`2026-11-28T10-20-30Z-receipt-${id}.pdf`);
  expect(printFileName('inquiry-letter', id.toUpperCase(), at)).toBe(`2026-11-28T10-20-30Z-inquiry-letter-${id}.pdf`);
  expect(printsDir('/data')).toBe('/data/prints');
});

test.each(['', '../../etc/passwd', '山田太郎', `${id}/../x`, 'x'.repeat(36)])('an application id that is not a UUID (%s) is refused', (bad) => {
  expect(() => printFileName('receipt', bad, at)).toThrow();
});

test('fuzz: every name made is a plain file name that parses back', () => {
  fc.assert(
    fc.property(fc.uuid({ version: 4 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }), fc.constantFrom('receipt', 'inquiry-letter' as const), (uuid, date, document) => {
      const name = printFileName(document, uuid, date);
      expect(name).toMatch(/^[0-9A-Za-z-]+\.pdf$/);
      expect(parsePrintFileName(name)).toEqual({ at: Math.floor(date.getTime() / 1000) * 1000, document, applicationId: uuid.toLowerCase() });
    }),
  );
});

test('retention: only our copies older than the period are expired', () => {
  const now = at.getTime();
  const fresh = printFileName('receipt', id, new Date(now - (printRetentionDays - 1) * 86_400_000));
  const old = printFileName('receipt', id, new Date(now - (printRetentionDays + 1) * 86_400_000));
  expect(expiredCopies([fresh, old, 'notes.txt', 'old.pdf', `${old}.bak`], now)).toEqual([old]);
});

test('a reprint uses the newest copy of that document for that application', () => {
  const other = '2a0c8d44-7d39-4a0f-9a8e-6b1a7f3e2b10';
  const names = [printFileName('receipt', id, new Date('2026-11-27T00:00:00Z')), printFileName('receipt', id, at), printFileName('inquiry-letter', id, new Date('2026-11-29T00:00:00Z')), printFileName('receipt', other, new Date('2026-11-30T00:00:00Z'))];
  expect(latestCopy(names, 'receipt', id)).toBe(names[1]);
  expect(latestCopy(names, 'inquiry-letter', id)).toBe(names[2]);
  expect(latestCopy(names, 'inquiry-letter', other)).toBeUndefined();
});

test('print callback: success, a cancelled dialog, a failure', () => {
  expect(printResultKind(true, '')).toBe('printed');
  expect(printResultKind(false, 'Print job canceled')).toBe('cancelled');
  expect(printResultKind(false, 'cancelled')).toBe('cancelled');
  expect(printResultKind(false, 'Print job failed')).toBe('failed');
  expect(printResultKind(false, undefined)).toBe('failed');
});

test('an application form, printed before its application exists, is filed under the receipt number it carries', () => {
  const name = printFileName('application-form', '20261128-004', at);
  expect(name).toBe('2026-11-28T10-20-30Z-application-form-20261128-004.pdf');
  expect(parsePrintFileName(name)).toEqual({ at: Math.floor(at.getTime() / 1000) * 1000, document: 'application-form', applicationId: '20261128-004' });
  const again = printFileName('application-form', '20261128-004', new Date('2026-11-28T11:00:00Z'));
  expect(latestCopy([name, again, printFileName('receipt', id, at)], 'application-form', '20261128-004')).toBe(again);
  for (const bad of ['20261128-004/../x', '2026-11-28-004', '20261128-', '那加']) expect(() => printFileName('application-form', bad, at)).toThrow();
});
