-- Who fired each purge run: Okapi's _timer sends no user, Eureka's mod-scheduler its system user (X-Okapi-User-Id,
-- set by the sidecar from the token). Runs recorded before this version did not say, and keep NULL in both.
ALTER TABLE retention_run
  ADD COLUMN fired_by text,
  ADD COLUMN fired_by_user_id uuid,
  ADD CONSTRAINT retention_run_fired_by CHECK (
    (fired_by IS NULL AND fired_by_user_id IS NULL)
    OR (fired_by = 'okapi-timer' AND fired_by_user_id IS NULL)
    OR (fired_by = 'system-user' AND fired_by_user_id IS NOT NULL));
