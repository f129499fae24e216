/** The step→screen table both flows render through: a fresh screen per step unless a step continues another's. */
import { render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { screenFor, type StepScreens } from '../../../renderer/app/stepScreens';
import { renderWithApi, settle } from '../render';
import { selfServiceSession, ss } from '../selfService/ssFixtures';

type Toy = { readonly step: 'a'; readonly n: number } | { readonly step: 'b'; readonly n: number } | { readonly step: 'c'; readonly label: string };

let mounts = 0;

/** Counts its mounts: a kept screen shows the same mount number on the next step. */
function Shared({ state }: { readonly state: Extract<Toy, { step: 'a' | 'b' }> }) {
  const mount = useRef(0);
  if (mount.current === 0) {
    mounts += 1;
    mount.current = mounts;
  }
  return (
    <p>
      {state.step}:{state.n} mount {mount.current}
    </p>
  );
}

function Other({ state }: { readonly state: Extract<Toy, { step: 'c' }> }) {
  return <p>other {state.label}</p>;
}

const screens: StepScreens<Toy> = { a: Shared, b: Shared, c: Other };

function Flow({ state, keepB = false }: { readonly state: Toy; readonly keepB?: boolean }) {
  return screenFor(screens, state, keepB ? { b: 'a' } : {});
}

describe('screenFor', () => {
  beforeEach(() => {
    mounts = 0;
  });

  it('shows the step’s own screen with its state, and keeps it within the step', () => {
    const { rerender } = render(<Flow state={{ step: 'a', n: 1 }} />);
    expect(screen.getByText('a:1 mount 1')).toBeTruthy();
    rerender(<Flow state={{ step: 'a', n: 2 }} />);
    expect(screen.getByText('a:2 mount 1')).toBeTruthy();
    rerender(<Flow state={{ step: 'c', label: 'x' }} />);
    expect(screen.getByText('other x')).toBeTruthy();
  });

  it('mounts a screen afresh for the next step even when the same screen serves it', () => {
    const { rerender } = render(<Flow state={{ step: 'a', n: 1 }} />);
    rerender(<Flow state={{ step: 'b', n: 1 }} />);
    expect(screen.getByText('b:1 mount 2')).toBeTruthy();
  });

  it('keeps the screen for a step that continues another', () => {
    const { rerender } = render(<Flow state={{ step: 'a', n: 1 }} keepB />);
    rerender(<Flow state={{ step: 'b', n: 1 }} keepB />);
    expect(screen.getByText('b:1 mount 1')).toBeTruthy();
  });
});

describe('the kiosk’s steps', () => {
  it('reading the card goes on on the welcome screen; each busy step gets a screen of its own', async () => {
    const { fake } = renderWithApi(undefined, { session: selfServiceSession, selfService: ss.welcome() });
    const welcomeTitle = await screen.findByRole('heading', { level: 1 });
    fake.emit('selfService', ss.reading());
    expect(screen.getByRole('heading', { level: 1 })).toBe(welcomeTitle);
    fake.emit('selfService', ss.contacting());
    const contactingTitle = screen.getByRole('heading', { level: 1 });
    fake.emit('selfService', ss.verifying());
    expect(screen.getByRole('heading', { level: 1 })).not.toBe(contactingTitle);
    await settle();
  });
});
