import { useCallback, useEffect, useState } from 'react';

const storageKey = 'madoguchi.largeText';

function read(): boolean {
  try {
    return window.localStorage.getItem(storageKey) === 'on';
  } catch {
    return false;
  }
}

/** The large-text mode: a class on <html> that doubles the root font size (200 %), persisted. */
export function useLargeText(): { readonly isLarge: boolean; readonly toggle: () => void } {
  const [isLarge, setLarge] = useState(read);
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', isLarge);
  }, [isLarge]);
  const toggle = useCallback(() => {
    setLarge((was) => {
      try {
        window.localStorage.setItem(storageKey, was ? 'off' : 'on');
      } catch {
        // Not persisting a display preference is harmless.
      }
      return !was;
    });
  }, []);
  return { isLarge, toggle };
}
