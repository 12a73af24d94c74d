/**
 * The bulk of the demo: random clients with phones, e-mails, OPPs of every type and status,
 * meetings, follow-ups, texts, chats and calls, spread over the last four months before
 * `now`. Written for speed: one pass, no intermediate objects per row beyond the OPP values.
 */
import type { MeetingKind, OpportunityStatus } from '../../../shared/domain/model';
import {
  DEMO_BRANCHES,
  EMAIL_DOMAINS,
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  FRENCH_FIRST_NAMES,
  FRENCH_LAST_NAMES,
  HOSTILE_MESSAGES,
  MESSAGES_EN,
  MESSAGES_FR,
  PROVIDERS,
  RESULT_LABELS,
  SMS_IN_BODIES,
  SMS_OUT_BODIES,
  SMS_TEMPLATES,
  TRADE_INS,
  VEHICLES,
  asciiName,
} from './catalog';
import { followUpNote, makeStock, makeVin, meetingSubject, tagFor } from './compose';
import { cumulative } from './prng';
import type { Prng } from './prng';
import { demoPhone } from './phone-space';
import type { DemoWriter, OpportunityValues } from './writer';
import { iso } from './writer';
import { LEAD_TYPES, OPPORTUNITY_STATUSES } from '../../../shared/domain/model';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Leads are spread over the last ~4 months. */
const SPAN_DAYS = 120;

const LEAD_TYPE_W = cumulative([34, 14, 24, 8, 8, 12]);

/** In the domain's order, which the weights below follow. */
const ALL_STATUSES: readonly OpportunityStatus[] = OPPORTUNITY_STATUSES;
/** Recent OPPs (< 8 weeks): every status but expired. */
const RECENT_W = cumulative([20, 11, 15, 6, 3, 11, 6, 4, 5, 2, 3, 5, 9, 0]);
/** Old OPPs (≥ 8 weeks): the first three statuses have expired (ST-1). */
const OLD_W = cumulative([0, 0, 0, 16, 5, 2, 3, 10, 10, 4, 2, 18, 14, 16]);
/** Older OPPs of a client that has a newer one: mostly closed (expired only after 8 weeks). */
const PAST_W = cumulative([0, 0, 0, 30, 8, 0, 0, 15, 5, 6, 0, 20, 0, 16]);
const PAST_RECENT_W = cumulative([0, 0, 0, 36, 10, 0, 0, 18, 6, 7, 0, 23, 0, 0]);

const MEETING_KINDS: readonly MeetingKind[] = ['inventory', 'stock', 'deposit', 'virtual', 'transfer'];
const MEETING_KIND_W = cumulative([25, 35, 10, 15, 15]);

const PHONE_COUNT_W = cumulative([30, 40, 30]);
/** Follow-up rounds after the first action (FU-1/FU-2): usually none or one. */
const ROUND_COUNTS = [0, 1, 2, 3] as const;
const ROUND_W = cumulative([60, 28, 8, 4]);
const OPP_COUNT_W = cumulative([82, 15, 3]);

const SHOWED_STATUSES = new Set<OpportunityStatus>([
  'showed',
  'lost_showroom',
  'sold',
  'lost_fi',
  'sold_not_delivered',
  'delivered',
]);
const SOLD_STATUSES = new Set<OpportunityStatus>(['sold', 'sold_not_delivered', 'delivered']);
/** Statuses where a missed meeting (no-show) is plausible. */
const NO_SHOW_STATUSES = new Set<OpportunityStatus>([
  'in_progress',
  'response_sent',
  'contacted',
  'long_term',
  'lost_bdc',
]);

export interface RandomContext {
  nowMs: number;
  /** Agents who take BDC leads. */
  leadAgents: readonly string[];
  /** Financing analysts. */
  analysts: readonly string[];
  /** First names by agent id, for the texts' signature. */
  agentFirstNames: Readonly<Record<string, string>>;
  /** First phone index to use in the demo phone space. */
  firstPhoneIndex: number;
}

