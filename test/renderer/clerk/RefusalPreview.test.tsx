/** The certificates screen decides a refusal before the applicant's turn and never offers to turn to them for it. */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { card, selfApplicant } from '../fixtures';
import { renderWithApi } from '../render';
import { clerkStates } from './clerkFixtures';

describe('CertificatesScreen: refusals before the passwords', () => {
  it.each([
    ["another city's card (R-ELIG-5)", clerkStates.certificates({ card: card({ municipalityCode: '21201' }) }), 'カードの住所地が本市ではないため受け付けられません（R-ELIG-1、R-ELIG-5）。'],
    ['a Basic Resident Register card (R-ELIG-3)', clerkStates.certificates({ card: card({ cardType: 'jukiCard' }) }), '住基カードには新しい電子証明書を発行できません（R-ELIG-3）。'],
    ['a missing document (R-DOC)', clerkStates.certificates({ applicant: { ...selfApplicant, documents: [] } }), '必要書類が確認されていません：マイナンバーカード（個人番号カード）（R-APP、R-DOC）'],
  ])('%s: the refusal, what to do, and a button that ends with it', async (_name, visit, reason) => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit });
    expect(await screen.findByText('この内容では受け付けられません')).toBeTruthy();
    expect(screen.getByText(reason)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '決定して申請書の印刷に進む' })).toBeNull();
    expect(screen.queryByText(/画面を申請者に向けてください/)).toBeNull();
    await user.click(screen.getByRole('button', { name: '受け付けられないことを確定する' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'chooseCertificates', certificates: ['sign', 'auth'] } }]));
  });

  it('an eligible applicant with every document still turns to the applicant', async () => {
    renderWithApi(undefined, { visit: clerkStates.certificates() });
    expect(await screen.findByRole('button', { name: '決定して申請書の印刷に進む' })).toBeTruthy();
    expect(screen.queryByText('この内容では受け付けられません')).toBeNull();
  });
});
