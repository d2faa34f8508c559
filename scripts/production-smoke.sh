#!/usr/bin/env bash
# Serve with the production command (gunicorn + whitenoise, env-only configuration) on a scratch
# SQLite database and check that the login page and a hashed static file answer.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$scratch"' EXIT
export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY="smoke-$(date +%s)-not-a-real-secret-but-long-enough-for-the-check"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=false
export DATABASE_URL="sqlite:///$scratch/db.sqlite3"
port=8765
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py collectstatic --noinput -v 0
.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$port" --workers 2 --log-level warning &
pid=$!
for _ in $(seq 1 40); do curl -fs -o /dev/null "http://127.0.0.1:$port/login/" 2>/dev/null && break; sleep 0.25; done
page=$(curl -fsS "http://127.0.0.1:$port/login/")
static=$(printf '%s' "$page" | grep -o '/static/vendor/htmx\.min\.[0-9a-f]*\.js' | head -n 1)
[ -n "$static" ] || { echo "login page does not reference the hashed htmx file"; exit 1; }
curl -fsS -o /dev/null "http://127.0.0.1:$port$static"
# Compressed: whitenoise serves the .gz it wrote at collectstatic to a browser that accepts it.
curl -fsS -o /dev/null -D - -H "Accept-Encoding: gzip" "http://127.0.0.1:$port$static" \
  | grep -qi "^Content-Encoding: gzip" || { echo "$static is not served gzip-compressed"; exit 1; }
# The favicon: linked as a hashed SVG, and /favicon.ico redirects to it instead of a 404.
icon=$(printf '%s' "$page" | grep -o '/static/img/favicon\.[0-9a-f]*\.svg' | head -n 1)
[ -n "$icon" ] || { echo "login page does not link the hashed favicon"; exit 1; }
curl -fsS -o /dev/null -w "%{http_code} %{redirect_url}\n" "http://127.0.0.1:$port/favicon.ico" \
  | grep -q "^301 .*$icon$" || { echo "/favicon.ico does not redirect to $icon"; exit 1; }
echo "production smoke: /login/, $static (gzip) and $icon served by gunicorn + whitenoise"
