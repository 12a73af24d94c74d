/**
 * What a rule returns (an {@link Outcome}) and the phrase helpers that name agents, states
 * and times in both languages so every explanation can be read aloud.
 */
import type { Facts } from './facts';
import { CHANNEL_LEAD_TYPE } from '../domain/model';
import type { RuleId, ScenarioOpportunity, VerdictDecision } from './scenario';
import { toMs, whenEn, whenFr } from './time';

/** The part of a verdict a deciding rule fills in; the engine adds the rest. */
export interface Outcome {
  decision: VerdictDecision;
  /** Deciding rule first, then any rule that co-decided (e.g. NL-1a). */
  rules: RuleId[];
  transferTo: string | null;
  owner: string | null;
  opportunityId: string | null;
  reservedUntil?: string | null;
  actions: string[];
  fr: string;
  en: string;
}

/** A deciding rule: an outcome when it applies, otherwise null. */
export type Rule = (facts: Facts) => Outcome | null;

/** The agent's display name, falling back to the id. */
export function nameOf(f: Facts, id: string): string {
  return f.agent(id)?.name ?? id;
}

/** "est en appel" — what an agent is doing, as a French predicate. */
export function predicateFr(f: Facts, id: string): string {
  const a = f.agent(id);
  if (!a) return "ne figure pas parmi les agents de la console, on applique donc la règle d'absence";
  if (!f.onShift(id)) return "n'est pas dans son quart de travail";
  switch (a.presence) {
    case 'offline':
      return 'est hors ligne';
    case 'on_call':
      return 'est en appel';
    case 'break':
      return 'est en pause';
    default:
      return 'est disponible';
  }
}

/** "is on a call" — what an agent is doing, as an English predicate. */
export function predicateEn(f: Facts, id: string): string {
  const a = f.agent(id);
  if (!a) return "is not in the console's agent list, so the absence rule applies";
  if (!f.onShift(id)) return 'is off shift';
  switch (a.presence) {
    case 'offline':
      return 'is offline';
    case 'on_call':
      return 'is on a call';
    case 'break':
      return 'is on a break';
    default:
      return 'is available';
  }
}

/** "Julie Tremblay est en appel". */
export function stateFr(f: Facts, id: string): string {
  return `${nameOf(f, id)} ${predicateFr(f, id)}`;
}

/** "Julie Tremblay is on a call". */
export function stateEn(f: Facts, id: string): string {
  return `${nameOf(f, id)} ${predicateEn(f, id)}`;
}

/** A time of the scenario in French: `à 14 h 05`, or `le 9 mars à 11 h 00` on another day. */
export function atFr(f: Facts, iso: string | number): string {
  return whenFr(typeof iso === 'number' ? iso : toMs(iso), f.nowMs, f.timeZone);
}

/** A time of the scenario in English: `at 2:05 PM`, or `on March 9 at 11:00 AM` on another day. */
export function atEn(f: Facts, iso: string | number): string {
  return whenEn(typeof iso === 'number' ? iso : toMs(iso), f.nowMs, f.timeZone);
}

/** `assign_opportunity:o1:marc` unless the OPP is already in that agent's name. */
export function assignAction(oppId: string, managerId: string | null, to: string): string[] {
  return managerId === to ? [] : [`assign_opportunity:${oppId}:${to}`];
}

/**
 * The button that puts the client's file in `to`'s name: reassign the OPP, or, when the client
 * has no open OPP to book on, create one of the channel's type in `to`'s name (as EL-1 does), so
 * a verdict that gives away a new meeting never leaves the agent without a file to book it on.
 */
export function fileAction(f: Facts, opp: ScenarioOpportunity | null, to: string): string[] {
  if (opp) return assignAction(opp.id, opp.managerId, to);
  return [`create_opportunity:${CHANNEL_LEAD_TYPE[f.scenario.channel]}:${to}`];
}

/** How an explanation names an OPP: its label when the console gave one, else its id. */
export function oppName(opp: { id: string; label?: { fr: string; en: string } | undefined }, lang: 'fr' | 'en'): string {
  return opp.label ? opp.label[lang] : opp.id;
}
