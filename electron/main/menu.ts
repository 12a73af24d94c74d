import type { MenuItemConstructorOptions } from 'electron';
import type { DeskCommand, RegistrationState } from '../../shared/ipc/contract-desk';
import type { Presence } from '../../shared/domain/model';

/**
 * The application menu and the menu-bar status, as plain data (no electron import at run
 * time) so the shortcuts and labels are tested in Node.
 */
export type MenuLanguage = 'fr' | 'en';

export interface MenuActions {
  command(command: DeskCommand): void;
  simulateInbound(): void;
  copyDiagnostics(): void;
  showLogs(): void;
}

const LABELS = {
  fr: {
    settings: 'Réglages…',
    console: 'Console',
    search: 'Rechercher un client',
    nextLead: 'Lead suivant',
    call: 'Appel',
    answer: 'Répondre',
    hangUp: 'Raccrocher',
    demo: 'Démo',
    simulate: 'Simuler un appel entrant (simulation, sans audio)',
    help: 'Aide',
    copyDiagnostics: 'Copier les diagnostics',
    showLogs: 'Afficher les journaux',
  },
  en: {
    settings: 'Settings…',
    console: 'Console',
    search: 'Search for a client',
    nextLead: 'Next lead',
    call: 'Call',
    answer: 'Answer',
    hangUp: 'Hang up',
    demo: 'Demo',
    simulate: 'Simulate an incoming call (simulation, no audio)',
    help: 'Help',
    copyDiagnostics: 'Copy diagnostics',
    showLogs: 'Show logs',
  },
} as const;

export function menuTemplate(actions: MenuActions, language: MenuLanguage, isMac: boolean): MenuItemConstructorOptions[] {
  const l = LABELS[language];
  const settings: MenuItemConstructorOptions = {
    label: l.settings,
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.command('openSettings'),
  };
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          role: 'appMenu',
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            settings,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    { role: 'editMenu' },
    {
      label: l.console,
      submenu: [
        { label: l.search, accelerator: 'CmdOrCtrl+K', click: () => actions.command('search') },
        { label: l.nextLead, accelerator: 'CmdOrCtrl+N', click: () => actions.command('nextLead') },
        ...(isMac ? [] : [{ type: 'separator' } as const, settings]),
      ],
    },
    {
      label: l.call,
      submenu: [
        { label: l.answer, accelerator: 'CmdOrCtrl+Shift+A', click: () => actions.command('answer') },
        { label: l.hangUp, accelerator: 'CmdOrCtrl+Shift+H', click: () => actions.command('hangUp') },
      ],
    },
    {
      label: l.demo,
      submenu: [{ label: l.simulate, accelerator: 'CmdOrCtrl+Shift+I', click: () => actions.simulateInbound() }],
    },
    {
      role: 'viewMenu',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      label: l.help,
      submenu: [
        { label: l.copyDiagnostics, click: () => actions.copyDiagnostics() },
        { label: l.showLogs, click: () => actions.showLogs() },
      ],
    },
  ];
}

const REGISTRATION_LABELS: Record<MenuLanguage, Record<RegistrationState, string>> = {
  fr: { unregistered: 'Non inscrit', registering: 'Inscription…', registered: 'Inscrit', failed: 'Échec d’inscription' },
  en: { unregistered: 'Not registered', registering: 'Registering…', registered: 'Registered', failed: 'Registration failed' },
};

const PRESENCE_LABELS: Record<MenuLanguage, Record<Presence, string>> = {
  fr: { available: 'Disponible', on_call: 'En appel', break: 'Pause', offline: 'Hors ligne' },
  en: { available: 'Available', on_call: 'On a call', break: 'On break', offline: 'Offline' },
};

/** The menu-bar text: a dot that says at a glance whether the phone can ring, then the words. */
export function trayStatus(
  status: { registration: RegistrationState; presence: Presence } | null,
  language: MenuLanguage,
): { title: string; tooltip: string } {
  if (!status) {
    const words = language === 'fr' ? 'Téléphone non démarré' : 'Phone not started';
    return { title: '○', tooltip: `Poste — ${words}` };
  }
  const dot = status.registration === 'registered' ? (status.presence === 'available' ? '●' : '◐') : '○';
  const words = `${REGISTRATION_LABELS[language][status.registration]} · ${PRESENCE_LABELS[language][status.presence]}`;
  return { title: `${dot} ${PRESENCE_LABELS[language][status.presence]}`, tooltip: `Poste — ${words}` };
}

/** Electron's `systemPreferences.getMediaAccessStatus` answer, as the contract states it. */
export function microphoneStatus(raw: string | undefined): 'granted' | 'denied' | 'restricted' | 'not-determined' | 'unknown' {
  switch (raw) {
    case 'granted':
    case 'denied':
    case 'restricted':
    case 'not-determined':
      return raw;
    default:
      return 'unknown';
  }
}
