\set k random(1, :rows / 4)
\set id 4 * :k
BEGIN;
SELECT s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until, s.tags, s.owner_id, u.username AS owner_name, s.version, extract(epoch FROM s.created_at)::int8 AS created_at, extract(epoch FROM s.updated_at)::int8 AS updated_at FROM schedules s JOIN users u ON u.id = s.owner_id WHERE s.id = :id FOR UPDATE OF s;
UPDATE schedules s SET name = 'renamed pgbench', once = false, period = 3600, run_at = NULL, cron = NULL, timezone = NULL, until = NULL, tags = '{}', version = s.version + 1, updated_at = now() FROM users u WHERE s.id = :id AND u.id = s.owner_id RETURNING s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until, s.tags, s.owner_id, u.username AS owner_name, s.version, extract(epoch FROM s.created_at)::int8 AS created_at, extract(epoch FROM s.updated_at)::int8 AS updated_at;
INSERT INTO schedule_versions (schedule_id, version, owner_id, at, action, via, token_id, token_name, note, restored_from, content) SELECT id, version, owner_id, extract(epoch FROM now())::int8, 'updated', 'session', NULL, NULL, NULL, NULL, jsonb_build_object('name', name, 'once', once, 'config', jsonb_build_object('period', period)) FROM schedules WHERE id = :id;
COMMIT;
