-- An admission rests on one stamp: its mandate's. A change of the settings (time zone, granularity) gives every
-- mandate a new stamp in the settings' own transaction, so a visit, decline or correction admitted before it fails
-- its check exactly as one admitted before a change of its mandate does, and a write that waited on the mandate's
-- row (which it locks FOR SHARE) sees the change. Before, a write compared the settings' stamp without locking the
-- row, so a change committed while the write ran could be missed; and each write read one table more.
--
-- The settings' own stamp (V15) stays, and its trigger, unused by this version: an instance of the version before
-- still compares it while the upgrade runs. A later release drops them.

CREATE FUNCTION renew_mandate_stamps() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  -- the lock MandateStore takes to create or change a mandate (TransactionLock on "<schema>.mandate"): a mandate
  -- created while the settings change is renewed too, rather than keep a stamp read under the old settings
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || '.mandate'));
  -- the rows locked in the order of their ids, the order in which a batch of visits locks its mandates FOR SHARE,
  -- so that the two never wait for each other in a circle
  PERFORM 1 FROM mandate ORDER BY id FOR NO KEY UPDATE;
  -- the mandates' own trigger (V15) gives each a new random stamp; no other column changes
  UPDATE mandate SET stamp = gen_random_uuid();
  RETURN NULL;
END
$$;

CREATE TRIGGER settings_renew_mandate_stamps AFTER INSERT OR UPDATE OR DELETE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION renew_mandate_stamps();
