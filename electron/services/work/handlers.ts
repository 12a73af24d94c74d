import type { OpportunityStatus } from '../../../shared/domain/model';
import { isOpenStatus } from '../../../shared/domain/model';
import type { HandlersFor } from '../../../shared/ipc/dispatch';
import type { workRequests } from '../../../shared/ipc/contract-work';
import { refusal } from '../../../shared/ipc/error-texts';
import { formatPhone, parsePhone } from '../../../shared/phone/phone';
import { composeSubject, meetingTag, parseStocks, stocksInSubject } from '../../../shared/work/booking';
import { buildMailto, isEmailAddress } from '../../../shared/work/mailto';
import { fillTemplate } from '../../../shared/work/sms-text';
import type { ServiceContext } from '../context';
import { primaryOpportunity } from '../contacts/record';
import type { ClientBundle, OpportunityRow } from '../db/repos/contacts';
import { tagFromMeetings } from '../inbound/tag';
import { DEFAULT_RESULT_CHOICES, workSql } from '../db/repos/work-actions';

/** Subjects of the two mails zone 9 opens (product.md, to the letter). */
export const EMAIL_SUBJECT = 'Suite à votre contact';
export const REDIRECT_SUBJECT = 'Contact : Poste à traiter';

type StatusMove = { from: OpportunityStatus; to: OpportunityStatus } | null;

/** Pipeline effects on top of the reference (product.md): who moves where. */
const AFTER_ANSWERED_CALL: Partial<Record<OpportunityStatus, OpportunityStatus>> = {
  in_progress: 'contacted',
  response_sent: 'contacted',
};
const AFTER_TEXT_OR_EMAIL: Partial<Record<OpportunityStatus, OpportunityStatus>> = { in_progress: 'response_sent' };

