-- Seeds the load view's benchmark database: 1,000 schedules of one user, a mix like a busy
-- team's. psql variables: owner (the user's id), version (of this file, so a changed seed
-- is re-run).
--   i % 10 in 0..3: every 15 min, 30 min, 1 h, 2 h, 6 h, 12 h or a day (anchored on minutes)
--   i % 10 in 4..7: calendar, at a quarter hour of an hour, every day or on weekdays, in
--                   Europe/Paris, America/New_York or UTC (and every 15 minutes, one in 20)
--   i % 10 in 8..9: one-time, an hour apart from 2027-01-15
\set ON_ERROR_STOP on
BEGIN;
DELETE FROM schedules;
INSERT INTO schedules (owner_id, name, once, period, run_at, cron, timezone)
SELECT :owner,
       'load-' || i || ' ' || (ARRAY['nightly backup', 'weekly report', 'sync inventory', 'purge cache', 'send digest'])[1 + i % 5],
       i % 10 >= 8,
       CASE WHEN i % 10 < 4 THEN (ARRAY[900, 1800, 3600, 7200, 21600, 43200, 86400])[1 + i % 7] END,
       CASE WHEN i % 10 < 4 THEN 1800000000 + 60 * (i % 60)
            WHEN i % 10 >= 8 THEN 1800000000 + 3600 * i END,
       CASE WHEN i % 10 BETWEEN 4 AND 7 THEN
            CASE WHEN i % 20 = 4 THEN '*/15 * * * *'
                 ELSE (15 * (i % 4)) || ' ' || (i % 24) || ' * * ' || CASE WHEN i % 3 = 0 THEN '1-5' ELSE '*' END END END,
       CASE WHEN i % 10 BETWEEN 4 AND 7 THEN (ARRAY['Europe/Paris', 'America/New_York', 'UTC'])[1 + i % 3] END
FROM generate_series(1, 1000) i;
DROP TABLE IF EXISTS bench_seed;
CREATE TABLE bench_seed (rows bigint NOT NULL, version text NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now());
INSERT INTO bench_seed (rows, version) VALUES (1000, :'version');
COMMIT;
