import { beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDto } from '../../../shared/ipc/dto';
import { formatDateTime, formatDuration } from './format';
import { agentNamesOf, historyLine, historyText, type Translate } from './history';
import { createI18n } from '../../app/i18n';
import { makeActivity, makeOpportunity } from './record-fixture';

let fr: Translate;
let en: Translate;

beforeAll(() => {
  // The console's own instance: its formatters (« {{agent, de}} ») are part of the wording.
  const i18n = createI18n('fr');
  fr = i18n.getFixedT('fr', 'record');
  en = i18n.getFixedT('en', 'record');
});

const at = '2026-03-10T14:05:00-04:00';
const act = (overrides: Partial<ActivityDto>): ActivityDto => makeActivity({ at, ...overrides });
const both = (activity: ActivityDto): [string, string] => [
  historyLine(activity, fr, 'fr'),
  historyLine(activity, en, 'en'),
];

describe('history lines: the six actions (product.md, to the letter in French)', () => {
  it('Appeler: the call back with its duration', () => {
    expect(both(act({ kind: 'call', data: { durationS: 187 } }))).toEqual([
      '2026-03-10 14 h 05 — Rappel effectué par Julie Tremblay, durée 03:07',
      '2026-03-10 14:05 — Callback made by Julie Tremblay, duration 03:07',
    ]);
  });

  it('Appeler: placed, not ended yet, so no duration', () => {
    expect(historyLine(act({ kind: 'call' }), fr, 'fr')).toBe(
      '2026-03-10 14 h 05 — Rappel effectué par Julie Tremblay',
    );
  });

  it('Appeler via BLEAD: same line, with the duration', () => {
    expect(historyLine(act({ kind: 'blead_call', data: { durationS: 62 } }), fr, 'fr')).toBe(
      '2026-03-10 14 h 05 — Rappel effectué par Julie Tremblay, durée 01:02',
    );
  });

  it('a phone-up taken by the agent reads as a call received', () => {
    expect(both(act({ kind: 'call', data: { direction: 'inbound', durationS: 5 } }))).toEqual([
      '2026-03-10 14 h 05 — Appel reçu par Julie Tremblay, durée 00:05',
      '2026-03-10 14:05 — Call taken by Julie Tremblay, duration 00:05',
    ]);
  });

  it('SMS with its template, and a blank one', () => {
    expect(both(act({ kind: 'sms', data: { templateName: 'Premier contact' } }))).toEqual([
      '2026-03-10 14 h 05 — SMS « Premier contact » envoyé par Julie Tremblay',
      '2026-03-10 14:05 — SMS “Premier contact” sent by Julie Tremblay',
    ]);
    expect(historyLine(act({ kind: 'sms', data: { template: 'Relance J2' } }), fr, 'fr')).toBe(
      '2026-03-10 14 h 05 — SMS « Relance J2 » envoyé par Julie Tremblay',
    );
    expect(historyLine(act({ kind: 'sms' }), fr, 'fr')).toBe('2026-03-10 14 h 05 — SMS envoyé par Julie Tremblay');
  });

  it('Email', () => {
    expect(both(act({ kind: 'email' }))).toEqual([
      '2026-03-10 14 h 05 — Email envoyé par Julie Tremblay',
      '2026-03-10 14:05 — Email sent by Julie Tremblay',
    ]);
  });

  it('Rediriger to a colleague or to AUTRE’s free address', () => {
    expect(both(act({ kind: 'redirect', data: { recipientName: 'Marc Gagnon' } }))).toEqual([
      '2026-03-10 14 h 05 — Transmis à Marc Gagnon par Julie Tremblay',
      '2026-03-10 14:05 — Forwarded to Marc Gagnon by Julie Tremblay',
    ]);
    expect(historyLine(act({ kind: 'redirect', data: { to: 'ventes@concession.ca' } }), fr, 'fr')).toBe(
      '2026-03-10 14 h 05 — Transmis à ventes@concession.ca par Julie Tremblay',
    );
    expect(historyLine(act({ kind: 'redirect' }), fr, 'fr')).toBe(
      '2026-03-10 14 h 05 — Fiche transmise par Julie Tremblay',
    );
  });

  it('Résultat with the choice picked', () => {
    expect(both(act({ kind: 'result', data: { label: 'Rejoint — RDV pris' } }))).toEqual([
      '2026-03-10 14 h 05 — Résultat « Rejoint — RDV pris » par Julie Tremblay',
      '2026-03-10 14:05 — Result “Rejoint — RDV pris” by Julie Tremblay',
    ]);
    expect(historyLine(act({ kind: 'result', note: 'Pas de réponse' }), fr, 'fr')).toBe(
      '2026-03-10 14 h 05 — Résultat « Pas de réponse » par Julie Tremblay',
    );
  });
});

