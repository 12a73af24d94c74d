/**
 * Scenario clients: fixed numbers (514-555-01xx, never handed out to random clients) whose
 * inbound call gives a known verdict at the `now` the demo was generated for, whatever the
 * time of day, thanks to the agents built for it (`demo-agents.ts`): `julie` and `alex` are
 * on shift around the clock (on a call / available), `luc` never is (absent).
 *
 * The verdicts are those of a phone call received by Marc Gagnon (`marc`, the default agent).
 * Time-limited ones say so: a follow-up "≤ 3 h ago" stops counting 3 h after generation.
 */
import type { MeetingKind } from '../../../shared/domain/model';
import { zonedParts, zonedToInstant } from '../../../shared/time/zoned';
import { followUpNote, makeStock, makeVin, meetingSubject, tagFor } from './compose';
import type { Prng } from './prng';
import type { DemoWriter, OpportunityValues } from './writer';
import { iso } from './writer';

export interface DemoScenario {
  /** E.164. */
  number: string;
  /** The rule that decides (rules.md), for a phone call received by `marc`. */
  rule: string;
  description: string;
}

/** A scenario for another channel (chat or text), received by `marc`. */
export interface DemoChannelScenario extends DemoScenario {
  channel: 'chat' | 'sms';
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The Éloïse Côté-Tremblay record: hostile lead content that must render inert. */
export const HOSTILE_SCENARIO_NUMBER = '+15145550199';

/** No client has this number: an inbound call from it is EL-1 (then type {@link DEMO_EL2_EMAIL} for EL-2). */
export const DEMO_UNKNOWN_NUMBER = '+15145550198';
/** The e-mail of an internet lead managed by Kevin O'Brien (EL-2 after a call from {@link DEMO_UNKNOWN_NUMBER}). */
export const DEMO_EL2_EMAIL = 'remi.thibault@example.com';

export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  {
    number: '+15145550101',
    rule: 'PU-1a',
    description: "Simon Bouchard: OPP traitée d'Alexandre Pelletier, en poste et disponible → transférer à Alexandre.",
  },
  {
    number: '+15145550102',
    rule: 'PU-1b',
    description: 'Catherine Lavoie: OPP traitée de Julie Tremblay, en poste et en appel → booker et baliser le DA.',
  },
  {
    number: '+15145550103',
    rule: 'PU-2',
    description: "Jessica Murphy: lead Internet de Luc Bergeron jamais traité → l'agent qui reçoit garde le client.",
  },
  {
    number: '+15145550104',
    rule: 'CB-1',
    description:
      'Martin Poulin: OPP de Luc Bergeron (absent); Alexandre Pelletier (disponible) a fait « PDR J3 R1 + TEXTO » 30 min avant la génération → transférer à Alexandre (vaut 2 h 30 après la génération).',
  },
  {
    number: '+15145550105',
    rule: 'NL-1b',
    description:
      "Chantal Gélinas: OPP de Luc Bergeron (absent) créée il y a 40 jours (mois précédent) → l'agent devient gestionnaire.",
  },
  {
    number: '+15145550106',
    rule: 'PU-1c',
    description:
      "Ryan Walsh: OPP de Luc Bergeron (absent) créée ce mois-ci, aucune relance ≤ 3 h → booker sur l'OPP, qui reste à Luc. Généré moins de 3 h 10 après le début du mois, l'OPP date du mois précédent et c'est NL-1b.",
  },
  {
    number: '+15145550107',
    rule: 'LOST-1',
    description: "Stéphane Dubé: dernière OPP BDC d'Emily Smith mise Perdu BDC → le client va à l'agent qui reçoit.",
  },
  {
    number: '+15145550108',
    rule: 'NS-1',
    description:
      'Valérie Chabot: no-show du RDV de Julie Tremblay, relancé par Julie 6 h avant la génération; Julie est en poste (en appel) → booker au nom de Julie (vaut 66 h).',
  },
  {
    number: '+15145550109',
    rule: 'NS-2',
    description:
      "Daniel Ménard: no-show du RDV de Kevin O'Brien, jamais relancé par Kevin → l'agent qui reçoit garde le nouveau RDV.",
  },
  {
    number: '+15145550110',
    rule: 'FIN-1',
    description:
      "Nathalie Savard: demande Credsii cote D/E (analyste Isabelle Côté) et RDV BDC planifié d'Emily Smith → escalader au DA (annuler le RDV, invalider l'OPP BDC).",
  },
  {
    number: '+15145550111',
    rule: 'CB-3',
    description:
      'Guillaume Giroux: OPP de Luc Bergeron (absent); Julie Tremblay (en appel) a relancé 1 h avant la génération → garder et booker, ne pas promettre de rappel (vaut 2 h).',
  },
  {
    number: '+15145550112',
    rule: 'NS-3',
    description:
      'Audrey Lachance: no-show du RDV de Julie Tremblay, relancé par Julie il y a 5 jours (> 72 h) → garder.',
  },
  {
    number: HOSTILE_SCENARIO_NUMBER,
    rule: 'PU-2',
    description:
      "Éloïse Côté-Tremblay: message du lead avec <img src=x onerror=alert(1)> et un lien javascript:alert(1) (à afficher inertes), Hyundai Kona, RDV planifié par Emily Smith; lead de Kevin O'Brien non traité → garder (+ RDV-1).",
  },
];

