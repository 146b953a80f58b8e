#!/usr/bin/env bash
# Cursor-paging benchmark of the sample lists at 10,000 and 1,000,000 samples, in two cases: the caller owns every
# sample (GET /api/v1/samples), and the caller reads 1,000 of them (the three lists and a `where` filter,
# bench/list-sparse-data.sql). Starts its own PostgreSQL 17 (the embedded-postgres binaries the build already
# downloaded) and the packaged service (dev profile only for its local identity provider; the database is this
# script's). Prints page latencies per size, the 1M/10k ratios, and query plans.
# Usage: bash bench/list-paging.sh [pages-per-position]   (needs curl, python3, psql)
#   env: WALKS (walks of each list in part 2, default 10), SPARSE_ONLY=true (part 2 alone)
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-30}
PGPORT=${BENCH_PG_PORT:-55432}
APPPORT=${BENCH_APP_PORT:-8089}
MGMTPORT=${BENCH_MANAGEMENT_PORT:-9089}
IDP=8180
WORK=$(pwd)/target/bench
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; }

./mvnw -q -B package -DskipTests
. bench/postgres.sh
bench_postgres "$WORK/data" "$PGPORT" "-c shared_preload_libraries=auto_explain"
APP_PID=
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null; bench_postgres_stop; }
trap cleanup EXIT
export PGOPTIONS="-c client_min_messages=warning"
SQL="psql -q -X -h localhost -p $PGPORT -U postgres -d postgres -v ON_ERROR_STOP=1"

java -Dquarkus.profile=dev -Dquarkus.http.port=$APPPORT -Dquarkus.management.port=$MGMTPORT -Dquarkus.log.level=WARN \
     -Dquarkus.datasource.reactive.url=postgresql://localhost:$PGPORT/postgres \
     -Dquarkus.datasource.migration.jdbc.url=jdbc:postgresql://localhost:$PGPORT/postgres \
     -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password=postgres \
     -jar target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -sf localhost:$MGMTPORT/q/health/ready >/dev/null && break; sleep 0.5; done
TOKEN=$(curl -sf localhost:$IDP/token/alice)
curl -sf -H "Authorization: Bearer $TOKEN" localhost:$APPPORT/api/v1/account >/dev/null   # provisions alice
OWNER=$($SQL -At -c "SELECT id FROM users WHERE subject = 'alice'")
ORG=$($SQL -At -c "SELECT organization_id FROM users WHERE subject = 'alice'")

