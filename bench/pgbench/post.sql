\set period random(1, 1440)
BEGIN;
SELECT nextval(pg_get_serial_sequence('schedules', 'id')) AS id \gset
INSERT INTO schedule_versions (schedule_id, version, owner_id, at, action, via, token_id, token_name, note, restored_from, content) VALUES (:id, 1, :owner, extract(epoch FROM now())::int8, 'created', 'session', NULL, NULL, NULL, NULL, jsonb_build_object('name', 'bench pgbench', 'once', false, 'config', jsonb_build_object('period', 60 * :period)));
INSERT INTO schedules (id, owner_id, name, once, period, run_at, cron, timezone, until) OVERRIDING SYSTEM VALUE VALUES (:id, :owner, 'bench pgbench', false, 60 * :period, NULL, NULL, NULL, NULL);
COMMIT;
