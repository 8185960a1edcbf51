#!/usr/bin/env bash
# Benchmarks (not timed tests): the native text checks (`safepost bench`),
# then the extension in headless Chromium — keystroke → updated highlight
# p50/p95 on a 280- and a 5,000-char post in each fixture editor, WASM
# analysis time per call in the service worker, .wasm size raw and gzip, and
# the content script's start-up, then the photo checks (12 MP JPEG, metadata-only),
# then the popup's first view (the real action popup; floor and tab for comparison).
# Prints compact tables the README can quote.
# Usage: scripts/bench.sh [--samples N] [--kinds draft,lexical,quill,contenteditable,textarea]
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/playwright-core ] || scripts/setup.sh
echo "== Native core (safepost bench)"
cargo build --release --quiet --bin safepost
./target/release/safepost bench
./target/release/safepost bench --posts ../shared/eval/dev-posts.jsonl 2>/dev/null | sed 's/^native text analysis/dev-set posts:/' || true
if command -v valgrind >/dev/null && command -v python3 >/dev/null; then
  echo "== Native core, load-independent (scripts/text-cost.sh, callgrind)"
  scripts/text-cost.sh
fi
if [ ! -f extension/pkg/safepost_bg.wasm ]; then
  echo "== Building the extension (scripts/build-extension.sh)"
  scripts/build-extension.sh
fi
echo
echo "== Extension in headless Chromium (tests/e2e/bench/browser-bench.mjs)"
node tests/e2e/bench/browser-bench.mjs "$@"
echo
echo "== Photo checks in the extension (tests/e2e/bench/photo-bench.mjs)"
node tests/e2e/bench/photo-bench.mjs --samples 9
echo
echo "== Popup first view (tests/e2e/bench/popup-bench.mjs)"
node tests/e2e/bench/popup-bench.mjs --samples 25
