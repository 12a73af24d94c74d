/**
 * CH-1, CH-2, CH-3 — 001 §3 « OPP d'un client déjà sur le Chat ». They apply on the chat
 * channel when the client has a chat on file and an open BDC OPP with a manager; otherwise the
 * phone rules decide (FIN-1 and LOST-1 are tried first on every channel).
 */
import type { Facts } from '../facts';
import { latestBy } from '../facts';
import type { Outcome, Rule } from '../outcome';
import { assignAction, atEn, atFr, nameOf, stateEn, stateFr, oppName } from '../outcome';
import type { ScenarioChat, ScenarioOpportunity } from '../scenario';
import { toMs } from '../time';

interface ChatFacts {
  chat: ScenarioChat;
  /** C: the agent who has the chat. */
  c: string;
  opp: ScenarioOpportunity;
  m: string;
  /** The OPP was entered at or after the chat's start. */
  after: boolean;
}

function chatFacts(f: Facts): ChatFacts | null {
  if (f.scenario.channel !== 'chat' || !f.client) return null;
  const chat = latestBy(f.client.chats, (c) => c.startedAt);
  const opp = f.theOpp;
  if (!chat || !opp || opp.managerId === null) return null;
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
  return {
    fr: `L'OPP ${oppName(x.opp, 'fr')} de ${nameOf(f, x.m)} a été entrée ${when.fr} le début du chat de ${nameOf(f, x.c)} (${atFr(f, x.chat.startedAt)})`,
    en: `${nameOf(f, x.m)}'s OPP ${oppName(x.opp, 'en')} was entered ${when.en} ${nameOf(f, x.c)}'s chat started (${atEn(f, x.chat.startedAt)})`,
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
    fr: `${intro.fr} : ${nameOf(f, x.c)} garde l'OPP à son nom.`,
    en: `${intro.en}: ${nameOf(f, x.c)} keeps the OPP in their name.`,
  };
};

/**
 * CH-2 — 001 §3 : « Si l'OPP est entrée AVANT le chat : → L'agent doit transférer le chat au
 * gestionnaire de l'OPP. » Assumption: a transfer only ever goes to an available agent, so when
 * M is on a call or on a break the chat agent books and tags the DA for M, as PU-1b does.
 */
export const ch2: Rule = (f) => {
  const x = chatFacts(f);
  if (!x || x.after || f.state(x.m) === 'absent') return null;
  const intro = chatIntro(f, x);
  const n = nameOf(f, x.m);
  const base = { rules: ['CH-2' as const], owner: x.m, opportunityId: x.opp.id };
  if (x.m === x.c || x.m === f.receiverId) {
    return {
      ...base,
      decision: 'keep',
      transferTo: null,
      actions: [],
      fr: `${intro.fr} : ${n} a déjà le client, gardez-le.`,
      en: `${intro.en}: ${n} already has the client; keep them.`,
    };
  }
  if (f.state(x.m) === 'reachable') {
    return {
      ...base,
      decision: 'transfer',
      transferTo: x.m,
      actions: [],
      fr: `${intro.fr} : transférez le chat à ${n}.`,
      en: `${intro.en}: transfer the chat to ${n}.`,
    };
  }
  const outcome: Outcome = {
    ...base,
    decision: 'book_and_tag_da',
    transferTo: null,
    actions: [`tag_da:${x.opp.id}:${x.m}`],
    fr: `${intro.fr}, mais ${stateFr(f, x.m)}. Hypothèse : on ne transfère qu'à un agent disponible, donc ${nameOf(f, x.c)} booke puis tague le DA pour l'attribuer à ${n}.`,
    en: `${intro.en}, but ${stateEn(f, x.m)}. Assumption: we only transfer to an available agent, so ${nameOf(f, x.c)} books, then tags the DA to give it to ${n}.`,
  };
  return outcome;
};

/**
 * CH-3 — 001 §3 : « Si le gestionnaire est absent : → L'OPP reste à son nom, mais n'importe
 * quel agent peut booker. »
 */
export const ch3: Rule = (f) => {
  const x = chatFacts(f);
  if (!x || x.after || f.state(x.m) !== 'absent') return null;
  const intro = chatIntro(f, x);
  const n = nameOf(f, x.m);
  return {
    decision: 'book_on_opportunity',
    rules: ['CH-3'],
    transferTo: null,
    owner: x.m,
    opportunityId: x.opp.id,
    actions: [],
    fr: `${intro.fr}, mais ${stateFr(f, x.m)} : l'OPP reste au nom de ${n} et n'importe qui peut booker.`,
    en: `${intro.en}, but ${stateEn(f, x.m)}: the OPP stays in ${n}'s name and anyone can book.`,
  };
};
