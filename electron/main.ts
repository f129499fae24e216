// Electron shell: a thin layer over src/host. Everything it decides is in security.ts (tested
// under plain Node); the terminal itself is built by the host from the data directory.
import { app, BrowserWindow, session } from 'electron';
import { contentSecurityPolicy, isPermissionGranted, isTrustedAppUrl, appOrigin } from './security';

function createKioskWindow(): BrowserWindow {
  const window = new BrowserWindow({
    kiosk: true,
    autoHideMenuBar: true,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
      preload: `${__dirname}/preload.js`,
    },
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedAppUrl(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionGranted(permission)));
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
    });
    createKioskWindow();
  });
  app.on('window-all-closed', () => app.quit());
}
