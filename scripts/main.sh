#!/usr/bin/env bash
# The main job: set up, build the CLI and the extension, score detection on
# the shared dev set, scan an example draft, then open Chromium with the
# extension on the demo page (or say how to load it without a display).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cargo build --release
scripts/build-extension.sh
dev=../shared/eval/dev-posts.jsonl
if [ -f "$dev" ]; then
  echo "== Detection on the shared dev set"
  ./target/release/safepost eval "$dev" --no-misses
fi
echo "== Example scan"
printf '%s\n' "pt Maria G, 84F from Bakersfield, came in this morning s/p fall, MRN 00482913" | ./target/release/safepost scan
scripts/demo.sh
