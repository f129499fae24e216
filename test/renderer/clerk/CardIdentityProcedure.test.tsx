import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { basicInfo, card, states, tries } from '../fixtures';
import { descriptionOf, renderWithApi } from '../render';
import { clerkStates } from './clerkFixtures';

describe('CardScreen', () => {
  it('shows the card facts, PIN tries, certificates and warnings with their rule ids', async () => {
    const withCerts = card({
      pins: { sign: tries(0, 5), auth: tries(2), cardInfo: tries(3) },
      certificates: { sign: { state: 'present', serial: 'ABC123', expiry: '2029-05-10', isExpired: false }, auth: { state: 'absent' } },
      warnings: ['sign-locked', 'other-municipality'],
      municipalityCode: '13101',
    });
    renderWithApi(undefined, { visit: states.cardPresent({ card: withCerts }) });
    expect(await screen.findByRole('heading', { level: 1, name: 'カードの内容' })).toBeTruthy();
    expect(screen.getByText('SERIAL-0001')).toBeTruthy();
    expect(screen.getByText('13101（本市ではありません）')).toBeTruthy();
    expect(screen.getByText('令和16年5月10日（2034年）')).toBeTruthy();
    expect(screen.getByText('ロック中（残り0回）')).toBeTruthy();
    expect(screen.getByText('残り2回（上限3回）')).toBeTruthy();
    const signRow = screen.getByRole('row', { name: /署名用電子証明書/ });
    expect(within(signRow).getByText('ABC123')).toBeTruthy();
    expect(within(signRow).getByText('令和11年5月10日（2029年）')).toBeTruthy();
    expect(screen.getByText(/署名用パスワードがロックされています。.*（R-LOCK-1、R-LOCK-2）/)).toBeTruthy();
    expect(screen.getByText(/（R-ELIG-1、R-ELIG-5）/)).toBeTruthy();
  });

  it('turns the screen to the applicant, lets the clerk type the facts, or starts a direct procedure', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.cardPresent() });
    await user.click(await screen.findByRole('button', { name: '申請者に券面事項入力補助用暗証番号を入れてもらう' }));
    await user.click(screen.getByRole('button', { name: '基本4情報を職員が入力する' }));
    await user.click(screen.getByRole('button', { name: '受取（後日交付）を始める' }));
    await user.click(screen.getByRole('button', { name: '失効申請を始める' }));
    await user.click(screen.getByRole('button', { name: '手続きをやめる' }));
    await waitFor(() =>
      expect(fake.callsTo('visit.send').map((c) => c.command)).toEqual([
        { type: 'readCardInfo' },
        { type: 'typeFactsInstead' },
        { type: 'chooseProcedure', procedure: 'pickUp' },
        { type: 'chooseProcedure', procedure: 'revoke' },
        { type: 'cancel' },
      ]),
    );
  });

  it('explains why the card-info PIN cannot be used when it is locked (R-LOCK-3)', async () => {
    const user = userEvent.setup();
    const locked = card({ pins: { sign: tries(5, 5), auth: tries(3), cardInfo: tries(0) }, warnings: ['card-info-locked'] });
    const { fake } = renderWithApi(undefined, { visit: states.cardPresent({ card: locked }) });
    const button = await screen.findByRole('button', { name: '申請者に券面事項入力補助用暗証番号を入れてもらう' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(descriptionOf(button)).toContain('R-LOCK-3');
    await user.click(button);
    expect(fake.callsTo('visit.send')).toHaveLength(0);
  });

  it('shows the removed-card notice', async () => {
    renderWithApi(undefined, { visit: states.cardPresent({ notice: 'applicantTimedOut' }) });
    expect(await screen.findByText(/申請者の入力時間が終わったため/)).toBeTruthy();
  });
});

