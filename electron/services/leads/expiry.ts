import { leadsRepo } from '../db/repos/leads';
import type { ServiceContext } from '../context';

/**
 * ST-1 — 003: « Opportunité expirée : date de plus de 8 semaines, pour les statuts : En
 * traitement, réponse envoyée, contacté. » Applied at start and every hour; each change
 * is written with its `status_change` activity ({from, to, rule: 'ST-1'}) in the same
 * transaction, in batches so a first sweep over a large cache never holds the lock long.
 */
export const EXPIRY_MS = 8 * 7 * 24 * 3600 * 1000;
const BATCH = 2000;

export type ExpiryDeps = Pick<ServiceContext, 'db' | 'work' | 'now' | 'bus' | 'logger'>;

/** Expires what ST-1 says; returns how many OPPs changed. */
export function applyExpiry(deps: ExpiryDeps): number {
  const repo = leadsRepo(deps.db);
  const now = deps.now();
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - EXPIRY_MS).toISOString();
  let total = 0;
  const clients = new Set<string>();
  for (;;) {
    const changed = deps.db
      .transaction(() => {
        const rows = repo.expiring(cutoff, BATCH);
        for (const row of rows) {
          deps.work.setStatus(row.id, 'expired', at);
          deps.work.insertActivity({ clientId: row.client_id, opportunityId: row.id, agentId: null, kind: 'status_change', at, data: { from: row.status, to: 'expired', rule: 'ST-1' } });
          clients.add(row.client_id);
        }
        return rows.length;
      })
      .immediate();
    total += changed;
    if (changed < BATCH) break;
  }
  if (total > 0) {
    deps.logger.info('opportunities expired (ST-1)', { count: total });
    // A handful of open records may be on screen; a mass sweep tells the queue once.
    if (clients.size <= 200) for (const clientId of clients) deps.bus.emit('record:changed', { clientId });
    deps.bus.emit('queue:changed', {});
  }
  return total;
}
