import {
  app,
  type BrowserWindow,
  clipboard,
  ipcMain,
  Menu,
  nativeImage,
  powerMonitor,
  shell,
  systemPreferences,
  Tray,
} from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeepLink } from '../../shared/ipc/contract-desk';
import { registerIpc } from '../ipc/register';
import { createServices } from '../services';
import { seedDemoIfEmpty } from '../services/demo-seed';
import { deepLinkFromArgv, LINK_SCHEMES, parseDeepLink } from '../services/desk/deep-link';
import { deskRuntime, type DeskStatus } from '../services/desk/runtime';
import { streamLogger } from '../services/log/logger';
import { rotatingFile } from '../services/log/rotating-file';
import { DATABASE_FILE } from '../services/paths';
import { APP_ORIGIN, handleAppProtocol, isOurUrl, registerAppScheme, rendererRoot } from './app-protocol';
import { menuTemplate, microphoneStatus, trayStatus, type MenuLanguage } from './menu';
import { safeStorageSecretStore } from './secrets-safe-storage';
import { electronSettingsStore } from './settings-electron-store';
import { createMainWindow, preloadFile } from './window';
import { errorMessage } from '../../shared/error-message';

/**
 * The Electron host: one instance, one window, the services in this process behind the
 * contract, and the OS around them (links, menus, dock badge, menu-bar status, sleep and
 * wake, microphone access). Everything that is not Electron-specific lives in
 * electron/services and in the pure modules next to this file (policy.ts, menu.ts).
 */
const here = dirname(fileURLToPath(import.meta.url));
const isMac = process.platform === 'darwin';
/** How long quitting waits for the services to close. */
const QUIT_GRACE_MS = 3000;

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Links can arrive before `ready` (macOS opens Poste *with* the URL): keep them until the
  // services are up, then they wait in the desk's inbox until the window listens.
  const early: DeepLink[] = [];
  let deliver: (link: DeepLink) => void = (link) => void early.push(link);
  const receive = (raw: unknown) => {
    const link = parseDeepLink(raw);
    if (link) deliver(link);
  };
  app.on('will-finish-launching', () => {
    app.on('open-url', (event, url) => {
      event.preventDefault();
      receive(url);
    });
  });
  const first = deepLinkFromArgv(process.argv.slice(1));
  if (first) early.push(first);

  void start(early, (next) => {
    deliver = next;
  }).catch((error: unknown) => {
    process.stderr.write(`Poste could not start: ${errorMessage(error)}\n`);
    app.exit(1);
  });
}

