import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract';
import { isOurUrl } from '../main/policy';
import { createServices } from '../services';
import { silentLogger } from '../services/log/logger';
import { memorySettingsStore } from '../services/settings/store';
import { EVENT_CHANNEL, registerIpc } from './register';

/** Hand-written stand-ins for ipcMain and the window: only what registerIpc touches. */
type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;
const handlers = new Map<string, Handler>();
const ipcMain = {
  handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
  removeHandler: (channel: string) => handlers.delete(channel),
} as unknown as IpcMain;
const sent: unknown[] = [];
const mainFrame = { url: 'app://poste/index.html' };
const win = { webContents: { id: 1, mainFrame, send: (channel: string, message: unknown) => sent.push([channel, message]) } } as unknown as BrowserWindow;
const services = createServices({ databaseFile: ':memory:', settings: memorySettingsStore(), host: 'electron', version: '0.0.0-test' });
const unregister = registerIpc(ipcMain, services.handlers, services.events, () => win, isOurUrl, silentLogger);
afterAll(() => services.close());

const event = (over: { senderId?: number; frame?: { url: string } | null }) =>
  ({ sender: { id: over.senderId ?? 1 }, senderFrame: over.frame === undefined ? mainFrame : over.frame }) as unknown as IpcMainInvokeEvent;

describe('the Electron IPC host', () => {
  it('registers exactly the contract’s channels', () => {
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('answers our window’s main frame', async () => {
    expect(await handlers.get('settings:get')!(event({}), {})).toMatchObject({ ok: true });
  });

  it('refuses another window, a sub-frame and a foreign page, for every channel', async () => {
    for (const channel of CHANNELS) {
      const handler = handlers.get(channel)!;
      for (const e of [event({ senderId: 2 }), event({ frame: { url: 'app://poste/index.html' } }), event({ frame: null })]) {
        expect(await handler(e, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    const foreign = { url: 'https://evil.example/' };
    const evilWin = { webContents: { id: 1, mainFrame: foreign, send: () => undefined } };
    const handlers2 = new Map<string, Handler>();
    const off = registerIpc(
      { handle: (c: string, h: Handler) => handlers2.set(c, h), removeHandler: () => undefined } as unknown as IpcMain,
      services.handlers,
      services.events,
      () => evilWin as unknown as BrowserWindow,
      isOurUrl,
      silentLogger,
    );
    expect(await handlers2.get('settings:get')!(event({ frame: foreign }), {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    off();
  });

  it('refuses a bad input with invalid_input', async () => {
    expect(await handlers.get('settings:update')!(event({}), { patch: { language: 'de' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('pushes the services’ events to the window on one channel', () => {
    services.events.emit('desk:command', { command: 'search' });
    expect(sent).toContainEqual([EVENT_CHANNEL, { event: 'desk:command', payload: { command: 'search' } }]);
  });

  it('removes every handler when unregistered', () => {
    unregister();
    expect(handlers.size).toBe(0);
  });
});
