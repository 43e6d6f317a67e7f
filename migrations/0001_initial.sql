-- Users, their sessions and API tokens, login throttling, schedules.
--
-- Every rule of a schedule that the API checks is also a CHECK constraint here, so no
-- invalid schedule can be stored even by a bug in the application.

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL CHECK (username ~ '^[A-Za-z0-9_.-]{1,64}$'),
    email         text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254 AND email ~ '^[^@\s]+@[^@\s]+$'),
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Server-side sessions. The cookie holds a random id; only its keyed hash is stored, so a
-- copy of this table cannot be turned into a working cookie.
CREATE TABLE sessions (
    id_hash      bytea PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Personal API tokens, shown once at creation and stored only as a keyed hash.
CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    token_hash   bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_id ON api_tokens (user_id);

-- Failed logins per client address and per account, in fixed windows. Kept in the
-- database so that every server instance counts the same attempts.
CREATE TABLE login_throttle (
    key          text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    failures     integer NOT NULL
);

CREATE TABLE schedules (
    -- Identity values are never reused, so a deleted schedule's id never comes back.
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id   bigint NOT NULL REFERENCES users (id),
    name       text CHECK (char_length(name) <= 200 AND name !~ '[\u0001-\u001f\u007f-\u009f]'),
    once       boolean NOT NULL DEFAULT false,
    -- config.period
    period     integer CHECK (period BETWEEN 60 AND 31622400),
    -- config.timestamp: the run of a one-time schedule, or the anchor of a recurring one
    run_at     bigint CHECK (run_at BETWEEN 946684800 AND 253402300799),
    version    integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT schedules_config_matches_kind CHECK (
        (once AND period IS NULL AND run_at IS NOT NULL) OR (NOT once AND period IS NOT NULL)
    )
);
CREATE INDEX schedules_owner_id ON schedules (owner_id, id);
CREATE INDEX schedules_once ON schedules (once, id);

-- Replayed POSTs: the first result of each (user, Idempotency-Key) for 24 hours.
CREATE TABLE idempotency_keys (
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key         text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
    created_at  timestamptz NOT NULL DEFAULT now(),
    schedule_id bigint,
    PRIMARY KEY (user_id, key)
);

-- Exact counts without counting rows. owner_id 0 holds the totals, spread over 16 slots
-- so that concurrent inserts rarely wait for each other; each owner has one slot.
CREATE TABLE schedule_counts (
    owner_id bigint   NOT NULL,
    once     boolean  NOT NULL,
    slot     smallint NOT NULL,
    n        bigint   NOT NULL,
    PRIMARY KEY (owner_id, once, slot)
);

-- How many schedules have an id in each range, so that page N of the list can find its
-- first id without walking past every earlier row (OFFSET). Level 1 counts ids in blocks
-- of 2^8, level 2 in blocks of 2^16: finding any position reads at most a few hundred
-- small rows, whatever the size of the table.
CREATE TABLE schedule_id_blocks (
    level smallint NOT NULL,
    block bigint   NOT NULL,
    n     bigint   NOT NULL,
    PRIMARY KEY (level, block)
);

-- A slot of the totals may go negative on delete: only the sum over slots is meaningful.
CREATE FUNCTION schedules_count(p_owner bigint, p_once boolean, delta integer) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO schedule_counts AS c VALUES
        (0, p_once, floor(random() * 16)::smallint, delta),
        (p_owner, p_once, 0, delta)
    ON CONFLICT (owner_id, once, slot) DO UPDATE SET n = c.n + excluded.n;
$$;

CREATE FUNCTION schedules_keep_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.once IS DISTINCT FROM OLD.once) THEN
        PERFORM schedules_count(NEW.owner_id, NEW.once, 1);
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.once IS DISTINCT FROM OLD.once) THEN
        PERFORM schedules_count(OLD.owner_id, OLD.once, -1);
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO schedule_id_blocks AS b VALUES (1, NEW.id >> 8, 1), (2, NEW.id >> 16, 1)
        ON CONFLICT (level, block) DO UPDATE SET n = b.n + 1;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE schedule_id_blocks SET n = n - 1
        WHERE (level, block) IN ((1::smallint, OLD.id >> 8), (2::smallint, OLD.id >> 16));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER schedules_keep_tallies
    AFTER INSERT OR DELETE OR UPDATE OF once ON schedules
    FOR EACH ROW EXECUTE FUNCTION schedules_keep_tallies();
