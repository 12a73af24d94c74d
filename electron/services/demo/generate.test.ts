import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAD_TYPES, OPPORTUNITY_STATUSES } from '../../../shared/domain/model';
import { parsePhone } from '../../../shared/phone/phone';
import { decide } from '../../../shared/rules';
import { openDatabase } from '../db/connection';
import { agentsRepo } from '../db/repos/agents';
import { contactsRepo } from '../db/repos/contacts';
import { scenarioFromCache } from '../inbound/scenario';
import { isValidVin } from './compose';
import { DemoError, generateDemo } from './generate';
import {
  DEMO_CHANNEL_SCENARIOS,
  DEMO_SCENARIOS,
  DEMO_UNKNOWN_NUMBER,
  HOSTILE_SCENARIO_NUMBER,
  demoScenariosAt,
} from './scenarios';

/** Tuesday 10 March 2026, 14:05 in Montréal. */
const NOW = new Date('2026-03-10T18:05:00Z');
const TZ = 'America/Toronto';

function demo(clients: number, seed: number, now = NOW): { db: Database; summary: ReturnType<typeof generateDemo> } {
  const db = openDatabase(':memory:');
  const summary = generateDemo(db, { clients, seed, now, timeZone: TZ });
  return { db, summary };
}

const all = <T>(db: Database, sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];
const one = <T>(db: Database, sql: string, ...params: unknown[]): T => db.prepare(sql).get(...params) as T;

