SELECT coalesce(sum(n), 0)::int8 FROM schedule_tag_counts WHERE owner_id = coalesce(NULL::int8, 0) AND tag = :tag AND (NULL::bool IS NULL OR (kind = 2) = NULL::bool) AND (NULL::int2 IS NULL OR kind = NULL::int2);
SELECT id, name, once, period, run_at, cron, timezone, until, tags FROM schedules_tagged_page(:tag, 0, 10);
