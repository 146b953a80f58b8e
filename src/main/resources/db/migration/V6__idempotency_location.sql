-- The Location of a stored 201, so that a replayed creation names the object it created, as the first answer did.
ALTER TABLE idempotency_keys ADD COLUMN location text;
