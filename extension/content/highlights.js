// SafePost content script 5/8: drawing flagged spans without touching the
// editor's DOM.
//  - contenteditable: the CSS Custom Highlight API (`CSS.highlights`), one
//    highlight per severity; styles come from highlights.css (document) or an
//    adopted stylesheet (editors inside shadow roots). Where the API is
//    missing, boxes from Range.getClientRects() in our overlay.
//  - textarea: a mirror of the textarea (same font, padding, wrapping) in our
//    closed shadow root, transparent text with marked spans, scrolled with
//    the textarea; pointer-events: none so clicks reach the textarea.
(() => {
  'use strict';
  const NS = (globalThis.__safepostContent ||= {});
  if (NS.highlights) return;
  const { layerFor, origin, el } = NS.host;

  const NAMES = { absolute: 'safepost-absolute', relative: 'safepost-relative' };
  const HIGHLIGHT_CSS = `
  ::highlight(safepost-absolute) { background-color: rgba(198, 40, 40, 0.14); text-decoration: underline wavy #c62828; text-decoration-thickness: 1.5px; text-underline-offset: 2px; }
  ::highlight(safepost-relative) { background-color: rgba(230, 150, 0, 0.14); text-decoration: underline wavy #b26a00; text-decoration-thickness: 1.5px; text-underline-offset: 2px; }
  `;
  const hasHighlightApi = typeof CSS !== 'undefined' && CSS.highlights && typeof Highlight === 'function';

  const registry = {};
  if (hasHighlightApi) {
    for (const [sev, name] of Object.entries(NAMES)) {
      const h = CSS.highlights.get(name) || new Highlight();
      h.priority = sev === 'absolute' ? 2 : 1;
      CSS.highlights.set(name, h);
      registry[sev] = h;
    }
  }

  const styledRoots = new WeakSet();
  /** Shadow roots do not see document ::highlight rules; adopt ours there. */
  function styleRootOf(box) {
    const root = box.getRootNode();
    if (!(root instanceof ShadowRoot) || styledRoots.has(root)) return;
    styledRoots.add(root);
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(HIGHLIGHT_CSS);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch (_e) {
      // a closed or frozen root: the overlay fallback below is not used here,
      // the badge and card still work
    }
  }

  /** Highlights for one contenteditable box. */
  class EditableHighlighter {
    constructor(box) {
      this.box = box;
      this.ranges = []; // [{range, finding}]
      this.boxes = null; // overlay fallback elements
      if (hasHighlightApi) styleRootOf(box);
    }
    render(items) {
      this.clear();
      this.ranges = items;
      if (hasHighlightApi) {
        for (const { range, finding } of items) registry[finding.severity === 'absolute' ? 'absolute' : 'relative'].add(range);
      } else {
        this.position();
      }
    }
    /** Overlay fallback only: re-draw the boxes where the ranges are now. */
    position() {
      if (hasHighlightApi) return;
      const h = layerFor(this.box);
      if (this.boxes) for (const b of this.boxes) b.remove();
      this.boxes = [];
      const o = origin(h);
      for (const { range, finding } of this.ranges) {
        for (const r of range.getClientRects()) {
          const b = el('div', `box ${finding.severity}`);
          b.style.cssText = `left:${r.left - o.x}px;top:${r.top - o.y}px;width:${r.width}px;height:${r.height}px`;
          h.layer.appendChild(b);
          this.boxes.push(b);
        }
      }
    }
    /** Which item is under the pointer (client coordinates)? */
    hit(x, y) {
      for (const item of this.ranges) {
        for (const r of item.range.getClientRects()) {
          if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return item;
        }
      }
      return null;
    }
    rectOf(item) {
      return item.range.getBoundingClientRect();
    }
    clear() {
      if (hasHighlightApi) {
        for (const { range, finding } of this.ranges) registry[finding.severity === 'absolute' ? 'absolute' : 'relative'].delete(range);
      }
      if (this.boxes) for (const b of this.boxes) b.remove();
      this.boxes = null;
      this.ranges = [];
    }
    destroy() {
      this.clear();
    }
  }

  const MIRRORED = [
    'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch', 'fontKerning',
    'fontFeatureSettings', 'letterSpacing', 'wordSpacing', 'lineHeight', 'textTransform', 'textIndent',
    'textAlign', 'direction', 'tabSize', 'wordBreak', 'overflowWrap', 'whiteSpace', 'paddingTop', 'paddingRight',
    'paddingBottom', 'paddingLeft', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
    'boxSizing',
  ];

  /** Highlights for one textarea: a mirror in our overlay. */
  class TextareaHighlighter {
    constructor(box) {
      this.box = box;
      this.items = []; // [{finding, span}]
      this.frame = null;
      this.content = null;
    }
    ensure() {
      const h = layerFor(this.box);
      if (this.frame && this.frame.isConnected) return h;
      this.frame = el('div', 'mirror');
      this.content = el('div', 'mirror-content');
      this.frame.appendChild(this.content);
      h.layer.appendChild(this.frame);
      return h;
    }
    render(findings, text) {
      const h = this.ensure();
      this.items = [];
      this.content.replaceChildren();
      let at = 0;
      const sorted = [...findings].sort((a, b) => a.start_utf16 - b.start_utf16);
      for (const f of sorted) {
        const s = Math.max(f.start_utf16, at);
        const e = Math.min(f.end_utf16, text.length);
        if (e <= s) continue;
        if (s > at) this.content.appendChild(document.createTextNode(text.slice(at, s)));
        const span = el('span', `mark ${f.severity === 'absolute' ? 'absolute' : 'relative'}`, text.slice(s, e));
        this.content.appendChild(span);
        this.items.push({ finding: f, span });
        at = e;
      }
      // A trailing newline needs a character after it to take up a line.
      this.content.appendChild(document.createTextNode(text.slice(at) + '\u200b'));
      this.frame.style.display = this.items.length ? '' : 'none';
      this.position(h);
    }
    position(h = layerFor(this.box)) {
      if (!this.frame || !this.items.length) return;
      const ta = this.box;
      const cs = getComputedStyle(ta);
      const r = ta.getBoundingClientRect();
      const o = origin(h);
      this.frame.style.cssText = `left:${r.left - o.x}px;top:${r.top - o.y}px;width:${r.width}px;height:${r.height}px;`;
      const c = this.content.style;
      for (const p of MIRRORED) c[p] = cs[p];
      if (cs.whiteSpace === 'normal' || cs.whiteSpace === '') c.whiteSpace = 'pre-wrap';
      // Width without the scrollbar, so lines wrap where the textarea's do.
      const bl = parseFloat(cs.borderLeftWidth) || 0;
      const br = parseFloat(cs.borderRightWidth) || 0;
      c.boxSizing = 'border-box';
      c.width = `${ta.clientWidth + bl + br}px`;
      c.minHeight = `${r.height}px`;
      c.transform = `translate(${-ta.scrollLeft}px, ${-ta.scrollTop}px)`;
    }
    hit(x, y) {
      for (const item of this.items) {
        for (const r of item.span.getClientRects()) {
          if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return item;
        }
      }
      return null;
    }
    rectOf(item) {
      return item.span.getBoundingClientRect();
    }
    clear() {
      this.items = [];
      if (this.content) this.content.replaceChildren();
      if (this.frame) this.frame.style.display = 'none';
    }
    destroy() {
      if (this.frame) this.frame.remove();
      this.frame = null;
      this.items = [];
    }
  }

  NS.highlights = { EditableHighlighter, TextareaHighlighter, hasHighlightApi, NAMES };
})();
