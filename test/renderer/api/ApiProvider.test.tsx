import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useReaders, useSession, useSyncStatus, useTraining, useVisit } from '../../../renderer/api/ApiProvider';
import type { Result } from '../../../src/api/errors';
import type { VisitState } from '../../../src/api/visit';
import { createFakeApi, errorResult } from '../fake-api';
import { session, states, syncStatus } from '../fixtures';
import { renderWithApi } from '../render';

function Probe() {
  const { state, send } = useVisit();
  const s = useSession();
  const sync = useSyncStatus();
  const readers = useReaders();
  const training = useTraining();
  return (
    <div>
      <p>step:{state?.step ?? 'none'}</p>
      <p>clerk:{s?.clerk?.name ?? 'none'}</p>
      <p>depth:{sync?.depth ?? 'none'}</p>
      <p>readers:{readers?.length ?? 'none'}</p>
      <p>training:{training?.slots.length ?? 'none'}</p>
      <button type="button" onClick={() => void send({ type: 'cancel' })}>
        cancel
      </button>
    </div>
  );
}

describe('ApiProvider and hooks', () => {
  it('reads the initial state of everything, and follows the events', async () => {
    const { fake } = renderWithApi(<Probe />, { visit: states.awaitingCard() });
    expect(await screen.findByText('step:awaitingCard')).toBeTruthy();
    expect(await screen.findByText('clerk:研修 太郎')).toBeTruthy();
    expect(await screen.findByText('depth:0')).toBeTruthy();
    expect(await screen.findByText('readers:2')).toBeTruthy();
    expect(await screen.findByText('training:2')).toBeTruthy();
    fake.emit('visit', states.cardPresent());
    expect(screen.getByText('step:cardPresent')).toBeTruthy();
    fake.emit('sync', { ...syncStatus, depth: 4 });
    expect(screen.getByText('depth:4')).toBeTruthy();
    fake.emit('readers', []);
    expect(screen.getByText('readers:0')).toBeTruthy();
    fake.emit('session', { ...session, clerk: null });
    expect(screen.getByText('clerk:none')).toBeTruthy();
  });

  it('does not ask for training data on a production terminal', async () => {
    const { fake } = renderWithApi(<Probe />, { session: { ...session, terminal: { ...session.terminal, training: false } } });
    await screen.findByText('clerk:研修 太郎');
    expect(fake.callsTo('training.get')).toHaveLength(0);
    expect(screen.getByText('training:none')).toBeTruthy();
  });

  it('send() invokes visit.send and takes the state it answers', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ visit: states.cardPresent() });
    fake.answer('visit.send', { ok: true, value: states.awaitingCard({ notice: 'cancelled' }) });
    renderWithApi(<Probe />, { fake });
    await screen.findByText('step:cardPresent');
    await user.click(screen.getByRole('button', { name: 'cancel' }));
    expect(await screen.findByText('step:awaitingCard')).toBeTruthy();
    expect(fake.callsTo('visit.send')).toEqual([{ command: { type: 'cancel' } }]);
  });

  it('an answer read after a newer event does not take the screen back to an older state', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ visit: states.identity() });
    let answer: (result: Result<VisitState>) => void = () => undefined;
    fake.answer('visit.send', () => new Promise<Result<VisitState>>((resolve) => (answer = resolve)));
    renderWithApi(<Probe />, { fake });
    await screen.findByText('step:identity');
    await user.click(screen.getByRole('button', { name: 'cancel' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toHaveLength(1));
    // The host moved on after the command (the card read again, then the applicant's step) and said so first.
    fake.emit('visit', states.cardInfoPin());
    await act(async () => {
      answer({ ok: true, value: states.cardPresent() });
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(screen.getByText('step:cardInfoPin')).toBeTruthy();
  });

  it('an answer with no event on its way is shown at once', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ visit: states.identity() });
    fake.answer('visit.send', { ok: true, value: states.cardPresent() });
    renderWithApi(<Probe />, { fake });
    await screen.findByText('step:identity');
    fake.emit('visit', states.identity());
    await user.click(screen.getByRole('button', { name: 'cancel' }));
    expect(await screen.findByText('step:cardPresent')).toBeTruthy();
  });

  it('keeps the state when a command is refused', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({ visit: states.cardPresent() });
    fake.answer('visit.send', errorResult('VISIT_WRONG_STEP'));
    renderWithApi(<Probe />, { fake });
    await screen.findByText('step:cardPresent');
    await user.click(screen.getByRole('button', { name: 'cancel' }));
    await waitFor(() => expect(fake.callsTo('visit.send')).toHaveLength(1));
    expect(screen.getByText('step:cardPresent')).toBeTruthy();
  });

  it('unsubscribes from every event stream on unmount', async () => {
    const { fake, unmount } = renderWithApi(<Probe />);
    await screen.findByText('step:signedOut');
    for (const event of ['visit', 'sync', 'readers', 'session', 'training'] as const) expect(fake.listenerCount(event)).toBe(1);
    unmount();
    for (const event of ['visit', 'sync', 'readers', 'session', 'training'] as const) expect(fake.listenerCount(event)).toBe(0);
  });
});
