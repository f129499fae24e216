/**
 * Asking the host on a clerk's screen: each question clears the last refusal, and a refusal's
 * code is kept so the screen says why in words (errors.ts) instead of failing silently.
 */
import { useCallback, useState } from 'react';
import type { ErrorCode, Result } from '../../../src/api/errors';

export type Ask = <T>(question: () => Promise<Result<T>>, onAnswer?: (value: T) => void) => void;

export interface Asking {
  readonly errorCode: ErrorCode | null;
  /** For a refusal that comes another way, e.g. from a part of the screen that asks by itself. */
  readonly setErrorCode: (code: ErrorCode | null) => void;
  readonly ask: Ask;
}

export function useAsk(): Asking {
  const [errorCode, setErrorCode] = useState<ErrorCode | null>(null);
  const ask = useCallback<Ask>((question, onAnswer) => {
    setErrorCode(null);
    void question().then((result) => {
      if (result.ok) onAnswer?.(result.value);
      else setErrorCode(result.error.code);
    });
  }, []);
  return { errorCode, setErrorCode, ask };
}
