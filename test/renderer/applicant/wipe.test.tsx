/**
 * docs/design.md §7: the bytes handed to the host are the renderer's own arrays, and they are zeroed
 * once the host has answered (a real shell copies them on the way, so the copy in flight is the
 * host's to wipe). The fake's answer function sees the very arrays the screen passed.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOf } from '../../../src/api/contract';
import { errorResult, okResult } from '../fake-api';
import { states } from '../fixtures';
import { renderWithApi } from '../render';

jest.setTimeout(30_000);

type User = ReturnType<typeof userEvent.setup>;

async function press(user: User, keypadName: string, chars: string) {
  const keypad = screen.getByRole('group', { name: keypadName });
  for (const c of chars) await user.click(within(keypad).getByRole('button', { name: c }));
}

describe('the secret arrays sent to the host are zeroed after the answer', () => {
  it.each([
    ['accepted', true],
    ['refused', false],
  ] as const)('card-info PIN (%s)', async (_how, isAccepted) => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    await screen.findByRole('heading', { level: 1 });
    const seen: RequestOf<'visit.cardInfoPin'>[] = [];
    fake.answer('visit.cardInfoPin', (request) => {
      seen.push(request);
      // At the moment of sending the bytes are intact.
      expect([...request.pin]).toEqual([0x35, 0x38, 0x30, 0x32]);
      return isAccepted ? okResult(states.identity()) : errorResult('CARD_WRONG_PIN', { triesLeft: 2 });
    });
    await press(user, '暗証番号の入力キー', '5802');
    await user.click(screen.getByRole('button', { name: 'この暗証番号で読み取る' }));
    await waitFor(() => expect(seen).toHaveLength(1));
    await waitFor(() => expect([...(seen[0]?.pin ?? [1])]).toEqual([0, 0, 0, 0]));
  });

  it('passwords (both certificates)', async () => {
    const user = userEvent.setup();
    const { fake, container } = renderWithApi(undefined, { visit: states.passwords() });
    await screen.findByRole('heading', { level: 2, name: '署名用パスワード' });
    const seen: RequestOf<'visit.passwords'>[] = [];
    fake.answer('visit.passwords', (request) => {
      seen.push(request);
      expect(String.fromCharCode(...(request.sign ?? []))).toBe('Q7W8E9');
      expect(String.fromCharCode(...(request.auth ?? []))).toBe('9753');
      // Nothing typed is on screen while the host works.
      expect(container.innerHTML).not.toMatch(/Q7W8E9|9753/);
      return okResult(states.working());
    });
    // Typed on a physical keyboard in lower case: the card receives upper case.
    await user.keyboard('q7w8e9{Enter}q7w8e9{Enter}9753{Enter}9753{Enter}');
    await user.click(await screen.findByRole('button', { name: '設定する' }));
    await waitFor(() => expect(seen).toHaveLength(1));
    await waitFor(() => {
      expect(seen[0]?.sign?.every((b) => b === 0)).toBe(true);
      expect(seen[0]?.auth?.every((b) => b === 0)).toBe(true);
    });
    expect(seen[0]?.sign).toHaveLength(6);
    expect(seen[0]?.auth).toHaveLength(4);
  });

  it('passwords refused by the host: the arrays are zeroed too, and nothing comes back on screen', async () => {
    const user = userEvent.setup();
    const { fake, container } = renderWithApi(undefined, { visit: states.passwords({ certificates: ['auth'] }) });
    await screen.findByRole('heading', { level: 2, name: '利用者証明用暗証番号' });
    const seen: RequestOf<'visit.passwords'>[] = [];
    fake.answer('visit.passwords', (request) => {
      seen.push(request);
      return errorResult('VISIT_BAD_SECRET');
    });
    await user.keyboard('8642{Enter}8642{Enter}');
    await user.click(await screen.findByRole('button', { name: '設定する' }));
    await waitFor(() => expect(seen[0]?.auth?.every((b) => b === 0)).toBe(true));
    expect(seen[0]?.sign).toBeUndefined();
    expect(await screen.findByText('まだ入力していません')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '入力した数字を表示' }));
    expect(container.innerHTML).not.toContain('8642');
  });
});
