-- Which of the fields a mandate collects a visitor may leave out. A collected field is required unless it is among
-- optional_fields or in one of the require_one_of groups (arrays of field names; of each group at least one is
-- given). The defaults keep the meaning every mandate had before: every collected field is required. Admitting a
-- visit depends on both columns, so the memo's stored-facts check compares them too (ContactLogStore).
ALTER TABLE mandate
  ADD COLUMN optional_fields text[] NOT NULL DEFAULT '{}' CHECK (optional_fields <@ collected_fields),
  ADD COLUMN require_one_of jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(require_one_of) = 'array');
