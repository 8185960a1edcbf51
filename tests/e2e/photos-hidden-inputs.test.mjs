// Issue 4, "catch every way an image enters a post": file inputs a
// document-level listener cannot see, against the real extension on a
// fixture page served as www.facebook.com:
//  - an <input type=file> inside an open shadow root (its `change` event is
//    not composed, so it never reaches the document): the GPS JPEG shows its
//    findings, the upload waits, and "Remove hidden data" gives the site's own
//    change handler a file without EXIF GPS;
//  - the same inside a closed shadow root (opened with chrome.dom);
//  - an input the page creates, never attaches, and clicks from script
//    (caught by the MAIN-world hook, extension/content/photos-main-world.js):
//    the same findings, and "Attach as is" gives the site's handler the
//    original bytes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, serveFixtures, launchWithExtension, HOSTS, REPO_ROOT,
  waitForSafePost,
} from './harness/index.mjs';
import { cardText, clickUiButton, uploads, waitUploads, exif, routePhotoFixture } from './photo-helpers.mjs';
import { realExtensionMissing } from './real-extension.mjs';

const skip = realExtensionMissing();
const IMAGES = path.join(REPO_ROOT, 'tests/fixtures/images');
const GPS_JPEG = path.join(IMAGES, 'coffee_gps.jpg');
const HOST = 'www.facebook.com';
const PAGE = '/safepost-hidden-inputs-fixture';

describe('SafePost photo checks: file inputs in shadow roots and outside the document', { skip: skip ?? false }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ hosts: HOSTS });
    await serveFixtures(server);
    routePhotoFixture(server, HOST, { pagePath: PAGE, html: 'photos-hidden.html', scriptRoute: '/__photos/hidden-page.js', script: 'photos-hidden-page.js' });
    browser = await launchWithExtension({ server });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The site sees nothing until the clinician answers; "Attach as is" then hands it the original file through `via`. */
  async function heldThenAttachedAsIs(p, via) {
    await p.waitForTimeout(300);
    assert.equal((await uploads(p)).length, 0, 'the site must not see the file before the clinician answers');
    await clickUiButton(p, /^Attach as is$/);
    const [u] = await waitUploads(p, 1);
    assert.equal(u.via, via);
    assert.ok(Buffer.from(u.b64, 'base64').equals(fs.readFileSync(GPS_JPEG)), 'the site receives the original file');
  }

  async function openPage() {
    const page = await browser.context.newPage();
    await page.goto(`https://${HOST}${PAGE}`, { waitUntil: 'load' });
    await page.click('#compose');
    await waitForSafePost(page, '#compose');
    return page;
  }

  it('an input inside an open shadow root: GPS finding, held, cleaned file reaches the site', async () => {
    const p = await openPage();
    const chooser = p.waitForEvent('filechooser');
    await p.click('#shadow-attach'); // Playwright's CSS pierces open shadow roots
    await (await chooser).setFiles(GPS_JPEG);
    const texts = await cardText(p, 'GPS location in the file');
    assert.match(texts.join('\n'), /37\.77, -122\.41/);
    await waitForSafePost(p, '#compose', (s) => s.state === 'absolute' && s.findings >= 2);
    await p.waitForTimeout(300);
    assert.equal((await uploads(p)).length, 0, 'the site must not see the file before the clinician answers');
    await clickUiButton(p, /^Remove hidden data$/);
    const [u] = await waitUploads(p, 1);
    assert.equal(u.via, 'shadow');
    const after = exif(Buffer.from(u.b64, 'base64'));
    assert.deepEqual(Object.keys(after).filter((k) => /GPS|Serial/.test(k)), [], 'GPS or serial left in the upload');
    assert.equal(after['File:ImageWidth'], exif(fs.readFileSync(GPS_JPEG))['File:ImageWidth']);
    await p.close();
  });

  it('an input inside a closed shadow root: GPS finding, held until the clinician answers', async () => {
    const p = await openPage();
    const chooser = p.waitForEvent('filechooser');
    await p.click('#closed-picker');
    await (await chooser).setFiles(GPS_JPEG);
    await cardText(p, 'GPS location in the file: 37.77, -122.41');
    await heldThenAttachedAsIs(p, 'closed');
    await p.close();
  });

  it('an input the page creates and clicks without attaching it: findings, original file on "Attach as is"', async () => {
    const p = await openPage();
    const chooser = p.waitForEvent('filechooser');
    await p.click('#attach-detached');
    const fc = await chooser;
    assert.equal(await fc.element().evaluate((el) => el.isConnected), false, 'the fixture input is detached');
    await fc.setFiles(GPS_JPEG);
    const texts = await cardText(p, 'GPS location in the file');
    assert.match(texts.join('\n'), /37\.77, -122\.41/);
    await cardText(p, '042101234567');
    await heldThenAttachedAsIs(p, 'detached');
    assert.equal((await uploads(p)).length, 1, 'exactly one change reached the site');
    await p.close();
  });
});
