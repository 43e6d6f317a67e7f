-- Each tag's schedules in id order (issue #25), and no tag bookkeeping for untagged writes.
--
-- A page of `?tag=x` is the ten lowest ids among x's schedules. The GIN index on `tags`
-- (0008) finds them all, but in no order: for a tag on 1,000 of a million rows, every one
-- of the 1,000 was read from the table and sorted to keep ten (5 times page 1's time in
-- bench/RESULTS.md). This table's key walks one tag's ids in order, so a page reads its
-- ten rows (and skips the rows before it in the index alone). The GIN index stays for
-- searches and several tags at once.
CREATE TABLE schedule_tag_ids (
    tag text   NOT NULL,
    id  bigint NOT NULL,
    PRIMARY KEY (tag, id)
);
INSERT INTO schedule_tag_ids (tag, id) SELECT t.tag, s.id FROM schedules s, unnest(s.tags) t(tag);

-- Page N of one tag's schedules: the tag's ids from the key, the rows before the page
-- skipped in the index alone, then the page's ten rows. A function for the reason 0004
-- gives: as a prepared statement, PostgreSQL costs the generic plan for an unknown OFFSET
-- as if a tenth of the tag's rows were skipped, finds it dearer than a plan for the
-- call's own numbers, and so plans every call anew (0.2 ms, twice the statement's run at a
-- million schedules). Here one generic plan serves the connection.
CREATE FUNCTION schedules_tagged_page(p_tag text, p_offset bigint, p_size bigint)
RETURNS TABLE (id bigint, name text, once boolean, period integer, run_at bigint, cron text, timezone text, until bigint, tags text[])
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    -- Each of the page's ids looks its row up by the primary key (the OFFSET 0 keeps the
    -- lookup a lookup): the generic plan must not guess how many ids come, or it may
    -- hash-join them against the whole table (1.9 s at a million, measured).
    RETURN QUERY
    SELECT s.id, s.name, s.once, s.period, s.run_at, s.cron, s.timezone, s.until, s.tags
    FROM (SELECT t.id FROM schedule_tag_ids t WHERE t.tag = p_tag ORDER BY t.id LIMIT p_size OFFSET p_offset) page
    CROSS JOIN LATERAL (SELECT s.* FROM schedules s WHERE s.id = page.id OFFSET 0) s
    ORDER BY page.id;
END
$$;

-- The tallies of 0008, as before, and the table above: one function, called only for
-- writes that concern tags (the triggers' WHEN clauses below), so that a write of an
-- untagged schedule, or one that leaves its tags and kind alone, runs no PL/pgSQL at all.
CREATE FUNCTION schedules_follow_tags() RETURNS trigger LANGUAGE plpgsql AS $$
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

    -- OLD is NULL in an insert and NEW in a delete: their tags are then no tags.
    DELETE FROM schedule_tag_ids t
    WHERE t.id = OLD.id AND t.tag = ANY (OLD.tags) AND NOT t.tag = ANY (coalesce(NEW.tags, '{}'));
    INSERT INTO schedule_tag_ids (tag, id)
    SELECT n.tag, NEW.id FROM unnest(NEW.tags) n(tag)
    WHERE NOT n.tag = ANY (coalesce(OLD.tags, '{}'))
    ORDER BY n.tag;
    RETURN NULL;
END
$$;

DROP TRIGGER schedules_keep_tag_tallies ON schedules;
DROP FUNCTION schedules_keep_tag_tallies();

CREATE TRIGGER schedules_tags_inserted AFTER INSERT ON schedules
    FOR EACH ROW WHEN (NEW.tags <> '{}') EXECUTE FUNCTION schedules_follow_tags();
CREATE TRIGGER schedules_tags_deleted AFTER DELETE ON schedules
    FOR EACH ROW WHEN (OLD.tags <> '{}') EXECUTE FUNCTION schedules_follow_tags();
-- A change of kind moves a tagged schedule between tallies; a change of tags, between tags.
CREATE TRIGGER schedules_tags_updated AFTER UPDATE OF tags, once, cron ON schedules
    FOR EACH ROW WHEN (OLD.tags IS DISTINCT FROM NEW.tags OR (OLD.kind IS DISTINCT FROM NEW.kind AND NEW.tags <> '{}'))
    EXECUTE FUNCTION schedules_follow_tags();
