-- Dev-mode demo data (loaded only with the dev profile: quarkus.flyway.locations adds db/dev there).
-- A Flyway afterMigrate callback, so it runs after every start; every insert is ON CONFLICT DO NOTHING, so it is
-- idempotent. Ids are fixed: the README walkthrough uses them. Shapes follow One Codex's data (SRR/ERR run names,
-- gzipped FASTQ sizes, sequencing platforms and the tags its users apply).
--
-- The demo users' subjects, organizations and roles are also known to the dev identity provider
-- (src/main/resources/dev/demo-users.properties): keep both in step.

INSERT INTO organizations (id, external_id, name, max_visibility, holds_pii) VALUES
    ('0000000000000a01', 'open-microbiome',    'Open Microbiome Lab', 'public',  false),
    ('0000000000000a02', 'harbor-genomics',    'Harbor Genomics',     'shared',  false),
    ('0000000000000a03', 'northwind-clinical', 'Northwind Clinical',  'public',  true)
ON CONFLICT DO NOTHING;

-- heidi has no organization but restricts her own account to 'shared'. peggy runs the service: a platform
-- administrator (by her token's role), with no organization and no samples.
INSERT INTO users (id, subject, email, username, organization_id, max_visibility, holds_pii) VALUES
    ('00000000000000a1', 'alice', 'alice@openmicrobiome.example', 'alice', '0000000000000a01', 'public', false),
    ('00000000000000b2', 'bob',   'bob@openmicrobiome.example',   'bob',   '0000000000000a01', 'public', false),
    ('00000000000000c3', 'carol', 'carol@openmicrobiome.example', 'carol', '0000000000000a01', 'public', false),
    ('00000000000000d4', 'dan',   'dan@harbor.example',           'dan',   '0000000000000a02', 'public', false),
    ('00000000000000e5', 'erin',  'erin@harbor.example',          'erin',  '0000000000000a02', 'public', false),
    ('00000000000000f6', 'frank', 'frank@northwind.example',      'frank', '0000000000000a03', 'public', false),
    ('0000000000000a07', 'grace', 'grace@northwind.example',      'grace', '0000000000000a03', 'public', false),
    ('0000000000000b08', 'heidi', 'heidi@independent.example',    'heidi', NULL,               'shared', false),
    ('0000000000000c09', 'peggy', 'peggy@samples-platform.example', 'peggy', NULL,             'private', false)
ON CONFLICT DO NOTHING;

INSERT INTO projects (id, owner_id, name, project_name, description, public) VALUES
    ('9000000000000001', '00000000000000a1', 'Soil Survey 2024',         'soil_survey',  'Metagenomes of agricultural soils', false),
    ('9000000000000002', '00000000000000d4', 'Harbor Water Monitoring',  'harbor_water', 'Weekly wastewater sampling',         false),
    ('9000000000000003', '00000000000000f6', 'Ward Surveillance',        'ward_surv',    'Hospital ward isolates (PII)',       false),
    ('9000000000000004', '00000000000000c3', 'Public Reference Genomes', 'public_ref',   'Reference isolates anyone may see',  true)
ON CONFLICT DO NOTHING;

-- bob may add files to Soil Survey; dan may only see them.
INSERT INTO project_members (project_id, user_id, permissions) VALUES
    ('9000000000000001', '00000000000000b2', '{can_see_files,can_add_files,can_edit_metadata,can_download_files}'),
    ('9000000000000001', '00000000000000d4', '{can_see_files,can_download_files}'),
    ('9000000000000002', '00000000000000e5', '{can_see_files,can_add_files,can_edit_metadata,can_download_files,can_incur_charges,can_administer}'),
    ('9000000000000002', '00000000000000a1', '{can_see_files}'),
    ('9000000000000003', '0000000000000a07', '{can_see_files,can_add_files,can_edit_metadata}')
ON CONFLICT DO NOTHING;

-- Each user's tags, named as One Codex users name theirs.
INSERT INTO tags (id, owner_id, name)
SELECT '7a' || substr(u.id, 15, 2) || lpad(to_hex(t.n), 12, '0'), u.id, t.name
FROM users u
CROSS JOIN (VALUES (1, 'WGS'), (2, '16S'), (3, 'amplicon'), (4, 'isolate'), (5, 'raw reads'), (6, 'assembly'),
                   (7, 'high host'), (8, 'complex'), (9, 'unclassified'), (10, 'soil'), (11, 'wastewater'),
                   (12, 'clinical')) AS t(n, name)
WHERE u.subject IN ('alice', 'bob', 'carol', 'dan', 'erin', 'frank', 'grace', 'heidi')
ON CONFLICT DO NOTHING;

-- The walkthrough's samples, all private and available:
--   5a00000000000001 alice's, 5a00000000000002 frank's (PII org), 5a00000000000003 bob's, 5a00000000000004 dan's.
INSERT INTO classifications (id)
SELECT '3c' || lpad(to_hex(n), 14, '0') FROM generate_series(1, 400) AS n
ON CONFLICT DO NOTHING;

INSERT INTO samples (id, owner_id, project_id, primary_classification_id, filename, size, status, visibility,
                     created_at, updated_at) VALUES
    ('5a00000000000001', '00000000000000a1', NULL, '3c00000000000001', 'SRR2352186.fastq.gz', 165320412, 'available', 'private',
     '2024-03-18T09:12:44+00:00', '2024-03-18T09:40:02+00:00'),
    ('5a00000000000002', '00000000000000f6', '9000000000000003', '3c00000000000002', 'ERR1712456_1.fastq.gz', 241877310, 'available', 'private',
     '2024-04-02T14:03:10+00:00', '2024-04-02T14:31:55+00:00'),
    ('5a00000000000003', '00000000000000b2', NULL, '3c00000000000003', 'SRR5215203.fastq.gz', 98766012, 'available', 'private',
     '2024-05-11T08:20:00+00:00', '2024-05-11T08:45:13+00:00'),
    ('5a00000000000004', '00000000000000d4', NULL, '3c00000000000004', 'SRR6987712_R1.fastq.gz', 310024881, 'available', 'private',
     '2024-06-21T16:55:31+00:00', '2024-06-21T17:20:48+00:00')
ON CONFLICT DO NOTHING;

-- Hundreds more, spread over every owner, status and allowed visibility: PII-organization samples stay private,
-- Harbor Genomics (at most shared) and heidi (account at most shared) never public.
WITH owners AS (
    SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, subject FROM users
    WHERE subject IN ('alice', 'bob', 'carol', 'dan', 'erin', 'frank', 'grace', 'heidi')),
generated AS (
    SELECT n, o.id AS owner_id, o.subject,
           (ARRAY['available', 'available', 'available', 'available', 'available', 'importing', 'validating',
                  'awaiting_data', 'failed_validation', 'deleted'])[1 + n % 10] AS status,
           (ARRAY['private', 'shared', 'public'])[1 + (n / 8) % 3] AS wanted_visibility
    FROM generate_series(101, 420) AS n
    JOIN owners o ON o.k = n % 8)
INSERT INTO samples (id, owner_id, project_id, primary_classification_id, filename, size, status, visibility,
                     error_msg, created_at, updated_at)
SELECT '5a' || lpad(to_hex(n), 14, '0'),
       owner_id,
       CASE WHEN subject = 'alice' AND n % 3 = 0 THEN '9000000000000001'
            WHEN subject = 'dan' AND n % 2 = 0 THEN '9000000000000002'
            WHEN subject = 'frank' AND n % 2 = 0 THEN '9000000000000003'
            WHEN subject = 'carol' AND n % 4 = 0 THEN '9000000000000004' END,
       CASE WHEN status = 'available' THEN '3c' || lpad(to_hex(n - 100 + 4), 14, '0') END,
       CASE WHEN status = 'awaiting_data' THEN NULL
            ELSE (ARRAY['SRR', 'ERR', 'DRR'])[1 + n % 3] || (1000000 + n * 7919 % 8999999)
                 || (ARRAY['.fastq.gz', '_1.fastq.gz', '.fastq.bz2', '.fasta.gz'])[1 + n % 4] END,
       CASE WHEN status IN ('awaiting_data') THEN NULL ELSE 20000000 + (n * 104729) % 480000000 END,
       status,
       CASE WHEN subject IN ('frank', 'grace') THEN 'private'
            WHEN subject IN ('dan', 'erin', 'heidi') AND wanted_visibility = 'public' THEN 'shared'
            ELSE wanted_visibility END,
       CASE WHEN status = 'failed_validation' THEN 'File is not a valid FASTQ file (line 4: quality length mismatch)' END,
       timestamptz '2023-01-01 00:00:00+00' + n * interval '17 hours',
       timestamptz '2023-01-01 00:00:00+00' + n * interval '17 hours' + interval '25 minutes'
FROM generated
ON CONFLICT DO NOTHING;

-- One metadata record per sample.
INSERT INTO metadata (id, sample_id, name, description, external_sample_id, library_type, sample_type, platform,
                      location_string, starred)
SELECT 'e0' || substr(s.id, 3, 14),
       s.id,
       coalesce(regexp_replace(s.filename, '\..*$', ''), 'Pending upload ' || s.id),
       'Demo sample of ' || u.subject,
       'EXT-' || upper(substr(s.id, 11, 6)),
       (ARRAY['WGS', 'Targeted/16S', 'WGS', 'Other'])[1 + ascii(substr(s.id, 16, 1)) % 4],
       (ARRAY['Metagenomic', 'Isolate', 'Metagenomic', 'Other'])[1 + ascii(substr(s.id, 15, 1)) % 4],
       (ARRAY['Illumina NovaSeq 6000', 'Illumina MiSeq', 'Illumina HiSeq 2500', 'Oxford Nanopore MinION',
              'PacBio Sequel II System'])[1 + ascii(substr(s.id, 16, 1)) % 5],
       (ARRAY['Davis, CA', 'Rotterdam', 'Boston, MA', NULL])[1 + ascii(substr(s.id, 14, 1)) % 4],
       s.id LIKE '%1'
FROM samples s JOIN users u ON u.id = s.owner_id
WHERE s.id LIKE '5a%'
ON CONFLICT DO NOTHING;

-- Up to three of the owner's own tags on most generated samples.
INSERT INTO sample_tags (sample_id, tag_id, position)
SELECT s.id, '7a' || substr(s.owner_id, 15, 2) || lpad(to_hex(1 + (n + k * 5) % 12), 12, '0'), k
FROM (SELECT id, owner_id, ('x' || substr(id, 3, 14))::bit(56)::bigint AS n FROM samples
      WHERE id LIKE '5a%' AND id > '5a00000000000064') s
CROSS JOIN generate_series(1, 3) AS k
WHERE k <= n % 4
ON CONFLICT DO NOTHING;
