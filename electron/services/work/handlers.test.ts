import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '..';
import { dispatch } from '../../../shared/ipc/dispatch';
import type { ContactRecord } from '../../../shared/ipc/dto';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { actionsLocales } from '../../../renderer/features/actions/locales';
import { historyText, type Translate } from '../../../renderer/features/record/history';
import { recordLocales } from '../../../renderer/features/record/locales';
import { memorySettingsStore } from '../settings/store';
import type { PosteClient } from '../../../renderer/app/client';
import { saveResult } from '../../../renderer/features/actions/result-flow';
import { bookWithResult } from '../../../renderer/features/booking/book';
import { ALWAYS, addAgent, addClient, addMeeting, addOpportunity } from '../../../test/support/seed';

const NOW = new Date('2026-03-10T18:05:00.000Z');
let fr: Translate;
let en: Translate;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'fr',
    ns: ['record', 'actions'],
    defaultNS: 'record',
    resources: {
      fr: { record: recordLocales.fr, actions: actionsLocales.fr },
      en: { record: recordLocales.en, actions: actionsLocales.en },
    },
    interpolation: { escapeValue: false },
  });
  fr = i18n.getFixedT('fr', 'record');
  en = i18n.getFixedT('en', 'record');
});

/** Marc at the console; Julie manages Éloïse's internet lead, not handled yet. */
function centre(settings: Partial<typeof DEFAULT_SETTINGS> = {}) {
  const s = createServices({
    databaseFile: ':memory:',
    settings: memorySettingsStore({
      ...DEFAULT_SETTINGS,
      agentId: 'marc',
      smsDomain: 'sms.poste.test',
      callbackDevices: [{ id: 'desk', label: 'Poste fixe', target: 'sip:marc-desk@poste.test' }],
      ...settings,
    }),
    host: 'web',
    version: 't',
    now: () => NOW,
  });
  addAgent(s.db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
  addAgent(s.db, { id: 'julie', name: 'Julie Tremblay', shifts: ALWAYS });
  const clientId = addClient(s.db, {
    firstName: 'Éloïse',
    lastName: 'Côté',
    phones: ['+15145550199', '+14505550100'],
    emails: ['eloise@exemple.ca'],
  });
  const opportunityId = addOpportunity(s.db, { clientId, managerId: 'julie', status: 'in_progress' });
  const bare = addClient(s.db, { firstName: 'Sans', lastName: 'Contact' });
  addOpportunity(s.db, { clientId: bare, managerId: 'julie' });
  return { s, clientId, opportunityId, bare };
}

type Services = ReturnType<typeof centre>['s'];

async function ok<T = Record<string, unknown>>(s: Services, channel: string, input: unknown): Promise<T> {
  const result = await dispatch(s.handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

function opp(s: Services, id: string) {
  return s.db
    .prepare('SELECT status, handled_by, handled_at, collaborator_id, result_label, result_by, tag FROM opportunities WHERE id = ?')
    .get(id);
}

async function lines(s: Services, clientId: string): Promise<{ fr: string[]; en: string[] }> {
  const record = await ok<ContactRecord>(s, 'contacts:get', { clientId });
  return {
    fr: record.activities.map((a) => historyText(a, fr, 'fr')),
    en: record.activities.map((a) => historyText(a, en, 'en')),
  };
}

function counts(s: Services) {
  return s.db
    .prepare(
      `SELECT (SELECT count(*) FROM activities) AS activities, (SELECT count(*) FROM texts) AS texts,
              (SELECT count(*) FROM meetings) AS meetings,
              (SELECT group_concat(status || ':' || coalesce(handled_by, '-') || ':' || coalesce(collaborator_id, '-')) FROM opportunities) AS opps`,
    )
    .get();
}

describe('Appeler', () => {
  it('Marc places a call: Traitée by Marc, collaborator Marc, one line; answered 3:07 → duration and Contacté', async () => {
    const { s, clientId, opportunityId } = centre();
    const placed = await ok<{ activityId: string; status: unknown }>(s, 'work:callPlaced', { clientId, e164: '+15145550199' });
    expect(placed.status).toBeNull();
    expect(opp(s, opportunityId)).toMatchObject({ status: 'in_progress', handled_by: 'marc', handled_at: NOW.toISOString(), collaborator_id: 'marc' });
    expect((await lines(s, clientId)).fr).toEqual(['Rappel effectué par Marc Gagnon']);

    const ended = await ok(s, 'work:callEnded', { activityId: placed.activityId, durationS: 187, answered: true });
    expect(ended).toMatchObject({ status: { from: 'in_progress', to: 'contacted' } });
    expect(opp(s, opportunityId)).toMatchObject({ status: 'contacted' });
    expect(await lines(s, clientId)).toEqual({
      fr: ['Rappel effectué par Marc Gagnon, durée 03:07'],
      en: ['Callback made by Marc Gagnon, duration 03:07'],
    });
    expect(await dispatch(s.handlers, 'work:callEnded', { activityId: placed.activityId, durationS: 5, answered: true })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('an unanswered call keeps the status and says so', async () => {
    const { s, clientId, opportunityId } = centre();
    const placed = await ok<{ activityId: string }>(s, 'work:callPlaced', { clientId, e164: '+14505550100' });
    await ok(s, 'work:callEnded', { activityId: placed.activityId, durationS: null, answered: false });
    expect(opp(s, opportunityId)).toMatchObject({ status: 'in_progress', handled_by: 'marc' });
    expect(await lines(s, clientId)).toEqual({
      fr: ['Rappel effectué par Marc Gagnon, sans réponse'],
      en: ['Callback made by Marc Gagnon, not answered'],
    });
  });

  it('refuses a number that is not the client’s, or a client without a phone, changing nothing', async () => {
    const { s, clientId, bare } = centre();
    const before = counts(s);
    expect(await dispatch(s.handlers, 'work:callPlaced', { clientId, e164: '+15145559999' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(s.handlers, 'work:callPlaced', { clientId: bare, e164: '+15145550199' })).toMatchObject({ ok: false });
    expect(await dispatch(s.handlers, 'work:callPlaced', { clientId, e164: '514' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(counts(s)).toEqual(before);
  });
});

describe('Appeler via BLEAD', () => {
  it('completed: one line with the duration, Contacté, Traitée', async () => {
    const { s, clientId, opportunityId } = centre();
    await ok(s, 'work:bleadCompleted', { clientId, e164: '+15145550199', deviceId: 'desk', durationS: 62 });
    expect(opp(s, opportunityId)).toMatchObject({ status: 'contacted', handled_by: 'marc', collaborator_id: 'marc' });
    expect(await lines(s, clientId)).toEqual({
      fr: ['Rappel effectué par Marc Gagnon, durée 01:02'],
      en: ['Callback made by Marc Gagnon, duration 01:02'],
    });
  });

  it('a device not in the settings is refused and nothing changes', async () => {
    const { s, clientId } = centre();
    const before = counts(s);
    expect(await dispatch(s.handlers, 'work:bleadCompleted', { clientId, e164: '+15145550199', deviceId: 'mobile', durationS: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', path: 'deviceId' },
    });
    expect(counts(s)).toEqual(before);
  });
});

describe('SMS', () => {
  it('lists the templates filled for the client and the numbers that take texts', async () => {
    const { s, clientId } = centre();
    s.db.prepare("INSERT INTO sms_templates (id, name, body, sort, created_at, updated_at) VALUES ('t1', 'Premier contact', 'Bonjour {prenom}, ici {agent}. Stock {stock}.', 1, 'x', 'x')").run();
    const value = await ok<{ templates: { filled: string }[]; numbers: { e164: string }[]; smsDomain: string }>(s, 'work:smsTemplates', { clientId });
    expect(value.templates[0]?.filled).toBe('Bonjour Éloïse, ici Marc Gagnon. Stock S12345.');
    expect(value.numbers.map((n) => n.e164)).toEqual(['+15145550199']);
    expect(value.smsDomain).toBe('sms.poste.test');
  });

  it('accepted MESSAGE: the text in zone 11 with its template, one line, Réponse envoyée', async () => {
    const { s, clientId, opportunityId } = centre();
    const sent = await ok(s, 'work:smsSent', { clientId, e164: '+15145550199', body: 'Bonjour Éloïse', templateName: 'Premier contact' });
    expect(sent).toMatchObject({ status: { from: 'in_progress', to: 'response_sent' } });
    expect(s.db.prepare('SELECT direction, agent_id, e164, body, template_name, opportunity_id FROM texts').all()).toEqual([
      { direction: 'out', agent_id: 'marc', e164: '+15145550199', body: 'Bonjour Éloïse', template_name: 'Premier contact', opportunity_id: opportunityId },
    ]);
    expect(opp(s, opportunityId)).toMatchObject({ status: 'response_sent', handled_by: 'marc', collaborator_id: 'marc' });
    expect(await lines(s, clientId)).toEqual({
      fr: ['SMS « Premier contact » envoyé par Marc Gagnon'],
      en: ['SMS “Premier contact” sent by Marc Gagnon'],
    });
  });

  it('no SMS route, or a number that takes no texts: refused, nothing written', async () => {
    const noRoute = centre({ smsDomain: null });
    const before = counts(noRoute.s);
    expect(await dispatch(noRoute.s.handlers, 'work:smsSent', { clientId: noRoute.clientId, e164: '+15145550199', body: 'x', templateName: null })).toMatchObject({ ok: false, error: { code: 'conflict', text: { key: 'errors:sms_no_route' } } });
    expect(counts(noRoute.s)).toEqual(before);
    const { s, clientId } = centre();
    expect(await dispatch(s.handlers, 'work:smsSent', { clientId, e164: '+14505550100', body: 'x', templateName: null })).toMatchObject({ ok: false, error: { code: 'invalid_input', text: { key: 'errors:phone_no_texts' } } });
    expect(counts(s)).toEqual(before);
  });

  it('a reply is stored on the client whose number it is (once), and an unknown number stores nothing', async () => {
    const { s, clientId } = centre();
    const events: unknown[] = [];
    s.events.subscribe((event, payload) => events.push([event, payload]));
    const input = { fromNumber: 'sip:+15145550199@sms.poste.test', body: 'Oui samedi', at: '2026-03-10T18:04:00Z' };
    const first = await ok<{ clientId: string; textId: string }>(s, 'work:smsReceived', input);
    const again = await ok<{ textId: string }>(s, 'work:smsReceived', input);
    expect(first.clientId).toBe(clientId);
    expect(again.textId).toBe(first.textId);
    expect(s.db.prepare('SELECT direction, agent_id, body FROM texts').all()).toEqual([{ direction: 'in', agent_id: null, body: 'Oui samedi' }]);
    expect(events).toContainEqual(['work:smsIn', { clientId, e164: '+15145550199', body: 'Oui samedi', at: '2026-03-10T18:04:00.000Z' }]);
    expect(await ok(s, 'work:smsReceived', { ...input, fromNumber: '+15145557777' })).toEqual({ clientId: null, textId: null, e164: '+15145557777' });
    expect(s.db.prepare('SELECT count(*) AS n FROM texts').get()).toEqual({ n: 1 });
  });
});

describe('Email and Rediriger', () => {
  it('Email: the mailto with « Suite à votre contact », one line, Réponse envoyée', async () => {
    const { s, clientId, opportunityId } = centre();
    const value = await ok<{ mailto: string }>(s, 'work:emailOpened', { clientId, email: 'Eloise@Exemple.ca' });
    expect(value.mailto).toBe('mailto:eloise@exemple.ca?subject=Suite%20%C3%A0%20votre%20contact');
    expect(opp(s, opportunityId)).toMatchObject({ status: 'response_sent', handled_by: 'marc', collaborator_id: 'marc' });
    expect(await lines(s, clientId)).toEqual({ fr: ['Email envoyé par Marc Gagnon'], en: ['Email sent by Marc Gagnon'] });
    const before = counts(s);
    expect(await dispatch(s.handlers, 'work:emailOpened', { clientId, email: 'autre@exemple.ca' })).toMatchObject({ ok: false });
    expect(counts(s)).toEqual(before);
  });

  it('Rediriger to Julie: she becomes the collaborator; the mail carries the poste:// link', async () => {
    const { s, clientId, opportunityId } = centre();
    const value = await ok<{ mailto: string; recipientName: string }>(s, 'work:redirect', { clientId, recipient: { agentId: 'julie' } });
    expect(value.recipientName).toBe('Julie Tremblay');
    expect(value.mailto.startsWith('mailto:julie@poste-demo.ca?subject=Contact%20%3A%20Poste%20%C3%A0%20traiter&body=')).toBe(true);
    expect(decodeURIComponent(value.mailto)).toContain(`poste://contact/${clientId}`);
    expect(opp(s, opportunityId)).toMatchObject({ status: 'in_progress', handled_by: 'marc', collaborator_id: 'julie' });
    expect(await lines(s, clientId)).toEqual({
      fr: ['Transmis à Julie Tremblay par Marc Gagnon'],
      en: ['Forwarded to Julie Tremblay by Marc Gagnon'],
    });
  });

  it('Rediriger to AUTRE: a valid free address; a bad one changes nothing', async () => {
    const { s, clientId, opportunityId } = centre();
    const before = counts(s);
    expect(await dispatch(s.handlers, 'work:redirect', { clientId, recipient: { email: 'pas une adresse' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(counts(s)).toEqual(before);
    await ok(s, 'work:redirect', { clientId, recipient: { email: 'Gerant@Concession.ca' } });
    expect(opp(s, opportunityId)).toMatchObject({ collaborator_id: 'marc' });
    expect((await lines(s, clientId)).fr).toEqual(['Transmis à gerant@concession.ca par Marc Gagnon']);
  });
});

describe('Résultat', () => {
  it('the centre’s defaults exist; a mapped result sets zone 10, the status and one line', async () => {
    const { s, clientId, opportunityId } = centre();
    const choices = await ok<{ id: string; labelFr: string; opens: string | null }[]>(s, 'work:resultChoices', {});
    expect(choices.map((c) => c.labelFr)).toEqual([
      'Rejoint — RDV pris',
      'Rejoint — à rappeler',
      'Rejoint — pas intéressé',
      'Message laissé',
      'Pas de réponse',
      'Mauvais numéro',
      'Déjà acheté',
      'Financement',
    ]);
    const bought = choices.find((c) => c.labelFr === 'Déjà acheté');
    const done = await ok(s, 'work:result', { clientId, choiceId: bought?.id });
    expect(done).toMatchObject({ status: { from: 'in_progress', to: 'lost_bdc' }, opens: null });
    expect(opp(s, opportunityId)).toMatchObject({ status: 'lost_bdc', result_label: 'Déjà acheté', result_by: 'marc', handled_by: 'marc' });
    expect(await lines(s, clientId)).toEqual({
      fr: ['Résultat « Déjà acheté » par Marc Gagnon'],
      en: ['Result “Already bought” by Marc Gagnon'],
    });
  });

  it('« RDV pris » opens the booking and leaves the status to it', async () => {
    const { s, clientId, opportunityId } = centre();
    const choices = await ok<{ id: string; labelFr: string }[]>(s, 'work:resultChoices', {});
    const booked = choices.find((c) => c.labelFr === 'Rejoint — RDV pris');
    expect(await ok(s, 'work:result', { clientId, choiceId: booked?.id })).toMatchObject({ opens: 'booking', status: null });
    expect(opp(s, opportunityId)).toMatchObject({ status: 'in_progress', result_label: 'Rejoint — RDV pris' });
  });

  it('MT-4: « à rappeler » needs date, time and agent; the call shows in Julie’s list when due', async () => {
    const { s, clientId } = centre();
    const choices = await ok<{ id: string; labelFr: string }[]>(s, 'work:resultChoices', {});
    const callBack = choices.find((c) => c.labelFr === 'Rejoint — à rappeler');
    const before = counts(s);
    expect(await dispatch(s.handlers, 'work:result', { clientId, choiceId: callBack?.id })).toMatchObject({ ok: false, error: { path: 'scheduledCall' } });
    expect(counts(s)).toEqual(before);
    await ok(s, 'work:result', { clientId, choiceId: callBack?.id, scheduledCall: { at: '2026-03-10T18:05:00Z', agentId: 'julie' } });
    expect(await ok(s, 'work:scheduledCalls', {})).toEqual([]); // Marc's list: not his
    await ok(s, 'settings:update', { patch: { agentId: 'julie' } });
    expect(await ok(s, 'work:scheduledCalls', {})).toMatchObject([{ clientId, clientName: 'Éloïse Côté', due: true, scheduledByName: 'Marc Gagnon' }]);
  });

  it('an unknown choice is refused, nothing changes', async () => {
    const { s, clientId } = centre();
    const before = counts(s);
    expect(await dispatch(s.handlers, 'work:result', { clientId, choiceId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(counts(s)).toEqual(before);
  });
});

describe('Booking (MT-1 to MT-3) and RDV-1', () => {
  const base = {
    kind: 'virtual' as const,
    firstName: 'éloïse',
    stocks: ['s12345'],
    at: '2026-03-12T14:00:00Z',
    branch: 'Laval',
    language: 'fr' as const,
    depositMethod: null,
    docusign: 'sent' as const,
    transfer: false,
    virtualDevice: 'iphone' as const,
    salesRep: 'Luc Bergeron',
    salesRepEmail: 'luc@concession.ca',
    virtualGroupEmail: 'dv-laval@concession.ca',
    description: null,
  };

  it('a virtual meeting: composed subject, tag Or, Rendez-vous cédulé, participants and the confirmation mail', async () => {
    const { s, clientId, opportunityId } = centre();
    const value = await ok<{ subject: string; tag: string; participants: string[]; mailto: string; meetingId: string }>(s, 'work:book', { clientId, ...base });
    expect(value).toMatchObject({ subject: 'VIRTUEL / ÉLOÏSE / S12345', tag: 'or', participants: ['RDV Laval', 'Luc Bergeron', 'DV Laval'] });
    expect(value.mailto.startsWith('mailto:luc@concession.ca,dv-laval@concession.ca?subject=Rendez-vous%20%3A%20VIRTUEL')).toBe(true);
    expect(s.db.prepare('SELECT status, kind, subject, booked_by, branch, virtual_device, docusign, deposit FROM meetings').get()).toEqual({
      status: 'planned',
      kind: 'virtual',
      subject: 'VIRTUEL / ÉLOÏSE / S12345',
      booked_by: 'marc',
      branch: 'Laval',
      virtual_device: 'iphone',
      docusign: 'sent',
      deposit: 0,
    });
    expect(opp(s, opportunityId)).toMatchObject({ status: 'appointment_booked', tag: 'or', handled_by: 'marc', collaborator_id: 'marc' });
    const { fr: frLines, en: enLines } = await lines(s, clientId);
    expect(frLines[0]).toMatch(/^Rendez-vous « VIRTUEL \/ ÉLOÏSE \/ S12345 » pris pour le 2026-03-12 10 h 00 par Marc Gagnon$/);
    expect(enLines[0]).toMatch(/^Appointment/);
  });

  it('a deposit makes it Platine; several stocks Argent', async () => {
    const a = centre();
    expect(await ok(a.s, 'work:book', { clientId: a.clientId, ...base, kind: 'deposit', depositMethod: 'stripe', virtualDevice: null })).toMatchObject({ tag: 'platine', subject: 'DÉPÔT / ÉLOÏSE / S12345' });
    const b = centre();
    expect(await ok(b.s, 'work:book', { clientId: b.clientId, ...base, kind: 'stock', stocks: ['A1', 'B2'], virtualDevice: null })).toMatchObject({ tag: 'argent', subject: 'ÉLOÏSE / A1, B2' });
  });

  it('refuses a virtual meeting without its device, a stock meeting without a stock, a past time; nothing written', async () => {
    const { s, clientId } = centre();
    const before = counts(s);
    for (const bad of [{ virtualDevice: null }, { kind: 'stock', stocks: [] }, { at: '2026-03-01T10:00:00Z' }, { salesRepEmail: 'x' }]) {
      expect(await dispatch(s.handlers, 'work:book', { clientId, ...base, ...bad })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(counts(s)).toEqual(before);
  });

  /** The console's own calls (Résultat, then the booking dialog), through the contract. */
  const consoleOf = (s: Services) => ({ tryCall: (channel: string, input: unknown) => dispatch(s.handlers, channel, input) }) as unknown as Pick<PosteClient, 'tryCall'>;
  const rdvPris = async (s: Services) =>
    (await ok<{ id: string; labelFr: string; opens: 'booking' | 'schedule_call' | null }[]>(s, 'work:resultChoices', {})).find((c) => c.labelFr === 'Rejoint — RDV pris')!;

  it('Marc picks « Rejoint — RDV pris » then closes the booking: no result, no line, status unchanged', async () => {
    const { s, clientId, opportunityId } = centre();
    const choice = await rdvPris(s);
    const before = counts(s);
    const outcome = await saveResult(consoleOf(s), choice, { clientId, opportunityId });
    expect(outcome).toEqual({ kind: 'booking', choiceId: choice.id });
    // Marc closes the booking dialog with ×; he opens the result a second time and closes again.
    await saveResult(consoleOf(s), choice, { clientId, opportunityId });
    expect(counts(s)).toEqual(before);
    expect(opp(s, opportunityId)).toMatchObject({ status: 'in_progress', result_label: null });
    expect((await lines(s, clientId)).fr).toEqual([]);
  });

  it('Marc books from « Rejoint — RDV pris »: the meeting, then the result, once each', async () => {
    const { s, clientId, opportunityId } = centre();
    const choice = await rdvPris(s);
    const outcome = await saveResult(consoleOf(s), choice, { clientId, opportunityId });
    const refused = await bookWithResult(consoleOf(s), { clientId, opportunityId, ...base, at: '2026-03-01T10:00:00Z' }, choice.id);
    expect(refused).toMatchObject({ ok: false });
    expect(opp(s, opportunityId)).toMatchObject({ result_label: null });
    const done = await bookWithResult(consoleOf(s), { clientId, opportunityId, ...base }, outcome.kind === 'booking' ? outcome.choiceId : null);
    expect(done).toMatchObject({ ok: true, resultError: null, booked: { subject: 'VIRTUEL / ÉLOÏSE / S12345' } });
    expect(opp(s, opportunityId)).toMatchObject({ status: 'appointment_booked', result_label: 'Rejoint — RDV pris', result_by: 'marc' });
    const history = (await lines(s, clientId)).fr;
    expect(history.filter((l) => l.startsWith('Résultat « Rejoint — RDV pris »'))).toHaveLength(1);
    expect(history.filter((l) => l.startsWith('Rendez-vous « VIRTUEL / ÉLOÏSE / S12345 »'))).toHaveLength(1);
  });

  it('a booking opened from the record (no result) writes no result', async () => {
    const { s, clientId, opportunityId } = centre();
    expect(await bookWithResult(consoleOf(s), { clientId, opportunityId, ...base }, null)).toMatchObject({ ok: true, resultError: null });
    expect(opp(s, opportunityId)).toMatchObject({ status: 'appointment_booked', result_label: null });
  });

  it('RDV-1: Marc moves Julie’s meeting later; it stays Julie’s', async () => {
    const { s, clientId, opportunityId } = centre();
    const meetingId = addMeeting(s.db, { clientId, opportunityId, bookedBy: 'julie', at: '2026-03-11T15:00:00Z' });
    expect(await ok(s, 'work:moveMeeting', { meetingId, at: '2026-03-13T15:00:00Z' })).toMatchObject({ bookedBy: 'julie' });
    expect(s.db.prepare('SELECT booked_by, at FROM meetings WHERE id = ?').get(meetingId)).toEqual({ booked_by: 'julie', at: '2026-03-13T15:00:00.000Z' });
    expect((await lines(s, clientId)).fr).toEqual(['Rendez-vous « TEST / S12345 » déplacé au 2026-03-13 11 h 00 par Marc Gagnon']);
  });
});