export const DEMO_CHANNEL_SCENARIOS: readonly DemoChannelScenario[] = [
  {
    number: '+15145550113',
    channel: 'sms',
    rule: 'SMS-3a',
    description:
      'Owen Fraser: Emily Smith lui a texté, il a répondu 1 min avant la génération → réservé à Emily 3 min (ensuite SMS-3b).',
  },
  {
    number: '+15145550114',
    channel: 'chat',
    rule: 'CH-2',
    description:
      "Mélanie Boisvert: en clavardage avec Nadia Lévesque depuis 5 min; OPP d'Alexandre Pelletier (disponible) entrée avant → transférer le clavardage à Alexandre.",
  },
  {
    number: '+15145550115',
    channel: 'chat',
    rule: 'CH-1',
    description:
      "Olivia Reid: en clavardage avec Geneviève Fortin depuis 2 h; l'OPP a été entrée après le début du clavardage → Geneviève la garde.",
  },
];

/** Every number reserved for scenarios (random clients never get these). */
export const RESERVED_NUMBERS: ReadonlySet<string> = new Set([
  ...DEMO_SCENARIOS.map((s) => s.number),
  ...DEMO_CHANNEL_SCENARIOS.map((s) => s.number),
  DEMO_UNKNOWN_NUMBER,
  '+15145550116',
]);

/**
 * The scenarios as they hold for a given `now`: PU-1c becomes NL-1b when the demo is
 * generated in the first 3 h 10 min of a month (its OPP then dates from the month before).
 */
export function demoScenariosAt(now: Date, timeZone = 'America/Toronto'): DemoScenario[] {
  const early = !pu1cFits(now.getTime(), monthStart(now, timeZone));
  return DEMO_SCENARIOS.map((s) => (early && s.rule === 'PU-1c' ? { ...s, rule: 'NL-1b' } : { ...s }));
}

/** Midnight of the 1st of `now`'s month in `timeZone`, as epoch ms. */
export function monthStart(now: Date, timeZone: string): number {
  const local = zonedParts(now, timeZone);
  return zonedToInstant(local.year, local.month, 1, 0, 0, timeZone).getTime();
}

function pu1cFits(nowMs: number, monthStartMs: number): boolean {
  return nowMs - monthStartMs >= 3 * HOUR + 10 * MIN;
}

interface Person {
  id: string;
  first: string;
  phone: string;
}

