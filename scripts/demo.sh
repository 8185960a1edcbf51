#!/usr/bin/env bash
# Opens the SafePost demo page in Chromium with the extension loaded.
#
# Content scripts run only on the eight social sites, so the demo server
# (scripts/demo-server.mjs: HTTPS, self-signed certificate, strict CSP) is
# reached as https://x.com/ through Chromium's --host-resolver-rules; the
# shipped manifest has no localhost match pattern. Without a display, prints
# how to do the same by hand. SAFEPOST_DEMO_SERVE=1 keeps the server running
# in that case (Ctrl+C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PORT=${SAFEPOST_DEMO_PORT:-8443}

[ -f extension/pkg/safepost_bg.wasm ] || scripts/build-extension.sh

RULES="MAP x.com 127.0.0.1:$PORT, MAP www.reddit.com 127.0.0.1:$PORT, MAP www.youtube.com 127.0.0.1:$PORT"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)

start_server() {
  node scripts/demo-server.mjs "$PORT" &
  SERVER=$!
  trap 'kill "$SERVER" 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "demo: the demo server did not start on port $PORT" >&2
  exit 1
}

if [ -n "${DISPLAY:-}" ] && [ -n "$CHROMIUM" ]; then
  start_server
  PROFILE=$(mktemp -d /tmp/safepost-demo-profile.XXXXXX)
  echo "demo: opening Chromium with SafePost on https://x.com/ (served locally on port $PORT); close it to stop"
  "$CHROMIUM" --user-data-dir="$PROFILE" --no-first-run --no-default-browser-check \
    --ignore-certificate-errors --host-resolver-rules="$RULES" \
    --disable-extensions-except="$ROOT" --load-extension="$ROOT" \
    "https://x.com/" >/dev/null 2>&1 || true
  rm -rf "$PROFILE"
  exit 0
fi

cat <<TXT
== SafePost demo (no display found, so nothing was opened)
The extension is built; the repository root is the unpacked extension.
To try it on a machine with a display:
  1. Serve the demo page:   node scripts/demo-server.mjs $PORT
  2. Start Chromium with the demo hostnames mapped to it and the extension loaded:
       chromium --user-data-dir=\$(mktemp -d) --ignore-certificate-errors \\
         --host-resolver-rules="$RULES" \\
         --load-extension=$ROOT https://x.com/
     (or, in your own Chrome/Edge started with the same two flags: chrome://extensions
      -> Developer mode -> Load unpacked -> $ROOT)
  3. Open https://x.com/ — it is the local demo page (one box per editor kind),
     not the real site. Type e.g. "pt Maria G, 84F, MRN 00482913".
Or run this script where \$DISPLAY is set (e.g. xvfb-run scripts/demo.sh).
TXT
if [ "${SAFEPOST_DEMO_SERVE:-0}" = 1 ]; then
  start_server
  echo "demo: serving on https://127.0.0.1:$PORT (as https://x.com/ with the flags above); Ctrl+C to stop"
  wait "$SERVER"
fi
