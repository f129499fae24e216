/**
 * The kiosk window and the guards on every web contents and on the session (docs/design.md §3).
 * Each decision is a pure function of src/desktop; this file only attaches them to Electron.
 */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import { join } from 'node:path';
import { appEntryUrl } from '../src/desktop/app-origin';
import { navigationDecision, webviewDecision, windowOpenDecision } from '../src/desktop/navigation';
import { chosenDeviceId, isDeviceGranted, isPermissionCheckGranted, isPermissionGranted } from '../src/desktop/permissions';

/** Navigation, redirects, new windows and webviews: refused for any web contents the app makes. */
export function guardContents(contents: WebContents): void {
  const refuseUnlessApp = (event: { preventDefault(): void }, url: string) => {
    if (navigationDecision(url) === 'deny') event.preventDefault();
  };
  contents.on('will-navigate', refuseUnlessApp);
  contents.on('will-frame-navigate', (event) => refuseUnlessApp(event, event.url));
  contents.on('will-redirect', refuseUnlessApp);
  contents.on('will-attach-webview', (event, webPreferences, params) => {
    // Even if a webview were allowed, it would get no preload and no Node.
    delete webPreferences.preload;
    webPreferences.nodeIntegration = false;
    webPreferences.contextIsolation = true;
    if (webviewDecision(params.src) === 'deny') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => ({ action: windowOpenDecision(url) }));
}

/** Every permission request and check is refused, and no device chooser ever picks a device. */
export function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionCheckGranted(permission, requestingOrigin));
  session.setDevicePermissionHandler((details) => isDeviceGranted(details.deviceType));
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(chosenDeviceId());
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback(chosenDeviceId());
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback(chosenDeviceId());
  });
}

export function createKioskWindow(preloadDir: string): BrowserWindow {
  const window = new BrowserWindow({
    kiosk: true,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: join(preloadDir, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntryUrl);
  return window;
}
