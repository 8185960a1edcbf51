#!/usr/bin/env bash
# Installs everything SafePost needs on a fresh Debian machine (idempotent):
# system packages (Chromium for the extension tests, exiftool for photo
# fixtures), the wasm32 Rust target, the pinned wasm-bindgen CLI, and the
# npm packages (playwright-core, binaryen's wasm-opt, editor libraries).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the `wasm-bindgen = "=..."` pin in Cargo.toml

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
for pair in chromium:chromium chromedriver:chromium-driver Xvfb:xvfb exiftool:libimage-exiftool-perl \
            zip:zip openssl:openssl node:nodejs npm:npm gcc:build-essential pkg-config:pkg-config curl:curl; do
  cmd=${pair%%:*}; pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: installing Rust"
  curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  # shellcheck disable=SC1091
  . "$HOME/.cargo/env"
fi
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-pack drives the WASM build (scripts/build-extension.sh); it uses the pinned wasm-bindgen above.
if ! command -v wasm-pack >/dev/null 2>&1; then
  echo "setup: installing wasm-pack (a few minutes)"
  cargo install -q wasm-pack --locked
fi

if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
elif [ -f package.json ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
echo "setup: done"
