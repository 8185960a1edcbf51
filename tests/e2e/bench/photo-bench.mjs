#!/usr/bin/env node
// Photo-check benchmark (not a test). In headless Chromium with the real
// extension on the photo fixture page (served as www.facebook.com), inside
// the content script's isolated world, times:
//  - full analysis of a 12-megapixel JPEG (4000 × 3000, encoded by the
//    browser from the astronaut sample): read the metadata bytes, inspect
//    in the service worker, decode + downscale with createImageBitmap,
//    faces and clinical cues in the worker (wasm) — what the clinician waits for;
//  - the same split into its steps (the timings analyzeFile records: file
//    read, base64, inspect round trip, decode, pixel buffers, faces round
//    trip and the WASM time inside it);
//  - the metadata-only check (photo.inspect round trip, and the worker's
//    own time) on the 12 MP JPEG and on the EXIF/XMP/IPTC-laden fixture.
// Also prints the .wasm and face-model sizes, and the face detector's recall
// and false alarms on the fixture images (native CLI, same core).
// Usage: node tests/e2e/bench/photo-bench.mjs [--samples N] [--json]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { routePhotoFixture } from '../photo-helpers.mjs';
import { startServer, serveFixtures, launchWithExtension, HOSTS, REPO_ROOT, EXTENSION_DIR } from '../harness/index.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const SAMPLES = Number(opt('samples', 9));
const JSON_OUT = args.includes('--json');
const IMAGES = path.join(REPO_ROOT, 'tests/fixtures/images');
const HOST = 'www.facebook.com';
const PAGE = '/safepost-photo-fixture';

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p50: +q(0.5).toFixed(1), p95: +q(0.95).toFixed(1), min: +s[0].toFixed(1) };
};

async function isolatedWorld(page) {
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const end = Date.now() + 10000;
  while (Date.now() < end) {
    const ctx = contexts.find((c) => c.auxData && c.auxData.type === 'isolated' && /chrome-extension:/.test(c.origin));
    if (ctx) return { cdp, id: ctx.id };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the SafePost content script world was not found');
}

async function evalIn(world, fn, arg) {
  const expression = `(${fn})(${JSON.stringify(arg)})`;
  const r = await world.cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description || r.exceptionDetails.text);
  return r.result.value;
}

// Runs in the content script's isolated world.
async function benchInPage({ astronaut, gps, samples }) {
  const P = globalThis.__safepostPhotoInternals;
  if (!P) throw new Error('photos.js hooks missing');
  const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const bmp = await createImageBitmap(new Blob([bytes(astronaut)], { type: 'image/jpeg' }));
  const c = new OffscreenCanvas(4000, 3000);
  const g = c.getContext('2d');
  g.drawImage(bmp, 500, 0, 3000, 3000);
  g.drawImage(bmp, 0, 0, 500, 3000);
  g.drawImage(bmp, 3500, 0, 500, 3000);
  // Sensor-like noise so the JPEG has a camera photo's size, not a flat one's.
  const img = g.getImageData(0, 0, 4000, 3000);
  let seed = 1;
  for (let i = 0; i < img.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const n = ((seed >>> 24) & 15) - 8;
    img.data[i] += n; img.data[i + 1] += n; img.data[i + 2] += n;
  }
  g.putImageData(img, 0, 0);
  const big = new File([await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 })], 'IMG_0001.jpg', { type: 'image/jpeg' });
  const gpsFile = new File([bytes(gps)], 'wound.jpg', { type: 'image/jpeg' });
  const b64 = (u8) => { let s = ''; for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000)); return btoa(s); };

  const first = await P.analyzeFile(big); // warm-up: compiles wasm paths, loads the face model
  const full = []; const steps = {}; const metaGps = []; const metaGpsWorker = [];
  for (let k = 0; k < samples; k++) {
    const t = performance.now();
    const r = await P.analyzeFile(big);
    full.push(performance.now() - t);
    if (!r.faces) throw new Error(`no face check ran: ${JSON.stringify(r.findings)}`);
    for (const [name, ms] of Object.entries(r.timings)) (steps[name] ||= []).push(ms);

    // Metadata only: what the clinician waits for before the first findings.
    const t2 = performance.now();
    const mg = await P.metadataBytes(gpsFile);
    const ig = await globalThis.SafePost.request({ type: 'photo.inspect', name: gpsFile.name, complete: mg.complete, bytes: b64(mg.head), tail: mg.tail ? b64(mg.tail) : undefined });
    metaGps.push(performance.now() - t2); metaGpsWorker.push(ig.ms);
  }
  return { bigBytes: big.size, warmupFindings: first.findings.map((f) => f.category), faces: first.faces,
    full, steps, metaGps, metaGpsWorker };
}

