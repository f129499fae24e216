import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { states } from '../fixtures';
import { renderWithApi } from '../render';
import { applicationId, clerkStates, receipt } from './clerkFixtures';

describe('WorkingScreen', () => {
  it('lists the steps reached in words and asks to keep the card', async () => {
    renderWithApi(undefined, { visit: states.working({ progress: ['issue-after-draft', 'issue-after-issuer-auth'] }) });
    expect(await screen.findByRole('heading', { level: 1, name: '新規発行を処理しています' })).toBeTruthy();
    const list = screen.getByRole('list', { name: '処理の進み具合' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['✓申請を記録しました（完了）', '▶カードが端末を発行者として認めました（実行中）']);
    expect(screen.getByText('終わるまでカードをリーダーから外さないでください。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '手続きをやめる' })).toBeNull();
  });

  it('says the card was removed', async () => {
    renderWithApi(undefined, { visit: states.working({ progress: ['issue-after-draft'], cardRemoved: true }) });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByText('カードが取り外されました')).toBeTruthy();
  });
});

describe('ResultScreen', () => {
  beforeEach(() => {
    jest.spyOn(window, 'print').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('done: certificates with serial and era expiry, fee, next step, print and finish', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: clerkStates.done([receipt()]) });
    expect(await screen.findByRole('heading', { level: 1, name: '新規発行が完了しました' })).toBeTruthy();
    const signRow = screen.getByRole('row', { name: /署名用電子証明書/ });
    expect(within(signRow).getByText('0A1B2C')).toBeTruthy();
    expect(within(signRow).getByText('令和12年5月10日（2030年）')).toBeTruthy();
    expect(screen.getByText('発行手数料：無料')).toBeTruthy();
    expect(screen.getByText('次にすること：手続きは完了しました。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '控えを印刷する' }));
    await waitFor(() => expect(window.print).toHaveBeenCalledTimes(1));
    expect(fake.callsTo('print.document')).toEqual([{ document: 'receipt', applicationId: receipt().applicationId, reprint: false }]);
    expect(screen.getByRole('region', { name: '印刷する書類' }).textContent).toContain('電子証明書 手続きの控え');
    await user.click(screen.getByRole('button', { name: '終了して次の方へ' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'finish' } }]));
  });

  it('done offline: explains the certificates wait for pick-up at any counter', async () => {
    const queued = receipt({
      state: 'queued',
      nextStep: 'presentCardForPickUp',
      certificates: [{ kind: 'auth', status: 'waitingForCard', serial: null, expiry: { iso: '2030-05-10', gregorianJa: '', eraJa: '', gregorianEn: '', eraEn: '', en: '' }, expiryIsExpected: true }],
    });
    renderWithApi(undefined, { visit: clerkStates.done([queued]) });
    expect(await screen.findByText('認証局と通信できないため、送信待ちにしました')).toBeTruthy();
    expect(screen.getByText('令和12年5月10日（2030年）（見込み）')).toBeTruthy();
    expect(screen.getByText('次回カード提示時に書き込みます')).toBeTruthy();
  });

  it('refused: every reason in words with its rule id, unknown codes still shown', async () => {
    renderWithApi(undefined, { visit: clerkStates.refused(['representative-required', 'photoId', 'something-new']) });
    expect(await screen.findByRole('heading', { level: 1, name: '新規発行を受け付けられませんでした' })).toBeTruthy();
    const items = within(screen.getByRole('alert')).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      '15歳未満または成年被後見人の方は、法定代理人と一緒に申請してください（R-ELIG-4、R-APP-2）。',
      '必要書類が確認されていません：本人確認書類（官公署発行の顔写真付き）（R-APP、R-DOC）',
      '受け付けられない理由：something-new',
    ]);
  });

  it('R-ELIG refused: prints a refusal receipt saying what was refused and why in words, without rule ids, in ja and en', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: clerkStates.refused(['other-municipality', 'photoId']) });
    await screen.findByRole('heading', { level: 1, name: '新規発行を受け付けられませんでした' });
    await user.click(screen.getByRole('button', { name: 'お受けできなかったことの控えを印刷する' }));
    expect(window.print).toHaveBeenCalledTimes(1);
    const doc = within(screen.getByRole('article', { name: '電子証明書 申請をお受けできなかったことの控え' }));
    expect(doc.getByText('次の電子証明書の申請をお受けできませんでした：署名用電子証明書、利用者証明用電子証明書')).toBeTruthy();
    const reasons = doc.getAllByRole('listitem').map((li) => li.textContent);
    expect(doc.queryByText(/R-[A-Z]+-\d/)).toBeNull();
    // The eligibility reason only: a missing document is the clerk's matter, not the applicant's refusal.
    expect(reasons).toEqual(['カードの住所が本市にないため、本市ではお受けできません。住民登録のある市区町村の窓口でお申し込みください。']);
    expect(doc.getByText('電子証明書は発行していません。カードの内容は変わっていません。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Switch to English' }));
    const en = within(screen.getByRole('article', { name: 'Electronic certificates: receipt of a refused application' }));
    expect(en.getByText(/The address on the card is not in this municipality\. Please apply at the municipality where you are registered\.$/)).toBeTruthy();
  });

  it('refused for missing documents only: no refusal receipt to print', async () => {
    renderWithApi(undefined, { visit: clerkStates.refused(['photoId']) });
    await screen.findByRole('heading', { level: 1, name: '新規発行を受け付けられませんでした' });
    expect(screen.queryByRole('button', { name: 'お受けできなかったことの控えを印刷する' })).toBeNull();
  });

  it('failed: the error in words and what to do', async () => {
    renderWithApi(undefined, { visit: clerkStates.failed(true) });
    expect(await screen.findByRole('heading', { level: 1, name: '新規発行を完了できませんでした' })).toBeTruthy();
    expect(screen.getByText('認証局で一時的な障害が発生しています。自動で再送します。')).toBeTruthy();
    expect(screen.getByText('すること：しばらくしてから、もう一度手続きをしてください。')).toBeTruthy();
  });

  it('renders English on the toggle', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: clerkStates.done([receipt()]) });
    await screen.findByRole('heading', { level: 1 });
    await user.click(screen.getByRole('button', { name: 'Switch to English' }));
    expect(screen.getByRole('heading', { level: 1, name: 'New issuance: done' })).toBeTruthy();
    expect(screen.getAllByText('10 May 2030 (Reiwa 12)')).toHaveLength(2);
  });
});

