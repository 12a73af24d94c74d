/**
 * EL-1, EL-2 — 000 « Procédure quand un lead courriel fait un phone up », and the fallback for a
 * known client without any open BDC OPP.
 */
import type { Facts } from '../facts';
import { isOpen } from '../facts';
import type { Rule } from '../outcome';
import { nameOf } from '../outcome';
import type { ScenarioOpportunity } from '../scenario';
import { CHANNEL_LEAD_TYPE } from '../../domain/model';

/** The note 000 §3 asks for. */
export const EMAIL_LEAD_NOTE = 'OPP lead courriel invalide';

const NEW_OPP_LABEL = {
  phone: { fr: 'Phone-Up', en: 'Phone-Up' },
  chat: { fr: 'Clavardage', en: 'Chat' },
  sms: { fr: 'SMS', en: 'SMS' },
} as const;

/**
 * EL-1 — 000 §1 : « Si un lead courriel fait un phone up, L'agent qui prend l'appel crée une
 * nouvelle OPP, puisqu'il n'aura pas encore le courriel du client. » (and the context: « sauf si
 * on lui demande son adresse courriel au moment du dépôt » → `ask_email`). An unknown chatter
 * or texter gets the same treatment, but the OPP takes the type of the channel (003 lists
 * Clavardage and SMS as types of their own).
 */
export const el1: Rule = (f) => {
  if (f.client !== null) return null;
  const r = f.receiverId;
  const n = nameOf(f, r);
  const channel = f.scenario.channel;
  const label = NEW_OPP_LABEL[channel];
  return {
    decision: 'new_opportunity',
    rules: ['EL-1'],
    transferTo: null,
    owner: r,
    opportunityId: null,
    actions: [`create_opportunity:${CHANNEL_LEAD_TYPE[channel]}:${r}`, 'ask_email'],
    fr: `Aucun client ne correspond à ce numéro : ${n} crée une OPP ${label.fr} à son nom et demande l’adresse courriel du client.`,
    en: `No client matches this number: ${n} creates a ${label.en} OPP in their name and asks for the client’s e-mail address.`,
  };
};

/**
 * Assumption (the catalogue has no row for it): a known client with no open BDC OPP (none yet,
 * or all closed) is treated like a new phone-up: the receiver creates an OPP in their name.
 * Cited as EL-1; the explanation says it is an assumption.
 */
export const newLeadForKnownClient: Rule = (f) => {
  if (f.client === null || f.theOpp !== null) return null;
  const r = f.receiverId;
  const n = nameOf(f, r);
  const type = CHANNEL_LEAD_TYPE[f.scenario.channel];
  return {
    decision: 'new_opportunity',
    rules: ['EL-1'],
    transferTo: null,
    owner: r,
    opportunityId: null,
    actions: [`create_opportunity:${type}:${r}`],
    fr: `Le client n’a aucune OPP BDC ouverte. Hypothèse (aucune règle ne le prévoit) : comme pour un nouveau phone-up, ${n} crée une OPP à son nom.`,
    en: `The client has no open BDC OPP. Assumption (no rule covers it): as for a new phone-up, ${n} creates an OPP in their name.`,
  };
};

/** An e-mail/internet BDC lead of a matching client, managed by another agent (EL-2). */
export interface EmailLead {
  opportunityId: string;
  managerId: string;
  /** The lead itself, so that the explanation can name it (type, day) rather than cite its id. */
  opportunity: ScenarioOpportunity;
}

/**
 * EL-2 — 000 §2–3 : « Si on découvre par la suite qu'il existait déjà un lead courriel au nom
 * d'un autre agent, Il faut simplement mettre ce lead courriel en "INVALIDE". L'agent qui a pris
 * le phone up et réservé le rendez-vous garde le rendez-vous. Met ensuite la mention "OPP lead
 * courriel invalide" » — « Le phone up prime sur le lead courriel. »
 */
export function emailLeadsToInvalidate(f: Facts): EmailLead[] {
  const out: EmailLead[] = [];
  for (const match of f.scenario.emailMatches) {
    if (f.client && match.id === f.client.id) continue;
    for (const o of match.opportunities) {
      const isLead = o.type === 'email' || o.type === 'internet';
      if (!isLead || o.department !== 'bdc' || !isOpen(o)) continue;
      if (o.managerId === null || o.managerId === f.receiverId) continue;
      out.push({ opportunityId: o.id, managerId: o.managerId, opportunity: o });
    }
  }
  return out;
}
