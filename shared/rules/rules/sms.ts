/**
 * SMS-3a, SMS-3b — 002 « Réponse aux textos ». They apply on the sms channel when agent R
 * (not the OPP's manager) texted the client, the client replied at t, and the client belongs to
 * an absent colleague (the OPP's manager is absent, or there is no managed open OPP). Otherwise
 * the phone rules decide (FIN-1 and LOST-1 are tried first on every channel).
 */
import type { Facts } from '../facts';
import type { Rule } from '../outcome';
import { atEn, atFr, fileAction, nameOf, stateEn, stateFr } from '../outcome';
import type { ScenarioText } from '../scenario';
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

/** Who holds the client's text thread, and the client's first reply they have not answered. */
interface Thread {
  r: string;
  /** The client's first reply since R last answered; undefined when none. */
  t: number | undefined;
}

/**
 * Walks the thread in time order. The first colleague who answers holds it (« la personne qui a
 * initialement répondu »); a client reply they leave unanswered opens the 3-minute window; another
 * agent's text takes the thread over only once that window has run out (« Après 3 minutes, si
 * quelqu'un d'autre répond […] c'est devenu son client »), never inside it nor before the client
 * replied (« Avant 3 minutes, on doit le laisser à la personne qui a initialement répondu »). A
 * text from the manager ends any colleague's hold: the rule is about an absent colleague's client.
 */
function thread(texts: readonly ScenarioText[], m: string | null): Thread | null {
  const ordered = texts.map((x) => ({ ...x, ms: toMs(x.at) })).sort((p, q) => p.ms - q.ms);
  let holder: Thread | null = null;
  for (const x of ordered) {
    if (x.direction === 'in') {
      if (holder && holder.t === undefined) holder.t = x.ms;
    } else if (x.agentId === m) {
      holder = null;
    } else if (x.agentId !== undefined) {
      const lapsed = holder?.t !== undefined && x.ms >= holder.t + TEXT_RESERVATION_MS;
      if (!holder || x.agentId === holder.r || lapsed) holder = { r: x.agentId, t: undefined };
    }
  }
  return holder;
}

function textFacts(f: Facts): TextFacts | null {
  if (f.scenario.channel !== 'sms' || !f.client) return null;
  const m = f.theOpp?.managerId ?? null;
  // 002 is about « un client de l'un de vos collègues absents »: the manager receiving their own
  // client's text is at the console, whatever the schedule says, and the client is theirs.
  if (m !== null && (m === f.receiverId || f.state(m) !== 'absent')) return null;
  const held = thread(f.client.texts.filter((x) => toMs(x.at) <= f.nowMs), m);
  if (held?.t === undefined) return null;
  const colleague =
    m === null
      ? { fr: 'Le client n’a pas de gestionnaire en poste', en: 'The client has no manager on duty' }
      : { fr: `${stateFr(f, m)}`, en: `${stateEn(f, m)}` };
  return { r: held.r, t: held.t, until: held.t + TEXT_RESERVATION_MS, colleague };
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
      fr: `${head.fr} : répondez avant ${clockFr(x.until, tz)} pour qu’il reste à vous.`,
      en: `${head.en}: answer before ${clockEn(x.until, tz)} to keep them.`,
    };
  }
  return {
    ...base,
    decision: 'reserved',
    reservedUntil: toLocalIso(x.until, tz),
    fr: `${head.fr} : le client reste à ${n} jusqu’à ${clockFr(x.until, tz)}, laissez-le-lui.`,
    en: `${head.en}: the client stays ${n}’s until ${clockEn(x.until, tz)}; leave it to them.`,
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
    actions: fileAction(f, opp, r),
    fr: `${x.colleague.fr} ; le client a réécrit ${atFr(f, x.t)} et ${nameOf(f, x.r)} n’a pas répondu avant ${clockFr(x.until, f.timeZone)} : si ${nameOf(f, r)} répond et le booke, c’est son client.`,
    en: `${x.colleague.en}; the client replied ${atEn(f, x.t)} and ${nameOf(f, x.r)} did not answer by ${clockEn(x.until, f.timeZone)}: if ${nameOf(f, r)} answers and books, the client is theirs.`,
  };
};
