import type { LeadType, Tag } from '../../../shared/domain/model';
import { tagRank } from '../../../shared/domain/model';
import { refusal } from '../../../shared/ipc/error-texts';
import { leadsRepo, type QueueRow } from '../db/repos/leads';
import type { ServiceContext } from '../context';

/**
 * Q-1 — 002: « La file est ordonnée par balise (Platine, Or, Argent, Bronze) puis par heure
 * de création, la plus ancienne d'abord; "Lead suivant" donne la tête; ouvrir un autre lead
 * demande une raison, qui est consignée (pas de cherry-picking). »
 *
 * The queue holds the open BDC OPPs nobody has treated yet (En traitement, handled_by null).
 * An agent's head is the first, in queue order, of the untreated leads that are theirs or
 * unassigned: a lead already handed to them and not yet treated stays their head (they must
 * work it before the next). Handing out is one IMMEDIATE transaction: read the head, give it
 * to the agent, log it — two consoles on the same cache never get the same lead.
 */

export interface QueueItem {
  opportunityId: string;
  clientId: string;
  name: string;
  type: LeadType;
  provider: string | null;
  tag: Tag;
  managerId: string | null;
  managerName: string | null;
  createdAt: string;
  vehicle: string | null;
}

export type QueueDeps = Pick<ServiceContext, 'db' | 'work' | 'now' | 'receiver' | 'bus' | 'logger'>;

function toItem(r: QueueRow): QueueItem {
  return {
    opportunityId: r.id,
    clientId: r.client_id,
    name: `${r.first_name} ${r.last_name}`.trim(),
    type: r.type,
    provider: r.provider,
    tag: r.tag,
    managerId: r.manager_id,
    managerName: r.manager_name,
    createdAt: r.created_at,
    vehicle: [r.vehicle_year, r.vehicle_make, r.vehicle_model].filter(Boolean).join(' ') || null,
  };
}

/** Which of two heads comes first in Q-1's order. */
function earlier(a: QueueRow | undefined, b: QueueRow | undefined): QueueRow | undefined {
  if (!a) return b;
  if (!b) return a;
  const ra = tagRank(a.tag);
  const rb = tagRank(b.tag);
  if (ra !== rb) return ra < rb ? a : b;
  return a.created_at <= b.created_at ? a : b;
}

export function queueService(deps: QueueDeps) {
  const repo = leadsRepo(deps.db);

  /** The head for an agent: theirs or unassigned, whichever comes first (two index seeks). */
  function headFor(agentId: string): QueueRow | undefined {
    return earlier(repo.queueHeadFor(agentId), repo.queueHeadFor(null));
  }

  function take(agentId: string, row: QueueRow, kind: 'next' | 'out_of_order', head: QueueRow | undefined, reason: string | null, at: string): void {
    if (row.manager_id !== agentId) {
      deps.work.setManager(row.id, agentId, at);
      deps.work.insertActivity({
        clientId: row.client_id,
        opportunityId: row.id,
        agentId,
        kind: 'assignment',
        at,
        note: reason,
        data: { from: row.manager_id, to: agentId, rule: 'Q-1', via: kind, ...(kind === 'out_of_order' ? { head: head?.id ?? null } : {}) },
      });
    } else if (reason) {
      deps.work.insertActivity({ clientId: row.client_id, opportunityId: row.id, agentId, kind: 'note', at, note: reason, data: { rule: 'Q-1', via: kind, head: head?.id ?? null } });
    }
    repo.insertTreatment({ opportunityId: row.id, agentId, kind, headId: kind === 'out_of_order' ? (head?.id ?? null) : null, reason, at });
  }

  return {
    headFor(agentId: string): QueueItem | null {
      const head = headFor(agentId);
      return head ? toItem(head) : null;
    },

    list(input: { filter: 'all' | 'mine' | 'unassigned'; type: LeadType | null; limit: number; offset: number }) {
      const me = deps.receiver().id;
      const items = repo.queueList(input.filter, me, input.type, input.limit, input.offset).map(toItem);
      const head = headFor(me);
      return { items, total: repo.queueCount(input.filter, me, input.type), headId: head?.id ?? null };
    },

    /** « Lead suivant »: the head, given to the agent at the console. */
    next(): QueueItem | null {
      const me = deps.receiver().id;
      const at = deps.now().toISOString();
      const taken = deps.db
        .transaction(() => {
          const head = headFor(me);
          if (!head) return null;
          take(me, head, 'next', head, null, at);
          return head;
        })
        .immediate();
      if (!taken) return null;
      deps.bus.emit('record:changed', { clientId: taken.client_id });
      deps.bus.emit('queue:changed', {});
      return toItem({ ...taken, manager_id: me });
    },

    /**
     * Opening a lead for treatment that is not the head: allowed with a reason (logged in
     * lead_treatments and as the assignment's note). Taking the head needs no reason.
     */
    take(opportunityId: string, reason: string | null): QueueItem {
      const me = deps.receiver().id;
      const at = deps.now().toISOString();
      const text = reason?.trim() ?? '';
      const taken = deps.db
        .transaction(() => {
          const row = repo.queueEntry(opportunityId);
          if (!row) throw refusal('not_found', 'queue_lead_gone', {}, 'opportunityId');
          if (row.manager_id !== null && row.manager_id !== me) {
            throw refusal('forbidden', 'queue_lead_owned', { name: row.manager_name ?? row.manager_id ?? '' }, 'opportunityId');
          }
          const head = headFor(me);
          const isHead = head?.id === row.id;
          if (!isHead && text.length < 3) {
            throw refusal('invalid_input', 'queue_reason_needed', {}, 'reason');
          }
          take(me, row, isHead ? 'next' : 'out_of_order', head, isHead ? null : text.slice(0, 500), at);
          return row;
        })
        .immediate();
      deps.bus.emit('record:changed', { clientId: taken.client_id });
      deps.bus.emit('queue:changed', {});
      return toItem({ ...taken, manager_id: me });
    },
  };
}
export type QueueService = ReturnType<typeof queueService>;
