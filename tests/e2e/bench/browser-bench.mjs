#!/usr/bin/env node
// Browser benchmark for SafePost (not a test; run by scripts/bench.sh).
//
// Measures, in headless Chromium with the real extension on the fixture
// pages (real editors, real hostnames, strict CSP):
//  - keystroke → updated highlight: time from the page's keydown to the first
//    animation frame in which the compose box's data-safepost-findings has
//    its new value and (contenteditable editors) the CSS highlight registry
//    holds the new number of ranges; p50/p95 on a 280- and a 5,000-char post.
//    Each sample types one character that completes (or, with Backspace,
//    breaks) a phone number at the end of the post, so every keystroke
//    changes the findings;
//  - worker wake → first check: the service worker is stopped (as Chrome's
//    idle timeout does), then one keystroke; time from that keydown to the
//    updated data-safepost-* state (and to the first frame showing it),
//    --wake-samples times per editor, p50/p95;
//  - the service worker's analysis time per call (the `ms` the worker reports
//    for text.analyze, asked from an extension page) and the round trip;
//  - the .wasm size, raw and gzip;
//  - the content script's start-up: navigation start → the compose box is
//    watched (its first data-safepost-state), against the page's own load.
// Usage: node tests/e2e/bench/browser-bench.mjs [--samples N] [--wake-samples N] [--kinds draft,textarea]
//          [--sizes 280,5000] [--sections latency,wake,worker,startup] [--json] [--extension DIR]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import {
  startServer, serveFixtures, launchWithExtension, HOSTS, SITES, FIXTURES_DIR, EXTENSION_DIR as DEFAULT_EXTENSION_DIR, openSite,
  waitForSafePost,
} from '../harness/index.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const SAMPLES = Number(opt('samples', 30));
const KINDS = opt('kinds', 'draft,lexical,quill,contenteditable,textarea').split(',');
const SIZES = opt('sizes', '280,5000').split(',').map(Number);
const WAKE_SAMPLES = Number(opt('wake-samples', 12));
const SECTIONS = new Set(opt('sections', 'latency,wake,worker,startup').split(','));
const JSON_OUT = args.includes('--json');
const EXTENSION_DIR = path.resolve(opt('extension', DEFAULT_EXTENSION_DIR)); // another unpacked extension (harness checks)

const FILLER = 'Reminder from clinic: flu shots are in, wash hands, drink water, and rest when you are unwell. ';
const TAIL = ' call 555-201-334'; // one more digit makes it a phone number
/** The post's body (inserted at once, like a paste); TAIL is then typed key by key. */
function bodyOfLength(n) {
  let s = '';
  while (s.length < n - TAIL.length) s += FILLER;
  return s.slice(0, n - TAIL.length);
}
const postOfLength = (n) => bodyOfLength(n) + TAIL;

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);

