/**
 * Property tests: whatever the scenario, the engine answers with a valid verdict, names the
 * rule that decided, and never hands the contact to someone who cannot take it.
 * Metamorphic properties follow: transformations the procedures say cannot matter (renamed ids,
 * reordered lists, a week later, rows dated after now, bystanders) leave the verdict unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, decide, parseScenario, verdictSchema } from './index';
import type { RuleId, Scenario, Verdict } from './index';
import { isEarlierMonth, isWithinShifts, offsetMinutes } from './time';

const AGENT_IDS = ['a1', 'a2', 'a3', 'a4'] as const;
/** Ids the scenario may cite; `ghost` is never in the agent list. */
const PEOPLE = [...AGENT_IDS, 'ghost'] as const;
const START = Date.UTC(2025, 0, 1);
const END = Date.UTC(2027, 11, 31);

/** Rules that only add actions or co-decide: never first. */
const NEVER_FIRST: readonly RuleId[] = ['INV-0', 'EL-2', 'RDV-1', 'OPEN-1', 'NL-1a'];

const iso = (ms: number): string => new Date(ms).toISOString();
/** An instant between `before` minutes before now and `after` minutes after, to the second. */
const aroundMinutes = (nowMs: number, before: number, after: number): fc.Arbitrary<string> =>
  fc.integer({ min: -before * 60, max: after * 60 }).map((sec) => iso(nowMs + sec * 1000));
/** An instant between `beforeDays` days before now and `afterDays` days after, to the minute. */
const around = (nowMs: number, beforeDays: number, afterDays: number): fc.Arbitrary<string> =>
  fc
    .integer({ min: -beforeDays * 1440, max: afterDays * 1440 })
    .map((min) => iso(Math.floor(nowMs / 60_000) * 60_000 + min * 60_000));

const dailyTime = fc.constantFrom('00:00', '06:30', '08:00', '12:00', '17:00', '22:00', '23:59');

function shiftsArb(nowMs: number): fc.Arbitrary<{ start: string; end: string }[]> {
  const daily = fc.record({ start: dailyTime, end: dailyTime });
  const instants = fc.record({ start: around(nowMs, 1, 0), end: around(nowMs, 0, 1) });
  const local = fc.record({ start: around(nowMs, 1, 0), end: around(nowMs, 0, 1) }).map((s) => ({
    start: s.start.slice(0, 16),
    end: s.end.slice(0, 16),
  }));
  return fc.array(fc.oneof(daily, instants, local), { maxLength: 2 });
}

function agentArb(id: string, nowMs: number): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      id: fc.constant(id),
      name: fc.option(fc.constantFrom('Julie Tremblay', 'Marc Gagnon', 'Luc Bouchard'), { nil: undefined }),
      role: fc.constantFrom('agent', 'da', 'analyst', 'supervisor', 'trainee'),
      presence: fc.constantFrom('available', 'on_call', 'break', 'offline'),
      shiftState: fc.oneof(
        fc.boolean().map((onShift) => ({ onShift })),
        shiftsArb(nowMs).map((shifts) => ({ shifts })),
      ),
    })
    .map(({ shiftState, ...rest }) => ({ ...rest, ...shiftState }));
}

function opportunityArb(ids: readonly string[], nowMs: number): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      id: fc.constantFrom(...ids),
      type: fc.constantFrom('internet', 'internet', 'email', 'phone_up', 'chat', 'sms', 'financing'),
      department: fc.constantFrom('bdc', 'bdc', 'bdc', 'financing', 'service'),
      status: fc.constantFrom(
        'in_progress',
        'in_progress',
        'in_progress',
        'response_sent',
        'contacted',
        'appointment_booked',
        'lost_bdc',
        'invalid_bdc',
        'showed',
        'lost_showroom',
        'sold',
        'lost_fi',
        'sold_not_delivered',
        'delivered',
        'long_term',
        'expired',
      ),
      managerId: fc.option(fc.constantFrom(...PEOPLE), { nil: null, freq: 8 }),
      handled: fc.option(fc.boolean(), { nil: undefined }),
      createdAt: around(nowMs, 90, 0),
      source: fc.constantFrom('credsii_de', 'preapproval', 'dealertrack'),
    })
    .map(({ source, ...o }) => (o.type === 'financing' ? { ...o, source } : o));
}

