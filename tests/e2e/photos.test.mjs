// Issue 4 end to end, against the real extension: on a fixture page (served
// as www.facebook.com) with a hidden file input the page clicks from script,
// a drop zone and a paste target,
//  - attaching the face photo shows the face finding on SafePost's card and
//    in the compose box's counts, and holds the upload until the clinician
//    answers ("Consent documented" releases it);
//  - dropping the GPS JPEG shows the GPS finding; "Remove hidden data"
//    releases a file whose bytes carry no EXIF GPS (parsed back with
//    exiftool), with the same dimensions;
//  - pasting the metadata PNG shows its findings; a malformed file says
//    "SafePost could not check this image".
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  startServer, serveFixtures, launchWithExtension, HOSTS, REPO_ROOT, FIXTURES_DIR, findPierced, uiButtons,
  waitForSafePost,
} from './harness/index.mjs';
import { realExtensionMissing } from './real-extension.mjs';

const skip = realExtensionMissing();
const IMAGES = path.join(REPO_ROOT, 'tests/fixtures/images');
const HOST = 'www.facebook.com';
const PAGE = '/safepost-photo-fixture';
const b64 = (name) => fs.readFileSync(path.join(IMAGES, name)).toString('base64');

/** Texts of SafePost's card (closed shadow root) containing `needle`. */
async function cardText(page, needle, timeout = 15000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const nodes = await findPierced(page, (n) => n.shadowType === 'closed' && n.nodeName === 'p'
      && n.text.includes(needle));
    if (nodes.length) return nodes.map((n) => n.text);
    await page.waitForTimeout(100);
  }
  const all = await findPierced(page, (n) => n.shadowType === 'closed' && n.nodeName === 'p');
  throw new Error(`no SafePost card text with "${needle}"; card texts: ${JSON.stringify(all.map((n) => n.text))}`);
}

/**
 * Clicks a button of SafePost's card like a user: the card scrolls (max
 * 60vh) when it lists many findings, so the button is scrolled into view
 * first, then clicked with a real mouse click at its centre.
 */
