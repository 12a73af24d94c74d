import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import type { ActivityKind, OpportunityStatus, Tag } from '../../../../shared/domain/model';
import { statementCache } from '../sql';

export interface CallInsert {
  direction: 'inbound' | 'outbound';
  channel: 'phone' | 'chat' | 'sms';
  remoteNumber: string;
  clientId: string | null;
  agentId: string | null;
  simulated: boolean;
  startedAt: string;
  verdictShown: string | null;
}

export interface CallLogRow {
  id: string;
  direction: 'inbound' | 'outbound';
  channel: 'phone' | 'chat' | 'sms';
  remote_number: string;
  client_id: string | null;
  agent_id: string | null;
  simulated: number;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  verdict_shown: string | null;
  verdict_applied: string | null;
  override_reason: string | null;
}

export interface DaTaskRow {
  id: string;
  client_id: string;
  opportunity_id: string | null;
  meeting_id: string | null;
  kind: 'assign' | 'invalidate' | 'cancel_meeting' | 'escalate';
  target_agent_id: string | null;
  created_by: string | null;
  rule: string | null;
  note: string | null;
  state: 'open' | 'done' | 'dismissed';
  created_at: string;
}

/**
 * The writes of the console's work: call log, activities, ownership and status changes,
 * DA tasks. Callers wrap related writes in one transaction (`db.transaction`) so every
 * change and its activity land together.
 */
