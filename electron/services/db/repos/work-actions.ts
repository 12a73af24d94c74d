import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import type { OpportunityStatus, Tag } from '../../../../shared/domain/model';
import { statementCache } from '../sql';

/**
 * The writes and reads zone 9 needs beyond the shared work repository (db/repos/work.ts):
 * the action effects on an OPP, activity data updates, texts, meetings, SMS templates and
 * result choices. Kept beside the handlers because this area owns them; the statements are
 * prepared once per database like the repositories under db/repos.
 */
export interface ActivityRecord {
  id: string;
  client_id: string;
  opportunity_id: string | null;
  agent_id: string | null;
  kind: string;
  at: string;
  data: string | null;
}

export interface ResultChoiceRow {
  id: string;
  label_fr: string;
  label_en: string;
  maps_to_status: OpportunityStatus | null;
  opens: 'booking' | 'schedule_call' | null;
}

export interface MeetingInsert {
  opportunityId: string;
  clientId: string;
  bookedBy: string;
  at: string;
  kind: string;
  subject: string;
  branch: string;
  language: 'fr' | 'en';
  deposit: boolean;
  depositMethod: string | null;
  docusign: string | null;
  transfer: boolean;
  virtualDevice: string | null;
  salesRep: string | null;
  description: string | null;
}

/** The centre's default results (issue 5): a reached client, a message, nothing, a dead end. */
export const DEFAULT_RESULT_CHOICES: readonly Omit<ResultChoiceRow, 'id'>[] = [
  { label_fr: 'Rejoint — RDV pris', label_en: 'Reached — appointment booked', maps_to_status: 'appointment_booked', opens: 'booking' },
  { label_fr: 'Rejoint — à rappeler', label_en: 'Reached — call back', maps_to_status: 'contacted', opens: 'schedule_call' },
  { label_fr: 'Rejoint — pas intéressé', label_en: 'Reached — not interested', maps_to_status: 'contacted', opens: null },
  { label_fr: 'Message laissé', label_en: 'Message left', maps_to_status: null, opens: null },
  { label_fr: 'Pas de réponse', label_en: 'No answer', maps_to_status: null, opens: null },
  { label_fr: 'Mauvais numéro', label_en: 'Wrong number', maps_to_status: null, opens: null },
  { label_fr: 'Déjà acheté', label_en: 'Already bought', maps_to_status: 'lost_bdc', opens: null },
  { label_fr: 'Financement', label_en: 'Financing', maps_to_status: null, opens: null },
];

