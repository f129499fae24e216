/**
 * The sandboxed preload exposes exactly one object, `window.madoguchi`, implementing the
 * contract's MadoguchiApi. The renderer never sees ipcRenderer or an IPC event object: calls go
 * through `invoke`, events arrive as their payload only, and every listener can be removed.
 *
 * A sandboxed preload may require only `electron`, so the channel names of
 * src/desktop/ipc-channels.ts are spelt here (a unit test keeps them equal) and every other
 * import is a type.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventName, EventPayloads, MadoguchiApi } from '../src/api/contract';

const invokePrefix = 'madoguchi:invoke:';
const eventPrefix = 'madoguchi:event:';
const snapshotChannel = 'madoguchi:snapshot';
const eventNames: ReadonlySet<string> = new Set<EventName>(['visit', 'sync', 'readers', 'session', 'training', 'selfService']);

const api = {
  invoke(channel, request) {
    // Main checks the channel and the payload against the contract; nothing is trusted here.
    return ipcRenderer.invoke(`${invokePrefix}${String(channel)}`, request);
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    if (!eventNames.has(event) || typeof listener !== 'function') return () => undefined;
    const channel = `${eventPrefix}${event}`;
    const relay = (_event: IpcRendererEvent, payload: EventPayloads[E]) => listener(payload);
    ipcRenderer.on(channel, relay);
    // The current value, as the browser shell's event stream sends on connect.
    ipcRenderer.send(snapshotChannel, event);
    return () => {
      ipcRenderer.removeListener(channel, relay);
    };
  },
} satisfies MadoguchiApi;

contextBridge.exposeInMainWorld('madoguchi', api);
