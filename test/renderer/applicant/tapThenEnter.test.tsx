/**
 * A resident taps keys on the screen, then presses Enter on a physical keyboard: Enter is the
 * screen's main action. A tapped key does not keep focus, so Enter never types it again.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { states } from '../fixtures';
import { renderWithApi } from '../render';

jest.setTimeout(30_000);

async function tap(user: ReturnType<typeof userEvent.setup>, chars: string): Promise<void> {
  for (const char of chars) await user.click(screen.getByRole('button', { name: char }));
}

describe('Enter after tapping on-screen keys', () => {
  it('reads the card with the card-info PIN instead of typing the last digit again', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    await tap(user, '1357');
    expect(screen.getByRole('button', { name: '7' })).not.toBe(document.activeElement);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fake.callsTo('visit.cardInfoPin')).toEqual([{ pin: [49, 51, 53, 55], confirmLastTry: false }]));
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('moves a new password on to its second entry, then confirms it', async () => {
    const user = userEvent.setup();
    renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    await tap(user, 'MADO26');
    await user.keyboard('{Enter}');
    expect(screen.getByText('確認のため、もう一度入れてください')).toBeTruthy();
    await tap(user, 'MADO26');
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 2, name: '利用者証明用暗証番号' });
  });

  it('does the main action when a keyboard user left focus on a key', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    await user.keyboard('2468');
    screen.getByRole('button', { name: '8' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fake.callsTo('visit.cardInfoPin')).toEqual([{ pin: [50, 52, 54, 56], confirmLastTry: false }]));
  });

  it('a tap moves focus off another control, so Enter does not press that control', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    const reveal = screen.getByRole('button', { name: '入力した数字を表示' });
    reveal.focus();
    await tap(user, '1234');
    await user.keyboard('{Enter}');
    expect(reveal.getAttribute('aria-pressed')).toBe('false');
    await waitFor(() => expect(fake.callsTo('visit.cardInfoPin')).toHaveLength(1));
  });
});
