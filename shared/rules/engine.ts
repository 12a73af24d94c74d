/**
 * The ownership rules engine (rules.md, "Inbound contact: the verdict"). Pure: a validated
 * scenario in, a verdict out; `now` is part of the scenario.
 *
 * Rules are tried in catalogue order and the first that applies decides; EL-2, RDV-1 and
 * OPEN-1 then add actions and fields, and INV-0 is cited when an Invalide BDC OPP was ignored.
 *
 * Channels: FIN-1 and LOST-1 come first on every channel (a financing client or a lost file is
 * handled the same way whatever the medium). On `chat`, CH-1..3 come next and decide when the
 * client has a chat on file; on `sms`, SMS-3a/3b come next when the client belongs to an absent
 * colleague. When those do not apply, the phone rules (NS, PU, CB, NL) decide.
 */
import type { Facts } from './facts';
import { buildFacts, isOpen } from './facts';
import type { Outcome, Rule } from './outcome';
import { listOf, meetingWhen, nameOf, oppName, oppNameById } from './outcome';
import { ch1, ch2, ch3 } from './rules/chat';
import { EMAIL_LEAD_NOTE, el1, emailLeadsToInvalidate, newLeadForKnownClient } from './rules/email-lead';
import { fin1 } from './rules/financing';
import { lost1 } from './rules/lost';
import { ns1, ns2, ns3 } from './rules/no-show';
import { cb1, cb3, nl1b, pu1a, pu1b, pu1c, pu2 } from './rules/phone-up';
import { sms3a, sms3b } from './rules/sms';
import type { Channel, OtherOpenFile, RuleId, Scenario, Verdict } from './scenario';

const FIRST: readonly Rule[] = [el1, fin1, lost1];
const PHONE: readonly Rule[] = [ns1, ns2, ns3, pu2, pu1a, pu1b, cb1, cb3, nl1b, pu1c, newLeadForKnownClient];

/** The deciding rules of each channel, in the order they are tried. */
const SEQUENCES: Record<Channel, readonly Rule[]> = {
  phone: [...FIRST, ...PHONE],
  chat: [...FIRST, ch1, ch2, ch3, ...PHONE],
  sms: [...FIRST, sms3a, sms3b, ...PHONE],
};

const DEPARTMENT_FR = { bdc: 'BDC', financing: 'financement', service: 'service' } as const;
const DEPARTMENT_EN = { bdc: 'BDC', financing: 'financing', service: 'service' } as const;

/** What the additions contribute on top of the deciding outcome. */
interface Additions {
  rules: RuleId[];
  actions: string[];
  fr: string[];
  en: string[];
}

function firstOutcome(f: Facts): Outcome {
  for (const rule of SEQUENCES[f.scenario.channel]) {
    const outcome = rule(f);
    if (outcome) return outcome;
  }
  // Unreachable: el1 covers "no client", newLeadForKnownClient "no open BDC OPP", and the
  // phone-up chain is exhaustive for a client with one.
  throw new Error('rules engine: no rule decided');
}

/** EL-2: invalidate e-mail leads of other agents found by the typed e-mail address. */
function addEmailLeads(f: Facts, o: Outcome, add: Additions): void {
  const leads = emailLeadsToInvalidate(f);
  if (leads.length === 0) return;
  // The note goes on the verdict's OPP; without one yet (a new phone-up), on every lead it
  // invalidates, so that none is left undocumented whatever order the e-mail search returned.
  const noteOn = o.opportunityId !== null ? [o.opportunityId] : leads.map((l) => l.opportunityId);
  add.rules.push('EL-2');
  add.actions.push(...leads.map((l) => `invalidate_opportunity:${l.opportunityId}`));
  add.actions.push(...noteOn.map((id) => `add_note:${id}:${EMAIL_LEAD_NOTE}`));
  // Named by type, day and manager: the lead belongs to another client record, so the agent
  // recognises it by whose it is, never by its id.
  const listFr = listOf(
    leads.map((l) => `${oppName(f, l.opportunity, 'fr')} de ${nameOf(f, l.managerId)}`),
    'fr',
  );
  const listEn = listOf(
    leads.map((l) => `${oppName(f, l.opportunity, 'en')} of ${nameOf(f, l.managerId)}`),
    'en',
  );
  const r = nameOf(f, f.receiverId);
  const many = leads.length > 1;
  add.fr.push(
    `le courriel correspond ${many ? 'aux leads courriel' : 'au lead courriel'} ${listFr} : ` +
      `${many ? 'mettez-les' : 'mettez-le'} Invalide BDC et notez « ${EMAIL_LEAD_NOTE} », car le phone-up prime et ${r} garde le rendez-vous`,
  );
  add.en.push(
    `the e-mail matches ${many ? 'e-mail leads' : 'e-mail lead'} ${listEn}: ` +
      `set ${many ? 'them' : 'it'} Invalid BDC and note “${EMAIL_LEAD_NOTE}”, because the phone-up wins and ${r} keeps the meeting`,
  );
}

