-- Data for bench/bulk-update.sh, loaded after bench/patch-data.sql: one more organization, open, with one user who
-- owns 10,000 private samples (the soil survey), each with its metadata record. The user has subject
-- 'bench-bulk-user' and organization claim 'bench-bulk'.
INSERT INTO organizations (id, external_id, name, max_visibility, holds_pii)
VALUES ('00000000000eeeee', 'bench-bulk', 'Bench Bulk Org', 'public', false);

INSERT INTO users (id, subject, email, organization_id, max_visibility)
VALUES ('00000000006eeeee', 'bench-bulk-user', 'bench-bulk-user@example.org', '00000000000eeeee', 'public');

INSERT INTO samples (id, owner_id, filename, size, status, visibility, created_at, updated_at)
SELECT lpad(to_hex(60000000 + n), 16, '0'), '00000000006eeeee', 'SRR' || (6000000 + n) || '.fastq.gz',
       100000000 + n, 'available', 'private',
       timestamptz '2025-01-01 00:00:00+00' + n * interval '1 minute', timestamptz '2025-01-01 00:00:00+00' + n * interval '1 minute'
FROM generate_series(0, 9999) AS n;

INSERT INTO metadata (id, sample_id, created_at, updated_at)
SELECT lpad(to_hex(70000000 + n), 16, '0'), lpad(to_hex(60000000 + n), 16, '0'), now(), now()
FROM generate_series(0, 9999) AS n;

ANALYZE;
