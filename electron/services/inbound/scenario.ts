import { RULE_ACTIVITY_KINDS } from '../../../shared/domain/model';
import type { Scenario, ScenarioClient } from '../../../shared/rules';
import { LEAD_TYPE_NAMES } from '../../../shared/rules/outcome';
import { shiftInstances, type AgentRow, type ShiftRow } from '../db/repos/agents';
import type { ClientBundle } from '../db/repos/contacts';

const RULE_KINDS = new Set<string>(RULE_ACTIVITY_KINDS);

/** The record's names of the lead types, which the verdict's text uses too. */
const TYPE_LABELS: Readonly<Record<string, { fr: string; en: string }>> = LEAD_TYPE_NAMES;

/** « Courriel du 20 nov. » / "E-mail lead of Nov 20": how a person names an OPP aloud. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = dayFormats.get(key);
  if (!format) {
    // Building an Intl formatter costs far more than using one: build each once.
    format = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' });
    dayFormats.set(key, format);
  }
  return format;
}

export function opportunityLabel(type: string, createdAt: string, timeZone: string): { fr: string; en: string } {
  const date = new Date(createdAt);
  const day = (locale: string) => dayFormat(locale, timeZone).format(date);
  const label = TYPE_LABELS[type] ?? { fr: type, en: type };
  return { fr: `« ${label.fr} du ${day('fr-CA')} »`, en: `“${label.en} of ${day('en-CA')}”` };
}

/** A client from the cache in the rules engine's shape (rules.md, "The verdict contract"). */
export function scenarioClient(bundle: ClientBundle, timeZone: string): ScenarioClient {
  return {
    id: bundle.client.id,
    name: `${bundle.client.first_name} ${bundle.client.last_name}`,
    opportunities: bundle.opportunities.map((o) => ({
      id: o.id,
      type: o.type,
      department: o.department,
      status: o.status,
      managerId: o.manager_id,
      handled: o.handled_by !== null,
      createdAt: o.created_at,
      label: opportunityLabel(o.type, o.created_at, timeZone),
      ...(o.financing_source ? { source: o.financing_source } : {}),
    })),
    meetings: bundle.meetings
      .filter((m) => m.booked_by !== null)
      .map((m) => ({
        id: m.id,
        opportunityId: m.opportunity_id,
        bookedBy: m.booked_by as string,
        at: m.at,
        status: m.status,
        deposit: m.deposit === 1,
      })),
    activities: bundle.activities
      .filter((a) => RULE_KINDS.has(a.kind) && a.agent_id !== null)
      .map((a) => ({
        at: a.at,
        agentId: a.agent_id as string,
        kind: a.kind as (typeof RULE_ACTIVITY_KINDS)[number],
        ...(a.opportunity_id ? { opportunityId: a.opportunity_id } : {}),
        ...(a.meeting_id ? { meetingId: a.meeting_id } : {}),
        ...(a.note ? { note: a.note } : {}),
      })),
    chats: bundle.chats.map((c) => ({ agentId: c.agent_id, startedAt: c.started_at })),
    texts: bundle.texts.map((t) => ({
      at: t.at,
      direction: t.direction,
      ...(t.agent_id ? { agentId: t.agent_id } : {}),
    })),
  };
}

export interface ScenarioSources {
  now: Date;
  timeZone: string;
  channel: 'phone' | 'chat' | 'sms';
  receiverId: string;
  agents: readonly AgentRow[];
  shifts: readonly ShiftRow[];
  client: ClientBundle | null;
  emailMatches?: readonly ClientBundle[];
}

/**
 * Builds the scenario of one inbound contact from the cache: every agent with their shifts
 * around `now` (as instants, so the engine answers "on shift" itself) and their presence,
 * the client's files, and the clients an e-mail typed for EL-2 matches.
 */
export function scenarioFromCache(s: ScenarioSources): Scenario {
  const byAgent = new Map<string, ShiftRow[]>();
  for (const shift of s.shifts) {
    const list = byAgent.get(shift.agent_id) ?? [];
    list.push(shift);
    byAgent.set(shift.agent_id, list);
  }
  return {
    now: s.now.toISOString(),
    timeZone: s.timeZone,
    channel: s.channel,
    receiverId: s.receiverId,
    agents: s.agents.map((a) => ({
      id: a.id,
      name: a.name,
      role: a.role,
      presence: a.presence,
      shifts: shiftInstances(byAgent.get(a.id) ?? [], s.now, s.timeZone),
    })),
    client: s.client ? scenarioClient(s.client, s.timeZone) : null,
    emailMatches: (s.emailMatches ?? []).map((c) => scenarioClient(c, s.timeZone)),
  };
}
