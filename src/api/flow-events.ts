/**
 * The events both flows (the counter visit and the self-service terminal) share: the commands
 * every resident or clerk step may send, and what the reader reports. Each flow's own schema and
 * event union spread these, so a change to one (say, a new timer command) reaches both reducers.
 */
import { z } from 'zod';
import type { ApiError } from './errors';

/** Commands with no payload that every flow takes: more time, a step back, give up, start over. */
export const sharedFlowCommandSchemas = [
  z.object({ type: z.literal('extendTime') }).strict(),
  z.object({ type: z.literal('back') }).strict(),
  z.object({ type: z.literal('cancel') }).strict(),
  z.object({ type: z.literal('finish') }).strict(),
] as const;

/** A card arriving in or leaving a reader. */
export type CardPresenceEvent = { readonly type: 'cardInserted'; readonly reader: string } | { readonly type: 'cardRemoved'; readonly reader: string };

/** What the host reports of the card in the reader; `Card` is what each flow reads of it. */
export type CardReaderEvent<Card> =
  | CardPresenceEvent
  | { readonly type: 'cardRead'; readonly card: Card }
  | { readonly type: 'cardReadFailed'; readonly reader: string; readonly error: ApiError };

/** The host's timer: the current step's deadline passed without a key press. */
export type IdleTimeoutEvent = { readonly type: 'idleTimeout' };

/** What every flow reducer is told beside the event: it has no clock of its own. */
export interface FlowClock {
  /** Epoch ms of the event. */
  readonly now: number;
}
