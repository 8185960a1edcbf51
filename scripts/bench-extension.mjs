// Benchmark for the extension runtime (needs scripts/build-extension.sh):
//  1. WASM analysis time per call (node, the built extension/pkg), 280 and
//     5,000 characters, and the .wasm size raw and gzipped;
//  2. in headless Chromium with the extension loaded: Port round trip from
//     an extension page to the service worker, the worker's cold start
//     (stopped, then one request), the content scripts' start-up time, and
//     keystroke → updated highlight (data-safepost-* written after the
//     check) on a textarea and a contenteditable, p50/p95.
//   node scripts/bench-extension.mjs [--json]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, hostResolverRules } from './demo-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXT = process.env.SAFEPOST_EXTENSION_DIR || ROOT;
const PKG = path.join(ROOT, 'extension', 'pkg');
const json = process.argv.includes('--json');

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const r2 = (x) => Math.round(x * 100) / 100;
const summary = (xs) => ({ n: xs.length, p50: r2(pct(xs, 50)), p95: r2(pct(xs, 95)), max: r2(Math.max(...xs)) });

const POST_280 =
  'Long shift in the ED tonight. pt Maria G, 84F from Bakersfield, came in s/p fall, MRN 00482913; her daughter ' +
  'called from 661-555-0142. Reminder to all: hydrate, stretch, and check on each other. Proud of this team and ' +
  'grateful for every nurse on the unit. #nursing #ED';
function postOf(n) {
  let s = '';
  while (s.length < n) s += `${POST_280} `;
  return s.slice(0, n);
}

async function wasmFigures() {
  const wasmBytes = fs.readFileSync(path.join(PKG, 'safepost_bg.wasm'));
  const core = await import(path.join(PKG, 'safepost.js'));
  core.initSync({ module: wasmBytes });
  core.install_lexicons(fs.readFileSync(path.join(PKG, 'lexicons.txt'), 'utf8')); // shipped beside the .wasm
  const out = { wasmRawBytes: wasmBytes.length, wasmGzipBytes: zlib.gzipSync(wasmBytes, { level: 9 }).length };
  const t0 = performance.now();
  core.analyze_text(POST_280, { platform: 'x' }, {});
  out.firstCallMs = r2(performance.now() - t0);
  for (const n of [280, 5000]) {
    const text = postOf(n);
    const times = [];
    for (let i = 0; i < (n > 1000 ? 40 : 200); i++) {
      const t = text.slice(0, -1) + String.fromCharCode(97 + (i % 26)); // a new draft each time
      const a = performance.now();
      core.analyze_text(t, { platform: 'x' }, { allowlist: ['Dr Jo Smith'] });
      times.push(performance.now() - a);
    }
    out[`analyze${n}Ms`] = summary(times);
  }
  return out;
}

async function browserFigures() {
  const { server, port } = await startServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'safepost-bench-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--ignore-certificate-errors', `--host-resolver-rules=${hostResolverRules(port)}`,
      `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
  });
  const out = {};
  try {
    const sw = ctx.serviceWorkers()[0] || (await ctx.waitForEvent('serviceworker', { timeout: 20000 }));
    const id = new URL(sw.url()).host;
    await sw.evaluate(() => globalThis.__safepost.getCore());

    // Port round trip from an extension page (the content script uses the same Port API).
    const ext = await ctx.newPage();
    await ext.goto(`chrome-extension://${id}/extension/demo/index.html`);
    out.portRoundTripMs = summary(await ext.evaluate(async (text) => {
      const port = chrome.runtime.connect({ name: 'safepost' });
      const times = [];
      let id = 0;
      const ask = () => new Promise((resolve) => {
        const my = ++id;
        const t = performance.now();
        const on = (m) => { if (m.id === my) { port.onMessage.removeListener(on); resolve(performance.now() - t); } };
        port.onMessage.addListener(on);
        port.postMessage({ type: 'text.analyze', id: my, text: text + my, context: { platform: 'x' } });
      });
      for (let i = 0; i < 10; i++) await ask();
      for (let i = 0; i < 200; i++) times.push(await ask());
      port.disconnect();
      return times;
    }, POST_280));

    // Cold start: stop the worker, then time one request from the extension page.
    const cdp = await ctx.newCDPSession(ext);
    const colds = [];
    for (let i = 0; i < 3; i++) {
      for (const t of (await cdp.send('Target.getTargets')).targetInfos) {
        if (t.type === 'service_worker' && t.url.includes(id)) await cdp.send('Target.closeTarget', { targetId: t.targetId }).catch(() => {});
      }
      await ext.waitForTimeout(300);
      colds.push(await ext.evaluate(async (text) => {
        const t = performance.now();
        await chrome.runtime.sendMessage({ type: 'text.analyze', text, context: { platform: 'x' } });
        return performance.now() - t;
      }, POST_280));
    }
    out.workerColdStartMs = summary(colds);

    // Keystroke → updated highlight, measured in the page.
    const page = await ctx.newPage();
    await page.goto('https://x.com/');
    await page.waitForFunction(() => document.querySelector('#compose-textarea[data-safepost-state]'));
    for (const [id, n] of [['compose-textarea', 280], ['compose-editable', 280], ['compose-textarea', 5000], ['compose-editable', 5000]]) {
      const times = await page.evaluate(async ([id, text]) => {
        const el = document.getElementById(id);
        el.focus();
        if (el.tagName === 'TEXTAREA') el.select();
        else getSelection().selectAllChildren(el);
        document.execCommand('insertText', false, text);
        const next = () => new Promise((resolve) => {
          const mo = new MutationObserver(() => { mo.disconnect(); resolve(); });
          mo.observe(el, { attributes: true, attributeFilter: ['data-safepost-findings', 'data-safepost-state'] });
        });
        await new Promise((r) => setTimeout(r, 300));
        const out = [];
        for (let i = 0; i < 40; i++) {
          const wait = next();
          const t = performance.now();
          document.execCommand('insertText', false, i % 2 ? '7' : ' ');
          await wait;
          out.push(performance.now() - t);
          await new Promise((r) => setTimeout(r, 30));
        }
        return out;
      }, [id, postOf(n)]);
      out[`keystrokeToHighlight_${id.replace('compose-', '')}_${n}Ms`] = summary(times);
    }
    const swNow = ctx.serviceWorkers()[0] || (await ctx.waitForEvent('serviceworker'));
    const startups = await swNow.evaluate(() => globalThis.__safepost.stats.contentStartupMs);
    out.contentScriptStartupMs = startups.length ? summary(startups) : null;
  } finally {
    await ctx.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return out;
}

const result = { wasm: await wasmFigures(), browser: await browserFigures() };
if (json) console.log(JSON.stringify(result, null, 2));
else {
  const w = result.wasm;
  console.log(`.wasm: ${w.wasmRawBytes} bytes raw, ${w.wasmGzipBytes} bytes gzip`);
  console.log(`WASM analyse (node): first call ${w.firstCallMs} ms; 280 chars p50 ${w.analyze280Ms.p50} / p95 ${w.analyze280Ms.p95} ms; 5,000 chars p50 ${w.analyze5000Ms.p50} / p95 ${w.analyze5000Ms.p95} ms`);
  for (const [k, v] of Object.entries(result.browser)) console.log(`${k}: ${v ? `p50 ${v.p50} / p95 ${v.p95} / max ${v.max} ms (n=${v.n})` : 'n/a'}`);
}
