-- The owner_id of a version and of a deleted schedule is its schedule's, which references
-- its user already (schedules.owner_id). As foreign keys of their own they made every
-- write check the owner's row of `users` and take a share lock on it: concurrent writes of
-- one user (a script's, a bulk change's) all queued on that one row, and PUT, which took
-- no such lock before history, lost a fifth to a third of its throughput
-- (bench/compare.sh, bench/RESULTS.md). Users are never deleted; a schedule's history
-- goes with the schedule (purge_deleted), so nothing can point at a missing user.
ALTER TABLE schedule_versions DROP CONSTRAINT schedule_versions_owner_id_fkey;
ALTER TABLE deleted_schedules DROP CONSTRAINT deleted_schedules_owner_id_fkey;
