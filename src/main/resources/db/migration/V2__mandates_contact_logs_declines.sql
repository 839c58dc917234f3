-- Mandates: the legal basis for logging. Configuration, not visitor data; the staff user ids in the
-- metadata columns are who recorded the mandate.
CREATE TABLE mandate (
  id uuid PRIMARY KEY,
  authority_type text NOT NULL CHECK (authority_type IN ('law', 'public-health-agency', 'elected-official')),
  authority_name text NOT NULL,
  reference text NOT NULL,
  effective_from date NOT NULL,
  effective_until date,
  review_by date NOT NULL,
  collected_fields text[] NOT NULL CHECK (cardinality(collected_fields) > 0),
  retention_days integer NOT NULL CHECK (retention_days BETWEEN 1 AND 366),
  locations text[] NOT NULL DEFAULT '{}',
  created_date timestamptz NOT NULL,
  created_by_user_id uuid,
  updated_date timestamptz NOT NULL,
  updated_by_user_id uuid,
  CHECK (effective_until IS NULL OR effective_until >= effective_from)
);

-- One visit. Deliberately without any link to users, loans or items, without the staff member who
-- recorded it and without an exact creation time: only the coarse time bucket is kept, so an entry
-- cannot be joined with circulation data.
CREATE TABLE contact_log (
  id uuid PRIMARY KEY,
  mandate_id uuid NOT NULL REFERENCES mandate (id),
  location text NOT NULL,
  visit_day date NOT NULL,
  visited_bucket timestamptz NOT NULL,
  bucket_minutes integer NOT NULL CHECK (bucket_minutes IN (5, 10, 15, 30, 60)),
  destroy_after timestamptz NOT NULL,
  name text,
  phone text,
  email text,
  party_size integer
);

CREATE INDEX contact_log_location_bucket_idx ON contact_log (location, visited_bucket);
CREATE INDEX contact_log_bucket_idx ON contact_log (visited_bucket);
CREATE INDEX contact_log_destroy_after_idx ON contact_log (destroy_after);
CREATE INDEX contact_log_mandate_idx ON contact_log (mandate_id);

-- People who declined and were served: a count per location and time bucket, nothing else.
CREATE TABLE decline_count (
  location text NOT NULL,
  visited_bucket timestamptz NOT NULL,
  bucket_minutes integer NOT NULL CHECK (bucket_minutes IN (5, 10, 15, 30, 60)),
  declined integer NOT NULL CHECK (declined > 0),
  destroy_after timestamptz NOT NULL,
  PRIMARY KEY (location, visited_bucket)
);

CREATE INDEX decline_count_bucket_idx ON decline_count (visited_bucket);
CREATE INDEX decline_count_destroy_after_idx ON decline_count (destroy_after);
