-- Calendar schedules ("every weekday at 09:00 in Paris") and an end for recurring ones.
--
-- config.cron, config.timezone and config.until get columns of their own, with the rules
-- of src/schedules/validate.rs that SQL can state. What it cannot (that an expression
-- parses and runs, that a zone is in the time-zone database) the service checks before
-- every write.

ALTER TABLE schedules
    ADD COLUMN cron text
        CHECK (char_length(cron) BETWEEN 1 AND 200 AND cron !~ '[\u0001-\u001f\u007f-\u009f]'),
    ADD COLUMN timezone text
        CHECK (char_length(timezone) BETWEEN 1 AND 64 AND timezone ~ '^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$'),
    ADD COLUMN until bigint CHECK (until BETWEEN 946684800 AND 253402300799),
    -- 0 interval, 1 calendar, 2 one-time: what the `kind` filter and its tallies use.
    ADD COLUMN kind smallint NOT NULL
        GENERATED ALWAYS AS ((CASE WHEN once THEN 2 WHEN cron IS NOT NULL THEN 1 ELSE 0 END)::smallint) STORED;

ALTER TABLE schedules
    DROP CONSTRAINT schedules_config_matches_kind,
    ADD CONSTRAINT schedules_config_matches_kind CHECK (
        (once AND run_at IS NOT NULL AND period IS NULL AND cron IS NULL AND timezone IS NULL AND until IS NULL)
        OR (NOT once AND period IS NOT NULL AND cron IS NULL AND timezone IS NULL)
        OR (NOT once AND cron IS NOT NULL AND period IS NULL)
    ),
    ADD CONSTRAINT schedules_until_after_start CHECK (until IS NULL OR run_at IS NULL OR until > run_at);

CREATE INDEX schedules_kind ON schedules (kind, id);

-- The tallies count by kind instead of by `once` (one-time is kind 2; `once=0` sums
-- kinds 0 and 1). No calendar schedule exists yet, so every recurring tally is interval.
ALTER TABLE schedule_counts ADD COLUMN kind smallint;
UPDATE schedule_counts SET kind = CASE WHEN once THEN 2 ELSE 0 END;
ALTER TABLE schedule_counts DROP CONSTRAINT schedule_counts_pkey;
ALTER TABLE schedule_counts DROP COLUMN once;
ALTER TABLE schedule_counts ALTER COLUMN kind SET NOT NULL, ADD PRIMARY KEY (owner_id, kind, slot);

DROP FUNCTION schedules_count(bigint, boolean, integer);
-- A slot of the totals may go negative on delete: only the sum over slots is meaningful.
CREATE FUNCTION schedules_count(p_owner bigint, p_kind smallint, delta integer) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO schedule_counts AS c (owner_id, kind, slot, n) VALUES
        (0, p_kind, floor(random() * 16)::smallint, delta),
        (p_owner, p_kind, 0, delta)
    ON CONFLICT (owner_id, kind, slot) DO UPDATE SET n = c.n + excluded.n;
$$;

CREATE OR REPLACE FUNCTION schedules_keep_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.kind IS DISTINCT FROM OLD.kind) THEN
        PERFORM schedules_count(NEW.owner_id, NEW.kind, 1);
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.kind IS DISTINCT FROM OLD.kind) THEN
        PERFORM schedules_count(OLD.owner_id, OLD.kind, -1);
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO schedule_id_blocks AS b
        VALUES (8, NEW.id >> 8, 1), (12, NEW.id >> 12, 1), (16, NEW.id >> 16, 1), (20, NEW.id >> 20, 1)
        ON CONFLICT (level, block) DO UPDATE SET n = b.n + 1;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE schedule_id_blocks SET n = n - 1
        WHERE (level, block) IN ((8::smallint, OLD.id >> 8), (12::smallint, OLD.id >> 12),
                                 (16::smallint, OLD.id >> 16), (20::smallint, OLD.id >> 20));
    END IF;
    RETURN NULL;
END
$$;

-- A change of kind (once, or cron appearing or going) moves a schedule between tallies.
DROP TRIGGER schedules_keep_tallies ON schedules;
CREATE TRIGGER schedules_keep_tallies
    AFTER INSERT OR DELETE OR UPDATE OF once, cron ON schedules
    FOR EACH ROW EXECUTE FUNCTION schedules_keep_tallies();

-- The page walk returns the new columns too.
DROP FUNCTION schedules_page_at(bigint, bigint);
CREATE FUNCTION schedules_page_at(p_position bigint, p_size bigint)
RETURNS TABLE (id bigint, name text, once boolean, period integer, run_at bigint, cron text, timezone text, until bigint)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH RECURSIVE descend(level, block, before) AS (
        SELECT * FROM (
            SELECT 20, top.block, top.cum - top.n FROM (
                SELECT b.block, b.n, sum(b.n) OVER (ORDER BY b.block) AS cum
                FROM schedule_id_blocks b WHERE b.level = 20
            ) top WHERE top.cum > p_position ORDER BY top.block LIMIT 1
        ) t
      UNION ALL
        SELECT child.* FROM descend d, LATERAL (
            SELECT d.level - 4, c.block, d.before + c.cum - c.n FROM (
                SELECT b.block, b.n, sum(b.n) OVER (ORDER BY b.block) AS cum
                FROM schedule_id_blocks b
                WHERE b.level = d.level - 4 AND b.block >= d.block << 4 AND b.block < (d.block + 1) << 4
            ) c WHERE d.before + c.cum > p_position ORDER BY c.block LIMIT 1
        ) child WHERE d.level > 8
    ), first AS (
        SELECT s.id FROM descend d, LATERAL (
            SELECT s.id FROM schedules s WHERE s.id >= d.block << 8 ORDER BY s.id OFFSET p_position - d.before LIMIT 1
        ) s WHERE d.level = 8
    )
    SELECT s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until
    FROM first, LATERAL (
        SELECT s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until FROM schedules s
        WHERE s.id >= first.id ORDER BY s.id LIMIT p_size
    ) s;
END
$$;