describe('history lines: notes, follow-ups and the console’s own kinds', () => {
  it('a follow-up carries its FU-2 note, a note its text', () => {
    expect(both(act({ kind: 'follow_up', note: 'PDR J3 R1 + TEXTO' }))).toEqual([
      '2026-03-10 14 h 05 — Relance par Julie Tremblay : PDR J3 R1 + TEXTO',
      '2026-03-10 14:05 — Follow-up by Julie Tremblay: PDR J3 R1 + TEXTO',
    ]);
    expect(both(act({ kind: 'note', note: 'Préfère être appelée après 17 h' }))).toEqual([
      '2026-03-10 14 h 05 — Remarque de Julie Tremblay : Préfère être appelée après 17 h',
      '2026-03-10 14:05 — Note by Julie Tremblay: Préfère être appelée après 17 h',
    ]);
  });

  it('a status change names both statuses in the reader’s language', () => {
    expect(both(act({ kind: 'status_change', data: { from: 'in_progress', to: 'contacted' } }))).toEqual([
      '2026-03-10 14 h 05 — Statut changé de « En traitement » à « Contacté » par Julie Tremblay',
      '2026-03-10 14:05 — Status changed from “In progress” to “Contacted” by Julie Tremblay',
    ]);
    expect(historyLine(act({ kind: 'status_change', data: { to: 'lost_bdc', reason: 'FU-1' } }), fr, 'fr')).toBe(
      '2026-03-10 14 h 05 — Statut changé à « Perdu BDC » par Julie Tremblay — raison : FU-1',
    );
    expect(historyLine(act({ kind: 'status_change', data: null }), fr, 'fr')).toBe(
      '2026-03-10 14 h 05 — Statut changé par Julie Tremblay',
    );
  });

  it('an assignment names who gets the OPP', () => {
    const a = act({
      kind: 'assignment',
      agentName: 'Sophie Roy',
      data: { fromName: 'Julie Tremblay', targetName: 'Marc Gagnon' },
    });
    expect(both(a)).toEqual([
      '2026-03-10 14 h 05 — OPP réattribuée de Julie Tremblay à Marc Gagnon par Sophie Roy',
      '2026-03-10 14:05 — Opportunity reassigned from Julie Tremblay to Marc Gagnon by Sophie Roy',
    ]);
    expect(historyText(act({ kind: 'assignment', data: { targetName: 'Marc Gagnon' } }), fr, 'fr')).toBe(
      'OPP attribuée à Marc Gagnon par Julie Tremblay',
    );
    expect(historyText(act({ kind: 'assignment' }), en, 'en')).toBe('Opportunity reassigned by Julie Tremblay');
  });

  it('tagging the DA (PU-1b) names the owner to give the OPP to', () => {
    const a = act({ kind: 'tag_da', agentName: 'Marc Gagnon', data: { targetName: 'Julie Tremblay' } });
    expect(both(a)).toEqual([
      '2026-03-10 14 h 05 — DA avisé par Marc Gagnon : remettre l’OPP à Julie Tremblay',
      '2026-03-10 14:05 — DA tagged by Marc Gagnon: give the opportunity to Julie Tremblay',
    ]);
    expect(historyText(act({ kind: 'tag_da' }), fr, 'fr')).toBe('DA avisé par Julie Tremblay');
  });

  it('invalidation, with the EL-2 reason', () => {
    const a = act({ kind: 'invalidate', agentName: 'Sophie Roy', data: { reason: 'OPP lead courriel invalide' } });
    expect(both(a)).toEqual([
      '2026-03-10 14 h 05 — OPP mise en « Invalide BDC » par Sophie Roy — raison : OPP lead courriel invalide',
      '2026-03-10 14:05 — Opportunity set to “Invalid (BDC)” by Sophie Roy — reason: OPP lead courriel invalide',
    ]);
  });

  it('a cancelled meeting names its subject, from the data or from the record', () => {
    expect(historyText(act({ kind: 'cancel_meeting', data: { subject: 'MARIE / STOCK 24-117' } }), fr, 'fr')).toBe(
      'Rendez-vous « MARIE / STOCK 24-117 » annulé par Julie Tremblay',
    );
    const fromRecord = act({ kind: 'cancel_meeting', meetingId: 'm1' });
    expect(
      historyText(fromRecord, en, 'en', { meetingSubject: (id) => (id === 'm1' ? 'MARIE / INVENTAIRE' : null) }),
    ).toBe('Appointment “MARIE / INVENTAIRE” cancelled by Julie Tremblay');
    expect(historyText(fromRecord, fr, 'fr')).toBe('Rendez-vous annulé par Julie Tremblay');
  });

  it('a booking names the subject and when the client comes', () => {
    const a = act({ kind: 'booking', data: { subject: 'DÉPÔT / MARIE / 24-117', at: '2026-03-12T18:30:00-04:00' } });
    expect(both(a)).toEqual([
      '2026-03-10 14 h 05 — Rendez-vous « DÉPÔT / MARIE / 24-117 » pris pour le 2026-03-12 18 h 30 par Julie Tremblay',
      '2026-03-10 14:05 — Appointment “DÉPÔT / MARIE / 24-117” booked for 2026-03-12 18:30 by Julie Tremblay',
    ]);
    expect(historyText(act({ kind: 'booking', data: { subject: 'X' } }), fr, 'fr')).toBe(
      'Rendez-vous « X » pris par Julie Tremblay',
    );
    expect(historyText(act({ kind: 'booking' }), fr, 'fr')).toBe('Rendez-vous pris par Julie Tremblay');
  });

  it('a new OPP: created by an agent (EL-1) or received from an import', () => {
    expect(both(act({ kind: 'opportunity_created', data: { type: 'phone_up' } }))).toEqual([
      '2026-03-10 14 h 05 — Nouvelle OPP « Phone-Up » créée par Julie Tremblay',
      '2026-03-10 14:05 — New “Phone-Up” opportunity created by Julie Tremblay',
    ]);
    const imported = act({ kind: 'opportunity_created', agentId: null, agentName: null, data: { type: 'internet' } });
    expect(both(imported)).toEqual([
      '2026-03-10 14 h 05 — Nouvelle OPP « Lead Internet » reçue',
      '2026-03-10 14:05 — New “Internet lead” opportunity received',
    ]);
    expect(historyText(act({ kind: 'opportunity_created', agentName: null, agentId: null }), fr, 'fr')).toBe(
      'Nouvelle OPP reçue',
    );
  });

  it('a verdict override names the rule and the reason', () => {
    const a = act({ kind: 'verdict_override', data: { rule: 'PU-1a', reason: 'client demande Marc' } });
    expect(both(a)).toEqual([
      '2026-03-10 14 h 05 — Verdict « PU-1a » écarté par Julie Tremblay — raison : client demande Marc',
      '2026-03-10 14:05 — Verdict “PU-1a” overridden by Julie Tremblay — reason: client demande Marc',
    ]);
    expect(historyText(act({ kind: 'verdict_override', data: { rules: ['NS-1', 'RDV-1'] } }), fr, 'fr')).toBe(
      'Verdict « NS-1, RDV-1 » écarté par Julie Tremblay',
    );
    // As the inbound service writes it (inbound.ts): the agent's reason is the note.
    const written = act({ kind: 'verdict_override', note: 'le client veut Marc', data: { rule: 'PU-1a', decision: 'transfer' } });
    expect(historyText(written, fr, 'fr')).toBe('Verdict « PU-1a » écarté par Julie Tremblay — raison : le client veut Marc');
  });
});

