/**
 * Ticked choices, such as the documents the clerk has seen or the certificates chosen: each tick
 * makes a new set, so React sees the change, and a tick never undoes one made just before it.
 */
import { useCallback, useState } from 'react';

export type Tick<T> = (item: T, isTicked: boolean) => void;

export function useTicks<T>(initial: () => Iterable<T>): readonly [ReadonlySet<T>, Tick<T>] {
  const [ticked, setTicked] = useState<ReadonlySet<T>>(() => new Set(initial()));
  const tick = useCallback<Tick<T>>((item, isTicked) => {
    setTicked((current) => {
      const next = new Set(current);
      if (isTicked) next.add(item);
      else next.delete(item);
      return next;
    });
  }, []);
  return [ticked, tick];
}
