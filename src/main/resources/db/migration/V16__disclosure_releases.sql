-- A release of an approved disclosure is an explicit act (POST), recorded once here, so that a refetch cannot
-- release again and the transparency report counts every entry released once. A client's retry of the same release
-- (the same id) is answered from this row and not counted again. No visitor data: counts, who and when; the ids of
-- the entries released are kept only while the release window is open, so that a retry returns nothing that was not
-- counted, and the hourly purge clears them once it has closed.
CREATE TABLE disclosure_release (
  id uuid PRIMARY KEY,
  disclosure_id uuid NOT NULL REFERENCES disclosure (id) ON DELETE CASCADE,
  released_date timestamptz NOT NULL,
  released_by_user_id uuid NOT NULL,
  entries integer NOT NULL CHECK (entries >= 0),
  declines integer NOT NULL CHECK (declines >= 0),
  integrity_failures integer NOT NULL CHECK (integrity_failures >= 0),
  entry_ids uuid[]
);

CREATE INDEX disclosure_release_disclosure_idx ON disclosure_release (disclosure_id);
CREATE INDEX disclosure_release_entry_ids_idx ON disclosure_release (disclosure_id) WHERE entry_ids IS NOT NULL;
