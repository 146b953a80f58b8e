-- Idempotency-Key: the first answer to a caller's POST or PATCH under a key, replayed to a retry with the same key and
-- the same request for 24 hours. Kept in PostgreSQL so that a key holds across restarts and replicas.
CREATE TABLE idempotency_keys (
    caller       text         NOT NULL,              -- the token's subject
    key          varchar(255) NOT NULL,
    fingerprint  char(64)     NOT NULL,              -- SHA-256 of the method, path, query and body
    status       smallint,                           -- null while the first request runs
    content_type text,
    etag         text,
    body         text,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
