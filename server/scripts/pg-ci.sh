#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster for the server tests and prints its DATABASE_URL
# on stdout (everything else goes to stderr). Run as root; the cluster runs as `postgres`.
#
#   export DATABASE_URL="$(server/scripts/pg-ci.sh)"
#   ... run the tests ...
#   server/scripts/pg-ci.sh stop      # stops the cluster and deletes its directory
#
# The cluster lives in a temp dir recorded in /tmp/encore-pg-ci.dir; trust auth on
# 127.0.0.1 only, a free port, fsync off (a test database need not survive a power cut).
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
STATE_FILE="${ENCORE_PG_STATE:-/tmp/encore-pg-ci.dir}"

run_as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = "stop" ]; then
  if [ -f "$STATE_FILE" ]; then
    dir="$(cat "$STATE_FILE")"
    run_as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
    rm -rf "$dir" "$STATE_FILE"
  fi
  exit 0
fi

if [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL 15 not found in $PG_BIN (apt-get install -y postgresql-15)" >&2
  exit 1
fi

dir="$(mktemp -d /tmp/encore-pg-XXXXXX)"
chown postgres:postgres "$dir" 2>/dev/null || true
echo "$dir" >"$STATE_FILE"

port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

run_as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
  --no-instructions >&2
run_as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
  start >&2
run_as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres encore_test >&2

echo "postgres://postgres@127.0.0.1:$port/encore_test"
