// Issue 3, safety properties of the real extension:
//  - it makes no network request at all (CDP watch of every target: pages,
//    the service worker, offscreen/extension pages) and never tries WASM in a
//    page (no CSP violation reported to the site);
//  - it never executes page or post text, nor parses it as HTML;
//  - a 100 KB paste leaves the page responsive and the check still updates;
//  - a service worker that was stopped does not lose the first keystrokes
//    after it wakes, and relays them to the warm offscreen text engine
//    (which is re-created if it was closed);
//  - it does not run on a non-social host.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startServer, serveFixtures, launchWithExtension, HOSTS, SITES, FIXTURES_DIR, openSite, readModel, typeInto,
  waitForSafePost, findPierced, hoverText, pasteText, startTickProbe, stopTickProbe,
} from './harness/index.mjs';
import { realExtensionMissing } from './real-extension.mjs';

const skip = realExtensionMissing();
const KINDS = Object.keys(SITES);

const PAYLOADS = [
  '<img src="/xss-probe-img.png" onerror="window.__pwned=1">',
  '<svg onload="window.__pwned=2"><script>window.__pwned=3</script>',
  '"><iframe src="/xss-probe-frame"></iframe>',
  '<a href="javascript:window.__pwned=4">x</a>',
  '{{constructor.constructor("window.__pwned=5")()}} ${window.__pwned=6}',
  "');window.__pwned=7;//",
];

