#!/usr/bin/env bash
# System packages the app needs, installed the way the README promises (two commands, nothing
# else): Pango and the Noto CJK fonts for the PDF documents (WeasyPrint). With --test, also what
# the suite needs: Debian's chromium for the browser tests (Playwright's own download does not
# work here) and poppler-utils (pdftoppm renders every PDF to PNG in the document tests).
set -euo pipefail
need=()
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v pdftoppm >/dev/null || need+=(poppler-utils)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} …"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "WARNING: missing system packages ${need[*]} and cannot install them (need root):" \
       "run 'sudo apt-get install -y ${need[*]}'." >&2
fi