function clientArb(id: string, oppIds: readonly string[], nowMs: number): fc.Arbitrary<Record<string, unknown>> {
  const oppRef = fc.constantFrom(...oppIds);
  return fc.record({
    id: fc.constant(id),
    opportunities: fc.uniqueArray(opportunityArb(oppIds, nowMs), { selector: (o) => o.id, maxLength: 4 }),
    meetings: fc.array(
      fc.record({
        id: fc.constantFrom('m1', 'm2', 'm3'),
        opportunityId: oppRef,
        bookedBy: fc.constantFrom(...PEOPLE),
        at: around(nowMs, 10, 10),
        status: fc.constantFrom('planned', 'planned', 'no_show', 'showed', 'cancelled'),
        deposit: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
    activities: fc.array(
      fc.record({
        at: fc.oneof(around(nowMs, 5, 0), aroundMinutes(nowMs, 300, 0)),
        agentId: fc.constantFrom(...PEOPLE),
        opportunityId: fc.option(oppRef, { nil: undefined }),
        kind: fc.constantFrom('call', 'blead_call', 'sms', 'email', 'redirect', 'result', 'follow_up', 'note'),
        meetingId: fc.option(fc.constantFrom('m1', 'm2', 'm3'), { nil: undefined }),
      }),
      { maxLength: 5 },
    ),
    chats: fc.array(fc.record({ agentId: fc.constantFrom(...PEOPLE), startedAt: around(nowMs, 1, 0) }), {
      maxLength: 2,
    }),
    texts: fc.array(
      fc.record({
        at: aroundMinutes(nowMs, 10, 0),
        direction: fc.constantFrom('in', 'out'),
        agentId: fc.option(fc.constantFrom(...PEOPLE), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
  });
}

const scenarioArb: fc.Arbitrary<unknown> = fc
  .integer({ min: START, max: END })
  .chain((nowMs) =>
    fc.record({
      now: fc.constant(iso(nowMs)),
      timeZone: fc.constantFrom('America/Toronto', 'UTC', 'Europe/Paris', 'Asia/Kolkata', 'America/St_Johns'),
      channel: fc.constantFrom('phone', 'chat', 'sms'),
      receiverId: fc.constantFrom(...PEOPLE),
      agents: fc
        .subarray([...AGENT_IDS], { minLength: 1 })
        .chain((ids) => fc.tuple(...ids.map((id) => agentArb(id, nowMs)))),
      client: fc.option(clientArb('c1', ['o1', 'o2', 'o3', 'o4', 'o5'], nowMs), { nil: null }),
      emailMatches: fc.array(clientArb('c9', ['e1', 'e2', 'e3'], nowMs), { maxLength: 2 }),
    }),
  )
  // JSON round trip: drops undefined optional fields, as a hand-written file would.
  .map((s) => JSON.parse(JSON.stringify(s)) as unknown);

function parsed(json: unknown): Scenario {
  const r = parseScenario(json);
  if (!r.ok) throw new Error(`generator produced an invalid scenario at ${r.error.path}: ${r.error.message}`);
  return r.value;
}

/** On shift, computed independently of the engine's facts. */
function onShift(s: Scenario, id: string): boolean {
  const a = s.agents.find((x) => x.id === id);
  if (!a) return false;
  return a.onShift ?? isWithinShifts(a.shifts ?? [], Date.parse(s.now), s.timeZone);
}

/** Reachable: on shift and available. */
function reachable(s: Scenario, id: string): boolean {
  return onShift(s, id) && s.agents.find((x) => x.id === id)?.presence === 'available';
}

/**
 * Who can take a transferred contact: a call only goes to a reachable agent; a chat (CH-2)
 * waits in its manager's queue, so it may go to one on a call or on a break, never to one who
 * is absent (off shift or offline).
 */
function canTake(s: Scenario, v: Verdict, id: string): boolean {
  if (v.rules[0] !== 'CH-2') return reachable(s, id);
  return onShift(s, id) && s.agents.find((x) => x.id === id)?.presence !== 'offline';
}

const RUNS = { numRuns: 400 };

describe('rules engine properties', () => {
  it('decides every valid scenario with a verdict that passes verdictSchema', () => {
    fc.assert(
      fc.property(scenarioArb, (json) => {
        const v = decide(parsed(json));
        expect(verdictSchema.safeParse(v).success).toBe(true);
      }),
      RUNS,
    );
  });

  it('names a deciding rule first', () => {
    fc.assert(
      fc.property(scenarioArb, (json) => {
        const v = decide(parsed(json));
        const first = v.rules[0];
        expect(first).toBeDefined();
        expect(RULE_IDS).toContain(first);
        expect(NEVER_FIRST).not.toContain(first);
      }),
      RUNS,
    );
  });

  it('transfers only to an agent of the scenario who can take the contact, never to the receiver', () => {
    fc.assert(
      fc.property(scenarioArb, (json) => {
        const s = parsed(json);
        const v = decide(s);
        if (v.transferTo !== null) {
          expect(s.agents.map((a) => a.id)).toContain(v.transferTo);
          expect(v.transferTo).not.toBe(s.receiverId);
        }
        if (v.decision === 'transfer') {
          expect(v.transferTo).not.toBeNull();
          expect(canTake(s, v, v.transferTo ?? '')).toBe(true);
        } else {
          expect(v.transferTo).toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('explains itself in both languages', () => {
    fc.assert(
      fc.property(scenarioArb, (json) => {
        const v = decide(parsed(json));
        expect(v.explanation.fr.trim().length).toBeGreaterThan(0);
        expect(v.explanation.en.trim().length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('reserves only with a future deadline, and sets none otherwise', () => {
    fc.assert(
      fc.property(scenarioArb, (json) => {
        const s = parsed(json);
        const v = decide(s);
        if (v.decision === 'reserved') {
          expect(v.reservedUntil).not.toBeNull();
          expect(Date.parse(v.reservedUntil ?? '')).toBeGreaterThan(Date.parse(s.now));
        } else {
          expect(v.reservedUntil).toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('ignores Invalide BDC OPPs everywhere (INV-0) and never lists the verdict OPP as another file', () => {
    fc.assert(
      fc.property(scenarioArb, (json) => {
        const s = parsed(json);
        const v = decide(s);
        const invalid = new Set(
          (s.client?.opportunities ?? []).filter((o) => o.status === 'invalid_bdc').map((o) => o.id),
        );
        if (v.opportunityId !== null) expect(invalid.has(v.opportunityId)).toBe(false);
        for (const file of v.otherOpenFiles) {
          expect(invalid.has(file.opportunityId)).toBe(false);
          expect(file.opportunityId).not.toBe(v.opportunityId);
        }
        for (const action of v.actions) {
          const target = action.split(':')[1];
          if (target !== undefined) expect(invalid.has(target)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('is pure: the same scenario always gives the same verdict', () => {
    fc.assert(
      fc.property(scenarioArb, (json) => {
        const s = parsed(json);
        expect(decide(s)).toEqual(decide(structuredClone(s)));
      }),
      { numRuns: 100 },
    );
  });
});

/*
 * Metamorphic properties: transformations of a scenario that, by the procedures' own logic,
 * must not change the verdict (or must change it in a known way). Each one compares the verdict
 * of a generated scenario with the verdict of its transformed copy.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const MRUNS = { numRuns: 250 };

/** A parsed scenario with a client (most transformations need one). */
const withClientArb: fc.Arbitrary<Scenario> = scenarioArb
  .map(parsed)
  .filter((s): s is Scenario & { client: NonNullable<Scenario['client']> } => s.client !== null);

/** Re-validates a transformed scenario through JSON, as the command line would read it. */
function reparse(s: Scenario): Scenario {
  return parsed(JSON.parse(JSON.stringify(s)));
}

type Client = NonNullable<Scenario['client']>;

/** The client with every instant it holds (OPPs, meetings, activities, chats, texts) passed through `f`. */
function mapInstants(c: Client, f: (iso: string) => string): Client {
  return {
    ...c,
    opportunities: c.opportunities.map((o) => ({ ...o, createdAt: f(o.createdAt) })),
    meetings: c.meetings.map((m) => ({ ...m, at: f(m.at) })),
    activities: c.activities.map((a) => ({ ...a, at: f(a.at) })),
    chats: c.chats.map((x) => ({ ...x, startedAt: f(x.startedAt) })),
    texts: c.texts.map((x) => ({ ...x, at: f(x.at) })),
  };
}
function clientOf(s: Scenario): Client {
  if (!s.client) throw new Error('scenario without a client');
  return s.client;
}

/** Inserts `item` at position `at` (modulo the length + 1). */
function insertAt<T>(items: readonly T[], item: T, at: number): T[] {
  const i = at % (items.length + 1);
  return [...items.slice(0, i), item, ...items.slice(i)];
}

/** The verdict without its prose. */
function withoutProse(v: Verdict): Omit<Verdict, 'explanation'> {
  const { explanation: _explanation, ...rest } = v;
  return rest;
}

/** Every id that plays a role for the client: receiver, managers, bookers, authors of activities, chats, texts. */
function involved(s: Scenario): Set<string> {
  const ids = new Set<string>([s.receiverId]);
  for (const c of [s.client, ...s.emailMatches]) {
    if (!c) continue;
    for (const o of c.opportunities) if (o.managerId !== null) ids.add(o.managerId);
    for (const m of c.meetings) ids.add(m.bookedBy);
    for (const a of c.activities) ids.add(a.agentId);
    for (const x of c.chats) ids.add(x.agentId);
    for (const t of c.texts) if (t.agentId !== undefined) ids.add(t.agentId);
  }
  return ids;
}

const ALL_KINDS = ['call', 'blead_call', 'sms', 'email', 'redirect', 'result', 'follow_up', 'note'] as const;
/** Kinds that are not a relance, unless their note reads « PDR … » (FU-2). */
const NOT_FOLLOW_UP = ['call', 'blead_call', 'sms', 'email', 'redirect', 'result', 'note'] as const;

describe('rules engine metamorphic properties', () => {
  it('INV-0: adding an Invalide BDC OPP, with meetings and activities on it, changes nothing but the INV-0 citation', () => {
    const invalidArb = fc.record({
      type: fc.constantFrom('internet', 'email', 'phone_up', 'chat', 'sms', 'financing'),
      department: fc.constantFrom('bdc', 'bdc', 'financing', 'service'),
      managerId: fc.option(fc.constantFrom(...PEOPLE), { nil: null }),
      handled: fc.option(fc.boolean(), { nil: undefined }),
      createdOffsetMin: fc.integer({ min: -90 * 1440, max: 0 }),
      meetings: fc.array(
        fc.record({
          bookedBy: fc.constantFrom(...PEOPLE),
          offsetMin: fc.integer({ min: -10 * 1440, max: 10 * 1440 }),
          status: fc.constantFrom('planned', 'no_show', 'showed', 'cancelled'),
          deposit: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
      activities: fc.array(
        fc.record({
          agentId: fc.constantFrom(...PEOPLE),
          offsetMin: fc.integer({ min: -5 * 1440, max: 0 }),
          kind: fc.constantFrom(...ALL_KINDS),
          note: fc.constantFrom(undefined, 'PDR J1 R1', 'PDR J2 R2 + TEXTO'),
          onMeeting: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
      positions: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
    });
    fc.assert(
      fc.property(withClientArb, invalidArb, (s, x) => {
        const nowMs = Date.parse(s.now);
        const c = clientOf(s);
        const t = structuredClone(s);
        const tc = clientOf(t);
        const opp = {
          id: 'oinv',
          type: x.type,
          department: x.department,
          status: 'invalid_bdc' as const,
          managerId: x.managerId,
          handled: x.handled,
          createdAt: iso(nowMs + x.createdOffsetMin * 60_000),
          ...(x.type === 'financing' ? { source: 'preapproval' as const } : {}),
        };
        tc.opportunities = insertAt(c.opportunities, opp, x.positions[0] ?? 0);
        x.meetings.forEach((m, i) => {
          const meeting = {
            id: `minv${i}`,
            opportunityId: 'oinv',
            bookedBy: m.bookedBy,
            at: iso(nowMs + m.offsetMin * 60_000),
            status: m.status,
            deposit: m.deposit,
          };
          tc.meetings = insertAt(tc.meetings, meeting, (x.positions[1] ?? 0) + i);
        });
        x.activities.forEach((a, i) => {
          const activity = {
            at: iso(nowMs + a.offsetMin * 60_000),
            agentId: a.agentId,
            opportunityId: 'oinv',
            kind: a.kind,
            ...(a.note !== undefined ? { note: a.note } : {}),
            ...(a.onMeeting && x.meetings.length > 0 ? { meetingId: 'minv0' } : {}),
          };
          tc.activities = insertAt(tc.activities, activity, (x.positions[2] ?? 0) + i);
        });
        const before = decide(s);
        const after = decide(reparse(t));
        expect(withoutProse({ ...after, rules: after.rules.filter((r) => r !== 'INV-0') })).toEqual(
          withoutProse({ ...before, rules: before.rules.filter((r) => r !== 'INV-0') }),
        );
        expect(after.rules).toContain('INV-0');
        expect(after.explanation.fr).toMatch(/\(Invalide BDC\) (est|sont) ignorées?/);
        expect(after.explanation.fr).not.toContain('oinv');
      }),
      MRUNS,
    );
  });

  it('renaming every agent, client, OPP and meeting id consistently renames the verdict and nothing else', () => {
    // Fresh ids in odd spellings (case, accents, prototype names); none contains ':' since the
    // action format separates its fields with ':'. None is a substring of another or of the prose,
    // so the verdict's ids can be mapped back by plain replacement.
    const FRESH = ['Zq7-x', 'constructor', '__proto__', 'toString', 'Éloïse_2', 'b.0', 'ZZ 9', 'o1o1', 'm-42', 'qq_1', 'hasOwnProperty', 'X_Y_Z'];
    const ORIGINAL = [...PEOPLE, 'c1', 'c9', 'o1', 'o2', 'o3', 'o4', 'o5', 'e1', 'e2', 'e3', 'm1', 'm2', 'm3'];
    const namesArb = fc.shuffledSubarray(
      [...FRESH, ...Array.from({ length: ORIGINAL.length }, (_, i) => `id${String.fromCharCode(65 + i)}w`)],
      { minLength: ORIGINAL.length, maxLength: ORIGINAL.length },
    );
    fc.assert(
      fc.property(scenarioArb.map(parsed), namesArb, (s, fresh) => {
        const to = new Map(ORIGINAL.map((id, i) => [id, fresh[i] ?? id]));
        const back = [...to.entries()].map(([o, n]) => [n, o] as const).sort((a, b) => b[0].length - a[0].length);
        const rn = (id: string): string => to.get(id) ?? id;
        const renameClient = (c: Client): Client => ({
          ...c,
          id: rn(c.id),
          opportunities: c.opportunities.map((o) => ({ ...o, id: rn(o.id), managerId: o.managerId === null ? null : rn(o.managerId) })),
          meetings: c.meetings.map((m) => ({ ...m, id: rn(m.id), opportunityId: rn(m.opportunityId), bookedBy: rn(m.bookedBy) })),
          activities: c.activities.map((a) => ({
            ...a,
            agentId: rn(a.agentId),
            ...(a.opportunityId !== undefined ? { opportunityId: rn(a.opportunityId) } : {}),
            ...(a.meetingId !== undefined ? { meetingId: rn(a.meetingId) } : {}),
          })),
          chats: c.chats.map((x) => ({ ...x, agentId: rn(x.agentId) })),
          texts: c.texts.map((x) => (x.agentId === undefined ? x : { ...x, agentId: rn(x.agentId) })),
        });
        const t: Scenario = {
          ...s,
          receiverId: rn(s.receiverId),
          agents: s.agents.map((a) => ({ ...a, id: rn(a.id) })),
          client: s.client ? renameClient(s.client) : null,
          emailMatches: s.emailMatches.map(renameClient),
        };
        const before = decide(s);
        let text = JSON.stringify(decide(reparse(t)));
        for (const [n, o] of back) text = text.split(JSON.stringify(n).slice(1, -1)).join(o);
        expect(JSON.parse(text)).toEqual(before);
      }),
      MRUNS,
    );
  });

  it('the explanation never shows a client, OPP or meeting id, even when the ids are database UUIDs', () => {
    // The console's ids are UUIDs (« a087eb8d-da59-… »): the agent reads the meeting's day and the
    // OPP's type, never those; the verdict's fields and actions still carry them.
    const UUID_LIKE = /[0-9a-f]{8}-[0-9a-f]{4}/i;
    fc.assert(
      fc.property(scenarioArb.map(parsed), (s) => {
        const ids = new Map<string, string>();
        const uuid = (id: string): string => {
          let out = ids.get(id);
          if (out === undefined) {
            const n = (ids.size + 1).toString(16).padStart(4, '0');
            out = `0192f3a${n.slice(0, 1)}-${n}-7c4e-9d21-5b8e6f0a${n}`;
            ids.set(id, out);
          }
          return out;
        };
        const toUuids = (c: Client): Client => ({
          ...c,
          id: uuid(`c:${c.id}`),
          opportunities: c.opportunities.map((o) => ({ ...o, id: uuid(`o:${o.id}`) })),
          meetings: c.meetings.map((m) => ({
            ...m,
            id: uuid(`m:${m.id}`),
            opportunityId: uuid(`o:${m.opportunityId}`),
          })),
          activities: c.activities.map((a) => ({
            ...a,
            ...(a.opportunityId !== undefined ? { opportunityId: uuid(`o:${a.opportunityId}`) } : {}),
            ...(a.meetingId !== undefined ? { meetingId: uuid(`m:${a.meetingId}`) } : {}),
          })),
        });
        const v = decide(
          reparse({ ...s, client: s.client ? toUuids(s.client) : null, emailMatches: s.emailMatches.map(toUuids) }),
        );
        expect(v.explanation.fr).not.toMatch(UUID_LIKE);
        expect(v.explanation.en).not.toMatch(UUID_LIKE);
      }),
      MRUNS,
    );
  });

  it('reordering agents, OPPs, meetings, activities, chats and texts changes nothing when no two items tie in time', () => {
    const distinct = (xs: readonly string[]): boolean => new Set(xs.map((x) => Date.parse(x))).size === xs.length;
    const untied = (c: Client): boolean =>
      distinct(c.opportunities.map((o) => o.createdAt)) &&
      distinct(c.meetings.map((m) => m.at)) &&
      new Set(c.meetings.map((m) => m.id)).size === c.meetings.length &&
      distinct(c.activities.map((a) => a.at)) &&
      distinct(c.chats.map((x) => x.startedAt)) &&
      distinct(c.texts.map((x) => x.at));
    fc.assert(
      fc.property(scenarioArb.map(parsed), fc.array(fc.double({ noNaN: true }), { minLength: 64, maxLength: 64 }), (s, keys) => {
        fc.pre([s.client, ...s.emailMatches].every((c) => c === null || untied(c)));
        let k = 0;
        const shuffle = <T>(xs: readonly T[]): T[] =>
          xs
            .map((x) => ({ x, key: keys[k++ % keys.length] ?? 0 }))
            .sort((a, b) => a.key - b.key)
            .map((p) => p.x);
        const shuffleClient = (c: Client): Client => ({
          ...c,
          opportunities: shuffle(c.opportunities),
          meetings: shuffle(c.meetings),
          activities: shuffle(c.activities),
          chats: shuffle(c.chats),
          texts: shuffle(c.texts),
        });
        const t: Scenario = {
          ...s,
          agents: shuffle(s.agents),
          client: s.client ? shuffleClient(s.client) : null,
          emailMatches: shuffle(s.emailMatches).map(shuffleClient),
        };
        const canonical = (v: Verdict) => ({
          ...withoutProse(v),
          actions: [...v.actions].sort(),
          otherOpenFiles: [...v.otherOpenFiles].sort((a, b) => a.opportunityId.localeCompare(b.opportunityId)),
        });
        expect(canonical(decide(reparse(t)))).toEqual(canonical(decide(s)));
      }),
      MRUNS,
    );
  });

  it('shifting every instant by 7 days changes nothing, away from daylight-saving changes and month ends', () => {
    const WEEK = 7 * DAY_MS;
    const shiftIso = (x: string): string => iso(Date.parse(x) + WEEK);
    /** A shift point: instants and local date-times move a week; a daily HH:MM stays. */
    const shiftPoint = (p: string): string => {
      if (/^\d{2}:\d{2}$/.test(p)) return p;
      if (/(Z|[+-]\d{2}:\d{2})$/.test(p)) return shiftIso(p);
      return iso(Date.parse(`${p.length === 16 ? `${p}:00` : p}Z`) + WEEK).slice(0, p.length);
    };
    const shiftClient = (c: Client): Client => mapInstants(c, shiftIso);
    fc.assert(
      fc.property(scenarioArb.map(parsed), (s) => {
        const nowMs = Date.parse(s.now);
        const tz = s.timeZone;
        fc.pre(offsetMinutes(nowMs, tz) === offsetMinutes(nowMs + WEEK, tz));
        for (const o of s.client?.opportunities ?? []) {
          const c = Date.parse(o.createdAt);
          fc.pre(isEarlierMonth(c, nowMs, tz) === isEarlierMonth(c + WEEK, nowMs + WEEK, tz));
        }
        const t: Scenario = {
          ...s,
          now: shiftIso(s.now),
          agents: s.agents.map((a) =>
            a.shifts ? { ...a, shifts: a.shifts.map((x) => ({ start: shiftPoint(x.start), end: shiftPoint(x.end) })) } : a,
          ),
          client: s.client ? shiftClient(s.client) : null,
          emailMatches: s.emailMatches.map(shiftClient),
        };
        const before = decide(s);
        const after = decide(reparse(t));
        const unshifted = {
          ...withoutProse(after),
          reservedUntil: after.reservedUntil === null ? null : Date.parse(after.reservedUntil) - WEEK,
          otherOpenFiles: after.otherOpenFiles.map((x) => ({ ...x, createdAt: Date.parse(x.createdAt) - WEEK })),
        };
        expect(unshifted).toEqual({
          ...withoutProse(before),
          reservedUntil: before.reservedUntil === null ? null : Date.parse(before.reservedUntil),
          otherOpenFiles: before.otherOpenFiles.map((x) => ({ ...x, createdAt: Date.parse(x.createdAt) })),
        });
      }),
      MRUNS,
    );
  });

  it('writing every instant with another UTC offset (the same instant) changes nothing', () => {
    const OFFSETS = [-600, -300, -240, -210, 0, 60, 330, 545, 840];
    /** The same instant written at `offset` minutes from UTC, with or without `.000` milliseconds. */
    const rewrite = (x: string, offset: number, ms: boolean): string => {
      const full = new Date(Date.parse(x) + offset * 60_000).toISOString();
      const local = full.slice(0, ms || !full.endsWith('.000Z') ? 23 : 19);
      if (offset === 0) return `${local}Z`;
      const abs = Math.abs(offset);
      const hh = String(Math.floor(abs / 60)).padStart(2, '0');
      const mm = String(abs % 60).padStart(2, '0');
      return `${local}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
    };
    fc.assert(
      fc.property(scenarioArb.map(parsed), fc.array(fc.tuple(fc.constantFrom(...OFFSETS), fc.boolean()), { minLength: 8, maxLength: 8 }), (s, picks) => {
        let k = 0;
        const re = (x: string): string => {
          const [offset, ms] = picks[k++ % picks.length] ?? [0, false];
          return rewrite(x, offset, ms);
        };
        const reClient = (c: Client): Client => mapInstants(c, re);
        const t: Scenario = {
          ...s,
          now: re(s.now),
          agents: s.agents.map((a) =>
            a.shifts
              ? { ...a, shifts: a.shifts.map((x) => (/(Z|[+-]\d{2}:\d{2})$/.test(x.start) ? { start: re(x.start), end: re(x.end) } : x)) }
              : a,
          ),
          client: s.client ? reClient(s.client) : null,
          emailMatches: s.emailMatches.map(reClient),
        };
        const before = decide(s);
        const after = decide(reparse(t));
        const instants = (v: Verdict) => ({
          ...v,
          otherOpenFiles: v.otherOpenFiles.map((x) => ({ ...x, createdAt: Date.parse(x.createdAt) })),
        });
        expect(instants(after)).toEqual(instants(before));
      }),
      MRUNS,
    );
  });

  it('activities and texts dated after now change nothing', () => {
    const futureArb = fc.record({
      activities: fc.array(
        fc.record({
          afterSec: fc.integer({ min: 1, max: 10 * 86_400 }),
          agentId: fc.constantFrom(...PEOPLE),
          opportunityId: fc.option(fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'), { nil: undefined }),
          kind: fc.constantFrom(...ALL_KINDS),
          note: fc.option(fc.constantFrom('PDR J1 R1', 'PDR J3 R1 + TEXTO', 'rappel'), { nil: undefined }),
          meetingId: fc.option(fc.constantFrom('m1', 'm2', 'm3'), { nil: undefined }),
          at: fc.nat(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      texts: fc.array(
        fc.record({
          afterSec: fc.integer({ min: 1, max: 600 }),
          direction: fc.constantFrom('in' as const, 'out' as const),
          agentId: fc.option(fc.constantFrom(...PEOPLE), { nil: undefined }),
          at: fc.nat(),
        }),
        { maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(withClientArb, futureArb, (s, x) => {
        const nowMs = Date.parse(s.now);
        const t = structuredClone(s);
        const tc = clientOf(t);
        for (const a of x.activities) {
          const { afterSec, at, ...rest } = a;
          tc.activities = insertAt(tc.activities, { ...rest, at: iso(nowMs + afterSec * 1000) }, at);
        }
        for (const m of x.texts) {
          const { afterSec, at, ...rest } = m;
          tc.texts = insertAt(tc.texts, { ...rest, at: iso(nowMs + afterSec * 1000) }, at);
        }
        expect(decide(reparse(t))).toEqual(decide(s));
      }),
      MRUNS,
    );
  });

  it('a chat that starts after now, or one older than the latest chat, changes nothing', () => {
    fc.assert(
      fc.property(
        withClientArb,
        fc.constantFrom(...PEOPLE),
        fc.integer({ min: 1, max: 2 * 86_400 }),
        fc.boolean(),
        fc.nat(),
        (s, agentId, sec, future, at) => {
          const nowMs = Date.parse(s.now);
          const c = clientOf(s);
          const latest = Math.max(...c.chats.map((x) => Date.parse(x.startedAt)));
          fc.pre(future || c.chats.length > 0);
          const startedMs = future ? nowMs + sec * 1000 : latest - sec * 1000;
          const t = structuredClone(s);
          clientOf(t).chats = insertAt(c.chats, { agentId, startedAt: iso(startedMs) }, at);
          expect(decide(reparse(t))).toEqual(decide(s));
        },
      ),
      MRUNS,
    );
  });

  it('a cancelled meeting, or a non-follow-up activity by an agent with no part in the client, changes nothing', () => {
    const extraArb = fc.record({
      meeting: fc.option(
        fc.record({
          opportunityId: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'),
          bookedBy: fc.constantFrom(...PEOPLE),
          offsetMin: fc.integer({ min: -10 * 1440, max: 10 * 1440 }),
          deposit: fc.boolean(),
        }),
        { nil: undefined },
      ),
      activity: fc.option(
        fc.record({
          agentId: fc.constantFrom(...PEOPLE, 'a9'),
          opportunityId: fc.option(fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'), { nil: undefined }),
          kind: fc.constantFrom(...NOT_FOLLOW_UP),
          note: fc.option(fc.constantFrom('client rappelé', 'RDV confirmé', 'laissé un message'), { nil: undefined }),
          meetingId: fc.option(fc.constantFrom('m1', 'm2', 'm3', 'mx'), { nil: undefined }),
          offsetMin: fc.integer({ min: -5 * 1440, max: 0 }),
        }),
        { nil: undefined },
      ),
      at: fc.nat(),
    });
    fc.assert(
      fc.property(withClientArb, extraArb, (s, x) => {
        const nowMs = Date.parse(s.now);
        const c = clientOf(s);
        const t = structuredClone(s);
        const tc = clientOf(t);
        if (x.meeting) {
          const { offsetMin, ...m } = x.meeting;
          tc.meetings = insertAt(c.meetings, { ...m, id: 'mx', at: iso(nowMs + offsetMin * 60_000), status: 'cancelled' }, x.at);
        }
        if (x.activity) {
          const { offsetMin, ...a } = x.activity;
          // No part in the client: manages none of its OPPs and booked none of its meetings.
          fc.pre(
            !c.opportunities.some((o) => o.managerId === a.agentId) && !tc.meetings.some((m) => m.bookedBy === a.agentId),
          );
          tc.activities = insertAt(c.activities, { ...a, at: iso(nowMs + offsetMin * 60_000) }, x.at);
        }
        expect(decide(reparse(t))).toEqual(decide(s));
      }),
      MRUNS,
    );
  });

  it("a colleague with no part in the client, who is not a DA, may change presence or shift, or join, without effect", () => {
    const stateArb = fc.record({
      presence: fc.constantFrom('available', 'on_call', 'break', 'offline'),
      onShift: fc.boolean(),
      role: fc.constantFrom('agent', 'analyst', 'supervisor', 'trainee'),
    });
    fc.assert(
      fc.property(scenarioArb.map(parsed), stateArb, fc.nat(), (s, x, at) => {
        const busy = involved(s);
        const bystanders = s.agents.filter((a) => !busy.has(a.id) && a.role !== 'da');
        const t = structuredClone(s);
        if (bystanders.length > 0) {
          const id = bystanders[at % bystanders.length]?.id;
          t.agents = t.agents.map((a) => (a.id === id ? { id: a.id, name: a.name, role: a.role, presence: x.presence, onShift: x.onShift } : a));
        } else {
          t.agents = insertAt(t.agents, { id: 'a9', role: x.role, presence: x.presence, onShift: x.onShift }, at);
        }
        expect(decide(reparse(t))).toEqual(decide(s));
      }),
      MRUNS,
    );
  });

  it('OPEN-1: an older open BDC OPP, or an open file of another department, is only listed under otherOpenFiles', () => {
    const extraArb = fc.record({
      department: fc.constantFrom('bdc', 'service', 'financing'),
      type: fc.constantFrom('internet', 'email', 'phone_up', 'chat', 'sms'),
      status: fc.constantFrom('in_progress', 'response_sent', 'contacted', 'long_term'),
      managerId: fc.option(fc.constantFrom(...PEOPLE), { nil: null }),
      handled: fc.option(fc.boolean(), { nil: undefined }),
      olderMin: fc.integer({ min: 1, max: 60 * 1440 }),
      at: fc.nat(),
    });
    fc.assert(
      fc.property(withClientArb, extraArb, (s, x) => {
        const c = clientOf(s);
        const bdc = c.opportunities.filter((o) => o.department === 'bdc' && o.status !== 'invalid_bdc');
        // A BDC one must be older than every BDC OPP, so it is neither « the OPP » nor the latest (LOST-1).
        fc.pre(x.department !== 'bdc' || bdc.some((o) => !['lost_bdc', 'lost_showroom', 'lost_fi', 'delivered', 'expired'].includes(o.status)));
        const oldest = Math.min(Date.parse(s.now), ...bdc.map((o) => Date.parse(o.createdAt)));
        const { olderMin, at, ...rest } = x;
        const opp = { ...rest, id: 'ox', createdAt: iso(oldest - olderMin * 60_000) };
        const t = structuredClone(s);
        clientOf(t).opportunities = insertAt(c.opportunities, opp, at);
        const before = decide(s);
        const after = decide(reparse(t));
        expect(after.otherOpenFiles.map((f) => f.opportunityId)).toContain('ox');
        expect(after.rules).toContain('OPEN-1');
        expect({
          ...withoutProse(after),
          rules: after.rules.filter((r) => r !== 'OPEN-1'),
          otherOpenFiles: after.otherOpenFiles.filter((f) => f.opportunityId !== 'ox'),
        }).toEqual({ ...withoutProse(before), rules: before.rules.filter((r) => r !== 'OPEN-1') });
      }),
      MRUNS,
    );
  });

  it('a closed OPP outside the BDC changes nothing', () => {
    const CLOSED = ['lost_bdc', 'invalid_bdc', 'lost_showroom', 'lost_fi', 'delivered', 'expired'] as const;
    fc.assert(
      fc.property(
        withClientArb,
        fc.constantFrom('service', 'financing'),
        fc.constantFrom(...CLOSED),
        fc.constantFrom('internet', 'financing', 'phone_up'),
        fc.integer({ min: -90 * 1440, max: 0 }),
        fc.nat(),
        (s, department, status, type, offsetMin, at) => {
          const t = structuredClone(s);
          const opp = {
            id: 'ox',
            type,
            department,
            status,
            managerId: 'a2',
            createdAt: iso(Date.parse(s.now) + offsetMin * 60_000),
            ...(type === 'financing' ? { source: 'dealertrack' as const } : {}),
          };
          clientOf(t).opportunities = insertAt(clientOf(s).opportunities, opp, at);
          const before = decide(s);
          const after = decide(reparse(t));
          if (status === 'invalid_bdc') {
            expect(withoutProse({ ...after, rules: after.rules.filter((r) => r !== 'INV-0') })).toEqual(
              withoutProse({ ...before, rules: before.rules.filter((r) => r !== 'INV-0') }),
            );
          } else {
            expect(after).toEqual(before);
          }
        },
      ),
      MRUNS,
    );
  });

  it('a row the cache holds twice (activity, chat, text, meeting) changes nothing but, for a meeting, the prose', () => {
    fc.assert(
      fc.property(withClientArb, fc.constantFrom('activities', 'chats', 'texts', 'meetings'), fc.nat(), fc.nat(), (s, list, which, at) => {
        const c = clientOf(s);
        const rows: readonly unknown[] = c[list];
        fc.pre(rows.length > 0);
        const t = structuredClone(s);
        const tc = clientOf(t) as unknown as Record<string, unknown[]>;
        tc[list] = insertAt(rows, structuredClone(rows[which % rows.length]), at);
        const before = decide(s);
        const after = decide(reparse(t));
        // A duplicated meeting may be named twice in the prose (« annulez le rendez-vous m1, m1 »),
        // and its button moves to where the copy was inserted.
        const loose = (v: Verdict) => ({ ...withoutProse(v), actions: [...v.actions].sort() });
        if (list === 'meetings') expect(loose(after)).toEqual(loose(before));
        else expect(after).toEqual(before);
      }),
      MRUNS,
    );
  });

  it('an OPP whose `handled` is left out decides as if it were given as derived (its manager acted on it by now)', () => {
    fc.assert(
      fc.property(withClientArb, (s) => {
        const c = clientOf(s);
        fc.pre(c.opportunities.some((o) => o.handled === undefined));
        const nowMs = Date.parse(s.now);
        const t = structuredClone(s);
        clientOf(t).opportunities = c.opportunities.map((o) =>
          o.handled !== undefined
            ? o
            : {
                ...o,
                handled:
                  o.managerId !== null &&
                  c.activities.some((a) => a.opportunityId === o.id && a.agentId === o.managerId && Date.parse(a.at) <= nowMs),
              },
        );
        expect(decide(reparse(t))).toEqual(decide(s));
      }),
      MRUNS,
    );
  });

  it('a time zone and its alias (America/Montreal for America/Toronto) give the same verdict', () => {
    fc.assert(
      fc.property(scenarioArb.map(parsed), (s) => {
        const toronto = { ...s, timeZone: 'America/Toronto' };
        expect(decide(reparse({ ...s, timeZone: 'America/Montreal' }))).toEqual(decide(reparse(toronto)));
      }),
      { numRuns: 100 },
    );
  });
});