describe('SafePost safety (real extension)', { skip: skip ?? false }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ hosts: HOSTS });
    await serveFixtures(server);
    // Fixture pages with a lax CSP, so injected markup WOULD run if SafePost ever parsed text as HTML.
    for (const [kind, site] of Object.entries(SITES)) {
      server.route(site.host, `/xss-${kind}`, { file: path.join(FIXTURES_DIR, site.html),
        headers: { 'Content-Security-Policy': "script-src 'self' 'unsafe-inline'" } });
    }
    browser = await launchWithExtension({ server });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('never executes or parses page or post text', async () => {
    for (const kind of KINDS) {
      const site = SITES[kind];
      const page = await openSite(browser, kind, { url: `https://${site.host}/xss-${kind}` });
      try {
        // PHI next to each payload, so findings (and their quotes and card) are built around them.
        await typeInto(page, site.selector, 'Start');
        for (const p of PAYLOADS) {
          // Inserted at once (as an IME commit or paste would), then a typed key, to keep the run short.
          await page.keyboard.insertText(` MRN 12345678 ${p} ${p.replace(/"/g, '')}@example.com`);
          await page.keyboard.type(' .');
        }
        await waitForSafePost(page, site.selector, (x) => x.state === 'absolute');
        await hoverText(page, kind, '12345678').catch(() => {}); // open the card, where quotes are shown
        await page.waitForTimeout(500);
        assert.equal(await page.evaluate(() => window.__pwned), undefined, `${kind}: a payload ran`);
        assert.deepEqual(await page.evaluate(() => window.__addedElements), [], `${kind}: elements made from text`);
        const pierced = await findPierced(page, (n) => n.inShadow
          && (Object.keys(n.attributes).some((a) => /^on/i.test(a))
            || Object.values(n.attributes).some((v) => /xss-probe|pwned|javascript:/i.test(v))
            || (['img', 'svg', 'script', 'iframe', 'object', 'embed'].includes(n.nodeName))));
        assert.deepEqual(pierced.map((n) => n.nodeName), [], `${kind}: elements made from text in SafePost's UI`);
        assert.deepEqual(server.requests.filter((r) => r.path.startsWith('/xss-probe')), [], `${kind}: payload URL fetched`);
      } finally { await page.close(); }
    }
  });

  it('never tries WebAssembly (or anything else blocked) in the page under a strict CSP', async () => {
    for (const kind of KINDS) {
      const page = await openSite(browser, kind);
      try {
        await typeInto(page, SITES[kind].selector, 'Seen today, MRN 12345678.');
        await waitForSafePost(page, SITES[kind].selector, (x) => x.state === 'absolute');
        assert.deepEqual(await page.evaluate(() => window.__violations), [], `${kind}: CSP violations reported to the site`);
      } finally { await page.close(); }
    }
  });

  it('a 100 KB paste leaves the page responsive, and the check still updates', async () => {
    const para = 'Reminder for everyone: hydrate, sleep, and keep moving. ';
    let big = '';
    while (big.length < 100 * 1024) big += para;
    for (const kind of KINDS) {
      const { selector } = SITES[kind];
      const page = await openSite(browser, kind);
      try {
        await startTickProbe(page);
        await pasteText(page, selector, `${big}Call 555-201-3344.`);
        await page.waitForFunction((n) => window.readModel().length >= n, big.length, { timeout: 60000 });
        const s = await waitForSafePost(page, selector, (x) => x.state === 'absolute', { timeout: 60000 })
          .catch((e) => assert.fail(`${kind}: the phone number at the end of the paste was never flagged: ${e.message}`));
        assert.ok(s.findings >= 1);
        await page.keyboard.press('Control+End');
        await page.keyboard.type(' MRN 12345678');
        await waitForSafePost(page, selector, (x) => x.state === 'absolute' && x.findings > s.findings, { timeout: 30000 })
          .catch((e) => assert.fail(`${kind}: typing after the paste was not checked: ${e.message}`));
        const probe = await stopTickProbe(page);
        // Not a speed bar (see scripts/bench.sh): the page's own timers must keep running.
        assert.ok(probe.ticks > 10, `${kind}: timers ran ${probe.ticks} times`);
        assert.ok(probe.maxGap < 3000, `${kind}: the page froze for ${probe.maxGap} ms`);
        assert.ok((await readModel(page)).endsWith('Call 555-201-3344. MRN 12345678'), `${kind}: text intact`);
      } finally { await page.close(); }
    }
  });

  it('a stopped service worker does not lose the first keystrokes after it wakes', async () => {
    for (const kind of ['draft', 'textarea']) {
      const { selector } = SITES[kind];
      const page = await openSite(browser, kind);
      try {
        await typeInto(page, selector, 'Hello');
        await waitForSafePost(page, selector, (x) => x.state === 'clean');
        assert.ok(await browser.stopServiceWorker() >= 1, 'a worker was running');
        assert.equal(await browser.serviceWorkerRunning(), false);
        await page.keyboard.type(' MRN 12345678');
        const s = await waitForSafePost(page, selector, (x) => x.state === 'absolute', { timeout: 15000 })
          .catch((e) => assert.fail(`${kind}: keystrokes after the worker was stopped were not checked: ${e.message}`));
        assert.equal(await readModel(page), 'Hello MRN 12345678');
        assert.ok(s.findings >= 1);
        assert.equal(await browser.serviceWorkerRunning(), true);
        // The woken worker relayed the check to the offscreen text engine (kept warm while it slept)
        // instead of instantiating its own core and compiling the patterns first.
        const sw = await browser.serviceWorker();
        const woken = await sw.evaluate(async () => ({
          remote: globalThis.__safepost.textEngineRemote,
          coreStarted: globalThis.__safepost.coreStarted(),
          engines: (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length,
          direct: (await globalThis.__safepost.engineConnection()).direct, // a MessageChannel straight to the engine Worker
        }));
        assert.deepEqual(woken, { remote: true, coreStarted: false, engines: 1, direct: true }, `${kind}: the woken worker's text path`);
      } finally { await page.close(); }
    }
  });

  it('a closed offscreen text engine is re-created and the check retried', async () => {
    const { selector } = SITES.textarea;
    const page = await openSite(browser, 'textarea');
    try {
      await typeInto(page, selector, 'Hello');
      await waitForSafePost(page, selector, (x) => x.state === 'clean');
      const sw = await browser.serviceWorker();
      // As if the engine's document crashed or was closed by the browser.
      assert.equal(await sw.evaluate(async () => {
        await chrome.offscreen.closeDocument();
        return (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length;
      }), 0);
      await page.keyboard.type(' MRN 12345678');
      const s = await waitForSafePost(page, selector, (x) => x.state === 'absolute', { timeout: 15000 })
        .catch((e) => assert.fail(`the check after the engine closed never came: ${e.message}`));
      assert.ok(s.findings >= 1);
      assert.equal(await sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length), 1);
      // A panic in the engine still ends in "unavailable", and the next check recovers.
      await sw.evaluate(() => { globalThis.__safepost.testHooks.panicNextCheck = true; });
      await page.keyboard.type('!');
      await waitForSafePost(page, selector, (x) => x.state === 'unavailable', { timeout: 15000 });
      await page.keyboard.type('!');
      await waitForSafePost(page, selector, (x) => x.state === 'absolute', { timeout: 15000 });
      assert.equal(await readModel(page), 'Hello MRN 12345678!!');
    } finally { await page.close(); }
  });

  it('does not run on a host that is not a social site', async () => {
    const page = await openSite(browser, 'textarea', { url: 'https://example.org/textarea' });
    try {
      await typeInto(page, SITES.textarea.selector, 'MRN 12345678');
      await page.waitForTimeout(800);
      assert.equal(await page.getAttribute(SITES.textarea.selector, 'data-safepost-state'), null);
      assert.deepEqual(await findPierced(page, (n) => n.nodeName === 'safepost-ui'), []);
    } finally { await page.close(); }
  });

  it('made no network request at all, in any page or worker', async () => {
    // Runs last: covers everything the tests above made the extension do.
    const id = browser.extensionId;
    assert.deepEqual(browser.network.extensionRequests(id), []);
    // And every request any page made went to a fixture we serve (nothing the extension injected).
    const unexpected = browser.network.networkRequests().filter((r) => {
      const u = new URL(r.url);
      return !(HOSTS.includes(u.hostname) && (u.pathname.startsWith('/__fixture/') || u.pathname === '/favicon.ico'
        || Object.values(SITES).some((s) => s.path === u.pathname) || /^\/(xss-(draft|lexical|quill|contenteditable|textarea)|textarea)$/.test(u.pathname)));
    });
    assert.deepEqual(unexpected, []);
    assert.ok(browser.network.targets.size > 0);
    assert.ok([...browser.network.targets.values()].some((t) => t.type === 'service_worker' && t.url.includes(id)),
      'the service worker was watched');
  });
});