export function workSql(db: Database) {
  const stmt = statementCache(db);
  return {
    /** Every completed action: Traitée (first handling kept), the collaborator, the status. */
    markHandled(opportunityId: string, agentId: string, collaboratorId: string, status: OpportunityStatus, at: string): void {
      stmt(
        `UPDATE opportunities SET handled_by = coalesce(handled_by, ?), handled_at = coalesce(handled_at, ?),
           collaborator_id = ?, status = ?, updated_at = ? WHERE id = ?`,
      ).run(agentId, at, collaboratorId, status, at, opportunityId);
    },
    setResult(opportunityId: string, label: string, agentId: string, at: string): void {
      stmt('UPDATE opportunities SET result_label = ?, result_at = ?, result_by = ?, updated_at = ? WHERE id = ?').run(
        label,
        at,
        agentId,
        at,
        opportunityId,
      );
    },
    setTag(opportunityId: string, tag: Tag, at: string): void {
      stmt('UPDATE opportunities SET tag = ?, updated_at = ? WHERE id = ?').run(tag, at, opportunityId);
    },
    activity(id: string): ActivityRecord | undefined {
      return stmt<ActivityRecord>('SELECT id, client_id, opportunity_id, agent_id, kind, at, data FROM activities WHERE id = ?').get(id);
    },
    setActivityData(id: string, data: Record<string, unknown>, at: string): void {
      stmt('UPDATE activities SET data = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(data), at, id);
    },
    insertText(t: {
      clientId: string;
      opportunityId: string | null;
      at: string;
      direction: 'in' | 'out';
      agentId: string | null;
      e164: string;
      body: string;
      templateName: string | null;
    }): string {
      const id = newId();
      stmt(
        `INSERT INTO texts (id, client_id, opportunity_id, at, direction, agent_id, e164, body, template_name, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, t.clientId, t.opportunityId, t.at, t.direction, t.agentId, t.e164, t.body, t.templateName, t.at, t.at);
      return id;
    },
    /** The same incoming text already stored (the renderer may report a MESSAGE twice). */
    sameIncomingText(clientId: string, e164: string, at: string, body: string): string | undefined {
      return stmt<{ id: string }>(
        "SELECT id FROM texts WHERE client_id = ? AND e164 = ? AND at = ? AND body = ? AND direction = 'in'",
      ).get(clientId, e164, at, body)?.id;
    },
    templates() {
      return stmt<{ id: string; name: string; body: string }>('SELECT id, name, body FROM sms_templates ORDER BY sort, name').all();
    },
    resultChoices(): ResultChoiceRow[] {
      return stmt<ResultChoiceRow>(
        'SELECT id, label_fr, label_en, maps_to_status, opens FROM result_choices ORDER BY sort, label_fr',
      ).all();
    },
    resultChoice(id: string): ResultChoiceRow | undefined {
      return stmt<ResultChoiceRow>('SELECT id, label_fr, label_en, maps_to_status, opens FROM result_choices WHERE id = ?').get(id);
    },
    insertResultChoice(c: Omit<ResultChoiceRow, 'id'>, sort: number, at: string): void {
      stmt(
        `INSERT INTO result_choices (id, label_fr, label_en, maps_to_status, opens, sort, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(newId(), c.label_fr, c.label_en, c.maps_to_status, c.opens, sort, at, at);
    },
    /** Context for SMS placeholders: the OPP's stock and the branch of its latest meeting. */
    smsContext(opportunityId: string) {
      const opp = stmt<{ vehicle_stock: string | null }>('SELECT vehicle_stock FROM opportunities WHERE id = ?').get(opportunityId);
      const meeting = stmt<{ branch: string | null }>(
        'SELECT branch FROM meetings WHERE opportunity_id = ? AND branch IS NOT NULL ORDER BY at DESC LIMIT 1',
      ).get(opportunityId);
      return { stock: opp?.vehicle_stock ?? null, branch: meeting?.branch ?? null };
    },
    insertMeeting(m: MeetingInsert, at: string): string {
      const id = newId();
      stmt(
        `INSERT INTO meetings (id, opportunity_id, client_id, booked_by, at, status, kind, subject, branch, language, deposit,
           deposit_method, docusign, transfer, virtual_device, sales_rep, description, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'planned', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        m.opportunityId,
        m.clientId,
        m.bookedBy,
        m.at,
        m.kind,
        m.subject,
        m.branch,
        m.language,
        m.deposit ? 1 : 0,
        m.depositMethod,
        m.docusign,
        m.transfer ? 1 : 0,
        m.virtualDevice,
        m.salesRep,
        m.description,
        at,
        at,
      );
      return id;
    },
    plannedMeetings(opportunityId: string) {
      return stmt<{ kind: string; deposit: number; subject: string }>(
        "SELECT kind, deposit, subject FROM meetings WHERE opportunity_id = ? AND status = 'planned'",
      ).all(opportunityId);
    },
    meeting(id: string) {
      return stmt<{ id: string; client_id: string; opportunity_id: string; status: string; booked_by: string | null; at: string; subject: string }>(
        'SELECT id, client_id, opportunity_id, status, booked_by, at, subject FROM meetings WHERE id = ?',
      ).get(id);
    },
    moveMeeting(id: string, meetingAt: string, at: string): void {
      stmt('UPDATE meetings SET at = ?, updated_at = ? WHERE id = ?').run(meetingAt, at, id);
    },
    /**
     * MT-4: results that scheduled a call for this agent, not yet followed by a call or a
     * BLEAD on the same client. (Stored in the result's activity data; see handlers.)
     */
    scheduledCalls(agentId: string) {
      return stmt<{ id: string; client_id: string; opportunity_id: string | null; call_at: string; first_name: string; last_name: string; by_name: string | null }>(
        `SELECT a.id, a.client_id, a.opportunity_id, json_extract(a.data, '$.scheduledCall.at') AS call_at,
                c.first_name, c.last_name, g.name AS by_name
           FROM activities a JOIN clients c ON c.id = a.client_id LEFT JOIN agents g ON g.id = a.agent_id
          WHERE a.kind = 'result' AND json_extract(a.data, '$.scheduledCall.agentId') = ?
            AND NOT EXISTS (SELECT 1 FROM activities d WHERE d.client_id = a.client_id
                             AND d.kind IN ('call', 'blead_call') AND d.at > a.at)
          ORDER BY call_at`,
      ).all(agentId);
    },
  };
}
export type WorkSql = ReturnType<typeof workSql>;
