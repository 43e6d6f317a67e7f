-- Finding page N's first id descends through id-block counts. With two levels (blocks of
-- 2^8 and 2^16 ids) a middle page summed up to a few hundred rows at ten million schedules,
-- and the 2^16 level grows with the table. Four levels, 16 children each, read at most 16
-- rows per level below the top one (which has one row per 2^20 ids: 10 at ten million).
-- `level` is now the shift: a row counts the ids with `id >> level = block`.
UPDATE schedule_id_blocks SET level = 8 WHERE level = 1;
UPDATE schedule_id_blocks SET level = 16 WHERE level = 2;
INSERT INTO schedule_id_blocks (level, block, n)
SELECT 12, block >> 4, sum(n) FROM schedule_id_blocks WHERE level = 8 GROUP BY block >> 4;
INSERT INTO schedule_id_blocks (level, block, n)
SELECT 20, block >> 4, sum(n) FROM schedule_id_blocks WHERE level = 16 GROUP BY block >> 4;

CREATE OR REPLACE FUNCTION schedules_keep_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.once IS DISTINCT FROM OLD.once) THEN
        PERFORM schedules_count(NEW.owner_id, NEW.once, 1);
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.once IS DISTINCT FROM OLD.once) THEN
        PERFORM schedules_count(OLD.owner_id, OLD.once, -1);
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
