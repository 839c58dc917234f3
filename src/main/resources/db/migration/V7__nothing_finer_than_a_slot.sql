-- Nothing in the schema may tie an entry to a moment finer than its slot, or to the staff member who recorded
-- it; and destruction must reach the relation files. See PERSONAL_DATA_DISCLOSURE.md.

-- Whether the hourly purge has counted the entry for the audit's recording counts. Until then the entry keeps
-- the transaction id and the place in its partition that its INSERT gave it; the purge rewrites the day's
-- partition (in random order within each slot, under its own transaction id) and counts the closed slots.
-- Entries stored before this version were each recorded by an audit event of their own, which is folded into
-- daily counts below: they count as counted.
ALTER TABLE contact_log ADD COLUMN counted boolean NOT NULL DEFAULT true;
ALTER TABLE contact_log ALTER COLUMN counted SET DEFAULT false;
CREATE INDEX contact_log_uncounted_idx ON contact_log (visit_day) WHERE NOT counted;

-- A data key created by a visit carries that visit's transaction id until the purge rewrites the table.
ALTER TABLE data_key ADD COLUMN settled boolean NOT NULL DEFAULT false;

-- Relations whose dead rows still hold destroyed data (an entry deleted or corrected by staff, a data key
-- destroyed with a day's last entry): the purge rewrites them. Written in the transaction of the deletion or
-- correction, which is audited per entry anyway.
CREATE TABLE pending_erasure (
  relation text NOT NULL CHECK (relation IN ('contact_log', 'data_key')),
  visit_day date NOT NULL,
  PRIMARY KEY (relation, visit_day)
);

-- ANALYZE keeps samples of a column's values in pg_statistic, a catalog the purge cannot rewrite: never for the
-- ciphertext or the wrapped keys. (Recursive: every existing partition too; new ones below.)
ALTER TABLE contact_log ALTER COLUMN sealed SET STATISTICS 0;
ALTER TABLE data_key ALTER COLUMN wrapped_key SET STATISTICS 0;

-- The partition creator of V5, now also keeping the new partition's ciphertext out of pg_statistic.
CREATE OR REPLACE FUNCTION contact_log_partition(day date) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  partition text := contact_log_partition_name(day);
BEGIN
  IF to_regclass(quote_ident(partition)) IS NOT NULL THEN
    RETURN;
  END IF;
  LOCK TABLE data_key, mandate IN SHARE ROW EXCLUSIVE MODE;
  LOCK TABLE contact_log IN SHARE UPDATE EXCLUSIVE MODE;
  IF to_regclass(quote_ident(partition)) IS NOT NULL THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE contact_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition);
  EXECUTE format('ALTER TABLE %I ALTER COLUMN sealed SET STATISTICS 0', partition);
  EXECUTE format('ALTER TABLE contact_log ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
    partition, day, day + 1);
END
$$;

-- Every day's partition that exists now is rewritten by the first purge, so no entry keeps its order.
INSERT INTO pending_erasure (relation, visit_day) SELECT DISTINCT 'contact_log', visit_day FROM contact_log;

-- One row per purge run, so that an operator sees without reading logs when the last run finished, what it
-- destroyed and whether anything due or physically undestroyed remains.
CREATE TABLE retention_run (
  id uuid PRIMARY KEY,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  contact_logs_destroyed integer NOT NULL,
  data_keys_destroyed integer NOT NULL,
  decline_counts_destroyed integer NOT NULL,
  audit_events_destroyed integer NOT NULL,
  contact_logs_counted integer NOT NULL,
  contact_logs_held integer NOT NULL,
  contact_logs_overdue integer NOT NULL,
  erasure_pending date[] NOT NULL DEFAULT '{}',
  data_key_erasure_pending boolean NOT NULL DEFAULT false
);

CREATE INDEX retention_run_finished_idx ON retention_run (finished_at);

-- Earlier versions wrote one contact-log.create event per entry, with its id, the exact moment and the staff
-- member: folded into one event per day and replaced, and the table rewritten so that the old events are not
-- left behind as dead rows in its files.
SELECT set_config('contact_tracing.audit_purge', 'on', true);

INSERT INTO audit_event (id, occurred_at, user_id, action, record_count, request_id, target_id, details)
  SELECT gen_random_uuid(), date_trunc('day', occurred_at, 'UTC'), NULL, 'contact-log.create', count(*), NULL, NULL,
      jsonb_build_object('foldedPerDay', true)
    FROM audit_event WHERE action = 'contact-log.create'
    GROUP BY date_trunc('day', occurred_at, 'UTC');

DELETE FROM audit_event WHERE action = 'contact-log.create' AND NOT details ? 'foldedPerDay';

SELECT set_config('contact_tracing.audit_purge', 'off', true);

-- A rewrite by ALTER TABLE copies only the rows this transaction sees into new files; the old files go at
-- commit. (VACUUM, even FULL, keeps rows an older snapshot may still see, and leaves bytes in freed space.)
ALTER TABLE audit_event ALTER COLUMN action TYPE text USING action || '';

-- Rewrites data_key into new files: only the keys that exist, all under this transaction's id; the old files,
-- with any destroyed key's wrapped bytes in dead rows, are removed at commit. False when another transaction
-- holds a lock on the table (the purge tries again in its next run).
CREATE FUNCTION rewrite_data_key() RETURNS boolean
LANGUAGE plpgsql SET search_path FROM CURRENT SET lock_timeout = '1s' AS $$
BEGIN
  LOCK TABLE data_key IN ACCESS EXCLUSIVE MODE;
  ALTER TABLE data_key ALTER COLUMN settled TYPE boolean USING true;
  DELETE FROM pending_erasure WHERE relation = 'data_key';
  RETURN true;
