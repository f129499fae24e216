/**
 * The renderer's clock, as a context so that a test can set the time of day (a closing time, a
 * holiday) without touching the machine's clock. The default reads Date.now, which a browser
 * test can also fake.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

export type Clock = () => number;

const ClockContext = createContext<Clock>(() => Date.now());

export function ClockProvider({ now, children }: { readonly now: Clock; readonly children: ReactNode }) {
  return <ClockContext.Provider value={now}>{children}</ClockContext.Provider>;
}

export function useClock(): Clock {
  return useContext(ClockContext);
}

/** The time now, read again every `everyMs` (a minute by default: the header needs no seconds). */
export function useNow(everyMs = 60_000): number {
  const clock = useClock();
  const [now, setNow] = useState(clock);
  useEffect(() => {
    setNow(clock());
    const timer = setInterval(() => setNow(clock()), everyMs);
    return () => clearInterval(timer);
  }, [clock, everyMs]);
  return now;
}