/** RDV-1: a planned meeting that is moved stays in its booker's name. */
function addMeetingOwners(f: Facts, o: Outcome, add: Additions): void {
  const handled = new Set(
    o.actions
      .filter((a) => a.startsWith('cancel_meeting:') || a.startsWith('assign_meeting:'))
      .map((a) => a.split(':')[1]),
  );
  const planned = f.meetings.filter((m) => m.status === 'planned' && !handled.has(m.id));
  if (planned.length === 0) return;
  add.rules.push('RDV-1');
  for (const m of planned) {
    add.actions.push(`keep_meeting_owner:${m.id}`);
    add.fr.push(
      `si le rendez-vous ${meetingWhen(f, m, 'fr')} est déplacé, il reste au nom de ${nameOf(f, m.bookedBy)}`,
    );
    add.en.push(`if the meeting ${meetingWhen(f, m, 'en')} is moved, it stays in ${nameOf(f, m.bookedBy)}’s name`);
  }
}

/** OPEN-1: every other open file of the client, in any department. */
function otherOpenFiles(f: Facts, o: Outcome, add: Additions): OtherOpenFile[] {
  const files = f.opportunities
    .filter((opp) => isOpen(opp) && opp.id !== o.opportunityId)
    .map((opp) => ({
      opportunityId: opp.id,
      department: opp.department,
      type: opp.type,
      status: opp.status,
      managerId: opp.managerId,
      createdAt: opp.createdAt,
    }));
  if (files.length > 0) {
    add.rules.push('OPEN-1');
    add.fr.push(
      `autres dossiers ouverts : ${files.map((x) => `${oppNameById(f, x.opportunityId, 'fr')} (${DEPARTMENT_FR[x.department]})`).join(', ')}`,
    );
    add.en.push(
      `other open files: ${files.map((x) => `${oppNameById(f, x.opportunityId, 'en')} (${DEPARTMENT_EN[x.department]})`).join(', ')}`,
    );
  }
  return files;
}

/** INV-0: say which Invalide BDC OPPs were ignored. */
function citeInvalid(f: Facts, add: Additions): void {
  if (f.invalidIds.length === 0) return;
  add.rules.push('INV-0');
  const many = f.invalidIds.length > 1;
  const fr = listOf(
    f.invalidIds.map((id) => oppNameById(f, id, 'fr')),
    'fr',
  );
  const en = listOf(
    f.invalidIds.map((id) => oppNameById(f, id, 'en')),
    'en',
  );
  add.fr.push(
    many
      ? `les OPP ${fr} (Invalide BDC) sont ignorées, comme si elles n’avaient jamais existé`
      : `l’OPP ${fr} (Invalide BDC) est ignorée, comme si elle n’avait jamais existé`,
  );
  add.en.push(
    many
      ? `OPPs ${en} (Invalid BDC) are ignored, as if they never existed`
      : `OPP ${en} (Invalid BDC) is ignored, as if it never existed`,
  );
}

function withNotes(main: string, notes: string[], lead: string, separator: string): string {
  return notes.length === 0 ? main : `${main} ${lead} ${notes.join(separator)}.`;
}

/**
 * Decides who owns the client of an inbound call, chat or text, and explains why.
 * @param scenario a scenario validated by `parseScenario` / `scenarioSchema`
 * @returns the verdict; `rules[0]` is the deciding rule
 */
export function decide(scenario: Scenario): Verdict {
  const f = buildFacts(scenario);
  const o = firstOutcome(f);
  const add: Additions = { rules: [], actions: [], fr: [], en: [] };
  addEmailLeads(f, o, add);
  addMeetingOwners(f, o, add);
  const files = otherOpenFiles(f, o, add);
  citeInvalid(f, add);
  return {
    decision: o.decision,
    transferTo: o.transferTo,
    owner: o.owner,
    opportunityId: o.opportunityId,
    reservedUntil: o.reservedUntil ?? null,
    actions: [...new Set([...o.actions, ...add.actions])],
    otherOpenFiles: files,
    rules: [...new Set([...o.rules, ...add.rules])],
    explanation: {
      fr: withNotes(o.fr, add.fr, 'À noter :', ' ; '),
      en: withNotes(o.en, add.en, 'Also:', '; '),
    },
  };
}
