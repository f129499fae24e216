/**
 * A past visit's application form printed again from the clerk's search: offered while the
 * visit's facts are kept, said to be removed after the purge, and printed marked 再発行 with the
 * resident's name and birth date through the same print path as the other documents.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { VisitDetailView, VisitSearchResult, VisitSummaryView } from '../../../src/api/contract';
import { buildApplicationForm, formSourceOfApplication } from '../../../src/domain/application-form';
import { createFakeApi, okResult } from '../fake-api';
import { basicInfo, states } from '../fixtures';
import { renderWithApi } from '../render';

const at = (jst: string): number => Date.parse(`${jst}+09:00`);
const id = '7d1b0a52-4a43-4f0e-9a39-3a8f7c1e2d11';
const summary: VisitSummaryView = {
  applicationId: id,
  receiptNumber: '20261204-001',
  createdAt: at('2026-12-04T09:05:00'),
  procedure: 'renew',
  applicantType: 'self',
  certificateKinds: ['sign', 'auth'],
  clerkId: 'clerk-01',
  standing: 'done',
  reasons: [],
  personalDataRemovedAt: null,
};
const found: VisitSearchResult = { days: { from: '2026-12-04', to: '2026-12-04' }, visits: [summary], more: false };
const detail = (reprints: VisitDetailView['reprints']): VisitDetailView => ({
  ...summary,
  documents: ['myNumberCard', 'applicationForm'],
  feeYen: 0,
  cardSerial: 'SERIAL0001',
  applicantName: basicInfo.name,
  requests: [],
  history: [],
  reprints,
});
const form = buildApplicationForm(
  formSourceOfApplication({ procedure: 'renew', applicantType: 'self', documents: ['myNumberCard', 'applicationForm'], cardSerial: 'SERIAL0001', certificateKinds: ['sign', 'auth'], basicInfo, receiptNumber: '20261204-001', feeYen: 0, createdAt: summary.createdAt }),
);

async function openVisit(reprints: VisitDetailView['reprints']) {
  const user = userEvent.setup();
  const fake = createFakeApi({ visit: states.awaitingCard() });
  fake.answer('visits.find', okResult(found));
  fake.answer('visits.get', okResult(detail(reprints)));
  fake.answer('visits.reprint', okResult({ document: 'application-form', content: form, reissuedOn: '2026-12-05' }));
  renderWithApi(undefined, { fake });
  await user.click(await screen.findByRole('button', { name: '受付の検索' }));
  await user.click(await screen.findByRole('button', { name: '受付番号 20261204-001 の詳細を見る' }));
  await screen.findByRole('heading', { level: 2, name: '受付番号 20261204-001' });
  return { user, fake };
}

describe("a past visit's application form", () => {
  it('prints again marked 再発行, with the holder from the store', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    const { user, fake } = await openVisit({ receipt: 'available', 'inquiry-letter': 'none', 'application-form': 'available' });
    await user.click(screen.getByRole('button', { name: '申請書を再発行する' }));
    const printed = await screen.findByRole('region', { name: '印刷する書類' });
    expect(fake.callsTo('visits.reprint')).toEqual([{ applicationId: id, document: 'application-form' }]);
    expect(fake.callsTo('print.document')).toEqual([{ document: 'application-form', applicationId: id, reprint: true }]);
    expect(within(printed).getByText(/^再発行（令和8年12月5日/)).toBeTruthy();
    expect(within(printed).getByRole('heading', { name: '電子証明書新規発行/更新申請書' })).toBeTruthy();
    expect(within(printed).getByRole('row', { name: '生年月日 平成2年5月10日（1990年5月10日）' })).toBeTruthy();
    expect(printed.textContent).toContain(basicInfo.name);
    await screen.findByText('申請書を再発行しました（印刷の記録を残しました）。');
    print.mockRestore();
  });

  it('after the purge it is said to be removed, and not offered', async () => {
    await openVisit({ receipt: 'available', 'inquiry-letter': 'none', 'application-form': 'removed' });
    expect(screen.queryByRole('button', { name: '申請書を再発行する' })).toBeNull();
    expect(screen.getByText('申請書：必要な個人情報が削除されたため、再発行できません。')).toBeTruthy();
  });
});
