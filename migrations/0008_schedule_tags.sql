-- Tags (issue #25): a schedule carries 0 to 20, each 1 to 50 characters of a-z, 0-9 and
-- - _ . : /, each once. src/schedules/tags.rs states the same rules for clients (and
-- lower-cases and sorts what they send); here they hold whatever writes.
--
-- The list's `tag` filter finds tagged schedules through a GIN index, and counts one tag's
-- schedules (with the kind, `once` and `mine` filters) from tallies a trigger keeps, as
-- schedule_counts does for the kinds, so a count never counts rows.

ALTER TABLE schedules ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

CREATE FUNCTION schedule_tags_obey_the_rules(tags text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT cardinality(tags) <= 20
       AND coalesce(array_ndims(tags), 1) = 1
       AND NOT EXISTS (SELECT 1 FROM unnest(tags) t WHERE t IS NULL OR t !~ '^[a-z0-9_.:/-]{1,50}$')
       AND (SELECT count(DISTINCT t) FROM unnest(tags) t) = cardinality(tags)
$$;
ALTER TABLE schedules ADD CONSTRAINT schedules_tags_obey_the_rules CHECK (schedule_tags_obey_the_rules(tags));

CREATE INDEX schedules_tags ON schedules USING gin (tags);

-- How many schedules carry each tag, by kind. owner_id 0 holds everyone's, spread over 16
-- slots by the schedule's id (so concurrent writes of one tag rarely wait for each other,
-- and no slot goes below zero); each owner has one slot. Rows that reach 0 are removed by
-- the server's hourly clean-up.
CREATE TABLE schedule_tag_counts (
    owner_id bigint   NOT NULL,
    tag      text     NOT NULL,
    kind     smallint NOT NULL,
    slot     smallint NOT NULL,
    n        bigint   NOT NULL,
    PRIMARY KEY (owner_id, tag, kind, slot)
);

-- One statement for what a write takes away and adds, its rows in key order: two writes
-- that swap tags between schedules lock the tallies in the same order, so never deadlock.
-- A write that changes neither tags nor kind touches no tally.
CREATE FUNCTION schedules_keep_tag_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    WITH written (owner_id, id, kind, tags, delta) AS (
        SELECT OLD.owner_id, OLD.id, OLD.kind, OLD.tags, -1 WHERE TG_OP <> 'INSERT'
        UNION ALL
        SELECT NEW.owner_id, NEW.id, NEW.kind, NEW.tags, 1 WHERE TG_OP <> 'DELETE'
    ), tallies AS (
        SELECT o.owner_id, t.tag, w.kind, o.slot, sum(w.delta)::int8 AS n
        FROM written w
        CROSS JOIN LATERAL unnest(w.tags) t(tag)
        CROSS JOIN LATERAL (VALUES (0::int8, (w.id % 16)::int2), (w.owner_id, 0::int2)) o(owner_id, slot)
        GROUP BY 1, 2, 3, 4
        HAVING sum(w.delta) <> 0
    )
    INSERT INTO schedule_tag_counts AS c (owner_id, tag, kind, slot, n)
    SELECT * FROM tallies ORDER BY owner_id, tag, kind, slot
    ON CONFLICT (owner_id, tag, kind, slot) DO UPDATE SET n = c.n + excluded.n;
    RETURN NULL;
END
$$;

CREATE TRIGGER schedules_keep_tag_tallies
    AFTER INSERT OR DELETE OR UPDATE OF tags, once, cron ON schedules
    FOR EACH ROW EXECUTE FUNCTION schedules_keep_tag_tallies();

-- The page walk returns the tags too.
DROP FUNCTION schedules_page_at(bigint, bigint);
CREATE FUNCTION schedules_page_at(p_position bigint, p_size bigint)
RETURNS TABLE (id bigint, name text, once boolean, period integer, run_at bigint, cron text, timezone text, until bigint, tags text[])
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
    SELECT s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until, s.tags
    FROM first, LATERAL (
        SELECT s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until, s.tags FROM schedules s
        WHERE s.id >= first.id ORDER BY s.id LIMIT p_size
    ) s;
END
$$;
