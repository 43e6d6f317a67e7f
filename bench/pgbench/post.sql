\set period random(1, 1440)
BEGIN;
WITH version AS (INSERT INTO schedule_versions (schedule_id, version, owner_id, at, action, via, token_id, token_name, note, content) VALUES (nextval(pg_get_serial_sequence('schedules', 'id')), 1, :owner, extract(epoch FROM now())::int8, 'created', 'session', NULL, NULL, NULL, jsonb_build_object('name', 'bench pgbench', 'once', false, 'config', jsonb_build_object('period', 60 * :period))) RETURNING schedule_id) INSERT INTO schedules (id, owner_id, name, once, period, run_at, cron, timezone, until, tags) OVERRIDING SYSTEM VALUE SELECT schedule_id, :owner, 'bench pgbench', false, 60 * :period, NULL, NULL, NULL, NULL, '{}' FROM version RETURNING id;
COMMIT;