async function start(early: DeepLink[], route: (deliver: (link: DeepLink) => void) => void): Promise<void> {
  await app.whenReady();
  const userData = app.getPath('userData');
  const logFile = rotatingFile({ dir: join(userData, 'logs'), name: 'poste.log', maxBytes: 2 * 1024 * 1024, maxFiles: 5 });
  const logger = streamLogger((line) => logFile.write(line));

  const services = createServices({
    databaseFile: join(userData, DATABASE_FILE),
    settings: electronSettingsStore(),
    secrets: safeStorageSecretStore(join(userData, 'sip-password.bin'), logger),
    host: 'electron',
    background: true,
    version: app.getVersion(),
    logger,
  });
  seedDemoIfEmpty(services.db, services.now(), logger);
  const desk = deskRuntime(services.context);
  const language = (): MenuLanguage => services.context.settings().language;

  let mainWindow: BrowserWindow | null = null;
  const show = () => {
    if (!mainWindow) return open();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  const open = () => {
    mainWindow = createMainWindow(preloadFile(here), logger);
    // A reload or a new window must ask for pending links again (desk:takeLinks).
    mainWindow.webContents.on('did-start-loading', () => desk.links.hold());
    mainWindow.on('closed', () => {
      mainWindow = null;
      desk.links.hold();
    });
  };

  handleAppProtocol(rendererRoot(app.getAppPath()));
  registerIpc(ipcMain, services.handlers, services.events, () => mainWindow, isOurUrl, logger);

  // The menu-bar status: registration and presence as the softphone reports them.
  let tray: Tray | null = null;
  const paintTray = (status: DeskStatus | null) => {
    if (!tray) return;
    const { title, tooltip } = trayStatus(status, language());
    if (isMac) tray.setTitle(title);
    tray.setToolTip(tooltip);
  };
  try {
    tray = new Tray(nativeImage.createEmpty());
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Poste', click: show },
        { type: 'separator' },
        { role: 'quit' },
      ]),
    );
    tray.on('click', show);
    paintTray(null);
  } catch (error) {
    logger.warn('no menu-bar status', { error: errorMessage(error) });
  }

  desk.attach({
    setBadge: (count) => {
      app.setBadgeCount(count);
    },
    setStatus: paintTray,
    logTail: (count) => logFile.tail(count),
    environment: () => ({
      'Version de Poste': app.getVersion(),
      Electron: process.versions.electron ?? '?',
      Chromium: process.versions.chrome ?? '?',
      Système: `${process.platform} ${process.getSystemVersion()} (${process.arch})`,
    }),
  });

  const simulate = () => {
    try {
      services.inbound.simulate(undefined);
    } catch (error) {
      logger.warn('simulated call failed', { error: errorMessage(error) });
    }
  };
  const copyDiagnostics = async () => {
    const { text } = await services.handlers['diagnostics:get']({});
    clipboard.writeText(text);
    logger.info('diagnostics copied');
  };
  const buildMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            command: (command) => {
              show();
              services.events.emit('desk:command', { command });
            },
            simulateInbound: simulate,
            copyDiagnostics: () => void copyDiagnostics(),
            showLogs: () => void shell.openPath(join(userData, 'logs')),
          },
          language(),
          isMac,
        ),
      ),
    );
  buildMenu();
  let menuLanguage = language();
  services.events.subscribe((event) => {
    if (event !== 'settings:changed' || language() === menuLanguage) return;
    menuLanguage = language();
    buildMenu();
    paintTray(desk.status);
  });

  // Sleep and wake: the softphone drops its transport on suspend and re-registers on resume.
  for (const state of ['suspend', 'resume', 'lock-screen', 'unlock-screen'] as const) {
    powerMonitor.on(state as 'suspend', () => {
      logger.info('power', { state });
      services.events.emit('desk:power', { state });
    });
  }

  // Links: tel:, callto:, sip: and poste: open Poste (a packaged app registers them; a dev
  // run would register the bare Electron binary, so it does not).
  if (app.isPackaged) {
    for (const scheme of LINK_SCHEMES) {
      if (!app.isDefaultProtocolClient(scheme)) app.setAsDefaultProtocolClient(scheme);
    }
  }
  open();
  route((link) => {
    logger.info('link received', { kind: link.kind });
    desk.links.push(link);
    show();
  });
  for (const link of early.splice(0)) desk.links.push(link);

  app.on('second-instance', (_event, argv) => {
    const link = deepLinkFromArgv(argv.slice(1));
    if (link) desk.links.push(link);
    show();
  });
  app.on('activate', show);
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  // Quitting waits for the services to close (the checkpoint worker's connection, the team
  // sync, then the cache, whose last close copies the WAL back and removes it), for at most
  // QUIT_GRACE_MS: a stuck close must not keep the app from quitting.
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    tray?.destroy();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, QUIT_GRACE_MS));
    void Promise.race([services.close(), grace])
      .catch((error: unknown) => logger.error('closing the services failed', { error: errorMessage(error) }))
      // Exits without emitting before-quit and will-quit again.
      .finally(() => app.exit(0));
  });

  // macOS: getUserMedia can succeed silently with the microphone denied, so ask the OS
  // itself and tell the window plainly when the answer is no.
  if (isMac || process.platform === 'win32') {
    let status = microphoneStatus(systemPreferences.getMediaAccessStatus('microphone'));
    if (isMac && status === 'not-determined') {
      status = (await systemPreferences.askForMediaAccess('microphone')) ? 'granted' : 'denied';
    }
    desk.setMicrophone(status);
    if (status !== 'granted') logger.warn('microphone not granted by the OS', { status });
  }
  logger.info('Poste started', { origin: APP_ORIGIN, version: app.getVersion() });
}
