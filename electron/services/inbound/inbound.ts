import type { Database } from 'better-sqlite3';
import { newId } from '../db/ids';
import { CHANNEL_LEAD_TYPE, type LeadType } from '../../../shared/domain/model';
import type { InboundResult } from '../../../shared/ipc/dto';
import { refusal } from '../../../shared/ipc/error-texts';
import { normaliseEmail, parsePhone } from '../../../shared/phone/phone';
import { decide, verdictSchema, type Verdict } from '../../../shared/rules';
import type { AgentsRepo } from '../db/repos/agents';
import type { ClientBundle, ContactsRepo } from '../db/repos/contacts';
import type { WorkRepo } from '../db/repos/work';
import { toContactRecord } from '../contacts/record';
import type { EventBus } from '../events';
import type { Logger } from '../log/logger';
import { parseVerdictAction, type VerdictAction } from './actions';
import { scenarioFromCache } from './scenario';
import { tagFromMeetings } from './tag';

export interface InboundDeps {
  db: Database;
  agents: AgentsRepo;
  contacts: ContactsRepo;
  work: WorkRepo;
  bus: EventBus;
  logger: Logger;
  now(): Date;
  timeZone(): string;
  /** The agent at this console, who receives the contact. */
  receiver(): { id: string; role: string; name: string };
}

type Channel = 'phone' | 'chat' | 'sms';

/**
 * The inbound pipeline: a caller's number in any format → the client from the cache → a
 * scenario built from the cache → the rules engine's verdict → a call-log row with the
 * verdict shown. Then the verdict's one-click actions, each written in one transaction with
 * its activity, and the call log told which were applied (or that the agent overrode it).
 */
