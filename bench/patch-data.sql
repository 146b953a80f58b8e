-- Data for bench/patch-load.sh, loaded straight into PostgreSQL after the service's migrations:
-- 50 organizations (10 holding PII: private only; 15 capped at shared; 25 open), 1,000 users (20 per organization,
-- the first of each an org admin by token role), 500 projects (owned by users) with 5 members each, mixed
-- permissions, 200 tags, and 100,000 samples (100 per user) with up to two tags each. Ids are 16 hex digits, as the
-- service makes them; user n has subject 'bench-user-n' and organization claim 'bench-org-(n % 50)'.
TRUNCATE audit_events, sample_tags, tags, metadata, samples, classifications, project_members, projects, users,
         organizations CASCADE;

INSERT INTO organizations (id, external_id, name, max_visibility, holds_pii)
SELECT lpad(to_hex(o), 16, '0'), 'bench-org-' || o, 'Bench Org ' || o,
       CASE WHEN o < 10 THEN 'private' WHEN o < 25 THEN 'shared' ELSE 'public' END, o < 10
FROM generate_series(0, 49) AS o;

INSERT INTO users (id, subject, email, organization_id, max_visibility)
SELECT lpad(to_hex(1000000 + u), 16, '0'), 'bench-user-' || u, 'bench-user-' || u || '@example.org',
       lpad(to_hex(u % 50), 16, '0'), 'public'
FROM generate_series(0, 999) AS u;

INSERT INTO projects (id, owner_id, name, project_name, public)
SELECT lpad(to_hex(2000000 + p), 16, '0'), lpad(to_hex(1000000 + (p * 2) % 1000), 16, '0'), 'Bench project ' || p,
       'bench_' || p, p % 10 = 0
FROM generate_series(0, 499) AS p;

-- Members: the 5 users after the owner; every other one may add files.
INSERT INTO project_members (project_id, user_id, permissions)
SELECT lpad(to_hex(2000000 + p), 16, '0'), lpad(to_hex(1000000 + ((p * 2) % 1000 + k) % 1000), 16, '0'),
       CASE WHEN k % 2 = 1 THEN ARRAY['can_see_files', 'can_add_files'] ELSE ARRAY['can_see_files'] END
FROM generate_series(0, 499) AS p, generate_series(1, 5) AS k;

INSERT INTO tags (id, owner_id, name)
SELECT lpad(to_hex(3000000 + t), 16, '0'), lpad(to_hex(1000000 + t * 5), 16, '0'), 'tag-' || t
FROM generate_series(0, 199) AS t;

INSERT INTO samples (id, owner_id, filename, size, status, visibility, created_at, updated_at)
SELECT lpad(to_hex(10000000 + s), 16, '0'), lpad(to_hex(1000000 + s / 100), 16, '0'), 'SRR' || s || '.fastq.gz',
       1000000 + s, 'available', 'private', now() - s * interval '1 minute', now() - s * interval '1 minute'
FROM generate_series(0, 99999) AS s;

INSERT INTO metadata (id, sample_id) SELECT lpad(to_hex(20000000 + s), 16, '0'), lpad(to_hex(10000000 + s), 16, '0')
FROM generate_series(0, 99999) AS s;

INSERT INTO sample_tags (sample_id, tag_id, position)
SELECT lpad(to_hex(10000000 + s), 16, '0'), lpad(to_hex(3000000 + (s / 100 / 5) % 200), 16, '0'), 0
FROM generate_series(0, 99999) AS s WHERE s % 3 = 0;

ANALYZE;
