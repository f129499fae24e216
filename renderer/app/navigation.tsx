/**
 * The one piece of UI state outside the visit: whether the clerk looks at the queue dashboard or
 * the day-end report or the search of past visits instead of the visit. The visit itself is the host's; this only chooses what to show.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export type AppView = 'visit' | 'queue' | 'report' | 'visits';

interface Navigation {
  readonly view: AppView;
  readonly show: (view: AppView) => void;
}

const NavigationContext = createContext<Navigation>({ view: 'visit', show: () => undefined });

export function NavigationProvider({ children }: { readonly children: ReactNode }) {
  const [view, show] = useState<AppView>('visit');
  const value = useMemo(() => ({ view, show }), [view]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
