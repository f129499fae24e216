import type { KeyObject } from 'node:crypto';
import type { ApId } from './card-layout';
import type { CardState, PinId } from './card-state';

/** What is lost on power off/on, reset, and SELECT by DF name (docs/jpki-card.md §10). */
export interface VolatileState {
  ap: ApId | undefined;
  ef: number | undefined;
  readonly verified: Set<PinId>;
  challenge: Uint8Array | undefined;
  /** The full issuer session (counter issuance): every issuer command until reset or re-selection. */
  isIssuerAuthenticated: boolean;
  /** A one-command grant (EXTERNAL AUTHENTICATE P2=02): the next issuer command, if it is this one. */
  grant: IssuerGrant | undefined;
}

/** What a scoped issuer authentication allows: one command (INS) on one EF of the JPKI AP. */
export interface IssuerGrant {
  readonly ins: number;
  readonly fid: number;
}

export function freshVolatile(): VolatileState {
  return { ap: undefined, ef: undefined, verified: new Set(), challenge: undefined, isIssuerAuthenticated: false, grant: undefined };
}

export function clearVolatile(v: VolatileState): void {
  v.ap = undefined;
  v.ef = undefined;
  v.verified.clear();
  v.challenge = undefined;
  v.isIssuerAuthenticated = false;
  v.grant = undefined;
}

/** Shared by the command handlers; `state` is mutated in place and `persist` reports it. */
export interface EngineContext {
  readonly state: CardState;
  readonly volatile: VolatileState;
  readonly trustedIssuerKeys: readonly KeyObject[];
  persist(): void;
}
