-- Seeds a benchmark database with :rows schedules spread over four owners, fast: one
-- INSERT ... SELECT over generate_series with the tally trigger off, secondary indexes
-- built afterwards, then the tallies computed in one pass each.
-- psql variables: rows (how many), owner (the user id that logs in; owns every 4th row),
-- version (of this file, so a changed seed is re-run).
\set ON_ERROR_STOP on
SET maintenance_work_mem = '512MB';

INSERT INTO users (username, email, password_hash)
SELECT 'bench-owner-' || n, 'bench-owner-' || n || '@example.com', '!not-a-password-hash'
FROM generate_series(1, 3) n
ON CONFLICT DO NOTHING;

BEGIN;
TRUNCATE schedules, schedule_counts, schedule_tag_counts, schedule_tag_ids, schedule_id_blocks, idempotency_keys, schedule_versions, deleted_schedules;
ALTER SEQUENCE schedules_id_seq RESTART WITH 1;
ALTER TABLE schedules DISABLE TRIGGER schedules_keep_tallies;
ALTER TABLE schedules DISABLE TRIGGER schedules_tags_inserted;
DROP INDEX schedules_owner_id, schedules_once, schedules_kind, schedules_tags;
DROP INDEX IF EXISTS schedules_name_trgm;

-- The owners, the user who logs in first.
SELECT array_agg(id ORDER BY id <> :owner, id) AS owners
FROM (SELECT id FROM users WHERE id = :owner OR username LIKE 'bench-owner-%' ORDER BY id <> :owner, id LIMIT 4) o
\gset

-- Row i belongs to owner slot i % 4 (slot 0: the user who logs in); every third row runs
-- once; of the others, one in ten is a calendar schedule (weekdays at a time in Paris);
-- names read like real jobs and are unique ("job-<i> ..."), so a search for one job
-- number matches a handful of rows at any size. Every other row has a team tag (one of 8:
-- team-0 holds a sixteenth of the table), and one in a thousand is tagged billing.
INSERT INTO schedules (owner_id, name, once, period, run_at, cron, timezone, tags)
SELECT (:'owners'::bigint[])[1 + i % 4],
       'job-' || i || ' ' || (ARRAY['nightly backup', 'weekly report', 'sync inventory', 'purge cache', 'send digest'])[1 + i % 5],
       i % 3 = 0,
       CASE WHEN i % 3 = 0 OR i % 10 = 1 THEN NULL ELSE 60 * (1 + i % 1440) END,
       CASE WHEN i % 3 = 0 OR i % 2 = 0 THEN 1800000000 + i ELSE NULL END,
       CASE WHEN i % 3 <> 0 AND i % 10 = 1 THEN (i % 60) || ' ' || (i % 24) || ' * * 1-5' END,
       CASE WHEN i % 3 <> 0 AND i % 10 = 1 THEN 'Europe/Paris' END,
       CASE WHEN i % 1000 = 7 THEN ARRAY['billing', 'team-' || (i / 2 % 8)]
            WHEN i % 2 = 0 THEN ARRAY['team-' || (i / 2 % 8)]
            ELSE '{}' END
FROM generate_series(1, :rows) i
ORDER BY i;

ALTER TABLE schedules ENABLE TRIGGER schedules_keep_tallies;
ALTER TABLE schedules ENABLE TRIGGER schedules_tags_inserted;
CREATE INDEX schedules_tags ON schedules USING gin (tags);
CREATE INDEX schedules_owner_id ON schedules (owner_id, id);
CREATE INDEX schedules_once ON schedules (once, id);
CREATE INDEX schedules_kind ON schedules (kind, id);
DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX schedules_name_trgm ON schedules USING gin (name gin_trgm_ops);
    END IF;
END $$;
INSERT INTO schedule_counts (owner_id, kind, slot, n) SELECT 0, kind, 0, count(*) FROM schedules GROUP BY kind;
INSERT INTO schedule_counts (owner_id, kind, slot, n)
SELECT owner_id, kind, 0, count(*) FROM schedules GROUP BY owner_id, kind;
INSERT INTO schedule_tag_counts (owner_id, tag, kind, slot, n)
SELECT 0, tag, kind, (id % 16)::smallint, count(*) FROM schedules, unnest(tags) tag GROUP BY 2, 3, 4;
INSERT INTO schedule_tag_counts (owner_id, tag, kind, slot, n)
SELECT owner_id, tag, kind, 0, count(*) FROM schedules, unnest(tags) tag GROUP BY 1, 2, 3;
INSERT INTO schedule_tag_ids (tag, id) SELECT tag, id FROM schedules, unnest(tags) tag ORDER BY 1, 2;
INSERT INTO schedule_id_blocks
SELECT level, id >> level, count(*) FROM schedules, unnest(ARRAY[8, 12, 16, 20]) level
GROUP BY level, id >> level ORDER BY level, id >> level;

-- Every schedule has its first version, as the history migration (0006) gives the rows it
-- finds: the history table is as large as it would be in use.
ALTER TABLE schedule_versions DROP CONSTRAINT schedule_versions_pkey;
INSERT INTO schedule_versions (schedule_id, version, owner_id, at, action, via, content)
SELECT id, version, owner_id, extract(epoch FROM updated_at)::int8, 'created', 'migration',
       jsonb_build_object('name', name, 'once', once, 'config', jsonb_strip_nulls(jsonb_build_object(
           'period', period, 'timestamp', run_at, 'cron', cron, 'timezone', timezone, 'until', until)))
       || CASE WHEN tags <> '{}' THEN jsonb_build_object('tags', tags) ELSE '{}' END
FROM schedules ORDER BY id;
ALTER TABLE schedule_versions ADD PRIMARY KEY (schedule_id, version);

DROP TABLE IF EXISTS bench_seed;
CREATE TABLE bench_seed (rows bigint NOT NULL, version text NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now());
INSERT INTO bench_seed (rows, version) VALUES (:rows, :'version');
COMMIT;

VACUUM ANALYZE;
