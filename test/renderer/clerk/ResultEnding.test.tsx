/** The result screen's title and notice follow how the procedure really ended (src/domain/procedure-ending.ts). */
import { screen } from '@testing-library/react';
import { renderWithApi } from '../render';
import { clerkStates, receipt } from './clerkFixtures';

const era = { iso: '2030-05-10', gregorianJa: '', eraJa: '', gregorianEn: '', eraEn: '', en: '' };
const waiting = receipt({ state: 'queued', nextStep: 'presentCardForPickUp', certificates: [{ kind: 'auth', status: 'waitingForCard', serial: null, expiry: era, expiryIsExpected: true }] });

describe('ResultScreen: the ending decides the words', () => {
  it('a queued renewal is accepted, not done, and says what happens next and that the card cannot be used meanwhile', async () => {
    renderWithApi(undefined, { visit: clerkStates.done([{ ...waiting, procedure: 'renew' }]) });
    expect(await screen.findByRole('heading', { level: 1, name: '更新を受け付けました' })).toBeTruthy();
    expect(screen.queryByText(/完了しました/)).toBeNull();
    expect(screen.getByText(/次にカードを窓口（どの窓口でも可）に持って来られたときに書き込みます/)).toBeTruthy();
  });

  it('a proxy first visit is accepted (waiting for the reply), not done', async () => {
    renderWithApi(undefined, { visit: clerkStates.done([receipt({ state: 'awaiting_reply', nextStep: 'awaitInquiryLetter', certificates: [] })]) });
    expect(await screen.findByRole('heading', { level: 1, name: '新規発行を受け付けました' })).toBeTruthy();
    expect(screen.getByText('まだ終わっていません')).toBeTruthy();
  });

  it('a pick-up that wrote nothing because the CA has not answered is no success', async () => {
    const { container } = renderWithApi(undefined, { visit: clerkStates.done([{ ...waiting }], { outcome: { procedure: 'pickUp', applications: [], receipts: [waiting] } }) });
    expect(await screen.findByRole('heading', { level: 1, name: '受取（後日交付）はまだできません' })).toBeTruthy();
    expect(screen.getByText('カードには何も書き込んでいません')).toBeTruthy();
    expect(container.querySelector('.notice--success')).toBeNull();
  });

  it('a pick-up that found nothing for the card says there was nothing to pick up', async () => {
    renderWithApi(undefined, { visit: clerkStates.done([], { outcome: { procedure: 'pickUp', applications: [], receipts: [] } }) });
    expect(await screen.findByRole('heading', { level: 1, name: '受取（後日交付）：受け取る電子証明書はありません' })).toBeTruthy();
  });

  it('a pick-up that wrote the certificates is done', async () => {
    const written = receipt({ procedure: 'issue' });
    renderWithApi(undefined, { visit: clerkStates.done([written], { outcome: { procedure: 'pickUp', applications: [], receipts: [written] } }) });
    expect(await screen.findByRole('heading', { level: 1, name: '受取（後日交付）が完了しました' })).toBeTruthy();
  });
});
