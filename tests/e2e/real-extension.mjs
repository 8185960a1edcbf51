// Shared by the test files that drive the real, shipped extension (repo root).
import fs from 'node:fs';
import path from 'node:path';
import { EXTENSION_DIR as REPO_ROOT } from './harness/index.mjs';

/**
 * Why the real extension cannot be loaded, or null. The manifest's content
 * script and the built WASM (scripts/build-extension.sh) must exist; in CI
 * scripts/test-all.sh builds it before `npm test`.
 */
export function realExtensionMissing() {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'manifest.json'), 'utf8'));
  const files = [manifest.background?.service_worker, ...(manifest.content_scripts ?? []).flatMap((c) => c.js ?? [])]
    .filter(Boolean);
  const missing = files.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)));
  if (!fs.existsSync(path.join(REPO_ROOT, 'extension/pkg/safepost_bg.wasm'))) missing.push('extension/pkg/safepost_bg.wasm (run scripts/build-extension.sh)');
  if (!missing.length) return null;
  const why = `the extension is not built yet: missing ${missing.join(', ')}`;
  // In CI the build runs first (scripts/test-all.sh): a missing file is a failure there, not a skip.
  if (process.env.CI) throw new Error(why);
  return why;
}
