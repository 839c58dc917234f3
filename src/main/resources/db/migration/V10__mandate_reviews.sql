-- Check-ins with the authority about when logging can stop, one row per review of a mandate. Configuration, not
-- visitor data: the authority's contact is named by name and role as an official of the authority, with no contact
-- details; created_by_user_id is the staff member who recorded the review. A review goes with its mandate, which can
-- only be deleted while nothing was logged under it.
CREATE TABLE mandate_review (
  id uuid PRIMARY KEY,
  mandate_id uuid NOT NULL REFERENCES mandate (id) ON DELETE CASCADE,
  reviewed_on date NOT NULL,
  contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 200),
  contact_role text NOT NULL CHECK (length(contact_role) BETWEEN 1 AND 200),
  outcome text NOT NULL CHECK (outcome IN ('continue', 'amend', 'end')),
  next_review_by date,
  end_on date,
  note text CHECK (length(note) <= 2000),
  created_date timestamptz NOT NULL,
  created_by_user_id uuid,
  -- end sets the mandate's last day; continue and amend set when to check in next, after this review
  CHECK ((outcome = 'end') = (end_on IS NOT NULL)),
  CHECK ((outcome <> 'end') = (next_review_by IS NOT NULL)),
  CHECK (next_review_by IS NULL OR next_review_by > reviewed_on)
);

CREATE INDEX mandate_review_mandate_idx ON mandate_review (mandate_id, reviewed_on);
CREATE INDEX mandate_review_reviewed_on_idx ON mandate_review (reviewed_on);
