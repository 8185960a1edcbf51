#!/usr/bin/env bash
# Packages the built extension for distribution, in one command:
#   dist/safepost-<version>.zip          Chrome Web Store / Edge Add-ons upload (no `key`: the stores assign the ID)
#   dist/safepost-<version>.crx          signed CRX3 for self-hosting (ID fixed by the signing key)
#   dist/update.xml                      update manifest pointing at the CRX
#   dist/safepost-<version>-firefox.xpi  Firefox build (gecko ID, background.scripts); sign it on AMO before deploying
# Only what the manifest needs goes in: manifest.json, the extension's runtime
# files (extension/ minus tests, demos, docs, typings) and the built WASM.
#
# Environment:
#   SAFEPOST_KEY=path.pem       signing key (default: the CI/test key tests/keys/test-key.pem;
#                               real deployments use their own key, kept out of the repo)
#   SAFEPOST_CRX_URL=url        where the CRX will be served, for update.xml
#                               (default https://updates.example.org/safepost/safepost-<version>.crx)
#   SAFEPOST_DIST=dir           output directory (default dist)
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_ZIP_BYTES=$((3 * 1024 * 1024))
GECKO_ID="safepost@safepost.app"   # = safepost::policy::GECKO_ID
KEY=${SAFEPOST_KEY:-tests/keys/test-key.pem}
DIST=${SAFEPOST_DIST:-dist}

[ -f "$KEY" ] || { echo "package: signing key $KEY not found" >&2; exit 1; }
if [ ! -f extension/pkg/safepost_bg.wasm ]; then
  if [ -x scripts/build-extension.sh ]; then scripts/build-extension.sh; fi
  [ -f extension/pkg/safepost_bg.wasm ] || { echo "package: extension/pkg is not built (run scripts/build-extension.sh)" >&2; exit 1; }
fi

VERSION=$(node -p 'require("./manifest.json").version')
read -r EXT_ID PUBKEY < <(node scripts/crx3.mjs --id "$KEY")
CRX_URL=${SAFEPOST_CRX_URL:-https://updates.example.org/safepost/safepost-$VERSION.crx}

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$DIST" "$STAGE/chrome" "$STAGE/store" "$STAGE/firefox"

# Runtime files: extension/ without tests, demos, docs, typings and wasm-pack's npm metadata.
(
  find extension -type f \
    ! -path '*/test/*' ! -path '*/tests/*' ! -path '*/demo/*' ! -name '*.test.*' \
    ! -name '*.d.ts' ! -name '*.md' ! -name '.gitignore' ! -name '*.map' \
    ! -path 'extension/pkg/package.json' ! -name '*~'
  # models the manifest or the code refer to, if the project has a top-level models/ folder
  if [ -d models ]; then find models -type f ! -name '*.md'; fi
) | LC_ALL=C sort > "$STAGE/files"
while read -r f; do
  for d in chrome store firefox; do mkdir -p "$STAGE/$d/$(dirname "$f")"; cp "$f" "$STAGE/$d/$f"; done
done < "$STAGE/files"

# Three manifests generated from the one in the repo.
KEY_B64="$PUBKEY" GECKO_ID="$GECKO_ID" STAGE="$STAGE" node - <<'JS'
const fs = require('fs');
const m = JSON.parse(fs.readFileSync('manifest.json', 'utf8'));
const write = (dir, obj) => fs.writeFileSync(`${process.env.STAGE}/${dir}/manifest.json`, JSON.stringify(obj, null, 2) + '\n');
// Self-hosted CRX: the key that signs it (its public half fixes the ID).
write('chrome', { ...m, key: process.env.KEY_B64 });
// Store upload: the stores refuse a `key` and assign their own ID.
const store = { ...m };
delete store.key;
write('store', store);
// Firefox: an event page with background.scripts (no MV3 service worker), a gecko ID.
const ff = { ...m };
delete ff.key;
delete ff.minimum_chrome_version;
if (ff.storage) delete ff.storage.managed_schema; // Firefox reads policy without a schema
if (ff.storage && Object.keys(ff.storage).length === 0) delete ff.storage;
ff.background = { scripts: [m.background.service_worker], type: 'module' };
ff.permissions = (m.permissions || []).filter((p) => p !== 'offscreen'); // Firefox has no offscreen documents (the text checks run in the background script)
ff.browser_specific_settings = { gecko: { id: process.env.GECKO_ID, strict_min_version: '128.0' } };
write('firefox', ff);
// Every file the manifest names must be in the package.
const named = [m.background.service_worker, m.action?.default_popup, m.options_ui?.page, m.storage?.managed_schema,
  ...(m.content_scripts || []).flatMap((c) => [...(c.js || []), ...(c.css || [])]),
  ...Object.values(m.icons || {}), ...Object.values(m.action?.default_icon || {}),
  // read by the code: the core's word lists (extension/offscreen/text-analysis.js)
  'extension/pkg/lexicons.txt',
  // opened by URL from the code: the offscreen text engine (extension/background/text-engine.js)
  ...(m.permissions?.includes('offscreen') ? ['extension/offscreen/engine.html', 'extension/offscreen/engine.js', 'extension/offscreen/text-worker.js'] : []),
].filter(Boolean);
const missing = named.filter((f) => !fs.existsSync(`${process.env.STAGE}/chrome/${f}`));
if (missing.length) { console.error(`package: the manifest names missing files: ${missing.join(', ')}`); process.exit(1); }
JS

zipdir() { # zipdir DIR OUT: deterministic zip (fixed timestamps, sorted entries, no extra attributes)
  (cd "$1" && find . -type f -exec touch -d '2020-01-01 00:00:00 UTC' {} + && find . -type f | LC_ALL=C sort | sed 's|^\./||' \
    | zip -q -X -9 -@ "$2")
}
DIST=$(cd "$DIST" && pwd)
ZIP="$DIST/safepost-$VERSION.zip"
XPI="$DIST/safepost-$VERSION-firefox.xpi"
CRX="$DIST/safepost-$VERSION.crx"
rm -f "$ZIP" "$XPI" "$CRX" "$STAGE/chrome.zip"
zipdir "$STAGE/store" "$ZIP"
zipdir "$STAGE/firefox" "$XPI"
zipdir "$STAGE/chrome" "$STAGE/chrome.zip"
node scripts/crx3.mjs "$KEY" "$STAGE/chrome.zip" "$CRX" >/dev/null

cat > "$DIST/update.xml" <<XML
<?xml version='1.0' encoding='UTF-8'?>
<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>
  <app appid='$EXT_ID'>
    <updatecheck codebase='$CRX_URL' version='$VERSION'/>
  </app>
</gupdate>
XML

size=$(stat -c %s "$ZIP")
echo "package: extension ID $EXT_ID (key $KEY), version $VERSION"
for f in "$ZIP" "$CRX" "$XPI" "$DIST/update.xml"; do printf '  %-48s %8d bytes\n' "${f#"$PWD"/}" "$(stat -c %s "$f")"; done
if [ "$size" -gt "$MAX_ZIP_BYTES" ]; then
  echo "package: the store zip is $size bytes, over the 3 MB bar" >&2
  exit 1
fi
