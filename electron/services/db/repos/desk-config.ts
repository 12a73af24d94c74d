import type { Database } from 'better-sqlite3';
import type { OpportunityStatus } from '../../../../shared/domain/model';
import type { Branch, ResultChoice, SmsTemplate } from '../../../../shared/ipc/contract-desk';
import { statementCache } from '../sql';

interface TemplateRow {
  id: string;
  name: string;
  body: string;
  sort: number;
}

interface ResultRow {
  id: string;
  label_fr: string;
  label_en: string;
  maps_to_status: OpportunityStatus | null;
  opens: 'booking' | 'schedule_call' | null;
  sort: number;
}

interface BranchRow {
  id: string;
  name: string;
  sales_reps: string;
  virtual_sales_group: string | null;
  sort: number;
}

/**
 * The centre's shared lists, edited in the settings screen: SMS templates, result choices
 * (zone 10) and branches. These are configuration, not history: a removed template or
 * choice leaves the texts and results that used it untouched (they keep the label as text).
 */
export function deskConfigRepo(db: Database) {
  const stmt = statementCache(db);
  return {
    templates(): SmsTemplate[] {
      return stmt<TemplateRow>('SELECT id, name, body, sort FROM sms_templates ORDER BY sort, name').all();
    },
    templateByName(name: string): SmsTemplate | undefined {
      return stmt<TemplateRow>('SELECT id, name, body, sort FROM sms_templates WHERE name = ?').get(name);
    },
    template(id: string): SmsTemplate | undefined {
      return stmt<TemplateRow>('SELECT id, name, body, sort FROM sms_templates WHERE id = ?').get(id);
    },
    saveTemplate(t: SmsTemplate, at: string): void {
      stmt(
        `INSERT INTO sms_templates (id, name, body, sort, created_at, updated_at) VALUES (@id, @name, @body, @sort, @at, @at)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, body = excluded.body, sort = excluded.sort, updated_at = excluded.updated_at`,
      ).run({ ...t, at });
    },
    removeTemplate(id: string): boolean {
      return stmt('DELETE FROM sms_templates WHERE id = ?').run(id).changes > 0;
    },

    results(): ResultChoice[] {
      return stmt<ResultRow>('SELECT id, label_fr, label_en, maps_to_status, opens, sort FROM result_choices ORDER BY sort, label_fr')
        .all()
        .map(toResult);
    },
    result(id: string): ResultChoice | undefined {
      const row = stmt<ResultRow>('SELECT id, label_fr, label_en, maps_to_status, opens, sort FROM result_choices WHERE id = ?').get(id);
      return row ? toResult(row) : undefined;
    },
    saveResult(r: ResultChoice, at: string): void {
      stmt(
        `INSERT INTO result_choices (id, label_fr, label_en, maps_to_status, opens, sort, created_at, updated_at)
         VALUES (@id, @labelFr, @labelEn, @mapsToStatus, @opens, @sort, @at, @at)
         ON CONFLICT(id) DO UPDATE SET label_fr = excluded.label_fr, label_en = excluded.label_en,
           maps_to_status = excluded.maps_to_status, opens = excluded.opens, sort = excluded.sort, updated_at = excluded.updated_at`,
      ).run({ ...r, at });
    },
    removeResult(id: string): boolean {
      return stmt('DELETE FROM result_choices WHERE id = ?').run(id).changes > 0;
    },

    branches(): Branch[] {
      return stmt<BranchRow>('SELECT id, name, sales_reps, virtual_sales_group, sort FROM branches ORDER BY sort, name')
        .all()
        .map(toBranch);
    },
    branch(id: string): Branch | undefined {
      const row = stmt<BranchRow>('SELECT id, name, sales_reps, virtual_sales_group, sort FROM branches WHERE id = ?').get(id);
      return row ? toBranch(row) : undefined;
    },
    branchByName(name: string): Branch | undefined {
      const row = stmt<BranchRow>('SELECT id, name, sales_reps, virtual_sales_group, sort FROM branches WHERE name = ?').get(name);
      return row ? toBranch(row) : undefined;
    },
    saveBranch(b: Branch, at: string): void {
      stmt(
        `INSERT INTO branches (id, name, sales_reps, virtual_sales_group, created_at, updated_at)
         VALUES (@id, @name, @salesReps, @virtualSalesGroup, @at, @at)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, sales_reps = excluded.sales_reps,
           virtual_sales_group = excluded.virtual_sales_group, updated_at = excluded.updated_at`,
      ).run({ ...b, salesReps: JSON.stringify(b.salesReps), at });
    },
    removeBranch(id: string): boolean {
      return stmt('DELETE FROM branches WHERE id = ?').run(id).changes > 0;
    },
  };
}
export type DeskConfigRepo = ReturnType<typeof deskConfigRepo>;

function toResult(row: ResultRow): ResultChoice {
  return {
    id: row.id,
    labelFr: row.label_fr,
    labelEn: row.label_en,
    mapsToStatus: row.maps_to_status,
    opens: row.opens,
    sort: row.sort,
  };
}

function toBranch(row: BranchRow): Branch {
  const reps = JSON.parse(row.sales_reps) as unknown;
  return {
    id: row.id,
    name: row.name,
    salesReps: Array.isArray(reps) ? reps.filter((r): r is string => typeof r === 'string') : [],
    virtualSalesGroup: row.virtual_sales_group,
  };
}
