-- A caller who reads a thousandth of the samples: alice (psql variable :alice, her organization :org) among n
-- samples (psql variable :n, a multiple of 1,000) of 1,000 other users in 50 organizations. Whatever n is, alice can
-- read exactly these, spread evenly over creation time:
--   400 of her own (half private, half shared);
--   300 shared samples of the 20 colleagues in her organization;
--   300 shared samples of strangers in a project that grants her can_see_files;
-- and 1,000 strangers' public samples are the public list. Everything else is others' private samples, plus about
-- 1 % shared by strangers outside her organization and projects (readable to others, not to her).
-- So /samples has 1,000 rows for her, /samples/organization 700, /samples/public 1,000, and
-- /samples?where={"visibility":"shared"} 800.
INSERT INTO organizations (id, external_id, name, max_visibility)
SELECT 'e' || lpad(to_hex(k), 15, '0'), 'bench-org-' || k, 'Bench organization ' || k, 'public' FROM generate_series(1, 49) AS k
ON CONFLICT DO NOTHING;
INSERT INTO users (id, subject, organization_id, max_visibility)
SELECT 'f' || lpad(to_hex(k), 15, '0'), 'bench-user-' || k,
       CASE WHEN k < 20 THEN :'org' ELSE 'e' || lpad(to_hex(1 + k % 49), 15, '0') END, 'public'
FROM generate_series(0, 999) AS k
ON CONFLICT DO NOTHING;
INSERT INTO projects (id, owner_id, name) VALUES ('d000000000000001', 'f0000000000000c8', 'Shared with alice')
ON CONFLICT DO NOTHING;
INSERT INTO project_members (project_id, user_id, permissions)
VALUES ('d000000000000001', :'alice', '{can_see_files}') ON CONFLICT DO NOTHING;

TRUNCATE samples CASCADE;
INSERT INTO samples (id, owner_id, project_id, filename, size, status, visibility, created_at, updated_at)
SELECT lpad(to_hex(n), 16, '0'), owner, project, 'SRR' || n || '.fastq.gz', 1000000 + n, 'available', visibility,
       timestamptz '2020-01-01 00:00:00+00' + n * interval '1 minute',
       timestamptz '2020-01-01 00:00:00+00' + n * interval '1 minute'
FROM (
    SELECT n,
           CASE WHEN special AND kind < 4 THEN :'alice'                        -- alice's own
                WHEN special AND kind < 7 THEN 'f' || lpad(to_hex(n % 20), 15, '0')      -- a colleague's
                WHEN special OR public THEN 'f' || lpad(to_hex(20 + n % 980), 15, '0')   -- a stranger's
                ELSE 'f' || lpad(to_hex(n % 1000), 15, '0') END AS owner,
           CASE WHEN special AND kind >= 7 THEN 'd000000000000001' END AS project,
           CASE WHEN special AND kind < 4 THEN (ARRAY['private', 'shared'])[1 + kind % 2]
                WHEN special THEN 'shared'
                WHEN public THEN 'public'
                WHEN n % 97 = 1 AND n % 1000 >= 20 THEN 'shared'
                ELSE 'private' END AS visibility
    FROM (SELECT n, n % (:n / 1000) = 0 AS special, (n / (:n / 1000)) % 10 AS kind,
                 n % (:n / 1000) = (:n / 2000) AS public
          FROM generate_series(1, :n) AS n) AS placed
) AS rows;
-- Statistics first: the foreign-key checks of the next insert are planned from them.
ANALYZE samples;
INSERT INTO metadata (id, sample_id) SELECT 'e' || substr(id, 2), id FROM samples;
-- A table in steady state: vacuumed (hint bits, visibility map) and checkpointed, so neither runs during the measurement.
VACUUM ANALYZE;
CHECKPOINT;
