\set period random(1, 1440)
BEGIN;
INSERT INTO schedules (owner_id, name, once, period, run_at, cron, timezone, until) VALUES (:owner, 'bench pgbench', false, 60 * :period, NULL, NULL, NULL, NULL) RETURNING id;
COMMIT;
