SELECT count(*) FROM schedules WHERE name ILIKE :pattern AND (NULL::int8 IS NULL OR owner_id = NULL::int8) AND (NULL::bool IS NULL OR once = NULL::bool);
SELECT id, name, once, period, run_at FROM schedules WHERE (:pattern::text IS NULL OR name ILIKE :pattern) AND (NULL::int8 IS NULL OR owner_id = NULL::int8) AND (NULL::bool IS NULL OR once = NULL::bool) ORDER BY id LIMIT 10 OFFSET 0;
