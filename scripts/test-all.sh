#!/usr/bin/env bash
# Runs every SafePost test: Rust unit, integration and property tests (incl.
# the dev-set detection bars), then the extension's JavaScript and
# end-to-end browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
echo "== Rust tests"
cargo test --all-targets
echo "== WASM build and extension"
scripts/build-extension.sh
echo "== JavaScript and browser tests"
npm test
