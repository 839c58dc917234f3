-- The register of paper visitor logs: sheets or books kept at the desk where the log is not electronic. It
-- describes sheets, never visitors: location, the library days covered, where the sheet is stored when not in use,
-- the mandate it was kept under and when it must be shredded. A shredding is recorded by the staff member who
-- shredded and a different one who witnessed it; the row stays as the destruction record.
CREATE TABLE paper_log (
  id uuid PRIMARY KEY,
  location text NOT NULL CHECK (location ~ '\A[A-Za-z0-9._-]{1,64}\Z'),
  first_day date NOT NULL,
  last_day date NOT NULL,
  -- the start of first_day and the end of last_day in the library's time zone at registration, for disclosure windows
  covered_from timestamptz NOT NULL,
  covered_until timestamptz NOT NULL,
  stored_at text NOT NULL CHECK (length(stored_at) BETWEEN 1 AND 200),
  -- no foreign key: the sheet's shredBy is fixed at registration and stays the record of what was kept
  mandate_id uuid NOT NULL,
  shred_by timestamptz NOT NULL,
  registered_date timestamptz NOT NULL,
  registered_by_user_id uuid NOT NULL,
  shredded_date timestamptz,
  shredded_by_user_id uuid,
  witnessed_by_user_id uuid,
  CHECK (first_day <= last_day AND last_day - first_day < 31),
  CHECK (covered_from < covered_until),
  CHECK ((shredded_date IS NULL AND shredded_by_user_id IS NULL AND witnessed_by_user_id IS NULL)
    OR (shredded_date IS NOT NULL AND shredded_by_user_id IS NOT NULL AND witnessed_by_user_id IS NOT NULL
      AND shredded_by_user_id <> witnessed_by_user_id))
);

CREATE INDEX paper_log_due_idx ON paper_log (shred_by) WHERE shredded_date IS NULL;
CREATE INDEX paper_log_mandate_idx ON paper_log (mandate_id) WHERE shredded_date IS NULL;

-- The purge reports paper logs past their shredBy that nobody has shredded; runs before this version knew none.
ALTER TABLE retention_run
  ADD COLUMN paper_logs_overdue integer NOT NULL DEFAULT 0,
  ADD COLUMN paper_logs_held integer NOT NULL DEFAULT 0;
