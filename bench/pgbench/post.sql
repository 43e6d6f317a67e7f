\set period random(1, 1440)
BEGIN;
INSERT INTO schedules (owner_id, name, once, period, run_at) VALUES (:owner, 'bench pgbench', false, 60 * :period, NULL) RETURNING id;
COMMIT;
