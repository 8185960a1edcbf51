// The reach estimate beside the compose box (issue 5), with the real
// extension on the x.com fixture (Draft.js editor, strict CSP):
//  - with no history for X, focusing the box shows the "import" hint, not a number;
//  - after the shared X export is imported (through the service worker, as the
//    popup does), the next focus shows "est. reach ~A (B–C)" whose numbers are
//    those the worker's own reach.estimate gives for X at the time the badge
//    asked (read back from the badge, compared with the worker's answer for
//    that platform and time: nothing hard-coded);
//  - a post just logged becomes the main driver when the estimator says
//    spacing matters ("you posted … ago"), and the text check still works;
//  - Alt+Shift+R opens the details card; showReachBadge = false hides it;
//  - no network request.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, serveFixtures, launchWithExtension, HOSTS, SITES, REPO_ROOT, openSite, findPierced, waitForSafePost,
} from './harness/index.mjs';
import { realExtensionMissing } from './real-extension.mjs';

const skip = realExtensionMissing();
const SHARED = process.env.SAFEPOST_REACH_DATA || path.join(REPO_ROOT, '..', 'shared', 'data', 'reach');
const X_EXPORT = path.join(SHARED, 'x_tweet_activity_gtieng_2019', 'gerardtieng_2019_9.csv');
const BOX = SITES.draft.selector;

/** SafePost's reach chip(s) in the closed shadow root: [{text, attributes}]. */
const chips = (page) => findPierced(page, (n) => n.shadowType === 'closed' && n.nodeName === 'button'
  && /(^|\s)reach(\s|$)/.test(n.attributes.class ?? ''));

/** Waits for a visible chip matching accept(chip); returns it. */
async function waitForChip(page, accept = () => true, timeout = 15000) {
  const end = Date.now() + timeout;
  let last = [];
  while (Date.now() < end) {
    last = await chips(page);
    const c = last.find((x) => !('hidden' in x.attributes) && accept(x));
    if (c) return c;
    await page.waitForTimeout(100);
  }
  throw new Error(`no reach chip as expected; saw ${JSON.stringify(last.map((c) => [c.text, c.attributes]))}`);
}

/** Moves focus out of the box and back (a fresh focus, as a user returning to it). */
async function refocus(page) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.click(BOX);
}

/** "estimated reach ~1,200 (typical range 450–3,100)" → "est. reach ~1,200 (450–3,100)". */
function chipTextFor(headline) {
  const m = /^estimated reach ~([\d,]+) \(typical range ([\d,]+)–([\d,]+)\)$/.exec(headline);
  assert.ok(m, `core headline changed shape: ${headline}`);
  return `est. reach ~${m[1]} (${m[2]}–${m[3]})`;
}