/** Installs the page-side probe measuring keydown → updated highlight frame. */
async function installProbe(page, kind) {
  await page.evaluate(({ sel, textarea }) => {
    const box = document.querySelector(sel);
    const ranges = () => {
      let n = 0;
      if (textarea || !globalThis.CSS?.highlights) return -1;
      for (const [name, hl] of CSS.highlights) if (name.startsWith('safepost')) for (const r of hl) if (box.contains(r.startContainer)) n++;
      return n;
    };
    const b = { samples: [], pending: null };
    window.__bench = b;
    window.addEventListener('keydown', () => {
      b.pending = { t0: performance.now(), findings0: box.getAttribute('data-safepost-findings'), ranges0: ranges(), attrAt: null };
      const tick = () => {
        const p = b.pending;
        if (!p) return;
        const f = box.getAttribute('data-safepost-findings');
        const rc = ranges();
        if (f !== p.findings0 && (rc === -1 || rc !== p.ranges0)) {
          b.samples.push({ frame: performance.now() - p.t0, attr: (p.attrAt ?? performance.now()) - p.t0, findings: Number(f), ranges: rc });
          b.pending = null;
          return;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, true);
    new MutationObserver(() => {
      const p = b.pending;
      if (p && p.attrAt == null && box.getAttribute('data-safepost-findings') !== p.findings0) p.attrAt = performance.now();
    }).observe(box, { attributes: true, attributeFilter: ['data-safepost-findings'] });
  }, { sel: SITES[kind].selector, textarea: kind === 'textarea' });
}

async function latency(browser, kind, size) {
  const { selector } = SITES[kind];
  const page = await openSite(browser, kind);
  try {
    await page.click(selector);
    await page.keyboard.insertText(bodyOfLength(size));
    await page.keyboard.type(TAIL);
    await waitForSafePost(page, selector, (s) => s.state != null, { timeout: 30000 });
    await page.waitForTimeout(500);
    await installProbe(page, kind);
    const samples = [];
    const toggle = async (i) => {
      const before = await page.evaluate(() => window.__bench.samples.length);
      await page.keyboard.press(i % 2 === 0 ? '4' : 'Backspace');
      await page.waitForFunction((n) => window.__bench.samples.length > n, before, { timeout: 15000, polling: 10 })
        .catch(() => { throw new Error(`${kind}/${size}: no highlight update after keystroke ${i}`); });
      await page.waitForTimeout(40 + Math.random() * 40);
    };
    // Warm-up (not counted): the worker may still be compiling the core.
    for (let i = 0; i < 4; i++) await toggle(i);
    await page.evaluate(() => { window.__bench.samples = []; });
    for (let i = 0; i < SAMPLES * 2; i++) await toggle(i);
    const len = (await page.evaluate(() => window.readModel())).length;
    samples.push(...(await page.evaluate(() => window.__bench.samples)));
    const frame = samples.map((s) => s.frame);
    const attr = samples.map((s) => s.attr);
    return { kind, size: len, n: samples.length, p50: r1(pct(frame, 50)), p95: r1(pct(frame, 95)),
      attrP50: r1(pct(attr, 50)), attrP95: r1(pct(attr, 95)), max: r1(Math.max(...frame)) };
  } finally { await page.close(); }
}

/**
 * Worker wake → first check: the service worker is stopped (as Chrome's idle
 * timeout does), then one keystroke that changes the findings. `attr` is the
 * keydown → updated data-safepost-findings time (the test contract), `frame`
 * the first animation frame that shows it. The page stays open between
 * samples, as a user's tab would.
 */
async function wake(browser, kind, n) {
  const { selector } = SITES[kind];
  const page = await openSite(browser, kind);
  try {
    await page.click(selector);
    await page.keyboard.insertText(bodyOfLength(280));
    await page.keyboard.type(TAIL);
    await waitForSafePost(page, selector, (s) => s.state != null, { timeout: 30000 });
    await page.waitForTimeout(500);
    await installProbe(page, kind);
    const attr = []; const frame = []; const arrived = []; const answered = [];
    for (let i = 0; i < n; i++) {
      if ((await browser.stopServiceWorker()) < 1) throw new Error(`${kind}: no service worker was running before sample ${i}`);
      await page.waitForTimeout(300); // the worker is really gone, and any disconnect was seen by the page
      const before = await page.evaluate(() => window.__bench.samples.length);
      await page.keyboard.press(i % 2 === 0 ? '4' : 'Backspace');
      await page.waitForFunction((k) => window.__bench.samples.length > k, before, { timeout: 20000, polling: 10 })
        .catch(() => { throw new Error(`${kind}: no update after the keystroke that woke the worker (sample ${i})`); });
      const s = await page.evaluate((k) => window.__bench.samples[k], before);
      attr.push(s.attr); frame.push(s.frame);
      // Where the time went, as the woken worker saw it (ms since it started).
      const fc = await (await browser.serviceWorker()).evaluate(() => globalThis.__safepost?.stats?.firstCheck ?? null).catch(() => null);
      if (fc) { arrived.push(fc.arrivedAt); answered.push(fc.repliedAt - fc.arrivedAt); }
      await page.waitForTimeout(200);
    }
    return { kind, n: attr.length, attrP50: r1(pct(attr, 50)), attrP95: r1(pct(attr, 95)),
      frameP50: r1(pct(frame, 50)), frameP95: r1(pct(frame, 95)), max: r1(Math.max(...frame)),
      arrivedP50: r1(pct(arrived, 50)), answeredP50: r1(pct(answered, 50)) };
  } finally { await page.close(); }
}

/** Analysis time in the service worker, asked from an extension page as the popup would. */
async function workerAnalysis(browser, extensionPage) {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/${extensionPage}`);
    const out = {};
    for (const size of SIZES) {
      const text = postOfLength(size) + '4';
      out[size] = await page.evaluate(async ({ text, n }) => {
        const ms = []; const rt = [];
        let last = null;
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          // eslint-disable-next-line no-await-in-loop
          last = await chrome.runtime.sendMessage({ type: 'text.analyze', id: i, text: i % 2 ? text : text.slice(0, -1),
            context: { platform: 'x', kind: 'post' } });
          rt.push(performance.now() - t0);
          if (typeof last?.ms === 'number') ms.push(last.ms);
        }
        return { ms, rt, lastType: last?.type };
      }, { text, n: 60 });
    }
    return Object.fromEntries(Object.entries(out).map(([size, v]) => [size, {
      n: v.ms.length, p50: r1(pct(v.ms, 50)), p95: r1(pct(v.ms, 95)),
      rtP50: r1(pct(v.rt, 50)), rtP95: r1(pct(v.rt, 95)), replyType: v.lastType }]));
  } finally { await page.close(); }
}

/** Navigation start → compose box watched (first data-safepost-state), vs. the load event. */
async function startup(browser, server) {
  const html = fs.readFileSync(path.join(FIXTURES_DIR, SITES.textarea.html), 'utf8')
    .replace('name="text" class=""></textarea>', 'name="text" class="">Prefilled draft, MRN 12345678</textarea>');
  server.route(SITES.textarea.host, '/bench-startup', { body: html });
  const runs = [];
  for (let i = 0; i < 8; i++) {
    const page = await browser.context.newPage();
    try {
      await page.goto(`https://${SITES.textarea.host}/bench-startup`);
      await waitForSafePost(page, SITES.textarea.selector, (s) => s.state != null, { timeout: 15000 });
      runs.push(await page.evaluate(() => ({
        load: performance.getEntriesByType('navigation')[0].loadEventEnd,
        watched: window.__firstSafepostStateAt,
      })));
    } finally { await page.close(); }
  }
  const watched = runs.map((r) => r.watched).filter(Number.isFinite);
  const load = runs.map((r) => r.load);
  const afterLoad = runs.filter((r) => Number.isFinite(r.watched)).map((r) => r.watched - r.load);
  return { runs: runs.length, loadP50: r1(pct(load, 50)), watchedP50: r1(pct(watched, 50)), watchedP95: r1(pct(watched, 95)),
    afterLoadP50: r1(pct(afterLoad, 50)) };
}

/**
 * The same WASM build, loaded in Node with the wasm-bindgen glue: compile +
 * instantiate time (what a waking service worker pays) and analyze_text
 * time per call, without any messaging.
 */
async function wasmInNode() {
  const dir = path.join(EXTENSION_DIR, 'extension/pkg');
  const glue = path.join(dir, 'safepost.js');
  if (!fs.existsSync(glue)) return { error: 'extension/pkg not built' };
  const mod = await import(pathToFileURL(glue).href);
  if (typeof mod.analyze_text !== 'function') return { error: 'extension/pkg has no analyze_text export' };
  const bytes = fs.readFileSync(path.join(dir, 'safepost_bg.wasm'));
  const t0 = performance.now();
  mod.initSync({ module: new WebAssembly.Module(bytes) });
  const initMs = performance.now() - t0;
  // The word lists ship beside the .wasm (scripts/build-extension.sh).
  mod.install_lexicons(fs.readFileSync(path.join(dir, 'lexicons.txt'), 'utf8'));
  const out = { initMs: r1(initMs) };
  for (const size of SIZES) {
    const text = postOfLength(size) + '4';
    const ms = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      mod.analyze_text(i % 2 ? text : text.slice(0, -1), { platform: 'x', kind: 'post' }, {});
      ms.push(performance.now() - t);
    }
    out[size] = { n: ms.length, p50: r1(pct(ms, 50)), p95: r1(pct(ms, 95)) };
  }
  return out;
}

