/**
 * A flow's whole UI is one screen per step of the state the host sends. The table names a screen
 * for every step (a step left out does not type-check), so no step can go unshown.
 */
import type { ComponentType, ReactElement } from 'react';

export type StepScreens<State extends { readonly step: string }> = {
  readonly [S in State['step']]: ComponentType<{ readonly state: Extract<State, { readonly step: S }> }>;
};

/**
 * The screen for the state's step. Each step mounts its screen afresh, even where one screen
 * serves several steps (its title takes the focus again, nothing typed is kept); `continues`
 * names a step that instead goes on on the screen of the step it names.
 */
export function screenFor<State extends { readonly step: string }>(screens: StepScreens<State>, state: State, continues: Partial<Record<State['step'], State['step']>> = {}): ReactElement {
  const step: State['step'] = state.step;
  const Screen = screens[step] as ComponentType<{ readonly state: State }>;
  return <Screen key={continues[step] ?? step} state={state} />;
}
