SELECT coalesce(sum(n), 0)::int8 FROM schedule_counts WHERE owner_id = coalesce(NULL::int8, 0) AND (NULL::bool IS NULL OR once = NULL::bool);
SELECT id, name, once, period, run_at FROM schedules WHERE (NULL::text IS NULL OR name ILIKE NULL::text) AND (NULL::int8 IS NULL OR owner_id = NULL::int8) AND (NULL::bool IS NULL OR once = NULL::bool) ORDER BY id LIMIT 10 OFFSET 0;
