#!/usr/bin/env bash
# `make run`: one background worker (imports, document packs, the daily digests) beside the
# development server; stopping the server (Ctrl+C) stops the worker too.
set -euo pipefail
host="${1:-127.0.0.1}" port="${2:-8000}"
py=.venv/bin/python
"$py" manage.py enqueue_periodic >/dev/null
"$py" manage.py run_worker --interval 1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo "Background worker started (pid $worker)."
echo "Serving on http://$host:$port/ (Ctrl+C to stop)"
"$py" manage.py runserver "$host:$port"
