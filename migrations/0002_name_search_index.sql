-- Searching schedules by name (`q`, a case-insensitive substring) through a trigram
-- index, so a search costs what it matches rather than a scan of every row. pg_trgm ships
-- with PostgreSQL (contrib) and is a trusted extension: the database owner may create it.
-- Where it is missing, searches still work, by scanning.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX schedules_name_trgm ON schedules USING gin (name gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pg_trgm is unavailable (%): searching schedules by name will scan the table', SQLERRM;
END
$$;
