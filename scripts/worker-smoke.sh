#!/usr/bin/env bash
# CI: a fresh PostgreSQL database, two background workers (`manage.py run_worker`) and jobs
# enqueued by another process; fails unless the workers complete every job within 60 s.
set -euo pipefail
url="$1"
export DATABASE_URL="$url" DJANGO_SETTINGS_MODULE=config.settings.development
db="${url##*/}"
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
py=.venv/bin/python
"$py" manage.py migrate --noinput -v0
pids=()
for n in 1 2; do
  "$py" manage.py run_worker --interval 0.2 >"/tmp/kam-worker-$n.log" 2>&1 &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null || true; psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
"$py" manage.py jobs_check --jobs 20 --timeout 60
