-- Every visit reads the data keys of the days it can fall on (a day either side of its UTC date), of all
-- mandates at once; the purge finds the keys of its due days. Both look keys up by day, which the primary
-- key (mandate_id, visit_day) cannot serve: without this index each visit read every key the tenant holds.
CREATE INDEX data_key_visit_day_idx ON data_key (visit_day);
