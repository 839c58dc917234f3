-- The access audit: append-only. Who (a staff user id, never a visitor), when, what, how many.
CREATE TABLE audit_event (
  id uuid PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  user_id uuid,
  action text NOT NULL,
  record_count integer NOT NULL CHECK (record_count >= 0),
  request_id text,
  target_id uuid,
  details jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at);
CREATE INDEX audit_event_action_idx ON audit_event (action, occurred_at);

-- Updates are always refused; deletes only inside the retention purge's own transaction, which sets
-- contact_tracing.audit_purge with SET LOCAL.
CREATE FUNCTION audit_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('contact_tracing.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_append_only
  BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- The accounting of disclosures: never the released personal data, only who, to whom, why and how many.
CREATE TABLE disclosure (
  id uuid PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'refused')),
  refusal_reason text,
  recipient_type text NOT NULL CHECK (recipient_type IN ('public-health-agency', 'law-enforcement', 'other')),
  recipient_name text NOT NULL,
  recipient_contact text,
  legal_basis text NOT NULL,
  case_reference text NOT NULL,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL,
  locations text[] NOT NULL DEFAULT '{}',
  requested_by_user_id uuid NOT NULL,
  requested_date timestamptz NOT NULL,
  decision text CHECK (decision IN ('approve', 'deny')),
  decided_by_user_id uuid,
  decided_date timestamptz,
  decision_note text,
  release_expires_at timestamptz,
  release_count integer NOT NULL DEFAULT 0,
  entries_released integer,
  declines_released integer,
  last_released_date timestamptz,
  last_released_by_user_id uuid,
  CHECK (window_to > window_from),
  CHECK (decided_by_user_id IS NULL OR decided_by_user_id <> requested_by_user_id),
  CHECK (status <> 'refused' OR recipient_type <> 'public-health-agency'),
  CHECK (status NOT IN ('approved', 'denied') OR decided_by_user_id IS NOT NULL)
);

CREATE INDEX disclosure_requested_date_idx ON disclosure (requested_date);
CREATE INDEX disclosure_open_idx ON disclosure (status) WHERE status IN ('pending', 'approved');
