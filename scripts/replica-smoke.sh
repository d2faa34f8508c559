#!/usr/bin/env bash
# CI: the replica smoke. Starts a local primary and its streaming replica (scripts/pg-replica.sh,
# ports PG_PRIMARY_PORT/PG_REPLICA_PORT, default 5442/5443), migrates a fresh database on the
# primary with DATABASE_REPLICA_URL set, then runs tests/replica/ against both: a write lands on
# the primary, the portfolio pages read the replica, a client that just posted reads the
# primary, an unreachable replica leaves the pages on the primary. Stops and deletes both
# clusters on the way out, failed or not.
#   bash scripts/replica-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PG_PRIMARY_PORT="${PG_PRIMARY_PORT:-5442}" PG_REPLICA_PORT="${PG_REPLICA_PORT:-5443}"
export PG_REPLICA_DIR="${PG_REPLICA_DIR:-/tmp/kam-replica-smoke}"
trap 'bash scripts/pg-replica.sh stop' EXIT
bash scripts/pg-replica.sh start
database=kam_replica_smoke
createdb -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres "$database"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PRIMARY_PORT/$database"
export DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:$PG_REPLICA_PORT/$database"
.venv/bin/python manage.py migrate --noinput -v0
KAM_REQUIRE_REPLICA=1 .venv/bin/pytest -p no:cacheprovider -n 0 -q -ra tests/replica
