SELECT coalesce(sum(n), 0)::int8 FROM schedule_counts WHERE owner_id = coalesce(NULL::int8, 0) AND (NULL::bool IS NULL OR once = NULL::bool);
SELECT id, name, once, period, run_at FROM schedules_page_at(:offset, 10);
