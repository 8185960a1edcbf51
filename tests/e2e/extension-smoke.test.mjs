// Smoke test for the extension runtime: the unpacked extension loads, the
// service worker answers `text.analyze` from the WASM core, and a textarea
// on a strict-CSP page served as x.com gets highlights and the
// data-safepost-* test contract. (The full editor suite lives beside it.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, hostResolverRules } from '../../scripts/demo-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function launch() {
  const { server, port } = await startServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'safepost-smoke-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--ignore-certificate-errors',
      `--host-resolver-rules=${hostResolverRules(port)}`,
      `--disable-extensions-except=${ROOT}`, `--load-extension=${ROOT}`,
    ],
  });
  const sw = ctx.serviceWorkers()[0] || (await ctx.waitForEvent('serviceworker', { timeout: 15000 }));
  const close = async () => {
    await ctx.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { ctx, sw, close };
}

test('extension loads, analyses in the service worker, and marks a textarea on x.com', { timeout: 90000 }, async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'extension/pkg/safepost_bg.wasm')), 'run scripts/build-extension.sh first');
  const { ctx, sw, close } = await launch();
  try {
    // The core answers in the worker, and a panic becomes "unavailable" and then recovers.
    const direct = await sw.evaluate(async () => {
      const r = await globalThis.__safepost.dispatch({ type: 'text.analyze', id: 1, text: 'Call me at 661-555-0142 re: MRN 00482913', context: { platform: 'x' } }, {});
      const core = await globalThis.__safepost.getCore();
      let panicked = false;
      try { core.debug_panic(); } catch (_e) { panicked = true; }
      return { r, panicked };
    });
    assert.equal(direct.r.type, 'text.result');
    assert.ok(direct.r.findings.some((f) => f.severity === 'absolute'), JSON.stringify(direct.r));
    assert.ok(direct.panicked);

    const page = await ctx.newPage();
    await page.goto('https://x.com/');
    const ta = page.locator('#compose-textarea');
    await ta.click();
    await page.keyboard.type('Lovely day at the clinic.');
    await page.waitForFunction(() => document.querySelector('#compose-textarea').getAttribute('data-safepost-state') === 'clean');
    assert.equal(await ta.getAttribute('data-safepost-findings'), '0');

    await page.keyboard.type(' pt MRN 00482913, call 661-555-0142');
    await page.waitForFunction(() => document.querySelector('#compose-textarea').getAttribute('data-safepost-state') === 'absolute', null, { timeout: 10000 });
    assert.ok(Number(await ta.getAttribute('data-safepost-findings')) >= 2);
    // What was typed is exactly what the textarea holds.
    assert.equal(await ta.inputValue(), 'Lovely day at the clinic. pt MRN 00482913, call 661-555-0142');


    // A panic in the core: the box says "unavailable" (never a silent pass), then recovers.
    await sw.evaluate(() => { globalThis.__safepost.testHooks.panicNextCheck = true; });
    await page.keyboard.type('!');
    await page.waitForFunction(() => document.querySelector('#compose-textarea').getAttribute('data-safepost-state') === 'unavailable', null, { timeout: 10000 });
    await page.keyboard.type('!');
    await page.waitForFunction(() => document.querySelector('#compose-textarea').getAttribute('data-safepost-state') === 'absolute', null, { timeout: 10000 });

    // Contenteditable: highlights through CSS.highlights, without touching the DOM.
    const ce = page.locator('#compose-editable');
    await ce.click();
    await page.keyboard.type('MRN 00482913');
    await page.waitForFunction(() => document.querySelector('#compose-editable').getAttribute('data-safepost-state') === 'absolute', null, { timeout: 10000 });
    assert.equal(await ce.evaluate((el) => el.innerHTML), 'MRN 00482913');
    assert.ok(await page.evaluate(() => CSS.highlights.has('safepost-absolute') && CSS.highlights.get('safepost-absolute').size >= 1));
  } finally {
    await close();
  }
});
