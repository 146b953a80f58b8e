-- An insert that names no policy must not publish: the policy columns default to the closed value.
ALTER TABLE organizations ALTER COLUMN max_visibility SET DEFAULT 'private';
ALTER TABLE users ALTER COLUMN max_visibility SET DEFAULT 'private';

-- Ids minted in SQL come from the same kind of generator as Ids.newId: 16 hexadecimal characters, all random
-- (gen_random_uuid draws from a cryptographic source; its version and variant digits are left out).
CREATE FUNCTION new_id() RETURNS varchar(16) LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
    SELECT substr(u, 1, 12) || substr(u, 18, 4) FROM replace(CAST(gen_random_uuid() AS text), '-', '') AS u
$$;
