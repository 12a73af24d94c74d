import { app, type BrowserWindow, ipcMain, Menu } from 'electron';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerIpc } from '../ipc/register';
import { createServices } from '../services';
import { seedDemoIfEmpty } from '../services/demo-seed';
import { streamLogger } from '../services/log/logger';
import { DATABASE_FILE } from '../services/paths';
import { APP_ORIGIN, handleAppProtocol, isOurUrl, registerAppScheme, rendererRoot } from './app-protocol';
import { safeStorageSecretStore } from './secrets-safe-storage';
import { electronSettingsStore } from './settings-electron-store';
import { createMainWindow, preloadFile } from './window';

/**
 * The Electron host: one instance, one window, the services in this process behind the
 * contract. Everything that is not Electron-specific lives in electron/services.
 */
const here = dirname(fileURLToPath(import.meta.url));

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  await app.whenReady();
  const userData = app.getPath('userData');
  mkdirSync(join(userData, 'logs'), { recursive: true });
  const logFile = join(userData, 'logs', 'poste.log');
  const logger = streamLogger((line) => appendFileSync(logFile, line));

  const services = createServices({
    databaseFile: join(userData, DATABASE_FILE),
    settings: electronSettingsStore(),
    secrets: safeStorageSecretStore(join(userData, 'sip-password.bin'), logger),
    host: 'electron',
    version: app.getVersion(),
    logger,
  });
  seedDemoIfEmpty(services.db, services.now(), logger);

  handleAppProtocol(rendererRoot(app.getAppPath()));
  registerIpc(ipcMain, services.handlers, services.events, () => mainWindow, isOurUrl, logger);
  const simulate = () => {
    try {
      services.inbound.simulate(undefined);
    } catch (error) {
      logger.warn('simulated call failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(simulate)));

  const open = () => {
    mainWindow = createMainWindow(preloadFile(here), logger);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  open();

  app.on('second-instance', () => {
    if (!mainWindow) return open();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (!mainWindow) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => services.close());
  logger.info('Poste started', { origin: APP_ORIGIN, version: app.getVersion() });
}

function menuTemplate(simulate: () => void): Electron.MenuItemConstructorOptions[] {
  return [
    { role: 'appMenu' },
    { role: 'editMenu' },
    {
      label: 'Démo',
      submenu: [{ label: 'Simuler un appel entrant (simulation, sans audio)', accelerator: 'CmdOrCtrl+Shift+I', click: simulate }],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}

void start();
