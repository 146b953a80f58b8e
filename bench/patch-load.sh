#!/usr/bin/env bash
# PATCH load benchmark of the service (JVM mode): 100,000 samples, 1,000 users in 50 organizations with mixed
# policies, 500 projects, 200 tags; a mix of allowed and denied PATCHes at a fixed concurrency. Prints throughput,
# p50/p90/p99 and the status mix per round, the medians, SQL statements per PATCH, start-to-ready time and RSS.
# Usage: bash bench/patch-load.sh      (env: CONCURRENCY=16 ROUNDS=3 ROUND_SECONDS=20 WARMUP_SECONDS=20)
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${BENCH_PG_PORT:-55433}
APPPORT=${BENCH_APP_PORT:-8089}
WORK=$(pwd)/target/bench

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
. bench/postgres.sh
bench_postgres "$WORK/patch-data" "$PGPORT" "-c max_connections=200 -c shared_preload_libraries=pg_stat_statements${BENCH_PG_EXTRA:-}"
trap bench_postgres_stop EXIT

java -cp "target/quarkus-app/lib/main/*" \
  -Dpg.url="jdbc:postgresql://localhost:$PGPORT/postgres?user=postgres" -Dapp.port="$APPPORT" \
  -Dconcurrency="${CONCURRENCY:-16}" -Drounds="${ROUNDS:-3}" \
  -Dround.seconds="${ROUND_SECONDS:-20}" -Dwarmup.seconds="${WARMUP_SECONDS:-20}" \
  bench/PatchLoad.java
