/** The preload against a fake `electron`: one object, the contract's shape, nothing of IPC leaks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventNames, type MadoguchiApi } from '../../../src/api/contract';
import { eventChannel, invokeChannel, snapshotChannel } from '../../../src/desktop/ipc-channels';
import { fake, resetFake, type FakeModule } from './fake-electron';

jest.mock('electron', () => jest.requireActual<FakeModule>('./fake-electron').fake);

// Loaded once: what it exposed is kept; every test gets a fresh ipcRenderer under it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the mock above, for its side effect
require('../../../electron/preload');
const exposedKeys = [...fake.exposed.keys()];
const exposedApi = fake.exposed.get('madoguchi') as MadoguchiApi | undefined;

function loadPreload(): MadoguchiApi {
  resetFake();
  if (exposedApi === undefined) throw new Error('nothing exposed');
  return exposedApi;
}

test('exposes exactly window.madoguchi with invoke and on, and no IPC object', () => {
  const api = loadPreload();
  expect(exposedKeys).toEqual(['madoguchi']);
  expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
});

test('invoke goes to the channel main registered, with the request only', async () => {
  const api = loadPreload();
  await api.invoke('session.get', {});
  await api.invoke('queue.list', { limit: 5 });
  expect(fake.ipcRenderer.invoked).toEqual([
    { channel: invokeChannel('session.get'), payload: {} },
    { channel: invokeChannel('queue.list'), payload: { limit: 5 } },
  ]);
});

test('events arrive as their payload only, ask for a snapshot, and listeners are removable', () => {
  const api = loadPreload();
  const received: unknown[] = [];
  const off = api.on('sync', (payload) => received.push(payload));
  expect(fake.ipcRenderer.sentToMain).toEqual([{ channel: snapshotChannel, payload: 'sync' }]);
  const ipcEvent = { sender: fake.ipcRenderer, ports: [] };
  fake.ipcRenderer.emit(eventChannel('sync'), ipcEvent, { depth: 1 });
  fake.ipcRenderer.emit(eventChannel('visit'), ipcEvent, { step: 'x' });
  expect(received).toEqual([{ depth: 1 }]);
  off();
  fake.ipcRenderer.emit(eventChannel('sync'), ipcEvent, { depth: 2 });
  expect(received).toEqual([{ depth: 1 }]);
  expect(fake.ipcRenderer.listenerCount(eventChannel('sync'))).toBe(0);
});

test('an unknown event name subscribes to nothing', () => {
  const api = loadPreload();
  const off = (api.on as (event: string, listener: () => void) => () => void)('__proto__', () => undefined);
  off();
  expect(fake.ipcRenderer.eventNames()).toEqual([]);
  expect(fake.ipcRenderer.sentToMain).toEqual([]);
});

test('the preload spells the same channel names as src/desktop/ipc-channels and imports only electron at run time', () => {
  const source = readFileSync(join(__dirname, '..', '..', '..', 'electron', 'preload.ts'), 'utf8');
  expect(source).toContain(`'${invokeChannel('session.get').replace('session.get', '')}'`);
  expect(source).toContain(`'${eventChannel('visit').replace('visit', '')}'`);
  expect(source).toContain(`'${snapshotChannel}'`);
  for (const name of eventNames) expect(source).toContain(`'${name}'`);
  const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
  expect(runtimeImports).toEqual(['electron']);
  expect(source).not.toMatch(/\brequire\(/);
});
