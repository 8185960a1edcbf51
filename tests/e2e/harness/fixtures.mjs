// Builds the fixture pages' scripts from the real editor libraries on npm
// (draft-js + react, lexical, quill) with esbuild, at test time. Bundles are
// cached in tests/e2e/.tmp/bundles (git-ignored), keyed by a hash of the
// fixture sources and package-lock.json, so only the first test file pays.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const E2E_DIR = path.resolve(here, '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..', '..');
export const FIXTURES_DIR = path.join(E2E_DIR, 'fixtures');
/** The unpacked extension the tests load: the repo root, or $SAFEPOST_E2E_EXTENSION (e.g. an unzipped package). */
export const EXTENSION_DIR = path.resolve(process.env.SAFEPOST_E2E_EXTENSION || REPO_ROOT);

/** Entry points: bundle name → source file in fixtures/. */
export const BUNDLES = {
  draft: 'draft.jsx',
  lexical: 'lexical.js',
  quill: 'quill.js',
  contenteditable: 'contenteditable.js',
  textarea: 'textarea.js',
  late: 'late.js',
  'late-frame': 'late-frame.js',
};

function sourceHash() {
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(FIXTURES_DIR).sort()) {
    if (/\.(jsx?|mjs)$/.test(f)) h.update(f).update(fs.readFileSync(path.join(FIXTURES_DIR, f)));
  }
  const lock = path.join(REPO_ROOT, 'package-lock.json');
  if (fs.existsSync(lock)) h.update(fs.readFileSync(lock));
  return h.digest('hex').slice(0, 16);
}

/**
 * Returns {name: absolutePathOfBundle} for every fixture bundle, building
 * them first if the cache is stale. Safe to call from several processes:
 * each build goes to its own temp dir, then is renamed into place.
 */
export async function buildFixtures() {
  const cacheRoot = path.join(E2E_DIR, '.tmp', 'bundles');
  const dir = path.join(cacheRoot, sourceHash());
  const out = Object.fromEntries(Object.keys(BUNDLES).map((n) => [n, path.join(dir, `${n}.js`)]));
  if (Object.values(out).every((f) => fs.existsSync(f))) return out;
  const { build } = await import('esbuild');
  fs.mkdirSync(cacheRoot, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cacheRoot, 'build-'));
  try {
    await build({
      entryPoints: Object.fromEntries(Object.entries(BUNDLES).map(([n, f]) => [n, path.join(FIXTURES_DIR, f)])),
      outdir: tmp,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      jsx: 'automatic',
      minify: false,
      sourcemap: false,
      logLevel: 'error',
      define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    });
    fs.mkdirSync(dir, { recursive: true });
    for (const n of Object.keys(BUNDLES)) fs.renameSync(path.join(tmp, `${n}.js`), out[n]);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}