describe('printable documents', () => {
  beforeEach(() => {
    jest.spyOn(window, 'print').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const letter = { applicationId, receiptNumber: '20251125-004', addresseeName: '各務原 一郎', addresseeAddress: '岐阜県各務原市那加桜町1丁目1番地', dated: { iso: '2025-11-26', gregorianJa: '', eraJa: '', gregorianEn: '', eraEn: '', en: '' }, certificates: ['sign', 'auth'] as const };

  it("prints the voluntary proxy's inquiry-and-reply letter: addressee, era date, certificates, reply section, nothing of a password", async () => {
    const user = userEvent.setup();
    const proxyReceipt = receipt({ applicantType: 'proxy', state: 'awaiting_reply', nextStep: 'awaitInquiryLetter', certificates: [], inquiryLetter: letter });
    renderWithApi(undefined, { visit: clerkStates.done([proxyReceipt]) });
    await user.click(await screen.findByRole('button', { name: '照会書兼回答書を印刷する' }));
    const doc = screen.getByRole('region', { name: '印刷する書類' });
    const text = doc.textContent ?? '';
    expect(within(doc).getByRole('heading', { name: '照会書兼回答書' })).toBeTruthy();
    expect(text).toContain('各務原 一郎 様');
    expect(text).toContain('岐阜県各務原市那加桜町1丁目1番地');
    expect(text).toContain('令和7年11月26日（2025年）');
    // The applicant quotes the short number; the application's id stays internal.
    expect(text).toContain('受付番号：20251125-004');
    expect(text).not.toContain(applicationId);
    expect(text).toContain('各務原市長');
    expect(text).toContain('署名用電子証明書');
    expect(text).toContain('利用者証明用電子証明書');
    expect(within(doc).getByRole('heading', { name: '回答書' })).toBeTruthy();
    expect(text).toContain('申請者の氏名（自署）');
    expect(text).not.toMatch(/パスワード|暗証番号|password|PIN/i);
    expect(doc.querySelectorAll('input')).toHaveLength(0);
  });

  it('a shell that prints by itself (Electron) gets the request, no browser dialog opens; a second print is a reprint', async () => {
    const user = userEvent.setup();
    const proxyReceipt = receipt({ applicantType: 'proxy', state: 'awaiting_reply', nextStep: 'awaitInquiryLetter', certificates: [], inquiryLetter: letter });
    const { fake } = renderWithApi(undefined, { visit: clerkStates.done([proxyReceipt]) });
    fake.answer('print.document', { ok: true, value: { method: 'host', copy: 'copy.pdf' } });
    await user.click(await screen.findByRole('button', { name: '照会書兼回答書を印刷する' }));
    await user.click(screen.getByRole('button', { name: '照会書兼回答書を印刷する' }));
    await user.click(screen.getByRole('button', { name: '控えを印刷する' }));
    await waitFor(() => expect(fake.callsTo('print.document')).toHaveLength(3));
    expect(fake.callsTo('print.document')).toEqual([
      { document: 'inquiry-letter', applicationId, reprint: false },
      { document: 'inquiry-letter', applicationId, reprint: true },
      { document: 'receipt', applicationId, reprint: false },
    ]);
    expect(window.print).not.toHaveBeenCalled();
  });

  it('the result screen names each application by its receipt number, never by its internal id', async () => {
    renderWithApi(undefined, { visit: clerkStates.done([receipt({ receiptNumber: '20251125-007' }), receipt({ applicationId: 'no-number', receiptNumber: null })]) });
    const headings = (await screen.findAllByRole('heading', { level: 2 })).map((h) => h.textContent ?? '');
    expect(headings).toContain('新規発行（受付番号 20251125-007）');
    expect(headings).toContain('新規発行');
    expect(headings.join(' ')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|no-number/);
  });

  it('a failed print is said in words, and the browser dialog does not open', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: clerkStates.done([receipt()]) });
    fake.answer('print.document', { ok: false, error: { code: 'PRINT_FAILED', retryable: true, details: {} } });
    await user.click(await screen.findByRole('button', { name: '控えを印刷する' }));
    expect(await screen.findByText('操作できませんでした：印刷できませんでした。プリンターを確認して、もう一度印刷してください。')).toBeTruthy();
    expect(window.print).not.toHaveBeenCalled();
  });

  it('the receipt carries the R-USE-1 notice and no password, only that none is printed and what to do if one is forgotten', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: clerkStates.done([receipt()]) });
    await user.click(await screen.findByRole('button', { name: '控えを印刷する' }));
    const text = screen.getByRole('region', { name: '印刷する書類' }).textContent ?? '';
    expect(text).toContain('ICカードリーダライタ、利用者クライアントソフトが必要です。');
    expect(text).toContain('受付日令和7年11月25日（2025年）');
    // The mentions of a password: none is printed (R-PW-3), and what to do with a forgotten one.
    expect(text.match(/パスワード/g)).toHaveLength(2);
    expect(text).toContain('この控えには記載していません。');
  });

  it("the receipt speaks to the resident: a short number, the name, no clerk instruction, no rule ids, no internal id", async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: clerkStates.done([receipt({ warnings: ['false-application-is-a-crime', 'no-sign-under-15'] })]) });
    await user.click(await screen.findByRole('button', { name: '控えを印刷する' }));
    const text = screen.getByRole('region', { name: '印刷する書類' }).textContent ?? '';
    expect(text).toContain('受付番号20251125-007');
    expect(text).toContain('お名前各務原 一郎');
    expect(text).toContain('15歳未満の方には、署名用電子証明書は発行されません。');
    expect(text).toContain('パスワードを忘れたときや、暗証番号を何度もまちがえてロックされたときは');
    expect(text).not.toContain('申請者にお伝えください');
    expect(text).not.toMatch(/R-[A-Z]+-\d+/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('prints at print size whatever the screen text size, and hidden parts take no room on paper', () => {
    const css = readFileSync(join(__dirname, '../../../renderer/screens/clerk/documents/documents.css'), 'utf8');
    expect(css).toMatch(/@media print\s*{[^]*:root\.large-text\s*{\s*font-size:\s*100%;/);
    expect(css).toMatch(/body \*:not\(\.print-area, \.print-area \*, :has\(\.print-area\)\)\s*{\s*display:\s*none;/);
  });

  it('the print stylesheet sets A4 with 15 mm margins and prints only the document', () => {
    const css = readFileSync(join(__dirname, '../../../renderer/screens/clerk/documents/documents.css'), 'utf8');
    expect(css).toMatch(/@page\s*{\s*size:\s*A4;\s*margin:\s*15mm;\s*}/);
    expect(css).toMatch(/@media print\s*{\s*body \*\s*{\s*visibility:\s*hidden;/);
    expect(css).toContain('.print-area *');
  });
});