EXCEPTION WHEN lock_not_available THEN
  RETURN false;
END
$$;

-- Rewrites a day's partition into new files, holding only the entries that exist, ordered by slot and at
-- random within a slot, all under this transaction's id; TRUNCATE gives the partition and its indexes new
-- files and removes the old ones at commit, whatever older snapshots exist. Entries of slots that ended by
-- "closed_by" are counted: the answer is the number counted per location and slot. NULL when another
-- transaction holds a lock on the partition (the purge tries again in its next run).
CREATE FUNCTION settle_contact_log_partition(day date, closed_by timestamptz)
RETURNS TABLE (location text, visited_bucket timestamptz, bucket_minutes integer, counted bigint)
LANGUAGE plpgsql SET search_path FROM CURRENT SET lock_timeout = '1s' AS $$
DECLARE
  partition text := contact_log_partition_name(day);
BEGIN
  IF to_regclass(quote_ident(partition)) IS NULL THEN
    DELETE FROM pending_erasure e WHERE e.relation = 'contact_log' AND e.visit_day = day;
    RETURN;
  END IF;
  BEGIN
    EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', partition);
  EXCEPTION WHEN lock_not_available THEN
    location := NULL;
    visited_bucket := NULL;
    bucket_minutes := NULL;
    counted := NULL;
    RETURN NEXT;
    RETURN;
  END;
  DROP TABLE IF EXISTS pg_temp.settling;
  EXECUTE format('CREATE TEMP TABLE settling ON COMMIT DROP AS SELECT * FROM %I', partition);
  EXECUTE format('TRUNCATE %I', partition);
  EXECUTE format('INSERT INTO %I (id, mandate_id, location, visit_day, visited_bucket, bucket_minutes,'
      ' destroy_after, sealed, counted) SELECT s.id, s.mandate_id, s.location, s.visit_day, s.visited_bucket,'
      ' s.bucket_minutes, s.destroy_after, s.sealed,'
      ' s.counted OR s.visited_bucket + make_interval(mins => s.bucket_minutes) <= $1'
      ' FROM pg_temp.settling s ORDER BY s.visited_bucket, random()', partition) USING closed_by;
  DELETE FROM pending_erasure e WHERE e.relation = 'contact_log' AND e.visit_day = day;
  RETURN QUERY SELECT s.location, s.visited_bucket, s.bucket_minutes, count(*)
    FROM pg_temp.settling s
    WHERE NOT s.counted AND s.visited_bucket + make_interval(mins => s.bucket_minutes) <= closed_by
    GROUP BY s.location, s.visited_bucket, s.bucket_minutes;
  DROP TABLE pg_temp.settling;
END
$$;

-- Dropping a day's partition locks the whole log; when another transaction holds it, give up at once and let
-- the purge delete the day's rows instead (the partition, empty, goes in a later run).
CREATE OR REPLACE FUNCTION drop_contact_log_partition(day date, due timestamptz, expected bigint) RETURNS boolean
LANGUAGE plpgsql SET search_path FROM CURRENT SET lock_timeout = '1s' AS $$
DECLARE
  partition text := contact_log_partition_name(day);
  unchanged boolean;
BEGIN
  IF to_regclass(quote_ident(partition)) IS NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('LOCK TABLE %I IN ACCESS EXCLUSIVE MODE', partition);
  EXECUTE format('SELECT count(*) = $1 AND coalesce(bool_and(destroy_after <= $2), true) FROM %I', partition)
    INTO unchanged USING expected, due;
  IF NOT unchanged THEN
    RETURN false;
  END IF;
  EXECUTE format('DROP TABLE %I', partition);
  DELETE FROM pending_erasure e WHERE e.relation = 'contact_log' AND e.visit_day = day;
  RETURN true;
EXCEPTION WHEN lock_not_available THEN
  RETURN false;
END
$$;

-- Drops the partitions of days before "keep_from" that hold no entry, such as a day whose entries were all
-- deleted, or one created ahead that nobody visited. The log's lock is taken only when there is one to drop,
-- and given up at once when another transaction holds the log. Answers how many were dropped.
CREATE FUNCTION drop_empty_contact_log_partitions(keep_from date) RETURNS integer
LANGUAGE plpgsql SET search_path FROM CURRENT SET lock_timeout = '1s' AS $$
DECLARE
  partition text;
  empty boolean;
  empties text[] := '{}';
BEGIN
  FOR partition IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'contact_log'::regclass AND c.relname < contact_log_partition_name(keep_from)
  LOOP
    EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %I)', partition) INTO empty;
    IF empty THEN
      empties := empties || partition;
    END IF;
  END LOOP;
  IF cardinality(empties) = 0 THEN
    RETURN 0;
  END IF;
  LOCK TABLE data_key, mandate IN SHARE ROW EXCLUSIVE MODE;
  LOCK TABLE contact_log IN ACCESS EXCLUSIVE MODE;
  FOREACH partition IN ARRAY empties LOOP
    EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %I)', partition) INTO empty;
    IF empty THEN
      EXECUTE format('DROP TABLE %I', partition);
      DELETE FROM pending_erasure e
        WHERE e.relation = 'contact_log' AND contact_log_partition_name(e.visit_day) = partition;
    END IF;
  END LOOP;
  RETURN cardinality(empties);
EXCEPTION WHEN lock_not_available THEN
  RETURN 0;
END
$$;
