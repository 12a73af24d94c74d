import { describe, expect, it } from 'vitest';
import { createServices } from '..';
import { memorySettingsStore } from '../settings/store';
import { ALWAYS, addActivity, addAgent, addClient, addMeeting, addOpportunity } from '../../../test/support/seed';
import type { Handlers } from '../../../shared/ipc/dispatch';
import { dispatch } from '../../../shared/ipc/dispatch';

const NOW = new Date('2026-03-10T18:05:00.000Z'); // 14 h 05 in Montréal

function centre() {
  const services = createServices({ databaseFile: ':memory:', settings: memorySettingsStore(), host: 'web', version: 't', now: () => NOW });
  const db = services.db;
  addAgent(db, { id: 'marc', name: 'Marc Gagnon', presence: 'available', shifts: ALWAYS });
  addAgent(db, { id: 'julie', name: 'Julie Tremblay', presence: 'on_call', shifts: ALWAYS });
  addAgent(db, { id: 'sophie', name: 'Sophie Roy', role: 'da', presence: 'available', shifts: ALWAYS });
  addAgent(db, { id: 'luc', name: 'Luc Bélanger', presence: 'offline' });
  return services;
}

async function call<C extends keyof Handlers>(handlers: Handlers, channel: C, input: unknown) {
  const result = await dispatch(handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as Awaited<ReturnType<Handlers[C]>>;
}

describe('the inbound pipeline', () => {
  it('Marc takes a phone-up for Julie’s handled OPP while Julie is on a call → he books and tags the DA', async () => {
    const s = centre();
    const clientId = addClient(s.db, { firstName: 'Éloïse', lastName: 'Côté', phones: ['+15145550101'] });
    const opp = addOpportunity(s.db, { clientId, managerId: 'julie', handledBy: 'julie', handledAt: '2026-03-09T15:00:00Z', createdAt: '2026-03-09T14:00:00Z' });
    addActivity(s.db, { clientId, opportunityId: opp, agentId: 'julie', kind: 'follow_up', at: '2026-03-09T15:00:00Z', note: 'PDR J1 R1' });

    const inbound = await call(s.handlers, 'inbound:lookup', { number: '(514) 555-0101' });
    expect(inbound.e164).toBe('+15145550101');
    expect(inbound.record?.client.firstName).toBe('Éloïse');
    expect(inbound.verdict).toMatchObject({ decision: 'book_and_tag_da', rules: ['PU-1b'], owner: 'julie' });
    expect(inbound.verdict.explanation.fr).toContain('Julie Tremblay');
    const logged = s.db.prepare('SELECT client_id, verdict_shown FROM call_log WHERE id = ?').get(inbound.callId) as { client_id: string; verdict_shown: string };
    expect(logged.client_id).toBe(clientId);
    expect(JSON.parse(logged.verdict_shown)).toMatchObject({ decision: 'book_and_tag_da' });

    const tag = inbound.verdict.actions.find((a) => a.startsWith('tag_da:'));
    expect(tag).toBe(`tag_da:${opp}:julie`);
    await call(s.handlers, 'inbound:apply', { callId: inbound.callId, action: tag });

    expect(s.db.prepare("SELECT kind, target_agent_id, created_by, rule FROM da_tasks WHERE state = 'open'").all()).toEqual([
      { kind: 'assign', target_agent_id: 'julie', created_by: 'marc', rule: 'PU-1b' },
    ]);
    expect(s.db.prepare("SELECT agent_id FROM activities WHERE kind = 'tag_da' AND client_id = ?").all(clientId)).toEqual([{ agent_id: 'marc' }]);
    expect(s.db.prepare('SELECT verdict_applied FROM call_log WHERE id = ?').get(inbound.callId)).toEqual({ verdict_applied: tag });

    // Marc is not the DA: the list is refused to him, shown to Sophie.
    expect(await dispatch(s.handlers, 'da:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await call(s.handlers, 'settings:update', { patch: { agentId: 'sophie' } });
    const tasks = await call(s.handlers, 'da:list', {});
    expect(tasks).toMatchObject([{ clientName: 'Éloïse Côté', kind: 'assign', targetAgentName: 'Julie Tremblay', createdByName: 'Marc Gagnon', rule: 'PU-1b' }]);
    await call(s.handlers, 'da:resolve', { taskId: tasks[0]?.id, resolution: 'done' });
    expect(s.db.prepare('SELECT manager_id FROM opportunities WHERE id = ?').get(opp)).toEqual({ manager_id: 'julie' });
    expect(await call(s.handlers, 'da:list', {})).toEqual([]);
    s.close();
  });

  it('refuses an action that is not in the verdict, and applies nothing twice', async () => {
    const s = centre();
    const clientId = addClient(s.db, { firstName: 'Paul', lastName: 'Smith', phones: ['+14385550102'] });
    const opp = addOpportunity(s.db, { clientId, managerId: 'luc', handledBy: null });
    const inbound = await call(s.handlers, 'inbound:lookup', { number: '438 555 0102' });
    expect(inbound.verdict.rules[0]).toBe('PU-2');
    const forged = await dispatch(s.handlers, 'inbound:apply', { callId: inbound.callId, action: `assign_opportunity:${opp}:julie` });
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(s.db.prepare('SELECT manager_id FROM opportunities WHERE id = ?').get(opp)).toEqual({ manager_id: 'luc' });
    const assign = `assign_opportunity:${opp}:marc`;
    await call(s.handlers, 'inbound:apply', { callId: inbound.callId, action: assign });
    expect(s.db.prepare('SELECT manager_id FROM opportunities WHERE id = ?').get(opp)).toEqual({ manager_id: 'marc' });
    expect(await dispatch(s.handlers, 'inbound:apply', { callId: inbound.callId, action: assign })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(s.db.prepare("SELECT count(*) AS n FROM activities WHERE kind = 'assignment'").get()).toEqual({ n: 1 });
    s.close();
  });

  it('records an override with its reason, and refuses one without', async () => {
    const s = centre();
    const clientId = addClient(s.db, { firstName: 'Anne', lastName: 'Roy', phones: ['+14505550103'] });
    addOpportunity(s.db, { clientId, managerId: 'luc' });
    const inbound = await call(s.handlers, 'inbound:lookup', { number: '+1 450 555 0103' });
    expect(await dispatch(s.handlers, 'inbound:override', { callId: inbound.callId, reason: ' ' })).toMatchObject({ ok: false });
    await call(s.handlers, 'inbound:override', { callId: inbound.callId, reason: 'Client demande Luc expressément' });
    expect(s.db.prepare('SELECT verdict_applied, override_reason FROM call_log WHERE id = ?').get(inbound.callId)).toEqual({
      verdict_applied: 'override',
      override_reason: 'Client demande Luc expressément',
    });
    s.close();
  });

  it('an unknown caller gets a Phone-Up OPP in the receiver’s name, and an e-mail lead of Julie is proposed invalid (EL-1, EL-2)', async () => {
    const s = centre();
    const other = addClient(s.db, { firstName: 'Jean', lastName: 'Lévesque', emails: ['jean.levesque@example.ca'] });
    const emailLead = addOpportunity(s.db, { clientId: other, type: 'email', managerId: 'julie', handledBy: 'julie' });
    const inbound = await call(s.handlers, 'inbound:lookup', { number: '819-555-0104' });
    expect(inbound.record).toBeNull();
    expect(inbound.verdict).toMatchObject({ decision: 'new_opportunity', rules: ['EL-1'] });
    const record = await call(s.handlers, 'inbound:createPhoneUp', {
      callId: inbound.callId, firstName: 'Jean', lastName: 'Lévesque', language: 'fr', email: null, message: null, vehicle: null,
    });
    expect(record.opportunities).toMatchObject([{ type: 'phone_up', status: 'in_progress', managerId: 'marc' }]);
    expect(record.phones[0]?.e164).toBe('+18195550104');
    const checked = await call(s.handlers, 'inbound:checkEmail', { callId: inbound.callId, email: 'Jean.Levesque@Example.ca' });
    expect(checked.verdict.rules).toContain('EL-2');
    const invalidate = `invalidate_opportunity:${emailLead}`;
    expect(checked.verdict.actions).toContain(invalidate);
    await call(s.handlers, 'inbound:apply', { callId: inbound.callId, action: invalidate });
    expect(s.db.prepare('SELECT status FROM opportunities WHERE id = ?').get(emailLead)).toEqual({ status: 'invalid_bdc' });
    s.close();
  });

  it('an unknown texter gets an SMS OPP, not a Phone-Up (EL-1: the OPP takes the channel’s type)', async () => {
    const s = centre();
    const inbound = await call(s.handlers, 'inbound:lookup', { number: '819-555-0109', channel: 'sms' });
    expect(inbound.verdict).toMatchObject({ decision: 'new_opportunity', rules: ['EL-1'] });
    expect(inbound.verdict.actions).toContain('create_opportunity:sms:marc');
    const record = await call(s.handlers, 'inbound:createPhoneUp', {
      callId: inbound.callId, firstName: 'Léa', lastName: 'Roy', language: 'fr', email: null, message: null, vehicle: null,
    });
    expect(record.opportunities).toMatchObject([{ type: 'sms', status: 'in_progress', managerId: 'marc' }]);
    expect(s.db.prepare('SELECT verdict_applied FROM call_log WHERE id = ?').get(inbound.callId)).toEqual({ verdict_applied: 'create_opportunity:sms:marc' });
    s.close();
  });

  it('a financing client with a planned BDC meeting is escalated to the DA (FIN-1); the agent cannot cancel it himself', async () => {
    const s = centre();
    const clientId = addClient(s.db, { firstName: 'Marie', lastName: 'Gagné', phones: ['+14185550105'] });
    const bdc = addOpportunity(s.db, { clientId, managerId: 'julie', handledBy: 'julie' });
    addOpportunity(s.db, { clientId, type: 'financing', department: 'financing', financingSource: 'dealertrack', managerId: 'sophie', createdAt: '2026-03-05T12:00:00Z' });
    const meeting = addMeeting(s.db, { clientId, opportunityId: bdc, bookedBy: 'julie', at: '2026-03-12T15:00:00Z' });
    const inbound = await call(s.handlers, 'inbound:lookup', { number: '418 555 0105' });
    expect(inbound.verdict.rules[0]).toBe('FIN-1');
    expect(inbound.verdict.decision).toBe('escalate_da');
    const cancel = `cancel_meeting:${meeting}`;
    expect(inbound.verdict.actions).toContain(cancel);
    await call(s.handlers, 'inbound:apply', { callId: inbound.callId, action: cancel });
    expect(s.db.prepare('SELECT status FROM meetings WHERE id = ?').get(meeting)).toEqual({ status: 'planned' });
    expect(s.db.prepare("SELECT kind FROM da_tasks WHERE state = 'open'").all()).toEqual([{ kind: 'cancel_meeting' }]);
    s.close();
  });

  it('a number that cannot be read is still logged, as an unknown caller', async () => {
    const s = centre();
    const inbound = await call(s.handlers, 'inbound:lookup', { number: 'anonymous' });
    expect(inbound).toMatchObject({ e164: null, record: null, verdict: { decision: 'new_opportunity' } });
    expect(s.db.prepare('SELECT remote_number FROM call_log').all()).toEqual([{ remote_number: 'anonymous' }]);
    s.close();
  });
});

describe('warming the ring path up', () => {
  it('reads a ring from the cache once at start and writes nothing: no call logged, no activity', () => {
    const s = centre();
    const clientId = addClient(s.db, { firstName: 'Éloïse', lastName: 'Côté', phones: ['+15145550101'] });
    addOpportunity(s.db, { clientId, managerId: 'julie', createdAt: '2026-03-09T14:00:00Z' });
    const count = (table: string) => (s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const before = { calls: count('call_log'), activities: count('activities') };

    s.inbound.warmUp();

    expect({ calls: count('call_log'), activities: count('activities') }).toEqual(before);
    s.close();
  });

  it('does nothing in an empty cache', () => {
    const s = centre();
    expect(() => s.inbound.warmUp()).not.toThrow();
    s.close();
  });
});
