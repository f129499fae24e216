/**
 * The receipt number: the day in Japan and that day's sequence on this terminal, given when the
 * application is recorded, kept with it, and found by it.
 */
import { join } from 'node:path';
import { ApplicationsRepo, receiptDay } from '../../../src/store/applications-repo';
import { openDatabase } from '../../../src/store/open-database';
import { sampleApplication, tempDir } from './fixtures';

// 2026-12-05 23:30 JST is 14:30 UTC; 00:30 JST the next day is 15:30 UTC.
const lateEvening = Date.UTC(2026, 11, 5, 14, 30);
const afterMidnight = Date.UTC(2026, 11, 5, 15, 30);

describe('receipt numbers', () => {
  it('counts per day in Japan, from 001, and finds the application by its number', () => {
    const { dir, cleanup } = tempDir();
    try {
      const { db } = openDatabase(join(dir, 'terminal.sqlite'));
      let now = lateEvening;
      const repo = new ApplicationsRepo(db, () => now);
      const first = repo.insert(sampleApplication());
      const second = repo.insert(sampleApplication());
      now = afterMidnight;
      const nextDay = repo.insert(sampleApplication());
      expect([first.receiptNumber, second.receiptNumber, nextDay.receiptNumber]).toEqual(['20261205-001', '20261205-002', '20261206-001']);
      expect(repo.findByReceiptNumber('20261205-002')?.id).toBe(second.id);
      expect(repo.findByReceiptNumber('20261205-009')).toBeNull();
      expect(repo.get(first.id).receiptNumber).toBe('20261205-001');
      // The queue names its rows by these numbers: asked for several ids at once, repeated or unknown.
      const missing = '00000000-0000-4000-8000-000000000000';
      expect(repo.receiptNumbersOf([second.id, first.id, second.id, missing])).toEqual(
        new Map([
          [first.id, '20261205-001'],
          [second.id, '20261205-002'],
        ]),
      );
      db.close();
    } finally {
      cleanup();
    }
  });

  it('takes the day in Japan whatever the machine zone', () => {
    expect(receiptDay(lateEvening)).toBe('20261205');
    expect(receiptDay(afterMidnight)).toBe('20261206');
  });
});