load() {   # $1 = number of samples, all alice's, one per minute of creation time
  $SQL -c "TRUNCATE samples CASCADE" -c "
    INSERT INTO samples (id, owner_id, filename, size, status, visibility, created_at, updated_at)
    SELECT lpad(to_hex(n), 16, '0'), '$OWNER', 'SRR' || n || '.fastq.gz', 1000000 + n, 'available',
           (ARRAY['private','shared','public'])[1 + n % 3],
           timestamptz '2020-01-01 00:00:00+00' + n * interval '1 minute',
           timestamptz '2020-01-01 00:00:00+00' + n * interval '1 minute'
    FROM generate_series(1, $1) AS n;
    ANALYZE samples;
    INSERT INTO metadata (id, sample_id) SELECT 'e' || substr(id, 2), id FROM samples;
    ANALYZE metadata;"
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

# The plans of the service's own statements for the first page of some lists (auto_explain, into the server log).
capture_plans() {   # list paths under /api/v1/
  $SQL -c "ALTER SYSTEM SET auto_explain.log_min_duration = 0" -c "ALTER SYSTEM SET auto_explain.log_analyze = on" \
       -c "ALTER SYSTEM SET auto_explain.log_timing = off" -c "SELECT pg_reload_conf()" >/dev/null
  local from list
  from=$(wc -l < "$WORK/data.log")
  for list in "$@"; do
    curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H "X-Pagination-Style: cursor" \
      "localhost:$APPPORT/api/v1/$list$( [[ $list == *\?* ]] && echo '&' || echo '?' )per_page=100"
  done
  $SQL -c "ALTER SYSTEM RESET ALL" -c "SELECT pg_reload_conf()" >/dev/null
  tail -n +"$from" "$WORK/data.log" | grep -E "Query Text: SELECT s.id|Scan|Heap Fetches" \
    | sed -E 's/^.*Query Text: SELECT s.id.*$/  --- a list page:/' | cut -c1-150 | head -80 || true
}

if [ "${SPARSE_ONLY:-false}" != true ]; then
# 10k twice: the first round only warms the JVM, so that neither size is measured on a colder service.
load 10000;   measure 10000 > /dev/null
load 1000000; large=$(measure 1000000)
dense_plan=$(capture_plans samples)
load 10000;   small=$(measure 10000)
echo "10k: $small"
echo "1M:  $large"
python3 - "$small" "$large" <<'PY'
import json, sys
s, l = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for pos in ("first", "middle", "last"):
    print(f"{pos:>6}: p50 1M/10k = {l[pos]['p50_ms'] / s[pos]['p50_ms']:.2f}x  ({l[pos]['p50_ms']} ms vs {s[pos]['p50_ms']} ms)")
PY
echo "Plan of the first page at 1M, as the service ran it:"
echo "$dense_plan"
fi

# Part 2: a caller who reads a thousandth of the table (bench/list-sparse-data.sql): alice reads 1,000 samples,
# whether there are 10,000 or 1,000,000 of them, among others' private samples, and samples shared with her through
# her organization and a project. Each list is walked from its first page to its last, WALKS times.
load_sparse() { $SQL -v n="$1" -v alice="$OWNER" -v org="$ORG" -f bench/list-sparse-data.sql >/dev/null; }
measure_sparse() {   # $1 = number of samples
  python3 - "$1" "${WALKS:-10}" "$APPPORT" "$TOKEN" <<'PY'
import json, statistics, sys, time, urllib.parse, urllib.request
n, walks, port, token = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
lists = (("samples", "/api/v1/samples", None, 1000), ("organization", "/api/v1/samples/organization", None, 700),
         ("public", "/api/v1/samples/public", None, 1000),
         ("where shared", "/api/v1/samples", '{"visibility": "shared"}', 800))
def walk(path, where):
    times, rows, cursor = [], 0, None
    while True:
        query = {"per_page": "100"}
        if where: query["where"] = where
        if cursor: query["cursor"] = cursor
        req = urllib.request.Request(f"http://localhost:{port}{path}?" + urllib.parse.urlencode(query),
                                     headers={"Authorization": "Bearer " + token, "X-Pagination-Style": "cursor"})
        start = time.perf_counter()
        with urllib.request.urlopen(req) as response:
            body = response.read(); cursor = response.headers.get("X-Next-Cursor")
        times.append((time.perf_counter() - start) * 1000)
        rows += len(json.loads(body))
        if not cursor: return times, rows
result = {"rows": n}
for name, path, where, expected in lists:
    for _ in range(3): walk(path, where)   # warm-up
    times = []
    for _ in range(walks):
        t, rows = walk(path, where)
        assert rows == expected, f"{name}: alice read {rows} samples, the data gives her {expected}"
        times += t
    times.sort()
    result[name] = {"p50_ms": round(statistics.median(times), 2), "p90_ms": round(times[int(len(times) * 0.9) - 1], 2)}
print(json.dumps(result))
PY
}
load_sparse 10000;   measure_sparse 10000 > /dev/null   # warms the JVM for these routes
load_sparse 1000000; sparse_large=$(measure_sparse 1000000)
sparse_plans=$(capture_plans samples samples/organization samples/public \
  "samples?where=%7B%22visibility%22%3A%22shared%22%7D")
load_sparse 10000;   sparse_small=$(measure_sparse 10000)
echo "A caller who reads 1,000 samples: 10k: $sparse_small"
echo "                                  1M:  $sparse_large"
python3 - "$sparse_small" "$sparse_large" <<'PY'
import json, sys
s, l = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for name in ("samples", "organization", "public", "where shared"):
    print(f"{name:>13}: 1M/10k p50 {l[name]['p50_ms'] / s[name]['p50_ms']:.2f}x ({l[name]['p50_ms']} vs {s[name]['p50_ms']} ms),"
          f" p90 {l[name]['p90_ms'] / s[name]['p90_ms']:.2f}x ({l[name]['p90_ms']} vs {s[name]['p90_ms']} ms)")
PY
echo "Plans of the first page of each list at 1M, as the service ran them (auto_explain: scans):"
echo "$sparse_plans"