/** Writes `count` random clients; returns the next free phone index. */
export function writeRandomClients(w: DemoWriter, rng: Prng, count: number, ctx: RandomContext): number {
  const { nowMs, leadAgents, analysts } = ctx;
  let phoneIndex = ctx.firstPhoneIndex;
  let providerRef = 100000;
  const phones: string[] = [];
  const phoneKinds: string[] = [];
  const emails: string[] = [];
  const pickOther = (not: string | null): string => {
    let a = rng.pick(leadAgents);
    if (a === not) a = leadAgents[(leadAgents.indexOf(a) + 1) % leadAgents.length] as string;
    return a;
  };
  const clampPast = (ms: number): number => Math.min(ms, nowMs - MIN);
  // New vehicles are this year's or next year's models; used ones 2 to 9 years old.
  const modelYear = new Date(nowMs).getUTCFullYear();
  // The catalogue's names in e-mail form, each worked out once (normalize() is slow).
  const ascii = new Map<string, string>();
  const asciiOf = (name: string): string => {
    let a = ascii.get(name);
    if (a === undefined) ascii.set(name, (a = asciiName(name)));
    return a;
  };

  // The client being written, as writeOpportunity reads it: the function is made once, not
  // once per client.
  let fr = true;
  let first = '';
  let language = 'fr';

  const writeOpportunity = (cid: string, latest: boolean, createdAt: number): void => {
    const age = nowMs - createdAt;
    const type = rng.weighted(LEAD_TYPES, LEAD_TYPE_W);
    const financing = type === 'financing';
    const department = financing ? 'financing' : rng.chance(0.06) ? 'service' : 'bdc';
    const old = age >= 56 * DAY;
    const status = rng.weighted(ALL_STATUSES, latest ? (old ? OLD_W : RECENT_W) : old ? PAST_W : PAST_RECENT_W);

    // Handled: everything past the first status, about half the "En traitement" ones.
    const handled = status !== 'in_progress' || rng.chance(0.55);
    const manager = financing ? rng.pick(analysts) : handled || rng.chance(0.92) ? rng.pick(leadAgents) : null;
    const handledAt = handled && manager ? clampPast(createdAt + rng.int(3, 1440) * MIN) : null;

    const v = type === 'financing' || rng.chance(0.12) ? null : rng.pick(VEHICLES);
    const year = v ? (rng.chance(0.6) ? modelYear + rng.int(0, 1) : modelYear - rng.int(2, 9)) : null;
    const stock = v ? makeStock(rng) : null;
    const vehicleText = v ? `${year} ${v.make} ${v.model}` : fr ? 'véhicule' : 'vehicle';
    const message =
      type === 'phone_up'
        ? null
        : rng.chance(0.004)
          ? fill(rng.pick(HOSTILE_MESSAGES), first, '', vehicleText)
          : fill(fr ? rng.pick(MESSAGES_FR) : rng.pick(MESSAGES_EN), first, '', vehicleText);

    // A meeting when the status implies one, sometimes a no-show or a cancelled one.
    let meetingKind: MeetingKind | null = null;
    let meetingStatus: 'planned' | 'no_show' | 'showed' | 'cancelled' | null = null;
    if (status === 'appointment_booked') meetingStatus = 'planned';
    else if (SHOWED_STATUSES.has(status) && rng.chance(0.6)) meetingStatus = 'showed';
    else if (NO_SHOW_STATUSES.has(status) && handled && rng.chance(0.14)) meetingStatus = 'no_show';
    else if (handled && rng.chance(0.03)) meetingStatus = 'cancelled';
    // Past meetings need room: an OPP under three hours old only gets a planned one.
    if (meetingStatus !== null && meetingStatus !== 'planned' && age < 3 * HOUR) meetingStatus = null;
    if (meetingStatus !== null) meetingKind = rng.weighted(MEETING_KINDS, MEETING_KIND_W);

    const soldAt = SOLD_STATUSES.has(status) ? clampPast(createdAt + rng.int(2, 20) * DAY) : null;
    const deliveredAt = status === 'delivered' && soldAt !== null ? clampPast(soldAt + rng.int(1, 10) * DAY) : null;
    const hasResult = handled && manager !== null && rng.chance(0.25);
    const resultLabel = hasResult ? rng.pick(RESULT_LABELS) : null;
    const resultAt = hasResult && handledAt !== null ? clampPast(handledAt + rng.int(1, 120) * MIN) : null;

    const values: OpportunityValues = {
      clientId: cid,
      type,
      financingSource: financing ? rng.pick(['credsii_de', 'preapproval', 'dealertrack'] as const) : null,
      provider:
        type === 'internet' || type === 'email'
          ? rng.pick(PROVIDERS)
          : type === 'chat'
            ? 'Clavardage site web'
            : type === 'sms'
              ? 'Texto'
              : financing
                ? 'Credsii'
                : null,
      providerRef: type === 'internet' ? `DEMO-ADF-${providerRef++}` : null,
      department,
      status,
      tag: tagFor(meetingKind),
      managerId: manager,
      handledBy: handledAt !== null ? manager : null,
      handledAt,
      collaboratorId: null,
      message,
      vehicleYear: year,
      vehicleMake: v ? v.make : null,
      vehicleModel: v ? v.model : null,
      vehicleTrim: v ? rng.pick(v.trims) : null,
      vehicleStock: stock,
      vehicleVin: v && year !== null ? makeVin(rng, v.wmi, year) : null,
      tradeIn: rng.chance(0.2) ? rng.pick(TRADE_INS) : null,
      resultLabel,
      resultAt,
      resultBy: hasResult ? manager : null,
      soldAt,
      deliveredAt,
      createdAt,
    };

    // History: the manager's first action, the follow-up rounds (FU-2), the result.
    let lastActor: string | null = null;
    let lastAt = 0;
    const acts: [number, string | null, string, string | null, number | null][] = [];
    if (handledAt !== null && manager !== null) {
      const firstKind = type === 'phone_up' ? 'call' : rng.pick(['call', 'sms', 'email', 'follow_up'] as const);
      acts.push([
        handledAt,
        manager,
        firstKind,
        firstKind === 'follow_up' ? followUpNote(1, 1, rng.chance(0.5)) : null,
        firstKind === 'call' ? rng.int(20, 900) : null,
      ]);
      const rounds = rng.weighted(ROUND_COUNTS, ROUND_W);
      for (let d = 2; d < 2 + rounds; d++) {
        const at = handledAt + (d - 1) * DAY + rng.int(0, 300) * MIN;
        if (at >= nowMs) break;
        // Absent owners' clients are followed up by anyone (FU-3).
        const by = rng.chance(0.8) ? manager : pickOther(manager);
        acts.push([at, by, 'follow_up', followUpNote(d, rng.int(1, 3), rng.chance(0.4)), null]);
      }
      if (resultLabel !== null && resultAt !== null) acts.push([resultAt, manager, 'result', resultLabel, null]);
      // CB-1 material: a colleague's follow-up in the last 3 hours on an open OPP.
      if (
        latest &&
        !SHOWED_STATUSES.has(status) &&
        status !== 'lost_bdc' &&
        status !== 'invalid_bdc' &&
        status !== 'expired' &&
        rng.chance(0.04)
      ) {
        acts.push([
          nowMs - rng.int(5, 175) * MIN,
          pickOther(manager),
          'follow_up',
          followUpNote(rng.int(2, 6), rng.int(1, 3), rng.chance(0.5)),
          null,
        ]);
      }
    }
    for (const a of acts) {
      if (a[0] > lastAt) {
        lastAt = a[0];
        lastActor = a[1];
      }
    }
    values.collaboratorId = lastActor;
    const oppId = w.opportunity(values);
    for (const a of acts) {
      w.activity(cid, oppId, null, a[1], a[2], a[0], a[3], a[4] === null ? null : `{"durationS":${a[4]}}`);
      if (a[2] === 'call' && a[1] !== null && rng.chance(0.5)) {
        w.call(
          type === 'phone_up' && a[0] === handledAt ? 'inbound' : 'outbound',
          phones[0] as string,
          cid,
          a[1],
          a[0],
          a[4],
        );
      }
    }

    if (meetingStatus !== null && meetingKind !== null) {
      const booker = manager !== null && rng.chance(0.8) ? manager : pickOther(manager);
      let bookedAt = clampPast((handledAt ?? createdAt) + rng.int(5, 180) * MIN);
      let at: number;
      if (meetingStatus === 'planned') {
        at = nowMs + rng.int(2, 240) * HOUR;
      } else {
        // A past meeting: after the OPP was created, at least two hours before now.
        at = Math.max(Math.min(bookedAt + rng.int(1, 10) * DAY, nowMs - rng.int(2, 72) * HOUR), createdAt + HOUR);
        bookedAt = Math.min(bookedAt, at - 30 * MIN);
      }
      const subjectStock = meetingKind === 'inventory' ? null : (stock ?? makeStock(rng));
      const deposit = meetingKind === 'deposit';
      const branch = rng.pick(DEMO_BRANCHES);
      const meetingId = w.meeting({
        opportunityId: oppId,
        clientId: cid,
        bookedBy: booker,
        at,
        status: meetingStatus,
        kind: meetingKind,
        subject: meetingSubject(meetingKind, first, subjectStock),
        branch: branch.name,
        language,
        deposit,
        depositMethod: deposit ? rng.pick(['stripe', 'bdc_card', 'bank_transfer'] as const) : null,
        docusign: deposit || rng.chance(0.15) ? rng.pick(['sent', 'signed'] as const) : null,
        transfer: meetingKind === 'transfer',
        virtualDevice: meetingKind === 'virtual' ? rng.pick(['iphone', 'android'] as const) : null,
        salesRep: rng.pick(branch.salesReps),
        description: v ? `Essai routier ${v.model}` : null,
        createdAt: bookedAt,
      });
      const data = `{"meetingId":"${meetingId}"}`;
      // The booking line for meetings still ahead or missed (the ones the rules read).
      if (meetingStatus === 'planned' || meetingStatus === 'no_show') {
        w.activity(
          cid,
          oppId,
          meetingId,
          booker,
          'booking',
          bookedAt,
          meetingSubject(meetingKind, first, subjectStock),
          data,
        );
      }
      if (meetingStatus === 'no_show') {
        // NS-1 / NS-2 / NS-3 material: followed up by the booker recently, long ago, or never.
        const r = rng.next();
        const fuAt = r < 0.4 ? nowMs - rng.int(1, 70) * HOUR : r < 0.7 ? at + rng.int(1, 24) * HOUR : 0;
        if (fuAt > at && fuAt < nowMs) {
          w.activity(
            cid,
            oppId,
            meetingId,
            booker,
            'follow_up',
            fuAt,
            followUpNote(1, rng.int(1, 3), rng.chance(0.5)),
            data,
          );
        }
      }
    }
  };

  for (let i = 0; i < count; i++) {
    fr = rng.chance(0.8);
    language = fr ? 'fr' : 'en';
    first = fr ? rng.pick(FRENCH_FIRST_NAMES) : rng.pick(ENGLISH_FIRST_NAMES);
    const last = fr
      ? rng.chance(0.9)
        ? rng.pick(FRENCH_LAST_NAMES)
        : rng.pick(ENGLISH_LAST_NAMES)
      : rng.chance(0.6)
        ? rng.pick(ENGLISH_LAST_NAMES)
        : rng.pick(FRENCH_LAST_NAMES);
    const cre = rng.chance(0.15) ? `CRE-${String(200000 + i)}` : null;

    // The client appears with their first OPP; more recent leads are more frequent.
    const ageDays = SPAN_DAYS * Math.pow(rng.next(), 1.4);
    const firstCreated = nowMs - Math.floor(ageDays * DAY) - rng.int(1, 59) * MIN;
    const created = iso(firstCreated);
    const clientId = w.client(first, last, language, cre, created);

    // Phones: 1–3, the first usually a mobile (text-capable).
    phones.length = 0;
    phoneKinds.length = 0;
    const nPhones = rng.weighted([1, 2, 3], PHONE_COUNT_W);
    const firstKind = rng.chance(0.85) ? 'mobile' : 'home';
    phoneKinds.push(firstKind);
    if (nPhones >= 2) phoneKinds.push(firstKind === 'mobile' ? (rng.chance(0.7) ? 'home' : 'work') : 'mobile');
    if (nPhones === 3)
      phoneKinds.push(phoneKinds.includes('work') ? (firstKind === 'mobile' ? 'home' : 'work') : 'work');
    for (const kind of phoneKinds) {
      const e164 = demoPhone(phoneIndex++);
      phones.push(e164);
      w.phone(clientId, e164, kind, created);
    }
    const mobile = phoneKinds[0] === 'mobile' ? phones[0] : phoneKinds[1] === 'mobile' ? phones[1] : undefined;

    // E-mails: most clients have one, a few two; the client index keeps them unique.
    emails.length = 0;
    if (rng.chance(0.87)) {
      const email = `${asciiOf(first)}.${asciiOf(last)}${i}@${rng.pick(EMAIL_DOMAINS)}`;
      emails.push(email);
      w.email(clientId, email, created);
      if (rng.chance(0.05)) {
        const work = `${asciiOf(first).charAt(0)}${asciiOf(last)}${i}@example.org`;
        emails.push(work);
        w.email(clientId, work, created);
      }
    }
    w.search(clientId, first, last, emails);

    // Opportunities, oldest first.
    const nOpps = rng.weighted([1, 2, 3], OPP_COUNT_W);
    let oppCreated = firstCreated;
    for (let k = 0; k < nOpps; k++) {
      if (k > 0) {
        const room = nowMs - oppCreated;
        if (room < 2 * DAY) break;
        oppCreated += Math.floor(room * (0.3 + 0.6 * rng.next()));
      }
      const latest = k === nOpps - 1;
      writeOpportunity(clientId, latest, oppCreated);
    }

    // Texts: an outgoing text and usually the client's reply; some replies are minutes old (SMS-3a).
    const recentReply = mobile !== undefined && i % 40 === 7;
    if (mobile !== undefined && (recentReply || rng.chance(0.12))) {
      const agent = rng.pick(leadAgents);
      const outAt = recentReply ? nowMs - rng.int(5, 30) * MIN : clampPast(firstCreated + rng.int(10, 600) * MIN);
      const template = rng.pick(SMS_TEMPLATES);
      w.text(
        clientId,
        null,
        outAt,
        'out',
        agent,
        mobile,
        fill(rng.pick(SMS_OUT_BODIES), first, ctx.agentFirstNames[agent] ?? agent),
        template.name,
      );
      if (recentReply)
        w.text(clientId, null, nowMs - rng.int(10, 170) * 1000, 'in', null, mobile, rng.pick(SMS_IN_BODIES), null);
      else if (rng.chance(0.7))
        w.text(
          clientId,
          null,
          clampPast(outAt + rng.int(2, 240) * MIN),
          'in',
          null,
          mobile,
          rng.pick(SMS_IN_BODIES),
          null,
        );
    }
    // A few clients are chatting right now (or were, recently).
    if (i % 97 === 13) {
      const started = nowMs - rng.int(2, 45) * MIN;
      w.chat(
        clientId,
        rng.pick(leadAgents),
        started,
        rng.chance(0.5) ? null : Math.min(started + rng.int(3, 20) * MIN, nowMs),
      );
    }
  }
  return phoneIndex;
}

/** Fills the SMS/message placeholders the demo uses. */
function fill(template: string, first: string, agent: string, vehicle = ''): string {
  return template
    .replaceAll('{prenom}', first)
    .replaceAll('{agent}', agent)
    .replaceAll('{succursale}', 'Montréal-Est')
    .replaceAll('{v}', vehicle);
}
