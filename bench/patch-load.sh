#!/usr/bin/env bash
# PATCH load benchmark of the service (JVM mode) against two anchors on the same data: the textbook peer (bench/peer,
# the PATCH as the Quarkus guides write it) and the raw Vert.x baseline (bench/BaselineServer.java). 100,000 samples,
# 1,000 users in 50 organizations with mixed policies, 500 projects, 200 tags; a mix of allowed and denied PATCHes at
# a fixed concurrency, each server warmed up until its throughput is steady, then rounds rotating among the servers.
# Prints throughput, p50/p90/p99 and the status mix per round, the medians, the ratios beside the issue's gates, SQL
# statements and CPU per PATCH, start-to-ready time and RSS.
# Usage: bash bench/patch-load.sh
#   env: CONCURRENCY=16 ROUNDS=5 ROUND_SECONDS=20 WARMUP_SECONDS=180 (the most warm-up per server)
#        BASELINE=false (no baseline)  PEER=false (no peer)
#        REPLICA_LIMITS=true (also the service with per-replica rate limits: what shared limits cost)
#        IMAGE_SETTINGS=false (the JVM's defaults, no AOT cache)
#        SERVICE_JAVA_OPTS, PEER_JAVA_OPTS (extra JVM options, e.g. a flight recording)
#        SAMPLES_JDK25 (the JDK to run on; default /usr/lib/jvm/temurin-25-jdk-amd64 when present, else `java`)
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${BENCH_PG_PORT:-55433}
WORK=$(pwd)/target/bench
PEER_JAR=bench/peer/target/quarkus-app/quarkus-run.jar

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
if [ "${PEER:-true}" != false ] && { [ ! -f "$PEER_JAR" ] \
    || [ -n "$(find bench/peer/pom.xml bench/peer/src -newer "$PEER_JAR" -type f | head -1)" ]; }; then
  ./mvnw -q -B -f bench/peer/pom.xml package -DskipTests
fi
# The JDK of the JVM image (Java 25), as .ci/run picks it: the service's AOT cache is used only by the JDK that
# recorded it.
JDK_BIN=
for jdk in "${SAMPLES_JDK25:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [ -n "$jdk" ] && [ -x "$jdk/bin/java" ]; then
    JDK_BIN=$jdk/bin/
    break
  fi
done
CLASSPATH_LIBS="target/quarkus-app/lib/main/*:target/classes"
mkdir -p "$WORK/baseline"
"${JDK_BIN}javac" -nowarn -d "$WORK/baseline" -cp "$CLASSPATH_LIBS" bench/BaselineServer.java
. bench/postgres.sh
bench_postgres "$WORK/patch-data" "$PGPORT" "-c max_connections=200 -c shared_preload_libraries=pg_stat_statements${BENCH_PG_EXTRA:-}"
trap bench_postgres_stop EXIT

"${JDK_BIN}java" -cp "$CLASSPATH_LIBS" \
  -Dpg.url="jdbc:postgresql://localhost:$PGPORT/postgres?user=postgres" \
  -Dapp.port="${BENCH_APP_PORT:-8089}" -Dmanagement.port="${BENCH_MANAGEMENT_PORT:-9089}" -Dbaseline.port="${BENCH_BASELINE_PORT:-8090}" \
  -Dpeer.port="${BENCH_PEER_PORT:-8091}" -Dpeer.management.port="${BENCH_PEER_MANAGEMENT_PORT:-9091}" \
  -Dbaseline="${BASELINE:-true}" -Dpeer="${PEER:-true}" -Dreplica.limits="${REPLICA_LIMITS:-false}" -Dimage.settings="${IMAGE_SETTINGS:-true}" \
  -Dservice.jvm.options="${SERVICE_JAVA_OPTS:-}" -Dpeer.jvm.options="${PEER_JAVA_OPTS:-}" \
  -Dconcurrency="${CONCURRENCY:-16}" -Drounds="${ROUNDS:-5}" -Dround.seconds="${ROUND_SECONDS:-20}" \
  -Dwarmup.seconds="${WARMUP_SECONDS:-180}" -Dwarmup.round.seconds="${WARMUP_ROUND_SECONDS:-10}" \
  bench/PatchLoad.java
