#!/usr/bin/env bash
# Builds the WASM core into extension/pkg/ so the repository root loads as an
# unpacked MV3 extension (chrome://extensions → Load unpacked → repo root).
#
# wasm-pack (--target web: an ES module the module service worker imports)
# runs cargo and the pinned wasm-bindgen; we skip its own wasm-opt step and
# run npm binaryen's wasm-opt -Oz instead (Debian's older wasm-opt emits
# modules Chromium rejects). Prints the .wasm size raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=${SAFEPOST_WASM_PROFILE:-wasm}   # Cargo.toml [profile.wasm]: release with opt-level "s"
OUT=extension/pkg
# WebAssembly SIMD (Chromium 91+): the face detector's vector loops
# auto-vectorise, which the 12 MP photo bar (150 ms) needs.
export RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128"

if command -v wasm-pack >/dev/null 2>&1; then
  wasm-pack --quiet build --target web --no-opt --no-pack --profile "$PROFILE" \
    --out-dir "$OUT" --out-name safepost . >/dev/null
else
  # The same two steps wasm-pack runs, for machines where it is not installed yet.
  echo "build-extension: wasm-pack not found; running cargo and wasm-bindgen directly" >&2
  cargo build --quiet --lib --target wasm32-unknown-unknown --profile "$PROFILE"
  wasm-bindgen --target web --out-dir "$OUT" --out-name safepost \
    "target/wasm32-unknown-unknown/$PROFILE/safepost.wasm"
fi

WASM_OPT=""
for cand in node_modules/.bin/wasm-opt node_modules/binaryen/bin/wasm-opt; do
  if [ -x "$cand" ]; then WASM_OPT=$cand; break; fi
done
if [ -n "$WASM_OPT" ]; then
  # The features wasm-bindgen 0.2.130's output relies on (Rust's default wasm32 target features).
  "$WASM_OPT" -Oz --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$OUT/safepost_bg.wasm" -o "$OUT/safepost_bg.opt.wasm"
  mv "$OUT/safepost_bg.opt.wasm" "$OUT/safepost_bg.wasm"
else
  echo "build-extension: npm binaryen not installed (scripts/setup.sh); .wasm left unoptimised" >&2
fi
rm -f "$OUT/.gitignore" "$OUT/package.json" "$OUT/README.md"

# The core's word lists ship beside the .wasm, not inside it (keeps the module
# under its 1.5 MB budget); the extension installs them at start-up
# (install_lexicons). Order and names: safepost::text::lexicon::LIST_FILES.
LISTS="first_names.txt word_names.txt surnames.txt common_words.txt places.txt regions.txt drugs.txt eponyms.txt clinical_words.txt organisations.txt public_figures.txt"
{
  for f in $LISTS; do
    printf '##file %s\n' "$f"
    cat "src/text/data/$f"
    [ -z "$(tail -c1 "src/text/data/$f")" ] || echo
  done
} >"$OUT/lexicons.txt"

raw=$(wc -c <"$OUT/safepost_bg.wasm")
gz=$(gzip -9c "$OUT/safepost_bg.wasm" | wc -c)
echo "build-extension: $OUT/safepost_bg.wasm ${raw} bytes raw, ${gz} bytes gzip; word lists $(wc -c <"$OUT/lexicons.txt") bytes"
