-- The library's own wording of the notice per language (settings.json noticeWording): an object keyed by language
-- code, each with an optional purpose and sharing text that replaces the module's text for that language. NULL when
-- the library has set none.
ALTER TABLE settings
  ADD COLUMN notice_wording jsonb CHECK (notice_wording IS NULL OR jsonb_typeof(notice_wording) = 'object');
