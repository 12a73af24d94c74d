/**
 * Phone-up on the client's OPP (001 « Gestion des Phone-Up et OPP », 002 « Nouveau lead »):
 * PU-2, PU-1a / CB-4, PU-1b, CB-1, CB-3, NL-1b, PU-1c / CB-2 / NL-1a — tried in that order.
 */
import type { Facts } from '../facts';
import { concerns, isFollowUp, latestBy } from '../facts';
import type { Outcome, Rule } from '../outcome';
import { assignAction, atEn, atFr, nameOf, predicateEn, predicateFr, stateEn, stateFr, oppName } from '../outcome';
import type { RuleId, ScenarioActivity, ScenarioOpportunity } from '../scenario';
import { HOUR_MS, isEarlierMonth, monthName, toMs } from '../time';

/** 001 §5: « dans un délai de 3h ou moins suivant la relance » — inclusive. */
export const CALLBACK_WINDOW_MS = 3 * HOUR_MS;

/** The client's handled OPP, its manager M and the latest follow-up left by someone else. */
interface HandledOpp {
  opp: ScenarioOpportunity;
  m: string;
  /** Latest follow-up by an agent other than M, when it is 3 h old or less. */
  recent: ScenarioActivity | undefined;
  /** Latest follow-up by an agent other than M, when it is more than 3 h old. */
  older: ScenarioActivity | undefined;
}

function handledOpp(f: Facts): HandledOpp | null {
  const opp = f.theOpp;
  if (!opp || opp.managerId === null || !f.isHandled(opp)) return null;
  const m = opp.managerId;
  const last = latestBy(
    f.activities.filter((a) => concerns(a, opp.id) && isFollowUp(a) && a.agentId !== m && toMs(a.at) <= f.nowMs),
    (a) => a.at,
  );
  const isRecent = last !== undefined && f.nowMs - toMs(last.at) <= CALLBACK_WINDOW_MS;
  return { opp, m, recent: isRecent ? last : undefined, older: isRecent ? undefined : last };
}

function handledFr(f: Facts, h: HandledOpp): string {
  return `L’OPP ${oppName(f, h.opp, 'fr')} est traitée par ${nameOf(f, h.m)}`;
}
function handledEn(f: Facts, h: HandledOpp): string {
  return `OPP ${oppName(f, h.opp, 'en')} is handled by ${nameOf(f, h.m)}`;
}

/**
 * PU-2 — 001 §2 « Phone-Up avec OPP NON TRAITÉE » : « L'agent qui prend le Phone-Up garde le
 * client. L'OPP doit être mise à son nom, qu'il y ait RDV ou non. »
 */
export const pu2: Rule = (f) => {
  const opp = f.theOpp;
  if (!opp || f.isHandled(opp)) return null;
  const r = f.receiverId;
  const was = opp.managerId === null ? '' : ` (au nom de ${nameOf(f, opp.managerId)})`;
  const wasEn = opp.managerId === null ? '' : ` (in ${nameOf(f, opp.managerId)}’s name)`;
  return {
    decision: 'keep',
    rules: ['PU-2'],
    transferTo: null,
    owner: r,
    opportunityId: opp.id,
    actions: assignAction(opp.id, opp.managerId, r),
    fr: `L’OPP ${oppName(f, opp, 'fr')}${was} n’a pas encore été traitée : ${nameOf(f, r)} garde le client et l’OPP est mise à son nom, qu’il y ait rendez-vous ou non.`,
    en: `OPP ${oppName(f, opp, 'en')}${wasEn} has not been handled yet: ${nameOf(f, r)} keeps the client and the OPP goes in their name, meeting or not.`,
  };
};

/**
 * PU-1a — 001 §1 : « L'agent qui prend le Phone-Up doit transférer l'appel au gestionnaire de
 * l'OPP. » CB-4 — 001 §5 : « Évidement si l'agent à qui appartiens le dossier est de retour en
 * poste vous devez lui transférer l'appel directement. » (cited instead of PU-1a when another
 * agent left a follow-up 3 h ago or less: the owner being back beats CB-1).
 */