export function workRepo(db: Database) {
  const stmt = statementCache(db);
  return {
    insertCall(c: CallInsert): string {
      const id = newId();
      stmt(
        `INSERT INTO call_log (id, direction, channel, remote_number, client_id, agent_id, simulated, started_at,
           verdict_shown, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, c.direction, c.channel, c.remoteNumber, c.clientId, c.agentId, c.simulated ? 1 : 0, c.startedAt, c.verdictShown, c.startedAt, c.startedAt);
      return id;
    },
    getCall(id: string): CallLogRow | undefined {
      return stmt<CallLogRow>('SELECT * FROM call_log WHERE id = ?').get(id);
    },
    /** Fills in what the softphone reports; a field already set is kept (times only move forward). */
    updateCall(id: string, u: { answeredAt: string | null; endedAt: string | null; hangupCause: string | null; durationS: number | null }, at: string): void {
      stmt(
        `UPDATE call_log SET answered_at = coalesce(answered_at, ?), ended_at = coalesce(ended_at, ?),
           hangup_cause = coalesce(hangup_cause, ?), duration_s = coalesce(duration_s, ?), updated_at = ? WHERE id = ?`,
      ).run(u.answeredAt, u.endedAt, u.hangupCause, u.durationS, at, id);
    },
    setCallClient(id: string, clientId: string, at: string): void {
      stmt('UPDATE call_log SET client_id = ?, updated_at = ? WHERE id = ?').run(clientId, at, id);
    },
    setCallVerdictShown(id: string, verdict: string, at: string): void {
      stmt('UPDATE call_log SET verdict_shown = ?, updated_at = ? WHERE id = ?').run(verdict, at, id);
    },
    /** Appends an applied verdict action to the call's record (one per line, in order). */
    appendCallApplied(id: string, applied: string, at: string): void {
      stmt(
        `UPDATE call_log SET verdict_applied = CASE WHEN verdict_applied IS NULL THEN ? ELSE verdict_applied || char(10) || ? END,
           updated_at = ? WHERE id = ?`,
      ).run(applied, applied, at, id);
    },
    setCallOverride(id: string, reason: string, at: string): void {
      stmt(
        `UPDATE call_log SET override_reason = ?, verdict_applied = CASE WHEN verdict_applied IS NULL THEN 'override'
           ELSE verdict_applied || char(10) || 'override' END, updated_at = ? WHERE id = ?`,
      ).run(reason, at, id);
    },
    insertActivity(a: {
      clientId: string;
      opportunityId?: string | null;
      meetingId?: string | null;
      agentId: string | null;
      kind: ActivityKind;
      at: string;
      note?: string | null;
      data?: Record<string, unknown> | null;
    }): string {
      const id = newId();
      stmt(
        `INSERT INTO activities (id, client_id, opportunity_id, meeting_id, agent_id, kind, at, note, data, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        a.clientId,
        a.opportunityId ?? null,
        a.meetingId ?? null,
        a.agentId,
        a.kind,
        a.at,
        a.note ?? null,
        a.data ? JSON.stringify(a.data) : null,
        a.at,
        a.at,
      );
      return id;
    },
    opportunity(id: string) {
      return stmt<{ id: string; client_id: string; manager_id: string | null; status: OpportunityStatus; tag: Tag; type: string }>(
        'SELECT id, client_id, manager_id, status, tag, type FROM opportunities WHERE id = ?',
      ).get(id);
    },
    agentName(id: string | null): string | null {
      return id ? (stmt<{ name: string }>('SELECT name FROM agents WHERE id = ?').get(id)?.name ?? id) : null;
    },
    setTag(opportunityId: string, tag: Tag, at: string): void {
      stmt('UPDATE opportunities SET tag = ?, updated_at = ? WHERE id = ?').run(tag, at, opportunityId);
    },
    /** Any client's number, for the demo's simulated call. */
    randomPhone(): string | undefined {
      return stmt<{ e164: string }>('SELECT e164 FROM client_phones ORDER BY random() LIMIT 1').get()?.e164;
    },
    /** A new client with its mobile and e-mail (EL-1's phone-up). */
    insertClient(c: { id: string; firstName: string; lastName: string; language: 'fr' | 'en'; e164: string | null; email: string | null; at: string }): void {
      stmt('INSERT INTO clients (id, first_name, last_name, language, origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(c.id, c.firstName, c.lastName, c.language, 'local', c.at, c.at);
      if (c.e164) {
        stmt("INSERT INTO client_phones (id, client_id, e164, kind, sms_capable, created_at, updated_at) VALUES (?, ?, ?, 'mobile', 1, ?, ?)").run(newId(), c.id, c.e164, c.at, c.at);
      }
      if (c.email) stmt('INSERT INTO client_emails (id, client_id, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(newId(), c.id, c.email, c.at, c.at);
    },
    setManager(opportunityId: string, managerId: string, at: string): void {
      stmt('UPDATE opportunities SET manager_id = ?, updated_at = ? WHERE id = ?').run(managerId, at, opportunityId);
    },
    setStatus(opportunityId: string, status: OpportunityStatus, at: string): void {
      stmt('UPDATE opportunities SET status = ?, updated_at = ? WHERE id = ?').run(status, at, opportunityId);
    },
    meeting(id: string) {
      return stmt<{ id: string; client_id: string; opportunity_id: string; status: string; booked_by: string | null }>(
        'SELECT id, client_id, opportunity_id, status, booked_by FROM meetings WHERE id = ?',
      ).get(id);
    },
    setMeetingBooker(meetingId: string, agentId: string, at: string): void {
      stmt('UPDATE meetings SET booked_by = ?, updated_at = ? WHERE id = ?').run(agentId, at, meetingId);
    },
    setMeetingStatus(meetingId: string, status: 'planned' | 'no_show' | 'showed' | 'cancelled', at: string): void {
      stmt('UPDATE meetings SET status = ?, updated_at = ? WHERE id = ?').run(status, at, meetingId);
    },
    insertDaTask(t: Omit<DaTaskRow, 'id' | 'state' | 'created_at'> & { at: string }): string {
      const id = newId();
      stmt(
        `INSERT INTO da_tasks (id, client_id, opportunity_id, meeting_id, kind, target_agent_id, created_by, rule, note,
           state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      ).run(id, t.client_id, t.opportunity_id, t.meeting_id, t.kind, t.target_agent_id, t.created_by, t.rule, t.note, t.at, t.at);
      return id;
    },
    openDaTasks() {
      return stmt<
        DaTaskRow & { first_name: string; last_name: string; target_name: string | null; created_by_name: string | null }
      >(
        `SELECT t.*, c.first_name, c.last_name, ta.name AS target_name, cb.name AS created_by_name
           FROM da_tasks t JOIN clients c ON c.id = t.client_id
           LEFT JOIN agents ta ON ta.id = t.target_agent_id LEFT JOIN agents cb ON cb.id = t.created_by
          WHERE t.state = 'open' ORDER BY t.created_at`,
      ).all();
    },
    daTask(id: string): DaTaskRow | undefined {
      return stmt<DaTaskRow>('SELECT * FROM da_tasks WHERE id = ?').get(id);
    },
    closeDaTask(id: string, state: 'done' | 'dismissed', by: string, at: string): void {
      stmt('UPDATE da_tasks SET state = ?, done_by = ?, done_at = ?, updated_at = ? WHERE id = ?').run(state, by, at, at, id);
    },
  };
}
export type WorkRepo = ReturnType<typeof workRepo>;
