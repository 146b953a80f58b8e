-- The callers' rate-limit buckets, shared by every replica so that a caller's allowance holds across the deployment
-- (Bucket4j's serialized state, changed by compare-and-swap on the whole value). Unlogged: the state is short-lived,
-- so it costs no WAL; after a crash the table is empty and every caller starts again with a full allowance. No index
-- on expires_at: it changes with every write, and an index on it would rule out HOT updates; the purge scans instead.
CREATE UNLOGGED TABLE rate_limit_buckets (
    id text PRIMARY KEY,
    state bytea NOT NULL,
    expires_at timestamptz NOT NULL
) WITH (fillfactor = 70);
