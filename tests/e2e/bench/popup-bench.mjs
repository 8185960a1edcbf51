#!/usr/bin/env node
// Popup benchmark (issue 5 bar: first view <= 100 ms), not a test.
//
// Opens the popup page (chrome-extension://…/extension/popup/popup.html) in
// headless Chromium with the real extension, as a fresh document each time
// (a real popup is a new document on every click), and reports the time from
// navigation start to the `safepost-first-view` mark (plan, progress and
// checklist on screen), split into where it goes:
//   nav→response  the browser fetching popup.html from the extension
//   →script       response end → the popup module starts running (module
//                 graph fetched and evaluated)
//   script→view   the popup's own work (storage reads + render)
//   →paint        first contentful paint, for reference
// The first open after the browser starts is reported on its own ("first"),
// then --samples warm opens (default 25): p50/p95.
// The history imported beforehand (--history, default the shared X export)
// makes the storage reads realistic.
// Usage: node tests/e2e/bench/popup-bench.mjs [--samples N] [--json] [--no-history]
import fs from 'node:fs';
import path from 'node:path';
import { launchWithExtension, REPO_ROOT } from '../harness/index.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const SAMPLES = Number(opt('samples', 25));
const JSON_OUT = args.includes('--json');
const SHARED = process.env.SAFEPOST_REACH_DATA || path.join(REPO_ROOT, '..', 'shared', 'data', 'reach');
const PAGE = opt('page', 'extension/popup/popup.html');
const HISTORY = opt('history', path.join(SHARED, 'x_tweet_activity_gtieng_2019', 'gerardtieng_2019_9.csv'));

const pct = (xs, p) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);

/** One open of the popup in a new tab; timings from the page's own clock. */
async function openOnce(browser) {
  const page = await browser.context.newPage();
  try {
    await page.setViewportSize({ width: 420, height: 800 });
    await page.goto(`chrome-extension://${browser.extensionId}/${PAGE}`);
    await page.waitForSelector('body[data-first-view="ready"]', { timeout: 20000 });
    // Paint entries arrive after the frame; give it one.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    return await page.evaluate(() => {
      const mark = (n) => performance.getEntriesByName(n, 'mark')[0]?.startTime;
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
      const view = mark('safepost-first-view');
      const start = mark('safepost-popup-start');
      const res = performance.getEntriesByType('resource').map((e) => ({ name: e.name.replace(/^.*\/extension\//, ''), start: e.startTime, end: e.responseEnd }));
      return { view, response: nav?.responseEnd, script: start, fcp, domInteractive: nav?.domInteractive, dcl: nav?.domContentLoadedEventStart, res };
    });
  } finally {
    await page.close();
  }
}

async function main() {
  const browser = await launchWithExtension({});
  const out = { samples: SAMPLES };
  try {
    // First open after the browser (and its service worker) started.
    const first = await openOnce(browser);
    out.first = first;
    if (!args.includes('--no-history') && fs.existsSync(HISTORY)) {
      // Import through the worker, as the popup would, so storage holds a real history.
      const page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
      const text = fs.readFileSync(HISTORY, 'utf8');
      const r = await page.evaluate((t) => chrome.runtime.sendMessage({ type: 'reach.import', name: 'history.csv', text: t }), text);
      out.history = r.type === 'reach.imported' ? r.total : `not imported: ${r.error}`;
      await page.close();
    }
    const warm = [];
    for (let i = 0; i < SAMPLES; i++) warm.push(await openOnce(browser));
    const col = (k) => warm.map((w) => w[k]);
    const diff = (a, b) => warm.map((w) => w[a] - w[b]);
    out.warm = {
      view: { p50: r1(pct(col('view'), 50)), p95: r1(pct(col('view'), 95)) },
      response: { p50: r1(pct(col('response'), 50)), p95: r1(pct(col('response'), 95)) },
      toScript: { p50: r1(pct(diff('script', 'response'), 50)), p95: r1(pct(diff('script', 'response'), 95)) },
      scriptToView: { p50: r1(pct(diff('view', 'script'), 50)), p95: r1(pct(diff('view', 'script'), 95)) },
      fcp: { p50: r1(pct(col('fcp'), 50)), p95: r1(pct(col('fcp'), 95)) },
      domInteractive: { p50: r1(pct(col('domInteractive'), 50)), p95: r1(pct(col('domInteractive'), 95)) },
    };
    out.resourcesLastWarm = warm.at(-1).res.map((e) => `${e.name} ${r1(e.start)}→${r1(e.end)}`);
  } finally {
    await browser.close();
  }
  if (JSON_OUT) {
    console.log(JSON.stringify(out));
    return;
  }
  const f = out.first;
  console.log(`popup first view, first open after browser start: ${r1(f.view)} ms (response ${r1(f.response)}, script starts ${r1(f.script)}, fcp ${r1(f.fcp)})`);
  console.log(`history in storage: ${out.history ?? 'none'} posts`);
  const w = out.warm;
  console.log(`warm opens (${SAMPLES}): navigation start → first view p50 ${w.view.p50} ms, p95 ${w.view.p95} ms`);
  console.log(`  nav → response end    p50 ${w.response.p50}, p95 ${w.response.p95}`);
  console.log(`  response → script     p50 ${w.toScript.p50}, p95 ${w.toScript.p95}`);
  console.log(`  script → first view   p50 ${w.scriptToView.p50}, p95 ${w.scriptToView.p95}`);
  console.log(`  first contentful paint p50 ${w.fcp.p50}, p95 ${w.fcp.p95}`);
  console.log(`  dom interactive        p50 ${w.domInteractive.p50}, p95 ${w.domInteractive.p95}`);
  console.log(`  resources (last open): ${out.resourcesLastWarm.join('; ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