function wasmSize() {
  const f = path.join(EXTENSION_DIR, 'extension/pkg/safepost_bg.wasm');
  if (!fs.existsSync(f)) return null;
  const buf = fs.readFileSync(f);
  return { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
}

async function main() {
  const server = await startServer({ hosts: HOSTS });
  let browser;
  const result = { latency: [], wake: [], worker: null, wasm: wasmSize(), node: null, startup: null };
  if (SECTIONS.has('worker')) {
    try { result.node = await wasmInNode(); } catch (e) { result.node = { error: String(e.message) }; }
  }
  try {
    await serveFixtures(server);
    browser = await launchWithExtension({ server, extensionDir: EXTENSION_DIR, watchNetwork: false });
    for (const kind of SECTIONS.has('latency') ? KINDS : []) {
      for (const size of SIZES) {
        try { result.latency.push(await latency(browser, kind, size)); } catch (e) { result.latency.push({ kind, size, error: e.message.split('\n')[0] }); }
      }
    }
    for (const kind of SECTIONS.has('wake') ? KINDS : []) {
      try { result.wake.push(await wake(browser, kind, WAKE_SAMPLES)); } catch (e) { result.wake.push({ kind, error: e.message.split('\n')[0] }); }
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    const extPage = manifest.action?.default_popup ?? manifest.options_ui?.page;
    if (SECTIONS.has('worker')) {
      try { result.worker = await workerAnalysis(browser, extPage); } catch (e) { result.worker = { error: String(e.message) }; }
    }
    if (SECTIONS.has('startup')) {
      try { result.startup = await startup(browser, server); } catch (e) { result.startup = { error: String(e.message) }; }
    }
  } finally {
    await browser?.close();
    await server.close();
  }
  if (JSON_OUT) { console.log(JSON.stringify(result, null, 2)); return; }
  const bar = (size) => (size <= 1000 ? 50 : 100);
  if (result.latency.length) {
    console.log('Keystroke → updated highlight (headless Chromium, real extension; frame = first frame showing the new highlight)');
    console.log('| editor | chars | n | p50 ms | p95 ms | bar p95 | attr p50/p95 ms | max ms |');
    console.log('|---|---|---|---|---|---|---|---|');
  }
  for (const l of result.latency) {
    if (l.error) { console.log(`| ${l.kind} (${SITES[l.kind].host}) | ${l.size} | – | – | – | ≤ ${bar(l.size)} FAILED | ${l.error} | |`); continue; }
    const ok = l.p95 <= bar(l.size) ? 'ok' : 'OVER';
    console.log(`| ${l.kind} (${SITES[l.kind].host}) | ${l.size} | ${l.n} | ${l.p50} | ${l.p95} | ≤ ${bar(l.size)} ${ok} | ${l.attrP50} / ${l.attrP95} | ${l.max} |`);
  }
  if (result.wake.length) {
    console.log('\nWorker wake → first check (service worker stopped, then one keystroke on a 280-char post; attr = updated data-safepost-findings, frame = first frame showing it)');
    console.log('| editor | n | attr p50 ms | attr p95 ms | frame p50 ms | frame p95 ms | max ms | in the worker: start → check arrived p50 ms | arrived → answered p50 ms |');
    console.log('|---|---|---|---|---|---|---|---|---|');
  }
  for (const w of result.wake) {
    if (w.error) { console.log(`| ${w.kind} (${SITES[w.kind].host}) | – | FAILED: ${w.error} | | | | | | |`); continue; }
    console.log(`| ${w.kind} (${SITES[w.kind].host}) | ${w.n} | ${w.attrP50} | ${w.attrP95} | ${w.frameP50} | ${w.frameP95} | ${w.max} | ${w.arrivedP50 ?? '–'} | ${w.answeredP50 ?? '–'} |`);
  }
  if (result.worker?.error) console.log(`\nService-worker analysis: ${result.worker.error}`);
  else if (result.worker) {
    console.log('\nAnalysis in the service worker (WASM), per text.analyze call, from an extension page');
    console.log('| chars | n | analysis p50 ms | p95 ms | round trip p50 / p95 ms |');
    console.log('|---|---|---|---|---|');
    for (const [size, w] of Object.entries(result.worker)) console.log(`| ${size} | ${w.n} | ${w.p50} | ${w.p95} | ${w.rtP50} / ${w.rtP95} |`);
  }
  if (result.node?.error) console.log(`\nWASM in Node: ${result.node.error}`);
  else if (result.node) {
    console.log(`\nWASM core in Node (same build, no messaging): compile + instantiate ${result.node.initMs} ms`);
    console.log('| chars | n | analyze_text p50 ms | p95 ms |');
    console.log('|---|---|---|---|');
    for (const size of SIZES) console.log(`| ${size} | ${result.node[size].n} | ${result.node[size].p50} | ${result.node[size].p95} |`);
  }
  if (result.wasm) console.log(`\n.wasm: ${result.wasm.raw} bytes raw (${(result.wasm.raw / 1048576).toFixed(2)} MB, bar ≤ 1.5 MB), ${result.wasm.gzip} bytes gzip`);
  if (result.startup?.error) console.log(`\nContent-script start-up: ${result.startup.error}`);
  else if (result.startup) {
    console.log(`\nContent-script start-up (page with a prefilled box, ${result.startup.runs} loads): box watched ${result.startup.watchedP50} ms p50 / ${result.startup.watchedP95} ms p95 after navigation start; page load event ${result.startup.loadP50} ms; watched ${result.startup.afterLoadP50} ms after load (p50)`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
