import type { Database } from 'better-sqlite3';
import type { AgentRole, Presence } from '../../../../shared/domain/model';
import { addDays, zonedParts, zonedToInstant } from '../../../../shared/time/zoned';
import { statementCache } from '../sql';

export interface AgentRow {
  id: string;
  name: string;
  role: AgentRole;
  extension: string | null;
  email: string | null;
  sip_uri: string | null;
  presence: Presence;
}

export interface ShiftRow {
  agent_id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
}

/** A shift as two instants, the way the rules engine takes it. */
export interface ShiftInstance {
  start: string;
  end: string;
}

/** Agents, their weekly shifts and their presence, from the cache. */
export function agentsRepo(db: Database) {
  const stmt = statementCache(db);
  /** Shifts change a few times a week but are read on every ring: kept for a few seconds. */
  let shiftCache: { rows: ShiftRow[]; until: number } | null = null;
  return {
    /** Active agents by name. Every ring reads this; sorting a dozen rows here costs a tenth of SQLite's temp B-tree. */
    list(): AgentRow[] {
      return stmt<AgentRow>('SELECT id, name, role, extension, email, sip_uri, presence FROM agents WHERE active = 1')
        .all()
        .sort(byName);
    },
    get(id: string): AgentRow | undefined {
      return stmt<AgentRow>('SELECT id, name, role, extension, email, sip_uri, presence FROM agents WHERE id = ?').get(id);
    },
    shifts(): ShiftRow[] {
      const now = Date.now();
      if (shiftCache && shiftCache.until > now) return shiftCache.rows;
      const rows = stmt<ShiftRow>('SELECT agent_id, weekday, start_minute, end_minute FROM agent_shifts').all();
      shiftCache = { rows, until: now + 5000 };
      return rows;
    },
    /** Call after writing agent_shifts so the next ring sees the new schedule. */
    forgetShifts(): void {
      shiftCache = null;
    },
    setPresence(id: string, presence: Presence, at: string): void {
      stmt('UPDATE agents SET presence = ?, presence_at = ?, updated_at = ? WHERE id = ?').run(presence, at, at, id);
    },
  };
}
export type AgentsRepo = ReturnType<typeof agentsRepo>;

/** SQLite's BINARY order of names (code units; the same for every name outside the astral planes). */
function byName(a: AgentRow, b: AgentRow): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether a weekly schedule covers an instant, in the centre's time zone. */
export function isOnShift(shifts: readonly ShiftRow[], now: Date, timeZone: string): boolean {
  const p = zonedParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  return shifts.some((s) => s.weekday === p.weekday && s.start_minute <= minute && minute < s.end_minute);
}

/**
 * The concrete shifts around `now` (yesterday, today, tomorrow) as instants, DST-correct,
 * so a scenario built from the cache carries them instead of a pre-computed onShift.
 */
export function shiftInstances(shifts: readonly ShiftRow[], now: Date, timeZone: string): ShiftInstance[] {
  const today = zonedParts(now, timeZone);
  const out: ShiftInstance[] = [];
  for (const offset of [-1, 0, 1]) {
    const day = addDays(today.year, today.month, today.day, offset);
    const weekday = (today.weekday + offset + 7) % 7;
    for (const s of shifts) {
      if (s.weekday !== weekday) continue;
      const start = zonedToInstant(day.year, day.month, day.day, Math.floor(s.start_minute / 60), s.start_minute % 60, timeZone);
      const endDay = s.end_minute === 1440 ? addDays(day.year, day.month, day.day, 1) : day;
      const endMinute = s.end_minute % 1440;
      const end = zonedToInstant(endDay.year, endDay.month, endDay.day, Math.floor(endMinute / 60), endMinute % 60, timeZone);
      out.push({ start: start.toISOString(), end: end.toISOString() });
    }
  }
  return out;
}
