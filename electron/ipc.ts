/**
 * The contract over Electron IPC: one `ipcMain.handle` per channel of src/api/contract.ts. A
 * message is answered only if the frame that sent it shows `madoguchi://app`; its payload then
 * goes through `dispatch` (the contract's zod schema, the same edge as the browser shell).
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelNames, eventNames, type Handlers } from '../src/api/contract';
import { dispatch } from '../src/api/dispatch';
import type { Result } from '../src/api/errors';
import { wipeSecretFields } from '../src/api/secret-frame';
import { isAppSender } from '../src/desktop/app-origin';
import { eventChannel, invokeChannel, isEventName, snapshotChannel } from '../src/desktop/ipc-channels';
import type { HostEvents } from '../src/flows/events';

const refused: Result<never> = { ok: false, error: { code: 'API_UNAUTHORIZED', retryable: false, details: {} } };

function senderUrl(event: IpcMainEvent | IpcMainInvokeEvent): string | undefined {
  // A frame that navigated away or was destroyed meanwhile has no URL to trust.
  try {
    return event.senderFrame?.url;
  } catch {
    return undefined;
  }
}

/** Registers every channel; returns the function that removes them again. */
export function registerApi(handlers: Handlers, events: HostEvents): () => void {
  for (const name of channelNames) {
    ipcMain.handle(invokeChannel(name), async (event, payload: unknown) => {
      if (!isAppSender(senderUrl(event))) return refused;
      try {
        return await dispatch(handlers, name, payload);
      } finally {
        // Secrets arrive as Uint8Array (cloned as bytes, never text): IPC made this copy, wiped once answered.
        wipeSecretFields(name, payload);
      }
    });
  }
  const onSnapshot = (event: IpcMainEvent, name: unknown) => {
    if (!isAppSender(senderUrl(event)) || !isEventName(name)) return;
    event.sender.send(eventChannel(name), events.snapshot(name));
  };
  ipcMain.on(snapshotChannel, onSnapshot);
  return () => {
    for (const name of channelNames) ipcMain.removeHandler(invokeChannel(name));
    ipcMain.removeListener(snapshotChannel, onSnapshot);
  };
}

/** Every host event goes to the window while it lives; returns the unsubscribe function. */
export function forwardEvents(events: HostEvents, target: () => WebContents | undefined): () => void {
  const stops = eventNames.map((name) =>
    events.on(name, (payload) => {
      const contents = target();
      if (contents !== undefined && !contents.isDestroyed()) contents.send(eventChannel(name), payload);
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
