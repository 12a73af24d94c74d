/**
 * parseScenario: the documented JSON validates as is, defaults are filled in, and a bad field
 * is reported with its path so a supervisor can fix the file.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './index';

/** The scenario of rules.md, "The verdict contract", verbatim. */
const documented = {
  now: '2026-03-10T14:05:00-04:00',
  timeZone: 'America/Toronto',
  channel: 'phone',
  receiverId: 'marc',
  agents: [
    { id: 'julie', name: 'Julie Tremblay', role: 'agent', onShift: true, presence: 'on_call' },
    { id: 'marc', name: 'Marc Gagnon', role: 'agent', onShift: true, presence: 'available' },
    { id: 'sophie', name: 'Sophie Roy', role: 'da', onShift: true, presence: 'available' },
  ],
  client: {
    id: 'c1',
    opportunities: [
      {
        id: 'o1',
        type: 'internet',
        department: 'bdc',
        status: 'in_progress',
        managerId: 'julie',
        handled: true,
        createdAt: '2026-03-09T10:00:00-04:00',
      },
    ],
    meetings: [],
    activities: [
      {
        at: '2026-03-09T11:00:00-04:00',
        agentId: 'julie',
        opportunityId: 'o1',
        kind: 'follow_up',
        note: 'PDR J1 R1',
      },
    ],
    chats: [],
    texts: [],
  },
  emailMatches: [],
};

type Json = Record<string, unknown>;
const clone = (): Json => structuredClone(documented) as Json;

function errorOf(json: unknown): { path: string; message: string } {
  const r = parseScenario(json);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.error;
}

describe('parseScenario', () => {
  it('accepts the documented scenario as is', () => {
    const r = parseScenario(documented);
    expect(r.ok).toBe(true);
  });

  it('accepts a JSON string', () => {
    expect(parseScenario(JSON.stringify(documented)).ok).toBe(true);
  });

  it('fills in the time zone, the channel and the empty lists', () => {
    const json = clone();
    delete json.timeZone;
    delete json.channel;
    delete json.emailMatches;
    json.client = { id: 'c1' };
    const r = parseScenario(json);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.timeZone).toBe('America/Toronto');
    expect(r.value.channel).toBe('phone');
    expect(r.value.emailMatches).toEqual([]);
    expect(r.value.client?.opportunities).toEqual([]);
  });

  it('accepts a null client (unknown caller) and agents with shifts instead of onShift', () => {
    const json = clone();
    json.client = null;
    json.agents = [
      { id: 'marc', presence: 'available', shifts: [{ start: '08:00', end: '17:00' }] },
      {
        id: 'luc',
        presence: 'break',
        shifts: [{ start: '2026-03-10T08:00:00-04:00', end: '2026-03-10T16:00:00-04:00' }],
      },
      { id: 'eve', presence: 'available', shifts: [{ start: '2026-03-10T22:00', end: '2026-03-11T06:00' }] },
    ];
    const r = parseScenario(json);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.agents[0]?.role).toBe('agent');
  });

  it('names the path of an unknown presence', () => {
    const json = clone();
    (json.agents as Json[])[1] = { ...(json.agents as Json[])[1], presence: 'asleep' };
    expect(errorOf(json).path).toBe('agents.1.presence');
  });

  it('names the path of a bad date deep in the client', () => {
    const json = clone();
    const client = json.client as { activities: Json[] };
    client.activities[0] = { ...client.activities[0], at: 'yesterday' };
    expect(errorOf(json).path).toBe('client.activities.0.at');
  });

  it('rejects a time without offset for `now`', () => {
    const json = clone();
    json.now = '2026-03-10T14:05:00';
    expect(errorOf(json).path).toBe('now');
  });

  it('rejects an unknown time zone', () => {
    const json = clone();
    json.timeZone = 'Mars/Olympus';
    const e = errorOf(json);
    expect(e.path).toBe('timeZone');
    expect(e.message).toContain('time zone');
  });

  it('requires onShift or shifts', () => {
    const json = clone();
    json.agents = [{ id: 'marc', presence: 'available' }];
    expect(errorOf(json).path).toBe('agents.0.onShift');
  });

  it('rejects a shift mixing a daily time and a date-time', () => {
    const json = clone();
    json.agents = [{ id: 'marc', presence: 'available', shifts: [{ start: '08:00', end: '2026-03-10T17:00' }] }];
    expect(errorOf(json).path).toBe('agents.0.shifts.0.end');
  });

  it('rejects an unknown channel and a missing receiver', () => {
    const json = clone();
    json.channel = 'fax';
    expect(errorOf(json).path).toBe('channel');
    const noReceiver = clone();
    delete noReceiver.receiverId;
    expect(errorOf(noReceiver).path).toBe('receiverId');
  });

  it('reports invalid JSON text and non-objects at the root', () => {
    expect(errorOf('{ "now": ').path).toBe('(root)');
    expect(errorOf(42).path).toBe('(root)');
  });
});