describe('history lines: defensive reading', () => {
  it('an activity without an agent says so rather than leaving a hole', () => {
    expect(historyText(act({ kind: 'email', agentName: null }), fr, 'fr')).toBe('Email envoyé par agent inconnu');
    expect(historyText(act({ kind: 'email', agentName: null }), en, 'en')).toBe('Email sent by unknown agent');
  });

  it('ignores data of the wrong type', () => {
    const odd = act({ kind: 'call', data: { durationS: 'long', direction: 42 } });
    expect(historyText(odd, fr, 'fr')).toBe('Rappel effectué par Julie Tremblay');
    expect(historyText(act({ kind: 'sms', data: { templateName: { evil: true } } }), fr, 'fr')).toBe(
      'SMS envoyé par Julie Tremblay',
    );
  });

  it('an unknown status id is shown as given', () => {
    expect(historyText(act({ kind: 'status_change', data: { to: 'archived' } }), fr, 'fr')).toBe(
      'Statut changé à « archived » par Julie Tremblay',
    );
  });

  it('untrusted text is passed through as is: no markup, no i18next nesting', () => {
    const note = '<img src=x onerror=alert(1)> $t(history.email) {{agent}} https://evil.example';
    expect(historyText(act({ kind: 'note', note }), fr, 'fr')).toBe(`Remarque de Julie Tremblay : ${note}`);
  });

  it('« de » before the agent’s name is elided as French writes it', () => {
    expect(historyText(act({ kind: 'note', agentName: 'Isabelle Côté', note: 'Rappeler lundi' }), fr, 'fr')).toBe(
      'Remarque d’Isabelle Côté : Rappeler lundi',
    );
  });

  it('a date that is not one is shown as given', () => {
    expect(historyLine(act({ kind: 'email', at: 'hier' }), fr, 'fr')).toBe('hier — Email envoyé par Julie Tremblay');
  });
});

