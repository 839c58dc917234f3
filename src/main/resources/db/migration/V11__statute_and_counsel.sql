-- The state's library-confidentiality statute and the library's legal counsel, in the settings (the same bounds as
-- settings.json, statute.json and legalCounsel.json); none until the library names them, so nothing changes for a
-- library that has not. Counsel is an office with its official phone and email, never a person's private data.
ALTER TABLE settings
  ADD COLUMN statute_citation text CHECK (char_length(statute_citation) BETWEEN 1 AND 500),
  ADD COLUMN statute_url text CHECK (char_length(statute_url) <= 2000 AND statute_url ~ '^https://[A-Za-z0-9.-]+'),
  ADD COLUMN counsel_office text CHECK (char_length(counsel_office) BETWEEN 1 AND 300),
  ADD COLUMN counsel_phone text CHECK (char_length(counsel_phone) BETWEEN 1 AND 50),
  ADD COLUMN counsel_email text CHECK (char_length(counsel_email) BETWEEN 3 AND 254),
  ADD CONSTRAINT settings_statute_url_needs_citation CHECK (statute_url IS NULL OR statute_citation IS NOT NULL),
  ADD CONSTRAINT settings_counsel_contact_needs_office
    CHECK ((counsel_phone IS NULL AND counsel_email IS NULL) OR counsel_office IS NOT NULL);

-- A disclosure keeps the provision its request named and a copy of the statute as configured at the time of the
-- request, so that a later change of the settings never rewrites what the second person decided on. Requests
-- recorded earlier have none.
ALTER TABLE disclosure
  ADD COLUMN statute_provision text CHECK (char_length(statute_provision) BETWEEN 1 AND 500),
  ADD COLUMN statute_citation text CHECK (char_length(statute_citation) BETWEEN 1 AND 500),
  ADD COLUMN statute_url text CHECK (char_length(statute_url) <= 2000),
  ADD CONSTRAINT disclosure_statute_url_needs_citation CHECK (statute_url IS NULL OR statute_citation IS NOT NULL);
