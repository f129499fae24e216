/**
 * The clerk's application-form screen: the form printed from the card (name, address, the birth
 * date in the era and the Western year, sex, card serial, procedure, certificates, applicant,
 * documents, fee, receipt number, a 自署 box per signer, characters the font lacks flagged),
 * printed through the same path as the receipt, and the tick and the start sent to the host.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type { VisitState } from '../../../src/api/visit';
import type { Language } from '../../../renderer/i18n/format';
import { basicInfo, card, certificatesChosen, selfApplicant } from '../fixtures';
import { renderWithApi } from '../render';

type FormState = Extract<VisitState, { step: 'applicationForm' }>;

function formState(o: Partial<FormState> = {}): FormState {
  return {
    step: 'applicationForm',
    ...certificatesChosen(),
    receiptNumber: '20261202-004',
    formSigned: false,
    ...o,
  };
}

const printed = () => screen.getByRole('region', { name: '申請書（印刷する書類）' });

beforeAll(() => {
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
beforeEach(() => {
  jest.spyOn(window, 'print').mockImplementation(() => undefined);
});
afterEach(() => jest.mocked(window.print).mockRestore());

describe('ApplicationFormScreen', () => {
  it('shows the form filled in from the card, with the receipt number the application will get', async () => {
    renderWithApi(undefined, { visit: formState() });
    expect(await screen.findByRole('heading', { level: 1, name: '申請書の印刷と署名' })).toBeTruthy();
    const form = within(printed());
    expect(form.getByRole('heading', { name: '電子証明書新規発行/更新申請書' })).toBeTruthy();
    expect(form.getByRole('row', { name: `氏名 ${basicInfo.name}` })).toBeTruthy();
    expect(form.getByRole('row', { name: `住所 ${basicInfo.address}` })).toBeTruthy();
    expect(form.getByRole('row', { name: '生年月日 平成2年5月10日（1990年5月10日）' })).toBeTruthy();
    expect(form.getByRole('row', { name: '性別 男' })).toBeTruthy();
    expect(form.getByRole('row', { name: `カードのシリアル番号 ${card().serial}` })).toBeTruthy();
    expect(form.getByRole('row', { name: /対象の電子証明書 署名用電子証明書.利用者証明用電子証明書/ })).toBeTruthy();
    expect(form.getByRole('row', { name: '手数料 無料' })).toBeTruthy();
    expect(printed().textContent).toContain('20261202-004');
    expect(printed().textContent).toContain('令和8年12月2日');
    expect(form.getAllByText(/自署/).length).toBeGreaterThan(0);
    expect(printed().querySelectorAll('.print-signature-box:not(.print-office-box)')).toHaveLength(1);
    expect(printed().textContent).not.toContain('外字');
  });

  it('prints through the same path as the receipt: the shell first, then the browser dialog; again is a reprint', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: formState() });
    await user.click(await screen.findByRole('button', { name: '申請書を印刷する' }));
    await waitFor(() => expect(window.print).toHaveBeenCalledTimes(1));
    await user.click(screen.getByRole('button', { name: '申請書を印刷する' }));
    await waitFor(() => expect(window.print).toHaveBeenCalledTimes(2));
    expect(fake.callsTo('print.document')).toEqual([
      { document: 'application-form', applicationId: '20261202-004', reprint: false },
      { document: 'application-form', applicationId: '20261202-004', reprint: true },
    ]);
  });

  it('sends the tick and the start to the host, which decides', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: formState() });
    await user.click(await screen.findByRole('checkbox', { name: '署名済みの申請書を受け取りました' }));
    await user.click(screen.getByRole('button', { name: '手続きを始める' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'setFormSigned', signed: true } }, { command: { type: 'startProcedure' } }]));
  });

  it('a voluntary proxy: the holder signs the delegation and the proxy signs as applicant', async () => {
    renderWithApi(undefined, { visit: formState({ applicant: { ...selfApplicant, applicantType: 'proxy', documents: ['myNumberCard', 'applicationForm', 'photoId'] } }) });
    await screen.findByRole('heading', { level: 1 });
    expect(printed().querySelectorAll('.print-signature-box:not(.print-office-box)')).toHaveLength(2);
    expect(printed().textContent).toContain('上記の者を代理人と定め');
    expect(printed().textContent).toContain('任意代理人 氏名（自署）');
  });

  it("a legal representative's name is typed from their ID and sent to the host", async () => {
    const user = userEvent.setup();
    const representative = { ...selfApplicant, applicantType: 'legalRepresentative' as const, documents: ['myNumberCard', 'applicationForm', 'photoId', 'authorityProof'] as const };
    const { fake } = renderWithApi(undefined, { visit: formState({ applicant: representative }) });
    await screen.findByRole('heading', { level: 1 });
    expect(within(printed()).getByRole('row', { name: '代理人の氏名 （ご記入ください）' })).toBeTruthy();
    await user.type(await screen.findByRole('textbox', { name: /代理人の氏名/ }), '那加 花子');
    await user.click(screen.getByRole('button', { name: '氏名を申請書に入れる' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'setRepresentativeName', name: '那加 花子' } }]));
  });

  it('the name the host holds is on the form; the holder in person has no representative line', async () => {
    const representative = { ...selfApplicant, applicantType: 'legalRepresentative' as const };
    const { unmount } = renderWithApi(undefined, { visit: formState({ applicant: representative, representativeName: '那加 花子' }) });
    await screen.findByRole('heading', { level: 1 });
    expect(within(printed()).getByRole('row', { name: '代理人の氏名 那加 花子' })).toBeTruthy();
    expect(printed().textContent).toContain('法定代理人 氏名（自署）');
    unmount();
    renderWithApi(undefined, { visit: formState() });
    await screen.findByRole('heading', { level: 1 });
    expect(within(printed()).queryByRole('row', { name: /代理人の氏名/ })).toBeNull();
    expect(screen.queryByRole('textbox', { name: /代理人の氏名/ })).toBeNull();
  });

  it('a name with a character the font lacks is flagged on the form, as on the identity screen', async () => {
    renderWithApi(undefined, { visit: formState({ basicInfo: { ...basicInfo, name: '各務原 \u{E000}郎' } }) });
    await screen.findByRole('heading', { level: 1 });
    expect(within(printed()).getByRole('row', { name: /氏名 各務原 .郎 ※外字あり/u })).toBeTruthy();
    expect(printed().textContent).toContain('表示できない文字（外字）');
  });

  it('a revocation without the basic 4 information leaves lines to write in', async () => {
    renderWithApi(undefined, { visit: formState({ procedure: 'revoke', basicInfo: null, card: null, revocationReason: 'unspecified' }) });
    await screen.findByRole('heading', { level: 1 });
    expect(within(printed()).getByRole('heading', { name: '電子証明書失効申請書' })).toBeTruthy();
    expect(within(printed()).getByRole('row', { name: '氏名 （ご記入ください）' })).toBeTruthy();
    expect(within(printed()).getByRole('row', { name: 'カードのシリアル番号 カードなし' })).toBeTruthy();
  });

  it.each<Language>(['ja', 'en'])('has no serious axe violations (%s)', async (language) => {
    const { container } = renderWithApi(undefined, { visit: formState(), language });
    await screen.findByRole('heading', { level: 1 });
    let results: axe.AxeResults | undefined;
    await act(async () => {
      results = await axe.run(container, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false }, 'target-size': { enabled: false } } });
    });
    expect(results?.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});
