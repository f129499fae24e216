/**
 * Every resident step with a turn warns in the kiosk's own words (back to the start, typing
 * erased), not the counter's "back to the clerk", and 「延長する」 asks the kiosk's flow for time.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApi, settle } from '../render';
import { selfServiceSession, ss } from './ssFixtures';

jest.setTimeout(30_000);

const soon = () => Date.now() + 25_000;

describe('the kiosk turn’s idle warning', () => {
  it.each([
    ['choose', () => ss.choose({ deadlineAt: soon() })],
    ['changeKind', () => ss.changeKind({ deadlineAt: soon() })],
    ['newPassword', () => ss.newPassword({ deadlineAt: soon() })],
    ['proving', () => ss.proving({ deadlineAt: soon() })],
    ['changeEntry', () => ss.changeEntry({ deadlineAt: soon() })],
  ] as const)('at %s', async (_step, state) => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { session: selfServiceSession, selfService: state() });
    expect(await screen.findByText(/まもなく最初の画面に戻り、入力した内容は消去されます/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '延長する' }));
    expect(fake.callsTo('selfService.send')).toContainEqual({ command: { type: 'extendTime' } });
    await settle();
  });
});
