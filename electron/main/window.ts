import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import type { Logger } from '../services/log/logger';
import { APP_ORIGIN, navigationDecision, permissionCheck, permissionDecision, windowOpenDecision } from './policy';

/**
 * The main window with the security baseline: context isolation, sandbox, no Node in the
 * page, navigation and new windows denied, the microphone granted only to our own page.
 * Every decision is a pure function of policy.ts, tested in Node.
 */
export function createMainWindow(preloadPath: string, logger: Logger): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Poste',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // A phone must keep registering and ringing when the window is hidden.
      backgroundThrottling: false,
      // Our own window may ring before the agent has clicked anything.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  win.once('ready-to-show', () => win.show());

  win.webContents.on('will-navigate', (event, url) => {
    if (navigationDecision(url) === 'deny') {
      event.preventDefault();
      logger.warn('navigation refused', { scheme: url.split(':')[0] });
    }
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (navigationDecision(url) === 'deny') event.preventDefault();
  });
  win.webContents.on('will-frame-navigate', (event) => {
    if (navigationDecision(event.url) === 'deny') event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(url);
    else logger.warn('window.open refused', { scheme: url.split(':')[0] });
    return { action: decision.action };
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(
      permissionDecision({
        permission,
        requestingUrl: details.requestingUrl,
        fromOurWindow: contents.id === win.webContents.id,
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
      }),
    );
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionCheck(permission, requestingOrigin));
  ses.setDevicePermissionHandler(() => false);

  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

export function preloadFile(distElectron: string): string {
  return join(distElectron, 'preload.cjs');
}