describe('reach estimate beside the compose box (real extension)', { skip: skip ?? false }, () => {
  let server;
  let browser;
  let ext; // an extension page, to talk to the worker as the popup does
  before(async () => {
    server = await startServer({ hosts: HOSTS });
    await serveFixtures(server);
    browser = await launchWithExtension({ server });
    ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
    await ext.waitForSelector('body[data-first-view="ready"]');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const ask = (msg) => ext.evaluate((m) => chrome.runtime.sendMessage(m), msg);

  test('no history: the hint; with the X export: the worker\'s estimate for X now; log, keyboard, setting', { timeout: 120000 }, async () => {
    assert.ok(fs.existsSync(X_EXPORT), `shared X export needed: ${X_EXPORT}`);
    const page = await openSite(browser, 'draft');
    await page.click(BOX);
    const hint = await waitForChip(page);
    assert.equal(hint.text, 'reach: import analytics in the popup');
    assert.equal(hint.attributes['data-state'], 'none');
    assert.equal(hint.attributes['data-platform'], 'x');
    assert.match(hint.attributes['aria-label'], /no X history yet/);
    // Nothing in the editor's own DOM.
    assert.equal(await page.$eval(BOX, (b) => b.querySelectorAll('safepost-ui, .reach').length), 0);

    // Import the shared export through the worker (the popup's path).
    const imported = await ask({ type: 'reach.import', name: 'x.csv', text: fs.readFileSync(X_EXPORT, 'utf8') });
    assert.equal(imported.type, 'reach.imported', JSON.stringify(imported));

    // New history: the next focus refreshes without waiting the minute.
    await refocus(page);
    const chip = await waitForChip(page, (c) => c.attributes['data-state'] === 'estimate');
    const at = Number(chip.attributes['data-at']);
    assert.ok(Math.abs(Date.now() - at) < 60000, `estimate asked for now, not ${new Date(at).toISOString()}`);
    const want = await ask({ type: 'reach.estimate', platform: 'x', at });
    assert.equal(want.type, 'reach.estimate', JSON.stringify(want));
    assert.equal(chip.text, chipTextFor(want.estimate.headline));
    assert.match(chip.attributes['aria-label'], /^SafePost reach estimate for a X post now: about [\d,]+, typical range [\d,]+ to [\d,]+\. .+\. Show details$/);
    assert.match(chip.attributes.title, /^SafePost: .+ \(Alt\+Shift\+R from the box\)$/);

    if (process.env.SAFEPOST_REACH_SCREENSHOT) await page.screenshot({ path: process.env.SAFEPOST_REACH_SCREENSHOT });

    // Placed by the box: its right edge within the box's width, at its bottom.
    const cdp = await page.context().newCDPSession(page);
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: chip.backendNodeId });
    await cdp.detach();
    const boxRect = await page.$eval(BOX, (b) => b.getBoundingClientRect().toJSON());
    const [cx0, cy0, cx1] = [model.border[0], model.border[1], model.border[2]];
    assert.ok(cx1 > cx0 && cx0 >= boxRect.left - 1 && cx1 <= boxRect.right + 1, `chip x ${cx0}–${cx1} vs box ${boxRect.left}–${boxRect.right}`);
    assert.ok(cy0 >= boxRect.top && cy0 <= boxRect.bottom + 4, `chip y ${cy0} vs box ${boxRect.top}–${boxRect.bottom}`);

    // Within the minute, focusing again does not ask again (same time asked for).
    await refocus(page);
    await page.waitForTimeout(500);
    assert.equal((await waitForChip(page)).attributes['data-at'], String(at), 'at most one request a minute');

    // A post just made (the posting log): refreshed at the next focus; the
    // driver named is the spacing one whenever the estimator says it matters.
    const logged = await ask({ type: 'log.post', platform: 'x', at: Date.now() - 2 * 3600e3 });
    assert.equal(logged.type, 'ok');
    await refocus(page);
    const after = await waitForChip(page, (c) => c.attributes['data-at'] !== String(at));
    const now = await ask({ type: 'reach.estimate', platform: 'x', at: Number(after.attributes['data-at']) });
    assert.equal(after.text, chipTextFor(now.estimate.headline));
    const d = now.estimate.drivers;
    if (d.spacing_message && d.spacing_pct <= -5) assert.ok(after.attributes.title.includes(d.spacing_message), after.attributes.title);
    else assert.ok(!/you posted/.test(after.attributes.title), after.attributes.title);

    // The text check is not held up by the estimate.
    await page.keyboard.type(' Call 555-201-3344 today.');
    await waitForSafePost(page, BOX, (s) => s.state === 'absolute');
    if (process.env.SAFEPOST_REACH_SCREENSHOT) await page.screenshot({ path: process.env.SAFEPOST_REACH_SCREENSHOT.replace(/\.png$/, '-findings.png') });

    // Keyboard: Alt+Shift+R from the box opens the details card.
    await page.click(BOX);
    await page.keyboard.press('Alt+Shift+KeyR');
    const [card] = await (async () => {
      const end = Date.now() + 5000;
      while (Date.now() < end) {
        const found = await findPierced(page, (n) => n.shadowType === 'closed' && n.nodeName === 'div'
          && /(^|\s)card(\s|$)/.test(n.attributes.class ?? '') && /Estimated reach/.test(n.text));
        if (found.length) return found;
        await page.waitForTimeout(100);
      }
      return [];
    })();
    assert.ok(card, 'reach card opened by Alt+Shift+R');
    assert.match(card.text, /Main driver: /);
    assert.match(card.text, new RegExp(`From ${now.estimate.history_posts} imported posts`));
    await page.keyboard.press('Escape');

    // The setting hides it (pushed to the page like every setting).
    await ext.evaluate(() => chrome.storage.local.set({ settings: { showReachBadge: false } }));
    const end = Date.now() + 10000;
    let visible = true;
    while (Date.now() < end && visible) {
      visible = (await chips(page)).some((c) => !('hidden' in c.attributes));
      if (visible) await page.waitForTimeout(100);
    }
    assert.equal(visible, false, 'showReachBadge = false hides the estimate');
    await refocus(page);
    await page.waitForTimeout(500);
    assert.equal((await chips(page)).some((c) => !('hidden' in c.attributes)), false, 'stays hidden on focus');
    await ext.evaluate(() => chrome.storage.local.remove('settings'));

    // A watched site the estimator does not cover (Reddit): no chip at all.
    const reddit = await openSite(browser, 'textarea');
    await reddit.click(SITES.textarea.selector);
    await reddit.keyboard.type('Flu clinic open today.');
    await waitForSafePost(reddit, SITES.textarea.selector, (x) => x.state === 'clean');
    await reddit.waitForTimeout(1500);
    assert.deepEqual(await chips(reddit), [], 'no reach chip on Reddit');
    await reddit.close();

    if (browser.network) {
      const outside = browser.network.networkRequests().filter((r) => !HOSTS.some((h) => new URL(r.url).hostname === h));
      assert.deepEqual(outside.map((r) => r.url), [], 'nothing leaves the machine');
    }
    await page.close();
  });
});

