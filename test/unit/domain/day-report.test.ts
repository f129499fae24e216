import { buildDayReport, jstDayBounds, type ReportApplication, type ReportRequest } from '../../../src/domain/day-report';

// 2026-12-04 (a Friday, a counter day) in Japan runs from 2026-12-03T15:00Z to 2026-12-04T15:00Z.
const at = (jst: string): number => Date.parse(`${jst}+09:00`);
const app = (over: Partial<ReportApplication>): ReportApplication => ({
  procedure: 'issue',
  applicantType: 'self',
  state: 'completed',
  feeYen: 0,
  clerkId: 'c1',
  refusals: [],
  createdAt: at('2026-12-04T10:00:00'),
  ...over,
});
const enroll = (certificateKind: 'sign' | 'auth', doneAt: number | null, state: ReportRequest['state'] = 'done'): ReportRequest => ({ kind: 'enroll', certificateKind, state, doneAt });

describe('the day-end report (R-DOC-3, R-HOURS-2)', () => {
  it('bounds one Japanese calendar day', () => {
    expect(jstDayBounds('2026-12-04')).toEqual({ from: Date.parse('2026-12-03T15:00:00Z'), before: Date.parse('2026-12-04T15:00:00Z') });
  });

  it('counts only the applications made on the day in Japan, per procedure and applicant type, with their outcome', () => {
    const report = buildDayReport('2026-12-04', [
      app({ createdAt: at('2026-12-04T00:00:00') }),
      app({ createdAt: at('2026-12-04T23:59:59'), state: 'queued' }),
      app({ createdAt: at('2026-12-03T23:59:59') }),
      app({ createdAt: at('2026-12-05T00:00:00') }),
      app({ procedure: 'resetPin', applicantType: 'legalRepresentative' }),
    ], []);
    expect(report.applications).toBe(3);
    expect(report.counterDay).toBe(true);
    expect(report.byProcedure).toEqual([
      { procedure: 'issue', applicantType: 'self', count: 2, outcomes: { done: 1, waiting: 1, refused: 0, cancelled: 0, failed: 0, open: 0 } },
      { procedure: 'resetPin', applicantType: 'legalRepresentative', count: 1, outcomes: { done: 1, waiting: 0, refused: 0, cancelled: 0, failed: 0, open: 0 } },
    ]);
  });

  it('takes the fee only from visits whose card work was done, and totals it per clerk', () => {
    const report = buildDayReport('2026-12-04', [
      app({ feeYen: 200, clerkId: 'c1' }),
      app({ feeYen: 200, clerkId: 'c1', state: 'queued' }),
      app({ feeYen: 200, clerkId: 'c2', state: 'rejected', refusals: ['other-municipality'] }),
      app({ feeYen: 200, clerkId: 'c2', state: 'cancelled' }),
      app({ feeYen: 200, clerkId: 'c2', state: 'failed' }),
      app({ feeYen: 0, clerkId: 'c2' }),
    ], []);
    expect(report.fees).toEqual({
      totalYen: 400,
      feePaying: 2,
      byClerk: [
        { clerkId: 'c1', applications: 2, feePaying: 2, yen: 400 },
        { clerkId: 'c2', applications: 4, feePaying: 0, yen: 0 },
      ],
    });
    expect(report.refusals).toEqual([{ reason: 'other-municipality', count: 1, receiptNumbers: [] }]);
  });

  it('counts each reason of a visit refused for several, and a refusal with no recorded reason as unspecified', () => {
    const report = buildDayReport('2026-12-04', [
      app({ state: 'rejected', refusals: ['juki-card', 'other-municipality'] }),
      app({ state: 'rejected', refusals: ['juki-card'] }),
      app({ state: 'rejected' }),
    ], []);
    expect(report.refusals).toEqual([
      { reason: 'juki-card', count: 2, receiptNumbers: [] },
      { reason: 'other-municipality', count: 1, receiptNumbers: [] },
      { reason: 'unspecified', count: 1, receiptNumbers: [] },
    ]);
  });

  it('counts the certificates delivered on the day and the requests still open at close, whatever day they were made', () => {
    const report = buildDayReport('2026-12-04', [], [
      enroll('sign', at('2026-12-04T09:00:00')),
      enroll('auth', at('2026-12-04T09:00:00')),
      enroll('auth', at('2026-12-03T16:59:00')),
      enroll('sign', null, 'pending'),
      enroll('auth', null, 'failed_retryable'),
      enroll('auth', null, 'failed_permanent'),
      { kind: 'revoke', certificateKind: 'sign', state: 'done', doneAt: at('2026-12-04T11:00:00') },
    ]);
    expect(report.certificatesIssued).toEqual({ sign: 1, auth: 1 });
    expect(report.openAtClose).toMatchObject({ waiting: 2, failedForGood: 1, acknowledged: 0 });
  });

  it('counts a visit refused before the passwords (an audit entry, no application) as refused, with its reasons and no fee', () => {
    const report = buildDayReport('2026-12-04', [app({})], [], [
      { procedure: 'issue', applicantType: 'self', clerkId: 'c2', reasons: ['juki-card'], at: at('2026-12-04T11:00:00') },
      { procedure: 'issue', applicantType: 'self', clerkId: 'c2', reasons: ['other-municipality'], at: at('2026-12-03T11:00:00') },
    ]);
    expect(report.applications).toBe(2);
    expect(report.byProcedure[0]).toMatchObject({ count: 2, outcomes: { done: 1, refused: 1 } });
    expect(report.refusals).toEqual([{ reason: 'juki-card', count: 1, receiptNumbers: [] }]);
    expect(report.fees.byClerk).toContainEqual({ clerkId: 'c2', applications: 1, feePaying: 0, yen: 0 });
  });

  it('knows a closed day and refuses a date that does not exist', () => {
    expect(buildDayReport('2027-01-02', [], []).counterDay).toBe(false);
    expect(() => buildDayReport('2026-02-30', [], [])).toThrow(/no such calendar date/);
  });
});
