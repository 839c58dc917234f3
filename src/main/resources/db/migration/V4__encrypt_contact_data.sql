-- Personal fields are encrypted by the module (AES-256-GCM) before they reach PostgreSQL, under one data
-- key per mandate and library day. Data keys are stored only wrapped by a key-encryption key that never
-- enters the database. Destroying a day's entries destroys its key (crypto-shredding).
CREATE TABLE data_key (
  mandate_id uuid NOT NULL,
  visit_day date NOT NULL,
  kek_id text NOT NULL,
  wrapped_key bytea NOT NULL,
  PRIMARY KEY (mandate_id, visit_day)
);

CREATE INDEX data_key_kek_idx ON data_key (kek_id);

-- Snapshot builds before this migration stored contact fields in plain columns. Such entries are destroyed
-- rather than kept readable; no release ever stored them.
DELETE FROM contact_log;

ALTER TABLE contact_log
  DROP COLUMN name,
  DROP COLUMN phone,
  DROP COLUMN email,
  DROP COLUMN party_size,
  ADD COLUMN sealed bytea NOT NULL,
  ADD CONSTRAINT contact_log_data_key_fk FOREIGN KEY (mandate_id, visit_day) REFERENCES data_key (mandate_id, visit_day);
