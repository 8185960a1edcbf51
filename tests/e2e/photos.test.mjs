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
import path from 'node:path';
import {
  startServer, serveFixtures, launchWithExtension, HOSTS, REPO_ROOT,
  waitForSafePost,
} from './harness/index.mjs';
import { cardText, clickUiButton, uploads, waitUploads, exif, routePhotoFixture } from './photo-helpers.mjs';
import { realExtensionMissing } from './real-extension.mjs';

const skip = realExtensionMissing();
const IMAGES = path.join(REPO_ROOT, 'tests/fixtures/images');
const HOST = 'www.facebook.com';
const PAGE = '/safepost-photo-fixture';
const b64 = (name) => fs.readFileSync(path.join(IMAGES, name)).toString('base64');

describe('SafePost photo checks (real extension)', { skip: skip ?? false }, () => {
  let server;
  let browser;
  let page;
  before(async () => {
    server = await startServer({ hosts: HOSTS });
    await serveFixtures(server);
    routePhotoFixture(server, HOST, { pagePath: PAGE, html: 'photos.html', scriptRoute: '/__photos/page.js', script: 'photos-page.js' });
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
