#!/usr/bin/env bash
# Cursor-paging benchmark of GET /api/v1/samples: list latency over 10,000 and 1,000,000 samples of one owner.
# Starts its own PostgreSQL 17 (the embedded-postgres binaries the build already downloaded) and the packaged
# service (dev profile only for its local identity provider; the database is this script's). Prints the latency
# of first, middle and last pages per size, the 1M/10k ratio, and the plan of one page query.
# Usage: bash bench/list-paging.sh [pages-per-position]   (needs curl, python3, psql)
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-30}
PGPORT=${BENCH_PG_PORT:-55432}
APPPORT=${BENCH_APP_PORT:-8089}
IDP=8180
WORK=$(pwd)/target/bench
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; }

./mvnw -q -B package -DskipTests
. bench/postgres.sh
bench_postgres "$WORK/data" "$PGPORT"
APP_PID=
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null; bench_postgres_stop; }
trap cleanup EXIT
export PGOPTIONS="-c client_min_messages=warning"
SQL="psql -q -X -h localhost -p $PGPORT -U postgres -d postgres -v ON_ERROR_STOP=1"

java -Dquarkus.profile=dev -Dquarkus.http.port=$APPPORT -Dquarkus.log.level=WARN \
     -Dquarkus.datasource.reactive.url=postgresql://localhost:$PGPORT/postgres \
     -Dquarkus.datasource.migration.jdbc.url=jdbc:postgresql://localhost:$PGPORT/postgres \
     -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=postgres \
     -jar target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -sf localhost:$APPPORT/q/health/ready >/dev/null && break; sleep 0.5; done
TOKEN=$(curl -sf localhost:$IDP/token/alice)
curl -sf -H "Authorization: Bearer $TOKEN" localhost:$APPPORT/api/v1/account >/dev/null   # provisions alice
OWNER=$($SQL -At -c "SELECT id FROM users WHERE subject = 'alice'")

load() {   # $1 = number of samples, all alice's, one per minute of creation time
  $SQL -c "TRUNCATE samples CASCADE" -c "
    INSERT INTO samples (id, owner_id, filename, size, status, visibility, created_at, updated_at)
    SELECT lpad(to_hex(n), 16, '0'), '$OWNER', 'SRR' || n || '.fastq.gz', 1000000 + n, 'available',
           (ARRAY['private','shared','public'])[1 + n % 3],
           timestamptz '2020-01-01 00:00:00+00' + n * interval '1 minute',
           timestamptz '2020-01-01 00:00:00+00' + n * interval '1 minute'
    FROM generate_series(1, $1) AS n;
    INSERT INTO metadata (id, sample_id) SELECT 'e' || substr(id, 2), id FROM samples;
    ANALYZE samples; ANALYZE metadata;"
}

# Latency in ms of PAGES consecutive cursor pages of 100, starting at the newest row (first), at the middle
# and at the oldest end (a cursor placed there, as a client deep into the list holds).
measure() {   # $1 = number of samples
  python3 - "$1" "$PAGES" "$APPPORT" "$TOKEN" "$SQL" <<'PY'
import base64, json, statistics, subprocess, sys, time, urllib.request
n, pages, port, token, sql = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
def cursor_at(offset):
    row = subprocess.run(sql.split() + ["-At", "-F", "|", "-c",
        f"SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"'), id FROM samples"
        f" ORDER BY created_at DESC, id DESC OFFSET {offset} LIMIT 1"], capture_output=True, text=True, check=True).stdout.strip()
    created, ident = row.split("|")
    return base64.urlsafe_b64encode(json.dumps(["created_at-,", created, ident]).encode()).decode().rstrip("=")
def page(cursor):
    url = f"http://localhost:{port}/api/v1/samples?per_page=100&sort=%7B%7D&where=%7B%7D&expand=all"
    if cursor: url += "&cursor=" + cursor
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token, "X-Pagination-Style": "cursor"})
    start = time.perf_counter()
    with urllib.request.urlopen(req) as response:
        body = response.read(); nxt = response.headers.get("X-Next-Cursor")
    return (time.perf_counter() - start) * 1000, len(json.loads(body)), nxt
for _ in range(200): page(None)   # warm-up: JIT and pools settle before either size is measured
results = {}
for name, start in (("first", None), ("middle", cursor_at(n // 2 - pages * 50)), ("last", cursor_at(n - pages * 100 - 1))):
    times, cursor = [], start
    for _ in range(pages):
        ms, count, cursor = page(cursor)
        assert count == 100, (name, count)
        times.append(ms)
    results[name] = (statistics.median(times), sorted(times)[int(len(times) * 0.9) - 1])
print(json.dumps({"rows": n, **{k: {"p50_ms": round(v[0], 2), "p90_ms": round(v[1], 2)} for k, v in results.items()}}))
PY
}

# 10k twice: the first round only warms the JVM, so that neither size is measured on a colder service.
load 10000;   measure 10000 > /dev/null
load 1000000; large=$(measure 1000000)
load 10000;   small=$(measure 10000)
echo "10k: $small"
echo "1M:  $large"
python3 - "$small" "$large" <<'PY'
import json, sys
s, l = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for pos in ("first", "middle", "last"):
    print(f"{pos:>6}: p50 1M/10k = {l[pos]['p50_ms'] / s[pos]['p50_ms']:.2f}x  ({l[pos]['p50_ms']} ms vs {s[pos]['p50_ms']} ms)")
PY
echo "Plan of a page deep in the 1M list (the service's query shape: scope, keyset condition, ORDER BY, LIMIT):"
$SQL -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
  SELECT s.id FROM samples s JOIN users ow ON ow.id = s.owner_id LEFT JOIN metadata m ON m.sample_id = s.id
  WHERE s.status <> 'deleted' AND (s.owner_id = '$OWNER' OR (s.visibility <> 'private' AND (ow.organization_id = 'none'
        OR EXISTS (SELECT 1 FROM projects p WHERE p.id = s.project_id AND p.owner_id = '$OWNER'))))
    AND ((s.created_at, s.id) < (timestamptz '2020-12-01 00:00:00+00', 'zzzz'))
  ORDER BY s.created_at DESC NULLS FIRST, s.id DESC LIMIT 101" | sed 's/^/  /'
