/**
 * Optional TCP_QUICKACK (see native/quickack.cc). Correctness never depends on it: when the
 * addon is not built, `setQuickAck` does nothing.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Socket } from 'node:net';

type SetQuickAck = (fd: number) => boolean;

function loadAddon(): SetQuickAck | undefined {
  const load = createRequire(__filename);
  // From src/ (jest, ts) the addon is beside us; from dist/src/ it is back in the source tree.
  const candidates = [
    path.join(__dirname, 'native', 'build', 'Release', 'quickack.node'),
    path.join(__dirname, '..', '..', '..', 'src', 'virtual-card', 'native', 'build', 'Release', 'quickack.node'),
  ];
  for (const candidate of candidates) {
    try {
      const addon: unknown = load(candidate);
      if (typeof addon === 'object' && addon !== null && 'setQuickAck' in addon && typeof addon.setQuickAck === 'function') {
        const fn = addon.setQuickAck;
        return (fd: number) => fn(fd) === true;
      }
    } catch {
      // Not built here; try the next place.
    }
  }
  return undefined;
}

const addon = loadAddon();

export const isQuickAckAvailable = addon !== undefined;

/** Node keeps the descriptor on an internal handle; absent on non-TCP or closed sockets. */
function socketFd(socket: Socket): number | undefined {
  const handle: unknown = Reflect.get(socket, '_handle');
  if (typeof handle !== 'object' || handle === null) return undefined;
  const fd: unknown = Reflect.get(handle, 'fd');
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

export function setQuickAck(socket: Socket): boolean {
  if (addon === undefined) return false;
  const fd = socketFd(socket);
  return fd === undefined ? false : addon(fd);
}
