/**
 * The search of past visits (clerks only): today's visits when it opens, a receipt number or a
 * card serial checked before the host is asked, states and reasons in the clerk's words, the
 * application's id never shown, removed personal data said to be removed with its date, and a
 * receipt printed again marked 再発行 — all by keyboard, axe clean.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { VisitDetailView, VisitSearchResult, VisitSummaryView } from '../../../src/api/contract';
import { createFakeApi, okResult } from '../fake-api';
import { states } from '../fixtures';
import { renderWithApi } from '../render';
import { receipt } from './clerkFixtures';

const at = (jst: string): number => Date.parse(`${jst}+09:00`);
const doneId = '7d1b0a52-4a43-4f0e-9a39-3a8f7c1e2d11';
const failedId = '0c9e2f4a-1b3d-4c5e-8f6a-7b8c9d0e1f22';
const summary = (over: Partial<VisitSummaryView>): VisitSummaryView => ({
  applicationId: doneId,
  receiptNumber: '20261204-001',
  createdAt: at('2026-12-04T09:05:00'),
  procedure: 'issue',
  applicantType: 'self',
  certificateKinds: ['sign', 'auth'],
  clerkId: 'clerk-01',
  standing: 'done',
  reasons: [],
  personalDataRemovedAt: at('2026-12-04T17:30:00'),
  ...over,
});
const found: VisitSearchResult = {
  days: { from: '2026-12-04', to: '2026-12-04' },
  visits: [summary({ applicationId: failedId, receiptNumber: '20261204-002', standing: 'failed', reasons: ['CARD_REMOVED'], personalDataRemovedAt: null }), summary({})],
  more: false,
};
const detail: VisitDetailView = {
  ...summary({}),
  documents: ['myNumberCard', 'applicationForm'],
  feeYen: 0,
  cardSerial: 'SERIAL0001',
  applicantName: null,
  requests: [{ kind: 'enroll', certificateKind: 'sign', phase: 'done', certificateSerial: '0A01', notAfter: '2031-05-10T14:59:59.000Z', lastErrorCode: null, doneAt: at('2026-12-04T09:06:00') }],
  history: [
    { at: at('2026-12-04T09:05:00'), actor: 'clerk-01', action: 'application.recorded' },
    { at: at('2026-12-04T17:30:00'), actor: 'system', action: 'personalData.purge' },
  ],
  reprints: { receipt: 'available', 'inquiry-letter': 'none', 'application-form': 'removed' },
};

async function openSearch() {
  const user = userEvent.setup();
  const fake = createFakeApi({ visit: states.awaitingCard() });
  fake.answer('visits.find', okResult(found));
  fake.answer('visits.get', okResult(detail));
  fake.answer('visits.reprint', okResult({ document: 'receipt', content: receipt({ applicationId: doneId, receiptNumber: '20261204-001', applicantName: null }), reissuedOn: '2026-12-05' }));
  const rendered = renderWithApi(undefined, { fake });
  await user.click(await screen.findByRole('button', { name: '受付の検索' }));
  await screen.findByRole('heading', { level: 2, name: /令和8年12月4日.*2件/ });
  return { user, fake, rendered };
}

describe('finding a past visit', () => {
  it("lists today's visits at first, by receipt number and in the clerk's words, never by the internal id", async () => {
    const { fake } = await openSearch();
    expect(fake.callsTo('visits.find')).toEqual([{ query: { by: 'dates' } }]);
    const rows = screen.getAllByRole('row').map((row) => row.textContent ?? '');
    expect(rows[1]).toContain('20261204-002');
    expect(rows[1]).toContain('失敗（');
    expect(rows[2]).toContain('20261204-001');
    expect(rows[2]).toContain('完了');
    expect(document.body.textContent).not.toContain(doneId);
  });

  it('searches by receipt number from the keyboard, and refuses a malformed one before asking the host', async () => {
    const { user, fake } = await openSearch();
    await user.click(screen.getByRole('radio', { name: '受付番号' }));
    const field = screen.getByRole('textbox', { name: /受付番号/ });
    await user.type(field, '2026-1{Enter}');
    expect(screen.getByText(/受付番号を「20261204-001」の形で入力してください/)).toBeTruthy();
    expect(fake.callsTo('visits.find')).toHaveLength(1);
    await user.clear(field);
    await user.type(field, '20261204-001{Enter}');
    expect(fake.callsTo('visits.find').at(-1)).toEqual({ query: { by: 'receiptNumber', receiptNumber: '20261204-001' } });
  });

  it('opens a visit: what the purge removed reads as removed with its date; the receipt prints again marked 再発行', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    const { user, fake } = await openSearch();
    await user.click(screen.getByRole('button', { name: '受付番号 20261204-001 の詳細を見る' }));
    await screen.findByRole('heading', { level: 2, name: '受付番号 20261204-001' });
    expect(fake.callsTo('visits.get')).toEqual([{ applicationId: doneId }]);
    expect(screen.getByText('削除済み（令和8年12月4日（2026年）、保存期間の経過による）')).toBeTruthy();
    expect(screen.getByText('保存期間の経過により個人情報を削除した')).toBeTruthy();
    // The clerk by name where the terminal knows them; an actor that is no clerk by its id.
    const history = within(screen.getByRole('region', { name: '経過' }));
    expect(history.getAllByRole('row').map((row) => row.children[1]?.textContent)).toEqual(['担当', '研修 太郎', 'system']);
    expect(screen.queryByRole('button', { name: '照会書兼回答書を再発行する' })).toBeNull();

    await user.click(screen.getByRole('button', { name: '控えを再発行する' }));
    const printed = await screen.findByRole('region', { name: '印刷する書類' });
    expect(fake.callsTo('visits.reprint')).toEqual([{ applicationId: doneId, document: 'receipt' }]);
    expect(fake.callsTo('print.document')).toEqual([{ document: 'receipt', applicationId: doneId, reprint: true }]);
    expect(within(printed).getByText(/^再発行（令和8年12月5日/)).toBeTruthy();
    expect(printed.textContent).toContain('20261204-001');
    await screen.findByText('控えを再発行しました（印刷の記録を残しました）。');
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it('has no serious axe violations on the list or the opened visit', async () => {
    const { user, rendered } = await openSearch();
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const serious = async () => {
      let results: axe.AxeResults | undefined;
      await act(async () => {
        results = await axe.run(rendered.container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } } });
      });
      return results?.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    };
    expect(await serious()).toEqual([]);
    await user.click(screen.getByRole('button', { name: '受付番号 20261204-001 の詳細を見る' }));
    await screen.findByRole('heading', { level: 2, name: '受付番号 20261204-001' });
    expect(await serious()).toEqual([]);
  });
});
