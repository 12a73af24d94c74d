import type { Presence } from '../../../shared/domain/model';
import type { DeepLink, MicrophoneAccess, RegistrationState } from '../../../shared/ipc/contract-desk';
import type { ServiceContext } from '../context';

/**
 * The desk's state in the services (the same object for the handlers and for the host):
 * the badge counts, the softphone's last reported status, the microphone access and the
 * links waiting for the window. The Electron host attaches its OS side (dock badge, tray,
 * log file); the web host attaches nothing and the calls still answer.
 */
export interface DeskStatus {
  registration: RegistrationState;
  presence: Presence;
  at: string;
}

export interface DeskHost {
  /** Dock badge (Electron: app.setBadgeCount). */
  setBadge(count: number): void;
  /** Menu-bar status (Electron: the Tray's title and tooltip). */
  setStatus(status: DeskStatus): void;
  /** The last lines of the log file, for diagnostics. */
  logTail(count: number): string[];
  /** Versions and OS lines the host knows best (Electron, Chromium, macOS). */
  environment(): Record<string, string>;
}

/**
 * Links from the OS wait here until the renderer says it listens (`desk:takeLinks`), so a
 * `tel:` link that started Poste is not lost while the window loads. After that, links go
 * out as `desk:openLink` events; a reload of the window makes them wait again.
 */
export function linkInbox(emit: (link: DeepLink) => void, capacity = 10) {
  let queue: DeepLink[] = [];
  let listening = false;
  return {
    push(link: DeepLink): void {
      if (listening) return emit(link);
      queue.push(link);
      if (queue.length > capacity) queue = queue.slice(-capacity);
    },
    take(): DeepLink[] {
      listening = true;
      const taken = queue;
      queue = [];
      return taken;
    },
    /** The window is (re)loading: hold links until it asks again. */
    hold(): void {
      listening = false;
    },
    get listening() {
      return listening;
    },
  };
}
export type LinkInbox = ReturnType<typeof linkInbox>;

export interface DeskRuntime {
  badge: { missedCalls: number; unreadTexts: number };
  status: DeskStatus | null;
  microphone: MicrophoneAccess;
  links: LinkInbox;
  host: Partial<DeskHost>;
  attach(host: Partial<DeskHost>): void;
  setMicrophone(status: MicrophoneAccess): void;
}

const runtimes = new WeakMap<object, DeskRuntime>();

/** The desk runtime of one set of services (keyed by its event bus, shared by context and host). */
export function deskRuntime(context: Pick<ServiceContext, 'bus'>): DeskRuntime {
  const existing = runtimes.get(context.bus);
  if (existing) return existing;
  const runtime: DeskRuntime = {
    badge: { missedCalls: 0, unreadTexts: 0 },
    status: null,
    microphone: 'unknown',
    links: linkInbox((link) => context.bus.emit('desk:openLink', link)),
    host: {},
    attach(host) {
      runtime.host = { ...runtime.host, ...host };
    },
    setMicrophone(status) {
      runtime.microphone = status;
      context.bus.emit('desk:microphoneAccess', { status });
    },
  };
  runtimes.set(context.bus, runtime);
  return runtime;
}
