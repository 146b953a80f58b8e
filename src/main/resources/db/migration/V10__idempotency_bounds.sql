-- An answer above the size cap is not kept: the key still guards against a second execution, and a replay is told so.
ALTER TABLE idempotency_keys ADD COLUMN answer_not_kept boolean NOT NULL DEFAULT false;
