import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, useRef } from 'react';
import { useSelfService, useVisit } from '../../../renderer/api/ApiProvider';
import type { Result } from '../../../src/api/errors';
import type { SelfServiceState } from '../../../src/api/self-service';
import { createFakeApi } from '../fake-api';
import { renderWithApi } from '../render';
import { selfServiceSession, ss } from '../selfService/ssFixtures';

/** Counts how often each handle's send changed identity: screens hang callbacks and effects on it. */
function Probe() {
  const selfService = useSelfService();
  const visit = useVisit();
  const changes = useRef({ selfService: -1, visit: -1 });
  useEffect(() => {
    changes.current.selfService += 1;
  }, [selfService.send]);
  useEffect(() => {
    changes.current.visit += 1;
  }, [visit.send]);
  return (
    <div>
      <p>step:{selfService.state?.step ?? 'none'}</p>
      <p>
        changes:{changes.current.selfService}/{changes.current.visit}
      </p>
      <button type="button" onClick={() => void selfService.send({ type: 'cancel' })}>
        cancel
      </button>
    </div>
  );
}

describe('the self-service flow handle', () => {
  it('send() invokes selfService.send and takes the state it answers', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ session: selfServiceSession, selfService: ss.choose() });
    renderWithApi(<Probe />, { fake });
    await screen.findByText('step:choose');
    fake.answer('selfService.send', { ok: true, value: ss.welcome({ notice: 'cancelled' }) });
    await user.click(screen.getByRole('button', { name: 'cancel' }));
    expect(await screen.findByText('step:welcome')).toBeTruthy();
    expect(fake.callsTo('selfService.send')).toEqual([{ command: { type: 'cancel' } }]);
  });

  it('an answer read after a newer self-service event does not take the screen back', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ session: selfServiceSession, selfService: ss.choose() });
    renderWithApi(<Probe />, { fake });
    await screen.findByText('step:choose');
    let answer: (result: Result<SelfServiceState>) => void = () => undefined;
    fake.answer('selfService.send', () => new Promise<Result<SelfServiceState>>((resolve) => (answer = resolve)));
    await user.click(screen.getByRole('button', { name: 'cancel' }));
    await waitFor(() => expect(fake.callsTo('selfService.send')).toHaveLength(1));
    fake.emit('selfService', ss.proving());
    await act(async () => {
      answer({ ok: true, value: ss.welcome() });
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(screen.getByText('step:proving')).toBeTruthy();
  });

  it('keeps each send the same function while states come and go', async () => {
    const fake = createFakeApi({ session: selfServiceSession, selfService: ss.choose() });
    renderWithApi(<Probe />, { fake });
    await screen.findByText('step:choose');
    fake.emit('selfService', ss.proving());
    fake.emit('selfService', ss.newPassword());
    await screen.findByText('step:newPassword');
    expect(screen.getByText('changes:0/0')).toBeTruthy();
  });
});
