import { useEffect, useState } from 'react';

/**
 * Whether the warning before the applicant's deadline is due, and the seconds left. One timer
 * sleeps until the warning is due; only then does the clock tick each second, to keep the
 * visible count right (the live region says its words once).
 */
export function useIdleWarning(deadlineAt: number, warningMs: number): { readonly isVisible: boolean; readonly secondsLeft: number } {
  const [now, setNow] = useState(() => Date.now());
  const isVisible = deadlineAt - now <= warningMs;
  useEffect(() => {
    const current = Date.now();
    setNow(current);
    const dueIn = deadlineAt - warningMs - current;
    if (dueIn > 0 && !isVisible) {
      const timer = setTimeout(() => setNow(Date.now()), dueIn);
      return () => clearTimeout(timer);
    }
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadlineAt, warningMs, isVisible]);
  return { isVisible, secondsLeft: Math.max(0, Math.ceil((deadlineAt - now) / 1000)) };
}
