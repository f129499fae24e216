import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { basicInfo, card, selfApplicant, tries } from '../fixtures';
import { descriptionOf, renderWithApi } from '../render';
import { clerkStates } from './clerkFixtures';

/** A birth date that keeps the applicant 10 years old whenever the test runs. */
const childBirth = `${new Date().getFullYear() - 10}-04-01`;
const child = { ...basicInfo, name: '各務原 次郎', birthDate: childBirth };

describe('ApplicantScreen (R-APP, R-DOC)', () => {
  it('legal representative of an under-15 applicant with domicile in the city: no family register copy, free, documents sent', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: clerkStates.applicant({ basicInfo: child }) });
    expect(await screen.findByRole('heading', { level: 1, name: '申請者と必要書類' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: '法定代理人' }));
    expect(screen.getByText('生年月日から、申請者は15歳未満です（R-ELIG-4）。')).toBeTruthy();
    // Before the domicile is ticked the proof of authority is required.
    expect(screen.getByRole('checkbox', { name: '代理権を証する書類（戸籍謄本、登記事項証明書など）' })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: '申請者の本籍が本市にあります' }));
    expect(screen.queryByRole('checkbox', { name: /代理権を証する書類/ })).toBeNull();
    expect(screen.getByText(/戸籍謄本は不要です（R-APP-2）/)).toBeTruthy();
    const documents = screen.getByRole('group', { name: '確認した書類にチェックを入れてください。' });
    expect(within(documents).getAllByRole('checkbox').map((c) => c.closest('.choice')?.textContent)).toEqual([
      'マイナンバーカード（個人番号カード）',
      '本人確認書類（官公署発行の顔写真付き）',
    ]);
    // The form is not ticked here: nobody has it yet; the terminal prints it after the certificates (R-DOC-2).
    expect(screen.getByText(/申請書は、この後の画面でカードの情報から印刷し/)).toBeTruthy();
    expect(screen.getByText('無料')).toBeTruthy();
    for (const box of within(documents).getAllByRole('checkbox')) await user.click(box);
    await user.click(screen.getByRole('button', { name: 'この内容で次へ' }));
    await waitFor(() =>
      expect(fake.callsTo('visit.send')).toEqual([
        {
          command: {
            type: 'setApplicant',
            applicant: { applicantType: 'legalRepresentative', adultWard: false, domicileInCity: true, reissuedCard: false, documents: ['myNumberCard', 'photoId'] },
          },
        },
      ]),
    );
  });

  it('a re-issued card costs 200 yen (R-DOC-3); a missing document is explained, not silently disabled', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: clerkStates.applicant() });
    await user.click(await screen.findByRole('checkbox', { name: 'カードは紛失などにより再交付されたものです' }));
    expect(screen.getByText('200円')).toBeTruthy();
    const submit = screen.getByRole('button', { name: 'この内容で次へ' });
    expect(submit.getAttribute('aria-disabled')).toBeNull();
    expect(descriptionOf(submit)).toContain('不足している書類：マイナンバーカード（個人番号カード）');
    await user.click(screen.getByRole('checkbox', { name: 'マイナンバーカード（個人番号カード）' }));
    expect(screen.queryByText(/不足している書類/)).toBeNull();
    await user.click(submit);
    await waitFor(() =>
      expect(fake.callsTo('visit.send')).toEqual([
        { command: { type: 'setApplicant', applicant: { applicantType: 'self', adultWard: false, domicileInCity: false, reissuedCard: true, documents: ['myNumberCard'] } } },
      ]),
    );
  });

  it('without a card defaults to the voluntary proxy, whose first visit needs a photo ID and the form', async () => {
    renderWithApi(undefined, { visit: clerkStates.applicant({ card: null }) });
    const proxy = await screen.findByRole('radio', { name: '任意代理人' });
    expect((proxy as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByRole('checkbox', { name: 'マイナンバーカード（個人番号カード）' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: '本人確認書類（官公署発行の顔写真付き）' })).toBeTruthy();
  });
});

describe('CertificatesScreen', () => {
  it('issues both by default and lets the applicant decline the signing certificate (R-PROC-1)', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: clerkStates.certificates() });
    expect(await screen.findByRole('heading', { level: 1, name: '発行する電子証明書' })).toBeTruthy();
    expect(screen.getByText(/（R-PROC-1）/)).toBeTruthy();
    expect(screen.getByText('偽りの申請は罪になります。申請者にお伝えください（R-ELIG-2）。')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: '署名用電子証明書' }));
    await user.click(screen.getByRole('button', { name: '決定して申請書の印刷に進む' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'chooseCertificates', certificates: ['auth'] } }]));
  });

  it('under 15: authentication certificate only, with the reason from the rules (R-ELIG-4)', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, {
      visit: clerkStates.certificates({ basicInfo: child, applicant: { ...selfApplicant, applicantType: 'legalRepresentative', domicileInCity: true, documents: ['myNumberCard', 'applicationForm', 'photoId'] } }),
    });
    expect(await screen.findByText('署名用電子証明書は発行できません')).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: '署名用電子証明書' })).toBeNull();
    expect(screen.getAllByText('15歳未満の方には署名用電子証明書を発行しません（R-ELIG-4）。').length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: '決定して申請書の印刷に進む' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'chooseCertificates', certificates: ['auth'] } }]));
  });

  it('shows an eligibility refusal with its rule id before anything is sent', async () => {
    renderWithApi(undefined, { visit: clerkStates.certificates({ basicInfo: child }) });
    expect(await screen.findByText('15歳未満または成年被後見人の方は、法定代理人と一緒に申請してください（R-ELIG-4、R-APP-2）。')).toBeTruthy();
  });

  it('password reset preselects the locked PIN and explains an empty choice', async () => {
    const user = userEvent.setup();
    const lockedAuth = card({ pins: { sign: tries(5, 5), auth: tries(0), cardInfo: tries(3) } });
    const { fake } = renderWithApi(undefined, { visit: clerkStates.certificates({ procedure: 'resetPin', card: lockedAuth, basicInfo: null }) });
    expect(await screen.findByRole('heading', { level: 1, name: '初期化・再設定するパスワード' })).toBeTruthy();
    const auth = screen.getByRole('checkbox', { name: '利用者証明用暗証番号' });
    expect((auth as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: '署名用パスワード' }) as HTMLInputElement).checked).toBe(false);
    await user.click(auth);
    const submit = screen.getByRole('button', { name: '決定して申請書の印刷に進む' });
    expect(descriptionOf(submit)).toBe('1つ以上選んでください');
    await user.click(screen.getByRole('checkbox', { name: '署名用パスワード' }));
    await user.click(submit);
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'chooseCertificates', certificates: ['sign'] } }]));
  });

  it('revocation sends the certificates and the reason', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: clerkStates.certificates({ procedure: 'revoke', card: null, basicInfo: null }) });
    await user.click(await screen.findByRole('radio', { name: 'カードの紛失・盗難' }));
    await user.click(screen.getByRole('button', { name: '決定して申請書の印刷に進む' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'chooseCertificates', certificates: ['sign', 'auth'], revocationReason: 'keyCompromise' } }]));
  });
});
