// The popup (issue 5) in headless Chromium, opened as an extension page:
// first-view time (performance marks, reported), a malformed analytics file
// rejected with a message naming the problem and nothing stored, a real
// shared X export imported, a time picked, the estimate and checklist
// checked, the posting log fed through the service worker, and
// settings.showReach = false hiding the reach features; and the real action
// popup (chrome.action.openPopup(), what the toolbar icon opens) rendering
// its first view, then the history summary, schedule and estimate.
// Screenshot: written to a temp dir; SAFEPOST_POPUP_SCREENSHOT=docs/popup.png
// refreshes the README's image.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchWithExtension, REPO_ROOT } from './harness/index.mjs';
import { focusNormalTab, openActionPopup } from './popup-helpers.mjs';

const SHARED = process.env.SAFEPOST_REACH_DATA || path.join(REPO_ROOT, '..', 'shared', 'data', 'reach');
const X_EXPORT = path.join(SHARED, 'x_tweet_activity_gtieng_2019', 'gerardtieng_2019_9.csv');
const HEADLINE = /^Estimated reach ~([\d,]+) \(typical range ([\d,]+)–([\d,]+)\)$/;
const num = (s) => Number(s.replace(/,/g, ''));
/** Tomorrow 14:00 local, as a datetime-local value (always in the future). */
function tomorrowAt14() {
  const d = new Date(Date.now() + 864e5);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T14:00`;
}

async function openPopup(browser) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 420, height: 1000 });
  await page.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
  await page.waitForSelector('body[data-first-view="ready"]', { timeout: 10000 });
  return page;
}

/** [from navigation start, from the popup script's start] to the first view, in ms. */
const firstViewMs = (page) => page.evaluate(() => {
  const view = performance.getEntriesByName('safepost-first-view', 'mark')[0]?.startTime;
  const start = performance.getEntriesByName('safepost-popup-start', 'mark')[0]?.startTime;
  return [view, view - start];
});

describe('popup in Chromium', () => {
// One browser for both tests (each launch costs seconds on a busy machine).
let browser;
before(async () => { browser = await launchWithExtension({}); });
after(async () => { await browser?.close(); });

test('popup: first view, import, estimate for a chosen time, checklist, posting log', async () => {
  assert.ok(fs.existsSync(X_EXPORT), `shared X export needed: ${X_EXPORT}`);
  {
    let page = await openPopup(browser);
    const cold = await firstViewMs(page);
    // Warm opens are what a user sees after the first; take the median of five.
    const warm = [];
    for (let i = 0; i < 5; i++) {
      await page.reload();
      await page.waitForSelector('body[data-first-view="ready"]');
      warm.push(await firstViewMs(page));
    }
    const med = (k) => warm.map((w) => w[k]).sort((a, b) => a - b)[2];
    console.log(`# popup first view (navigation start → plan and checklist rendered): cold ${cold[0].toFixed(1)} ms, warm median ${med(0).toFixed(1)} ms; popup script alone: warm median ${med(1).toFixed(1)} ms`);
    // The popup's own work (storage reads + render) must fit the 100 ms bar
    // on its own; the page load around it is reported, and only guarded
    // loosely because shared CI machines vary.
    assert.ok(med(1) <= 100, `popup script to first view ${med(1)} ms > 100 ms`);
    assert.ok(med(0) <= 1000, `navigation to first view ${med(0)} ms`);

    // Checklist and plan are there before the core; then the core loads.
    assert.equal(await page.locator('#checklist-items li').count(), 7);
    assert.ok(await page.locator('#plan-rows tr[data-platform="x"]').count() === 1, 'default plan has X');
    await page.waitForSelector('body[data-core="ready"]', { timeout: 15000 });
    await page.waitForSelector('body[data-estimate]');
    assert.match(await page.textContent('#reach-headline'), /no X history yet/i);

    // With no history, a follower count starts the level (X: ~12 % of followers).
    await page.fill('#reach-followers', '10000');
    await page.dispatchEvent('#reach-followers', 'change');
    await page.waitForFunction(() => /^Estimated reach ~/.test(document.getElementById('reach-headline').textContent));
    const fromFollowers = num(HEADLINE.exec(await page.textContent('#reach-headline'))[1]);
    assert.ok(fromFollowers >= 800 && fromFollowers <= 1600, `follower-based estimate ${fromFollowers}`);
    await page.fill('#reach-followers', '');
    await page.dispatchEvent('#reach-followers', 'change');
    await page.waitForFunction(() => /no X history yet/i.test(document.getElementById('reach-headline').textContent));

    // A malformed export: a clear message naming the problem; nothing stored.
    await page.setInputFiles('#import-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('"Tweet id","time","impressions"\n"1","2019-03-01 10:00 +0000","50"\n"2","soon","5"\n') });
    await page.waitForSelector('#import-message[data-result="error"]');
    const bad = await page.textContent('#import-message');
    assert.match(bad, /bad\.csv: unreadable date "soon" in column "time" at line 3/);
    assert.equal((await page.evaluate(() => chrome.storage.local.get('reachHistory'))).reachHistory, undefined);

    // The real export.
    await page.setInputFiles('#import-file', X_EXPORT);
    await page.waitForSelector('#import-message[data-result="ok"]');
    const ok = await page.textContent('#import-message');
    const imported = Number(/: (\d+) X posts from an X tweet activity export/.exec(ok)?.[1]);
    assert.ok(imported > 30, ok);
    const stored = (await page.evaluate(() => chrome.storage.local.get('reachHistory'))).reachHistory;
    assert.equal(stored.posts.length, imported);
    assert.ok(stored.posts.every((p) => !('text' in p)), 'no post text stored');
    // The first view reads this small summary, never the whole history.
    const index = (await page.evaluate(() => chrome.storage.local.get('reachHistoryIndex'))).reachHistoryIndex;
    assert.deepEqual(index.counts, { x: imported });
    assert.ok(index.recent.every((p) => p.at >= index.since && Object.keys(p).sort().join() === 'at,platform'), 'recent posts only, times only');
    assert.match(await page.textContent('#history-summary'), new RegExp(`Imported history: ${imported} X posts`));

    // Pick a time; the estimate follows.
    await page.selectOption('#reach-platform', 'x');
    await page.fill('#reach-time', tomorrowAt14());
    await page.dispatchEvent('#reach-time', 'change');
    // The estimate for the default time ("now") may already be on screen:
    // wait for the one for the chosen 14:00 (an afternoon slot), not just any.
    await page.waitForFunction(() => {
      const items = document.querySelectorAll('#reach-drivers li');
      return /^Estimated reach ~/.test(document.getElementById('reach-headline').textContent) &&
        items.length > 1 && /afternoon/.test(items[1].textContent);
    }, null, { timeout: 15000 });
    const headline = await page.textContent('#reach-headline');
    const m = HEADLINE.exec(headline);
    assert.ok(m, headline);
    const [est, lo, hi] = [num(m[1]), num(m[2]), num(m[3])];
    assert.ok(lo < est && est < hi, headline);
    const reaches = stored.posts.map((p) => p.reach).sort((a, b) => a - b);
    const median = reaches[Math.floor(reaches.length / 2)];
    assert.ok(est > median / 3 && est < median * 3, `estimate ${est} far from the account's median ${median}`);
    const drivers = await page.locator('#reach-drivers li').allTextContents();
    assert.equal(drivers.length, 4, drivers.join(' | '));
    assert.match(drivers[0], new RegExp(`Your usual level: ~[\\d,]+ \\(based on ${imported} posts`));
    assert.match(drivers[1], /^Time of day \((weekday|weekend) afternoon\): [+−]\d+ %$/);
    assert.match(drivers[2], /^Spacing: /);
    const nearby = await page.textContent('#reach-nearby');
    assert.match(nearby, /Best nearby slots/);
    assert.equal(await page.locator('#reach-nearby-slots li').count(), 2);
    const planItem = page.locator('li[data-check="plan"]');
    assert.match(await planItem.textContent(), /Posting time fits your plan/);
    assert.equal(await planItem.getAttribute('data-state'), 'ok', await planItem.textContent());
    const ids = page.locator('li[data-check="identifiers"]');
    assert.equal(await ids.getAttribute('data-state'), 'open', 'no draft scanned: not ticked');
    assert.equal(await page.locator('#check-identifiers').isDisabled(), true, 'ticked automatically only');

    // The content script's log.post goes through the service worker.
    const twoHoursAgo = Date.now() - 2 * 3600e3;
    const reply = await page.evaluate((at) => chrome.runtime.sendMessage({ type: 'log.post', platform: 'x', at }), twoHoursAgo);
    assert.deepEqual(reply, { type: 'ok' });
    await page.reload();
    await page.waitForSelector('body[data-core="ready"]');
    await page.waitForFunction(() => /^Estimated reach ~/.test(document.getElementById('reach-headline').textContent));
    const progress = await page.getAttribute('#plan-rows tr[data-platform="x"] td[data-progress]', 'data-progress');
    assert.match(progress, /^1\/5$/);
    const spacing = (await page.locator('#reach-drivers li').allTextContents())[2];
    assert.match(spacing, /^Spacing: you posted 2 h ago/);

    // Plan is editable and persists.
    await page.fill('#plan-rows tr[data-platform="x"] input', '3');
    await page.dispatchEvent('#plan-rows tr[data-platform="x"] input', 'change');
    await page.waitForFunction(() => document.querySelector('#plan-rows tr[data-platform="x"] td[data-progress]')?.dataset.progress === '1/3');
    assert.deepEqual((await page.evaluate(() => chrome.storage.local.get('reachPlan'))).reachPlan, { x: 3 }, 'default plan follows the platforms you post on');

    const shotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safepost-popup-'));
    const shot = process.env.SAFEPOST_POPUP_SCREENSHOT || path.join(shotDir, 'popup.png');
    await page.fill('#reach-time', tomorrowAt14());
    await page.dispatchEvent('#reach-time', 'change');
    await page.waitForFunction(() => /^Estimated reach ~/.test(document.getElementById('reach-headline').textContent));
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`# popup screenshot: ${shot}`);
    if (!process.env.SAFEPOST_POPUP_SCREENSHOT) fs.rmSync(shotDir, { recursive: true, force: true });

    if (browser.network) assert.deepEqual(browser.network.networkRequests().map((r) => r.url), [], 'the popup makes no network request');
    await page.close();
  }
});