function recall() {
  const bin = path.join(REPO_ROOT, 'target/debug/safepost');
  const release = path.join(REPO_ROOT, 'target/release/safepost');
  const exe = fs.existsSync(release) ? release : bin;
  if (!fs.existsSync(exe)) return null;
  const withFaces = ['astronaut.jpg', 'astronaut_phone.jpg', 'camera.png'];
  const without = ['coffee.jpg', 'chelsea.jpg', 'rocket.jpg', 'motorcycle.jpg', 'hubble.jpg', 'moon.jpg', 'phantom.png', 'tiny.gif'];
  const run = (files) => {
    let out;
    try { out = execFileSync(exe, ['photo', '--format', 'json', ...files.map((f) => path.join(IMAGES, f))], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }); } catch (e) { out = e.stdout; }
    return JSON.parse(out).map((r) => r.report.findings.some((f) => f.category === 'photo_face'));
  };
  const hits = run(withFaces).filter(Boolean).length;
  const alarms = run(without).filter(Boolean).length;
  return { recall: `${hits}/${withFaces.length}`, falseAlarms: `${alarms}/${without.length}` };
}

const server = await startServer({ hosts: HOSTS });
await serveFixtures(server);
routePhotoFixture(server, HOST, { pagePath: PAGE, html: 'photos.html', scriptRoute: '/__photos/page.js', script: 'photos-page.js' });
const browser = await launchWithExtension({ server });
let result;
try {
  const page = await browser.context.newPage();
  await page.goto(`https://${HOST}${PAGE}`, { waitUntil: 'load' });
  const world = await isolatedWorld(page);
  result = await evalIn(world, benchInPage.toString(), {
    astronaut: fs.readFileSync(path.join(IMAGES, 'astronaut.jpg')).toString('base64'),
    gps: fs.readFileSync(path.join(IMAGES, 'coffee_gps.jpg')).toString('base64'),
    samples: SAMPLES,
  });
} finally {
  await browser.close();
  await server.close();
}
const wasm = path.join(EXTENSION_DIR, 'extension/pkg/safepost_bg.wasm');
const model = path.join(EXTENSION_DIR, 'extension/models/seeta_fd_frontal_v1.0.bin');
const report = {
  jpeg12mp: { bytes: result.bigBytes, faces: result.faces, findings: result.warmupFindings },
  full_analysis_ms: stats(result.full),
  // Where the time of one full analysis goes (photos.js analyzeFile timings).
  steps_ms: Object.fromEntries(Object.entries(result.steps).map(([k, v]) => [k, stats(v)])),
  metadata_only_exif_fixture_ms: { round_trip: stats(result.metaGps), in_worker: stats(result.metaGpsWorker) },
  wasm_bytes: fs.existsSync(wasm) ? { raw: fs.statSync(wasm).size, gzip: zlib.gzipSync(fs.readFileSync(wasm), { level: 9 }).length } : null,
  face_model: { file: 'extension/models/seeta_fd_frontal_v1.0.bin', bytes: fs.statSync(model).size, licence: 'BSD-2-Clause (SeetaFace / rustface 0.1.7)' },
  face_detector_on_fixtures: recall(),
};
if (JSON_OUT) console.log(JSON.stringify(report, null, 2));
else {
  const s = report;
  console.log(`12 MP JPEG (${(s.jpeg12mp.bytes / 1e6).toFixed(1)} MB): full analysis p50 ${s.full_analysis_ms.p50} ms, p95 ${s.full_analysis_ms.p95} ms (bar 150 ms)`);
  for (const [k, v] of Object.entries(s.steps_ms)) console.log(`  ${k}: p50 ${v.p50} ms, p95 ${v.p95} ms`);
  console.log(`metadata-only check, EXIF/XMP/IPTC fixture: round trip p50 ${s.metadata_only_exif_fixture_ms.round_trip.p50} ms, in worker p50 ${s.metadata_only_exif_fixture_ms.in_worker.p50} ms (bar 10 ms)`);
  if (s.wasm_bytes) console.log(`wasm: ${s.wasm_bytes.raw} bytes raw, ${s.wasm_bytes.gzip} gzip; face model ${s.face_model.bytes} bytes, ${s.face_model.licence}`);
  if (s.face_detector_on_fixtures) console.log(`faces on fixtures: recall ${s.face_detector_on_fixtures.recall}, false alarms ${s.face_detector_on_fixtures.falseAlarms}`);
}
