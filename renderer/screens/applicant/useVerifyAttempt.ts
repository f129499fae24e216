import { useState } from 'react';
import type { ErrorCode, Result } from '../../../src/api/errors';

/** A verify the card (or the host) refused, with the tries it says are left when it says. */
export interface VerifyFailure {
  readonly code: ErrorCode;
  readonly triesLeft: number | null;
}

export interface VerifyAttempt<S> {
  readonly isBusy: boolean;
  /** The last attempt's refusal; null while one is on its way and after an accepted one. */
  readonly failure: VerifyFailure | null;
  /** Runs one verify channel; the caller's bytes are not kept here. */
  readonly attempt: (invoke: () => Promise<Result<S>>) => Promise<void>;
}

/**
 * One try of a password the card knows: busy while it is checked, and what the refusal said.
 * `call` is the flow's own, so an accepted answer moves the flow on.
 */
export function useVerifyAttempt<S>(call: (invoke: () => Promise<Result<S>>) => Promise<Result<S>>): VerifyAttempt<S> {
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<VerifyFailure | null>(null);
  const attempt = async (invoke: () => Promise<Result<S>>) => {
    setBusy(true);
    setFailure(null);
    const result = await call(invoke);
    setBusy(false);
    if (!result.ok) setFailure({ code: result.error.code, triesLeft: result.error.details.triesLeft ?? null });
  };
  return { isBusy, failure, attempt };
}
