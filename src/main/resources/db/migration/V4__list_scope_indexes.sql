-- Lists for a caller who reads a small part of a big table. A page takes its first rows of each way the caller comes
-- to samples (SampleScope#waysIn): their own, their organization's, their projects', or public ones. Each way has an
-- index that holds the sort columns and what the way filters on, so its first rows are read from the index alone,
-- however many samples the caller may not see lie around them.
-- (Built without CONCURRENTLY, inside the migration's transaction: writes to samples wait while they are built, about
-- a second per million samples.)
DROP INDEX samples_owner_created_idx;
CREATE INDEX samples_owner_created_idx ON samples (owner_id, created_at, id) INCLUDE (status);
CREATE INDEX samples_shared_owner_idx ON samples (owner_id, created_at, id)
    WHERE visibility <> 'private' AND status <> 'deleted';
CREATE INDEX samples_shared_project_idx ON samples (project_id, created_at, id)
    WHERE visibility <> 'private' AND status <> 'deleted';
CREATE INDEX samples_public_created_idx ON samples (created_at, id)
    WHERE visibility = 'public' AND status <> 'deleted';
