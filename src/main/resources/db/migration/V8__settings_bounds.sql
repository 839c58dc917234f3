-- Bounds that keep one person from weakening accountability alone (the same bounds as settings.json and Settings):
-- * max_hold_days 0 to 31: a pending disclosure request needs no second person, and a hold up to 366 days let it
--   keep entries a year past their destroyAfter, a second retention period;
-- * audit_retention_days 400 to 3660: the audit of every entry outlives the entry, which lives at most 366 days of
--   retention, plus its visit day, plus 31 days of hold (398 days); with 1 day the audit, including the record of
--   that very change, was gone the next day.
-- Values out of range are clamped into it, and the change is recorded in the audit like any settings change.

INSERT INTO audit_event (id, occurred_at, user_id, action, record_count, request_id, target_id, details)
SELECT gen_random_uuid(), now(), NULL, 'settings.update', 1, NULL, NULL,
       jsonb_build_object('migration', 'V8__settings_bounds',
                          'maxHoldDays', jsonb_build_object('from', max_hold_days, 'to', LEAST(max_hold_days, 31)),
                          'auditRetentionDays', jsonb_build_object('from', audit_retention_days,
                                                                   'to', GREATEST(audit_retention_days, 400)))
FROM settings
WHERE max_hold_days > 31 OR audit_retention_days < 400;

UPDATE settings
SET max_hold_days = LEAST(max_hold_days, 31),
    audit_retention_days = GREATEST(audit_retention_days, 400),
    updated_date = now(),
    updated_by_user_id = NULL
WHERE max_hold_days > 31 OR audit_retention_days < 400;

ALTER TABLE settings
  DROP CONSTRAINT settings_max_hold_days_check,
  DROP CONSTRAINT settings_audit_retention_days_check,
  ADD CONSTRAINT settings_max_hold_days_check CHECK (max_hold_days BETWEEN 0 AND 31),
  ADD CONSTRAINT settings_audit_retention_days_check CHECK (audit_retention_days BETWEEN 400 AND 3660);
