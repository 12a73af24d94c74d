/**
 * What a rule returns (an {@link Outcome}) and the phrase helpers that name agents, states
 * and times in both languages so every explanation can be read aloud.
 */
import type { Facts } from './facts';
import { CHANNEL_LEAD_TYPE } from '../domain/model';
import type { RuleId, ScenarioMeeting, ScenarioOpportunity, VerdictDecision } from './scenario';
import { clockEn, clockFr, dayOf, isSameDay, toMs, whenEn, whenFr } from './time';

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
  if (!a) return 'ne figure pas parmi les agents de la console, on applique donc la règle d’absence';
  if (!f.onShift(id)) return 'n’est pas dans son quart de travail';
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
  if (!a) return 'is not in the console’s agent list, so the absence rule applies';
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

/** A time of the scenario in French: `à 14 h 05`, or `le 2026-03-09 à 11 h 00` on another day. */
export function atFr(f: Facts, iso: string | number): string {
  return whenFr(typeof iso === 'number' ? iso : toMs(iso), f.nowMs, f.timeZone);
}

/** A time of the scenario in English: `at 14:05`, or `on 2026-03-09 at 11:00` on another day. */
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

type Lang = 'fr' | 'en';

/**
 * Lead types as the record names them (renderer/features/record/locales.ts, `leadTypes`): the
 * verdict's text and the OPP labels of the scenario (electron/services/inbound/scenario.ts).
 */
export const LEAD_TYPE_NAMES: Record<ScenarioOpportunity['type'], Record<Lang, string>> = {
  internet: { fr: 'Lead Internet', en: 'Internet lead' },
  email: { fr: 'Courriel', en: 'E-mail' },
  phone_up: { fr: 'Phone-Up', en: 'Phone-Up' },
  chat: { fr: 'Clavardage', en: 'Chat' },
  sms: { fr: 'SMS', en: 'SMS' },
  financing: { fr: 'Financement', en: 'Financing' },
};

/** Financing sources as the record names them (`financingSources`). */
const SOURCE_NAMES: Record<NonNullable<ScenarioOpportunity['source']>, Record<Lang, string>> = {
  credsii_de: { fr: 'Credsii cote D/E', en: 'Credsii D/E rating' },
  preapproval: { fr: 'Pré-approbation', en: 'Pre-approval' },
  dealertrack: { fr: 'DealerTrack', en: 'DealerTrack' },
};

/** `a`, `a et b`, `a, b et c` (or `and`). */
export function listOf(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${items[items.length - 1] ?? ''}`;
}

/**
 * How an explanation names an OPP to an agent: the console's label when it gave one
 * (« Lead Internet du 20 nov. »), else its type — a financing request's source — and the day
 * it was created in the centre's zone, quoted: « Lead Internet du 2026-03-09 ». Never its id:
 * ids are for the verdict's fields and actions, not for a sentence read aloud.
 */
export function oppName(
  f: Facts,
  opp: Pick<ScenarioOpportunity, 'type' | 'createdAt' | 'source' | 'label'>,
  lang: Lang,
): string {
  if (opp.label) return opp.label[lang];
  const kind = opp.type === 'financing' && opp.source ? SOURCE_NAMES[opp.source] : LEAD_TYPE_NAMES[opp.type];
  const day = dayOf(toMs(opp.createdAt), f.timeZone);
  return lang === 'fr' ? `« ${kind.fr} du ${day} »` : `“${kind.en} of ${day}”`;
}

/**
 * An OPP of the client named by id, Invalide BDC ones included (INV-0 cites them); null when the
 * scenario does not hold it.
 */
export function oppById(f: Facts, id: string): ScenarioOpportunity | null {
  return f.client?.opportunities.find((o) => o.id === id) ?? null;
}

/** {@link oppName} of the OPP with this id. */
export function oppNameById(f: Facts, id: string, lang: Lang): string {
  const opp = oppById(f, id);
  if (opp) return oppName(f, opp, lang);
  // Not in the scenario (cannot happen for ids the engine took from it): say what it is, not its id.
  return lang === 'fr' ? '« dossier BDC »' : '“BDC file”';
}

/**
 * A financing request as the agent knows it: its source (Credsii cote D/E, Pré-approbation,
 * DealerTrack) and the day it was made: `une demande de financement (Credsii cote D/E, créée
 * le 2026-03-09)` / `a financing request (Credsii D/E rating, created on 2026-03-09)`.
 */
export function financingRequestName(f: Facts, request: ScenarioOpportunity, lang: Lang): string {
  const day = dayOf(toMs(request.createdAt), f.timeZone);
  const source = request.source ? `${SOURCE_NAMES[request.source][lang]}, ` : '';
  return lang === 'fr'
    ? `une demande de financement (${source}créée le ${day})`
    : `a financing request (${source}created on ${day})`;
}

/**
 * When a meeting is, to name it: `d’aujourd’hui à 14 h 00` or `du 2026-03-09 à 17 h 00` (after
 * « le rendez-vous »), `today at 14:00` or `on 2026-03-09 at 17:00` (after "the meeting").
 */
export function meetingWhen(f: Facts, m: Pick<ScenarioMeeting, 'at'>, lang: Lang): string {
  const ms = toMs(m.at);
  const today = isSameDay(ms, f.nowMs, f.timeZone);
  if (lang === 'fr') {
    const clock = clockFr(ms, f.timeZone);
    return today ? `d’aujourd’hui à ${clock}` : `du ${dayOf(ms, f.timeZone)} à ${clock}`;
  }
  const clock = clockEn(ms, f.timeZone);
  return today ? `today at ${clock}` : `on ${dayOf(ms, f.timeZone)} at ${clock}`;
}
