import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { states } from '../fixtures';
import { renderWithApi } from '../render';

jest.setTimeout(30_000);

describe.each([
  ['cardInfoPin', () => states.cardInfoPin({ deadlineAt: Date.now() + 25_000 }), () => states.cardInfoPin()],
  ['passwords', () => states.passwords({ deadlineAt: Date.now() + 25_000 }), () => states.passwords()],
] as const)('the applicant turn on %s', (_step, nearDeadline, farDeadline) => {
  it('warns politely before the deadline with 「延長する」, which sends extendTime; the warning leaves with the new deadline', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: nearDeadline() });
    const extend = await screen.findByRole('button', { name: '延長する' });
    const region = screen.getAllByRole('status').find((r) => r.classList.contains('idle-message'));
    expect(region?.getAttribute('aria-live')).toBe('polite');
    expect(region?.textContent).toContain('まもなく入力の時間が終わり');
    await user.click(extend);
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'extendTime' } }]));
    fake.emit('visit', farDeadline());
    expect(screen.queryByRole('button', { name: '延長する' })).toBeNull();
  });
});

describe('key presses late in the turn', () => {
  it('ask the host for more time, at most once every few seconds', async () => {
    const user = userEvent.setup({ delay: null });
    // 50 s left of a 120 s turn: past half-time, before the 30 s warning.
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin({ deadlineAt: Date.now() + 50_000 }) });
    const keypad = await screen.findByRole('group', { name: '暗証番号の入力キー' });
    expect(screen.queryByRole('button', { name: '延長する' })).toBeNull();
    await user.click(within(keypad).getByText('1', { selector: 'button' }));
    await user.click(within(keypad).getByText('2', { selector: 'button' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'extendTime' } }]));
  });

  it('early in the turn send nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const { fake } = renderWithApi(undefined, { visit: states.cardInfoPin() });
    const keypad = await screen.findByRole('group', { name: '暗証番号の入力キー' });
    await user.click(within(keypad).getByText('1', { selector: 'button' }));
    expect(fake.callsTo('visit.send')).toHaveLength(0);
  });
});