test('popup: the first view does not wait for a sleeping service worker', async () => {
  await browser.stopServiceWorker();
  const page = await openPopup(browser);
  try {
    await page.waitForSelector('body[data-core="ready"]', { timeout: 20000 });
    const [view, worker] = await page.evaluate(() => ['safepost-first-view', 'safepost-worker-ready']
      .map((n) => performance.getEntriesByName(n, 'mark')[0]?.startTime));
    assert.ok(view < worker, `first view at ${view} ms, the woken worker's first answer at ${worker} ms`);
    assert.equal(await page.locator('#checklist-items li').count(), 7);
  } finally {
    await page.close();
  }
});

test('popup: settings.showReach = false hides the reach features', async () => {
  const page = await openPopup(browser);
  try {
    await page.evaluate(() => chrome.storage.local.set({ settings: { showReach: false } }));
    await page.reload();
    await page.waitForSelector('body[data-first-view="ready"]');
    for (const id of ['#plan', '#reach', '#import']) assert.equal(await page.isVisible(id), false, `${id} hidden`);
    assert.equal(await page.isVisible('#checklist'), true);
    assert.equal(await page.locator('li[data-check="plan"]').count(), 0);
    assert.equal(await page.locator('#checklist-items li').count(), 6);
  } finally {
    await page.evaluate(() => chrome.storage.local.remove('settings')).catch(() => {});
    await page.close();
  }
});

