import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/ipc/dispatch';
import { addAgent, addClient, addOpportunity, ALWAYS } from '../../../test/support/seed';
import { testServices } from './test-support';

function centre() {
  const s = testServices();
  addAgent(s.db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
  addAgent(s.db, { id: 'julie', name: 'Julie Tremblay', shifts: ALWAYS });
  const lead = (name: string, tag: 'platine' | 'or' | 'argent' | 'bronze', createdAt: string, managerId: string | null = null, type: 'internet' | 'email' = 'internet') => {
    const clientId = addClient(s.db, { firstName: name, lastName: 'Client' });
    return addOpportunity(s.db, { clientId, tag, createdAt, managerId, type });
  };
  return { s, lead };
}

describe('the queue (Q-1)', () => {
  it('is ordered by tag (Platine, Or, Argent, Bronze) then oldest first', async () => {
    const { s, lead } = centre();
    const bronzeOld = lead('Bronze-vieux', 'bronze', '2026-03-01T10:00:00.000Z');
    const orNew = lead('Or-récent', 'or', '2026-03-09T10:00:00.000Z');
    const orOld = lead('Or-vieux', 'or', '2026-03-05T10:00:00.000Z');
    const platine = lead('Platine', 'platine', '2026-03-10T09:00:00.000Z');
    const argent = lead('Argent', 'argent', '2026-03-02T10:00:00.000Z');
    const list = await s.handlers['queue:list']({});
    expect(list.items.map((i) => i.opportunityId)).toEqual([platine, orOld, orNew, argent, bronzeOld]);
    expect(list.headId).toBe(platine);
    expect(list.total).toBe(5);
    s.close();
  });

  it('« Lead suivant » gives Marc the head and puts it in his name; Julie gets the next one', async () => {
    const { s, lead } = centre();
    const platine = lead('Platine', 'platine', '2026-03-10T09:00:00.000Z');
    const or = lead('Or', 'or', '2026-03-01T09:00:00.000Z');
    const first = await s.handlers['queue:next']({});
    expect(first).toMatchObject({ opportunityId: platine, managerId: 'marc', tag: 'platine' });
    // Until he works it, it stays his head (no skipping).
    expect((await s.handlers['queue:next']({}))?.opportunityId).toBe(platine);
    s.context.writeSettings({ ...s.context.settings(), agentId: 'julie' });
    expect((await s.handlers['queue:next']({}))?.opportunityId).toBe(or);
    const logged = s.db.prepare("SELECT opportunity_id, agent_id, kind FROM lead_treatments ORDER BY created_at, rowid").all();
    expect(logged).toEqual([
      { opportunity_id: platine, agent_id: 'marc', kind: 'next' },
      { opportunity_id: platine, agent_id: 'marc', kind: 'next' },
      { opportunity_id: or, agent_id: 'julie', kind: 'next' },
    ]);
    const act = s.db.prepare("SELECT data FROM activities WHERE kind = 'assignment' AND opportunity_id = ?").get(platine) as { data: string };
    expect(JSON.parse(act.data)).toMatchObject({ from: null, to: 'marc', rule: 'Q-1', via: 'next' });
    s.close();
  });

  it('two consoles asking at once never get the same head', async () => {
    const { s, lead } = centre();
    lead('A', 'platine', '2026-03-10T09:00:00.000Z');
    lead('B', 'platine', '2026-03-10T09:01:00.000Z');
    const marc = s.handlers['queue:next']({});
    s.context.writeSettings({ ...s.context.settings(), agentId: 'julie' });
    const julie = s.handlers['queue:next']({});
    const [a, b] = await Promise.all([marc, julie]);
    expect(a?.opportunityId).not.toBe(b?.opportunityId);
    s.close();
  });

  it('taking another lead than the head needs a reason, which is logged; the head needs none', async () => {
    const { s, lead } = centre();
    const head = lead('Tête', 'or', '2026-03-01T09:00:00.000Z');
    const other = lead('Autre', 'bronze', '2026-03-01T09:00:00.000Z');
    const refused = await dispatch(s.handlers, 'queue:take', { opportunityId: other });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', path: 'reason' } });
    expect(s.db.prepare('SELECT manager_id FROM opportunities WHERE id = ?').get(other)).toEqual({ manager_id: null });
    const taken = await s.handlers['queue:take']({ opportunityId: other, reason: 'Le client a rappelé pour ce véhicule' });
    expect(taken.managerId).toBe('marc');
    expect(s.db.prepare("SELECT kind, head_opportunity_id, reason FROM lead_treatments").get()).toEqual({ kind: 'out_of_order', head_opportunity_id: head, reason: 'Le client a rappelé pour ce véhicule' });
    expect((await s.handlers['queue:take']({ opportunityId: head })).managerId).toBe('marc');
    s.close();
  });

  it("Julie's untreated lead cannot be taken by Marc", async () => {
    const { s, lead } = centre();
    const julies = lead('Julie', 'or', '2026-03-01T09:00:00.000Z', 'julie');
    const r = await dispatch(s.handlers, 'queue:take', { opportunityId: julies, reason: 'parce que' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    s.close();
  });

  it('filters: mine, unassigned, type', async () => {
    const { s, lead } = centre();
    const mine = lead('Mien', 'bronze', '2026-03-01T09:00:00.000Z', 'marc');
    const free = lead('Libre', 'bronze', '2026-03-02T09:00:00.000Z', null, 'email');
    lead('Julie', 'bronze', '2026-03-03T09:00:00.000Z', 'julie');
    expect((await s.handlers['queue:list']({ filter: 'mine' })).items.map((i) => i.opportunityId)).toEqual([mine]);
    expect((await s.handlers['queue:list']({ filter: 'unassigned' })).items.map((i) => i.opportunityId)).toEqual([free]);
    expect((await s.handlers['queue:list']({ type: 'email' })).items.map((i) => i.opportunityId)).toEqual([free]);
    expect((await s.handlers['queue:list']({})).total).toBe(3);
    s.close();
  });

  it('reads the head from its index (EXPLAIN QUERY PLAN: no scan, no sort)', () => {
    const { s } = centre();
    const plan = (sql: string, ...args: unknown[]) =>
      (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const rank = "(CASE o.tag WHEN 'platine' THEN 0 WHEN 'or' THEN 1 WHEN 'argent' THEN 2 ELSE 3 END)";
    const where = "o.department = 'bdc' AND o.status = 'in_progress' AND o.handled_by IS NULL";
    const unassigned = plan(`SELECT o.id FROM opportunities o WHERE ${where} AND o.manager_id IS NULL ORDER BY ${rank}, o.created_at LIMIT 1`);
    expect(unassigned).toMatch(/USING INDEX opportunities_queue_manager/);
    expect(unassigned).not.toMatch(/TEMP B-TREE/);
    const mine = plan(`SELECT o.id FROM opportunities o WHERE ${where} AND o.manager_id = ? ORDER BY ${rank}, o.created_at LIMIT 1`, 'marc');
    expect(mine).toMatch(/USING INDEX opportunities_queue_manager/);
    expect(mine).not.toMatch(/TEMP B-TREE/);
    const all = plan(`SELECT o.id FROM opportunities o INDEXED BY opportunities_queue WHERE ${where} ORDER BY ${rank}, o.created_at LIMIT 50`);
    expect(all).toMatch(/opportunities_queue\b/);
    expect(all).not.toMatch(/TEMP B-TREE/);
    const expiry = plan("SELECT id FROM opportunities WHERE status IN ('in_progress','response_sent','contacted') AND created_at < ?", 'x');
    expect(expiry).toMatch(/opportunities_status_created/);
    s.close();
  });
});