describe('the demo call centre with 200 clients', () => {
  let db: Database;
  let summary: ReturnType<typeof generateDemo>;
  beforeAll(() => {
    ({ db, summary } = demo(200, 42));
  });
  afterAll(() => db.close());

  it('reports what it wrote', () => {
    expect(summary.clients).toBe(200);
    expect(summary.agents).toBe(one<{ n: number }>(db, 'SELECT count(*) n FROM agents').n);
    expect(summary.phones).toBe(one<{ n: number }>(db, 'SELECT count(*) n FROM client_phones').n);
    expect(summary.opportunities).toBe(one<{ n: number }>(db, 'SELECT count(*) n FROM opportunities').n);
    expect(one<{ n: number }>(db, 'SELECT count(*) n FROM clients').n).toBe(200);
  });

  it('leaves a database whose foreign keys, CHECK constraints and pages are all sound', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('puts the connection settings back (journal, checks, FTS merging)', () => {
    expect(db.pragma('ignore_check_constraints', { simple: true })).toBe(0);
    const config = all<{ k: string; v: number }>(db, 'SELECT k, v FROM client_search_config ORDER BY k');
    expect(config).toEqual(
      expect.arrayContaining([
        { k: 'automerge', v: 4 },
        { k: 'crisismerge', v: 16 },
      ]),
    );
    const indexes = all<{ name: string }>(
      db,
      "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL",
    ).map((r) => r.name);
    expect(indexes).toEqual(
      expect.arrayContaining(['client_phones_e164', 'client_emails_email', 'opportunities_provider_ref']),
    );
  });

  it('fills the branches with their sales reps, and books meetings with a rep of the branch', () => {
    const branches = all<{ name: string; sales_reps: string; virtual_sales_group: string }>(
      db,
      'SELECT name, sales_reps, virtual_sales_group FROM branches',
    );
    expect(branches.map((b) => b.name)).toEqual(
      expect.arrayContaining(['Montréal-Est', 'Laval', 'Québec', 'Sherbrooke', 'Gatineau']),
    );
    const reps = new Map(branches.map((b) => [b.name, JSON.parse(b.sales_reps) as string[]]));
    for (const m of all<{ branch: string; sales_rep: string }>(db, 'SELECT branch, sales_rep FROM meetings')) {
      expect(reps.get(m.branch)).toContain(m.sales_rep);
    }
  });

  it('keeps demo rows out of the team-sync outbox and puts its triggers back', () => {
    expect(one<{ n: number }>(db, 'SELECT count(*) n FROM outbox').n).toBe(0);
    const fresh = openDatabase(':memory:');
    const triggers = (d: Database) =>
      all<{ name: string }>(d, "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").map(
        (r) => r.name,
      );
    const indexes = (d: Database) =>
      all<{ name: string }>(d, "SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name").map((r) => r.name);
    expect(triggers(db)).toEqual(triggers(fresh));
    expect(indexes(db)).toEqual(indexes(fresh));
    fresh.close();
  });

  it('has a DA (Sophie Roy), a financing analyst, a supervisor and Marc Gagnon available', () => {
    const agents = all<{ id: string; name: string; role: string; presence: string; email: string; sip_uri: string }>(
      db,
      'SELECT id, name, role, presence, email, sip_uri FROM agents',
    );
    expect(agents.length).toBeGreaterThanOrEqual(12);
    expect(agents.find((a) => a.role === 'da')?.name).toBe('Sophie Roy');
    expect(agents.some((a) => a.role === 'analyst')).toBe(true);
    expect(agents.some((a) => a.role === 'supervisor')).toBe(true);
    expect(agents.find((a) => a.id === 'marc')).toMatchObject({ name: 'Marc Gagnon', presence: 'available' });
    expect(agents.find((a) => a.id === 'julie')).toMatchObject({ name: 'Julie Tremblay', presence: 'on_call' });
    for (const a of agents) {
      expect(a.id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(a.email).toMatch(/^[a-z-]+\.[a-z'-]+@poste-demo\.ca$/);
      expect(a.sip_uri).toMatch(/^sip:\d{3}@poste\.test$/);
    }
  });

  it('gives presences that agree with the shifts at now: off shift means offline', () => {
    const agents = agentsRepo(db);
    const shifts = agents.shifts();
    const states = agents.list().map((a) => ({
      id: a.id,
      presence: a.presence,
      onShift: shifts.some((s) => s.agent_id === a.id) && isOnShiftAt(shifts.filter((s) => s.agent_id === a.id)),
    }));
    for (const s of states) if (!s.onShift) expect(s.presence).toBe('offline');
    expect(states.filter((s) => s.onShift).length).toBeGreaterThan(2);
    expect(states.filter((s) => !s.onShift).length).toBeGreaterThan(0);
    expect(states.find((s) => s.id === 'luc')).toMatchObject({ onShift: false, presence: 'offline' });
  });

  it('has every lead type, every status, every tag and financing sources on financing leads', () => {
    const types = all<{ type: string }>(db, 'SELECT DISTINCT type FROM opportunities').map((r) => r.type);
    expect(types.sort()).toEqual([...LEAD_TYPES].sort());
    const statuses = all<{ status: string }>(db, 'SELECT DISTINCT status FROM opportunities').map((r) => r.status);
    expect(statuses.sort()).toEqual([...OPPORTUNITY_STATUSES].sort());
    const tags = all<{ tag: string }>(db, 'SELECT DISTINCT tag FROM opportunities').map((r) => r.tag);
    expect(tags.sort()).toEqual(['argent', 'bronze', 'or', 'platine']);
    expect(
      one<{ n: number }>(
        db,
        "SELECT count(*) n FROM opportunities WHERE type = 'financing' AND (financing_source IS NULL OR department <> 'financing')",
      ).n,
    ).toBe(0);
    expect(
      one<{ n: number }>(
        db,
        "SELECT count(*) n FROM opportunities WHERE type <> 'financing' AND financing_source IS NOT NULL",
      ).n,
    ).toBe(0);
    const departments = all<{ department: string }>(db, 'SELECT DISTINCT department FROM opportunities').map(
      (r) => r.department,
    );
    expect(departments.sort()).toEqual(['bdc', 'financing', 'service']);
  });

  it('marks handled OPPs with who and when, and leaves unhandled ones without', () => {
    expect(
      one<{ n: number }>(db, 'SELECT count(*) n FROM opportunities WHERE (handled_by IS NULL) <> (handled_at IS NULL)')
        .n,
    ).toBe(0);
    expect(one<{ n: number }>(db, 'SELECT count(*) n FROM opportunities WHERE handled_by IS NULL').n).toBeGreaterThan(
      0,
    );
    expect(
      one<{ n: number }>(
        db,
        'SELECT count(*) n FROM opportunities WHERE handled_by IS NOT NULL AND handled_by <> manager_id',
      ).n,
    ).toBe(0);
    // An unhandled OPP carries no action of its manager (the engine would call it handled).
    expect(
      one<{ n: number }>(
        db,
        `SELECT count(*) n FROM opportunities o JOIN activities a ON a.opportunity_id = o.id
          WHERE o.handled_by IS NULL AND a.agent_id = o.manager_id AND a.kind IN ('call','sms','email','result','follow_up','note')`,
      ).n,
    ).toBe(0);
  });

  it('has vehicles with valid VINs, stock numbers and real makes', () => {
    const vehicles = all<{ vehicle_vin: string; vehicle_stock: string; vehicle_make: string; vehicle_year: number }>(
      db,
      'SELECT vehicle_vin, vehicle_stock, vehicle_make, vehicle_year FROM opportunities WHERE vehicle_vin IS NOT NULL',
    );
    expect(vehicles.length).toBeGreaterThan(100);
    for (const v of vehicles) {
      expect(isValidVin(v.vehicle_vin)).toBe(true);
      expect(v.vehicle_stock).toMatch(/^S\d{5}$/);
      expect(v.vehicle_year).toBeGreaterThanOrEqual(2015);
    }
    const makes = new Set(vehicles.map((v) => v.vehicle_make));
    for (const make of ['Toyota', 'Honda', 'Hyundai', 'Ford']) expect(makes).toContain(make);
  });

  it('spreads leads over four months, in this month and the previous one (NL-1)', () => {
    const range = one<{ first: string; last: string }>(
      db,
      'SELECT min(created_at) first, max(created_at) last FROM opportunities',
    );
    expect(Date.parse(range.first)).toBeGreaterThan(NOW.getTime() - 125 * 86_400_000);
    expect(Date.parse(range.last)).toBeLessThanOrEqual(NOW.getTime());
    expect(
      one<{ n: number }>(db, "SELECT count(*) n FROM opportunities WHERE created_at >= '2026-03-01T05:00:00Z'").n,
    ).toBeGreaterThan(10);
    expect(
      one<{ n: number }>(
        db,
        "SELECT count(*) n FROM opportunities WHERE created_at >= '2026-02-01T05:00:00Z' AND created_at < '2026-03-01T05:00:00Z'",
      ).n,
    ).toBeGreaterThan(10);
  });

  it('has meetings of every status and kind, with MT-1 subjects and deposits', () => {
    const statuses = all<{ status: string }>(db, 'SELECT DISTINCT status FROM meetings').map((r) => r.status);
    expect(statuses.sort()).toEqual(['cancelled', 'no_show', 'planned', 'showed']);
    const meetings = all<{
      kind: string;
      subject: string;
      deposit: number;
      deposit_method: string | null;
      virtual_device: string | null;
      transfer: number;
      at: string;
      status: string;
    }>(db, 'SELECT kind, subject, deposit, deposit_method, virtual_device, transfer, at, status FROM meetings');
    const subject: Record<string, RegExp> = {
      inventory: /^[A-ZÀ-Ü' -]+ \/ INVENTAIRE$/,
      stock: /^[A-ZÀ-Ü' -]+ \/ S\d{5}$/,
      deposit: /^DÉPÔT \/ [A-ZÀ-Ü' -]+ \/ S\d{5}$/,
      virtual: /^VIRTUEL \/ [A-ZÀ-Ü' -]+ \/ S\d{5}$/,
      transfer: /^TRANSFERT \/ [A-ZÀ-Ü' -]+ \/ S\d{5}$/,
    };
    for (const m of meetings) {
      expect(m.subject).toMatch(subject[m.kind] as RegExp);
      expect(m.deposit === 1).toBe(m.kind === 'deposit');
      expect(m.deposit_method !== null).toBe(m.kind === 'deposit');
      expect(m.virtual_device !== null).toBe(m.kind === 'virtual');
      expect(m.transfer === 1).toBe(m.kind === 'transfer');
      if (m.status === 'planned') expect(Date.parse(m.at)).toBeGreaterThan(NOW.getTime());
      else expect(Date.parse(m.at)).toBeLessThan(NOW.getTime());
    }
    expect(new Set(meetings.map((m) => m.kind)).size).toBe(5);
  });

  it('has no-shows followed up by their booker recently, long ago, and not at all', () => {
    const noShows = all<{ id: string; booked_by: string; at: string; last_fu: string | null }>(
      db,
      `SELECT m.id, m.booked_by, m.at,
              (SELECT max(a.at) FROM activities a WHERE a.meeting_id = m.id AND a.kind = 'follow_up' AND a.agent_id = m.booked_by) last_fu
         FROM meetings m WHERE m.status = 'no_show'`,
    );
    const within72h = (fu: string) => NOW.getTime() - Date.parse(fu) <= 72 * 3_600_000;
    expect(noShows.some((m) => m.last_fu !== null && within72h(m.last_fu))).toBe(true);
    expect(noShows.some((m) => m.last_fu !== null && !within72h(m.last_fu))).toBe(true);
    expect(noShows.some((m) => m.last_fu === null)).toBe(true);
    const data = all<{ data: string; meeting_id: string }>(
      db,
      "SELECT data, meeting_id FROM activities WHERE kind = 'follow_up' AND meeting_id IS NOT NULL",
    );
    for (const d of data) expect(JSON.parse(d.data)).toEqual({ meetingId: d.meeting_id });
  });

  it('writes follow-up notes in the FU-2 format, some by a colleague in the last 3 hours (CB-1)', () => {
    const notes = all<{ note: string }>(db, "SELECT note FROM activities WHERE kind = 'follow_up'").map((r) => r.note);
    expect(notes.length).toBeGreaterThan(50);
    for (const note of notes) expect(note).toMatch(/^PDR J\d+ R\d( \+ TEXTO)?$/);
    expect(notes.some((n) => n.endsWith(' + TEXTO'))).toBe(true);
    const recentByColleague = one<{ n: number }>(
      db,
      `SELECT count(*) n FROM activities a JOIN opportunities o ON o.id = a.opportunity_id
        WHERE a.kind = 'follow_up' AND a.agent_id <> o.manager_id AND a.at >= ?`,
      new Date(NOW.getTime() - 3 * 3_600_000).toISOString(),
    ).n;
    expect(recentByColleague).toBeGreaterThan(0);
  });

  it('records calls with durations, results with their labels, texts both ways and chats', () => {
    for (const row of all<{ data: string }>(db, "SELECT data FROM activities WHERE kind = 'call'")) {
      expect(JSON.parse(row.data)).toEqual({ durationS: expect.any(Number) });
    }
    const labels = new Set(all<{ label_fr: string }>(db, 'SELECT label_fr FROM result_choices').map((r) => r.label_fr));
    const results = all<{ note: string }>(db, "SELECT note FROM activities WHERE kind = 'result'");
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(labels).toContain(r.note);
    const recentReplies = one<{ n: number }>(
      db,
      "SELECT count(*) n FROM texts WHERE direction = 'in' AND at >= ?",
      new Date(NOW.getTime() - 3 * 60_000).toISOString(),
    ).n;
    expect(recentReplies).toBeGreaterThan(0);
    expect(
      one<{ n: number }>(
        db,
        "SELECT count(*) n FROM texts WHERE direction = 'in' AND at < ?",
        new Date(NOW.getTime() - 3600_000).toISOString(),
      ).n,
    ).toBeGreaterThan(0);
    expect(one<{ n: number }>(db, 'SELECT count(*) n FROM chats').n).toBeGreaterThan(0);
    expect(one<{ n: number }>(db, 'SELECT count(*) n FROM call_log').n).toBeGreaterThan(0);
    expect(one<{ n: number }>(db, 'SELECT count(*) n FROM activities WHERE at > ?', NOW.toISOString()).n).toBe(0);
  });

  it('gives every client 1 to 3 phones that parse, are unique, and a mobile that takes texts', () => {
    const phones = all<{ client_id: string; e164: string; kind: string; sms_capable: number }>(
      db,
      'SELECT client_id, e164, kind, sms_capable FROM client_phones',
    );
    const perClient = new Map<string, string[]>();
    for (const p of phones) {
      const parsed = parsePhone(p.e164);
      expect(parsed).toMatchObject({ ok: true, e164: p.e164 });
      expect(p.e164).toMatch(/^\+1(514|438|450|418|819)[2-9]\d{6}$/);
      expect(p.sms_capable).toBe(p.kind === 'mobile' ? 1 : 0);
      perClient.set(p.client_id, [...(perClient.get(p.client_id) ?? []), p.e164]);
    }
    expect(perClient.size).toBe(200);
    for (const list of perClient.values()) {
      expect(list.length).toBeGreaterThanOrEqual(1);
      expect(list.length).toBeLessThanOrEqual(3);
      expect(new Set(list).size).toBe(list.length);
    }
    expect(new Set(phones.map((p) => p.e164)).size).toBe(phones.length);
  });

  it('has Québec names with accents, both languages, CRE numbers and lower-case e-mails', () => {
    const clients = all<{ first_name: string; last_name: string; language: string; cre: string | null }>(
      db,
      'SELECT first_name, last_name, language, cre FROM clients',
    );
    const en = clients.filter((c) => c.language === 'en').length;
    expect(en).toBeGreaterThan(15);
    expect(en).toBeLessThan(80);
    expect(clients.some((c) => /[éèêëàâçôîïû]/i.test(c.first_name + c.last_name))).toBe(true);
    expect(clients.some((c) => c.cre !== null)).toBe(true);
    for (const e of all<{ email: string }>(db, 'SELECT email FROM client_emails'))
      expect(e.email).toBe(e.email.toLowerCase());
    expect(one<{ n: number }>(db, "SELECT count(*) n FROM clients WHERE origin <> 'demo'").n).toBe(0);
    expect(one<{ n: number }>(db, "SELECT count(*) n FROM opportunities WHERE origin <> 'demo'").n).toBe(0);
  });

  it('fills the search index: one row per client, found by name and e-mail, and by phone digits through the numbers\' index', () => {
    expect(one<{ n: number }>(db, 'SELECT count(*) n FROM client_search').n).toBe(200);
    const contacts = contactsRepo(db);
    const [eloise] = contacts.clientIdsByPhone(HOSTILE_SCENARIO_NUMBER);
    expect(contacts.searchPhones('5550199', 5)).toContain(eloise);
    expect(contacts.searchPhones('15145550199', 5)).toContain(eloise);
    expect(contacts.search('eloise', 5)).toContain(eloise); // diacritics removed
    expect(contacts.search('"eloise.cote"', 5)).toContain(eloise);
  });

  it('installs French SMS templates with placeholders and the result choices', () => {
    const templates = all<{ name: string; body: string }>(db, 'SELECT name, body FROM sms_templates ORDER BY sort');
    expect(templates.map((t) => t.name)).toEqual(
      expect.arrayContaining(['Premier contact', 'Relance J2', 'Confirmation RDV', 'No-show']),
    );
    const placeholders = templates.map((t) => t.body).join(' ');
    for (const p of ['{prenom}', '{nom}', '{agent}', '{succursale}', '{stock}']) expect(placeholders).toContain(p);
    const choices = all<{ label_fr: string; label_en: string; opens: string | null }>(
      db,
      'SELECT label_fr, label_en, opens FROM result_choices ORDER BY sort',
    );
    expect(choices).toHaveLength(8);
    expect(choices.find((c) => c.label_fr === 'Rejoint — RDV pris')?.opens).toBe('booking');
    expect(choices.find((c) => c.label_fr === 'Rejoint — à rappeler')?.opens).toBe('schedule_call');
    for (const c of choices) expect(c.label_en.length).toBeGreaterThan(3);
  });

  it('resolves each scenario number to exactly one client, and the unknown number to none', () => {
    const contacts = contactsRepo(db);
    for (const s of [...DEMO_SCENARIOS, ...DEMO_CHANNEL_SCENARIOS]) {
      expect(contacts.clientIdsByPhone(s.number), s.rule).toHaveLength(1);
    }
    expect(contacts.clientIdsByPhone(DEMO_UNKNOWN_NUMBER)).toEqual([]);
  });

  it('keeps the hostile lead content of Éloïse Côté-Tremblay as text', () => {
    const contacts = contactsRepo(db);
    const id = contacts.clientIdsByPhone(HOSTILE_SCENARIO_NUMBER)[0] as string;
    const bundle = contacts.read(id);
    expect(bundle?.client).toMatchObject({ first_name: 'Éloïse', last_name: 'Côté-Tremblay' });
    expect(bundle?.emails.map((e) => e.email)).toEqual(['eloise.cote@example.ca']);
    const opp = bundle?.opportunities[0];
    expect(opp?.message).toContain('<img src=x onerror=alert(1)>');
    expect(opp?.message).toContain('javascript:alert(1)');
    expect(opp?.vehicle_make).toBe('Hyundai');
    expect(bundle?.meetings[0]?.subject).toBe('ÉLOÏSE / S31337');
  });
});

/** Whether weekly shift rows cover NOW in Montréal (Tuesday 14:05). */
function isOnShiftAt(shifts: { weekday: number; start_minute: number; end_minute: number }[]): boolean {
  return shifts.some((s) => s.weekday === 2 && s.start_minute <= 14 * 60 + 5 && 14 * 60 + 5 < s.end_minute);
}

describe('the scenario numbers, received by Marc, at any time of day', () => {
  const times = [
    ['a Tuesday afternoon', '2026-03-10T18:05:00Z'],
    ['a Sunday at 3 a.m.', '2026-03-15T07:00:00Z'],
    ['a Saturday at 23:30', '2026-06-13T03:30:00Z'],
    ['the night of a DST change, the 1st of the month', '2026-11-01T06:30:00Z'],
    ['the 1st of a month at 9 a.m.', '2026-04-01T13:00:00Z'],
  ] as const;

  it.each(times)('give their documented verdict on %s', (_label, at) => {
    const now = new Date(at);
    const { db } = demo(40, 3, now);
    try {
      const contacts = contactsRepo(db);
      const agents = agentsRepo(db);
      const verdictFor = (number: string, channel: 'phone' | 'chat' | 'sms') => {
        const id = contacts.clientIdsByPhone(number)[0] as string;
        return decide(
          scenarioFromCache({
            now,
            timeZone: TZ,
            channel,
            receiverId: 'marc',
            agents: agents.list(),
            shifts: agents.shifts(),
            client: contacts.read(id) ?? null,
          }),
        );
      };
      for (const s of demoScenariosAt(now, TZ))
        expect(verdictFor(s.number, 'phone').rules[0], s.description).toBe(s.rule);
      for (const s of DEMO_CHANNEL_SCENARIOS)
        expect(verdictFor(s.number, s.channel).rules[0], s.description).toBe(s.rule);
    } finally {
      db.close();
    }
  });

  it('turn PU-1c into NL-1b when generated in the first hours of a month, and say so', () => {
    const now = new Date('2026-04-01T05:30:00Z'); // 1 April, 01:30 in Montréal
    const adjusted = demoScenariosAt(now, TZ);
    expect(adjusted.find((s) => s.number === '+15145550106')?.rule).toBe('NL-1b');
    const { db } = demo(40, 3, now);
    try {
      const contacts = contactsRepo(db);
      const agents = agentsRepo(db);
      const id = contacts.clientIdsByPhone('+15145550106')[0] as string;
      const verdict = decide(
        scenarioFromCache({
          now,
          timeZone: TZ,
          channel: 'phone',
          receiverId: 'marc',
          agents: agents.list(),
          shifts: agents.shifts(),
          client: contacts.read(id) ?? null,
        }),
      );
      expect(verdict.rules[0]).toBe('NL-1b');
    } finally {
      db.close();
    }
  });
});

describe('generating again', () => {
  it('gives the same rows for the same seed and now, and other names for another seed', () => {
    const a = demo(200, 7);
    const b = demo(200, 7);
    const c = demo(200, 8);
    const dump = (db: Database) => ({
      clients: all(db, 'SELECT * FROM clients ORDER BY id'),
      phones: all(db, 'SELECT * FROM client_phones ORDER BY id'),
      opps: all(db, 'SELECT * FROM opportunities ORDER BY id'),
      activities: all(db, 'SELECT * FROM activities ORDER BY id'),
    });
    expect(dump(a.db)).toEqual(dump(b.db));
    const names = (db: Database) =>
      all<{ n: string }>(db, "SELECT first_name || ' ' || last_name n FROM clients ORDER BY rowid").map((r) => r.n);
    expect(names(c.db)).not.toEqual(names(a.db));
    for (const x of [a, b, c]) x.db.close();
  });

  it('refuses a database that already has clients, and leaves it untouched', () => {
    const { db } = demo(30, 1);
    try {
      expect(() => generateDemo(db, { clients: 30, now: NOW })).toThrow(DemoError);
      expect(one<{ n: number }>(db, 'SELECT count(*) n FROM clients').n).toBe(30);
    } finally {
      db.close();
    }
  });

  it('refuses a cache connected to a team database', () => {
    const db = openDatabase(':memory:');
    try {
      db.exec('UPDATE sync_state SET enabled = 1');
      expect(() => generateDemo(db, { clients: 10, now: NOW })).toThrow(/team database/);
    } finally {
      db.close();
    }
  });

  it('refuses impossible options', () => {
    const db = openDatabase(':memory:');
    try {
      expect(() => generateDemo(db, { clients: 0, now: NOW })).toThrow(/1 to 1000000/);
      expect(() => generateDemo(db, { clients: 1_000_001, now: NOW })).toThrow(DemoError);
      expect(() => generateDemo(db, { clients: 10, now: new Date('nope') })).toThrow(/now/);
      expect(() => generateDemo(db, { clients: 10, now: NOW, timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
      expect(one<{ n: number }>(db, 'SELECT count(*) n FROM agents').n).toBe(0);
    } finally {
      db.close();
    }
  });

  it('writes the scenario clients even when asked for fewer clients', () => {
    const { db, summary } = demo(1, 1);
    try {
      expect(summary.clients).toBe(DEMO_SCENARIOS.length + DEMO_CHANNEL_SCENARIOS.length + 1);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