describe('dates and durations', () => {
  it('are in the centre’s time zone, whatever offset they were stored with', () => {
    expect(formatDateTime('2026-03-10T18:05:00Z', 'fr')).toBe('2026-03-10 14 h 05');
    expect(formatDateTime('2026-01-15T14:09:00Z', 'fr')).toBe('2026-01-15 9 h 09');
    expect(formatDateTime('2026-01-15T14:09:00Z', 'en')).toBe('2026-01-15 09:09');
    expect(formatDateTime('2026-03-11T03:30:00Z', 'fr')).toBe('2026-03-10 23 h 30');
  });

  it('midnight is 0 h, not 24 h', () => {
    expect(formatDateTime('2026-03-10T04:00:00Z', 'fr')).toBe('2026-03-10 0 h 00');
  });

  it('durations are mm:ss, with hours past the hour', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(187)).toBe('03:07');
    expect(formatDuration(3599)).toBe('59:59');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});

describe('history lines written by zone 9 (issue 5)', () => {
  let frA: Translate;
  let enA: Translate;
  beforeAll(() => {
    const i18n = createI18n('fr');
    frA = i18n.getFixedT('fr', 'record');
    enA = i18n.getFixedT('en', 'record');
  });

  it('a call that ended unanswered says so', () => {
    const a = act({ kind: 'call', data: { answered: false, endedAt: at } });
    expect([historyText(a, frA, 'fr'), historyText(a, enA, 'en')]).toEqual([
      'Rappel effectué par Julie Tremblay, sans réponse',
      'Callback made by Julie Tremblay, not answered',
    ]);
  });

  it('a result reads in the record’s language', () => {
    const a = act({ kind: 'result', data: { label: 'Déjà acheté', labelEn: 'Already bought' } });
    expect([historyText(a, frA, 'fr'), historyText(a, enA, 'en')]).toEqual([
      'Résultat « Déjà acheté » par Julie Tremblay',
      'Result “Already bought” by Julie Tremblay',
    ]);
  });

  it('RDV-1: a moved meeting names who moved it', () => {
    const a = act({ kind: 'booking', data: { subject: 'JULIE / S1', at: '2026-03-12T14:00:00Z', movedFrom: '2026-03-11T14:00:00Z' } });
    expect(historyText(a, frA, 'fr')).toBe('Rendez-vous « JULIE / S1 » déplacé au 2026-03-12 10 h 00 par Julie Tremblay');
  });
});