// The setting, as the settings module resolves it (no browser needed):
// managed policy locks it, a malformed managed value hides it (the safest).
test('showReachBadge: user choice, locked by policy, safest on a bad policy value', async () => {
  const { resolveSettings, DEFAULTS, SETTING_NAMES } = await import('../../extension/background/settings.js');
  assert.equal(DEFAULTS.showReachBadge, true);
  assert.ok(SETTING_NAMES.includes('showReachBadge'));
  assert.equal(resolveSettings({}, { showReachBadge: false }).showReachBadge, false);
  const locked = resolveSettings({ showReachBadge: true }, { showReachBadge: false });
  assert.equal(locked.showReachBadge, true);
  assert.ok(locked.locked.includes('showReachBadge'));
  const bad = resolveSettings({ showReachBadge: 'yes' }, { showReachBadge: true });
  assert.equal(bad.showReachBadge, false);
  assert.ok(bad.notices.some((n) => n.setting === 'showReachBadge'), JSON.stringify(bad.notices));
});

// The worker answers repeated questions about the same minute and data from
// memory (the badges of several tabs, the popup), and recomputes when the
// data change. A counting stand-in for the WASM core; in-memory storage.
test('reach.estimate: one computation per minute and data; new data recompute', async () => {
  const store = {};
  globalThis.chrome = {
    storage: {
      local: {
        async get(k) { const o = {}; for (const x of [].concat(k)) if (x in store) o[x] = structuredClone(store[x]); return o; },
        async set(o) { Object.assign(store, structuredClone(o)); },
        async remove(k) { for (const x of [].concat(k)) delete store[x]; },
      },
    },
  };
  try {
    let calls = 0;
    const core = { reach_estimate: (req) => { calls += 1; return { ok: true, at: req.at, log: req.log.length }; } };
    const { handleReach } = await import('../../extension/background/handlers/reach.js');
    store.reachLog = [{ platform: 'x', at: Date.now() - 864e5 }];
    // Both asks must fall in one wall-clock minute; retry across a boundary.
    let a; let b;
    for (let tries = 0; tries < 3; tries++) {
      const minute = Math.floor(Date.now() / 60000);
      calls = 0;
      const at = minute * 60000 + 30000;
      a = await handleReach({ type: 'reach.estimate', platform: 'x', at, priority: 'low' }, core);
      b = await handleReach({ type: 'reach.estimate', platform: 'x', at: at + 5000 }, core);
      if (Math.floor(Date.now() / 60000) === minute) break;
    }
    assert.equal(calls, 1, 'same minute, same data: computed once');
    assert.deepEqual(b, a);
    assert.notEqual(b, a, 'each reply is its own object (the router stamps ids on it)');
    await handleReach({ type: 'log.post', platform: 'x', at: Date.now() - 3600e3 }, core);
    const c = await handleReach({ type: 'reach.estimate', platform: 'x', at: a.estimate.at }, core);
    assert.equal(calls, 2, 'a new post in the log: computed again');
    assert.equal(c.estimate.log, 2);
    const d = await handleReach({ type: 'reach.estimate', platform: 'linkedin', at: a.estimate.at }, core);
    assert.equal(calls, 3, 'another platform: its own computation');
    assert.equal(d.type, 'reach.estimate');
  } finally {
    delete globalThis.chrome;
  }
});
