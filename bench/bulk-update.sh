#!/usr/bin/env bash
# Bulk change benchmark: one user's 10,000 private samples made shared in one POST /api/v1/samples/bulk_update (by ids,
# then by where), against 10,000 single PATCHes of the same samples from 16 clients. Prints each one's time end to
# end, the SQL statements each ran (pg_stat_statements), and the ratio. See bench/README.md.
# Usage: bash bench/bulk-update.sh
#   env: CONCURRENCY=16 WARMUP_SECONDS=30
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${BENCH_PG_PORT:-55435}
WORK=$(pwd)/target/bench

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
CLASSPATH_LIBS="target/quarkus-app/lib/main/*:target/classes"
mkdir -p "$WORK/bulk"
javac -nowarn -d "$WORK/bulk" -cp "$CLASSPATH_LIBS" bench/PatchLoad.java bench/BulkUpdateBench.java
. bench/postgres.sh
bench_postgres "$WORK/bulk-data" "$PGPORT" "-c max_connections=200 -c shared_preload_libraries=pg_stat_statements"
trap bench_postgres_stop EXIT

java -cp "$WORK/bulk:$CLASSPATH_LIBS" \
  -Dpg.url="jdbc:postgresql://localhost:$PGPORT/postgres?user=postgres" \
  -Dapp.port="${BENCH_APP_PORT:-8093}" -Dmanagement.port="${BENCH_MANAGEMENT_PORT:-9093}" \
  -Dconcurrency="${CONCURRENCY:-16}" -Dwarmup.seconds="${WARMUP_SECONDS:-30}" \
  BulkUpdateBench
