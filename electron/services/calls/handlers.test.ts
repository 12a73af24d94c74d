import { describe, expect, it } from 'vitest';
import { createServices } from '..';
import { dispatch } from '../../../shared/ipc/dispatch';
import { memorySettingsStore } from '../settings/store';
import { ALWAYS, addAgent, addClient } from '../../../test/support/seed';

const NOW = new Date('2026-03-10T18:05:00.000Z');

function centre() {
  const s = createServices({ databaseFile: ':memory:', settings: memorySettingsStore(), host: 'web', version: 't', now: () => NOW });
  addAgent(s.db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
  addAgent(s.db, { id: 'julie', name: 'Julie Tremblay', shifts: ALWAYS, presence: 'available' });
  return s;
}

describe('the call log as the softphone reports it', () => {
  it('an outgoing call is logged, then answered and ended with its duration and cause', async () => {
    const s = centre();
    const clientId = addClient(s.db, { firstName: 'Éloïse', lastName: 'Côté', phones: ['+15145550199'] });
    const placed = await dispatch(s.handlers, 'calls:outbound', { number: '(514) 555-0199', clientId, startedAt: '2026-03-10T18:00:00Z' });
    expect(placed.ok).toBe(true);
    const callId = (placed as { value: { callId: string } }).value.callId;
    await dispatch(s.handlers, 'calls:update', { callId, answeredAt: '2026-03-10T18:00:05Z' });
    const ended = await dispatch(s.handlers, 'calls:update', { callId, endedAt: '2026-03-10T18:03:12Z', hangupCause: 'local_hangup' });
    expect(ended).toMatchObject({ ok: true, value: { durationS: 187 } });
    expect(s.db.prepare('SELECT direction, remote_number, agent_id, duration_s, hangup_cause FROM call_log').get()).toEqual({
      direction: 'outbound',
      remote_number: '+15145550199',
      agent_id: 'marc',
      duration_s: 187,
      hangup_cause: 'local_hangup',
    });
    expect(await dispatch(s.handlers, 'calls:update', { callId, endedAt: '2026-03-10T18:09:00Z' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses times that go backwards and unknown calls, changing nothing', async () => {
    const s = centre();
    const placed = await dispatch(s.handlers, 'calls:outbound', { number: '4385550100', clientId: null, startedAt: '2026-03-10T18:00:00Z' });
    const callId = (placed as { value: { callId: string } }).value.callId;
    expect(await dispatch(s.handlers, 'calls:update', { callId, answeredAt: '2026-03-10T17:00:00Z' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(s.handlers, 'calls:update', { callId: 'nope', endedAt: '2026-03-10T18:01:00Z' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(s.db.prepare('SELECT answered_at, ended_at FROM call_log').get()).toEqual({ answered_at: null, ended_at: null });
  });

  it('presence seen over SIP reaches the agents the rules read, and the verdict follows', async () => {
    const s = centre();
    const result = await dispatch(s.handlers, 'presence:report', { own: 'on_call', colleagues: [{ sipUri: '<sip:julie@POSTE.test>', presence: 'break' }, { sipUri: 'sip:nobody@poste.test', presence: 'on_call' }] });
    expect(result).toMatchObject({ ok: true, value: { updated: 2 } });
    expect(s.db.prepare('SELECT id, presence FROM agents ORDER BY id').all()).toEqual([
      { id: 'julie', presence: 'break' },
      { id: 'marc', presence: 'on_call' },
    ]);
  });
});