export function inboundService(d: InboundDeps) {
  /** Several records can share a number (a household): the one with the latest open file wins. */
  function pickClient(ids: readonly string[]): ClientBundle | null {
    let best: ClientBundle | null = null;
    let bestAt = '';
    for (const id of ids) {
      const bundle = d.contacts.read(id);
      if (!bundle) continue;
      const latest = bundle.opportunities.find((o) => o.status !== 'invalid_bdc')?.created_at ?? '';
      if (!best || latest > bestAt) {
        best = bundle;
        bestAt = latest;
      }
    }
    return best;
  }

  function verdictFor(bundle: ClientBundle | null, channel: Channel, emailMatches: ClientBundle[] = []): Verdict {
    const agents = d.agents.list();
    return decide(
      scenarioFromCache({
        now: d.now(),
        timeZone: d.timeZone(),
        channel,
        receiverId: d.receiver().id,
        agents,
        shifts: d.agents.shifts(),
        client: bundle,
        emailMatches,
      }),
    );
  }

  function result(callId: string, number: string, e164: string | null, bundle: ClientBundle | null, verdict: Verdict, channel: Channel, simulated: boolean, candidates: number): InboundResult {
    return {
      callId,
      channel,
      number,
      e164,
      simulated,
      receivedAt: d.now().toISOString(),
      clientId: bundle?.client.id ?? null,
      candidates,
      record: bundle ? toContactRecord(bundle) : null,
      verdict,
    };
  }

  /** The hot path of a ring: number → client → record → verdict, nothing written. */
  function preview(number: string, channel: Channel) {
    const parsed = parsePhone(number);
    // A withheld or garbled caller id is still a call: it is logged and treated as unknown.
    const e164 = parsed.ok ? parsed.e164 : null;
    const ids = e164 ? d.contacts.clientIdsByPhone(e164) : [];
    const bundle = pickClient(ids);
    return { e164, ids, bundle, verdict: verdictFor(bundle, channel) };
  }

  function lookup(number: string, channel: Channel, simulated: boolean, ringAt?: string): InboundResult {
    const { e164, ids, bundle, verdict } = preview(number, channel);
    // The softphone says when the INVITE arrived; a clock skew beyond a minute is not believed.
    const nowMs = d.now().getTime();
    const startedAt = ringAt && Math.abs(Date.parse(ringAt) - nowMs) < 60_000 ? new Date(ringAt).toISOString() : d.now().toISOString();
    const callId = d.work.insertCall({
      direction: 'inbound',
      channel,
      remoteNumber: e164 ?? number.slice(0, 64),
      clientId: bundle?.client.id ?? null,
      agentId: d.receiver().id,
      simulated,
      startedAt,
      verdictShown: JSON.stringify(verdict),
    });
    d.logger.info('inbound contact', { callId, channel, known: bundle !== null, rule: verdict.rules[0] });
    return result(callId, number, e164, bundle, verdict, channel, simulated, ids.length);
  }

  function callOrThrow(callId: string) {
    const call = d.work.getCall(callId);
    if (!call) throw refusal('not_found', 'call_not_found', { id: callId }, 'callId');
    return call;
  }

  function shownVerdict(verdictShown: string | null): Verdict {
    const parsed = verdictSchema.safeParse(verdictShown ? JSON.parse(verdictShown) : null);
    if (!parsed.success) throw refusal('conflict', 'call_no_verdict');
    return parsed.data;
  }

  /** History lines show names; ids alone would read "marc". */
  function nameOf(id: string | null | undefined): string | null {
    return id ? (d.agents.get(id)?.name ?? id) : null;
  }

  function isDa(): boolean {
    return d.receiver().role === 'da';
  }

  /** One action, written with its activity. Runs inside the caller's transaction. */
  function applyOne(action: VerdictAction, raw: string, rules: readonly string[], at: string, touched: Set<string>): string {
    const rule = rules[0] ?? '';
    const me = d.receiver().id;
    // The action is one of the verdict the services computed and stored for this call, so it
    // may name another client's file (EL-2's e-mail lead); writes go to that file's client.
    const opportunityOf = (id: string) => {
      const opp = d.work.opportunity(id);
      if (!opp) throw refusal('not_found', 'opportunity_not_found', { id });
      touched.add(opp.client_id);
      return opp;
    };
    switch (action.kind) {
      case 'assign_opportunity': {
        const opp = opportunityOf(action.opportunityId);
        if (!d.agents.get(action.agentId)) throw refusal('not_found', 'agent_not_found', { id: action.agentId });
        d.work.setManager(opp.id, action.agentId, at);
        d.work.insertActivity({ clientId: opp.client_id, opportunityId: opp.id, agentId: me, kind: 'assignment', at, data: { from: opp.manager_id, to: action.agentId, fromName: nameOf(opp.manager_id), toName: nameOf(action.agentId), rule } });
        return 'assigned';
      }
      case 'assign_meeting': {
        // LOST-1: « le client et/ou RDV va au nouvel agent ».
        const meeting = d.work.meeting(action.meetingId);
        if (!meeting) throw refusal('not_found', 'meeting_not_found', { id: action.meetingId });
        if (!d.agents.get(action.agentId)) throw refusal('not_found', 'agent_not_found', { id: action.agentId });
        touched.add(meeting.client_id);
        d.work.setMeetingBooker(meeting.id, action.agentId, at);
        d.work.insertActivity({ clientId: meeting.client_id, opportunityId: meeting.opportunity_id, meetingId: meeting.id, agentId: me, kind: 'assignment', at, data: { from: meeting.booked_by, to: action.agentId, fromName: nameOf(meeting.booked_by), toName: nameOf(action.agentId), rule } });
        return 'assigned';
      }
      case 'tag_da': {
        const opp = opportunityOf(action.opportunityId);
        d.work.insertDaTask({ client_id: opp.client_id, opportunity_id: opp.id, meeting_id: null, kind: 'assign', target_agent_id: action.agentId, created_by: me, rule, note: null, at });
        d.work.insertActivity({ clientId: opp.client_id, opportunityId: opp.id, agentId: me, kind: 'tag_da', at, data: { to: action.agentId, targetName: nameOf(action.agentId), rule } });
        return 'da_tagged';
      }
      case 'invalidate_opportunity': {
        const opp = opportunityOf(action.opportunityId);
        // EL-2: the agent sets the e-mail lead invalid; FIN-1: « Le DA … mettra l'OPP invalide ».
        if (rules.includes('EL-2') || isDa()) {
          const why = rules.includes('EL-2') ? 'EL-2' : rule;
          d.work.setStatus(opp.id, 'invalid_bdc', at);
          d.work.insertActivity({ clientId: opp.client_id, opportunityId: opp.id, agentId: me, kind: 'invalidate', at, data: { from: opp.status, rule: why } });
          return 'invalidated';
        }
        d.work.insertDaTask({ client_id: opp.client_id, opportunity_id: opp.id, meeting_id: null, kind: 'invalidate', target_agent_id: null, created_by: me, rule, note: null, at });
        d.work.insertActivity({ clientId: opp.client_id, opportunityId: opp.id, agentId: me, kind: 'tag_da', at, data: { task: 'invalidate', rule } });
        return 'da_tagged';
      }
      case 'cancel_meeting': {
        const meeting = d.work.meeting(action.meetingId);
        if (!meeting) throw refusal('not_found', 'meeting_not_found', { id: action.meetingId });
        const clientId = meeting.client_id;
        touched.add(clientId);
        if (isDa()) {
          d.work.setMeetingStatus(meeting.id, 'cancelled', at);
          d.work.insertActivity({ clientId, opportunityId: meeting.opportunity_id, meetingId: meeting.id, agentId: me, kind: 'cancel_meeting', at, data: { rule } });
          return 'cancelled';
        }
        d.work.insertDaTask({ client_id: clientId, opportunity_id: meeting.opportunity_id, meeting_id: meeting.id, kind: 'cancel_meeting', target_agent_id: null, created_by: me, rule, note: null, at });
        d.work.insertActivity({ clientId, opportunityId: meeting.opportunity_id, meetingId: meeting.id, agentId: me, kind: 'tag_da', at, data: { task: 'cancel_meeting', rule } });
        return 'da_tagged';
      }
      case 'add_note': {
        const opp = opportunityOf(action.opportunityId);
        d.work.insertActivity({ clientId: opp.client_id, opportunityId: opp.id, agentId: me, kind: 'note', at, note: action.note.slice(0, 500), data: { rule } });
        return 'noted';
      }
      case 'recompute_tag': {
        const opp = opportunityOf(action.opportunityId);
        const bundle = d.contacts.read(opp.client_id);
        const planned = (bundle?.meetings ?? []).filter((m) => m.opportunity_id === opp.id && m.status === 'planned');
        const tag = tagFromMeetings(planned.map((m) => ({ kind: m.kind, deposit: m.deposit === 1 })));
        d.work.setTag(opp.id, tag, at);
        d.work.insertActivity({ clientId: opp.client_id, opportunityId: opp.id, agentId: me, kind: 'assignment', at, data: { tagFrom: opp.tag, tagTo: tag, rule } });
        return 'retagged';
      }
      case 'keep_meeting_owner':
        return 'acknowledged';
      case 'create_opportunity':
      case 'ask_email':
        throw refusal('invalid_input', 'action_needs_phone_up', { action: raw });
    }
  }

  return {
    lookup,
    preview,

    /**
     * Runs a ring's read path once, writing nothing: its statements prepared, its code
     * compiled, the indexes' upper pages read from disk. The hosts call it after start, so
     * the first call of the day pops as fast as the others (it took ten times longer).
     */
    warmUp(): void {
      const number = d.contacts.samplePhone();
      if (!number) return;
      const { bundle } = preview(number, 'phone');
      if (bundle) JSON.stringify(toContactRecord(bundle));
    },

    simulate(number: string | undefined): InboundResult {
      const chosen = number ?? d.work.randomPhone();
      if (!chosen) throw refusal('not_found', 'simulate_no_client');
      const inbound = lookup(chosen, 'phone', true);
      d.bus.emit('inbound:contact', inbound);
      return inbound;
    },

    apply(callId: string, raw: string) {
      const call = callOrThrow(callId);
      const verdict = shownVerdict(call.verdict_shown);
      const decision = raw.startsWith('decision:') ? raw.slice('decision:'.length) : null;
      if (decision !== null) {
        if (decision !== verdict.decision) throw refusal('invalid_input', 'verdict_other_decision', { decision: verdict.decision, asked: decision }, 'action');
        const at = d.now().toISOString();
        d.work.appendCallApplied(callId, raw, at);
        return { callId, applied: raw, outcome: 'recorded', clientId: call.client_id };
      }
      if (!verdict.actions.includes(raw)) throw refusal('invalid_input', 'verdict_not_an_action', { action: raw.slice(0, 80) }, 'action');
      const action = parseVerdictAction(raw);
      if (!action) throw refusal('invalid_input', 'verdict_action_unreadable', { action: raw.slice(0, 80) }, 'action');
      const applied = call.verdict_applied?.split('\n') ?? [];
      if (applied.includes(raw)) throw refusal('conflict', 'verdict_action_done');
      const at = d.now().toISOString();
      const touched = new Set<string>();
      const outcome = d.db.transaction(() => {
        const done = applyOne(action, raw, verdict.rules, at, touched);
        d.work.appendCallApplied(callId, raw, at);
        return done;
      })();
      for (const id of touched) d.bus.emit('record:changed', { clientId: id });
      return { callId, applied: raw, outcome, clientId: call.client_id };
    },

    override(callId: string, reason: string) {
      const call = callOrThrow(callId);
      const text = reason.trim();
      if (text.length < 3) throw refusal('invalid_input', 'override_needs_reason', {}, 'reason');
      const at = d.now().toISOString();
      const verdict = shownVerdict(call.verdict_shown);
      d.db.transaction(() => {
        d.work.setCallOverride(callId, text.slice(0, 500), at);
        if (call.client_id) {
          d.work.insertActivity({ clientId: call.client_id, opportunityId: verdict.opportunityId, agentId: d.receiver().id, kind: 'verdict_override', at, note: text.slice(0, 500), data: { rule: verdict.rules[0], decision: verdict.decision } });
        }
      })();
      if (call.client_id) d.bus.emit('record:changed', { clientId: call.client_id });
      return { callId, applied: 'override', outcome: 'overridden', clientId: call.client_id };
    },

    /** EL-2: the e-mail typed for an unknown caller; other agents' e-mail leads are proposed for invalidation. */
    checkEmail(callId: string, email: string): InboundResult {
      const call = callOrThrow(callId);
      const address = normaliseEmail(email);
      if (!address) throw refusal('invalid_input', 'email_invalid', { value: email.slice(0, 80) }, 'email');
      const matches = d.contacts
        .clientIdsByEmail(address)
        .map((id) => d.contacts.read(id))
        .filter((b): b is ClientBundle => b !== undefined);
      const own = call.client_id ? (d.contacts.read(call.client_id) ?? null) : null;
      const verdict = verdictFor(own, call.channel, matches.filter((m) => m.client.id !== call.client_id));
      d.work.setCallVerdictShown(callId, JSON.stringify(verdict), d.now().toISOString());
      return result(callId, call.remote_number, call.remote_number.startsWith('+') ? call.remote_number : null, own, verdict, call.channel, call.simulated === 1, own ? 1 : 0);
    },

    /**
     * EL-1: « L'agent qui prend l'appel crée une nouvelle OPP » — En traitement, in the receiver's
     * name, of the contact's channel's type (a Phone-Up for a call, SMS for a text, Clavardage
     * for a chat), as the verdict proposed.
     */
    createPhoneUp(input: { callId: string; firstName: string; lastName: string; language: 'fr' | 'en'; email: string | null; message: string | null; vehicle: { year: number | null; make: string | null; model: string | null; stock: string | null } | null }) {
      const call = callOrThrow(input.callId);
      if (call.client_id) throw refusal('conflict', 'caller_has_record');
      const e164 = parsePhone(call.remote_number);
      const email = input.email ? normaliseEmail(input.email) : null;
      if (input.email && !email) throw refusal('invalid_input', 'email_invalid', { value: input.email.slice(0, 80) }, 'email');
      const me = d.receiver().id;
      const at = d.now().toISOString();
      const clientId = newId();
      const opportunityId = newId();
      const type: LeadType = CHANNEL_LEAD_TYPE[call.channel];
      d.db.transaction(() => {
        d.work.insertClient({ id: clientId, firstName: input.firstName, lastName: input.lastName, language: input.language, e164: e164.ok ? e164.e164 : null, email, at });
        d.db
          .prepare(
            `INSERT INTO opportunities (id, client_id, type, department, status, tag, manager_id, message, vehicle_year, vehicle_make,
               vehicle_model, vehicle_stock, origin, created_at, updated_at) VALUES (?, ?, ?, 'bdc', 'in_progress', 'bronze', ?, ?, ?, ?, ?, ?, 'local', ?, ?)`,
          )
          .run(opportunityId, clientId, type, me, input.message, input.vehicle?.year ?? null, input.vehicle?.make ?? null, input.vehicle?.model ?? null, input.vehicle?.stock ?? null, at, at);
        d.work.insertActivity({ clientId, opportunityId, agentId: me, kind: 'opportunity_created', at, data: { type, rule: 'EL-1' } });
        d.work.setCallClient(input.callId, clientId, at);
        d.work.appendCallApplied(input.callId, `create_opportunity:${type}:${me}`, at);
        d.contacts.refreshSearch(clientId);
      })();
      d.bus.emit('record:changed', { clientId });
      const bundle = d.contacts.read(clientId);
      if (!bundle) throw refusal('internal', 'record_not_read_back');
      return toContactRecord(bundle);
    },
  };
}
export type InboundService = ReturnType<typeof inboundService>;
