/**
 * SMS-3a, SMS-3b — 002 « Réponse aux textos ». They apply on the sms channel when agent R
 * (not the OPP's manager) texted the client, the client replied at t, and the client belongs to
 * an absent colleague (the OPP's manager is absent, or there is no managed open OPP). Otherwise
 * the phone rules decide (FIN-1 and LOST-1 are tried first on every channel).
 */
import type { Facts } from '../facts';
import { latestBy } from '../facts';
import type { Rule } from '../outcome';
import { assignAction, atEn, atFr, nameOf, stateEn, stateFr } from '../outcome';
import { MINUTE_MS, clockEn, clockFr, toLocalIso, toMs } from '../time';

/** 002: « un délai maximum de 3 minutes ». */
export const TEXT_RESERVATION_MS = 3 * MINUTE_MS;

interface TextFacts {
  /** R: the agent who answered the client. */
  r: string;
  /** t: when the client replied to R. */
  t: number;
  until: number;
  /** Why the client is an absent colleague's, for the explanation. */
  colleague: { fr: string; en: string };
}

function textFacts(f: Facts): TextFacts | null {
  if (f.scenario.channel !== 'sms' || !f.client) return null;
  const texts = f.client.texts.filter((x) => toMs(x.at) <= f.nowMs);
  const answer = latestBy(
    texts.filter((x) => x.direction === 'out' && x.agentId !== undefined),
    (x) => x.at,
  );
  if (!answer?.agentId) return null;
  const answeredAt = toMs(answer.at);
  const replies = texts.filter((x) => x.direction === 'in' && toMs(x.at) > answeredAt);
  if (replies.length === 0) return null;
  const t = Math.min(...replies.map((x) => toMs(x.at)));
  const m = f.theOpp?.managerId ?? null;
  if (m !== null && (m === answer.agentId || f.state(m) !== 'absent')) return null;
  const colleague =
    m === null
      ? { fr: "Le client n'a pas de gestionnaire en poste", en: 'The client has no manager on duty' }
      : { fr: `${stateFr(f, m)}`, en: `${stateEn(f, m)}` };
  return { r: answer.agentId, t, until: t + TEXT_RESERVATION_MS, colleague };
}

/**
 * SMS-3a — 002 « Réponse aux textos » : « si vous répondez à un texto d'un client de l'un de vos
 * collègues absents, vous avez un délai maximum de 3 minutes pour répondre suite à la réponse du
 * client pour qu'il reste "à vous". […] Avant 3 minutes, on doit le laisser à la personne qui a
 * initialement répondu. » Reserved while now < t + 3 min.
 */
export const sms3a: Rule = (f) => {
  const x = textFacts(f);
  if (!x || f.nowMs >= x.until) return null;
  const n = nameOf(f, x.r);
  const tz = f.timeZone;
  const head = {
    fr: `${x.colleague.fr} ; ${n} a répondu au client, qui a réécrit ${atFr(f, x.t)}`,
    en: `${x.colleague.en}; ${n} answered the client, who replied ${atEn(f, x.t)}`,
  };
  const base = {
    rules: ['SMS-3a' as const],
    transferTo: null,
    owner: x.r,
    opportunityId: f.theOpp?.id ?? null,
    actions: [],
  };
  if (x.r === f.receiverId) {
    return {
      ...base,
      decision: 'keep',
      reservedUntil: null,
      fr: `${head.fr} : répondez avant ${clockFr(x.until, tz)} pour qu'il reste à vous.`,
      en: `${head.en}: answer before ${clockEn(x.until, tz)} to keep them.`,
    };
  }
  return {
    ...base,
    decision: 'reserved',
    reservedUntil: toLocalIso(x.until, tz),
    fr: `${head.fr} : le client reste à ${n} jusqu'à ${clockFr(x.until, tz)}, laissez-le-lui.`,
    en: `${head.en}: the client stays ${n}'s until ${clockEn(x.until, tz)}; leave it to them.`,
  };
};

/**
 * SMS-3b — 002 « Réponse aux textos » : « Après 3 minutes, si quelqu'un d'autre répond et le
 * book, c'est devenu son client. » From t + 3 min exactly.
 */
export const sms3b: Rule = (f) => {
  const x = textFacts(f);
  if (!x || f.nowMs < x.until) return null;
  const r = f.receiverId;
  const opp = f.theOpp;
  return {
    decision: 'keep',
    rules: ['SMS-3b'],
    transferTo: null,
    owner: r,
    opportunityId: opp?.id ?? null,
    actions: opp ? assignAction(opp.id, opp.managerId, r) : [],
    fr: `${x.colleague.fr} ; le client a réécrit ${atFr(f, x.t)} et ${nameOf(f, x.r)} n'a pas répondu avant ${clockFr(x.until, f.timeZone)} : si ${nameOf(f, r)} répond et le booke, c'est son client.`,
    en: `${x.colleague.en}; the client replied ${atEn(f, x.t)} and ${nameOf(f, x.r)} did not answer by ${clockEn(x.until, f.timeZone)}: if ${nameOf(f, r)} answers and books, the client is theirs.`,
  };
};
