/**
 * CH-1, CH-2, CH-3 — 001 §3 « OPP d'un client déjà sur le Chat ». They apply on the chat
 * channel when the client has a chat on file that started by `now` and an open BDC OPP (CH-2
 * and CH-3 also need the OPP to have a manager); otherwise the phone rules decide (FIN-1 and
 * LOST-1 are tried first on every channel).
 */
import type { Facts } from '../facts';
import { latestBy } from '../facts';
import type { Rule } from '../outcome';
import { assignAction, atEn, atFr, nameOf, stateEn, stateFr, oppName } from '../outcome';
import type { ScenarioChat, ScenarioOpportunity } from '../scenario';
import { toMs } from '../time';

interface ChatFacts {
  chat: ScenarioChat;
  /** C: the agent who has the chat. */
  c: string;
  opp: ScenarioOpportunity;
  /** M: the OPP's manager, null when nobody manages it yet. */
  m: string | null;
  /** The OPP was entered at or after the chat's start. */
  after: boolean;
}

function chatFacts(f: Facts): ChatFacts | null {
  if (f.scenario.channel !== 'chat' || !f.client) return null;
  // « déjà sur le Chat »: only a chat already started at `now` counts (a later one is not yet on).
  const chat = latestBy(
    f.client.chats.filter((c) => toMs(c.startedAt) <= f.nowMs),
    (c) => c.startedAt,
  );
  const opp = f.theOpp;
  if (!chat || !opp) return null;
  return {
    chat,
    c: chat.agentId,
    opp,
    m: opp.managerId,
    after: toMs(opp.createdAt) >= toMs(chat.startedAt),
  };
}

function chatIntro(f: Facts, x: ChatFacts): { fr: string; en: string } {
  const when = x.after ? { fr: 'après', en: 'after' } : { fr: 'avant', en: 'before' };
  const ofFr = x.m === null ? '' : ` de ${nameOf(f, x.m)}`;
  const whoseEn = x.m === null ? 'The' : `${nameOf(f, x.m)}’s`;
  return {
    fr: `L’OPP ${oppName(f, x.opp, 'fr')}${ofFr} a été entrée ${when.fr} le début du chat de ${nameOf(f, x.c)} (${atFr(f, x.chat.startedAt)})`,
    en: `${whoseEn} OPP ${oppName(f, x.opp, 'en')} was entered ${when.en} ${nameOf(f, x.c)}’s chat started (${atEn(f, x.chat.startedAt)})`,
  };
}

/**
 * CH-1 — 001 §3 : « Si l'OPP est entrée APRÈS le chat : → L'agent qui a le chat garde l'OPP à
 * son nom. » An OPP created at the very instant the chat started counts as entered after it
 * (it was entered during the chat).
 */
export const ch1: Rule = (f) => {
  const x = chatFacts(f);
  if (!x || !x.after) return null;
  const intro = chatIntro(f, x);
  return {
    decision: 'keep',
    rules: ['CH-1'],
    transferTo: null,
    owner: x.c,
    opportunityId: x.opp.id,
    actions: assignAction(x.opp.id, x.m, x.c),
    fr: `${intro.fr} : ${nameOf(f, x.c)} garde l’OPP à son nom.`,
    en: `${intro.en}: ${nameOf(f, x.c)} keeps the OPP in their name.`,
  };
};

/**
 * CH-2 — 001 §3 : « Si l'OPP est entrée AVANT le chat : → L'agent doit transférer le chat au
 * gestionnaire de l'OPP. » The only exception the text makes is « Si le gestionnaire est
 * absent » (CH-3): unlike a phone-up (001 §1, « en appel ou en pause »), a chat waits in M's
 * queue, so M on a call or on a break still gets the chat.
 */
export const ch2: Rule = (f) => {
  const x = chatFacts(f);
  if (!x || x.after || x.m === null || f.state(x.m) === 'absent') return null;
  const m = x.m;
  const intro = chatIntro(f, x);
  const n = nameOf(f, m);
  const base = { rules: ['CH-2' as const], owner: m, opportunityId: x.opp.id, actions: [] };
  if (m === x.c || m === f.receiverId) {
    return {
      ...base,
      decision: 'keep',
      transferTo: null,
      fr: `${intro.fr} : ${n} a déjà le client, gardez-le.`,
      en: `${intro.en}: ${n} already has the client; keep them.`,
    };
  }
  const busy =
    f.state(m) === 'busy'
      ? {
          fr: ` ; ${stateFr(f, m)}, mais le chat l’attend : seule l’absence du gestionnaire fait exception`,
          en: `; ${stateEn(f, m)}, but the chat waits for them: only the manager’s absence is an exception`,
        }
      : { fr: '', en: '' };
  return {
    ...base,
    decision: 'transfer',
    transferTo: m,
    fr: `${intro.fr} : transférez le chat à ${n}${busy.fr}.`,
    en: `${intro.en}: transfer the chat to ${n}${busy.en}.`,
  };
};

/**
 * CH-3 — 001 §3 : « Si le gestionnaire est absent : → L'OPP reste à son nom, mais n'importe
 * quel agent peut booker. »
 */
export const ch3: Rule = (f) => {
  const x = chatFacts(f);
  if (!x || x.after || x.m === null || f.state(x.m) !== 'absent') return null;
  const intro = chatIntro(f, x);
  const n = nameOf(f, x.m);
  return {
    decision: 'book_on_opportunity',
    rules: ['CH-3'],
    transferTo: null,
    owner: x.m,
    opportunityId: x.opp.id,
    actions: [],
    fr: `${intro.fr}, mais ${stateFr(f, x.m)} : l’OPP reste au nom de ${n} et n’importe qui peut booker.`,
    en: `${intro.en}, but ${stateEn(f, x.m)}: the OPP stays in ${n}’s name and anyone can book.`,
  };
};