/** Writes the scenario clients. `monthStartMs`: midnight of the 1st of `now`'s month, local. */
export function writeScenarios(w: DemoWriter, rng: Prng, nowMs: number, monthStartMs: number): number {
  const before = w.counts.clients;

  const person = (
    first: string,
    last: string,
    language: 'fr' | 'en',
    number: string,
    email: string | null,
    createdAt: number,
  ): Person => {
    const created = iso(createdAt);
    const id = w.client(first, last, language, null, created);
    w.phone(id, number, 'mobile', created);
    if (email) w.email(id, email, created);
    w.search(id, first, last, email ? [email] : []);
    return { id, first, phone: number };
  };

  const opp = (p: Person, values: Partial<OpportunityValues> & Pick<OpportunityValues, 'createdAt'>): string => {
    const vehicle = values.vehicleMake === undefined;
    const year = 2025;
    return w.opportunity({
      clientId: p.id,
      type: 'internet',
      financingSource: null,
      provider: 'Autotrader.ca',
      providerRef: null,
      department: 'bdc',
      status: 'in_progress',
      tag: 'bronze',
      managerId: null,
      handledBy: null,
      handledAt: null,
      collaboratorId: null,
      message: 'Bonjour, est-ce que le véhicule est encore disponible?',
      vehicleYear: vehicle ? year : null,
      vehicleMake: vehicle ? 'Toyota' : null,
      vehicleModel: vehicle ? 'RAV4' : null,
      vehicleTrim: vehicle ? 'XLE' : null,
      vehicleStock: vehicle ? makeStock(rng) : null,
      vehicleVin: vehicle ? makeVin(rng, '2T3', year) : null,
      tradeIn: null,
      resultLabel: null,
      resultAt: null,
      resultBy: null,
      soldAt: null,
      deliveredAt: null,
      ...values,
    });
  };

  const meeting = (
    p: Person,
    opportunityId: string,
    bookedBy: string,
    kind: MeetingKind,
    at: number,
    status: 'planned' | 'no_show' | 'showed' | 'cancelled',
    createdAt: number,
    stock = 'S20417',
  ): string =>
    w.meeting({
      opportunityId,
      clientId: p.id,
      bookedBy,
      at,
      status,
      kind,
      subject: meetingSubject(kind, p.first, stock),
      branch: 'Montréal-Est',
      language: 'fr',
      deposit: kind === 'deposit',
      depositMethod: kind === 'deposit' ? 'stripe' : null,
      docusign: kind === 'deposit' ? 'sent' : null,
      transfer: kind === 'transfer',
      virtualDevice: kind === 'virtual' ? 'iphone' : null,
      salesRep: 'Jean-François Lapointe',
      description: null,
      createdAt,
    });

  const call = (p: Person, oppId: string, agent: string, at: number, durationS: number): void => {
    w.activity(p.id, oppId, null, agent, 'call', at, null, JSON.stringify({ durationS }));
    w.call('outbound', p.phone, p.id, agent, at, durationS);
  };

  const now = nowMs;

  // PU-1a — Alexandre (24/7, available) handled the OPP two days ago.
  {
    const p = person('Simon', 'Bouchard', 'fr', '+15145550101', 'simon.bouchard@example.com', now - 2 * DAY);
    const handled = now - 2 * DAY + 20 * MIN;
    const o = opp(p, {
      createdAt: now - 2 * DAY,
      status: 'contacted',
      managerId: 'alex',
      handledBy: 'alex',
      handledAt: handled,
      collaboratorId: 'alex',
    });
    call(p, o, 'alex', handled, 312);
    w.activity(p.id, o, null, 'alex', 'follow_up', now - DAY, followUpNote(2, 1, true), null);
  }

  // PU-1b — Julie (24/7, on a call) handled the OPP.
  {
    const p = person('Catherine', 'Lavoie', 'fr', '+15145550102', 'catherine.lavoie@example.com', now - 3 * DAY);
    const handled = now - 3 * DAY + 45 * MIN;
    const o = opp(p, {
      createdAt: now - 3 * DAY,
      type: 'email',
      provider: 'Kijiji Autos',
      status: 'response_sent',
      managerId: 'julie',
      handledBy: 'julie',
      handledAt: handled,
      collaboratorId: 'julie',
    });
    w.activity(p.id, o, null, 'julie', 'email', handled, null, null);
    w.activity(p.id, o, null, 'julie', 'follow_up', now - 2 * DAY, followUpNote(2, 1, true), null);
  }

  // PU-2 — Luc's internet lead, never touched.
  {
    const p = person('Jessica', 'Murphy', 'en', '+15145550103', 'jessica.murphy@example.com', now - 5 * HOUR);
    opp(p, {
      createdAt: now - 5 * HOUR,
      provider: 'CarGurus',
      managerId: 'luc',
      message: "Hi, what's your best price on the RAV4 XLE?",
    });
  }

  // CB-1 — Luc is absent; Alexandre followed up 30 minutes ago.
  {
    const p = person('Martin', 'Poulin', 'fr', '+15145550104', 'martin.poulin@example.com', now - 6 * DAY);
    const handled = now - 6 * DAY + HOUR;
    const o = opp(p, {
      createdAt: now - 6 * DAY,
      status: 'response_sent',
      managerId: 'luc',
      handledBy: 'luc',
      handledAt: handled,
      collaboratorId: 'alex',
    });
    w.activity(p.id, o, null, 'luc', 'follow_up', handled, followUpNote(1, 1, true), null);
    w.text(
      p.id,
      o,
      now - 31 * MIN,
      'out',
      'alex',
      p.phone,
      'Bonjour Martin, ici Alexandre. Le RAV4 est toujours disponible, quand pouvez-vous passer?',
      'Relance J2',
    );
    w.activity(p.id, o, null, 'alex', 'follow_up', now - 30 * MIN, followUpNote(3, 1, true), null);
  }

  // NL-1b — Luc's OPP from 40 days ago (always an earlier calendar month).
  {
    const p = person('Chantal', 'Gélinas', 'fr', '+15145550105', 'chantal.gelinas@example.com', now - 40 * DAY);
    const handled = now - 40 * DAY + 2 * HOUR;
    const o = opp(p, {
      createdAt: now - 40 * DAY,
      status: 'contacted',
      managerId: 'luc',
      handledBy: 'luc',
      handledAt: handled,
      collaboratorId: 'luc',
      vehicleMake: 'Honda',
      vehicleModel: 'CR-V',
      vehicleTrim: 'EX-L',
      vehicleYear: 2025,
      vehicleStock: makeStock(rng),
      vehicleVin: makeVin(rng, '2HK', 2025),
    });
    call(p, o, 'luc', handled, 185);
    w.activity(p.id, o, null, 'luc', 'follow_up', now - 2 * DAY, followUpNote(5, 1, false), null);
  }

  // PU-1c — Luc's OPP created this month (or NL-1b in the first hours of a month).
  {
    const created = pu1cFits(now, monthStartMs) ? Math.max(monthStartMs + 5 * MIN, now - 3 * DAY) : now - 3 * DAY;
    const p = person('Ryan', 'Walsh', 'en', '+15145550106', 'ryan.walsh@example.com', created);
    const handled = created + MIN;
    const o = opp(p, {
      createdAt: created,
      type: 'phone_up',
      provider: null,
      status: 'contacted',
      managerId: 'luc',
      handledBy: 'luc',
      handledAt: handled,
      collaboratorId: 'luc',
      message: null,
    });
    w.activity(
      p.id,
      o,
      null,
      'luc',
      'note',
      handled,
      'Client intéressé par un RAV4 hybride, rappeler pour essai routier',
      null,
    );
    w.call('inbound', p.phone, p.id, 'luc', created, 240);
  }

  // LOST-1 — Emily set the latest BDC OPP Perdu BDC after a week without contact.
  {
    const p = person('Stéphane', 'Dubé', 'fr', '+15145550107', 'stephane.dube@example.com', now - 20 * DAY);
    const created = now - 20 * DAY;
    const o = opp(p, {
      createdAt: created,
      status: 'lost_bdc',
      managerId: 'emily',
      handledBy: 'emily',
      handledAt: created + 30 * MIN,
      collaboratorId: 'emily',
      resultLabel: 'Pas de réponse',
      resultAt: created + 8 * DAY,
      resultBy: 'emily',
    });
    for (let d = 1; d <= 7; d++)
      w.activity(
        p.id,
        o,
        null,
        'emily',
        'follow_up',
        created + d * DAY - (d === 1 ? DAY - 30 * MIN : 0),
        followUpNote(d, 1, d % 2 === 1),
        null,
      );
    w.activity(p.id, o, null, 'emily', 'result', created + 8 * DAY, 'Pas de réponse', null);
  }

  // NS-1 — Julie's no-show, followed up by Julie 6 hours ago; Julie is on shift.
  {
    const p = person('Valérie', 'Chabot', 'fr', '+15145550108', 'valerie.chabot@example.com', now - 5 * DAY);
    const created = now - 5 * DAY;
    const o = opp(p, {
      createdAt: created,
      status: 'contacted',
      tag: tagFor('stock'),
      managerId: 'julie',
      handledBy: 'julie',
      handledAt: created + HOUR,
      collaboratorId: 'julie',
    });
    call(p, o, 'julie', created + HOUR, 420);
    const m = meeting(p, o, 'julie', 'stock', now - 2 * DAY, 'no_show', created + HOUR);
    w.activity(
      p.id,
      o,
      m,
      'julie',
      'booking',
      created + HOUR,
      meetingSubject('stock', p.first, 'S20417'),
      JSON.stringify({ meetingId: m }),
    );
    w.activity(
      p.id,
      o,
      m,
      'julie',
      'follow_up',
      now - 6 * HOUR,
      followUpNote(1, 1, true),
      JSON.stringify({ meetingId: m }),
    );
  }

  // NS-2 — Kevin's no-show, never followed up.
  {
    const p = person('Daniel', 'Ménard', 'fr', '+15145550109', 'daniel.menard@example.com', now - 7 * DAY);
    const created = now - 7 * DAY;
    const o = opp(p, {
      createdAt: created,
      type: 'phone_up',
      provider: null,
      status: 'contacted',
      tag: tagFor('inventory'),
      managerId: 'kevin',
      handledBy: 'kevin',
      handledAt: created,
      collaboratorId: 'kevin',
      message: null,
    });
    w.call('inbound', p.phone, p.id, 'kevin', created, 380);
    const m = meeting(p, o, 'kevin', 'inventory', now - 3 * DAY, 'no_show', created + 10 * MIN);
    w.activity(
      p.id,
      o,
      m,
      'kevin',
      'booking',
      created + 10 * MIN,
      meetingSubject('inventory', p.first, null),
      JSON.stringify({ meetingId: m }),
    );
  }

  // FIN-1 — a Credsii D/E request and a planned BDC meeting.
  {
    const p = person('Nathalie', 'Savard', 'fr', '+15145550110', 'nathalie.savard@example.com', now - 4 * DAY);
    const created = now - 4 * DAY;
    const o = opp(p, {
      createdAt: created,
      status: 'appointment_booked',
      tag: tagFor('stock'),
      managerId: 'emily',
      handledBy: 'emily',
      handledAt: created + HOUR,
      collaboratorId: 'emily',
    });
    call(p, o, 'emily', created + HOUR, 510);
    const m = meeting(p, o, 'emily', 'stock', now + 2 * DAY, 'planned', created + HOUR);
    w.activity(
      p.id,
      o,
      m,
      'emily',
      'booking',
      created + HOUR,
      meetingSubject('stock', p.first, 'S20417'),
      JSON.stringify({ meetingId: m }),
    );
    const f = opp(p, {
      createdAt: now - DAY,
      type: 'financing',
      financingSource: 'credsii_de',
      provider: 'Credsii',
      department: 'financing',
      managerId: 'isabelle',
      handledBy: 'isabelle',
      handledAt: now - DAY + HOUR,
      collaboratorId: 'isabelle',
      message: 'Demande de crédit Credsii, cote D/E',
      vehicleMake: null,
      vehicleModel: null,
      vehicleTrim: null,
      vehicleYear: null,
      vehicleStock: null,
      vehicleVin: null,
    });
    w.activity(p.id, f, null, 'isabelle', 'note', now - DAY + HOUR, 'Dossier de crédit reçu, en analyse', null);
  }

  // CB-3 — Luc absent; Julie (on a call) followed up an hour ago.
  {
    const p = person('Guillaume', 'Giroux', 'fr', '+15145550111', 'guillaume.giroux@example.com', now - 9 * DAY);
    const created = now - 9 * DAY;
    const o = opp(p, {
      createdAt: created,
      status: 'response_sent',
      managerId: 'luc',
      handledBy: 'luc',
      handledAt: created + 2 * HOUR,
      collaboratorId: 'julie',
    });
    w.activity(p.id, o, null, 'luc', 'sms', created + 2 * HOUR, null, null);
    w.activity(p.id, o, null, 'julie', 'follow_up', now - HOUR, followUpNote(4, 2, false), null);
  }

  // NS-3 — Julie's no-show, followed up five days ago (> 72 h).
  {
    const p = person('Audrey', 'Lachance', 'fr', '+15145550112', 'audrey.lachance@example.com', now - 10 * DAY);
    const created = now - 10 * DAY;
    const o = opp(p, {
      createdAt: created,
      status: 'contacted',
      tag: tagFor('virtual'),
      managerId: 'julie',
      handledBy: 'julie',
      handledAt: created + HOUR,
      collaboratorId: 'julie',
    });
    call(p, o, 'julie', created + HOUR, 275);
    const m = meeting(p, o, 'julie', 'virtual', now - 6 * DAY, 'no_show', created + HOUR);
    w.activity(
      p.id,
      o,
      m,
      'julie',
      'booking',
      created + HOUR,
      meetingSubject('virtual', p.first, 'S20417'),
      JSON.stringify({ meetingId: m }),
    );
    w.activity(
      p.id,
      o,
      m,
      'julie',
      'follow_up',
      now - 5 * DAY,
      followUpNote(1, 1, true),
      JSON.stringify({ meetingId: m }),
    );
  }

  // Hostile lead content (zone 5 must show it inert); unhandled lead with a planned meeting.
  {
    const created = now - 26 * HOUR;
    const p = person('Éloïse', 'Côté-Tremblay', 'fr', HOSTILE_SCENARIO_NUMBER, 'eloise.cote@example.ca', created);
    const o = opp(p, {
      createdAt: created,
      provider: 'Site web du concessionnaire',
      status: 'appointment_booked',
      tag: tagFor('stock'),
      managerId: 'kevin',
      collaboratorId: 'emily',
      message:
        'Bonjour <img src=x onerror=alert(1)> je veux voir le Kona. Détails : <a href="javascript:alert(1)">javascript:alert(1)</a>',
      vehicleYear: 2025,
      vehicleMake: 'Hyundai',
      vehicleModel: 'Kona',
      vehicleTrim: 'N Line',
      vehicleStock: 'S31337',
      vehicleVin: makeVin(rng, 'KM8', 2025),
      tradeIn: '2016 Toyota Corolla CE, 142 000 km <b>bold?</b>',
    });
    const m = meeting(p, o, 'emily', 'stock', now + DAY, 'planned', created + 2 * HOUR, 'S31337');
    w.activity(
      p.id,
      o,
      m,
      'emily',
      'booking',
      created + 2 * HOUR,
      meetingSubject('stock', p.first, 'S31337'),
      JSON.stringify({ meetingId: m }),
    );
  }

  // SMS-3a — Emily texted, the client replied a minute ago.
  {
    const p = person('Owen', 'Fraser', 'en', '+15145550113', 'owen.fraser@example.com', now - 2 * DAY);
    const created = now - 2 * DAY;
    const o = opp(p, {
      createdAt: created,
      type: 'sms',
      provider: 'Texto',
      status: 'response_sent',
      managerId: 'luc',
      handledBy: 'luc',
      handledAt: created + HOUR,
      collaboratorId: 'emily',
    });
    w.activity(p.id, o, null, 'luc', 'follow_up', created + HOUR, followUpNote(1, 1, true), null);
    w.text(
      p.id,
      o,
      created + HOUR,
      'out',
      'luc',
      p.phone,
      'Hi Owen, this is Luc from Poste Autos. When can we talk about the RAV4?',
      'Premier contact',
    );
    w.text(
      p.id,
      o,
      now - 12 * MIN,
      'out',
      'emily',
      p.phone,
      'Hi Owen, Emily here, covering for Luc. Still interested in the RAV4?',
      null,
    );
    w.activity(p.id, o, null, 'emily', 'sms', now - 12 * MIN, null, null);
    w.text(p.id, o, now - MIN, 'in', null, p.phone, 'Yes! Can I come Saturday morning?', null);
  }

  // CH-2 — in a chat with Nadia; Alexandre's OPP was entered before the chat.
  {
    const p = person('Mélanie', 'Boisvert', 'fr', '+15145550114', 'melanie.boisvert@example.com', now - 2 * DAY);
    const created = now - 2 * DAY;
    const o = opp(p, {
      createdAt: created,
      status: 'contacted',
      managerId: 'alex',
      handledBy: 'alex',
      handledAt: created + HOUR,
      collaboratorId: 'alex',
    });
    call(p, o, 'alex', created + HOUR, 198);
    w.chat(p.id, 'nadia', now - 5 * MIN, null);
  }

  // CH-1 — in a chat with Geneviève for two hours; the OPP was entered during the chat.
  {
    const p = person('Olivia', 'Reid', 'en', '+15145550115', 'olivia.reid@example.com', now - 2 * HOUR);
    w.chat(p.id, 'genevieve', now - 2 * HOUR, null);
    opp(p, {
      createdAt: now - HOUR,
      type: 'chat',
      provider: 'Clavardage site web',
      status: 'in_progress',
      managerId: 'genevieve',
      message: 'Client en clavardage: cherche un Subaru Outback 2025',
      vehicleMake: 'Subaru',
      vehicleModel: 'Outback',
      vehicleTrim: 'Touring',
      vehicleYear: 2025,
      vehicleStock: makeStock(rng),
      vehicleVin: makeVin(rng, '4S4', 2025),
    });
  }

  // EL-2 — an internet lead of Kevin's, found by e-mail after a call from an unknown number.
  {
    const p = person('Rémi', 'Thibault', 'fr', '+15145550116', DEMO_EL2_EMAIL, now - 3 * HOUR);
    opp(p, { createdAt: now - 3 * HOUR, provider: 'Kijiji Autos', managerId: 'kevin' });
  }

  return w.counts.clients - before;
}
