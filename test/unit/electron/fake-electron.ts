/**
 * A fake of the parts of `electron` the shell uses, for glue tests under plain Node (the binary
 * cannot be downloaded here). It records what main.ts and preload.ts register, and lets a test
 * fire Electron's events and IPC messages at them.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  reloads = 0;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  printed: unknown[] = [];
  pdfOptions: unknown[] = [];
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  reload(): void {
    this.reloads += 1;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  printToPDF(options: unknown): Promise<Buffer> {
    this.pdfOptions.push(options);
    return Promise.resolve(Buffer.from('%PDF-1.7 fake\n'));
  }
  print(options: unknown, callback: (success: boolean, reason: string) => void): void {
    this.printed.push(options);
    callback(true, '');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string[] = [];
  focused = 0;
  minimized = false;
  restored = 0;
  destroyed = false;
  constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.restored += 1;
  }
  focus(): void {
    this.focused += 1;
  }
  show(): void {}
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  appPath = '/nonexistent-app';
  hasLock = true;
  quits = 0;
  exits: number[] = [];
  relaunches = 0;
  sandboxed = false;
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  enableSandbox(): void {
    this.sandboxed = true;
  }
  getAppPath(): string {
    return this.appPath;
  }
  quit(): void {
    this.quits += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.exits.push(0);
  }
  exit(code: number): void {
    this.exits.push(code);
  }
  relaunch(): void {
    this.relaunches += 1;
  }
}

export class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export class FakeSession extends EventEmitter {
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  permissionCheck: ((contents: unknown, permission: string, origin: string) => boolean) | undefined;
  devicePermission: ((details: { deviceType: string }) => boolean) | undefined;
  setPermissionRequestHandler(handler: NonNullable<FakeSession['permissionRequest']>): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['permissionCheck']>): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: NonNullable<FakeSession['devicePermission']>): void {
    this.devicePermission = handler;
  }
}

export class FakeIpcRenderer extends EventEmitter {
  invoked: { channel: string; payload: unknown }[] = [];
  sentToMain: { channel: string; payload: unknown }[] = [];
  invoke(channel: string, payload: unknown): Promise<unknown> {
    this.invoked.push({ channel, payload });
    return Promise.resolve({ ok: true, value: channel });
  }
  send(channel: string, payload: unknown): void {
    this.sentToMain.push({ channel, payload });
  }
}

/** The module `jest.mock('electron', () => fake)` hands out; `resetFake` renews every part. */
export const fake = {
  app: new FakeApp(),
  BrowserWindow: FakeBrowserWindow,
  ipcMain: new FakeIpcMain(),
  ipcRenderer: new FakeIpcRenderer(),
  session: { defaultSession: new FakeSession() },
  menus: [] as unknown[],
  Menu: {
    setApplicationMenu(menu: unknown) {
      fake.menus.push(menu);
    },
  },
  errorBoxes: [] as { title: string; content: string }[],
  dialog: {
    showErrorBox(title: string, content: string) {
      fake.errorBoxes.push({ title, content });
    },
  },
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
  protocol: {
    registerSchemesAsPrivileged(schemes: unknown[]) {
      fake.schemes.push(...schemes);
    },
    handle(scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) {
      fake.protocolHandlers.set(scheme, handler);
    },
  },
  exposed: new Map<string, unknown>(),
  contextBridge: {
    exposeInMainWorld(key: string, value: unknown) {
      fake.exposed.set(key, value);
    },
  },
};

export function resetFake(): typeof fake {
  FakeBrowserWindow.all = [];
  fake.app = new FakeApp();
  fake.ipcMain = new FakeIpcMain();
  fake.ipcRenderer = new FakeIpcRenderer();
  fake.session = { defaultSession: new FakeSession() };
  fake.menus = [];
  fake.errorBoxes = [];
  fake.schemes = [];
  fake.protocolHandlers = new Map();
  fake.exposed = new Map();
  return fake;
}

export type FakeModule = { readonly fake: typeof fake };
