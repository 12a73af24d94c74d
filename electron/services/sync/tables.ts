/**
 * The tables the team database shares with every cache, in the order a pull applies them
 * (parents before children), with their columns exactly as the cache's schema has them.
 * The outbox triggers (migration 0004), the team schema (team-db/) and the sync service are
 * all driven by this list; `tables.test.ts` checks it against the cache's real columns.
 */
export interface SyncedTable {
  name: string;
  columns: readonly string[];
  /** Columns held as INTEGER in the cache (integer in PostgreSQL); the others are text. */
  integers?: readonly string[];
  /**
   * Ownership and status: an update of one of these is compare-and-set on the server
   * against the value the agent saw (issue 9, item 3).
   */
  guarded?: readonly string[];
  /** The column that names the client a row belongs to (search rows, conflict records). */
  clientColumn?: 'id' | 'client_id';
  /** Rows the console may delete (merges, shift and template edits); the others never are. */
  deletable?: boolean;
}

const stamps = ['created_at', 'updated_at'] as const;

export const SYNCED_TABLES: readonly SyncedTable[] = [
  {
    name: 'agents',
    columns: [
      'id',
      'name',
      'role',
      'extension',
      'email',
      'sip_uri',
      'presence',
      'presence_at',
      'active',
      'origin',
      ...stamps,
    ],
    integers: ['active'],
  },
  {
    name: 'agent_shifts',
    columns: ['id', 'agent_id', 'weekday', 'start_minute', 'end_minute', ...stamps],
    integers: ['weekday', 'start_minute', 'end_minute'],
    deletable: true,
  },
  {
    name: 'clients',
    columns: ['id', 'first_name', 'last_name', 'language', 'cre', 'merged_into', 'origin', ...stamps],
    clientColumn: 'id',
  },
  {
    name: 'client_phones',
    columns: ['id', 'client_id', 'e164', 'kind', 'sms_capable', ...stamps],
    integers: ['sms_capable'],
    clientColumn: 'client_id',
    deletable: true,
  },
  {
    name: 'client_emails',
    columns: ['id', 'client_id', 'email', ...stamps],
    clientColumn: 'client_id',
    deletable: true,
  },
  {
    name: 'opportunities',
    columns: [
      'id',
      'client_id',
      'type',
      'financing_source',
      'provider',
      'provider_ref',
      'department',
      'status',
      'tag',
      'manager_id',
      'handled_by',
      'handled_at',
      'collaborator_id',
      'message',
      'vehicle_year',
      'vehicle_make',
      'vehicle_model',
      'vehicle_trim',
      'vehicle_stock',
      'vehicle_vin',
      'trade_in',
      'result_label',
      'result_at',
      'result_by',
      'sold_at',
      'delivered_at',
      'origin',
      ...stamps,
    ],
    integers: ['vehicle_year'],
    guarded: ['manager_id', 'status'],
    clientColumn: 'client_id',
  },
  {
    name: 'meetings',
    columns: [
      'id',
      'opportunity_id',
      'client_id',
      'booked_by',
      'at',
      'status',
      'kind',
      'subject',
      'branch',
      'language',
      'deposit',
      'deposit_method',
      'docusign',
      'transfer',
      'virtual_device',
      'sales_rep',
      'description',
      'origin',
      ...stamps,
    ],
    integers: ['deposit', 'transfer'],
    guarded: ['booked_by', 'status'],
    clientColumn: 'client_id',
  },
  {
    name: 'activities',
    columns: [
      'id',
      'client_id',
      'opportunity_id',
      'meeting_id',
      'agent_id',
      'kind',
      'at',
      'note',
      'data',
      'origin',
      ...stamps,
    ],
    clientColumn: 'client_id',
  },
  {
    name: 'texts',
    columns: [
      'id',
      'client_id',
      'opportunity_id',
      'at',
      'direction',
      'agent_id',
      'e164',
      'body',
      'template_name',
      'origin',
      ...stamps,
    ],
    clientColumn: 'client_id',
  },
  {
    name: 'chats',
    columns: ['id', 'client_id', 'agent_id', 'started_at', 'ended_at', ...stamps],
    clientColumn: 'client_id',
  },
  {
    name: 'call_log',
    columns: [
      'id',
      'direction',
      'channel',
      'remote_number',
      'client_id',
      'agent_id',
      'simulated',
      'started_at',
      'answered_at',
      'ended_at',
      'duration_s',
      'hangup_cause',
      'verdict_shown',
      'verdict_applied',
      'override_reason',
      ...stamps,
    ],
    integers: ['simulated', 'duration_s'],
    clientColumn: 'client_id',
  },
  { name: 'sms_templates', columns: ['id', 'name', 'body', 'sort', ...stamps], integers: ['sort'], deletable: true },
  {
    name: 'result_choices',
    columns: ['id', 'label_fr', 'label_en', 'maps_to_status', 'opens', 'sort', ...stamps],
    integers: ['sort'],
    deletable: true,
  },
  {
    name: 'da_tasks',
    columns: [
      'id',
      'client_id',
      'opportunity_id',
      'meeting_id',
      'kind',
      'target_agent_id',
      'created_by',
      'rule',
      'note',
      'state',
      'done_by',
      'done_at',
      ...stamps,
    ],
    guarded: ['state'],
    clientColumn: 'client_id',
  },
  {
    name: 'branches',
    columns: ['id', 'name', 'sales_reps', 'virtual_sales_group', 'sort', 'origin', ...stamps],
    integers: ['sort'],
    deletable: true,
  },
  {
    name: 'lead_treatments',
    columns: ['id', 'opportunity_id', 'agent_id', 'kind', 'head_opportunity_id', 'reason', ...stamps],
  },
];

export const SYNCED_BY_NAME: ReadonlyMap<string, SyncedTable> = new Map(SYNCED_TABLES.map((t) => [t.name, t]));

/** A row as JSON carries it: text, integers and nulls only. */
export type SyncRow = Record<string, string | number | null>;
