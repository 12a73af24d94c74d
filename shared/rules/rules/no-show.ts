/** NS-1, NS-2, NS-3: the client's latest meeting is a no-show. */
import type { Facts } from '../facts';
import { concerns, isFollowUp, isOpen, latestBy } from '../facts';
import type { Outcome, Rule } from '../outcome';
import { atEn, atFr, fileAction, meetingWhen, nameOf, predicateEn, predicateFr, stateEn, stateFr } from '../outcome';
import type { ScenarioActivity, ScenarioMeeting, ScenarioOpportunity } from '../scenario';
import { HOUR_MS, toMs } from '../time';

/** 002: « dans les 3 jours/72 heures suivants le dernier suivi » — inclusive. */
export const NO_SHOW_WINDOW_MS = 72 * HOUR_MS;

interface NoShow {
  meeting: ScenarioMeeting;
  booker: string;
  /** The booker's last follow-up of this no-show, if any. */
  lastFollowUp: ScenarioActivity | undefined;
  /** The OPP the new meeting goes on: the client's OPP, else the no-show's if still open. */
  opp: ScenarioOpportunity | null;
}

/**
 * A follow-up of the no-show by its booker: an activity after the meeting (and not after now)
 * that carries the meeting's id, or a follow-up (`isFollowUp`) without one on the meeting's OPP or
 * on the client record (no OPP): « sans que l'agent initial ait fait un suivi » is about the
 * client's follow-up, not the file it was logged on.
 */
function isFollowUpOf(f: Facts, m: ScenarioMeeting, a: ScenarioActivity): boolean {
  const t = toMs(a.at);
  if (a.agentId !== m.bookedBy || t <= toMs(m.at) || t > f.nowMs) return false;
  if (a.meetingId !== undefined) return a.meetingId === m.id;
  return isFollowUp(a) && concerns(a, m.opportunityId);
}

/** The client's latest (non-cancelled) meeting when it is a no-show. */
function noShow(f: Facts): NoShow | null {
  const meeting = latestBy(
    f.meetings.filter((m) => m.status !== 'cancelled'),
    (m) => m.at,
  );
  if (!meeting || meeting.status !== 'no_show') return null;
  const ownOpp = f.opportunities.find((o) => o.id === meeting.opportunityId && isOpen(o));
  return {
    meeting,
    booker: meeting.bookedBy,
    lastFollowUp: latestBy(
      f.activities.filter((a) => isFollowUpOf(f, meeting, a)),
      (a) => a.at,
    ),
    opp: f.theOpp ?? ownOpp ?? null,
  };
}

function withinWindow(f: Facts, ns: NoShow): boolean {
  return ns.lastFollowUp !== undefined && f.nowMs - toMs(ns.lastFollowUp.at) <= NO_SHOW_WINDOW_MS;
}

/** The receiver takes the new meeting (NS-2, NS-3). */
function receiverTakes(f: Facts, ns: NoShow, rule: 'NS-2' | 'NS-3', fr: string, en: string): Outcome {
  const r = f.receiverId;
  return {
    decision: 'keep',
    rules: [rule],
    transferTo: null,
    owner: r,
    opportunityId: ns.opp?.id ?? null,
    actions: fileAction(f, ns.opp, r),
    fr: `${fr} Le nouveau rendez-vous est à ${nameOf(f, r)}.`,
    en: `${en} The new meeting is ${nameOf(f, r)}’s.`,
  };
}

/**
 * NS-1 — 002 « RDV existant no-show » : « si le client rappel suite à un appel de suivi, dans
 * les 3 jours/72 heures suivants le dernier suivi, le nouveau RDV devra être remis à l'agent
 * initial qui avait pris le RDV s'il est dans son quart de travail. » and 001 « Relance des
 * clients No-Show » : « Même si l'agent est en pause ou au dîner, les No-Show demeurent à lui. »
 */
