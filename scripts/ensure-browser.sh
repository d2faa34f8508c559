#!/usr/bin/env bash
# Browser tests drive Debian's chromium (Playwright's own browser download does not work here).
# Install it with the CJK fonts when it is missing and we may; otherwise say so loudly.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing chromium and fonts-noto-cjk for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
else
  echo "WARNING: /usr/bin/chromium or the Noto CJK fonts are missing and cannot be installed" \
       "(need root): run 'sudo apt-get install -y chromium fonts-noto-cjk'." >&2
fi
