/**
 * Property tests: whatever the scenario, the engine answers with a valid verdict, names the
 * rule that decided, and never hands the contact to someone who cannot take it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, decide, parseScenario, verdictSchema } from './index';
import type { RuleId, Scenario, Verdict } from './index';
import { isWithinShifts } from './time';

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
