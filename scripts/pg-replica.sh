#!/usr/bin/env bash
# A local PostgreSQL primary and its streaming replica, to try DATABASE_REPLICA_URL and for the
# replica smoke (scripts/replica-smoke.sh). Both are clusters of their own, made here with
# initdb and pg_basebackup under PG_REPLICA_DIR (default /tmp/kam-pg-replica); the system
# cluster is not touched. Throwaway: fsync is off and `stop` deletes both.
#   bash scripts/pg-replica.sh start    # primary on PG_PRIMARY_PORT (5442), replica on
#                                       # PG_REPLICA_PORT (5443); returns once it streams
#   bash scripts/pg-replica.sh status   # exit 0 while the replica streams from the primary
#   bash scripts/pg-replica.sh stop     # stops both and deletes their data
# PostgreSQL refuses to run as root: run as root, it runs the server as the postgres user.
# The server binaries come from PG_BINDIR (default: the newest /usr/lib/postgresql/*/bin).
set -euo pipefail
dir="${PG_REPLICA_DIR:-/tmp/kam-pg-replica}"
primary_port="${PG_PRIMARY_PORT:-5442}"
replica_port="${PG_REPLICA_PORT:-5443}"
bindir="${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
[ -x "$bindir/pg_basebackup" ] || { echo "pg-replica: no PostgreSQL server binaries (set PG_BINDIR)" >&2; exit 2; }

as_postgres() {  # run from $dir: the postgres user may not enter the caller's directory
  if [ "$(id -u)" = 0 ]; then (cd "$dir" && runuser -u postgres -- "$@"); else (cd "$dir" && "$@"); fi
}
sql() { as_postgres "$bindir/psql" -h 127.0.0.1 -p "$1" -U postgres -d postgres -XAtqc "$2"; }
is_running() { [ -f "$dir/$1/PG_VERSION" ] && as_postgres "$bindir/pg_ctl" -D "$dir/$1" status >/dev/null 2>&1; }
state() {  # "streaming" when the primary sends to the replica and the replica is in recovery
  local sending recovering
  sending=$(sql "$primary_port" "SELECT state FROM pg_stat_replication LIMIT 1" 2>/dev/null || true)
  recovering=$(sql "$replica_port" "SELECT pg_is_in_recovery()" 2>/dev/null || true)
  if [ "$sending" = streaming ] && [ "$recovering" = t ]; then echo streaming; else echo "not streaming (primary: ${sending:-none}, replica in recovery: ${recovering:-no answer})"; fi
}
urls() {
  echo "primary: postgres://postgres@127.0.0.1:$primary_port/<database>  (DATABASE_URL)"
  echo "replica: postgres://postgres@127.0.0.1:$replica_port/<database>  (DATABASE_REPLICA_URL)"
}

stop() {
  for cluster in replica primary; do
    if is_running "$cluster"; then as_postgres "$bindir/pg_ctl" -D "$dir/$cluster" -m fast -w stop >/dev/null; fi
  done
  rm -rf "$dir"
}

start() {
  if is_running primary && is_running replica && [ "$(state)" = streaming ]; then
    echo "pg-replica: already streaming"; urls; return 0
  fi
  stop  # whatever is left of an earlier run
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_postgres "$bindir/initdb" -D "$dir/primary" -U postgres --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 --no-instructions >/dev/null
  # initdb's pg_hba.conf already trusts replication connections from 127.0.0.1.
  cat >>"$dir/primary/postgresql.conf" <<EOF
port = $primary_port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
wal_level = replica
max_wal_senders = 4
max_replication_slots = 4
hot_standby = on
fsync = off
EOF
  as_postgres "$bindir/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w start >/dev/null
  # -R: standby.signal and primary_conninfo; -C -S: a slot, so the primary keeps the WAL the
  # replica has not received yet.
  as_postgres "$bindir/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres \
    -D "$dir/replica" -R -X stream -C -S kam_replica --checkpoint=fast
  echo "port = $replica_port" >>"$dir/replica/postgresql.conf"
  as_postgres "$bindir/pg_ctl" -D "$dir/replica" -l "$dir/replica.log" -w start >/dev/null
  for _ in $(seq 1 60); do
    if [ "$(state)" = streaming ]; then echo "pg-replica: streaming"; urls; return 0; fi
    sleep 0.5
  done
  echo "pg-replica: the replica did not start streaming: $(state)" >&2
  tail -n 20 "$dir/replica.log" >&2 || true
  return 1
}

status() {
  local now
  now=$(state)
  echo "pg-replica: $now"
  [ "$now" = streaming ] && urls
  [ "$now" = streaming ]
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
