-- A bulk action's Idempotency-Key keeps what was asked and what was done
-- ({"request": ..., "results": [...]}): a retry of the same request within 24 hours answers
-- the same results and changes nothing, and another request under the same key is refused
-- rather than answered with the first one's results. A create's key keeps its schedule_id.
ALTER TABLE idempotency_keys ADD COLUMN bulk jsonb;
