import { screen, within } from '@testing-library/react';
import { card, states } from '../fixtures';
import { renderWithApi } from '../render';

describe('CardScreen: what the CA holds for the card', () => {
  it('names certificates issued and not picked up, and the others with their status', async () => {
    const atCa = {
      state: 'known' as const,
      certificates: [
        { kind: 'sign' as const, serial: 'AA01', status: 'revoked' as const, expiry: '2030-05-10' },
        { kind: 'auth' as const, serial: 'BB02', status: 'waitingForPickUp' as const, expiry: '2031-05-10' },
      ],
    };
    renderWithApi(undefined, { visit: states.cardPresent({ card: card({ atCa, warnings: ['certificates-waiting'] }) }) });
    const region = await screen.findByRole('region', { name: '認証局の記録（このカードの電子証明書）' });
    expect(within(region).getByRole('row', { name: /利用者証明用電子証明書 発行済み・未受取 BB02/ })).toBeTruthy();
    expect(within(region).getByRole('row', { name: /署名用電子証明書 失効 AA01/ })).toBeTruthy();
    expect(within(region).getByText(/先に受取（後日交付）をしてください/)).toBeTruthy();
    expect(screen.queryByText('確認が必要なことはありません。')).toBeNull();
  });

  it('offline: says the CA could not be asked; with nothing at the CA, says that', async () => {
    const { unmount } = renderWithApi(undefined, { visit: states.cardPresent({ card: card({ atCa: { state: 'unknown' } }) }) });
    expect(await screen.findByText(/認証局に確認できませんでした（オフライン）/)).toBeTruthy();
    unmount();
    renderWithApi(undefined, { visit: states.cardPresent({ card: card({ atCa: { state: 'known', certificates: [] } }) }) });
    expect(await screen.findByText('認証局には、このカードの電子証明書の記録がありません。')).toBeTruthy();
  });

  it('without a CA configured the section is absent', async () => {
    renderWithApi(undefined, { visit: states.cardPresent() });
    await screen.findByRole('heading', { level: 1, name: 'カードの内容' });
    expect(screen.queryByRole('region', { name: '認証局の記録（このカードの電子証明書）' })).toBeNull();
  });
});
