-- Poste team database, version 1 (issue 9). Forward only: never edit a released file, add the next one.
-- The same entities as each console's cache (electron/services/db/migrations/0001…0003), plus for
-- every row the server-assigned change sequence `seq`, who changed it and when. Rows are keyed by
-- the cache's ids (UUIDs; the demo's agents have short ids), times are the cache's ISO 8601 text.

CREATE SEQUENCE change_seq;

-- Which login is which agent, and the agent's role for the rules the server enforces.
CREATE TABLE team_agents (
  login name PRIMARY KEY,
  agent_id text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('agent','da','analyst','supervisor'))
);

-- Every outbox row applied, by its idempotency key: a retry never applies a change twice.
CREATE TABLE applied_keys (
  key text PRIMARY KEY,
  login name NOT NULL DEFAULT session_user,
  tbl text NOT NULL,
  row_id text NOT NULL,
  result text NOT NULL DEFAULT 'applied' CHECK (result IN ('applied','lost_race','rejected')),
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- Deleted rows (merged phones, replaced shifts, removed templates), so caches drop them too.
CREATE TABLE tombstones (
  seq bigint PRIMARY KEY,
  tbl text NOT NULL,
  row_id text NOT NULL,
  changed_by text,
  changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agents (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent','da','analyst','supervisor')),
  extension text,
  email text,
  sip_uri text,
  presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('available','on_call','break','offline')),
  presence_at text,
  active integer NOT NULL DEFAULT 1,
  origin text NOT NULL DEFAULT 'local',
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE agent_shifts (
  id text PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id),
  weekday integer NOT NULL,
  start_minute integer NOT NULL,
  end_minute integer NOT NULL,
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE clients (
  id text PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  language text NOT NULL DEFAULT 'fr',
  cre text,
  merged_into text REFERENCES clients(id),
  origin text NOT NULL DEFAULT 'local',
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE client_phones (
  id text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients(id),
  e164 text NOT NULL,
  kind text NOT NULL,
  sms_capable integer NOT NULL DEFAULT 0,
  created_at text NOT NULL,
  updated_at text NOT NULL
);
CREATE INDEX client_phones_e164 ON client_phones(e164);

CREATE TABLE client_emails (
  id text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients(id),
  email text NOT NULL,
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE opportunities (
  id text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients(id),
  type text NOT NULL,
  financing_source text,
  provider text,
  provider_ref text,
  department text NOT NULL,
  status text NOT NULL CHECK (status IN ('in_progress','response_sent','contacted','lost_bdc','invalid_bdc',
    'appointment_booked','showed','lost_showroom','sold','lost_fi','sold_not_delivered','delivered','long_term','expired')),
  tag text NOT NULL DEFAULT 'bronze',
  manager_id text REFERENCES agents(id),
  handled_by text REFERENCES agents(id),
  handled_at text,
  collaborator_id text REFERENCES agents(id),
  message text,
  vehicle_year integer,
  vehicle_make text,
  vehicle_model text,
  vehicle_trim text,
  vehicle_stock text,
  vehicle_vin text,
  trade_in text,
  result_label text,
  result_at text,
  result_by text REFERENCES agents(id),
  sold_at text,
  delivered_at text,
  origin text NOT NULL DEFAULT 'local',
  created_at text NOT NULL,
  updated_at text NOT NULL
);
CREATE UNIQUE INDEX opportunities_provider_ref ON opportunities(provider, provider_ref) WHERE provider_ref IS NOT NULL;

CREATE TABLE meetings (
  id text PRIMARY KEY,
  opportunity_id text NOT NULL REFERENCES opportunities(id),
  client_id text NOT NULL REFERENCES clients(id),
  booked_by text REFERENCES agents(id),
  at text NOT NULL,
  status text NOT NULL,
  kind text NOT NULL,
  subject text NOT NULL,
  branch text,
  language text,
  deposit integer NOT NULL DEFAULT 0,
  deposit_method text,
  docusign text,
  transfer integer NOT NULL DEFAULT 0,
  virtual_device text,
  sales_rep text,
  description text,
  origin text NOT NULL DEFAULT 'local',
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE activities (
  id text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients(id),
  opportunity_id text REFERENCES opportunities(id),
  meeting_id text REFERENCES meetings(id),
  agent_id text REFERENCES agents(id),
  kind text NOT NULL,
  at text NOT NULL,
  note text,
  data text,
  origin text NOT NULL DEFAULT 'local',
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE texts (
  id text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients(id),
  opportunity_id text REFERENCES opportunities(id),
  at text NOT NULL,
  direction text NOT NULL,
  agent_id text REFERENCES agents(id),
  e164 text NOT NULL,
  body text NOT NULL,
  template_name text,
  origin text NOT NULL DEFAULT 'local',
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE chats (
  id text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients(id),
  agent_id text NOT NULL REFERENCES agents(id),
  started_at text NOT NULL,
  ended_at text,
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE call_log (
  id text PRIMARY KEY,
  direction text NOT NULL,
  channel text NOT NULL DEFAULT 'phone',
  remote_number text NOT NULL,
  client_id text REFERENCES clients(id),
  agent_id text REFERENCES agents(id),
  simulated integer NOT NULL DEFAULT 0,
  started_at text NOT NULL,
  answered_at text,
  ended_at text,
  duration_s integer,
  hangup_cause text,
  verdict_shown text,
  verdict_applied text,
  override_reason text,
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE sms_templates (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  body text NOT NULL,
  sort integer NOT NULL DEFAULT 0,
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE result_choices (
  id text PRIMARY KEY,
  label_fr text NOT NULL,
  label_en text NOT NULL,
  maps_to_status text,
  opens text,
  sort integer NOT NULL DEFAULT 0,
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE da_tasks (
  id text PRIMARY KEY,
  client_id text NOT NULL REFERENCES clients(id),
  opportunity_id text REFERENCES opportunities(id),
  meeting_id text REFERENCES meetings(id),
  kind text NOT NULL,
  target_agent_id text REFERENCES agents(id),
  created_by text REFERENCES agents(id),
  rule text,
  note text,
  state text NOT NULL DEFAULT 'open',
  done_by text REFERENCES agents(id),
  done_at text,
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE branches (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  sales_reps text NOT NULL DEFAULT '[]',
  virtual_sales_group text,
  sort integer NOT NULL DEFAULT 0,
  origin text NOT NULL DEFAULT 'local',
  created_at text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE lead_treatments (
  id text PRIMARY KEY,
  opportunity_id text NOT NULL REFERENCES opportunities(id),
  agent_id text NOT NULL REFERENCES agents(id),
  kind text NOT NULL,
  head_opportunity_id text REFERENCES opportunities(id),
  reason text,
  created_at text NOT NULL,
  updated_at text NOT NULL
);

-- The agent behind the session's login (NULL for the owner/administrator) and their role. session_user,
-- not current_user: inside these SECURITY DEFINER functions current_user is the functions' owner.
CREATE FUNCTION poste_agent() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT agent_id FROM team_agents WHERE login = session_user $$;
CREATE FUNCTION poste_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT role FROM team_agents WHERE login = session_user $$;
-- The DA and supervisors (and the administrator) may do what the rules reserve to the DA.
CREATE FUNCTION poste_is_da() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT coalesce((SELECT role IN ('da','supervisor') FROM team_agents WHERE login = session_user), true) $$;

-- Stamps every written row with the next change sequence. The transaction-level advisory lock
-- makes writers take sequences in commit order, so a reader that has seen seq N has seen every
-- change below N: the cursor never skips a change committed late.
CREATE FUNCTION poste_stamp() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(70070);
  NEW.seq := nextval('change_seq');
  NEW.changed_by := coalesce(poste_agent(), session_user::text);
  NEW.changed_at := now();
  RETURN NEW;
END $$;

CREATE FUNCTION poste_tombstone() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(70070);
  INSERT INTO tombstones (seq, tbl, row_id, changed_by) VALUES (nextval('change_seq'), TG_TABLE_NAME, OLD.id, coalesce(poste_agent(), session_user::text));
  RETURN OLD;
END $$;

-- One wake-up per transaction (identical notifications are folded at commit).
CREATE FUNCTION poste_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('poste_changes', '');
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'poste_agent') THEN
    CREATE ROLE poste_agent NOLOGIN;
  END IF;
  FOREACH t IN ARRAY ARRAY['agents','agent_shifts','clients','client_phones','client_emails','opportunities','meetings',
    'activities','texts','chats','call_log','sms_templates','result_choices','da_tasks','branches','lead_treatments'] LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN seq bigint NOT NULL DEFAULT 0, ADD COLUMN changed_by text, ADD COLUMN changed_at timestamptz', t);
    EXECUTE format('CREATE INDEX %I ON %I (seq)', t || '_seq', t);
    EXECUTE format('CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION poste_stamp()', t);
    EXECUTE format('CREATE TRIGGER tombstone AFTER DELETE ON %I FOR EACH ROW EXECUTE FUNCTION poste_tombstone()', t);
    EXECUTE format('CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT EXECUTE FUNCTION poste_notify()', t);
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO poste_agent', t);
    EXECUTE format('CREATE POLICY team_read ON %I FOR SELECT TO poste_agent USING (true)', t);
  END LOOP;
END $$;

CREATE INDEX tombstones_seq ON tombstones(seq);
GRANT SELECT ON tombstones TO poste_agent;
GRANT SELECT, INSERT ON applied_keys TO poste_agent;

-- What an agent may write. The cache's shared lists and records: anyone on the team.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['agent_shifts','clients','client_phones','client_emails','opportunities','meetings',
    'chats','sms_templates','result_choices','da_tasks','branches','lead_treatments','texts','call_log'] LOOP
    EXECUTE format('CREATE POLICY team_insert ON %I FOR INSERT TO poste_agent WITH CHECK (true)', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['agent_shifts','clients','client_phones','client_emails','opportunities','meetings',
    'chats','sms_templates','result_choices','da_tasks','branches','lead_treatments'] LOOP
    EXECUTE format('CREATE POLICY team_update ON %I FOR UPDATE TO poste_agent USING (true) WITH CHECK (true)', t);
  END LOOP;
  -- Merges drop duplicate phones and e-mails; schedules and the desk's lists are edited.
  FOREACH t IN ARRAY ARRAY['agent_shifts','client_phones','client_emails','sms_templates','result_choices','branches'] LOOP
    EXECUTE format('GRANT DELETE ON %I TO poste_agent', t);
    EXECUTE format('CREATE POLICY team_delete ON %I FOR DELETE TO poste_agent USING (true)', t);
  END LOOP;
END $$;

-- Agents: each agent publishes their own presence; the DA (or a supervisor) edits the directory.
CREATE POLICY own_insert ON agents FOR INSERT TO poste_agent WITH CHECK (poste_is_da() OR id = poste_agent());
CREATE POLICY own_update ON agents FOR UPDATE TO poste_agent USING (poste_is_da() OR id = poste_agent());

-- History is written in one's own name and never rewritten by someone else: an activity, an
-- outgoing text or a call belongs to the agent who made it (architecture: history is never
-- reconstructed). Nothing is deleted: no DELETE grant on these tables.
CREATE POLICY own_insert ON activities FOR INSERT TO poste_agent
  WITH CHECK (agent_id IS NULL OR agent_id = poste_agent() OR poste_is_da());
CREATE POLICY own_update ON activities FOR UPDATE TO poste_agent USING (agent_id = poste_agent());
CREATE POLICY own_update ON texts FOR UPDATE TO poste_agent USING (agent_id = poste_agent());
CREATE POLICY own_update ON call_log FOR UPDATE TO poste_agent USING (agent_id = poste_agent());

-- What the rules reserve to the DA: invalidating an OPP (Invalide BDC, INV-0 / EL-2 / FIN-1 "DA
-- invalidates") and reassigning it to someone else (PU-1b "the DA gives it to M"). An agent may
-- still take an OPP in their own name (PU-2, NL-1b, LOST-1, EL-1).
CREATE FUNCTION poste_guard_opportunity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF poste_is_da() THEN RETURN NEW; END IF;
  IF NEW.status = 'invalid_bdc' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'invalid_bdc') THEN
    RAISE EXCEPTION 'only a DA sets an opportunity Invalide BDC' USING ERRCODE = 'insufficient_privilege', HINT = 'INV-0';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.manager_id IS DISTINCT FROM OLD.manager_id AND NEW.manager_id IS DISTINCT FROM poste_agent() THEN
    RAISE EXCEPTION 'only a DA reassigns an opportunity to another agent' USING ERRCODE = 'insufficient_privilege', HINT = 'PU-1b';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER guard BEFORE INSERT OR UPDATE ON opportunities FOR EACH ROW EXECUTE FUNCTION poste_guard_opportunity();
