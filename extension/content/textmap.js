// SafePost content script 3/8: a compose box's text, and the map from text
// offsets (UTF-16, as JS strings and the core's `start_utf16` use) back to
// DOM positions, so findings become Ranges without touching the editor.
//
// Contenteditable editors (Draft.js, Lexical, Quill, ProseMirror, plain)
// keep text in text nodes inside block elements; a block boundary or <br>
// becomes "\n". A textarea's value is its text, offsets map 1:1.
(() => {
  'use strict';
  const NS = (globalThis.__safepostContent ||= {});
  if (NS.textmap) return;

  const BLOCKS = new Set([
    'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
    'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
    'TABLE', 'TR', 'UL',
  ]);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

  /** Text of a contenteditable host and its segment map:
   *  segments[i] = {node, start, end} for each text node, in order. */
  function extractEditable(host) {
    let text = '';
    const segments = [];
    const walker = document.createTreeWalker(host, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(n) {
        if (n.nodeType === 1 && SKIP.has(n.tagName)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === 3) {
        const v = n.nodeValue;
        if (!v) continue;
        segments.push({ node: n, start: text.length, end: text.length + v.length });
        text += v;
      } else if (n.tagName === 'BR') {
        text += '\n';
      } else if (BLOCKS.has(n.tagName) && text.length && !text.endsWith('\n')) {
        text += '\n';
      }
    }
    return { text, segments };
  }

  /** Index of the last segment starting at or before `offset`. */
  function segmentIndex(segments, offset) {
    let lo = 0;
    let hi = segments.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid].start <= offset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /** DOM position for a text offset. `edge` is 'start' or 'end': an offset
   *  on a synthetic newline or a node boundary belongs to the following
   *  text for a start and to the preceding text for an end. */
  function positionAt(map, offset, edge) {
    const segs = map.segments;
    if (!segs.length) return null;
    let i = segmentIndex(segs, offset);
    if (i < 0) return { node: segs[0].node, offset: 0 };
    let s = segs[i];
    if (edge === 'end' && offset === s.start && i > 0 && segs[i - 1].end === offset) {
      s = segs[i - 1];
    }
    if (offset > s.end) {
      // inside a synthetic newline after s
      if (edge === 'start' && i + 1 < segs.length) return { node: segs[i + 1].node, offset: 0 };
      return { node: s.node, offset: s.node.nodeValue.length };
    }
    if (edge === 'start' && offset === s.end && i + 1 < segs.length && segs[i + 1].start >= offset) {
      const next = segs[i + 1];
      if (next.start === offset) return { node: next.node, offset: 0 };
    }
    return { node: s.node, offset: Math.min(offset - s.start, s.node.nodeValue.length) };
  }

  /** A live Range over text offsets [start, end), or null if the map is stale. */
  function rangeFor(map, start, end) {
    const a = positionAt(map, start, 'start');
    const b = positionAt(map, end, 'end');
    if (!a || !b || !a.node.isConnected || !b.node.isConnected) return null;
    try {
      const r = document.createRange();
      r.setStart(a.node, a.offset);
      r.setEnd(b.node, b.offset);
      return r.collapsed && end > start ? null : r;
    } catch (_e) {
      return null;
    }
  }

  /** Text offset of a DOM position inside the host (for the caret), or -1. */
  function offsetOf(map, node, offset) {
    if (!map.index) {
      map.index = new Map();
      for (const s of map.segments) map.index.set(s.node, s);
    }
    if (node && node.nodeType === 3) {
      const s = map.index.get(node);
      return s ? s.start + Math.min(offset, s.end - s.start) : -1;
    }
    if (node && node.nodeType === 1) {
      // Caret between children: the first text segment at or after that child.
      const child = node.childNodes[offset];
      for (const s of map.segments) {
        if (!child || child === s.node || child.contains(s.node) || (child.compareDocumentPosition(s.node) & Node.DOCUMENT_POSITION_FOLLOWING)) {
          return s.start;
        }
      }
      return map.text.length;
    }
    return -1;
  }

  NS.textmap = { extractEditable, rangeFor, positionAt, offsetOf };
})();