export const ns1: Rule = (f) => {
  const ns = noShow(f);
  if (!ns || !withinWindow(f, ns) || !f.onShift(ns.booker)) return null;
  const x = ns.booker;
  const n = nameOf(f, x);
  const last = ns.lastFollowUp?.at ?? ns.meeting.at;
  const why = {
    fr: `Le client a fait un no-show au rendez-vous ${meetingWhen(f, ns.meeting, 'fr')} pris par ${n}, qui l’a relancé ${atFr(f, last)} (il y a 72 h ou moins)`,
    en: `The client was a no-show at the meeting ${meetingWhen(f, ns.meeting, 'en')} booked by ${n}, who followed it up ${atEn(f, last)} (72 h ago or less)`,
  };
  const base = {
    rules: ['NS-1' as const],
    owner: x,
    opportunityId: ns.opp?.id ?? null,
    actions: fileAction(f, ns.opp, x),
  };
  if (x === f.receiverId) {
    return {
      ...base,
      decision: 'keep',
      transferTo: null,
      fr: `${why.fr} : le nouveau rendez-vous est le vôtre.`,
      en: `${why.en}: the new meeting is yours.`,
    };
  }
  if (f.state(x) === 'reachable') {
    return {
      ...base,
      decision: 'transfer',
      transferTo: x,
      fr: `${why.fr} et est disponible : transférez à ${n}.`,
      en: `${why.en} and is available: transfer to ${n}.`,
    };
  }
  return {
    ...base,
    decision: 'book_for_owner',
    transferTo: null,
    fr: `${why.fr} et ${predicateFr(f, x)} : bookez le nouveau rendez-vous au nom de ${n}, ses no-show lui restent.`,
    en: `${why.en} and ${predicateEn(f, x)}: book the new meeting in ${n}’s name; their no-shows stay theirs.`,
  };
};

/**
 * NS-2 — 002 « RDV existant no-show » : « si le client fait un nouveau lead ou rappelle, sans
 * que l'agent initial ait fait un suivi pour son RDV no-show, le nouveau RDV devra être mis au
 * nouvel agent qui a pris le nouveau RDV. »
 */
export const ns2: Rule = (f) => {
  const ns = noShow(f);
  if (!ns || ns.lastFollowUp) return null;
  const n = nameOf(f, ns.booker);
  return receiverTakes(
    f,
    ns,
    'NS-2',
    `Le rendez-vous ${meetingWhen(f, ns.meeting, 'fr')} pris par ${n} était un no-show et ${n} n’a fait aucun suivi.`,
    `The meeting ${meetingWhen(f, ns.meeting, 'en')} booked by ${n} was a no-show and ${n} never followed it up.`,
  );
};

/**
 * NS-3 — assumption (rules.md, A:): a no-show followed up by its booker more than 72 h ago, or
 * whose booker is not on shift, is no longer reserved to them: the receiver keeps the client.
 */
export const ns3: Rule = (f) => {
  const ns = noShow(f);
  if (!ns || !ns.lastFollowUp) return null;
  const n = nameOf(f, ns.booker);
  const last = ns.lastFollowUp.at;
  const reason = withinWindow(f, ns)
    ? { fr: `${stateFr(f, ns.booker)}`, en: `${stateEn(f, ns.booker)}` }
    : {
        fr: `son dernier suivi date de plus de 72 h (${atFr(f, last)})`,
        en: `their last follow-up is more than 72 h old (${atEn(f, last)})`,
      };
  return receiverTakes(
    f,
    ns,
    'NS-3',
    `Hypothèse (la procédure ne le dit pas) : le no-show du rendez-vous ${meetingWhen(f, ns.meeting, 'fr')} pris par ${n} ne lui est plus réservé, car ${reason.fr}.`,
    `Assumption (the procedure is silent): the no-show at the meeting ${meetingWhen(f, ns.meeting, 'en')} booked by ${n} is no longer reserved to them because ${reason.en}.`,
  );
};
