/**
 * The IPC channel names between electron/preload.ts and electron/main.ts. The sandboxed preload
 * cannot load this file (it may require only `electron`), so it spells the same names; a unit
 * test keeps the two equal.
 */
import type { ChannelName, EventName } from '../api/contract';
import { eventNames } from '../api/contract';

export const invokePrefix = 'madoguchi:invoke:';
export const eventPrefix = 'madoguchi:event:';
/** The renderer asks for the current value of one event stream (what SSE sends on connect). */
export const snapshotChannel = 'madoguchi:snapshot';

export function invokeChannel(name: ChannelName): string {
  return `${invokePrefix}${name}`;
}

export function eventChannel(name: EventName): string {
  return `${eventPrefix}${name}`;
}

const known: ReadonlySet<string> = new Set(eventNames);

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && known.has(name);
}
