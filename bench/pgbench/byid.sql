\set id random(1, :rows)
SELECT s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until, s.tags, s.owner_id, u.username AS owner_name, s.version, extract(epoch FROM s.created_at)::int8 AS created_at, extract(epoch FROM s.updated_at)::int8 AS updated_at FROM schedules s JOIN users u ON u.id = s.owner_id WHERE s.id = :id;
