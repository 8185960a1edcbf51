// Helpers that drive a fixture page and read what the extension shows.
//
// The extension's content script lives in an isolated world, so these helpers
// only use what is observable from outside it: DOM attributes (shared by all
// worlds), the document's CSS highlight registry (one per document, visible
// from the main world), the editor's own model (main world), and CDP for
// nodes inside closed shadow roots (DOM.getDocument with pierce:true).
import { SITES, siteUrl } from './sites.mjs';

/** Opens the fixture page for an editor kind and waits for its editor to be ready. */
export async function openSite(handle, kind, { url } = {}) {
  const page = await handle.context.newPage();
  await page.goto(url ?? siteUrl(kind), { waitUntil: 'load' });
  await page.waitForFunction(() => typeof window.readModel === 'function');
  await page.waitForSelector(SITES[kind].selector);
  return page;
}

/** Reads the text from the editor's own model (Draft ContentState, Lexical EditorState, Quill Delta, value). */
export const readModel = (page) => page.evaluate(() => window.readModel());

/** The data-safepost-* attributes of the compose element (null when absent). */
export async function safepostState(page, selector) {
  return page.$eval(selector, (el) => ({
    state: el.getAttribute('data-safepost-state'),
    findings: el.hasAttribute('data-safepost-findings') ? Number(el.getAttribute('data-safepost-findings')) : null,
  }));
}

/**
 * Waits until the compose element's data-safepost-* attributes satisfy
 * `accept({state, findings})` (default: the state attribute exists), and
 * returns them. On timeout, the error names the last values seen.
 */
export async function waitForSafePost(page, selector, accept = (s) => s.state != null, { timeout = 10000 } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await safepostState(page, selector).catch(() => null);
    if (last && accept(last)) return last;
    await page.waitForTimeout(25);
  }
  throw new Error(`data-safepost-* never matched; last seen ${JSON.stringify(last)}`);
}

/** Focuses the editor at the end of its text and types like a user (trusted key events). */
export async function typeInto(page, selector, text, { delay = 0 } = {}) {
  await page.click(selector);
  await page.keyboard.press('End');
  await page.keyboard.type(text, { delay });
}

/**
 * Every range in the document's CSS highlight registry:
 * [{name, text, inside}] where `inside` tells whether the range lies within
 * the element matched by `selector` (when given).
 */
export async function readHighlights(page, selector) {
  return page.evaluate((sel) => {
    const within = sel ? document.querySelector(sel) : null;
    const out = [];
    if (!globalThis.CSS?.highlights) return out;
    for (const [name, hl] of CSS.highlights) {
      for (const r of hl) {
        out.push({ name, text: r.toString(), inside: within ? within.contains(r.startContainer) : null });
      }
    }
    return out;
  }, selector ?? null);
}

/** A CDP session for a page (Playwright's), for DOM.* queries that pierce closed shadow roots. */
async function pageSession(page) {
  if (!page.__safepostCdp) page.__safepostCdp = await page.context().newCDPSession(page);
  return page.__safepostCdp;
}

/**
 * Walks the whole DOM including closed shadow roots and same-origin iframes
 * and returns the elements for which `match({nodeName, attributes, text,
 * inShadow, shadowType})` is true. `text` is the element's own text content
 * (concatenated descendant text nodes, including nested shadow roots).
 */
export async function findPierced(page, match) {
  const cdp = await pageSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const found = [];
  const textOf = (n) => {
    if (n.nodeType === 3) return n.nodeValue;
    let s = '';
    for (const c of n.shadowRoots ?? []) s += textOf(c);
    for (const c of n.children ?? []) s += textOf(c);
    return s;
  };
  const walk = (n, shadowType) => {
    if (n.nodeType === 1) {
      const attributes = {};
      for (let i = 0; i + 1 < (n.attributes?.length ?? 0); i += 2) attributes[n.attributes[i]] = n.attributes[i + 1];
      const info = { nodeName: n.nodeName.toLowerCase(), attributes, inShadow: !!shadowType, shadowType, backendNodeId: n.backendNodeId };
      if (match({ ...info, get text() { return textOf(n); } })) found.push({ ...info, text: textOf(n) });
    }
    for (const s of n.shadowRoots ?? []) walk(s, s.shadowRootType ?? shadowType);
    for (const c of n.children ?? []) walk(c, shadowType);
    if (n.contentDocument) walk(n.contentDocument, shadowType);
  };
  walk(root, null);
  return found;
}

/** Clicks the centre of a node found by findPierced (a real, trusted mouse click). */
export async function clickPierced(page, node) {
  const cdp = await pageSession(page);
  const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId });
  const q = model.border;
  const x = (q[0] + q[2] + q[4] + q[6]) / 4;
  const y = (q[1] + q[3] + q[5] + q[7]) / 4;
  await page.mouse.click(x, y);
}

/** Starts the page-side timer probe (see fixtures/common.js). */
export const startTickProbe = (page) => page.evaluate(() => window.startTickProbe());
/** Stops it and returns {ticks, maxGap} (ms between consecutive 16 ms timer ticks). */
export const stopTickProbe = (page) => page.evaluate(() => window.stopTickProbe());

/**
 * Puts `text` on the clipboard and pastes it with Ctrl+V into the focused
 * editor (a trusted paste, handled by the editor's own paste code).
 */
export async function pasteText(page, selector, text) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.click(selector);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+V');
}
