import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

/**
 * A secret typed on the keypad, held as char codes in a fixed Uint8Array that is zeroed on
 * clear and on unmount (docs/design.md §7), rather than in a string that lives until collected.
 * Only the length is React state: the screen re-renders on it, never on the characters.
 */
export interface SecretBuffer {
  readonly length: number;
  readonly capacity: number;
  /** false when full. */
  readonly push: (charCode: number) => boolean;
  readonly pop: () => void;
  /** Zeroes every byte. */
  readonly clear: () => void;
  /** A copy for sending (bytes, never text); the caller zeroes it when done. */
  readonly bytes: () => Uint8Array;
  /**
   * A short-lived string for the rule checks of src/domain/passwords.ts and the revealed
   * display, which take strings; call it where needed and keep nothing.
   */
  readonly peek: () => string;
}

export function useSecretBuffer(capacity: number): SecretBuffer {
  const store = useRef(new Uint8Array(capacity));
  const [length, setLength] = useState(0);
  const lengthRef = useRef(0);

  const setBoth = useCallback((next: number) => {
    lengthRef.current = next;
    setLength(next);
  }, []);

  const clear = useCallback(() => {
    store.current.fill(0);
    setBoth(0);
  }, [setBoth]);

  useEffect(() => {
    const bytes = store.current;
    // The step ended (or the screen went away): nothing typed may outlive it.
    return () => {
      bytes.fill(0);
      lengthRef.current = 0;
    };
  }, []);

  return useMemo<SecretBuffer>(
    () => ({
      length,
      capacity,
      push: (charCode) => {
        if (lengthRef.current >= capacity) return false;
        store.current[lengthRef.current] = charCode;
        setBoth(lengthRef.current + 1);
        return true;
      },
      pop: () => {
        if (lengthRef.current === 0) return;
        store.current[lengthRef.current - 1] = 0;
        setBoth(lengthRef.current - 1);
      },
      clear,
      bytes: () => store.current.slice(0, lengthRef.current),
      peek: () => String.fromCharCode(...store.current.subarray(0, lengthRef.current)),
    }),
    [length, capacity, clear, setBoth],
  );
}
