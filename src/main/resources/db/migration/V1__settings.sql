-- Tenant settings: one row, created with the defaults the spec gives.
CREATE TABLE settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  time_zone text NOT NULL DEFAULT 'UTC',
  time_granularity_minutes integer NOT NULL DEFAULT 15 CHECK (time_granularity_minutes IN (5, 10, 15, 30, 60)),
  max_disclosure_window_days integer NOT NULL DEFAULT 31 CHECK (max_disclosure_window_days BETWEEN 1 AND 366),
  release_hours integer NOT NULL DEFAULT 72 CHECK (release_hours BETWEEN 1 AND 720),
  max_hold_days integer NOT NULL DEFAULT 14 CHECK (max_hold_days BETWEEN 0 AND 366),
  audit_retention_days integer NOT NULL DEFAULT 400 CHECK (audit_retention_days BETWEEN 1 AND 3660),
  created_date timestamptz NOT NULL DEFAULT now(),
  created_by_user_id uuid,
  updated_date timestamptz NOT NULL DEFAULT now(),
  updated_by_user_id uuid
);

INSERT INTO settings (singleton) VALUES (true);
