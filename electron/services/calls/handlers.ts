import type { HandlersFor } from '../../../shared/ipc/dispatch';
import type { callsRequests } from '../../../shared/ipc/contract-calls';
import { refusal } from '../../../shared/ipc/error-texts';
import { parsePhone } from '../../../shared/phone/phone';
import type { ServiceContext } from '../context';

/** Compares SIP URIs the way a directory does: scheme, user and host, case-insensitive host. */
function sameUri(a: string, b: string): boolean {
  const norm = (uri: string) => {
    const match = /^sips?:([^@;>]+)@([^;>:]+)/i.exec(uri.trim().replace(/^<|>$/g, ''));
    return match ? `${match[1]}@${(match[2] ?? '').toLowerCase()}` : uri.trim().toLowerCase();
  };
  return norm(a) === norm(b);
}

/** The call log and presence as the softphone reports them (issue 4, item 7; rules' presence). */
export function callsHandlers(c: ServiceContext): HandlersFor<typeof callsRequests> {
  return {
    'calls:outbound': ({ number, clientId, startedAt }) => {
      const phone = parsePhone(number);
      if (clientId && !c.contacts.read(clientId)) throw refusal('not_found', 'client_not_found', { id: clientId }, 'clientId');
      const callId = c.work.insertCall({
        direction: 'outbound',
        channel: 'phone',
        remoteNumber: phone.ok ? phone.e164 : number,
        clientId,
        agentId: c.currentAgent()?.id ?? null,
        simulated: false,
        startedAt,
        verdictShown: null,
      });
      return { callId };
    },

    'calls:update': ({ callId, answeredAt, endedAt, hangupCause }) => {
      const call = c.work.getCall(callId);
      if (!call) throw refusal('not_found', 'call_not_found', { id: callId }, 'callId');
      if (answeredAt && Date.parse(answeredAt) < Date.parse(call.started_at)) {
        throw refusal('invalid_input', 'call_answered_before_start', {}, 'answeredAt');
      }
      if (endedAt && Date.parse(endedAt) < Date.parse(answeredAt ?? call.answered_at ?? call.started_at)) {
        throw refusal('invalid_input', 'call_ended_before_start', {}, 'endedAt');
      }
      if (call.ended_at && (endedAt || answeredAt)) throw refusal('conflict', 'call_already_ended');
      const answered = answeredAt ?? call.answered_at;
      const durationS = endedAt && answered ? Math.round((Date.parse(endedAt) - Date.parse(answered)) / 1000) : null;
      c.work.updateCall(callId, { answeredAt: answeredAt ?? null, endedAt: endedAt ?? null, hangupCause: hangupCause ?? null, durationS }, c.now().toISOString());
      if (call.client_id) c.bus.emit('record:changed', { clientId: call.client_id });
      return { callId, durationS };
    },

    'presence:report': ({ own, colleagues }) => {
      const at = c.now().toISOString();
      let updated = 0;
      const agents = c.agents.list();
      const set = (agentId: string, presence: 'available' | 'on_call' | 'break' | 'offline') => {
        const agent = agents.find((a) => a.id === agentId);
        if (!agent || agent.presence === presence) return;
        c.agents.setPresence(agentId, presence, at);
        c.bus.emit('presence:changed', { agentId, presence });
        updated++;
      };
      const me = c.currentAgent();
      if (own && me) set(me.id, own);
      for (const seen of colleagues ?? []) {
        const agent = agents.find((a) => a.sip_uri !== null && sameUri(a.sip_uri, seen.sipUri));
        if (agent && agent.id !== me?.id) set(agent.id, seen.presence);
      }
      return { updated };
    },
  };
}
