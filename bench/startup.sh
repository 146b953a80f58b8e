#!/usr/bin/env bash
# Start-up benchmark: 10 starts of the packaged service (as shipped, and with Flyway at start; on Java 25 with the AOT
# cache too when target/quarkus-app/app.aot exists) and of the raw Vert.x baseline, each from process start to a ready
# /q/health/ready against an already migrated database. Prints median, min and max, the ratios to the baseline, and
# what the phases cost. See bench/README.md.
# Usage: bash bench/startup.sh
#   env: STARTS=10 AOT_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java (the JDK that built the AOT cache)
set -euo pipefail
cd "$(dirname "$0")/.."
PGPORT=${BENCH_PG_PORT:-55435}
WORK=$(pwd)/target/bench

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
CLASSPATH_LIBS="target/quarkus-app/lib/main/*:target/classes"
mkdir -p "$WORK/startup"
javac -nowarn -d "$WORK/startup" -cp "$CLASSPATH_LIBS" bench/PatchLoad.java bench/BaselineServer.java bench/Startup.java
. bench/postgres.sh
bench_postgres "$WORK/startup-data" "$PGPORT"
trap bench_postgres_stop EXIT

AOT_JAVA=${AOT_JAVA:-}
if [ -z "$AOT_JAVA" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  AOT_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
java -cp "$WORK/startup:$CLASSPATH_LIBS" \
  -Dpg.url="jdbc:postgresql://localhost:$PGPORT/postgres?user=postgres" \
  -Dapp.port="${BENCH_APP_PORT:-8092}" -Dmanagement.port="${BENCH_MANAGEMENT_PORT:-9092}" -Dstarts="${STARTS:-10}" -Daot.java="$AOT_JAVA" \
  Startup