function parseData(raw: string | null): Record<string, unknown> {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The user part of `sip:+15145550199@gw;user=phone` or `"Name" <sip:…>`, else the text itself. */
function numberOf(from: string): string {
  const match = /sips?:([^@;>]+)@/i.exec(from);
  return (match?.[1] ?? from).trim();
}

/**
 * Zone 9's six actions and booking (issue 5; product.md « The six actions »). Every action
 * that completes writes one activity (the history line, with any status move in its own
 * `data.status` rather than a second line), marks the OPP Traitée and sets zone 6's
 * collaborator, in one transaction. Preconditions are checked again here: a button the UI
 * shows inactive cannot be triggered through the contract either.
 */
export function workHandlers(c: ServiceContext): HandlersFor<typeof workRequests> {
  const sql = workSql(c.db);

  function bundle(clientId: string): ClientBundle {
    const read = c.contacts.read(clientId);
    if (!read) throw refusal('not_found', 'client_not_found', { id: clientId }, 'clientId');
    return read;
  }

  /** The OPP an action is about: the one named (it must be the client's), else the record's primary one. */
  function opportunityOf(b: ClientBundle, opportunityId: string | null | undefined): OpportunityRow | null {
    if (opportunityId) {
      const opp = b.opportunities.find((o) => o.id === opportunityId);
      if (!opp) throw refusal('not_found', 'opportunity_not_clients', { id: opportunityId }, 'opportunityId');
      if (opp.status === 'invalid_bdc') throw refusal('conflict', 'opportunity_invalid', {}, 'opportunityId');
      return opp;
    }
    return primaryOpportunity(b.opportunities) ?? null;
  }

  function phoneOf(b: ClientBundle, e164: string, sms = false) {
    const phone = b.phones.find((p) => p.e164 === e164);
    if (!phone) throw refusal('invalid_input', 'phone_not_clients', { value: e164 }, 'e164');
    if (sms && !(phone.sms_capable === 1 || phone.kind === 'mobile')) {
      throw refusal('invalid_input', 'phone_no_texts', { value: formatPhone(e164) }, 'e164');
    }
    return phone;
  }

  /**
   * Writes an action's effects: the OPP Traitée (the first handling is kept: the rules ask
   * whether and since when it was handled; zone 6 shows who acted last), the collaborator,
   * the status move, and the activity. Runs inside the caller's transaction.
   */
  function complete(a: {
    clientId: string;
    opp: OpportunityRow | null;
    agentId: string;
    collaboratorId?: string;
    kind: 'call' | 'blead_call' | 'sms' | 'email' | 'redirect' | 'result' | 'booking';
    data: Record<string, unknown>;
    move?: Partial<Record<OpportunityStatus, OpportunityStatus>> | OpportunityStatus | null;
    meetingId?: string | null;
    at: string;
  }): { activityId: string; status: StatusMove } {
    let status: StatusMove = null;
    if (a.opp) {
      // Re-read inside the transaction: the bundle may be a moment old.
      const current = c.work.opportunity(a.opp.id)?.status ?? a.opp.status;
      const to = typeof a.move === 'string' ? a.move : (a.move?.[current] ?? current);
      if (to !== current) status = { from: current, to };
      sql.markHandled(a.opp.id, a.agentId, a.collaboratorId ?? a.agentId, to, a.at);
    }
    const activityId = c.work.insertActivity({
      clientId: a.clientId,
      opportunityId: a.opp?.id ?? null,
      meetingId: a.meetingId ?? null,
      agentId: a.agentId,
      kind: a.kind,
      at: a.at,
      data: status ? { ...a.data, status } : a.data,
    });
    return { activityId, status };
  }

  const tx = <T>(fn: () => T): T => c.db.transaction(fn)();
  const changed = (clientId: string) => c.bus.emit('record:changed', { clientId });

  function ensureResultChoices() {
    const list = sql.resultChoices();
    if (list.length > 0) return list;
    const at = c.now().toISOString();
    tx(() => DEFAULT_RESULT_CHOICES.forEach((choice, i) => sql.insertResultChoice(choice, (i + 1) * 10, at)));
    return sql.resultChoices();
  }

  return {
    'work:callPlaced': ({ clientId, opportunityId, e164, callId }) => {
      const agent = c.receiver();
      const b = bundle(clientId);
      phoneOf(b, e164);
      if (callId && !c.work.getCall(callId)) throw refusal('not_found', 'call_not_found', { id: callId }, 'callId');
      const opp = opportunityOf(b, opportunityId);
      const at = c.now().toISOString();
      const done = tx(() =>
        complete({ clientId, opp, agentId: agent.id, kind: 'call', data: { direction: 'outbound', e164, ...(callId ? { callId } : {}) }, at }),
      );
      changed(clientId);
      return { ...done, opportunityId: opp?.id ?? null };
    },

    'work:callEnded': ({ activityId, durationS, answered }) => {
      const activity = sql.activity(activityId);
      if (!activity || activity.kind !== 'call') throw refusal('not_found', 'placed_call_not_found', { id: activityId }, 'activityId');
      const data = parseData(activity.data);
      if (data.endedAt) throw refusal('conflict', 'call_already_ended');
      const at = c.now().toISOString();
      const result = tx(() => {
        let status: StatusMove = null;
        if (answered && activity.opportunity_id) {
          const current = c.work.opportunity(activity.opportunity_id)?.status;
          const to = current ? AFTER_ANSWERED_CALL[current] : undefined;
          if (current && to) {
            status = { from: current, to };
            c.work.setStatus(activity.opportunity_id, to, at);
          }
        }
        sql.setActivityData(
          activityId,
          {
            ...data,
            answered,
            endedAt: at,
            ...(answered && durationS !== null ? { durationS } : {}),
            ...(status ? { status } : {}),
          },
          at,
        );
        return status;
      });
      changed(activity.client_id);
      return { activityId, opportunityId: activity.opportunity_id, status: result };
    },

    'work:bleadCompleted': ({ clientId, opportunityId, e164, deviceId, durationS }) => {
      const agent = c.receiver();
      const device = c.settings().callbackDevices.find((d) => d.id === deviceId);
      if (!device) throw refusal('invalid_input', 'callback_device_unknown', {}, 'deviceId');
      const b = bundle(clientId);
      phoneOf(b, e164);
      const opp = opportunityOf(b, opportunityId);
      const at = c.now().toISOString();
      const done = tx(() =>
        complete({
          clientId,
          opp,
          agentId: agent.id,
          kind: 'blead_call',
          data: { e164, deviceId, deviceLabel: device.label, durationS, answered: true },
          move: AFTER_ANSWERED_CALL,
          at,
        }),
      );
      changed(clientId);
      return { ...done, opportunityId: opp?.id ?? null };
    },

    'work:smsTemplates': ({ clientId }) => {
      const agent = c.currentAgent();
      const b = bundle(clientId);
      const opp = opportunityOf(b, null);
      const ctx = opp ? sql.smsContext(opp.id) : { stock: null, branch: null };
      const values = {
        prenom: b.client.first_name,
        nom: b.client.last_name,
        agent: agent?.name ?? null,
        succursale: ctx.branch,
        stock: ctx.stock,
      };
      return {
        templates: sql.templates().map((t) => {
          const filled = fillTemplate(t.body, values);
          return { id: t.id, name: t.name, body: t.body, filled: filled.text, missing: filled.missing };
        }),
        numbers: b.phones
          .filter((p) => p.sms_capable === 1 || p.kind === 'mobile')
          .map((p) => ({ e164: p.e164, national: formatPhone(p.e164), kind: p.kind })),
        smsDomain: c.settings().smsDomain?.trim() || null,
      };
    },

    'work:smsSent': ({ clientId, opportunityId, e164, body, templateName }) => {
      const agent = c.receiver();
      if (!c.settings().smsDomain?.trim()) throw refusal('conflict', 'sms_no_route');
      const b = bundle(clientId);
      phoneOf(b, e164, true);
      const opp = opportunityOf(b, opportunityId);
      const at = c.now().toISOString();
      const done = tx(() => {
        const textId = sql.insertText({ clientId, opportunityId: opp?.id ?? null, at, direction: 'out', agentId: agent.id, e164, body, templateName });
        const effects = complete({
          clientId,
          opp,
          agentId: agent.id,
          kind: 'sms',
          data: { e164, textId, ...(templateName ? { templateName } : {}) },
          move: AFTER_TEXT_OR_EMAIL,
          at,
        });
        return { ...effects, textId };
      });
      changed(clientId);
      return { ...done, opportunityId: opp?.id ?? null };
    },

    'work:smsReceived': ({ fromNumber, body, at }) => {
      const parsed = parsePhone(numberOf(fromNumber));
      const e164 = parsed.ok ? parsed.e164 : null;
      const clientIds = e164 ? c.contacts.clientIdsByPhone(e164) : [];
      // A household shares numbers: the text goes to the record with the latest open file.
      const candidates = clientIds
        .map((id) => c.contacts.read(id))
        .filter((x): x is ClientBundle => x !== undefined)
        .map((x) => ({ x, opp: primaryOpportunity(x.opportunities) }))
        .sort((p, q) => (q.opp?.created_at ?? '').localeCompare(p.opp?.created_at ?? ''));
      const target = candidates[0];
      const when = new Date(at).toISOString();
      if (!target || !e164) {
        // Unknown sender: nothing to attach it to (texts belong to a client); the console shows it.
        c.bus.emit('work:smsIn', { clientId: null, e164, body, at: when });
        return { clientId: null, textId: null, e164 };
      }
      const clientId = target.x.client.id;
      const textId =
        sql.sameIncomingText(clientId, e164, when, body) ??
        tx(() => sql.insertText({ clientId, opportunityId: target.opp?.id ?? null, at: when, direction: 'in', agentId: null, e164, body, templateName: null }));
      changed(clientId);
      c.bus.emit('work:smsIn', { clientId, e164, body, at: when });
      return { clientId, textId, e164 };
    },

    'work:emailOpened': ({ clientId, opportunityId, email }) => {
      const agent = c.receiver();
      const b = bundle(clientId);
      const address = b.emails.find((e) => e.email === email.trim().toLowerCase())?.email;
      if (!address) throw refusal('invalid_input', 'email_not_clients', { value: email }, 'email');
      const opp = opportunityOf(b, opportunityId);
      const at = c.now().toISOString();
      const done = tx(() =>
        complete({ clientId, opp, agentId: agent.id, kind: 'email', data: { email: address }, move: AFTER_TEXT_OR_EMAIL, at }),
      );
      changed(clientId);
      return { ...done, opportunityId: opp?.id ?? null, mailto: buildMailto({ to: [address], subject: EMAIL_SUBJECT }) };
    },

    'work:redirect': ({ clientId, opportunityId, recipient }) => {
      const agent = c.receiver();
      const b = bundle(clientId);
      let recipientName: string;
      let recipientEmail: string;
      let colleagueId: string | null = null;
      if ('agentId' in recipient) {
        const colleague = c.agents.list().find((a) => a.id === recipient.agentId);
        if (!colleague) throw refusal('not_found', 'colleague_not_found', { id: recipient.agentId }, 'recipient.agentId');
        if (!colleague.email) throw refusal('conflict', 'colleague_no_email', { name: colleague.name }, 'recipient.agentId');
        recipientName = colleague.name;
        recipientEmail = colleague.email;
        colleagueId = colleague.id;
      } else {
        const address = recipient.email.trim().toLowerCase();
        if (!isEmailAddress(address)) throw refusal('invalid_input', 'email_invalid', { value: recipient.email }, 'recipient.email');
        recipientName = address;
        recipientEmail = address;
      }
      const opp = opportunityOf(b, opportunityId);
      const at = c.now().toISOString();
      const done = tx(() =>
        complete({
          clientId,
          opp,
          agentId: agent.id,
          collaboratorId: colleagueId ?? agent.id,
          kind: 'redirect',
          data: { recipientName, recipientEmail, ...(colleagueId ? { recipientAgentId: colleagueId } : {}) },
          at,
        }),
      );
      changed(clientId);
      const name = `${b.client.first_name} ${b.client.last_name}`;
      const phone = b.phones[0] ? formatPhone(b.phones[0].e164) : null;
      const body = [name, ...(phone ? [phone] : []), '', `poste://contact/${clientId}`, '', `— ${agent.name}`].join('\n');
      return {
        ...done,
        opportunityId: opp?.id ?? null,
        recipientName,
        mailto: buildMailto({ to: [recipientEmail], subject: REDIRECT_SUBJECT, body }),
      };
    },

    'work:resultChoices': () =>
      ensureResultChoices().map((r) => ({
        id: r.id,
        labelFr: r.label_fr,
        labelEn: r.label_en,
        mapsToStatus: r.maps_to_status,
        opens: r.opens,
      })),

    'work:result': ({ clientId, opportunityId, choiceId, scheduledCall }) => {
      const agent = c.receiver();
      const choice = sql.resultChoice(choiceId);
      if (!choice) throw refusal('not_found', 'result_not_found', { id: choiceId }, 'choiceId');
      let scheduled: { at: string; agentId: string; agentName: string } | null = null;
      if (choice.opens === 'schedule_call') {
        if (!scheduledCall) throw refusal('invalid_input', 'scheduled_call_required', {}, 'scheduledCall');
        const who = c.agents.list().find((a) => a.id === scheduledCall.agentId);
        if (!who) throw refusal('not_found', 'colleague_not_found', { id: scheduledCall.agentId }, 'scheduledCall.agentId');
        if (Date.parse(scheduledCall.at) < c.now().getTime() - 60_000) {
          throw refusal('invalid_input', 'scheduled_call_past', {}, 'scheduledCall.at');
        }
        scheduled = { at: new Date(scheduledCall.at).toISOString(), agentId: who.id, agentName: who.name };
      } else if (scheduledCall) {
        throw refusal('invalid_input', 'scheduled_call_unexpected', {}, 'scheduledCall');
      }
      const b = bundle(clientId);
      const opp = opportunityOf(b, opportunityId);
      const at = c.now().toISOString();
      // A result that opens the booking dialog leaves the status to the booking (MT-3): the
      // OPP is « Rendez-vous cédulé » only once a meeting exists. A closed OPP keeps its status.
      const mapped = choice.opens !== 'booking' && choice.maps_to_status && opp && isOpenStatus(opp.status) ? choice.maps_to_status : null;
      const done = tx(() => {
        if (opp) sql.setResult(opp.id, choice.label_fr, agent.id, at);
        return complete({
          clientId,
          opp,
          agentId: agent.id,
          kind: 'result',
          data: { label: choice.label_fr, labelEn: choice.label_en, choiceId, ...(scheduled ? { scheduledCall: scheduled } : {}) },
          move: mapped,
          at,
        });
      });
      changed(clientId);
      return { ...done, opportunityId: opp?.id ?? null, opens: choice.opens, label: choice.label_fr };
    },

    'work:scheduledCalls': ({ includeLater }) => {
      const agent = c.receiver();
      const now = c.now().getTime();
      return sql
        .scheduledCalls(agent.id)
        .map((r) => ({
          activityId: r.id,
          clientId: r.client_id,
          clientName: `${r.first_name} ${r.last_name}`,
          opportunityId: r.opportunity_id,
          at: r.call_at,
          due: Date.parse(r.call_at) <= now,
          scheduledByName: r.by_name,
        }))
        .filter((r) => includeLater || r.due);
    },

    'work:book': (input) => {
      const agent = c.receiver();
      const stocks = parseStocks(input.stocks);
      const subject = composeSubject(input.kind, input.firstName, stocks);
      if (!subject.ok) {
        throw subject.error === 'stock' ? refusal('invalid_input', 'meeting_needs_stock', {}, 'stocks') : refusal('invalid_input', 'meeting_needs_first_name', {}, 'firstName');
      }
      if (input.kind === 'virtual' && !input.virtualDevice) {
        throw refusal('invalid_input', 'meeting_virtual_device', {}, 'virtualDevice');
      }
      if (input.kind === 'deposit' && !input.depositMethod) {
        throw refusal('invalid_input', 'meeting_deposit_method', {}, 'depositMethod');
      }
      if (Date.parse(input.at) < c.now().getTime() - 60_000) throw refusal('invalid_input', 'meeting_in_past', {}, 'at');
      for (const [field, value] of [['salesRepEmail', input.salesRepEmail], ['virtualGroupEmail', input.virtualGroupEmail]] as const) {
        if (value && !isEmailAddress(value.toLowerCase())) throw refusal('invalid_input', 'email_invalid', { value }, field);
      }
      const b = bundle(input.clientId);
      const opp = opportunityOf(b, input.opportunityId);
      if (!opp) throw refusal('conflict', 'booking_no_opportunity');
      const virtual = input.kind === 'virtual';
      const deposit = input.kind === 'deposit' || input.depositMethod !== null;
      const participants = [
        `RDV ${input.branch}`,
        ...(input.salesRep ? [input.salesRep] : []),
        ...(virtual ? [`DV ${input.branch}`] : []),
      ];
      const at = c.now().toISOString();
      const meetingAt = new Date(input.at).toISOString();
      const done = tx(() => {
        const meetingId = sql.insertMeeting(
          {
            opportunityId: opp.id,
            clientId: input.clientId,
            bookedBy: agent.id,
            at: meetingAt,
            kind: input.kind,
            subject: subject.subject,
            branch: input.branch,
            language: input.language,
            deposit,
            depositMethod: input.depositMethod,
            docusign: input.docusign,
            transfer: input.transfer,
            virtualDevice: virtual ? input.virtualDevice : null,
            salesRep: input.salesRep || null,
            description: input.description || null,
          },
          at,
        );
        // MT-2 over the OPP's planned meetings, this one included.
        const tag = tagFromMeetings(
          sql.plannedMeetings(opp.id).map((m) => ({ kind: m.kind, deposit: m.deposit === 1, stocks: stocksInSubject(m.subject) })),
        );
        sql.setTag(opp.id, tag, at);
        const effects = complete({
          clientId: input.clientId,
          opp,
          agentId: agent.id,
          kind: 'booking',
          meetingId,
          data: { subject: subject.subject, at: meetingAt, kind: input.kind, branch: input.branch, tag, meetingTag: meetingTag(input.kind, stocks.length, deposit), participants },
          move: 'appointment_booked',
          at,
        });
        return { ...effects, meetingId, tag };
      });
      changed(input.clientId);
      const to = [input.salesRepEmail, virtual ? input.virtualGroupEmail : null].filter((v): v is string => Boolean(v)).map((v) => v.toLowerCase());
      const client = `${b.client.first_name} ${b.client.last_name}`;
      const phone = b.phones[0] ? formatPhone(b.phones[0].e164) : null;
      const body = [
        `${subject.subject}`,
        `Client : ${client}${phone ? ` — ${phone}` : ''}`,
        `Date : ${meetingAt}`,
        `Succursale : ${input.branch}`,
        `Langue : ${input.language === 'fr' ? 'français' : 'anglais'}`,
        ...(input.salesRep ? [`Représentant : ${input.salesRep}`] : []),
        ...(virtual ? [`Appareil : ${input.virtualDevice === 'iphone' ? 'iPhone' : 'Android'}`] : []),
        ...(input.description ? ['', input.description] : []),
        '',
        `poste://contact/${input.clientId}`,
        `— ${agent.name}`,
      ].join('\n');
      return {
        activityId: done.activityId,
        opportunityId: opp.id,
        status: done.status,
        meetingId: done.meetingId,
        subject: subject.subject,
        tag: done.tag,
        participants,
        mailto: to.length > 0 ? buildMailto({ to, subject: `Rendez-vous : ${subject.subject}`, body }) : null,
      };
    },

    'work:moveMeeting': ({ meetingId, at: newAt }) => {
      const agent = c.receiver();
      const meeting = sql.meeting(meetingId);
      if (!meeting) throw refusal('not_found', 'meeting_not_found', { id: meetingId }, 'meetingId');
      if (meeting.status !== 'planned') throw refusal('conflict', 'meeting_not_planned');
      if (Date.parse(newAt) < c.now().getTime() - 60_000) throw refusal('invalid_input', 'meeting_new_time_past', {}, 'at');
      const at = c.now().toISOString();
      const meetingAt = new Date(newAt).toISOString();
      // RDV-1: « un RDV déjà existant qui est déplacé reste au nom de l'agent qui l'a booké » — booked_by untouched.
      const activityId = tx(() => {
        sql.moveMeeting(meetingId, meetingAt, at);
        return c.work.insertActivity({
          clientId: meeting.client_id,
          opportunityId: meeting.opportunity_id,
          meetingId,
          agentId: agent.id,
          kind: 'booking',
          at,
          data: { subject: meeting.subject, at: meetingAt, movedFrom: meeting.at, bookedBy: meeting.booked_by, rule: 'RDV-1' },
        });
      });
      changed(meeting.client_id);
      return { meetingId, activityId, bookedBy: meeting.booked_by };
    },
  };
}
