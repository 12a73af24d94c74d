import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { contactsRepo } from '../../electron/services/db/repos/contacts';
import type {
  ActivityKind,
  AgentRole,
  Department,
  LeadType,
  MeetingKind,
  MeetingStatus,
  OpportunityStatus,
  Presence,
  Tag,
} from '../../shared/domain/model';

/**
 * Hand-written rows for tests: each helper inserts one thing with sensible defaults, so a
 * test states only what its story is about ("Julie manages a handled internet lead…").
 */
const T = '2026-03-01T12:00:00.000Z';

export function addAgent(
  db: Database,
  a: { id: string; name: string; role?: AgentRole; presence?: Presence; shifts?: [number, number, number][] },
): string {
  db.prepare(
    `INSERT INTO agents (id, name, role, extension, email, sip_uri, presence, created_at, updated_at)
     VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
  ).run(a.id, a.name, a.role ?? 'agent', `${a.id}@poste-demo.ca`, `sip:${a.id}@poste.test`, a.presence ?? 'available', T, T);
  for (const [weekday, start, end] of a.shifts ?? []) {
    db.prepare(
      `INSERT INTO agent_shifts (id, agent_id, weekday, start_minute, end_minute, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(randomUUID(), a.id, weekday, start, end, T, T);
  }
  return a.id;
}

/** Every day of the week, all day: an agent who is always on shift. */
export const ALWAYS: [number, number, number][] = [0, 1, 2, 3, 4, 5, 6].map((d) => [d, 0, 1440]);

export function addClient(
  db: Database,
  c: { firstName: string; lastName: string; phones?: string[]; emails?: string[]; language?: 'fr' | 'en'; id?: string },
): string {
  const id = c.id ?? randomUUID();
  db.prepare(
    `INSERT INTO clients (id, first_name, last_name, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(id, c.firstName, c.lastName, c.language ?? 'fr', T, T);
  (c.phones ?? []).forEach((e164, i) => {
    db.prepare(
      `INSERT INTO client_phones (id, client_id, e164, kind, sms_capable, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(randomUUID(), id, e164, i === 0 ? 'mobile' : 'home', i === 0 ? 1 : 0, T, T);
  });
  for (const email of c.emails ?? []) {
    db.prepare(`INSERT INTO client_emails (id, client_id, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`).run(
      randomUUID(),
      id,
      email,
      T,
      T,
    );
  }
  // The search row as the console writes it (its one definition).
  contactsRepo(db).insertSearchRows([id]);
  return id;
}

export function addOpportunity(
  db: Database,
  o: {
    clientId: string;
    id?: string;
    type?: LeadType;
    department?: Department;
    status?: OpportunityStatus;
    tag?: Tag;
    managerId?: string | null;
    handledBy?: string | null;
    handledAt?: string | null;
    createdAt?: string;
    message?: string | null;
    financingSource?: 'credsii_de' | 'preapproval' | 'dealertrack' | null;
    stock?: string | null;
  },
): string {
  const id = o.id ?? randomUUID();
  db.prepare(
    `INSERT INTO opportunities (id, client_id, type, financing_source, department, status, tag, manager_id, handled_by,
       handled_at, message, vehicle_make, vehicle_model, vehicle_year, vehicle_stock, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Toyota', 'RAV4', 2024, ?, ?, ?)`,
  ).run(
    id,
    o.clientId,
    o.type ?? 'internet',
    o.financingSource ?? null,
    o.department ?? 'bdc',
    o.status ?? 'in_progress',
    o.tag ?? 'bronze',
    o.managerId ?? null,
    o.handledBy ?? null,
    o.handledAt ?? null,
    o.message ?? null,
    o.stock ?? 'S12345',
    o.createdAt ?? T,
    o.createdAt ?? T,
  );
  return id;
}

export function addMeeting(
  db: Database,
  m: { clientId: string; opportunityId: string; bookedBy: string; at: string; status?: MeetingStatus; kind?: MeetingKind; deposit?: boolean },
): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO meetings (id, opportunity_id, client_id, booked_by, at, status, kind, subject, deposit, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, m.opportunityId, m.clientId, m.bookedBy, m.at, m.status ?? 'planned', m.kind ?? 'stock', 'TEST / S12345', m.deposit ? 1 : 0, T, T);
  return id;
}

export function addActivity(
  db: Database,
  a: { clientId: string; opportunityId?: string | null; meetingId?: string | null; agentId: string; kind: ActivityKind; at: string; note?: string; data?: object },
): string {
  const id = randomUUID();
  db.prepare(
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
}
