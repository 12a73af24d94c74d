/**
 * Facts the rules read, derived once per scenario: agent states, the client's files with
 * INV-0 applied, "the OPP", and small lookups. Pure.
 */
import type {
  Scenario,
  ScenarioActivity,
  ScenarioAgent,
  ScenarioClient,
  ScenarioMeeting,
  ScenarioOpportunity,
  OpportunityStatus,
} from './scenario';
import { isWithinShifts, toMs } from './time';

/** absent := not on shift or offline; busy := on shift and on_call/break; reachable := on shift and available. */
export type AgentState = 'reachable' | 'busy' | 'absent';

/** Statuses that close an OPP (rules.md: "Open = not one of …"). */
const CLOSED: ReadonlySet<OpportunityStatus> = new Set<OpportunityStatus>([
  'lost_bdc',
  'invalid_bdc',
  'lost_showroom',
  'lost_fi',
  'delivered',
  'expired',
]);

/** True when the OPP is open. */
export function isOpen(opp: ScenarioOpportunity): boolean {
  return !CLOSED.has(opp.status);
}

/** Everything a rule may look at. Built by {@link buildFacts}. */
export interface Facts {
  scenario: Scenario;
  nowMs: number;
  timeZone: string;
  receiverId: string;
  client: ScenarioClient | null;
  /** The client's OPPs without the Invalide BDC ones (INV-0). */
  opportunities: ScenarioOpportunity[];
  /** Ids of the OPPs ignored by INV-0. */
  invalidIds: string[];
  /** Meetings whose OPP is not Invalide BDC (INV-0). */
  meetings: ScenarioMeeting[];
  /** Activities not tied to an Invalide BDC OPP (INV-0). */
  activities: ScenarioActivity[];
  /** The client's most recent open OPP of the BDC department, or null. */
  theOpp: ScenarioOpportunity | null;
  agent(id: string): ScenarioAgent | undefined;
  onShift(id: string): boolean;
  state(id: string): AgentState;
  /** An OPP is handled once its manager acted on it (given, or derived from activities). */
  isHandled(opp: ScenarioOpportunity): boolean;
}

/**
 * A follow-up (relance) of the client: an activity logged as `follow_up` (the contract's kind
 * for it; rules.md: « a follow-up on a no-show carries the meeting's meetingId »), or any
 * activity carrying a note in the follow-up format 001 §4 asks the agent to leave (« PDR J3 R1
 * + TEXTO », FU-2), since 001 §5 transfers the call « à l'agent qui a laissé la note »: a call
 * or a text logged with « PDR J2 R1 » is that relance and its note. Other calls, texts or
 * results are not: a call the agent merely took, or a result, says nothing of who followed up.
 */
const FOLLOW_UP_NOTE = /^\s*PDR\b/i;

/**
 * True when the activity is a follow-up of the client (see above). Structural, so that the
 * console's countdown (a record's activities) reads a relance exactly as the rules do.
 */
export function isFollowUp(a: { kind: string; note?: string | null | undefined }): boolean {
  return a.kind === 'follow_up' || FOLLOW_UP_NOTE.test(a.note ?? '');
}

/**
 * True when the activity concerns this OPP: logged on it, or on the client record without an
 * OPP (a relance of the client is one of each of their files: 001 §5 « Si le client rappelle
 * […] suivant la relance »). With no OPP, only the latter.
 */
export function concerns(
  a: { opportunityId?: string | null | undefined },
  opportunityId: string | null | undefined,
): boolean {
  return a.opportunityId === undefined || a.opportunityId === null || a.opportunityId === opportunityId;
}

/** Most recent first by an ISO field; ties keep input order (stable sort). */
export function latestBy<T>(items: readonly T[], at: (item: T) => string): T | undefined {
  let best: T | undefined;
  let bestMs = -Infinity;
  for (const item of items) {
    const ms = toMs(at(item));
    if (ms > bestMs) {
      best = item;
      bestMs = ms;
    }
  }
  return best;
}

function agentIndex(agents: readonly ScenarioAgent[]): Map<string, ScenarioAgent> {
  const byId = new Map<string, ScenarioAgent>();
  for (const a of agents) if (!byId.has(a.id)) byId.set(a.id, a);
  return byId;
}

/** Derives the facts of a validated scenario. */
export function buildFacts(scenario: Scenario): Facts {
  const nowMs = toMs(scenario.now);
  const timeZone = scenario.timeZone;
  const byId = agentIndex(scenario.agents);
  const client = scenario.client;
  const all = client?.opportunities ?? [];
  const invalidIds = all.filter((o) => o.status === 'invalid_bdc').map((o) => o.id);
  const invalid = new Set(invalidIds);
  const opportunities = all.filter((o) => !invalid.has(o.id));
  const meetings = (client?.meetings ?? []).filter((m) => !invalid.has(m.opportunityId));
  const activities = (client?.activities ?? []).filter(
    (a) => a.opportunityId === undefined || !invalid.has(a.opportunityId),
  );
  const openBdc = opportunities.filter((o) => o.department === 'bdc' && isOpen(o));
  const theOpp = latestBy(openBdc, (o) => o.createdAt) ?? null;

  const onShift = (id: string): boolean => {
    const a = byId.get(id);
    if (!a) return false;
    if (a.onShift !== undefined) return a.onShift;
    return isWithinShifts(a.shifts ?? [], nowMs, timeZone);
  };
  const state = (id: string): AgentState => {
    const a = byId.get(id);
    if (!a || !onShift(id) || a.presence === 'offline') return 'absent';
    return a.presence === 'available' ? 'reachable' : 'busy';
  };
  const isHandled = (opp: ScenarioOpportunity): boolean => {
    if (opp.managerId === null) return false;
    if (opp.handled !== undefined) return opp.handled;
    return activities.some((a) => a.opportunityId === opp.id && a.agentId === opp.managerId && toMs(a.at) <= nowMs);
  };

  return {
    scenario,
    nowMs,
    timeZone,
    receiverId: scenario.receiverId,
    client,
    opportunities,
    invalidIds,
    meetings,
    activities,
    theOpp,
    agent: (id) => byId.get(id),
    onShift,
    state,
    isHandled,
  };
}
