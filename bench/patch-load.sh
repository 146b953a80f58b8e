#!/usr/bin/env bash
# PATCH load benchmark of the service (JVM mode) against the raw Vert.x baseline (bench/BaselineServer.java) on the
# same data: 100,000 samples, 1,000 users in 50 organizations with mixed policies, 500 projects, 200 tags; a mix of
# allowed and denied PATCHes at a fixed concurrency, rounds alternating between the two. Prints throughput,
# p50/p90/p99 and the status mix per round, the medians, the service/baseline ratios, SQL statements per PATCH,
# start-to-ready time and RSS.
# Usage: bash bench/patch-load.sh
#   env: CONCURRENCY=16 ROUNDS=5 ROUND_SECONDS=20 WARMUP_SECONDS=60 BASELINE=true (false: the service alone)
#        SERVICE_JAVA_OPTS (extra JVM options of the service, e.g. a flight recording)
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${BENCH_PG_PORT:-55433}
WORK=$(pwd)/target/bench

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
CLASSPATH_LIBS="target/quarkus-app/lib/main/*:target/classes"
mkdir -p "$WORK/baseline"
javac -nowarn -d "$WORK/baseline" -cp "$CLASSPATH_LIBS" bench/BaselineServer.java
. bench/postgres.sh
bench_postgres "$WORK/patch-data" "$PGPORT" "-c max_connections=200 -c shared_preload_libraries=pg_stat_statements${BENCH_PG_EXTRA:-}"
trap bench_postgres_stop EXIT

java -cp "$CLASSPATH_LIBS" \
  -Dpg.url="jdbc:postgresql://localhost:$PGPORT/postgres?user=postgres" \
  -Dapp.port="${BENCH_APP_PORT:-8089}" -Dmanagement.port="${BENCH_MANAGEMENT_PORT:-9089}" -Dbaseline.port="${BENCH_BASELINE_PORT:-8090}" \
  -Dbaseline="${BASELINE:-true}" -Dservice.jvm.options="${SERVICE_JAVA_OPTS:-}" -Dconcurrency="${CONCURRENCY:-16}" -Drounds="${ROUNDS:-5}" \
  -Dround.seconds="${ROUND_SECONDS:-20}" -Dwarmup.seconds="${WARMUP_SECONDS:-60}" \
  bench/PatchLoad.java
