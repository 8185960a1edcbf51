// Self-tests of the browser-test harness, run against a trivial stand-in
// extension (tests/e2e/standin/, never shipped). They prove the harness can
// see what the real tests rely on: the fixture editors' own models, the
// data-safepost-* contract, CSS highlights, closed-shadow-root UI, and
// network requests made by an extension's content script or service worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import path from 'node:path';
import {
  withBrowser, startServer, STRICT_CSP, HOSTS, SITES, siteUrl, E2E_DIR, openSite, readModel, typeInto,
  waitForSafePost, readHighlights, findPierced, clickPierced,
} from './harness/index.mjs';

const STANDIN = path.join(E2E_DIR, 'standin');
const POST = 'Seen today, MRN 12345678 in clinic';

test('fixture server answers over HTTPS with a strict CSP', async () => {
  const server = await startServer({ hosts: HOSTS });
  try {
    server.route('x.com', '/hello', { body: 'hi', type: 'text/plain' });
    const res = await new Promise((resolve, reject) => {
      https.get({ host: '127.0.0.1', port: server.port, path: '/hello', headers: { host: 'x.com' }, rejectUnauthorized: false }, resolve).on('error', reject);
    });
    assert.equal(res.statusCode, 200);
    const csp = res.headers['content-security-policy'];
    assert.equal(csp, STRICT_CSP);
    assert.doesNotMatch(csp, /unsafe-eval|wasm-unsafe-eval/);
    res.resume();
    assert.deepEqual(server.requests.map((r) => [r.host, r.path]), [['x.com', '/hello']]);
  } finally {
    await server.close();
  }
});

test('each fixture editor reports its own model, and the stand-in sees and fixes the post', async () => {
  await withBrowser({ extensionDir: STANDIN }, async ({ browser }) => {
    for (const [kind, site] of Object.entries(SITES)) {
      const page = await openSite(browser, kind);
      assert.equal(await page.evaluate(() => window.fixture.kind), kind);
      await typeInto(page, site.selector, POST);
      assert.equal(await readModel(page), POST, `${kind}: model after typing`);
      const s = await waitForSafePost(page, site.selector, (x) => x.state === 'absolute');
      assert.equal(s.findings, 1);
      if (kind !== 'textarea') {
        const hl = await readHighlights(page, site.selector);
        assert.deepEqual(hl.map((h) => [h.text, h.inside]), [['MRN 12345678', true]], `${kind}: highlight`);
      }
      await page.waitForTimeout(1100); // let the editor's undo history close its typing batch
      const [apply] = await findPierced(page, (n) => n.nodeName === 'button' && n.shadowType === 'closed' && n.text === 'Apply');
      assert.ok(apply, 'the Apply button is found inside the closed shadow root');
      await clickPierced(page, apply);
      await waitForSafePost(page, site.selector, (x) => x.state === 'clean');
      assert.equal(await readModel(page), 'Seen today, [record number removed] in clinic', `${kind}: model after apply`);
      await page.keyboard.press('Control+Z');
      await page.waitForFunction((t) => window.readModel() === t, POST, { timeout: 5000 })
        .catch(async () => assert.fail(`${kind}: undo left ${JSON.stringify(await readModel(page))}`));
      await page.close();
    }
    assert.deepEqual(browser.network.extensionRequests(browser.extensionId), []);
  });
});

test('without the extension nothing is watched, and the page keeps the text', async () => {
  await withBrowser({ withExtension: false }, async ({ browser }) => {
    const page = await openSite(browser, 'draft');
    await typeInto(page, SITES.draft.selector, POST);
    assert.equal(await readModel(page), POST);
    await page.waitForTimeout(300);
    assert.equal(await page.getAttribute(SITES.draft.selector, 'data-safepost-state'), null);
  });
});

test('the network watcher catches requests made by a content script and by a service worker', async () => {
  await withBrowser({ extensionDir: STANDIN }, async ({ browser }) => {
    const page = await browser.context.newPage();
    await page.goto(`${siteUrl('textarea')}#standin-leak`);
    const end = Date.now() + 10000;
    let seen = [];
    while (Date.now() < end) {
      seen = browser.network.extensionRequests(browser.extensionId).map((r) => `${r.targetType} ${r.url}`).sort();
      if (seen.length >= 2) break;
      await page.waitForTimeout(50);
    }
    assert.deepEqual(seen, [
      'page https://example.org/leak-from-content-script',
      'service_worker https://example.org/leak-from-worker',
    ]);
  });
});

test('a stopped service worker is restarted by the next message and answers it', async () => {
  await withBrowser({ extensionDir: STANDIN }, async ({ browser }) => {
    const page = await openSite(browser, 'textarea');
    await typeInto(page, SITES.textarea.selector, 'first');
    await waitForSafePost(page, SITES.textarea.selector, (x) => x.state === 'clean');
    assert.equal(await browser.stopServiceWorker(), 1);
    assert.equal(await browser.serviceWorkerRunning(), false);
    await typeInto(page, SITES.textarea.selector, ' MRN 1234567');
    await waitForSafePost(page, SITES.textarea.selector, (x) => x.state === 'absolute');
    assert.equal(await browser.serviceWorkerRunning(), true);
  });
});
