-- Earlier versions bound an entry's ciphertext to the entry id alone, so whoever could write to the database could
-- move a visit to another location or slot, or extend its retention, undetected. From this version on it is bound to
-- the entry's mandate, location and slot, with its destroyAfter sealed inside, and nothing else is accepted when an
-- entry is read. The tenant job re-seals the earlier entries after this migration, in the module, which alone holds
-- the key-encryption key; this row says that it still has to, and is deleted once it has. Only while it exists does
-- anything open a ciphertext bound to the id alone.
CREATE TABLE entry_seal_upgrade (
  pending boolean PRIMARY KEY CHECK (pending)
);

INSERT INTO entry_seal_upgrade (pending) VALUES (true);
