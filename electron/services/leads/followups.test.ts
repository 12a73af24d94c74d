import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/ipc/dispatch';
import { addActivity, addAgent, addClient, addMeeting, addOpportunity, ALWAYS } from '../../../test/support/seed';
import { composeFollowUpNote } from './followups';
import { testServices } from './test-support';

let clock = '2026-03-10T14:00:00.000Z';
function centre() {
  clock = '2026-03-10T14:00:00.000Z';
  const s = testServices(() => new Date(clock));
  addAgent(s.db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
  addAgent(s.db, { id: 'julie', name: 'Julie Tremblay', shifts: ALWAYS });
  addAgent(s.db, { id: 'luc', name: 'Luc Martel', presence: 'offline' });
  const clientId = addClient(s.db, { firstName: 'Éloïse', lastName: 'Côté', phones: ['+15145550142'] });
  return { s, clientId };
}

function text(s: ReturnType<typeof centre>['s'], clientId: string, at: string, direction: 'in' | 'out') {
  s.db.prepare(
    `INSERT INTO texts (id, client_id, at, direction, agent_id, e164, body, created_at, updated_at) VALUES (?, ?, ?, ?, 'marc', '+15145550142', 'Bonjour', ?, ?)`,
  ).run(crypto.randomUUID(), clientId, at, direction, at, at);
}

describe('follow-ups (FU-1, FU-2, FU-3)', () => {
  it('composes PDR J{day} R{round} (+ TEXTO)', () => {
    expect(composeFollowUpNote(3, 1, true)).toBe('PDR J3 R1 + TEXTO');
    expect(composeFollowUpNote(1, 2, false)).toBe('PDR J1 R2');
  });

  it('Marc follows up his new lead: J1 R1, then R2 with a text, next day J2 R1; the OPP becomes handled', async () => {
    const { s, clientId } = centre();
    const opp = addOpportunity(s.db, { clientId, managerId: 'marc', createdAt: '2026-03-10T12:00:00.000Z' });
    expect((await s.handlers['followups:preview']({ opportunityId: opp })).note).toBe('PDR J1 R1');
    expect((await s.handlers['followups:log']({ opportunityId: opp })).note).toBe('PDR J1 R1');
    expect(s.db.prepare('SELECT handled_by, collaborator_id FROM opportunities WHERE id = ?').get(opp)).toEqual({ handled_by: 'marc', collaborator_id: 'marc' });
    clock = '2026-03-10T16:00:00.000Z';
    text(s, clientId, '2026-03-10T15:30:00.000Z', 'out');
    expect((await s.handlers['followups:log']({ opportunityId: opp })).note).toBe('PDR J1 R2 + TEXTO');
    clock = '2026-03-10T19:00:00.000Z';
    expect((await s.handlers['followups:log']({ opportunityId: opp })).note).toBe('PDR J1 R3');
    clock = '2026-03-11T13:00:00.000Z';
    const j2 = await s.handlers['followups:log']({ opportunityId: opp, textSent: true });
    expect(j2.note).toBe('PDR J2 R1 + TEXTO');
    const notes = s.db.prepare("SELECT note, data FROM activities WHERE kind = 'follow_up' ORDER BY at").all() as { note: string; data: string }[];
    expect(notes.map((n) => n.note)).toEqual(['PDR J1 R1', 'PDR J1 R2 + TEXTO', 'PDR J1 R3', 'PDR J2 R1 + TEXTO']);
    expect(JSON.parse(notes[3]!.data)).toEqual({ day: 2, round: 1, text: true, rule: 'FU-2' });
    s.close();
  });

  it('days are counted on the centre clock: 23 h 30 in Montréal is still the same day', async () => {
    const { s, clientId } = centre();
    const opp = addOpportunity(s.db, { clientId, managerId: 'marc', createdAt: '2026-03-09T12:00:00.000Z' });
    addActivity(s.db, { clientId, opportunityId: opp, agentId: 'marc', kind: 'follow_up', at: '2026-03-09T14:00:00.000Z', note: 'PDR J1 R1' });
    clock = '2026-03-11T03:30:00.000Z'; // 23 h 30 on the 10th in Montréal (EDT)
    expect((await s.handlers['followups:preview']({ opportunityId: opp })).note).toBe('PDR J2 R1');
    s.close();
  });

  it('a contact resets the count; 7 days without contact proposes Perdu BDC', async () => {
    const { s, clientId } = centre();
    const opp = addOpportunity(s.db, { clientId, managerId: 'marc', handledBy: 'marc', createdAt: '2026-03-01T12:00:00.000Z' });
    addActivity(s.db, { clientId, opportunityId: opp, agentId: 'marc', kind: 'follow_up', at: '2026-03-02T14:00:00.000Z', note: 'PDR J1 R1' });
    const before = await s.handlers['followups:preview']({ opportunityId: opp });
    expect(before).toMatchObject({ day: 2, daysWithoutContact: 9, proposeLost: true });
    text(s, clientId, '2026-03-08T14:00:00.000Z', 'in');
    const after = await s.handlers['followups:preview']({ opportunityId: opp });
    expect(after).toMatchObject({ day: 1, daysWithoutContact: 2, proposeLost: false });
    expect(await dispatch(s.handlers, 'followups:markLost', { opportunityId: opp })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    s.close();
  });

  it('Perdu BDC after 7 days is written with its status_change activity', async () => {
    const { s, clientId } = centre();
    const opp = addOpportunity(s.db, { clientId, managerId: 'marc', handledBy: 'marc', createdAt: '2026-03-01T12:00:00.000Z' });
    await s.handlers['followups:markLost']({ opportunityId: opp });
    expect(s.db.prepare('SELECT status FROM opportunities WHERE id = ?').get(opp)).toEqual({ status: 'lost_bdc' });
    const act = s.db.prepare("SELECT data FROM activities WHERE kind = 'status_change'").get() as { data: string };
    expect(JSON.parse(act.data)).toEqual({ from: 'in_progress', to: 'lost_bdc', rule: 'FU-1' });
    s.close();
  });

  it("today's list: Marc's clients and absent Luc's, not Julie's (on shift), not a no-show Julie booked, even on Marc's file", async () => {
    const { s } = centre();
    const mk = (first: string, managerId: string, tag: 'or' | 'bronze' = 'bronze') => {
      const c = addClient(s.db, { firstName: first, lastName: 'X' });
      return { c, o: addOpportunity(s.db, { clientId: c, managerId, handledBy: managerId, tag, createdAt: '2026-03-09T12:00:00.000Z' }) };
    };
    const mine = mk('Mien', 'marc', 'or');
    const luc = mk('DeLuc', 'luc');
    mk('DeJulie', 'julie');
    const noShow = mk('NoShowJulie', 'luc');
    addMeeting(s.db, { clientId: noShow.c, opportunityId: noShow.o, bookedBy: 'julie', at: '2026-03-09T18:00:00.000Z', status: 'no_show' });
    // Marc's own file, but its no-show is Julie's, who is on shift: not in his list either,
    // as logging it would be refused.
    const minesJulies = mk('NoShowDeJulieChezMarc', 'marc');
    addMeeting(s.db, { clientId: minesJulies.c, opportunityId: minesJulies.o, bookedBy: 'julie', at: '2026-03-09T18:00:00.000Z', status: 'no_show' });
    const done = mk('Fini', 'marc');
    for (const at of ['2026-03-10T12:00:00.000Z', '2026-03-10T13:00:00.000Z', '2026-03-10T13:30:00.000Z']) addActivity(s.db, { clientId: done.c, opportunityId: done.o, agentId: 'marc', kind: 'follow_up', at });
    const list = await s.handlers['followups:today']({});
    expect(list.map((i) => [i.name, i.coverFor, i.note])).toEqual([
      ['Mien X', false, 'PDR J1 R1'],
      ['DeLuc X', true, 'PDR J1 R1'],
    ]);
    // FU-3: Marc may not follow up Julie's no-show, nor Julie's client while she is on shift.
    expect(await dispatch(s.handlers, 'followups:log', { opportunityId: noShow.o })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(s.handlers, 'followups:log', { opportunityId: minesJulies.o })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await s.handlers['followups:log']({ opportunityId: luc.o })).note).toBe('PDR J1 R1');
    // Covering for Luc does not make Marc the manager, nor mark it handled by him.
    expect(s.db.prepare('SELECT manager_id, collaborator_id FROM opportunities WHERE id = ?').get(luc.o)).toEqual({ manager_id: 'luc', collaborator_id: 'marc' });
    void mine;
    s.close();
  });

  it("FU-3: an absent analyst's (financing) clients are offered to all, followed up, never proposed Perdu BDC", async () => {
    const { s } = centre();
    addAgent(s.db, { id: 'ana', name: 'Ana Roy', role: 'analyst', presence: 'offline' });
    addAgent(s.db, { id: 'bea', name: 'Béa Roy', role: 'analyst', shifts: ALWAYS });
    const d = addClient(s.db, { firstName: 'DeBéa', lastName: 'X' });
    addOpportunity(s.db, { clientId: d, managerId: 'bea', handledBy: 'bea', department: 'financing', type: 'financing', createdAt: '2026-03-09T12:00:00.000Z' });
    const c = addClient(s.db, { firstName: 'Financé', lastName: 'X' });
    const o = addOpportunity(s.db, { clientId: c, managerId: 'ana', handledBy: 'ana', department: 'financing', type: 'financing', createdAt: '2026-02-25T12:00:00.000Z' });
    const list = await s.handlers['followups:today']({});
    expect(list.map((i) => [i.name, i.managerId, i.coverFor, i.proposeLost])).toContainEqual(['Financé X', 'ana', true, false]);
    expect((await s.handlers['followups:log']({ opportunityId: o })).note).toBe('PDR J1 R1');
    expect(await dispatch(s.handlers, 'followups:markLost', { opportunityId: o })).toMatchObject({ ok: false, error: { code: 'conflict', text: { key: 'errors:lost_not_bdc' } } });
    // An analyst on shift follows her own clients up: not offered to Marc.
    expect(list.map((i) => i.name)).not.toContain('DeBéa X');
    s.close();
  });

  it('an unassigned queue lead is taken with « Lead suivant » before it is followed up (Q-1)', async () => {
    const { s, clientId } = centre();
    const opp = addOpportunity(s.db, { clientId, managerId: null });
    expect(await dispatch(s.handlers, 'followups:log', { opportunityId: opp })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    s.close();
  });
});
