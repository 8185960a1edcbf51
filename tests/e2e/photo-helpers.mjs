// Helpers shared by the photo E2E tests (photos.test.mjs,
// photos-hidden-inputs.test.mjs): reading SafePost's card, clicking its
// buttons like a user, and reading back what the fixture page uploaded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { FIXTURES_DIR, findPierced, uiButtons } from './harness/index.mjs';

/**
 * Serves a photo fixture page (`fixtures/<html>`) at https://host/pagePath
 * with the scripts it loads: the shared upload recorder
 * (photos-uploads.js, at /__photos/uploads.js) and its own `script`
 * (`fixtures/<script>`, at `scriptRoute`).
 */
export function routePhotoFixture(server, host, { pagePath, html, scriptRoute, script }) {
  server.route(host, pagePath, { file: path.join(FIXTURES_DIR, html) });
  server.route(host, '/__photos/uploads.js', { file: path.join(FIXTURES_DIR, 'photos-uploads.js') });
  server.route(host, scriptRoute, { file: path.join(FIXTURES_DIR, script) });
}

/** Texts of SafePost's card (closed shadow root) containing `needle`. */
export async function cardText(page, needle, timeout = 15000) {
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
export async function clickUiButton(page, re, timeout = 15000) {
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

export async function uploads(page) {
  return page.evaluate(() => window.__uploads.map((u) => ({ ...u })));
}

export async function waitUploads(page, n, timeout = 15000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const u = await uploads(page);
    if (u.length >= n) return u;
    await page.waitForTimeout(100);
  }
  throw new Error(`expected ${n} uploads, saw ${(await uploads(page)).length}`);
}

export function exif(bytes) {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'safepost-photo-')), 'upload.jpg');
  fs.writeFileSync(f, bytes);
  return JSON.parse(execFileSync('exiftool', ['-j', '-n', '-a', '-G1', f], { encoding: 'utf8' }))[0];
}
