import { refusal } from '../../../shared/ipc/error-texts';
import { leadsRepo } from '../db/repos/leads';
import type { ServiceContext } from '../context';

/**
 * Merging client records (« Fusionner des fiches clients »: up to 3 at once). Every row of
 * the merged records — OPPs, activities, texts, meetings, phones, e-mails, chats, calls, DA
 * tasks — is re-pointed to the kept record; a phone or an e-mail the kept record already
 * has is not duplicated. Merged records are not deleted: they keep their row, marked
 * `merged_into`, and leave the search. One transaction; one history line on the kept record.
 *
 * The history line is data, not words: a `note` activity without a note (so it is no
 * agent's remark) whose `data` says `action: 'merge'` and names the merged records
 * (`merged` ids, `mergedNames` as they read at the merge, since the merged rows leave the
 * search). The renderer words it in the agent's language (record/history.ts). Lines
 * written before `mergedNames` carry a bilingual note instead and are read from `merged`.
 */
export const MAX_MERGE = 3;

export type MergeDeps = Pick<ServiceContext, 'db' | 'work' | 'contacts' | 'now' | 'receiver' | 'bus' | 'logger'>;

export function mergeClients(deps: MergeDeps, keepId: string, mergeIds: readonly string[]) {
  const ids = [...new Set(mergeIds)].filter((id) => id !== keepId);
  if (ids.length === 0) throw refusal('invalid_input', 'merge_none', {}, 'mergeIds');
  if (ids.length + 1 > MAX_MERGE) throw refusal('invalid_input', 'merge_over_limit', { max: MAX_MERGE }, 'mergeIds');
  const repo = leadsRepo(deps.db);
  const me = deps.receiver().id;
  const at = deps.now().toISOString();
  const moved = deps.db
    .transaction(() => {
      const keep = repo.client(keepId);
      if (!keep || keep.merged_into) throw refusal('not_found', 'client_not_live', { id: keepId }, 'clientId');
      const totals: Record<string, number> = {};
      const mergedNames: string[] = [];
      repo.deleteSearchRows(keepId);
      for (const id of ids) {
        const other = repo.client(id);
        if (!other || other.merged_into) throw refusal('not_found', 'client_not_live', { id }, 'mergeIds');
        mergedNames.push(`${other.first_name} ${other.last_name}`.trim());
        if (other.cre) repo.setCre(keepId, other.cre, at);
        repo.deleteSearchRows(id);
        for (const [table, n] of Object.entries(repo.repoint(id, keepId, at))) totals[table] = (totals[table] ?? 0) + n;
        repo.markMerged(id, keepId, at);
      }
      deps.work.insertActivity({
        clientId: keepId,
        agentId: me,
        kind: 'note',
        at,
        note: null,
        data: { action: 'merge', merged: ids, mergedNames, moved: totals },
      });
      repo.insertSearchRows([keepId]);
      return totals;
    })
    .immediate();
  deps.logger.info('clients merged', { keep: keepId, merged: ids.length });
  deps.bus.emit('record:changed', { clientId: keepId });
  for (const id of ids) deps.bus.emit('record:changed', { clientId: id });
  return { clientId: keepId, merged: ids, moved };
}

/** Records sharing a phone or an e-mail with this one: the merges to propose. */
export function duplicatesOf(deps: Pick<ServiceContext, 'db'>, clientId: string) {
  const repo = leadsRepo(deps.db);
  const rows = repo.duplicatesOf(clientId);
  const byClient = new Map<string, string[]>();
  for (const r of rows) byClient.set(r.client_id, [...(byClient.get(r.client_id) ?? []), r.via]);
  return [...byClient.entries()].flatMap(([id, via]) => {
    const s = repo.clientSummary(id);
    return s
      ? [{ clientId: id, name: `${s.first_name} ${s.last_name}`.trim(), phones: s.phones, emails: s.emails, opportunities: s.opportunities, matchedOn: via }]
      : [];
  });
}
