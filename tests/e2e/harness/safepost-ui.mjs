// Reading and driving SafePost's own UI from a test, from outside the
// extension's isolated world: flagged spans (CSS highlights for editors, the
// mirror overlay's marks for textareas, both inside/over the compose box),
// and buttons of the warning card inside SafePost's closed shadow root.
import { SITES } from './sites.mjs';
import { findPierced, readHighlights } from './page.mjs';

/**
 * The texts SafePost marks in the compose box of this editor kind, sorted.
 * Contenteditable editors: ranges of CSS highlights named safepost-* that lie
 * inside the box. Textareas (no highlights possible inside them): the marked
 * spans of SafePost's mirror overlay (elements with class "mark" inside a
 * closed shadow root).
 */
export async function flaggedTexts(page, kind) {
  if (kind === 'textarea') {
    const marks = await findPierced(page, (n) => n.shadowType === 'closed'
      && /(^|\s)mark(\s|$)/.test(n.attributes.class ?? ''));
    return marks.map((m) => m.text).sort();
  }
  const hl = await readHighlights(page, SITES[kind].selector);
  return hl.filter((h) => h.name.startsWith('safepost') && h.inside).map((h) => h.text).sort();
}

/** Screen rectangle {x,y,width,height} of `text` where the user sees it in the box. */
export async function rectOfText(page, kind, text) {
  if (kind === 'textarea') {
    const [mark] = await findPierced(page, (n) => n.shadowType === 'closed'
      && /(^|\s)mark(\s|$)/.test(n.attributes.class ?? '') && n.text === text);
    if (!mark) return null;
    const cdp = await page.context().newCDPSession(page);
    try {
      const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: mark.backendNodeId });
      const q = model.border;
      return { x: q[0], y: q[1], width: q[2] - q[0], height: q[5] - q[1] };
    } finally { await cdp.detach().catch(() => {}); }
  }
  return page.evaluate(({ sel, t }) => {
    const box = document.querySelector(sel);
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.nodeValue.indexOf(t);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i); r.setEnd(n, i + t.length);
      const b = r.getBoundingClientRect();
      return { x: b.left, y: b.top, width: b.width, height: b.height };
    }
    return null;
  }, { sel: SITES[kind].selector, t: text });
}

/** Moves the mouse onto `text` in the box (hovering a highlight opens SafePost's card). */
export async function hoverText(page, kind, text) {
  const r = await rectOfText(page, kind, text);
  if (!r) throw new Error(`"${text}" is not shown in the ${kind} box`);
  await page.mouse.move(r.x + Math.min(r.width / 2, 20), r.y + r.height / 2, { steps: 4 });
}

/** Buttons inside closed shadow roots whose text matches `re` (visible ones first). */
export async function uiButtons(page, re) {
  return findPierced(page, (n) => n.shadowType === 'closed' && n.nodeName === 'button' && re.test(n.text.trim()));
}

/**
 * Waits for a button in SafePost's closed shadow root whose text matches
 * `re` and clicks it with a real mouse click. Throws with the buttons that
 * were there if none matched in time.
 */
export async function clickUiButton(page, re, { timeout = 5000 } = {}) {
  const end = Date.now() + timeout;
  let all = [];
  while (Date.now() < end) {
    const cands = await uiButtons(page, re);
    for (const b of cands) {
      const cdp = await page.context().newCDPSession(page);
      try {
        const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: b.backendNodeId });
        const q = model.border;
        const x = (q[0] + q[4]) / 2; const y = (q[1] + q[5]) / 2;
        if (q[4] - q[0] > 0 && q[5] - q[1] > 0) { await page.mouse.click(x, y); return b; }
      } catch { /* not rendered (display:none) */ } finally { await cdp.detach().catch(() => {}); }
    }
    await page.waitForTimeout(50);
  }
  all = await uiButtons(page, /.*/);
  throw new Error(`no visible SafePost button matching ${re}; buttons: ${JSON.stringify(all.map((b) => b.text.trim()))}`);
}
