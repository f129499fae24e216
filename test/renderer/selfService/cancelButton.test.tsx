/** The kiosk's one 「やめる」 button, used by every step that asks something of the resident. */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CancelButton } from '../../../renderer/screens/selfService/CancelButton';
import { errorResult } from '../fake-api';
import { renderWithApi, settle } from '../render';
import { selfServiceSession, ss } from './ssFixtures';

const WRONG_STEP = 'この画面ではその操作はできません。';

describe('CancelButton', () => {
  it('sends cancel to the self-service flow, in the variant asked for', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(<CancelButton variant="tertiary" />, { session: selfServiceSession, selfService: ss.choose() });
    const button = screen.getByRole('button', { name: 'やめる' });
    expect(button.className).toContain('button--tertiary');
    await user.click(button);
    expect(fake.callsTo('selfService.send')).toEqual([{ command: { type: 'cancel' } }]);
    await settle();
  });

  it('goes through the screen’s own runner when it has one, and only through it', async () => {
    const user = userEvent.setup();
    const run = jest.fn();
    const { fake } = renderWithApi(<CancelButton run={run} />, { session: selfServiceSession, selfService: ss.choose() });
    expect(screen.getByRole('button', { name: 'やめる' }).className).toContain('button--secondary');
    await user.click(screen.getByRole('button', { name: 'やめる' }));
    expect(run).toHaveBeenCalledWith({ type: 'cancel' });
    expect(fake.callsTo('selfService.send')).toEqual([]);
  });

  it('on the choice screen, a refused cancel is said rather than lost', async () => {
    const user = userEvent.setup();
    const { fake } = renderWithApi(undefined, { session: selfServiceSession, selfService: ss.choose() });
    fake.answer('selfService.send', errorResult('SELF_SERVICE_WRONG_STEP'));
    await user.click(await screen.findByRole('button', { name: 'やめる' }));
    expect(await screen.findByText(WRONG_STEP)).toBeTruthy();
  });
});
