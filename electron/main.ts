/**
 * The Electron shell (docs/design.md §3): a thin layer over src/host. It builds the one host from the
 * data directory, serves the renderer on `madoguchi://app`, answers the contract over IPC and
 * forwards host events, with every security decision taken in src/desktop (tested under Jest).
 */
import { app, dialog, Menu, session, type BrowserWindow, type WebContents } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorCode } from '../src/api/errors';
import { toApiError } from '../src/api/errors';
import { dataFlagFromArgv } from '../src/desktop/cli-args';
import { configExitCode, readEdition, startDecision } from '../src/desktop/edition';
import { rendererDir } from '../src/shells/browser/launch';
import { dataDirPaths, resolveDataDir } from '../src/host/data-dir';
import { buildHost, type BuildHostOptions, type TerminalHost } from '../src/host/host';
import { composeShellApi } from '../src/flows/shell-api';
import { errorMessages } from '../src/words/errors';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { crashRecorder } from './crash-history';
import { forwardEvents, registerApi } from './ipc';
import { createPdfPrinter } from './printer';
import { createKioskWindow, guardContents, guardSession } from './window';

/** Exit codes (README, Electron shell): 0 clean, 70 gave up after a crash loop, 78 could not start. */
export const exitCodes = { ok: 0, crashLoop: 70, config: configExitCode } as const;

export interface MainOptions {
  readonly argv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly buildHost?: (options: BuildHostOptions) => Promise<TerminalHost>;
  readonly now?: () => number;
}

export interface RunningMain {
  readonly host: TerminalHost;
  window(): BrowserWindow | undefined;
}

function readPackageJson(appPath: string): unknown {
  try {
    return JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A plain error box, in both languages, before any window exists. */
function showStartupError(code: ErrorCode, detail: string): void {
  const words = errorMessages[code];
  dialog.showErrorBox('窓口 / Madoguchi', `${words.ja}\n${words.en}\n\n${code}${detail === '' ? '' : `: ${detail}`}`);
}

export async function startMain(options: MainOptions = {}): Promise<RunningMain | undefined> {
  const argv = options.argv ?? process.argv;
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  registerAppScheme();
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  let mainWindow: BrowserWindow | undefined;
  const liveWindow = (): BrowserWindow | undefined => (mainWindow !== undefined && !mainWindow.isDestroyed() ? mainWindow : undefined);
  const contents = (): WebContents | undefined => liveWindow()?.webContents;
  app.on('second-instance', () => {
    const window = liveWindow();
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, created) => guardContents(created));

  await app.whenReady();
  Menu.setApplicationMenu(null);
  guardSession(session.defaultSession);

  const dataFlag = dataFlagFromArgv(argv);
  const dataDir = resolveDataDir(dataFlag, env);
  const decision = startDecision(readEdition(readPackageJson(app.getAppPath()), app.isPackaged), existsSync(dataDirPaths(dataDir).config));
  if (!decision.start) {
    showStartupError(decision.code, decision.code === 'CONFIG_MISSING' ? dataDirPaths(dataDir).config : (decision.field ?? ''));
    app.exit(exitCodes.config);
    return undefined;
  }

  let host: TerminalHost;
  try {
    host = await (options.buildHost ?? buildHost)({ ...(dataFlag === undefined ? {} : { dataFlag }), env, startSync: true });
  } catch (error) {
    showStartupError(toApiError(error).code, dataDir);
    app.exit(exitCodes.config);
    return undefined;
  }

  const api = composeShellApi(host, { printer: createPdfPrinter(host.paths.dir, contents) });
  const unregister = registerApi(api.handlers, api.events);
  const stopForwarding = forwardEvents(api.events, contents);
  // dist/ui next to the package.json above this file: the repository, or the packaged app.asar.
  handleAppScheme(rendererDir(__dirname));

  let exitCode: number = exitCodes.ok;
  let shutdown: 'running' | 'closing' | 'closed' = 'running';
  const quitWith = (code: number) => {
    exitCode = Math.max(exitCode, code);
    app.quit();
  };
  // The store and the sync engine close before the process ends (Signal and VS Code do the same).
  app.on('before-quit', (event) => {
    if (shutdown === 'closed') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    void (async () => {
      stopForwarding();
      unregister();
      await api.close().catch(() => undefined);
      await host.close().catch(() => undefined);
    })().finally(() => {
      shutdown = 'closed';
      app.exit(exitCode);
    });
  });
  app.on('window-all-closed', () => quitWith(exitCodes.ok));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => quitWith(exitCodes.ok));

  const recordGone = crashRecorder(host.paths.dir);
  const giveUp = () => {
    showStartupError('INTERNAL', 'crash loop');
    quitWith(exitCodes.crashLoop);
  };
  const openWindow = () => {
    const window = createKioskWindow(__dirname);
    window.webContents.on('render-process-gone', (_event, details) => {
      const action = recordGone(details.reason, now());
      if (action === 'relaunch') {
        if (window.isDestroyed()) openWindow();
        else window.webContents.reload();
      } else if (action === 'give-up') giveUp();
    });
    mainWindow = window;
  };
  app.on('child-process-gone', (_event, details) => {
    const action = recordGone(details.reason, now());
    if (action === 'relaunch') {
      // A helper (GPU, network, utility) died: the whole app starts again, the history goes with it.
      app.relaunch();
      quitWith(exitCodes.ok);
    } else if (action === 'give-up') giveUp();
  });
  openWindow();
  return { host, window: liveWindow };
}

// Electron loads this file as the main module; tests import it and call startMain themselves.
if (require.main === module) void startMain();
