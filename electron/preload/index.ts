import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENT_NAMES } from '../../shared/ipc/contract';

/**
 * The only file that touches ipcRenderer. It exposes `window.poste` built from the contract:
 * `invoke` for the contract's channels and nothing else, `on` for its events, returning an
 * unsubscribe. Inputs are parsed again in main; this allow-list keeps the bridge narrow.
 */
const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);

contextBridge.exposeInMainWorld('poste', {
  invoke(channel: string, input: unknown) {
    if (!channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `unknown channel: ${channel}` } });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(listener: (event: string, payload: unknown) => void) {
    const handler = (_: unknown, message: { event: string; payload: unknown }) => {
      if (eventNames.has(message.event)) listener(message.event, message.payload);
    };
    ipcRenderer.on('poste:event', handler);
    return () => {
      ipcRenderer.removeListener('poste:event', handler);
    };
  },
});