async function clickUiButton(page, re, timeout = 15000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const b of await uiButtons(page, re)) {
      const cdp = await page.context().newCDPSession(page);
      try {
        await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: b.backendNodeId });
        const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: b.backendNodeId });
        const q = model.border;
        if (q[4] - q[0] > 0 && q[5] - q[1] > 0) {
          await page.mouse.click((q[0] + q[4]) / 2, (q[1] + q[5]) / 2);
          return;
        }
      } catch { /* not rendered */ } finally { await cdp.detach().catch(() => {}); }
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no SafePost button matching ${re}`);
}

async function uploads(page) {
  return page.evaluate(() => window.__uploads.map((u) => ({ ...u })));
}

async function waitUploads(page, n, timeout = 15000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const u = await uploads(page);
    if (u.length >= n) return u;
    await page.waitForTimeout(100);
  }
  throw new Error(`expected ${n} uploads, saw ${(await uploads(page)).length}`);
}

function exif(bytes) {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'safepost-photo-')), 'upload.jpg');
  fs.writeFileSync(f, bytes);
  return JSON.parse(execFileSync('exiftool', ['-j', '-n', '-a', '-G1', f], { encoding: 'utf8' }))[0];
}

describe('SafePost photo checks (real extension)', { skip: skip ?? false }, () => {
  let server;
  let browser;
  let page;
  before(async () => {
    server = await startServer({ hosts: HOSTS });
    await serveFixtures(server);
    server.route(HOST, PAGE, { file: path.join(FIXTURES_DIR, 'photos.html') });
    server.route(HOST, '/__photos/page.js', { file: path.join(FIXTURES_DIR, 'photos-page.js') });
    browser = await launchWithExtension({ server });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openPage() {
    page = await browser.context.newPage();
    await page.goto(`https://${HOST}${PAGE}`, { waitUntil: 'load' });
    await page.click('#compose');
    await waitForSafePost(page, '#compose');
    return page;
  }

  it('a face photo through the hidden file input: face finding, upload held until consent', async () => {
    const p = await openPage();
    const chooser = p.waitForEvent('filechooser');
    await p.click('#attach');
    await (await chooser).setFiles(path.join(IMAGES, 'astronaut.jpg'));
    const texts = await cardText(p, 'full-face photograph');
    assert.match(texts.join('\n'), /a face, full frame/);
    const state = await waitForSafePost(p, '#compose', (s) => s.state === 'absolute' && s.findings >= 1);
    assert.equal(state.state, 'absolute');
    assert.equal((await uploads(p)).length, 0, 'the upload must wait for the clinician');
    await clickUiButton(p, /^Consent documented$/);
    const [u] = await waitUploads(p, 1);
    assert.equal(u.via, 'input');
    assert.equal(Buffer.from(u.b64, 'base64').equals(fs.readFileSync(path.join(IMAGES, 'astronaut.jpg'))), true);
    await p.close();
  });

  it('a GPS JPEG dropped: GPS finding; "Remove hidden data" uploads bytes without EXIF GPS', async () => {
    const p = await openPage();
    await p.evaluate(([d]) => window.__dropFile(d, 'wound.jpg', 'image/jpeg'), [b64('coffee_gps.jpg')]);
    const texts = await cardText(p, 'GPS location in the file');
    assert.match(texts.join('\n'), /37\.77, -122\.41/);
    await cardText(p, '042101234567');
    await waitForSafePost(p, '#compose', (s) => s.state === 'absolute' && s.findings >= 2);
    assert.equal((await uploads(p)).length, 0);
    await clickUiButton(p, /^Remove hidden data$/);
    const [u] = await waitUploads(p, 1);
    assert.equal(u.via, 'drop');
    const clean = Buffer.from(u.b64, 'base64');
    const before = exif(fs.readFileSync(path.join(IMAGES, 'coffee_gps.jpg')));
    assert.ok(Object.keys(before).some((k) => k.startsWith('GPS:')), 'the fixture has GPS');
    const after = exif(clean);
    const leaked = Object.keys(after).filter((k) => /^(GPS|ExifIFD|IFD0|XMP|IPTC)/.test(k.split(':')[0]) || /GPS|Serial|Artist|Owner|Comment/.test(k));
    assert.deepEqual(leaked, [], `metadata left in the upload: ${leaked.join(', ')}`);
    assert.equal(after['File:ImageWidth'], before['File:ImageWidth']);
    assert.equal(after['File:ImageHeight'], before['File:ImageHeight']);
    await waitForSafePost(p, '#compose', (s) => s.state === 'clean');
    await p.close();
  });

  it('a phone photo with a face and GPS: remove hidden data first, then the consent question', async () => {
    const p = await openPage();
    const chooser = p.waitForEvent('filechooser');
    await p.click('#attach');
    await (await chooser).setFiles(path.join(IMAGES, 'astronaut_phone.jpg'));
    await cardText(p, 'GPS location in the file: 40.71, -74.00');
    await cardText(p, 'full-face photograph');
    await clickUiButton(p, /^Remove hidden data$/);
    await cardText(p, 'full-face photograph');
    assert.equal((await uploads(p)).length, 0, 'a face still needs the consent answer');
    await clickUiButton(p, /^Consent documented$/);
    const [u] = await waitUploads(p, 1);
    const after = exif(Buffer.from(u.b64, 'base64'));
    assert.deepEqual(Object.keys(after).filter((k) => /GPS|DateTimeOriginal|Thumbnail/.test(k)), []);
    await p.close();
  });

  it('a pasted PNG with hidden text and GPS shows its findings; a broken file is "could not check"', async () => {
    const p = await openPage();
    await p.evaluate(([d]) => window.__pasteFile(d, 'photo.png', 'image/png'), [b64('coffee_meta.png')]);
    await cardText(p, 'GPS location in the file: 34.05, -118.24');
    await clickUiButton(p, /^Cancel attachment$/);
    await p.waitForTimeout(300);
    assert.equal((await uploads(p)).length, 0, 'cancelled: nothing uploaded');
    await p.evaluate(([d]) => window.__pasteFile(d, 'big.png', 'image/png'), [b64('huge_header.png')]);
    await cardText(p, 'SafePost could not check this image');
    await p.close();
  });
});