describe('IdentityScreen', () => {
  it('from the card: shows the facts with the sex in words, asks for the R-ELIG-5 registration check, then confirms', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.identity() });
    expect(await screen.findByRole('heading', { level: 1, name: '基本4情報の確認' })).toBeTruthy();
    expect(screen.getByText('男（コード1）')).toBeTruthy();
    expect(screen.getByText('平成2年5月10日（1990年）')).toBeTruthy();
    expect(screen.getByText('カードの市区町村コード：21213／本市：21213（各務原市）')).toBeTruthy();
    expect(screen.getByText(/カード券面の表記が正しい表記です/)).toBeTruthy();
    const confirm = screen.getByRole('button', { name: 'この内容で確定する' });
    expect(descriptionOf(confirm)).toBe('住民登録の確認にチェックを入れてください');
    await user.click(confirm);
    expect(fake.callsTo('visit.send')).toHaveLength(0);
    await user.click(screen.getByRole('checkbox', { name: '住所が本市の住民登録と一致することを確認しました' }));
    await user.click(confirm);
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'confirmIdentity', basicInfo } }]));
  });

  it('warns when the name has characters the font lacks', async () => {
    renderWithApi(undefined, { visit: states.identity({ basicInfo: { ...basicInfo, name: '\uE001辺 一郎' } }) });
    expect(await screen.findByText('氏名または住所に、画面で正しく表示できない文字があります。カード券面の表記が正しい表記です。')).toBeTruthy();
  });

  it('typed by the clerk: labelled fields with 「＊」 errors, then the typed facts are sent', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.identity({ source: 'clerk', basicInfo: null }) });
    await user.click(await screen.findByRole('checkbox', { name: '住所が本市の住民登録と一致することを確認しました' }));
    await user.click(screen.getByRole('button', { name: 'この内容で確定する' }));
    const name = screen.getByRole('textbox', { name: /氏名/ });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(name)).toContain('＊氏名を入力してください');
    expect(fake.callsTo('visit.send')).toHaveLength(0);

    await user.type(name, '各務原 花子');
    await user.type(screen.getByRole('textbox', { name: /住所/ }), '岐阜県各務原市那加桜町1丁目1番地');
    await user.type(screen.getByRole('textbox', { name: '年' }), '2015');
    await user.type(screen.getByRole('textbox', { name: '月' }), '4');
    await user.type(screen.getByRole('textbox', { name: '日' }), '1');
    await user.click(screen.getByRole('radio', { name: '女（コード2）' }));
    await user.click(screen.getByRole('button', { name: 'この内容で確定する' }));
    await waitFor(() =>
      expect(fake.callsTo('visit.send')).toEqual([
        { command: { type: 'confirmIdentity', basicInfo: { name: '各務原 花子', address: '岐阜県各務原市那加桜町1丁目1番地', birthDate: '2015-04-01', sex: '2' } } },
      ]),
    );
  });
});

describe('ProcedureScreen', () => {
  it('explains the choice is missing, then sends the chosen procedure', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: clerkStates.procedure() });
    const submit = await screen.findByRole('button', { name: 'この手続きで進む' });
    expect(descriptionOf(submit)).toBe('手続きを選んでください');
    await user.click(screen.getByRole('radio', { name: '更新' }));
    await user.click(submit);
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'chooseProcedure', procedure: 'renew' } }]));
  });

  it("continues a voluntary proxy's filed application on the second visit (R-PROC-5)", async () => {
    const user = userEvent.setup();
    const id = '3f0c7a0e-8a39-4f5e-9d38-2b1e6f0a9c11';
    const withReply = card({ awaitingReply: [{ applicationId: id, procedure: 'issue', certificates: ['sign', 'auth'], filedAt: Date.UTC(2025, 10, 20, 1) }] });
    const { fake } = renderWithApi(undefined, { visit: clerkStates.procedure({ card: withReply }) });
    await user.click(await screen.findByRole('radio', { name: /新規発行の2回目（令和7年11月20日（2025年）受付/ }));
    await user.click(screen.getByRole('button', { name: 'この手続きで進む' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'chooseProcedure', procedure: 'issue', continuesApplicationId: id } }]));
  });

  it('without a card offers only revocation and the proxy first visit, which files an issuance', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: clerkStates.procedure({ card: null, basicInfo: null }) });
    await screen.findByRole('heading', { level: 1, name: '手続きを選んでください' });
    expect(screen.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['revoke', 'proxyFirst']);
    await user.click(screen.getByRole('radio', { name: '任意代理人による申請（1回目）' }));
    await user.click(screen.getByRole('button', { name: 'この手続きで進む' }));
    await user.click(screen.getByRole('button', { name: '前の画面に戻る' }));
    await waitFor(() => expect(fake.callsTo('visit.send').map((c) => c.command)).toEqual([{ type: 'chooseProcedure', procedure: 'issue' }, { type: 'back' }]));
  });
});
