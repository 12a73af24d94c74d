import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { isSafeExternalUrl } from '../services/security/external-url';
import type { Logger } from '../services/log/logger';
import { APP_ORIGIN, isOurUrl } from './app-protocol';

/**
 * The main window with the security baseline: context isolation, sandbox, no Node in the
 * page, navigation and new windows denied, the microphone granted only to our own page.
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
      webSecurity: true,
      spellcheck: false,
      // A phone must keep registering and ringing when the window is hidden.
      backgroundThrottling: false,
      // Our own window may ring before the agent has clicked anything.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  win.once('ready-to-show', () => win.show());

  win.webContents.on('will-navigate', (event, url) => {
    if (!isOurUrl(url)) {
      event.preventDefault();
      logger.warn('navigation refused', { scheme: url.split(':')[0] });
    }
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isOurUrl(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    else logger.warn('window.open refused', { scheme: url.split(':')[0] });
    return { action: 'deny' };
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const ours = isOurUrl(details.requestingUrl) && contents.id === win.webContents.id;
    const audioOnly =
      permission === 'media' &&
      'mediaTypes' in details &&
      (details.mediaTypes ?? []).every((type) => type === 'audio');
    callback(ours && audioOnly);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    if (permission === 'media') return requestingOrigin === APP_ORIGIN;
    return false;
  });
  ses.setDevicePermissionHandler(() => false);

  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

export function preloadFile(distElectron: string): string {
  return join(distElectron, 'preload.cjs');
}
