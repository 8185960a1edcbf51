// Issue 3, per editor kind, against the real extension loaded from the repo
// root on fixture pages built on the real editor libraries and served under
// the real hostnames with a strict CSP:
//  - a post with PHI is highlighted and the compose box says so
//    (data-safepost-state / data-safepost-findings);
//  - applying a suggestion changes the editor's own model, and Ctrl+Z undoes it;
//  - the text typed with SafePost on equals the text typed with it off;
//  - a clean post gets no highlight and state "clean";
//  - the site's own Post button still posts a clean post, and a post with an
//    absolute finding is held for review.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, serveFixtures, launchWithExtension, HOSTS, SITES, openSite, readModel, typeInto,
  waitForSafePost, flaggedTexts, hoverText, clickUiButton, pasteText, readHighlights,
} from './harness/index.mjs';
import { realExtensionMissing } from './real-extension.mjs';

const skip = realExtensionMissing();
const KINDS = Object.keys(SITES);

const PHI_POST = 'Follow-up today: MRN 12345678, call 555-201-3344 if the rash spreads.';
const APPLY_POST = 'Our patient (DOB 03/14/1952) is doing well.';
const APPLY_TARGET = '03/14/1952';
const CLEAN_POST = 'Great turnout at the flu shot clinic this week. Thanks, team!';
const RELATIVE_POST = 'Had a 84 year old woman in clinic today with a rare rash.';

/** A typing session with line breaks, corrections and PHI, as a user types it. */
async function typeScript(page, selector) {
  await page.click(selector);
  await page.keyboard.type('Seen in clinic today: MRN 12345678.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Plan: recheck in 2 wks');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('weeks, call 555-201-3344 (ok).');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('!');
  await page.keyboard.press('End');
  await page.keyboard.type(' Bye');
}

/** The editor subtree as tags and text only (Draft's random keys dropped). */
const skeleton = (page, selector) => page.$eval(selector, (root) => {
  const walk = (n) => (n.nodeType === 3 ? JSON.stringify(n.nodeValue)
    : n.nodeType === 1 ? `<${n.tagName.toLowerCase()}>${[...n.childNodes].map(walk).join('')}</>` : '');
  return [...root.childNodes].map(walk).join('');
});

