import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/ipc/dispatch';
import type { EventName } from '../../../shared/ipc/contract';
import { addAgent } from '../../../test/support/seed';
import { createServices, type Services } from '../index';
import { memorySecretStore } from '../secrets/store';
import { memorySettingsStore } from '../settings/store';
import { deskRuntime } from './runtime';

let services: Services;
let events: { event: EventName; payload: unknown }[];
const call = (channel: string, input: unknown) => dispatch(services.handlers, channel, input);

beforeEach(() => {
  services = createServices({
    databaseFile: ':memory:',
    settings: memorySettingsStore(),
    secrets: memorySecretStore('Hunter2-secret'),
    host: 'web',
    version: '0.0.0-test',
    now: () => new Date('2026-03-02T14:00:00.000Z'),
  });
  addAgent(services.db, { id: 'marc', name: 'Marc Gagnon', shifts: [[1, 480, 960]] });
  events = [];
  services.events.subscribe((event, payload) => events.push({ event, payload }));
});
afterEach(() => services.close());

describe('the agents directory', () => {
  it('the supervisor adds Julie, gives her a week, then deactivates her; she is never deleted', async () => {
    const julie = { id: 'julie', name: 'Julie Tremblay', role: 'agent', extension: '201', email: 'julie@bdc.ca', sipUri: 'sip:julie@bdc.ca', active: true };
    expect(await call('directory:save', { agent: julie })).toMatchObject({ ok: true, value: { id: 'julie', shifts: [] } });
    const week = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 480, endMinute: 990 }));
    expect(await call('directory:setShifts', { agentId: 'julie', shifts: week })).toMatchObject({ ok: true, value: { shifts: week } });
    await call('directory:save', { agent: { ...julie, active: false } });
    const list = await call('directory:list', {});
    expect(list).toMatchObject({ ok: true, value: [{ id: 'marc', active: true }, { id: 'julie', active: false, shifts: week }] });
    expect(events.filter((e) => e.event === 'desk:configChanged')).toHaveLength(3);
  });

  it('refuses overlapping shifts and an unknown agent, and changes nothing', async () => {
    const overlap = [
      { weekday: 1, startMinute: 480, endMinute: 720 },
      { weekday: 1, startMinute: 700, endMinute: 900 },
    ];
    expect(await call('directory:setShifts', { agentId: 'marc', shifts: overlap })).toMatchObject({ ok: false, error: { code: 'invalid_input', path: 'shifts' } });
    expect(await call('directory:setShifts', { agentId: 'nobody', shifts: [] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('directory:list', {})).toMatchObject({ value: [{ id: 'marc', shifts: [{ weekday: 1, startMinute: 480, endMinute: 960 }] }] });
  });

  it('imports a CSV all or nothing', async () => {
    const good = 'id;nom;rôle;horaire\nmarc;Marc Gagnon;superviseur;lun-mer 09:00-17:00\nkim;Kim Nguyen;da;\n';
    expect(await call('directory:importCsv', { csv: good })).toEqual({ ok: true, value: { agents: 2, shifts: 3 } });
    const bad = 'id;nom;rôle\nzoe;Zoé;agent\nleo;Léo;chef\n';
    expect(await call('directory:importCsv', { csv: bad })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^ligne 3/) } });
    const ids = (services.db.prepare('SELECT id FROM agents ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(['kim', 'marc']);
  });
});

