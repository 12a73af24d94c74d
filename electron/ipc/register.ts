import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/ipc/contract';
import { dispatch, type Handlers } from '../../shared/ipc/dispatch';
import type { Result } from '../../shared/ipc/result';
import type { EventBus } from '../services/events';
import type { Logger } from '../services/log/logger';

/** The channel main uses to push the services' events to the window. */
export const EVENT_CHANNEL = 'poste:event';

/**
 * Registers one `ipcMain.handle` per contract channel. Each handler checks that the call
 * comes from our own window's main frame, then lets `dispatch` parse the input and run the
 * service; the result is always `{ ok, value } | { ok: false, error }`.
 */
export function registerIpc(
  ipcMain: IpcMain,
  handlers: Handlers,
  events: EventBus,
  window: () => BrowserWindow | null,
  isOurUrl: (url: string) => boolean,
  logger: Logger,
): () => void {
  const fromOurWindow = (event: IpcMainInvokeEvent): boolean => {
    const win = window();
    return (
      win !== null &&
      event.sender.id === win.webContents.id &&
      event.senderFrame !== null &&
      event.senderFrame === win.webContents.mainFrame &&
      isOurUrl(event.senderFrame.url)
    );
  };
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!fromOurWindow(event)) {
        logger.warn('ipc call refused: unknown sender', { channel });
        return { ok: false, error: { code: 'forbidden', message: 'calls are accepted from the Poste window only' } };
      }
      return dispatch(handlers, channel, input, logger);
    });
  }
  const unsubscribe = events.subscribe((event, payload) => {
    window()?.webContents.send(EVENT_CHANNEL, { event, payload });
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