describe('SafePost in each editor (real extension)', { skip: skip ?? false }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ hosts: HOSTS });
    await serveFixtures(server);
    browser = await launchWithExtension({ server });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const kind of KINDS) {
    const { selector, post } = SITES[kind];

    describe(kind, () => {
      it('highlights PHI and marks the box absolute', async () => {
        const page = await openSite(browser, kind);
        try {
          await typeInto(page, selector, PHI_POST);
          const s = await waitForSafePost(page, selector, (x) => x.state === 'absolute');
          assert.ok(s.findings >= 2, `at least the MRN and the phone number: ${s.findings}`);
          assert.equal(await readModel(page), PHI_POST, 'SafePost did not change the text');
          let flagged = [];
          const end = Date.now() + 5000;
          while (Date.now() < end) {
            flagged = await flaggedTexts(page, kind);
            if (flagged.some((t) => t.includes('12345678')) && flagged.some((t) => t.includes('555-201-3344'))) break;
            await page.waitForTimeout(50);
          }
          assert.ok(flagged.some((t) => t.includes('12345678')), `MRN highlighted: ${JSON.stringify(flagged)}`);
          assert.ok(flagged.some((t) => t.includes('555-201-3344')), `phone highlighted: ${JSON.stringify(flagged)}`);
          assert.ok(flagged.every((t) => PHI_POST.includes(t)), 'highlights cover post text only');
        } finally { await page.close(); }
      });

      it('checks a pasted post (the editor handles the paste itself)', async () => {
        const page = await openSite(browser, kind);
        try {
          await pasteText(page, selector, PHI_POST);
          await page.waitForFunction((t) => window.readModel() === t, PHI_POST, { timeout: 5000 });
          const s = await waitForSafePost(page, selector, (x) => x.state === 'absolute')
            .catch((e) => assert.fail(`${kind}: pasted PHI never flagged: ${e.message}`));
          assert.ok(s.findings >= 2);
        } finally { await page.close(); }
      });

      it('deleting PHI with Backspace clears the finding (editors that handle deletion themselves)', async () => {
        const page = await openSite(browser, kind);
        try {
          await typeInto(page, selector, 'Questions? Call 555-201-3344');
          await waitForSafePost(page, selector, (x) => x.state === 'absolute');
          await page.keyboard.press('Backspace');
          await page.waitForFunction(() => window.readModel().endsWith('555-201-334'));
          await waitForSafePost(page, selector, (x) => x.state === 'clean')
            .catch((e) => assert.fail(`${kind}: the box still shows the deleted phone number: ${e.message}`));
          assert.deepEqual(await flaggedTexts(page, kind), []);
        } finally { await page.close(); }
      });

      it('marks a story-only post relative', async () => {
        const page = await openSite(browser, kind);
        try {
          await typeInto(page, selector, RELATIVE_POST);
          const s = await waitForSafePost(page, selector, (x) => x.state === 'relative');
          assert.ok(s.findings >= 1);
        } finally { await page.close(); }
      });

      it('a clean post gets no highlight and state clean', async () => {
        const page = await openSite(browser, kind);
        try {
          await typeInto(page, selector, CLEAN_POST);
          const s = await waitForSafePost(page, selector, (x) => x.state != null);
          // The state attribute may first reflect an earlier, shorter text; settle on the final one.
          await page.waitForTimeout(400);
          assert.deepEqual(await waitForSafePost(page, selector), { state: 'clean', findings: 0 }, `first seen ${JSON.stringify(s)}`);
          assert.deepEqual(await flaggedTexts(page, kind), []);
          assert.equal(await readModel(page), CLEAN_POST);
        } finally { await page.close(); }
      });

      it('applying a suggestion changes the editor model, and undo restores it', async () => {
        const page = await openSite(browser, kind);
        try {
          await typeInto(page, selector, APPLY_POST);
          await waitForSafePost(page, selector, (x) => x.state === 'absolute');
          await page.waitForTimeout(1200); // the editors' undo histories group edits within 1 s
          await hoverText(page, kind, APPLY_TARGET);
          await clickUiButton(page, /^(apply|replace|use|rewrite|change)\b/i);
          await page.waitForFunction((t) => window.readModel() !== t, APPLY_POST, { timeout: 5000 });
          const applied = await readModel(page);
          assert.ok(!applied.includes(APPLY_TARGET), `date replaced: ${applied}`);
          assert.ok(applied.startsWith('Our patient (DOB ') && applied.endsWith(') is doing well.'), `only the flagged span changed: ${applied}`);
          await waitForSafePost(page, selector, (x) => x.findings < 99);
          await page.click(selector).catch(() => {});
          await page.keyboard.press('Control+Z');
          await page.waitForFunction((t) => window.readModel() === t, APPLY_POST, { timeout: 5000 })
            .catch(async () => assert.fail(`undo left ${JSON.stringify(await readModel(page))}`));
          // Typing still works after apply + undo, at the cursor the editor keeps.
          await page.keyboard.press('End');
          await page.keyboard.type(' Ok');
          assert.equal(await readModel(page), `${APPLY_POST} Ok`);
        } finally { await page.close(); }
      });

      it('the site\'s own Post button posts a clean post, and holds one with absolute findings', async () => {
        const page = await openSite(browser, kind);
        try {
          await typeInto(page, selector, CLEAN_POST);
          await waitForSafePost(page, selector, (x) => x.state === 'clean');
          await page.click(post);
          assert.deepEqual(await page.evaluate(() => window.__posts), [CLEAN_POST]);
        } finally { await page.close(); }
        const page2 = await openSite(browser, kind);
        try {
          await typeInto(page2, selector, PHI_POST);
          await waitForSafePost(page2, selector, (x) => x.state === 'absolute');
          await page2.click(post);
          await page2.waitForTimeout(300);
          assert.deepEqual(await page2.evaluate(() => window.__posts), [], 'held for review');
        } finally { await page2.close(); }
      });
    });
  }

  it('finds compose boxes that appear late: in an open shadow root, a same-origin iframe, a modal', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto('https://www.reddit.com/late');
      await page.waitForFunction(() => window.__lateReady === true);
      const shadowBox = 'shreddit-composer [role="textbox"]'; // Playwright's CSS pierces open shadow roots
      await page.click(shadowBox);
      await page.keyboard.type('Questions? Call 555-201-3344');
      await waitForSafePost(page, shadowBox, (x) => x.state === 'absolute')
        .catch((e) => assert.fail(`editor in an open shadow root: ${e.message}`));
      const hl = await readHighlights(page);
      assert.ok(hl.some((h) => h.name.startsWith('safepost') && h.text.includes('555-201-3344')), `shadow-root highlight: ${JSON.stringify(hl)}`);

      const frame = page.frames().find((f) => f.url().endsWith('/late-frame'));
      assert.ok(frame, 'the iframe loaded');
      await frame.click('textarea');
      await page.keyboard.type('Seen today, MRN 12345678');
      await waitForSafePost(frame, 'textarea', (x) => x.state === 'absolute')
        .catch((e) => assert.fail(`textarea in a same-origin iframe: ${e.message}`));

      await page.click('#open-dialog');
      await page.click('[role="dialog"] textarea');
      await page.keyboard.type('Reply: her DOB is 03/14/1952');
      await waitForSafePost(page, '[role="dialog"] textarea', (x) => x.state === 'absolute')
        .catch((e) => assert.fail(`textarea in a late modal dialog: ${e.message}`));
    } finally { await page.close(); }
  });

  it('text typed with SafePost on equals text typed with it off, in every editor', async () => {
    const on = {};
    for (const kind of KINDS) {
      const page = await openSite(browser, kind);
      try {
        await typeScript(page, SITES[kind].selector);
        await waitForSafePost(page, SITES[kind].selector, (x) => x.state === 'absolute');
        on[kind] = { model: await readModel(page), dom: await skeleton(page, SITES[kind].selector) };
      } finally { await page.close(); }
    }
    const plain = await launchWithExtension({ server, withExtension: false });
    try {
      for (const kind of KINDS) {
        const page = await openSite(plain, kind);
        await typeScript(page, SITES[kind].selector);
        const off = { model: await readModel(page), dom: await skeleton(page, SITES[kind].selector) };
        assert.equal(await page.getAttribute(SITES[kind].selector, 'data-safepost-state'), null);
        assert.equal(on[kind].model, off.model, `${kind}: model text`);
        assert.equal(on[kind].dom, off.dom, `${kind}: the editor's DOM`);
        assert.match(off.model, /recheck in 2 weeks, call 555-201-3344 \(ok!\)\. Bye$/);
        await page.close();
      }
    } finally { await plain.close(); }
  });
});
