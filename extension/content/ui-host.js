// SafePost content script 4/8: the host for everything SafePost draws — a
// <safepost-ui> element with a closed shadow root, placed OUTSIDE every
// editor subtree (at the end of the document, or of the modal dialog that
// holds the box, so modal dialogs do not make it inert). The page cannot
// reach into it, and no page or post text is ever parsed as HTML: all text
// is set with textContent.
(() => {
  'use strict';
  const NS = (globalThis.__safepostContent ||= {});
  if (NS.host) return;

  const STYLE = `
  :host { all: initial; }
  .layer { position: fixed; left: 0; top: 0; width: 0; height: 0; pointer-events: none;
    font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; }
  .mirror { position: absolute; overflow: hidden; pointer-events: none; }
  .mirror-content { position: absolute; left: 0; top: 0; color: transparent; white-space: pre-wrap;
    overflow-wrap: break-word; box-sizing: border-box; border-color: transparent; border-style: solid; }
  .mark { border-radius: 2px; text-decoration-line: underline; text-decoration-style: wavy;
    text-decoration-skip-ink: none; text-underline-offset: 2px; text-decoration-thickness: 1.5px; }
  .mark.absolute { text-decoration-color: #c62828; background: rgba(198, 40, 40, 0.13); }
  .mark.relative { text-decoration-color: #b26a00; background: rgba(230, 150, 0, 0.13); }
  .box { position: absolute; pointer-events: none; border-bottom: 2px solid; }
  .box.absolute { border-color: #c62828; background: rgba(198, 40, 40, 0.13); }
  .box.relative { border-color: #b26a00; background: rgba(230, 150, 0, 0.13); }
  .badge { position: absolute; pointer-events: auto; display: inline-flex; align-items: center; gap: 4px;
    padding: 2px 8px; border-radius: 10px; border: 1px solid transparent; cursor: pointer;
    font: 600 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; white-space: nowrap;
    box-shadow: 0 1px 3px rgba(0,0,0,.25); }
  .badge:focus-visible { outline: 2px solid #1565c0; outline-offset: 2px; }
  .badge.absolute { background: #c62828; color: #fff; }
  .badge.relative { background: #ffe0a3; color: #5d3a00; border-color: #b26a00; }
  .badge.unavailable { background: #eceff1; color: #37474f; border-color: #78909c; }
  .badge .dot { width: 7px; height: 7px; border-radius: 50%; background: currentColor; }
  .card { position: absolute; pointer-events: auto; width: 340px; max-width: calc(100vw - 16px);
    max-height: 60vh; overflow: auto; background: #fff; color: #1d1d1f; border: 1px solid #c9ced6;
    border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.22); padding: 10px 12px; box-sizing: border-box; }
  .card:focus { outline: none; }
  .card h2 { font-size: 14px; margin: 0 0 4px; }
  .card .item + .item { border-top: 1px solid #e3e6ea; margin-top: 8px; padding-top: 8px; }
  .card .sev { font-weight: 600; margin: 2px 0; }
  .card .sev.absolute { color: #b71c1c; }
  .card .sev.relative { color: #8a5300; }
  .card .why, .card .msg { margin: 2px 0; }
  .card .quote { font-family: ui-monospace, monospace; background: #f3f4f6; padding: 0 3px; border-radius: 3px; }
  .card .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
  .card button, .dialog button { font: 600 12px/1.3 system-ui, sans-serif; padding: 4px 9px; border-radius: 6px;
    border: 1px solid #9aa3ad; background: #f7f8fa; color: #1d1d1f; cursor: pointer; }
  .card button.primary, .dialog button.primary { background: #1565c0; border-color: #1565c0; color: #fff; }
  .card button:focus-visible, .dialog button:focus-visible { outline: 2px solid #1565c0; outline-offset: 2px; }
  .card .close { float: right; border: none; background: none; font-size: 16px; padding: 0 4px; }
  .scrim { position: fixed; inset: 0; background: rgba(0,0,0,.35); pointer-events: auto; }
  .dialog { position: fixed; left: 50%; top: 20%; transform: translateX(-50%); width: 420px; max-width: calc(100vw - 24px);
    background: #fff; color: #1d1d1f; border-radius: 10px; padding: 16px 18px; box-shadow: 0 10px 40px rgba(0,0,0,.35);
    pointer-events: auto; font: 14px/1.45 system-ui, sans-serif; }
  .dialog h2 { margin: 0 0 8px; font-size: 16px; }
  .dialog ul { margin: 6px 0; padding-left: 20px; }
  .dialog .actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 12px; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `;

  const hosts = new Map(); // container element → {host, root, layer}

  // Events inside our UI stay ours: the page's own bubbling listeners (for
  // example "click outside closes the composer") never see them.
  const CONTAINED = ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'input', 'focusin', 'focusout'];

  /** The container a box's UI lives in: its modal dialog, or the document. */
  function containerFor(box) {
    const dialog = box && box.closest && box.closest('dialog[open], [role="dialog"][aria-modal="true"], [aria-modal="true"]');
    return dialog || document.documentElement;
  }

  /** The shadow root's drawing layer for a box's container (created once). */
  function layerFor(box) {
    const container = containerFor(box);
    let h = hosts.get(container);
    if (h && h.host.isConnected) return h;
    const host = document.createElement('safepost-ui');
    host.setAttribute('data-safepost-ui', '');
    host.style.cssText = 'all: initial !important; position: fixed !important; left: 0 !important; top: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; pointer-events: none !important; display: block !important;';
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const layer = document.createElement('div');
    layer.className = 'layer';
    const live = document.createElement('div');
    live.className = 'sr';
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('role', 'status');
    root.append(style, layer, live);
    for (const type of CONTAINED) host.addEventListener(type, (e) => e.stopPropagation());
    container.appendChild(host);
    h = { host, root, layer, live, container };
    hosts.set(container, h);
    return h;
  }

  /** Offset of the layer's origin on screen (a transformed dialog moves it). */
  function origin(h) {
    const r = h.host.getBoundingClientRect();
    return { x: r.left, y: r.top };
  }

  /** Say something to screen readers through the box's live region. */
  function announce(box, message) {
    const h = layerFor(box);
    h.live.textContent = '';
    // A new text node after a tick is announced even when the words repeat.
    setTimeout(() => {
      h.live.textContent = message;
    }, 30);
  }

  function isOurs(node) {
    for (const h of hosts.values()) if (h.host === node || h.host.contains(node)) return true;
    return false;
  }

  function el(tag, cls, textValue) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (textValue !== undefined) e.textContent = textValue;
    return e;
  }

  NS.host = { layerFor, origin, announce, isOurs, el, containerFor };
})();
