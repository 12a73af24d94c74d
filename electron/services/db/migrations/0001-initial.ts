import type { Migration } from '../migrate';

/**
 * The local cache, first version. Every row has a UUID id, created_at, updated_at and its
 * origin ('local', 'demo', 'import', later 'team') so a team source can sync it. Times are
 * ISO 8601 UTC strings; they sort as text. Nothing is deleted: statuses say what happened.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent','da','analyst','supervisor')),
  extension TEXT,
  email TEXT,
  sip_uri TEXT,
  presence TEXT NOT NULL DEFAULT 'offline' CHECK (presence IN ('available','on_call','break','offline')),
  presence_at TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  origin TEXT NOT NULL DEFAULT 'local',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Weekly schedule, in the centre's time zone: weekday 0 = Sunday; minutes after midnight.
CREATE TABLE agent_shifts (
  id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (end_minute > start_minute)
) STRICT;
CREATE INDEX agent_shifts_agent ON agent_shifts(agent_id);

CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr','en')),
  cre TEXT,
  merged_into TEXT REFERENCES clients(id),
  origin TEXT NOT NULL DEFAULT 'local',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE client_phones (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(id),
  e164 TEXT NOT NULL CHECK (e164 GLOB '+[1-9]*' AND length(e164) BETWEEN 8 AND 16),
  kind TEXT NOT NULL CHECK (kind IN ('mobile','home','work')),
  sms_capable INTEGER NOT NULL DEFAULT 0 CHECK (sms_capable IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX client_phones_e164 ON client_phones(e164, client_id);
CREATE INDEX client_phones_client ON client_phones(client_id);

CREATE TABLE client_emails (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(id),
  email TEXT NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX client_emails_email ON client_emails(email, client_id);
CREATE INDEX client_emails_client ON client_emails(client_id);

CREATE TABLE opportunities (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(id),
  type TEXT NOT NULL CHECK (type IN ('internet','email','phone_up','chat','sms','financing')),
  financing_source TEXT CHECK (financing_source IN ('credsii_de','preapproval','dealertrack')),
  provider TEXT,
  provider_ref TEXT,
  department TEXT NOT NULL CHECK (department IN ('bdc','financing','service')),
  status TEXT NOT NULL CHECK (status IN ('in_progress','response_sent','contacted','lost_bdc','invalid_bdc',
    'appointment_booked','showed','lost_showroom','sold','lost_fi','sold_not_delivered','delivered','long_term','expired')),
  tag TEXT NOT NULL DEFAULT 'bronze' CHECK (tag IN ('platine','or','argent','bronze')),
  manager_id TEXT REFERENCES agents(id),
  handled_by TEXT REFERENCES agents(id),
  handled_at TEXT,
  collaborator_id TEXT REFERENCES agents(id),
  message TEXT,
  vehicle_year INTEGER,
  vehicle_make TEXT,
  vehicle_model TEXT,
  vehicle_trim TEXT,
  vehicle_stock TEXT,
  vehicle_vin TEXT,
  trade_in TEXT,
  result_label TEXT,
  result_at TEXT,
  result_by TEXT REFERENCES agents(id),
  sold_at TEXT,
  delivered_at TEXT,
  origin TEXT NOT NULL DEFAULT 'local',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX opportunities_client ON opportunities(client_id, created_at);
CREATE UNIQUE INDEX opportunities_provider_ref ON opportunities(provider, provider_ref) WHERE provider_ref IS NOT NULL;

CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  client_id TEXT NOT NULL REFERENCES clients(id),
  booked_by TEXT REFERENCES agents(id),
  at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned','no_show','showed','cancelled')),
  kind TEXT NOT NULL CHECK (kind IN ('inventory','stock','deposit','virtual','transfer')),
  subject TEXT NOT NULL,
  branch TEXT,
  language TEXT CHECK (language IN ('fr','en')),
  deposit INTEGER NOT NULL DEFAULT 0 CHECK (deposit IN (0,1)),
  deposit_method TEXT CHECK (deposit_method IN ('stripe','bdc_card','bank_transfer')),
  docusign TEXT CHECK (docusign IN ('sent','signed')),
  transfer INTEGER NOT NULL DEFAULT 0 CHECK (transfer IN (0,1)),
  virtual_device TEXT CHECK (virtual_device IN ('iphone','android')),
  sales_rep TEXT,
  description TEXT,
  origin TEXT NOT NULL DEFAULT 'local',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX meetings_client ON meetings(client_id, at);
CREATE INDEX meetings_opportunity ON meetings(opportunity_id);

CREATE TABLE activities (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(id),
  opportunity_id TEXT REFERENCES opportunities(id),
  meeting_id TEXT REFERENCES meetings(id),
  agent_id TEXT REFERENCES agents(id),
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  note TEXT,
  data TEXT CHECK (data IS NULL OR json_valid(data)),
  origin TEXT NOT NULL DEFAULT 'local',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX activities_client ON activities(client_id, at);

CREATE TABLE texts (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(id),
  opportunity_id TEXT REFERENCES opportunities(id),
  at TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in','out')),
  agent_id TEXT REFERENCES agents(id),
  e164 TEXT NOT NULL,
  body TEXT NOT NULL,
  template_name TEXT,
  origin TEXT NOT NULL DEFAULT 'local',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX texts_client ON texts(client_id, at);

CREATE TABLE chats (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  started_at TEXT NOT NULL,
  ended_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX chats_client ON chats(client_id, started_at);

CREATE TABLE call_log (
  id TEXT PRIMARY KEY,
  direction TEXT NOT NULL CHECK (direction IN ('inbound','outbound')),
  channel TEXT NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone','chat','sms')),
  remote_number TEXT NOT NULL,
  client_id TEXT REFERENCES clients(id),
  agent_id TEXT REFERENCES agents(id),
  simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0,1)),
  started_at TEXT NOT NULL,
  answered_at TEXT,
  ended_at TEXT,
  duration_s INTEGER,
  hangup_cause TEXT,
  verdict_shown TEXT CHECK (verdict_shown IS NULL OR json_valid(verdict_shown)),
  verdict_applied TEXT,
  override_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX call_log_client ON call_log(client_id, started_at);
CREATE INDEX call_log_started ON call_log(started_at);

CREATE TABLE sms_templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE result_choices (
  id TEXT PRIMARY KEY,
  label_fr TEXT NOT NULL,
  label_en TEXT NOT NULL,
  maps_to_status TEXT,
  opens TEXT CHECK (opens IS NULL OR opens IN ('booking','schedule_call')),
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- What agents tag for the DA (PU-1b, FIN-1): the DA's work list.
CREATE TABLE da_tasks (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(id),
  opportunity_id TEXT REFERENCES opportunities(id),
  meeting_id TEXT REFERENCES meetings(id),
  kind TEXT NOT NULL CHECK (kind IN ('assign','invalidate','cancel_meeting','escalate')),
  target_agent_id TEXT REFERENCES agents(id),
  created_by TEXT REFERENCES agents(id),
  rule TEXT,
  note TEXT,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','done','dismissed')),
  done_by TEXT REFERENCES agents(id),
  done_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX da_tasks_open ON da_tasks(state, created_at);

-- Search as you type over names, e-mails and phone digits. Prefix indexes make "Tre…" or
-- "514555…" a direct read instead of merging every token that starts that way (15-35 ms
-- at a million clients without them, well under 1 ms with them).
CREATE VIRTUAL TABLE client_search USING fts5(
  client_id UNINDEXED, name, emails, phones,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4 5 6 7'
);
`,
};
