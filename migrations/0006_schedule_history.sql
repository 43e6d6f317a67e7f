-- Every version of every schedule, and deleted schedules that can still come back.
--
-- Each write (create, update, delete, restore) adds one row to schedule_versions in the
-- same transaction as the write: the schedule's version after it, how its caller was
-- signed in, an optional note, and the content it left as JSON in the API's shape
-- ({"name", "once", "config"}; for a delete, the content deleted). Rows are never
-- changed; they go only with their schedule, when a deleted one is purged after the
-- retention (`--keep-deleted-days`).
--
-- A delete still removes the row from `schedules` (so a deleted schedule is absent from
-- every read, count and tally exactly as before) and adds one to deleted_schedules; a
-- restore puts the row back with the same id.

CREATE TABLE schedule_versions (
    schedule_id   bigint  NOT NULL,
    version       integer NOT NULL CHECK (version >= 1),
    owner_id      bigint  NOT NULL REFERENCES users (id),
    at            bigint  NOT NULL,
    action        text    NOT NULL CHECK (action IN ('created', 'updated', 'deleted', 'restored')),
    via           text    NOT NULL CHECK (via IN ('session', 'token', 'inline', 'migration')),
    token_id      bigint,
    token_name    text,
    note          text CHECK (char_length(note) BETWEEN 1 AND 500 AND note !~ '[\u0001-\u001f\u007f-\u009f]'),
    restored_from integer,
    content       jsonb   NOT NULL,
    -- One schedule's versions, newest first, are a backward walk of this key.
    PRIMARY KEY (schedule_id, version),
    CONSTRAINT schedule_versions_token_named CHECK ((via = 'token') = (token_id IS NOT NULL AND token_name IS NOT NULL)),
    CONSTRAINT schedule_versions_restore_names_source CHECK ((action = 'restored') = (restored_from IS NOT NULL))
);

CREATE TABLE deleted_schedules (
    id         bigint  PRIMARY KEY,
    owner_id   bigint  NOT NULL REFERENCES users (id),
    -- The version the delete recorded (its content is the content deleted).
    version    integer NOT NULL,
    deleted_at bigint  NOT NULL
);
-- The owner's "Recently deleted", newest first; and the purge, oldest first.
CREATE INDEX deleted_schedules_owner ON deleted_schedules (owner_id, deleted_at DESC, id DESC);
CREATE INDEX deleted_schedules_deleted_at ON deleted_schedules (deleted_at);


-- Every schedule that exists now gets one version: its current content, so that every
-- schedule has a history to restore from.
INSERT INTO schedule_versions (schedule_id, version, owner_id, at, action, via, content)
SELECT id, version, owner_id, extract(epoch FROM updated_at)::int8, 'created', 'migration',
       jsonb_build_object(
           'name', name,
           'once', once,
           'config', jsonb_strip_nulls(jsonb_build_object(
               'period', period, 'timestamp', run_at, 'cron', cron, 'timezone', timezone, 'until', until)))
FROM schedules;