test('popup: the action popup (what the toolbar icon opens) renders its first view', async () => {
  // A plan, a post logged a moment ago, and an imported history whose
  // summary index is missing (imported before the index existed): the
  // first view must not wait for the full history, and the summary follows.
  const sw = await browser.serviceWorker();
  const now = await sw.evaluate(async () => {
    const at = Date.now() - 1000;
    const old = Date.UTC(2019, 8, 2, 14, 0);
    await chrome.storage.local.remove(['reachHistoryIndex', 'settings', 'popupSettingsSnapshot']);
    await chrome.storage.local.set({
      reachPlan: { x: 4, linkedin: 2 },
      reachLog: [{ platform: 'x', at }],
      reachHistory: { posts: [0, 1, 2].map((i) => ({ platform: 'linkedin', at: old + i * 864e5, reach: 100 + i })), sources: [] },
    });
    return at;
  });
  // This week's progress counts the post logged a second ago (unless that
  // second crossed into a new week: then the week holds nothing yet).
  const monday = new Date(Date.now());
  monday.setHours(0, 0, 0, 0);
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  const xDone = now >= monday.getTime() ? 1 : 0;

  await focusNormalTab(browser);
  const popup = await openActionPopup(browser);
  try {
    assert.equal(browser.context.pages().some((p) => p.url().includes('/popup/popup.html')), false, 'the real popup, not a tab');
    await popup.waitFor(`document.body?.dataset.firstView === 'ready'`, { what: 'the first view' });
    const first = await popup.evaluate(`({
      mark: performance.getEntriesByName('safepost-first-view', 'mark').length,
      firstRead: document.body.dataset.firstRead,
      checks: [...document.querySelectorAll('#checklist-items li')].map((li) => li.dataset.check),
      rows: [...document.querySelectorAll('#plan-rows tr')].map((tr) => [tr.dataset.platform, tr.querySelector('td[data-progress]').dataset.progress]),
      planVisible: !document.getElementById('plan').classList.contains('hidden'),
    })`);
    assert.equal(first.mark, 1, 'safepost-first-view marked once');
    assert.equal(first.firstRead, 'early', "popup.js used first-read.js's storage read (their key lists agree)");
    assert.deepEqual(first.checks, ['identifiers', 'consent', 'general', 'source', 'coi', 'tone', 'plan']);
    assert.deepEqual(first.rows.sort(), [['linkedin', '0/2'], ['x', `${xDone}/4`]]);
    assert.equal(first.planVisible, true);

    // Then the history summary (built from the full history) and the
    // worker's schedule and estimate.
    await popup.waitFor(`/Imported history: 3 LinkedIn posts/.test(document.getElementById('history-summary').textContent)`,
      { what: 'the history summary' });
    await popup.waitFor(`document.body.dataset.core === 'ready' && !!document.body.dataset.estimate`, { what: 'the schedule and estimate' });
    const later = await popup.evaluate(`({
      nextSlot: document.querySelector('#plan-rows tr[data-platform="x"] .next-slot').textContent,
      headline: document.getElementById('reach-headline').textContent,
    })`);
    assert.notEqual(later.nextSlot, '…', 'the next slot from the worker');
    assert.notEqual(later.headline, 'Loading the estimator…');
    const index = await sw.evaluate(async () => (await chrome.storage.local.get('reachHistoryIndex')).reachHistoryIndex);
    assert.deepEqual(index?.counts, { linkedin: 3 }, 'the summary is stored for the next first view');
  } finally {
    await popup.close();
  }
  const { targetInfos } = await browser.cdp.send('Target.getTargets');
  assert.equal(targetInfos.some((t) => t.targetId === popup.targetId), false, 'window.close() closed the popup');
});

});