export const pu1a: Rule = (f) => {
  const h = handledOpp(f);
  if (!h) return null;
  const rule: RuleId = h.recent ? 'CB-4' : 'PU-1a';
  const n = nameOf(f, h.m);
  const base = { rules: [rule], owner: h.m, opportunityId: h.opp.id, actions: [] };
  if (h.m === f.receiverId) {
    return {
      ...base,
      decision: 'keep',
      transferTo: null,
      fr: `${handledFr(f, h)}, qui prend l’appel : gardez le client.`,
      en: `${handledEn(f, h)}, who took the contact: keep the client.`,
    };
  }
  if (f.state(h.m) !== 'reachable') return null;
  const back = h.recent
    ? {
        fr: ` ; ${n} est de retour en poste, même si ${nameOf(f, h.recent.agentId)} a relancé ${atFr(f, h.recent.at)}`,
        en: `; ${n} is back on shift, even though ${nameOf(f, h.recent.agentId)} followed up ${atEn(f, h.recent.at)}`,
      }
    : { fr: '', en: '' };
  return {
    ...base,
    decision: 'transfer',
    transferTo: h.m,
    fr: `${handledFr(f, h)}, qui est disponible${back.fr} : transférez l’appel à ${n}.`,
    en: `${handledEn(f, h)}, who is available${back.en}: transfer the call to ${n}.`,
  };
};

/**
 * PU-1b — 001 §1 : « Si le gestionnaire est en appel ou en pause : → L'agent booke le RDV, puis
 * tague le DA pour l'attribuer au gestionnaire initial. »
 */
export const pu1b: Rule = (f) => {
  const h = handledOpp(f);
  if (!h || f.state(h.m) !== 'busy') return null;
  const n = nameOf(f, h.m);
  const r = nameOf(f, f.receiverId);
  return {
    decision: 'book_and_tag_da',
    rules: ['PU-1b'],
    transferTo: null,
    owner: h.m,
    opportunityId: h.opp.id,
    actions: [`tag_da:${h.opp.id}:${h.m}`],
    fr: `${handledFr(f, h)}, qui ${predicateFr(f, h.m)} : ${r} booke le rendez-vous, puis tague le DA pour l’attribuer à ${n}.`,
    en: `${handledEn(f, h)}, who ${predicateEn(f, h.m)}: ${r} books the meeting, then tags the DA to give it to ${n}.`,
  };
};

/**
 * CB-1 — 001 §5 : « Si le client rappelle dans un délai de 3h ou moins suivant la relance,
 * l'appel doit être transféré à l'agent qui a laissé la note. » (with 001 §4 « Si un agent ou un
 * analyste est absent, tout le monde peut relancer ses clients. »)
 */
export const cb1: Rule = (f) => {
  const h = handledOpp(f);
  if (!h || !h.recent || f.state(h.m) !== 'absent') return null;
  const y = h.recent.agentId;
  const ny = nameOf(f, y);
  const why = {
    fr: `${stateFr(f, h.m)} et ${ny} a relancé le client ${atFr(f, h.recent.at)} (3 h ou moins)`,
    en: `${stateEn(f, h.m)} and ${ny} followed the client up ${atEn(f, h.recent.at)} (3 h or less)`,
  };
  const base = { rules: ['CB-1' as const], owner: y, opportunityId: h.opp.id, actions: [] };
  if (y === f.receiverId) {
    return {
      ...base,
      decision: 'keep',
      transferTo: null,
      fr: `${why.fr} : ${ny} prend le retour d’appel.`,
      en: `${why.en}: ${ny} takes the callback.`,
    };
  }
  if (f.state(y) !== 'reachable') return null;
  return {
    ...base,
    decision: 'transfer',
    transferTo: y,
    fr: `${why.fr} : transférez l’appel à ${ny}.`,
    en: `${why.en}: transfer the call to ${ny}.`,
  };
};

/**
 * CB-3 — 001 §5 : « Si l'agent qui a relancé (moins de 3h) n'est pas disponible, vous pouvez
 * booker/compléter le dossier à votre nom. (Ne pas dire au client qu'on va le rappeler, BOOKEZ) »
 */
export const cb3: Rule = (f) => {
  const h = handledOpp(f);
  if (!h || !h.recent || f.state(h.m) !== 'absent') return null;
  const y = h.recent.agentId;
  const r = f.receiverId;
  return {
    decision: 'keep',
    rules: ['CB-3'],
    transferTo: null,
    owner: r,
    opportunityId: h.opp.id,
    actions: assignAction(h.opp.id, h.opp.managerId, r),
    fr: `${stateFr(f, h.m)} ; ${nameOf(f, y)} a relancé ${atFr(f, h.recent.at)} mais ${predicateFr(f, y)} : ${nameOf(f, r)} booke ou complète le dossier à son nom, sans promettre de rappel (BOOKEZ).`,
    en: `${stateEn(f, h.m)}; ${nameOf(f, y)} followed up ${atEn(f, h.recent.at)} but ${predicateEn(f, y)}: ${nameOf(f, r)} books or completes the file in their own name, without promising a callback (BOOK IT).`,
  };
};

