import type { KeyObject } from 'node:crypto';
import type { ApId } from './card-layout';
import type { CardState, PinId } from './card-state';

/** What is lost on power off/on, reset, and SELECT by DF name (docs/jpki-card.md §10). */
export interface VolatileState {
  ap: ApId | undefined;
  ef: number | undefined;
  readonly verified: Set<PinId>;
  challenge: Uint8Array | undefined;
  isIssuerAuthenticated: boolean;
}

export function freshVolatile(): VolatileState {
  return { ap: undefined, ef: undefined, verified: new Set(), challenge: undefined, isIssuerAuthenticated: false };
}

export function clearVolatile(v: VolatileState): void {
  v.ap = undefined;
  v.ef = undefined;
  v.verified.clear();
  v.challenge = undefined;
  v.isIssuerAuthenticated = false;
}

/** Shared by the command handlers; `state` is mutated in place and `persist` reports it. */
export interface EngineContext {
  readonly state: CardState;
  readonly volatile: VolatileState;
  readonly trustedIssuerKeys: readonly KeyObject[];
  persist(): void;
}
