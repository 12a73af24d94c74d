import type { Database } from 'better-sqlite3';
import { newId } from '../ids';
import type { AgentRole } from '../../../../shared/domain/model';
import type { AgentInput, DirectoryAgent, Shift } from '../../../../shared/ipc/contract-desk';
import { statementCache } from '../sql';

interface AgentRow {
  id: string;
  name: string;
  role: AgentRole;
  extension: string | null;
  email: string | null;
  sip_uri: string | null;
  active: number;
}

interface ShiftRow {
  agent_id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
}

/**
 * The agents directory as the settings screen edits it: every agent (inactive ones too)
 * with their weekly shifts. Agents are deactivated, never deleted: calls, activities and
 * opportunities point at them.
 */
export function deskDirectoryRepo(db: Database) {
  const stmt = statementCache(db);

  function shiftsOf(agentId: string): Shift[] {
    return stmt<ShiftRow>(
      'SELECT agent_id, weekday, start_minute, end_minute FROM agent_shifts WHERE agent_id = ? ORDER BY weekday, start_minute',
    )
      .all(agentId)
      .map((s) => ({ weekday: s.weekday, startMinute: s.start_minute, endMinute: s.end_minute }));
  }

  function toAgent(row: AgentRow): DirectoryAgent {
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      extension: row.extension,
      email: row.email,
      sipUri: row.sip_uri,
      active: row.active === 1,
      shifts: shiftsOf(row.id),
    };
  }

  const select = 'SELECT id, name, role, extension, email, sip_uri, active FROM agents';

  return {
    list(): DirectoryAgent[] {
      return stmt<AgentRow>(`${select} ORDER BY active DESC, name`).all().map(toAgent);
    },
    get(id: string): DirectoryAgent | null {
      const row = stmt<AgentRow>(`${select} WHERE id = ?`).get(id);
      return row ? toAgent(row) : null;
    },
    /** Inserts or updates one agent; presence is left as the softphone reported it. */
    upsert(agent: AgentInput, at: string): void {
      stmt(
        `INSERT INTO agents (id, name, role, extension, email, sip_uri, active, created_at, updated_at)
         VALUES (@id, @name, @role, @extension, @email, @sipUri, @active, @at, @at)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, extension = excluded.extension,
           email = excluded.email, sip_uri = excluded.sip_uri, active = excluded.active, updated_at = excluded.updated_at`,
      ).run({ ...agent, active: agent.active ? 1 : 0, at });
    },
    replaceShifts(agentId: string, shifts: readonly Shift[], at: string): void {
      stmt('DELETE FROM agent_shifts WHERE agent_id = ?').run(agentId);
      for (const s of shifts) {
        stmt(
          `INSERT INTO agent_shifts (id, agent_id, weekday, start_minute, end_minute, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(newId(), agentId, s.weekday, s.startMinute, s.endMinute, at, at);
      }
    },
  };
}
export type DeskDirectoryRepo = ReturnType<typeof deskDirectoryRepo>;
