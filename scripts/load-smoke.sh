#!/usr/bin/env bash
# CI: load and crash smoke on a fresh database (SQLite file or PostgreSQL) with the production
# command (gunicorn, 3 workers, env-only configuration): seed the demo, 20 users for 30 s
# (bench/load.py), then workers and the master killed during a write load (bench/crash.py).
# Fails on any 5xx, connection error or acknowledged write missing.
#   bash scripts/load-smoke.sh sqlite:////tmp/kam-load.sqlite3
#   bash scripts/load-smoke.sh postgres://postgres@127.0.0.1:5432/kam_load_ci
set -euo pipefail
cd "$(dirname "$0")/.."
url="$1"
users="${LOAD_USERS:-20}" duration="${LOAD_DURATION:-30}" crash_duration="${CRASH_DURATION:-20}"
export DATABASE_URL="$url" DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY="load-smoke-$(date +%s)-not-a-real-secret-but-long-enough-for-the-check"
export DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=false
py=.venv/bin/python
port="${LOAD_PORT:-8766}"
case "$url" in
  sqlite:*)
    file="${url#sqlite://}"
    rm -f "$file" "$file-wal" "$file-shm"
    cleanup_db() { rm -f "$file" "$file-wal" "$file-shm"; } ;;
  postgres*)
    db="${url##*/}"
    dropdb -h 127.0.0.1 -U postgres --if-exists "$db"
    createdb -h 127.0.0.1 -U postgres "$db"
    cleanup_db() { dropdb -h 127.0.0.1 -U postgres --if-exists "$db" 2>/dev/null || true; } ;;
  *) echo "unsupported DATABASE_URL: $url"; exit 2 ;;
esac
pid=
stop_server() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; pid=; }
trap 'stop_server; cleanup_db' EXIT
"$py" manage.py migrate --noinput -v0
"$py" manage.py collectstatic --noinput -v0
"$py" manage.py seed_demo | sed -n 1p
.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$port" --workers 3 --timeout 60 --log-level warning &
pid=$!
for _ in $(seq 1 80); do curl -fs -o /dev/null "http://127.0.0.1:$port/login/" 2>/dev/null && break; sleep 0.25; done
"$py" bench/load.py --base-url "http://127.0.0.1:$port" --users "$users" --duration "$duration"
stop_server
"$py" bench/crash.py --port $((port + 1)) --duration "$crash_duration"
