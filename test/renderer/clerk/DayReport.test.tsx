import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { buildDayReport } from '../../../src/domain/day-report';
import { createFakeApi, okResult } from '../fake-api';
import { session, states } from '../fixtures';
import { renderWithApi } from '../render';

const at = (jst: string): number => Date.parse(`${jst}+09:00`);
const base = { applicantType: 'self', state: 'completed', feeYen: 0, clerkId: session.clerks[0]?.id ?? 'c01', refusals: [], createdAt: at('2026-12-04T10:00:00') } as const;
const report = buildDayReport(
  '2026-12-04',
  [
    { ...base, procedure: 'issue', feeYen: 200 },
    { ...base, procedure: 'issue', state: 'queued' },
    { ...base, procedure: 'issue', state: 'rejected', refusals: ['juki-card'] },
    { ...base, procedure: 'resetPin', applicantType: 'legalRepresentative' },
  ],
  [{ kind: 'enroll', certificateKind: 'sign', state: 'failed_permanent', doneAt: null }],
  [{ procedure: 'renew', applicantType: 'self', clerkId: base.clerkId, reasons: ['photoId'], at: at('2026-12-04T11:00:00') }],
);

async function openReport() {
  const user = userEvent.setup();
  const fake = createFakeApi({ visit: states.awaitingCard() });
  fake.answer('report.day', okResult(report));
  const rendered = renderWithApi(undefined, { fake });
  await user.click(await screen.findByRole('button', { name: '日計表' }));
  await screen.findByRole('heading', { level: 2, name: /日計表（令和8年12月4日/ });
  return { user, fake, rendered };
}

describe('the day-end report screen', () => {
  it("asks the host for today's report and says the counts, refusals and the cash to hand over", async () => {
    const { fake } = await openReport();
    expect(fake.invocations.filter((i) => i.channel === 'report.day')).toHaveLength(1);
    const document = screen.getByRole('article');
    const rows = within(document).getAllByRole('row').map((row) => row.textContent);
    expect(rows).toContain('新規発行本人3完了 1件、待ち（認証局・受取・回答） 1件、受付不可 1件');
    expect(rows).toContain('パスワードの初期化・再設定法定代理人1完了 1件');
    expect(within(document).getByText('住基カード')).toBeTruthy();
    expect(within(document).getByText('必要書類がない：本人確認書類（官公署発行の顔写真付き）')).toBeTruthy();
    expect(screen.getByTestId('day-report-total').textContent).toBe('200円');
    expect(within(document).getByText('認証局が受け付けなかったもの：1件（うち確認済み 0件）')).toBeTruthy();
    expect(screen.getByText('送信できず、職員の対応が必要：1件')).toBeTruthy();
  });

  it('shows another day on request and refuses a date that does not exist before asking the host', async () => {
    const { user, fake } = await openReport();
    const field = screen.getByRole('textbox', { name: /対象日/ });
    await user.clear(field);
    await user.type(field, '2026-02-30');
    await user.click(screen.getByRole('button', { name: /この日の日計表を表示する/ }));
    expect(fake.invocations.filter((i) => i.channel === 'report.day')).toHaveLength(1);
    await user.clear(field);
    await user.type(field, '2026-12-03{Enter}');
    expect(fake.invocations.filter((i) => i.channel === 'report.day').at(-1)?.request).toEqual({ date: '2026-12-03' });
  });

  it('prints only through the print dialog, and has no serious axe violations', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    const { user, rendered } = await openReport();
    await user.click(screen.getByRole('button', { name: '日計表を印刷する' }));
    expect(print).toHaveBeenCalledTimes(1);
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    let results: axe.AxeResults | undefined;
    await act(async () => {
      results = await axe.run(rendered.container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } } });
    });
    expect(results?.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});
