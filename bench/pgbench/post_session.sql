SELECT u.id, u.username, u.email, s.last_seen_at < now() - interval '1 minute' AS stale FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = decode(:session, 'hex') AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => 604800);
\set period random(1, 1440)
BEGIN;
INSERT INTO schedules (owner_id, name, once, period, run_at) VALUES (:owner, 'bench pgbench', false, 60 * :period, NULL) RETURNING id;
COMMIT;
