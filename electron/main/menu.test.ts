import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { DeskCommand } from '../../shared/ipc/contract-desk';
import { menuTemplate, microphoneStatus, trayStatus } from './menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function setup(language: 'fr' | 'en', isMac = true) {
  const commands: DeskCommand[] = [];
  const other: string[] = [];
  const items = flatten(
    menuTemplate(
      {
        command: (c) => commands.push(c),
        simulateInbound: () => other.push('simulate'),
        copyDiagnostics: () => other.push('diagnostics'),
        showLogs: () => other.push('logs'),
      },
      language,
      isMac,
    ),
  );
  const click = (label: string) => {
    const item = items.find((i) => i.label === label);
    if (!item?.click) throw new Error(`no menu item ${label}`);
    (item.click as () => void)();
    return item;
  };
  return { items, click, commands, other };
}

describe('the menus', () => {
  it('carry the usual shortcuts and send their command to the window', () => {
    const { click, commands } = setup('fr');
    expect(click('Rechercher un client').accelerator).toBe('CmdOrCtrl+K');
    expect(click('Lead suivant').accelerator).toBe('CmdOrCtrl+N');
    expect(click('Répondre').accelerator).toBe('CmdOrCtrl+Shift+A');
    expect(click('Raccrocher').accelerator).toBe('CmdOrCtrl+Shift+H');
    expect(click('Réglages…').accelerator).toBe('CmdOrCtrl+,');
    expect(commands).toEqual(['search', 'nextLead', 'answer', 'hangUp', 'openSettings']);
  });

  it('keep « Simuler un appel entrant » and add « Copier les diagnostics »', () => {
    const { click, other } = setup('fr');
    click('Simuler un appel entrant (simulation, sans audio)');
    click('Copier les diagnostics');
    expect(other).toEqual(['simulate', 'diagnostics']);
  });

  it('speak English when the console does, and no shortcut is used twice', () => {
    const { items, click } = setup('en', false);
    click('Answer');
    click('Settings…');
    const accelerators = items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('the production menu has no developer tools or reload', () => {
    const { items } = setup('fr');
    expect(items.some((i) => i.role === 'toggleDevTools' || i.role === 'reload' || i.role === 'forceReload')).toBe(false);
  });
});

describe('the menu-bar status', () => {
  it('says whether the phone can ring', () => {
    expect(trayStatus({ registration: 'registered', presence: 'available' }, 'fr')).toEqual({
      title: '● Disponible',
      tooltip: 'Poste — Inscrit · Disponible',
    });
    expect(trayStatus({ registration: 'failed', presence: 'break' }, 'en').tooltip).toBe('Poste — Registration failed · On break');
    expect(trayStatus(null, 'fr').title).toBe('○');
  });

  it('maps the OS microphone answer', () => {
    expect(microphoneStatus('denied')).toBe('denied');
    expect(microphoneStatus('granted')).toBe('granted');
    expect(microphoneStatus('weird')).toBe('unknown');
    expect(microphoneStatus(undefined)).toBe('unknown');
  });
});
