-- Admission stamps: a visit, decline or correction is admitted on what it read of a mandate and of the settings,
-- and written only if neither row has changed since. A new random stamp is set on every INSERT and UPDATE of
-- either row, whatever column changes, so a rule added to a mandate or to the settings later needs no new check:
-- the writes compare stamps, never columns. (Random, not a counter: a mandate deleted and created again under the
-- same id must not come back with a stamp it once had, and no sequence counts changes or orders anything.)
ALTER TABLE mandate ADD COLUMN stamp uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE settings ADD COLUMN stamp uuid NOT NULL DEFAULT gen_random_uuid();

CREATE FUNCTION new_admission_stamp() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  NEW.stamp := gen_random_uuid();
  RETURN NEW;
END
$$;

CREATE TRIGGER mandate_stamp BEFORE INSERT OR UPDATE ON mandate
  FOR EACH ROW EXECUTE FUNCTION new_admission_stamp();
CREATE TRIGGER settings_stamp BEFORE INSERT OR UPDATE ON settings
  FOR EACH ROW EXECUTE FUNCTION new_admission_stamp();

-- Whether an admission still holds is a plain SQL condition in the statement that writes (AdmissionStamp.holds):
-- the mandate still carries the stamp it was read with (its row locked FOR SHARE), and the settings still carry theirs.
