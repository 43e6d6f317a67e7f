SELECT t.id AS token_id, u.id, u.username, u.email, (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = decode(:token, 'hex') AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now());
\set period random(1, 1440)
BEGIN;
INSERT INTO schedules (owner_id, name, once, period, run_at) VALUES (:owner, 'bench pgbench', false, 60 * :period, NULL) RETURNING id;
COMMIT;
