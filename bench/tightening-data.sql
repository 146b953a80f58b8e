-- Data for bench/policy-tightening.sh, loaded after bench/patch-data.sql: one more organization, open, whose 20
-- users own 100,000 samples, half shared and half public: a tightening to private lowers every one of them.
-- User k has subject 'bench-tighten-user-k' and organization claim 'bench-tighten'; user 0 is its admin.
INSERT INTO organizations (id, external_id, name, max_visibility, holds_pii)
VALUES ('00000000000fffff', 'bench-tighten', 'Bench Tightening Org', 'public', false);

INSERT INTO users (id, subject, email, organization_id, max_visibility)
SELECT lpad(to_hex(5000000 + k), 16, '0'), 'bench-tighten-user-' || k, 'bench-tighten-user-' || k || '@example.org',
       '00000000000fffff', 'public'
FROM generate_series(0, 19) AS k;

INSERT INTO samples (id, owner_id, filename, size, status, visibility, created_at, updated_at)
SELECT lpad(to_hex(50000000 + n), 16, '0'), lpad(to_hex(5000000 + n % 20), 16, '0'), 'SRR' || (4000000 + n) || '.fastq.gz',
       100000000 + n, 'available', CASE WHEN n % 2 = 0 THEN 'shared' ELSE 'public' END,
       timestamptz '2024-01-01 00:00:00+00' + n * interval '1 minute', timestamptz '2024-01-01 00:00:00+00' + n * interval '1 minute'
FROM generate_series(0, 99999) AS n;

ANALYZE;
