import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useReaders, useSession, useSyncStatus, useTraining, useVisit } from '../../../renderer/api/ApiProvider';
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