/**
 * NL-1b — 002 « Nouveau lead » : « Si l'heure de création originale date d'un mois antérieur à
 * celui en cours, on change le gestionnaire/balise de l'opportunité pour la nouvelle personne qui
 * traitera le dossier, si le gestionnaire initial n'est pas dans son quart de travail. »
 *
 * Procedure over catalogue: the catalogue says "M absent", the text says « pas dans son quart de
 * travail ». A manager who is on shift but offline is absent for PU-1c yet keeps the OPP here.
 */
export const nl1b: Rule = (f) => {
  const h = handledOpp(f);
  if (!h || h.recent || f.state(h.m) !== 'absent' || f.onShift(h.m)) return null;
  if (!isEarlierMonth(toMs(h.opp.createdAt), f.nowMs, f.timeZone)) return null;
  const r = f.receiverId;
  const tz = f.timeZone;
  const n = nameOf(f, h.m);
  return {
    decision: 'keep',
    rules: ['NL-1b'],
    transferTo: null,
    owner: r,
    opportunityId: h.opp.id,
    actions: [...assignAction(h.opp.id, h.m, r), `recompute_tag:${h.opp.id}`],
    fr: `L’OPP ${oppName(f, h.opp, 'fr')} de ${n} a été créée en ${monthName(toMs(h.opp.createdAt), tz, 'fr')}, un mois antérieur, et ${n} ${predicateFr(f, h.m)} : ${nameOf(f, r)} devient gestionnaire de l’OPP et sa balise est recalculée.`,
    en: `${n}’s OPP ${oppName(f, h.opp, 'en')} was created in ${monthName(toMs(h.opp.createdAt), tz, 'en')}, an earlier month, and ${n} ${predicateEn(f, h.m)}: ${nameOf(f, r)} becomes the OPP’s manager and its tag is recomputed.`,
  };
};

/**
 * PU-1c — 001 §1 : « Si le gestionnaire est absent : → N'importe quel agent peut booker sur
 * l'OPP. » CB-2 — 001 §5 : « Si plus de 3h se sont écoulées depuis la relance, l'appel devient
 * ouvert à tous » (cited instead of PU-1c when the last follow-up is older than 3 h).
 * NL-1a — 002 « Nouveau lead » : « Si l'heure de création originale du nouveau lead date du même
 * mois, on laisse le gestionnaire/balise. » (listed second when the OPP is from this month).
 */
export const pu1c: Rule = (f) => {
  const h = handledOpp(f);
  if (!h || h.recent || f.state(h.m) !== 'absent') return null;
  const sameMonth = !isEarlierMonth(toMs(h.opp.createdAt), f.nowMs, f.timeZone);
  const rule: RuleId = h.older ? 'CB-2' : 'PU-1c';
  const n = nameOf(f, h.m);
  const olderFr = h.older ? `, la dernière relance (${atFr(f, h.older.at)}) date de plus de 3 h` : '';
  const olderEn = h.older ? `, the last follow-up (${atEn(f, h.older.at)}) is more than 3 h old` : '';
  const whyFr = sameMonth ? 'l’OPP date du mois en cours' : `${n} est dans son quart de travail`;
  const whyEn = sameMonth ? 'the OPP is from this month' : `${n} is within their shift`;
  const outcome: Outcome = {
    decision: 'book_on_opportunity',
    rules: sameMonth ? [rule, 'NL-1a'] : [rule],
    transferTo: null,
    owner: h.m,
    opportunityId: h.opp.id,
    actions: [],
    fr: `${handledFr(f, h)}, qui ${predicateFr(f, h.m)}${olderFr} : n’importe qui peut booker sur l’OPP, qui reste au nom de ${n} (${whyFr}).`,
    en: `${handledEn(f, h)}, who ${predicateEn(f, h.m)}${olderEn}: anyone can book on the OPP, which stays in ${n}’s name (${whyEn}).`,
  };
  return outcome;
};