describe('a merge’s line (merge.ts writes data, the console words it)', () => {
  const merge = (data: Record<string, unknown>, note: string | null = null) =>
    act({ kind: 'note', agentId: 'marc', agentName: 'Marc Gagnon', opportunityId: null, note, data });

  it('Marc merged Antoine’s and Catherine’s records into this one: their names, « de » elided, one language', () => {
    const a = merge({ action: 'merge', merged: ['c2', 'c3'], mergedNames: ['Antoine Côté', 'Catherine Côté-Tremblay'] });
    expect([historyText(a, fr, 'fr'), historyText(a, en, 'en')]).toEqual([
      'Fiches d’Antoine Côté et de Catherine Côté-Tremblay fusionnées dans celle-ci par Marc Gagnon',
      'Records of Antoine Côté and Catherine Côté-Tremblay merged into this one by Marc Gagnon',
    ]);
  });

  it('one record merged: the singular, « de » kept before a consonant', () => {
    const a = merge({ action: 'merge', merged: ['c2'], mergedNames: ['Julien Roy'] });
    expect([historyText(a, fr, 'fr'), historyText(a, en, 'en')]).toEqual([
      'Fiche de Julien Roy fusionnée dans celle-ci par Marc Gagnon',
      'Julien Roy’s record merged into this one by Marc Gagnon',
    ]);
  });

  it('a line stored before the names (a bilingual note) still reads, in one language, from its ids', () => {
    const a = merge({ action: 'merge', merged: ['b', 'c'], moved: { opportunities: 2 } }, 'Fiches fusionnées / Records merged: 3');
    expect([historyText(a, fr, 'fr'), historyText(a, en, 'en')]).toEqual([
      '2 fiches fusionnées dans celle-ci par Marc Gagnon',
      '2 records merged into this one by Marc Gagnon',
    ]);
    expect(historyText(merge({ action: 'merge' }), fr, 'fr')).toBe('Fiches fusionnées dans celle-ci par Marc Gagnon');
  });
});

describe('Q-1: a lead taken from the queue', () => {
  const take = (via: 'next' | 'out_of_order', note: string | null, kind: ActivityDto['kind'] = 'assignment') =>
    act({
      kind,
      agentId: 'marc',
      agentName: 'Marc Gagnon',
      note,
      data:
        kind === 'assignment'
          ? { from: null, to: 'marc', rule: 'Q-1', via, ...(via === 'out_of_order' ? { head: 'o9' } : {}) }
          : { rule: 'Q-1', via, head: 'o9' },
    });

  it('by « Lead suivant »: the agent’s name, never the agent’s id', () => {
    const [frLine, enLine] = [historyText(take('next', null), fr, 'fr'), historyText(take('next', null), en, 'en')];
    expect([frLine, enLine]).toEqual([
      'OPP prise dans la file par Marc Gagnon',
      'Opportunity taken from the queue by Marc Gagnon',
    ]);
    expect(frLine).not.toMatch(/\bmarc\b/);
  });

  it('out of order: the reason the agent gave is on the line (supervisors check cherry-picking)', () => {
    const a = take('out_of_order', 'Le client a rappelé');
    expect([historyText(a, fr, 'fr'), historyText(a, en, 'en')]).toEqual([
      'OPP prise hors de l’ordre de la file par Marc Gagnon — raison : Le client a rappelé',
      'Opportunity taken out of queue order by Marc Gagnon — reason: Le client a rappelé',
    ]);
  });

  it('out of order on a lead the agent already held: the note is the reason, worded the same', () => {
    expect(historyText(take('out_of_order', 'Le client a rappelé', 'note'), fr, 'fr')).toBe(
      'OPP prise hors de l’ordre de la file par Marc Gagnon — raison : Le client a rappelé',
    );
  });

  it('an assignment that holds ids names the agents through the console’s list, and never shows an id', () => {
    const a = act({ kind: 'assignment', agentId: 'sophie', agentName: 'Sophie Roy', data: { from: 'julie', to: 'marc' } });
    const names: Record<string, string> = { julie: 'Julie Tremblay', marc: 'Marc Gagnon' };
    expect(historyText(a, fr, 'fr', { agentName: (agentId) => names[agentId] ?? null })).toBe(
      'OPP réattribuée de Julie Tremblay à Marc Gagnon par Sophie Roy',
    );
    expect(historyText(a, fr, 'fr')).toBe('OPP réattribuée par Sophie Roy');
  });

  it('the record knows its agents’ names: its activities’ agents and its OPPs’ people', () => {
    const lookup = agentNamesOf({
      activities: [act({ agentId: 'sophie', agentName: 'Sophie Roy' })],
      opportunities: [makeOpportunity({ managerId: 'marc', managerName: 'Marc Gagnon' })],
    });
    expect([lookup('sophie'), lookup('marc'), lookup('nobody')]).toEqual(['Sophie Roy', 'Marc Gagnon', null]);
  });
});