describe('templates, result choices and branches', () => {
  it('adds, renames and removes an SMS template; names stay unique', async () => {
    const saved = await call('templates:save', { template: { name: 'Suivi', body: 'Bonjour {prénom}, ici {agent}.' } });
    expect(saved).toMatchObject({ ok: true, value: { name: 'Suivi', sort: 0 } });
    const id = saved.ok ? (saved.value as { id: string }).id : '';
    expect(await call('templates:save', { template: { name: 'Suivi', body: 'Autre' } })).toMatchObject({ ok: false, error: { code: 'conflict', path: 'template.name' } });
    expect(await call('templates:save', { template: { id, name: 'Suivi J+1', body: 'Bonjour' } })).toMatchObject({ ok: true, value: { id, name: 'Suivi J+1' } });
    expect(await call('templates:remove', { id })).toEqual({ ok: true, value: { id } });
    expect(await call('templates:remove', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a result choice maps to a status and may open the booking dialog', async () => {
    const r = await call('results:save', { result: { labelFr: 'Rejoint — RDV pris', labelEn: 'Reached — appointment', mapsToStatus: 'appointment_booked', opens: 'booking' } });
    expect(r).toMatchObject({ ok: true, value: { mapsToStatus: 'appointment_booked', opens: 'booking' } });
    expect(await call('results:save', { result: { labelFr: 'x', labelEn: 'x', mapsToStatus: 'lost_bdc', opens: 'booking' } })).toMatchObject({ ok: false, error: { path: 'result.mapsToStatus' } });
    expect(await call('results:save', { result: { labelFr: 'x', labelEn: 'x', mapsToStatus: 'won', opens: null } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('results:list', {})).toMatchObject({ ok: true, value: [{ labelFr: 'Rejoint — RDV pris' }] });
  });

  it('a branch keeps its sales reps and its virtual-sales group address', async () => {
    expect(await call('branches:save', { branch: { name: 'Laval', salesReps: ['Paul Roy', 'Paul Roy', 'Ana Diaz'], virtualSalesGroup: 'Virtuel@BDC.ca' } })).toMatchObject({
      ok: true,
      value: { salesReps: ['Paul Roy', 'Ana Diaz'], virtualSalesGroup: 'virtuel@bdc.ca' },
    });
    expect(await call('branches:save', { branch: { name: 'Brossard', salesReps: [], virtualSalesGroup: 'pas une adresse' } })).toMatchObject({ ok: false, error: { code: 'invalid_input', path: 'branch.virtualSalesGroup' } });
    expect(await call('branches:save', { branch: { name: 'Laval', salesReps: [], virtualSalesGroup: null } })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('the desk around the phone', () => {
  it('the badge adds missed calls and unread texts and reaches the host', async () => {
    const badges: number[] = [];
    deskRuntime(services.context).attach({ setBadge: (n) => badges.push(n) });
    expect(await call('desk:setBadge', { missedCalls: 2, unreadTexts: 3 })).toEqual({ ok: true, value: { count: 5 } });
    expect(await call('desk:setBadge', { missedCalls: -1, unreadTexts: 0 })).toMatchObject({ ok: false });
    expect(badges).toEqual([5]);
  });

  it('the menu-bar status follows the softphone', async () => {
    const statuses: string[] = [];
    deskRuntime(services.context).attach({ setStatus: (s) => statuses.push(`${s.registration}/${s.presence}`) });
    await call('desk:setStatus', { registration: 'registered', presence: 'available' });
    await call('desk:setStatus', { registration: 'failed', presence: 'offline' });
    expect(statuses).toEqual(['registered/available', 'failed/offline']);
  });

  it('a link that started Poste waits for the window, later ones come as events', async () => {
    const desk = deskRuntime(services.context);
    desk.links.push({ kind: 'dial', value: '+15145550199' });
    expect(events.some((e) => e.event === 'desk:openLink')).toBe(false);
    expect(await call('desk:takeLinks', {})).toEqual({ ok: true, value: [{ kind: 'dial', value: '+15145550199' }] });
    desk.links.push({ kind: 'record', value: 'c1' });
    expect(events).toContainEqual({ event: 'desk:openLink', payload: { kind: 'record', value: 'c1' } });
    desk.links.hold();
    desk.links.push({ kind: 'record', value: 'c2' });
    expect(await call('desk:takeLinks', {})).toEqual({ ok: true, value: [{ kind: 'record', value: 'c2' }] });
  });

  it('the microphone refusal is told to the window and can be asked again', async () => {
    deskRuntime(services.context).setMicrophone('denied');
    expect(events).toContainEqual({ event: 'desk:microphoneAccess', payload: { status: 'denied' } });
    expect(await call('desk:microphoneAccess', {})).toEqual({ ok: true, value: { status: 'denied' } });
  });

  it('diagnostics tell the state of things and never the password or a log secret', async () => {
    await call('settings:update', {
      patch: { sip: { server: 'wss://pbx.example.ca/ws', uri: 'sip:marc@example.ca', authUser: 'marc', displayName: 'Marc', iceServers: [] } },
    });
    await call('desk:setStatus', { registration: 'registered', presence: 'break' });
    deskRuntime(services.context).attach({
      logTail: () => ['2026-03-02T14:00:00Z WARN socket {"url":"ws://127.0.0.1/ws?token=abc123secret"}'],
      environment: () => ({ Electron: '41.10.0' }),
    });
    const result = await call('diagnostics:get', {});
    const text = result.ok ? (result.value as { text: string }).text : '';
    expect(text).toContain('Electron: 41.10.0');
    expect(text).toContain('Serveur SIP: wss://pbx.example.ca/ws');
    expect(text).toContain('Enregistrement: registered');
    expect(text).toContain('Mot de passe SIP: enregistré');
    expect(text).not.toContain('Hunter2-secret');
    expect(text).not.toContain('abc123secret');
  });
});
