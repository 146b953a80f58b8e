#!/usr/bin/env bash
# Policy tightening benchmark: an organization admin tightens an organization whose members own 100,000 shared and
# public samples to private, through the API, while 16 clients PATCH samples of 50 other organizations. Prints the
# tightening's duration, the samples it lowered, the locks it held, and the other organizations' PATCH throughput and
# latency while it ran against a quiet window just before (ratios), and the same tightening with no other load.
# See bench/README.md.
# Usage: bash bench/policy-tightening.sh
#   env: CONCURRENCY=16 WARMUP_SECONDS=60 QUIET_SECONDS=10
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${BENCH_PG_PORT:-55434}
WORK=$(pwd)/target/bench

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
CLASSPATH_LIBS="target/quarkus-app/lib/main/*:target/classes"
mkdir -p "$WORK/tightening"
javac -nowarn -d "$WORK/tightening" -cp "$CLASSPATH_LIBS" bench/PatchLoad.java bench/PolicyTightening.java
. bench/postgres.sh
bench_postgres "$WORK/tightening-data" "$PGPORT" "-c max_connections=200"
trap bench_postgres_stop EXIT

java -cp "$WORK/tightening:$CLASSPATH_LIBS" \
  -Dpg.url="jdbc:postgresql://localhost:$PGPORT/postgres?user=postgres" \
  -Dapp.port="${BENCH_APP_PORT:-8091}" -Dmanagement.port="${BENCH_MANAGEMENT_PORT:-9091}" -Dconcurrency="${CONCURRENCY:-16}" \
  -Dwarmup.seconds="${WARMUP_SECONDS:-60}" -Dquiet.seconds="${QUIET_SECONDS:-10}" \
  PolicyTightening
