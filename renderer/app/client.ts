import type { Channel, EventName, EventOf, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { ContractError, Result } from '../../shared/ipc/result';

/**
 * The renderer's one way to the services. It picks its transport from what the page has:
 * `window.poste` (Electron's preload) or the web host's WebSocket. Nothing else in the UI
 * knows which host it runs in.
 */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(listener: (event: string, payload: unknown) => void): () => void;
}

export class ContractCallError extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
    this.name = 'ContractCallError';
  }
}

export interface PosteClient {
  /** Resolves with the value, or rejects with a ContractCallError carrying the reason. */
  call<C extends Channel>(channel: C, input: RequestOf<C>): Promise<ResponseOf<C>>;
  /** The raw Result, for callers that show errors inline. */
  tryCall<C extends Channel>(channel: C, input: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
  readonly host: 'electron' | 'web';
}

export function createClient(transport: Transport, host: 'electron' | 'web'): PosteClient {
  return {
    host,
    async tryCall(channel, input) {
      return (await transport.invoke(channel, input)) as Result<never>;
    },
    async call(channel, input) {
      const result = await transport.invoke(channel, input);
      if (!result.ok) throw new ContractCallError(result.error);
      return result.value as never;
    },
    on(event, listener) {
      return transport.on((name, payload) => {
        if (name === event) listener(payload as never);
      });
    },
  };
}

interface PendingCall {
  resolve: (result: Result<unknown>) => void;
}

/**
 * The web host's transport: one WebSocket to /ws with the run's token, reconnecting with
 * back-off if the host restarts. Calls made while disconnected wait for the connection.
 */
export function webSocketTransport(url: string): Transport {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const pending = new Map<number, PendingCall>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let delay = 250;

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      delay = 250;
      for (const message of queue.splice(0)) ws.send(message);
    });
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as
        | { type: 'result'; id: number; result: Result<unknown> }
        | { type: 'event'; event: string; payload: unknown }
        | { type: 'error'; message: string };
      if (message.type === 'result') {
        pending.get(message.id)?.resolve(message.result);
        pending.delete(message.id);
      } else if (message.type === 'event') {
        for (const listener of listeners) listener(message.event, message.payload);
      }
    });
    ws.addEventListener('close', () => {
      socket = null;
      for (const [id, call] of pending) {
        call.resolve({ ok: false, error: { code: 'internal', message: 'connection to Poste lost' } });
        pending.delete(id);
      }
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    });
  }
  connect();

  return {
    invoke(channel, input) {
      const id = nextId++;
      const message = JSON.stringify({ id, channel, input });
      return new Promise((resolve) => {
        pending.set(id, { resolve });
        if (socket?.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      });
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** What Electron's preload exposes (see electron/preload). */
export interface PosteBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(listener: (event: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    poste?: PosteBridge;
  }
}

/** The client for this page: Electron's bridge if present, else the web host's socket. */
export function connectClient(): PosteClient {
  if (window.poste) return createClient(window.poste, 'electron');
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token') ?? window.sessionStorage.getItem('poste-token') ?? '';
  window.sessionStorage.setItem('poste-token', token);
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${window.location.host}/ws?token=${encodeURIComponent(token)}`;
  return createClient(webSocketTransport(url), 'web');
}