// The service-worker handler and the WASM exports, in Node with an
// in-memory chrome.storage (no browser needed).
test('reach handler: posting log, plan, all-or-nothing import, estimate (WASM in Node)', async () => {
  const pkg = path.join(REPO_ROOT, 'extension', 'pkg');
  assert.ok(fs.existsSync(path.join(pkg, 'safepost_bg.wasm')), 'scripts/build-extension.sh builds extension/pkg');
  const core = await import(pathToFileURL(path.join(pkg, 'safepost.js')).href);
  await core.default({ module_or_path: fs.readFileSync(path.join(pkg, 'safepost_bg.wasm')) });
  const store = {};
  globalThis.chrome = {
    storage: {
      local: {
        async get(k) { return k in store ? { [k]: structuredClone(store[k]) } : {}; },
        async set(o) { Object.assign(store, structuredClone(o)); },
        async remove(k) { delete store[k]; },
      },
    },
  };
  const { handleReach } = await import(pathToFileURL(path.join(REPO_ROOT, 'extension', 'background', 'handlers', 'reach.js')).href);
  const at = Date.UTC(2026, 11, 2, 14, 0);
  assert.deepEqual(await handleReach({ type: 'log.post', platform: 'twitter', at }, core), { type: 'ok' });
  assert.deepEqual(await handleReach({ type: 'log.post', platform: 'x', at: at + 1000 }, core), { type: 'ok' });
  assert.deepEqual(store.reachLog, [{ platform: 'x', at }], 'normalised, and a double report kept once');
  assert.equal((await handleReach({ type: 'log.post', platform: 'reddit', at }, core)).stored, false, 'watched but unplanned site');
  assert.deepEqual(store.reachLog, [{ platform: 'x', at }]);
  await assert.rejects(handleReach({ type: 'log.post', at }, core), /known platform/);
  await assert.rejects(handleReach({ type: 'log.post', platform: 'x', at: 'soon' }, core), /known platform and a time/);
  await assert.rejects(handleReach({ type: 'reach.plan.set', plan: { x: -1 } }, core));
  assert.deepEqual((await handleReach({ type: 'reach.plan.set', plan: { x: 4 } }, core)).plan, { x: 4 });

  const bad = await handleReach({ type: 'reach.import', name: 'month.csv', text: 'Post id,Date,Post text,Post Link,Impressions\n1,"Tue, Jul 14, 2020",hi,u,lots\n' }, core);
  assert.equal(bad.type, 'reach.error');
  assert.equal(bad.error, 'month.csv: "lots" in column "Impressions" at line 2 is not a number');
  assert.equal(store.reachHistory, undefined, 'nothing imported half-way');
  const unknown = await handleReach({ type: 'reach.import', name: 'notes.csv', text: 'name,age\nbob,4\n' }, core);
  assert.match(unknown.error, /^notes\.csv: not a known analytics export \(columns: name, age\)/);

  const text = fs.readFileSync(X_EXPORT, 'utf8');
  const ok = await handleReach({ type: 'reach.import', name: 'x.csv', text }, core);
  assert.equal(ok.type, 'reach.imported', JSON.stringify(ok));
  assert.equal(ok.platform, 'x');
  const again = await handleReach({ type: 'reach.import', name: 'x.csv', text }, core);
  assert.equal(again.added, 0, 'importing the same file twice adds nothing');

  const est = await handleReach({ type: 'reach.estimate', platform: 'x', at: at + 2 * 3600e3 }, core);
  assert.equal(est.type, 'reach.estimate', JSON.stringify(est));
  const e = est.estimate;
  assert.ok(e.low80 < e.reach && e.reach < e.high80 && e.low50 >= e.low80 && e.high50 <= e.high80, JSON.stringify(e));
  assert.match(e.headline, /^estimated reach ~[\d,]+ \(typical range [\d,]+–[\d,]+\)$/);
  assert.match(e.drivers.spacing_message, /^you posted 2 h ago/);
  const sched = await handleReach({ type: 'reach.schedule', platform: 'x', at }, core);
  assert.equal(sched.type, 'reach.schedule');
  assert.equal(sched.status.platforms[0].planned, 4);
  assert.equal(typeof sched.fit.fits, 'boolean');
  const none = await handleReach({ type: 'reach.estimate', platform: 'tiktok', at }, core);
  assert.match(none.error, /no TikTok history yet/);
  delete globalThis.chrome;
});
