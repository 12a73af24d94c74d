/**
 * The demo's row writer: every INSERT prepared once, rows passed as positional values (the
 * fastest path through better-sqlite3), ids from the seeded generator, times as ISO UTC.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Prng } from './prng';
import { searchName } from '../db/migrations/0008-search-apostrophes';

export const ORIGIN = 'demo';

const DAY_MS = 86_400_000;
const PAD2: string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const PAD3: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefixes = new Map<number, string>();

/**
 * ISO 8601 UTC of epoch milliseconds, as `Date.prototype.toISOString` writes it (years
 * 0–9999), without building a Date for every row: the date part is cached per day.
 */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${prefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[rest - s * 1000]}Z`;
}

export interface OpportunityValues {
  clientId: string;
  type: string;
  financingSource: string | null;
  provider: string | null;
  providerRef: string | null;
  department: string;
  status: string;
  tag: string;
  managerId: string | null;
  handledBy: string | null;
  handledAt: number | null;
  collaboratorId: string | null;
  message: string | null;
  vehicleYear: number | null;
  vehicleMake: string | null;
  vehicleModel: string | null;
  vehicleTrim: string | null;
  vehicleStock: string | null;
  vehicleVin: string | null;
  tradeIn: string | null;
  resultLabel: string | null;
  resultAt: number | null;
  resultBy: string | null;
  soldAt: number | null;
  deliveredAt: number | null;
  createdAt: number;
}

export interface MeetingValues {
  opportunityId: string;
  clientId: string;
  bookedBy: string | null;
  at: number;
  status: string;
  kind: string;
  subject: string;
  branch: string;
  language: string;
  deposit: boolean;
  depositMethod: string | null;
  docusign: string | null;
  transfer: boolean;
  virtualDevice: string | null;
  salesRep: string | null;
  description: string | null;
  createdAt: number;
}

export interface RowCounts {
  agents: number;
  clients: number;
  phones: number;
  emails: number;
  opportunities: number;
  meetings: number;
  activities: number;
  texts: number;
  chats: number;
  calls: number;
}

type Insert = Statement<unknown[], unknown>;

/** The tables the demo writes. */
export const DEMO_TABLES = [
  'agents',
  'agent_shifts',
  'clients',
  'client_phones',
  'client_emails',
  'client_search',
  'opportunities',
  'meetings',
  'activities',
  'texts',
  'chats',
  'call_log',
  'sms_templates',
  'result_choices',
  'branches',
] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

/**
 * Writes demo rows; one instance per generation (statements are tied to `db`). Only the
 * tables in `tables` are written; for the others the same ids are drawn from the generator
 * and nothing is inserted, so two writers fed the same calls produce matching halves of one
 * database (see `parallel.ts`).
 */
export class DemoWriter {
  readonly counts: RowCounts = {
    agents: 0,
    clients: 0,
    phones: 0,
    emails: 0,
    opportunities: 0,
    meetings: 0,
    activities: 0,
    texts: 0,
    chats: 0,
    calls: 0,
  };
  private readonly agentStmt: Insert;
  private readonly shiftStmt: Insert;
  private readonly clientStmt: Insert;
  private readonly phoneStmt: Insert;
  private readonly emailStmt: Insert;
  private readonly searchStmt: Insert;
  private readonly oppStmt: Insert;
  private readonly meetingStmt: Insert;
  private readonly activityStmt: Insert;
  private readonly textStmt: Insert;
  private readonly chatStmt: Insert;
  private readonly callStmt: Insert;
  private readonly templateStmt: Insert;
  private readonly resultStmt: Insert;
  /** Null when the schema has no branches table (before migration 3). */
  private readonly branchStmt: Insert | null;

  private readonly on: Record<DemoTable, boolean>;
  /** The client just written: its search row takes its rowid (contactsRepo.insertSearchRows). */
  private lastClient: { id: string; rowid: number | bigint } | null = null;

  constructor(
    db: Database,
    private readonly rng: Prng,
    tables: ReadonlySet<DemoTable> = new Set(DEMO_TABLES),
  ) {
    this.on = Object.fromEntries(DEMO_TABLES.map((t) => [t, tables.has(t)])) as Record<DemoTable, boolean>;
    // Values are bound by position and `origin` is a literal: every bound parameter costs a
    // measurable fraction of a microsecond. (better-sqlite3 does not bind `?NNN` reuse.)
    const insert = (table: string, columns: string, values?: string): Insert => {
      const n = columns.split(',').length;
      return db.prepare(`INSERT INTO ${table} (${columns}) VALUES (${values ?? Array(n).fill('?').join(',')})`);
    };
    const numbered = (n: number, extra: string): string => Array(n).fill('?').join(',') + (extra ? `,${extra}` : '');
    this.agentStmt = insert(
      'agents',
      'id,name,role,extension,email,sip_uri,presence,presence_at,active,origin,created_at,updated_at',
    );
    this.shiftStmt = insert('agent_shifts', 'id,agent_id,weekday,start_minute,end_minute,created_at,updated_at');
    this.clientStmt = insert(
      'clients',
      'id,first_name,last_name,language,cre,created_at,origin,updated_at',
      numbered(6, `'${ORIGIN}',?`),
    );
    this.phoneStmt = insert(
      'client_phones',
      'id,client_id,e164,kind,sms_capable,created_at,updated_at',
      numbered(7, ''),
    );
    this.emailStmt = insert('client_emails', 'id,client_id,email,created_at,updated_at', numbered(5, ''));
    this.searchStmt = insert('client_search', 'rowid,client_id,name,emails');
    this.oppStmt = insert(
      'opportunities',
      'id,client_id,type,financing_source,provider,provider_ref,department,status,tag,manager_id,handled_by,handled_at,' +
        'collaborator_id,message,vehicle_year,vehicle_make,vehicle_model,vehicle_trim,vehicle_stock,vehicle_vin,trade_in,' +
        'result_label,result_at,result_by,sold_at,delivered_at,created_at,updated_at,origin',
      numbered(28, `'${ORIGIN}'`),
    );
    this.meetingStmt = insert(
      'meetings',
      'id,opportunity_id,client_id,booked_by,at,status,kind,subject,branch,language,deposit,deposit_method,docusign,' +
        'transfer,virtual_device,sales_rep,description,created_at,origin,updated_at',
      numbered(18, `'${ORIGIN}',?`),
    );
    this.activityStmt = insert(
      'activities',
      'id,client_id,opportunity_id,meeting_id,agent_id,kind,at,note,data,origin,created_at,updated_at',
      numbered(9, `'${ORIGIN}',?,?`),
    );
    this.textStmt = insert(
      'texts',
      'id,client_id,opportunity_id,at,direction,agent_id,e164,body,template_name,origin,created_at,updated_at',
      numbered(9, `'${ORIGIN}',?,?`),
    );
    this.chatStmt = insert('chats', 'id,client_id,agent_id,started_at,ended_at,created_at,updated_at', numbered(7, ''));
    this.callStmt = insert(
      'call_log',
      'id,direction,channel,remote_number,client_id,agent_id,simulated,started_at,answered_at,ended_at,duration_s,' +
        'hangup_cause,created_at,updated_at',
    );
    this.templateStmt = db.prepare(
      'INSERT OR IGNORE INTO sms_templates (id,name,body,sort,created_at,updated_at) VALUES (?,?,?,?,?,?)',
    );
    this.resultStmt = insert('result_choices', 'id,label_fr,label_en,maps_to_status,opens,sort,created_at,updated_at');
    const hasBranches =
      db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'branches'").get() !== undefined;
    // An existing branch of the same name is kept (the dealership's own configuration).
    this.branchStmt = hasBranches
      ? db.prepare(
          `INSERT OR IGNORE INTO branches (id,name,sales_reps,virtual_sales_group,sort,origin,created_at,updated_at)
           VALUES (?,?,?,?,?,'${ORIGIN}',?,?)`,
        )
      : null;
  }

  agent(
    id: string,
    name: string,
    role: string,
    extension: string,
    email: string,
    presence: string,
    nowIso: string,
  ): void {
    if (this.on.agents)
      this.agentStmt.run(
        id,
        name,
        role,
        extension,
        email,
        `sip:${extension}@poste.test`,
        presence,
        nowIso,
        1,
        ORIGIN,
        nowIso,
        nowIso,
      );
    this.counts.agents++;
  }

  shift(agentId: string, weekday: number, startMinute: number, endMinute: number, nowIso: string): void {
    const id = this.rng.uuid();
    if (this.on.agent_shifts) this.shiftStmt.run(id, agentId, weekday, startMinute, endMinute, nowIso, nowIso);
  }

  client(first: string, last: string, language: string, cre: string | null, createdAt: string): string {
    const id = this.rng.uuid();
    if (this.on.clients) this.lastClient = { id, rowid: this.clientStmt.run(id, first, last, language, cre, createdAt, createdAt).lastInsertRowid };
    this.counts.clients++;
    return id;
  }

  phone(clientId: string, e164: string, kind: string, createdAt: string): void {
    const id = this.rng.uuid();
    if (this.on.client_phones)
      this.phoneStmt.run(id, clientId, e164, kind, kind === 'mobile' ? 1 : 0, createdAt, createdAt);
    this.counts.phones++;
  }

  email(clientId: string, email: string, createdAt: string): void {
    const id = this.rng.uuid();
    if (this.on.client_emails) this.emailStmt.run(id, clientId, email, createdAt, createdAt);
    this.counts.emails++;
  }

  /** The client_search row, in the format of `contactsRepo.refreshSearch` (numbers have their own index). */
  search(clientId: string, first: string, last: string, emails: readonly string[]): void {
    if (!this.on.client_search) return;
    // Written right after its client (both generators do), under that client's rowid.
    if (this.lastClient?.id !== clientId) throw new Error(`the search row of ${clientId} must follow its client`);
    this.searchStmt.run(this.lastClient.rowid, clientId, searchName(first, last), emails.join(' '));
  }

  opportunity(o: OpportunityValues): string {
    const id = this.rng.uuid();
    this.counts.opportunities++;
    if (!this.on.opportunities) return id;
    const created = iso(o.createdAt);
    const updated = Math.max(o.createdAt, o.handledAt ?? 0, o.resultAt ?? 0, o.soldAt ?? 0, o.deliveredAt ?? 0);
    this.oppStmt.run(
      id,
      o.clientId,
      o.type,
      o.financingSource,
      o.provider,
      o.providerRef,
      o.department,
      o.status,
      o.tag,
      o.managerId,
      o.handledBy,
      o.handledAt === null ? null : iso(o.handledAt),
      o.collaboratorId,
      o.message,
      o.vehicleYear,
      o.vehicleMake,
      o.vehicleModel,
      o.vehicleTrim,
      o.vehicleStock,
      o.vehicleVin,
      o.tradeIn,
      o.resultLabel,
      o.resultAt === null ? null : iso(o.resultAt),
      o.resultBy,
      o.soldAt === null ? null : iso(o.soldAt),
      o.deliveredAt === null ? null : iso(o.deliveredAt),
      created,
      updated === o.createdAt ? created : iso(updated),
    );
    return id;
  }

  meeting(m: MeetingValues): string {
    const id = this.rng.uuid();
    this.counts.meetings++;
    if (!this.on.meetings) return id;
    const created = iso(m.createdAt);
    this.meetingStmt.run(
      id,
      m.opportunityId,
      m.clientId,
      m.bookedBy,
      iso(m.at),
      m.status,
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
      created,
      created,
    );
    return id;
  }

  activity(
    clientId: string,
    opportunityId: string | null,
    meetingId: string | null,
    agentId: string | null,
    kind: string,
    at: number,
    note: string | null,
    data: string | null,
  ): void {
    const id = this.rng.uuid();
    this.counts.activities++;
    if (!this.on.activities) return;
    const when = iso(at);
    this.activityStmt.run(id, clientId, opportunityId, meetingId, agentId, kind, when, note, data, when, when);
  }

  text(
    clientId: string,
    opportunityId: string | null,
    at: number,
    direction: 'in' | 'out',
    agentId: string | null,
    e164: string,
    body: string,
    templateName: string | null,
  ): void {
    const id = this.rng.uuid();
    this.counts.texts++;
    if (!this.on.texts) return;
    const when = iso(at);
    this.textStmt.run(id, clientId, opportunityId, when, direction, agentId, e164, body, templateName, when, when);
  }

  chat(clientId: string, agentId: string, startedAt: number, endedAt: number | null): void {
    const id = this.rng.uuid();
    this.counts.chats++;
    if (!this.on.chats) return;
    const start = iso(startedAt);
    this.chatStmt.run(id, clientId, agentId, start, endedAt === null ? null : iso(endedAt), start, start);
  }

  call(
    direction: 'inbound' | 'outbound',
    remote: string,
    clientId: string,
    agentId: string,
    startedAt: number,
    durationS: number | null,
  ): void {
    const id = this.rng.uuid();
    this.counts.calls++;
    if (!this.on.call_log) return;
    const start = iso(startedAt);
    const answered = durationS === null ? null : iso(startedAt + 8000);
    const ended = iso(startedAt + 8000 + (durationS ?? 22) * 1000);
    const cause = durationS === null ? 'no_answer' : 'normal_clearing';
    this.callStmt.run(
      id,
      direction,
      'phone',
      remote,
      clientId,
      agentId,
      0,
      start,
      answered,
      ended,
      durationS,
      cause,
      start,
      ended,
    );
  }

  template(name: string, body: string, sort: number, nowIso: string): void {
    const id = this.rng.uuid();
    if (this.on.sms_templates) this.templateStmt.run(id, name, body, sort, nowIso, nowIso);
  }

  resultChoice(
    fr: string,
    en: string,
    status: string | null,
    opens: string | null,
    sort: number,
    nowIso: string,
  ): void {
    const id = this.rng.uuid();
    if (this.on.result_choices) this.resultStmt.run(id, fr, en, status, opens, sort, nowIso, nowIso);
  }

  branch(name: string, salesReps: readonly string[], virtualSalesGroup: string, sort: number, nowIso: string): void {
    const id = this.rng.uuid();
    if (this.on.branches && this.branchStmt) {
      this.branchStmt.run(id, name, JSON.stringify(salesReps), virtualSalesGroup, sort, nowIso, nowIso);
    }
  }
}
