import type { HandlersFor } from '../../../shared/ipc/dispatch';
import { teamConnectionSchema, type syncRequests, type TeamConnection } from '../../../shared/ipc/contract-sync';
import type { ServiceContext } from '../context';
import { syncStore } from './local';
import { createSyncService, type SyncOptions, type SyncService } from './service';

/** The keychain entry of the team database's password. */
export const TEAM_PASSWORD_SECRET = 'team-db-password';

const services = new WeakMap<ServiceContext, SyncService>();
/** Passwords kept for this run when the secret store has no named secrets (see SecretStore). */
const memoryPasswords = new WeakMap<ServiceContext, string>();

function readPassword(c: ServiceContext): string {
  return c.secrets.getSecret?.(TEAM_PASSWORD_SECRET) ?? memoryPasswords.get(c) ?? '';
}

function writePassword(c: ServiceContext, password: string | null): void {
  if (c.secrets.setSecret) c.secrets.setSecret(TEAM_PASSWORD_SECRET, password);
  else if (password === null) memoryPasswords.delete(c);
  else memoryPasswords.set(c, password);
}

/** The connection kept in the cache (`sync_state.config`); the password is not in it. */
function readConnection(c: ServiceContext): TeamConnection | null {
  const raw = syncStore(c.db, c.contacts).state().config;
  if (!raw) return null;
  const parsed = teamConnectionSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/**
 * The sync service of a services instance, created (and started when a team connection is
 * set) on first use. Tests pass `extra` (intervals, hooks) through `restartSync`.
 */
export function syncServiceOf(c: ServiceContext): SyncService {
  let service = services.get(c);
  if (!service) {
    const connection = readConnection(c);
    service = createSyncService(c, connection ? { connection, password: readPassword(c) } : null);
    services.set(c, service);
    service.start();
  }
  return service;
}

/** Stops the current sync and starts one with the stored connection and these options. */
export async function restartSync(c: ServiceContext, extra: Partial<SyncOptions> = {}): Promise<SyncService> {
  // The new service takes the slot before anything awaits, so no other caller can start a
  // second one on the same cache meanwhile (two pushers would race for the same keys).
  const previous = services.get(c);
  const connection = readConnection(c);
  const service = createSyncService(c, connection ? { connection, password: readPassword(c), ...extra } : null);
  services.set(c, service);
  await previous?.stop();
  service.start();
  return service;
}

/** Stops the sync of a services instance (on close). */
export async function stopSync(c: ServiceContext): Promise<void> {
  await services.get(c)?.stop();
  services.delete(c);
}

/** `sync:*`: the team connection, the sync's state and its conflicts (issue 9). */
export function syncHandlers(c: ServiceContext): HandlersFor<typeof syncRequests> {
  // Created now, so a configured console starts syncing with the services, not on first request.
  queueMicrotask(() => {
    if (c.db.open) syncServiceOf(c);
  });
  return {
    'sync:status': () => syncServiceOf(c).status(),
    'sync:configure': async ({ connection, password }) => {
      const store = syncStore(c.db, c.contacts);
      store.setConfig(connection ? JSON.stringify(connection) : null);
      if (password !== undefined) writePassword(c, password === '' ? null : password);
      if (!connection) {
        writePassword(c, null);
        store.setEnabled(false, null);
      }
      c.logger.info('team connection updated', {
        configured: connection !== null,
        host: connection?.host ?? null,
        tls: connection?.tlsMode ?? null,
      });
      const service = await restartSync(c);
      await service.syncNow();
      return service.status();
    },
    'sync:now': async () => {
      const service = syncServiceOf(c);
      await service.syncNow();
      return service.status();
    },
    'sync:ackConflicts': ({ ids }) => {
      const service = syncServiceOf(c);
      service.ackConflicts(ids);
      return service.status();
    },
  };
}
