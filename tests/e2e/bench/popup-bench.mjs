#!/usr/bin/env node
// Popup benchmark (issue 5 bar: first view <= 100 ms), not a test.
//
// Opens the popup page (chrome-extension://…/extension/popup/popup.html) in
// headless Chromium with the real extension, as a fresh document each time
// (a real popup is a new document on every click), and reports the time from
// navigation start to the `safepost-first-view` mark (checklist, plan and
// this week's progress on screen), split into where it goes:
//   nav → response    the browser serving popup.html from the extension
//   response → script the popup module starts running (document set up,
//                     module files fetched and evaluated)
//   script → view     the popup's own work (one storage read + render)
//   first paint       first contentful paint, for reference
// The first open after the browser starts is reported on its own, then
// --samples warm opens (default 25): p50/p95.
//
// The floor: the same popup.html with the module replaced by one classic
// script that marks the first view at once (no storage, no modules) is
// opened alternately with the real one, from a temporary copy of the
// extension. Its time is what this browser on this machine needs for ANY
// extension page that runs a script; the difference is the popup's own cost.
// The history imported beforehand (--history, default the shared X export)
// makes the storage realistic.
// --first-floor opens the floor page first instead (what the first open after
// the browser starts costs any extension page, for comparison).
// Usage: node tests/e2e/bench/popup-bench.mjs [--samples N] [--json] [--no-history] [--no-floor] [--first-floor]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension, REPO_ROOT } from '../harness/index.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const SAMPLES = Number(opt('samples', 25));
const JSON_OUT = args.includes('--json');
const FLOOR = !args.includes('--no-floor');
const SHARED = process.env.SAFEPOST_REACH_DATA || path.join(REPO_ROOT, '..', 'shared', 'data', 'reach');
const HISTORY = opt('history', path.join(SHARED, 'x_tweet_activity_gtieng_2019', 'gerardtieng_2019_9.csv'));
const POPUP = 'extension/popup/popup.html';
const FLOOR_PAGE = 'extension/popup/bench-floor.html';

const pct = (xs, p) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
const stats = (xs) => ({ p50: r1(pct(xs, 50)), p95: r1(pct(xs, 95)) });

/** A temporary copy of the extension with the floor page added. */
function extensionWithFloor() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safepost-popup-bench-'));
  fs.copyFileSync(path.join(REPO_ROOT, 'manifest.json'), path.join(dir, 'manifest.json'));
  fs.cpSync(path.join(REPO_ROOT, 'extension'), path.join(dir, 'extension'), { recursive: true });
  const html = fs.readFileSync(path.join(REPO_ROOT, POPUP), 'utf8')
    .replace(/\s*<link rel="modulepreload"[^>]*>/g, '')
    .replace(/<script type="module" src="popup.js"><\/script>/, '')
    .replace('</body>', '<script src="bench-floor.js"></script>\n</body>');
  fs.writeFileSync(path.join(dir, FLOOR_PAGE), html);
  fs.writeFileSync(path.join(dir, 'extension/popup/bench-floor.js'),
    "performance.mark('safepost-popup-start'); performance.mark('safepost-first-view'); document.body.dataset.firstView = 'ready';\n");
  return dir;
}

/** One open of a page in a new tab; timings from the page's own clock. */
async function openOnce(browser, page_) {
  const page = await browser.context.newPage();
  try {
    await page.setViewportSize({ width: 420, height: 800 });
    await page.goto(`chrome-extension://${browser.extensionId}/${page_}`);
    await page.waitForSelector('body[data-first-view="ready"]', { timeout: 20000 });
    // Paint entries arrive after the frame; give it one.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    return await page.evaluate(() => {
      const mark = (n) => performance.getEntriesByName(n, 'mark')[0]?.startTime;
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        view: mark('safepost-first-view'), script: mark('safepost-popup-start'), response: nav?.responseEnd,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      };
    });
  } finally {
    await page.close();
  }
}

async function main() {
  const extensionDir = FLOOR ? extensionWithFloor() : REPO_ROOT;
  const browser = await launchWithExtension({ extensionDir });
  const out = { samples: SAMPLES };
  try {
    // First open after the browser (and its service worker) started.
    out.firstPage = FLOOR && args.includes('--first-floor') ? 'floor' : 'popup';
    out.first = await openOnce(browser, out.firstPage === 'floor' ? FLOOR_PAGE : POPUP);
    if (!args.includes('--no-history') && fs.existsSync(HISTORY)) {
      // Import through the worker, as the popup does, so storage holds a real history.
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/${POPUP}`);
      const text = fs.readFileSync(HISTORY, 'utf8');
      const r = await page.evaluate((t) => chrome.runtime.sendMessage({ type: 'reach.import', name: 'history.csv', text: t }), text);
      out.history = r.type === 'reach.imported' ? r.total : `not imported: ${r.error}`;
      await page.close();
    }
    const warm = [];
    const floor = [];
    for (let i = 0; i < SAMPLES; i++) {
      warm.push(await openOnce(browser, POPUP));
      if (FLOOR) floor.push(await openOnce(browser, FLOOR_PAGE));
    }
    const col = (rows, k) => rows.map((w) => w[k]);
    const diff = (rows, a, b) => rows.map((w) => w[a] - w[b]);
    out.warm = {
      view: stats(col(warm, 'view')),
      response: stats(col(warm, 'response')),
      toScript: stats(diff(warm, 'script', 'response')),
      scriptToView: stats(diff(warm, 'view', 'script')),
      fcp: stats(col(warm, 'fcp')),
    };
    if (FLOOR) out.floor = { view: stats(col(floor, 'view')), fcp: stats(col(floor, 'fcp')) };
  } finally {
    await browser.close();
    if (extensionDir !== REPO_ROOT) fs.rmSync(extensionDir, { recursive: true, force: true });
  }
  out.loadAverage = os.loadavg().map((x) => Math.round(x * 100) / 100);
  if (JSON_OUT) {
    console.log(JSON.stringify(out));
    return;
  }
  const f = out.first;
  const w = out.warm;
  console.log(`${out.firstPage} first view, first open after browser start: ${r1(f.view)} ms (response ${r1(f.response)}, script starts ${r1(f.script)}, first paint ${r1(f.fcp)})`);
  console.log(`history in storage: ${out.history ?? 'none'} posts; load average ${out.loadAverage.join(' ')}`);
  console.log(`warm opens (${SAMPLES}): navigation start → first view p50 ${w.view.p50} ms, p95 ${w.view.p95} ms`);
  console.log(`  nav → response end     p50 ${w.response.p50}, p95 ${w.response.p95}`);
  console.log(`  response → script      p50 ${w.toScript.p50}, p95 ${w.toScript.p95}`);
  console.log(`  script → first view    p50 ${w.scriptToView.p50}, p95 ${w.scriptToView.p95}`);
  console.log(`  first contentful paint p50 ${w.fcp.p50}, p95 ${w.fcp.p95}`);
  if (out.floor) {
    console.log(`floor (same page, one classic script, no storage/modules), alternating: first view p50 ${out.floor.view.p50} ms, p95 ${out.floor.view.p95} ms; first paint p50 ${out.floor.fcp.p50}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
