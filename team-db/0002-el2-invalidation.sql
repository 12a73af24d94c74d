-- EL-2 (procedure 000 §2–3, « Le phone up prime sur le lead courriel »): when the e-mail an
-- unknown caller gives matches an e-mail or internet lead another agent manages, the agent who
-- took the call as a Phone-Up « met simplement ce lead courriel en INVALIDE » — the procedure
-- gives that invalidation to the agent, not to the DA. 0001 reserved every invalidation to the
-- DA, so a console's EL-2 was refused and recorded as a conflict. An agent may now set Invalide
-- BDC on an e-mail or internet lead of a client for whom they hold a Phone-Up; every other
-- invalidation (INV-0, FIN-1) and every reassignment (PU-1b) stays the DA's.
CREATE OR REPLACE FUNCTION poste_guard_opportunity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF poste_is_da() THEN RETURN NEW; END IF;
  IF NEW.status = 'invalid_bdc' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'invalid_bdc') THEN
    IF NOT (
      TG_OP = 'UPDATE'
      AND OLD.type IN ('email', 'internet')
      AND EXISTS (
        SELECT 1 FROM opportunities p
         WHERE p.client_id = NEW.client_id AND p.type = 'phone_up' AND p.manager_id = poste_agent() AND p.id <> NEW.id
      )
    ) THEN
      RAISE EXCEPTION 'only a DA sets an opportunity Invalide BDC (an agent only an e-mail lead they hold a Phone-Up for, EL-2)'
        USING ERRCODE = 'insufficient_privilege', HINT = 'INV-0';
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.manager_id IS DISTINCT FROM OLD.manager_id AND NEW.manager_id IS DISTINCT FROM poste_agent() THEN
    RAISE EXCEPTION 'only a DA reassigns an opportunity to another agent' USING ERRCODE = 'insufficient_privilege', HINT = 'PU-1b';
  END IF;
  RETURN NEW;
END $$;
