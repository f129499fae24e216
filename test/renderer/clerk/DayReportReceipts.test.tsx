/**
 * The day-end report screen names the day's applications by receipt number (the list, the
 * refusals, the open requests) and says how many of the requests refused for good were
 * acknowledged, so its count and the queue badge's agree.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { buildDayReport } from '../../../src/domain/day-report';
import type { Language } from '../../../renderer/i18n/format';
import { createFakeApi, okResult } from '../fake-api';
import { session, states } from '../fixtures';
import { renderWithApi } from '../render';

const at = (jst: string): number => Date.parse(`${jst}+09:00`);
const clerkId = session.clerks[0]?.id ?? 'c01';
const base = { applicantType: 'self', state: 'completed', feeYen: 0, clerkId, refusals: [], createdAt: at('2026-12-04T10:00:00') } as const;
const report = buildDayReport(
  '2026-12-04',
  [
    { ...base, procedure: 'issue', feeYen: 200, receiptNumber: '20261204-001' },
    { ...base, procedure: 'issue', state: 'rejected', refusals: ['juki-card'], receiptNumber: '20261204-002', createdAt: at('2026-12-04T10:30:00') },
    { ...base, procedure: 'renew', state: 'queued', receiptNumber: '20261204-003', createdAt: at('2026-12-04T11:00:00') },
  ],
  [
    { kind: 'enroll', certificateKind: 'sign', state: 'pending', doneAt: null, receiptNumber: '20261204-003' },
    { kind: 'enroll', certificateKind: 'auth', state: 'failed_permanent', doneAt: null, receiptNumber: '20261204-003', acknowledged: false },
    { kind: 'revoke', certificateKind: 'sign', state: 'failed_permanent', doneAt: null, receiptNumber: '20261203-007', acknowledged: true },
  ],
);

async function openReport(language?: Language) {
  const user = userEvent.setup();
  const fake = createFakeApi({ visit: states.awaitingCard() });
  fake.answer('report.day', okResult(report));
  const rendered = renderWithApi(undefined, { fake, language });
  await user.click(await screen.findByRole('button', { name: language === 'en' ? 'Day-end report' : '日計表' }));
  await screen.findByRole('heading', { level: 2, name: /日計表（|Day-end report \(/ });
  return rendered;
}

describe('the day-end report by receipt number', () => {
  it('lists the day by receipt number and names the refused and the open ones by theirs', async () => {
    await openReport();
    const article = screen.getByRole('article');
    const rows = within(article).getAllByRole('row').map((row) => row.textContent);
    expect(rows).toContain('20261204-001新規発行本人完了' + (session.clerks[0]?.name ?? clerkId) + '200円');
    expect(rows).toContain('20261204-003更新本人待ち（認証局・受取・回答）' + (session.clerks[0]?.name ?? clerkId) + '0円');
    expect(within(article).getByText('1件（受付番号：20261204-002）')).toBeTruthy();
    const open = within(article).getByRole('list', { name: '残っている送信の一覧' });
    expect(within(open).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '20261204-003：署名用電子証明書の発行申請（送信待ち）',
      expect.stringMatching(/^20261204-003：.+の発行申請（要対応）$/),
      '20261203-007：署名用電子証明書の失効の届出（確認済み）',
    ]);
  });

  it('counts both refused requests as failed for good, of which one acknowledged; the warning counts only the other', async () => {
    await openReport();
    expect(within(screen.getByRole('article')).getByText('認証局が受け付けなかったもの：2件（うち確認済み 1件）')).toBeTruthy();
    expect(screen.getByText('送信できず、職員の対応が必要：1件')).toBeTruthy();
  });

  it('says it in English too, and is axe-clean', async () => {
    const rendered = await openReport('en');
    expect(within(screen.getByRole('article')).getByText('Refused for good by the CA: 2 (of which acknowledged: 1)')).toBeTruthy();
    expect(within(screen.getByRole('article')).getByText('1 (receipt no. 20261204-002)')).toBeTruthy();
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    let ids: string[] = [];
    await act(async () => {
      const results = await axe.run(rendered.container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } } });
      ids = results.violations.map((v) => v.id);
    });
    expect(ids).toEqual([]);
  });
});
