/**
 * The Electron main process against a fake `electron` module and a fake host: what it
 * registers, what it refuses, and how it shuts down and relaunches.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelNames, type SyncStatusView } from '../../../src/api/contract';
import { hostError } from '../../../src/api/errors';
import type { TerminalHost } from '../../../src/host/host';
import { fake, FakeWebContents, resetFake, type FakeBrowserWindow, type FakeModule } from './fake-electron';

jest.mock('electron', () => jest.requireActual<FakeModule>('./fake-electron').fake);

// Imported after the mock: main.ts must see the fake.
import { startMain } from '../../../electron/main';

const status: SyncStatusView = { running: true, depth: 0, failedPermanent: 0, oldestPendingAgeMs: null, lastSuccessAt: null, caReachable: null, lastError: null, terminalError: null };
const appFrame = { url: 'madoguchi://app/index.html' };

let dir: string;
let syncListeners: ((s: SyncStatusView) => void)[];
let closed: string[];
let verified: number;

beforeEach(() => {
  resetFake();
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-electron-'));
  syncListeners = [];
  closed = [];
  verified = 0;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
});

function fakeHost(): TerminalHost {
  const host = {
    paths: { dir, database: join(dir, 'madoguchi.sqlite'), config: join(dir, 'config.json'), logs: join(dir, 'logs') },
    terminal: { terminalId: 't1', municipalityCode: '21213', municipalityName: '各務原市', training: false },
    timeouts: { applicantIdleMs: 60_000, applicantWarningMs: 20_000, clerkIdleMs: 600_000 },
    sync: {
      status: () => status,
      onStatus: (listener: (s: SyncStatusView) => void) => {
        syncListeners.push(listener);
        return () => undefined;
      },
      syncNow: () => Promise.resolve(status),
      retry: () => status,
    },
    readers: { list: () => [], onChange: () => () => undefined },
    clerks: [{ id: 'c01', name: 'Clerk One' }],
    verifyClerk: () => {
      verified += 1;
      return Promise.reject(new Error('not in this test'));
    },
    close: () => {
      closed.push('host');
      return Promise.resolve();
    },
  };
  return host as unknown as TerminalHost;
}

async function start(overrides: { argv?: string[]; now?: () => number } = {}) {
  const running = await startMain({ argv: overrides.argv ?? ['electron', 'main.js', '--data', dir], env: {}, buildHost: () => Promise.resolve(fakeHost()), ...(overrides.now === undefined ? {} : { now: overrides.now }) });
  if (running === undefined) throw new Error('did not start');
  return running;
}

function invokeFrom(frame: unknown, channel: string, payload: unknown): Promise<unknown> {
  const handler = fake.ipcMain.handlers.get(`madoguchi:invoke:${channel}`);
  if (handler === undefined) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(handler({ senderFrame: frame }, payload));
}

function invoke(channel: string, payload: unknown): Promise<unknown> {
  return invokeFrom(appFrame, channel, payload);
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

function theWindow(): FakeBrowserWindow {
  const window = fake.BrowserWindow.all.at(-1);
  if (window === undefined) throw new Error('no window');
  return window;
}

test('every contract channel is registered once, and nothing else', async () => {
  await start();
  expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(channelNames.map((c) => `madoguchi:invoke:${c}`).sort());
});

test('the app scheme is privileged (standard, secure, fetch) without CORS or CSP bypass, and served', async () => {
  await start();
  expect(fake.schemes).toEqual([{ scheme: 'madoguchi', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, bypassCSP: false }) }]);
  const handler = fake.protocolHandlers.get('madoguchi');
  if (handler === undefined) throw new Error('no scheme handler');
  const answer = await handler({ url: 'madoguchi://app/../../etc/passwd', method: 'GET' });
  expect(answer.status).toBe(404);
  expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
});

test('a sender from another origin, or a frame that is gone, is refused without reaching the host', async () => {
  await start();
  const payload = { clerkId: 'c01', pin: Uint8Array.of(0x31, 0x32, 0x33, 0x34) };
  for (const frame of [{ url: 'https://evil.example/' }, { url: 'file:///etc/passwd' }, { url: 'madoguchi://evil/index.html' }, null, undefined]) {
    expect(await invokeFrom(frame, 'clerk.signIn', structuredClone(payload))).toEqual({ ok: false, error: { code: 'API_UNAUTHORIZED', retryable: false, details: {} } });
  }
  expect(verified).toBe(0);
});

test('a bad payload gets the contract envelope without reaching the host; the PIN copy is wiped', async () => {
  await start();
  expect(await invoke('clerk.signIn', { clerkId: 'c01', pin: 'not bytes' })).toMatchObject({ ok: false, error: { code: 'API_BAD_REQUEST', details: { field: 'pin' } } });
  expect(await invoke('clerk.signIn', { clerkId: 'c01', pin: Uint8Array.of(1), extra: true })).toMatchObject({ ok: false, error: { code: 'API_BAD_REQUEST' } });
  // A PIN as JSON numbers is text-shaped, not bytes: refused like any other wrong type.
  expect(await invoke('clerk.signIn', { clerkId: 'c01', pin: [0x31, 0x32, 0x33, 0x34] })).toMatchObject({ ok: false, error: { code: 'API_BAD_REQUEST', details: { field: 'pin' } } });
  expect(verified).toBe(0);
  const pin = Uint8Array.of(0x31, 0x32, 0x33, 0x34);
  expect(await invoke('clerk.signIn', { clerkId: 'c01', pin })).toMatchObject({ ok: false });
  expect(verified).toBe(1);
  expect([...pin]).toEqual([0, 0, 0, 0]);
  expect(await invoke('session.get', {})).toMatchObject({ ok: true, value: { clerk: null } });
});

test('host events are forwarded to the window, and a snapshot is sent to the app frame only', async () => {
  await start();
  const window = theWindow();
  for (const listener of syncListeners) listener({ ...status, depth: 3 });
  expect(window.webContents.sent).toContainEqual({ channel: 'madoguchi:event:sync', payload: { ...status, depth: 3 } });
  const replies: unknown[] = [];
  const sender = { send: (channel: string, payload: unknown) => replies.push({ channel, payload }) };
  fake.ipcMain.emit('madoguchi:snapshot', { senderFrame: appFrame, sender }, 'sync');
  fake.ipcMain.emit('madoguchi:snapshot', { senderFrame: { url: 'https://evil.example/' }, sender }, 'sync');
  fake.ipcMain.emit('madoguchi:snapshot', { senderFrame: appFrame, sender }, 'nope');
  expect(replies).toEqual([{ channel: 'madoguchi:event:sync', payload: status }]);
  window.webContents.destroyed = true;
  for (const listener of syncListeners) listener(status);
  expect(window.webContents.sent).toHaveLength(1);
});

test('single instance: a second launch quits at once; the first focuses its window', async () => {
  await start();
  const window = theWindow();
  window.minimized = true;
  fake.app.emit('second-instance');
  expect(window.restored).toBe(1);
  expect(window.focused).toBe(1);
  resetFake();
  fake.app.hasLock = false;
  expect(await startMain({ argv: [], env: {}, buildHost: () => Promise.reject(new Error('must not build')) })).toBeUndefined();
  expect(fake.app.quits).toBe(1);
  expect(fake.BrowserWindow.all).toEqual([]);
});

test('before-quit closes the host once, then exits', async () => {
  await start();
  fake.app.quit();
  fake.app.quit();
  await settle();
  expect(closed).toEqual(['host']);
  expect(fake.app.exits).toEqual([0]);
  expect(fake.ipcMain.handlers.size).toBe(0);
});

test('a crashed renderer is reloaded until the crash-loop limit, which quits with 70; the history survives relaunches', async () => {
  let now = 1_000_000;
  await start({ now: () => now });
  const window = theWindow();
  window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
  expect(window.webContents.reloads).toBe(0);
  window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
  now += 1000;
  window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
  expect(window.webContents.reloads).toBe(2);
  expect(JSON.parse(readFileSync(join(dir, 'crash-history.json'), 'utf8'))).toEqual({ crashes: [1_000_000, 1_001_000] });
  expect(statSync(join(dir, 'crash-history.json')).mode & 0o777).toBe(0o600);

  // The app starts again (a new process): the history in the data directory still counts.
  resetFake();
  now += 1000;
  await start({ now: () => now });
  theWindow().webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
  expect(theWindow().webContents.reloads).toBe(0);
  expect(fake.errorBoxes).toHaveLength(1);
  await settle();
  expect(fake.app.exits).toEqual([70]);
});

test('a helper process crash relaunches the app; tampered code never does', async () => {
  await start({ now: () => 5_000_000 });
  fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
  expect(fake.app.relaunches).toBe(1);
  await settle();
  expect(fake.app.exits).toEqual([0]);
  expect(closed).toEqual(['host']);
  resetFake();
  writeFileSync(join(dir, 'crash-history.json'), 'garbage');
  await start({ now: () => 9_000_000 });
  theWindow().webContents.emit('render-process-gone', {}, { reason: 'integrity-failure', exitCode: 1 });
  expect(theWindow().webContents.reloads).toBe(0);
  expect(fake.app.relaunches).toBe(0);
  await settle();
  expect(fake.app.exits).toEqual([70]);
});

test('the session denies every permission, check and device, and cancels every chooser', async () => {
  await start();
  const session = fake.session.defaultSession;
  const answers: boolean[] = [];
  for (const permission of ['media', 'notifications', 'hid', 'usb', 'serial', 'clipboard-read', 'geolocation', 'fullscreen', 'openExternal']) {
    session.permissionRequest?.(undefined, permission, (granted) => answers.push(granted));
    answers.push(session.permissionCheck?.(undefined, permission, 'madoguchi://app') ?? true);
  }
  answers.push(session.devicePermission?.({ deviceType: 'hid' }) ?? true, session.devicePermission?.({ deviceType: 'usb' }) ?? true, session.devicePermission?.({ deviceType: 'serial' }) ?? true);
  expect(answers).toHaveLength(21);
  expect(answers.every((granted) => granted === false)).toBe(true);
  for (const chooser of ['select-hid-device', 'select-usb-device']) {
    let prevented = false;
    let chosen: string | undefined;
    session.emit(chooser, { preventDefault: () => (prevented = true) }, { deviceList: [{ deviceId: 'd1' }] }, (id: string) => (chosen = id));
    expect([prevented, chosen]).toEqual([true, '']);
  }
  let chosenPort: string | undefined;
  session.emit('select-serial-port', { preventDefault: () => undefined }, [{ portId: 'p1' }], {}, (id: string) => (chosenPort = id));
  expect(chosenPort).toBe('');
});

test('the window is locked down, and navigation, redirects, webviews and new windows are refused', async () => {
  await start();
  const window = theWindow();
  expect(window.loaded).toEqual(['madoguchi://app/index.html']);
  expect(window.options.webPreferences).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webviewTag: false,
    webSecurity: true,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: false,
    disableBlinkFeatures: 'Auxclick',
  });
  expect(fake.menus).toEqual([null]);
  expect(fake.app.sandboxed).toBe(true);
  // Guards go on every web contents the app creates (web-contents-created).
  const created = new FakeWebContents();
  fake.app.emit('web-contents-created', {}, created);
  const outcomes: boolean[] = [];
  const attempt = (eventName: string, url: string) => {
    let prevented = false;
    created.emit(eventName, { preventDefault: () => (prevented = true), url }, url);
    outcomes.push(prevented);
  };
  attempt('will-navigate', 'https://evil.example/');
  attempt('will-redirect', 'http://127.0.0.1:8080/');
  attempt('will-frame-navigate', 'file:///etc/passwd');
  attempt('will-navigate', 'madoguchi://app/index.html');
  expect(outcomes).toEqual([true, true, true, false]);
  let webviewPrevented = false;
  const prefs: Record<string, unknown> = { preload: '/tmp/evil.js', nodeIntegration: true };
  created.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) }, prefs, { src: 'madoguchi://app/index.html' });
  expect(webviewPrevented).toBe(true);
  expect(prefs).toEqual({ nodeIntegration: false, contextIsolation: true });
  expect(created.windowOpenHandler?.({ url: 'madoguchi://app/index.html' })).toEqual({ action: 'deny' });
  expect(created.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
});

test('print.document needs a signed-in clerk before anything prints', async () => {
  await start();
  const window = theWindow();
  // Signed in is required: the handler refuses before anything is written.
  expect(await invoke('print.document', { document: 'receipt', applicationId: '1f0c8d44-7d39-4a0f-9a8e-6b1a7f3e2b10' })).toMatchObject({ ok: false, error: { code: 'CLERK_NOT_SIGNED_IN' } });
  expect(window.webContents.printed).toEqual([]);
});

test('a production build without config.json refuses to start with CONFIG_MISSING (exit 78) and builds no host', async () => {
  const appDir = mkdtempSync(join(tmpdir(), 'madoguchi-app-'));
  try {
    writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: 'madoguchi', madoguchi: { edition: 'production' } }));
    fake.app.isPackaged = true;
    fake.app.appPath = appDir;
    let built = 0;
    const running = await startMain({ argv: ['madoguchi', '--data', dir], env: {}, buildHost: () => ((built += 1), Promise.resolve(fakeHost())) });
    expect(running).toBeUndefined();
    expect(built).toBe(0);
    expect(fake.app.exits).toEqual([78]);
    expect(fake.errorBoxes[0]?.content).toMatch(/config\.json/);
    expect(fake.errorBoxes[0]?.content).toContain('CONFIG_MISSING');
    expect(fake.BrowserWindow.all).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);

    // With its config.json the same build starts.
    resetFake();
    fake.app.isPackaged = true;
    fake.app.appPath = appDir;
    writeFileSync(join(dir, 'config.json'), '{}');
    expect(await startMain({ argv: ['madoguchi', '--data', dir], env: {}, buildHost: () => ((built += 1), Promise.resolve(fakeHost())) })).toBeDefined();
    expect(built).toBe(1);
  } finally {
    rmSync(appDir, { recursive: true, force: true });
  }
});

test('a data directory where the crash history cannot be written still ends a crash loop', async () => {
  await start({ now: () => 7_000_000 });
  // A directory where the file should be: every write fails.
  mkdirSync(join(dir, 'crash-history.json'));
  const contents = theWindow().webContents;
  for (let i = 0; i < 3; i += 1) contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
  expect(contents.reloads).toBe(2);
  await settle();
  expect(fake.app.exits).toEqual([70]);
});

test('a host that cannot be built (another process owns the data directory) shows its code and exits 78, no window', async () => {
  const running = await startMain({ argv: ['electron', 'main.js', '--data', dir], env: {}, buildHost: () => Promise.reject(hostError('TERMINAL_BUSY', 'held by pid 1')) });
  expect(running).toBeUndefined();
  expect(fake.errorBoxes[0]?.content).toContain('TERMINAL_BUSY');
  expect(fake.app.exits).toEqual([78]);
  expect(fake.BrowserWindow.all).toEqual([]);
  expect(fake.ipcMain.handlers.size).toBe(0);
});
