// SafePost content script 9/9 (before photos.js): finds compose boxes,
// watches them, and ties the parts together.
//
// Discovery: textareas and contenteditable editing hosts (Draft.js, Lexical,
// Quill, ProseMirror, plain, Reddit's editor) in the document and in open
// shadow roots, including ones that appear later (SPA navigation, modals):
// a MutationObserver, plus focus — a box the user types into is always
// found. Same-origin iframes run their own copy (all_frames).
//
// Per box: the text is analysed in the service worker as the user types —
// immediately when idle, and again as soon as the previous check answers
// while they keep typing (at most one request in flight, so input is never
// blocked and the highlight lags by one round trip). We listen to `input`,
// never act on key events for analysis, and wait out IME composition.
//
// The only change SafePost makes to the editor element itself are the
// `data-safepost-state` and `data-safepost-findings` attributes (the test
// contract, also useful to IT). Everything drawn lives in our closed shadow
// root outside the editor.
(() => {
  'use strict';
  const NS = (globalThis.__safepostContent ||= {});
  if (NS.watches) return;
  const { sites, textmap, highlights, cards, apply, host } = NS;

  const DEFAULT_SETTINGS = {
    enforcement: { absolute: 'confirm', relative: 'warn' },
    checks: { identifiers: true, patient_story: true, advice: true, photos: true },
    allowlist: [], orgPatterns: [], extraSites: [], allowOverride: true, orgName: '', supportUrl: '',
    showReach: true, showReachBadge: true, locked: [], notices: [],
  };
  let settings = DEFAULT_SETTINGS;
  let settingsLoaded = null;
  const watches = new Map(); // compose element → Watch
  NS.watches = watches;
  NS.getSettings = () => settings;

  function loadSettings() {
    settingsLoaded = NS.port.request({ type: 'settings.get', startupMs: NS.startupMs }).then((reply) => {
      if (reply && reply.type === 'settings' && reply.settings) setSettings(reply.settings);
    });
    return settingsLoaded;
  }

  function setSettings(s) {
    const before = JSON.stringify(settings);
    settings = { ...DEFAULT_SETTINGS, ...s };
    if (JSON.stringify(settings) !== before) {
      for (const w of watches.values()) w.recheck();
      if (NS.reachBadge) NS.reachBadge.settingsChanged();
    }
  }

  NS.port.onPush((m) => {
    if (m.settings) setSettings(m.settings);
  });
  try {
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'managed' || (area === 'local' && 'settings' in changes)) loadSettings();
    });
  } catch (_e) {
    // storage events unavailable: the push over the port still updates us
  }

  const keyOf = (f) => `${f.category}|${f.text || ''}`;
  const isEmpty = (t) => !t || !t.trim();

  class Watch {
    constructor(box) {
      this.box = box;
      this.isTextarea = box.tagName === 'TEXTAREA' || box.tagName === 'INPUT';
      this.hl = this.isTextarea ? new highlights.TextareaHighlighter(box) : new highlights.EditableHighlighter(box);
      this.badge = new cards.Badge(box, (anchor) => this.openAll(anchor));
      // The reach estimate beside the badge (reach-badge.js; null on sites the estimator does not cover).
      this.reach = NS.reachBadge ? NS.reachBadge.attach(this) : null;
      this.findings = []; // findings for analyzedText, each with .text
      this.external = new Map(); // source → findings (e.g. 'photo')
      this.ignored = new Set();
      this.analyzedText = null;
      this.map = null; // text map for analyzedText (contenteditable)
      this.inflight = false;
      this.dirty = false;
      this.timer = 0;
      this.composing = false;
      this.state = 'idle';
      this.reason = '';
      this.waiters = [];
      this.announced = new Set();
      this.caretCard = false;
      this.listen();
      this.schedule();
      if (this.reach && this.reach.focused()) this.reach.onFocus(); // found by its first focus
    }

    listen() {
      const b = this.box;
      const opts = { passive: true };
      this.handlers = {
        input: (e) => {
          const open = cards.isCardOpen();
          if (open && open.box === this.box && open.kind === 'blocked') cards.closeCard();
          if (e.isComposing || this.composing) return;
          this.schedule();
        },
        compositionstart: () => {
          this.composing = true;
        },
        compositionend: () => {
          this.composing = false;
          this.schedule();
        },
        focus: () => {
          NS.lastFocused = this;
          // The worker may have been put to sleep (about 30 s idle): wake it
          // now, on this one event, so it has compiled the core before the
          // first keystroke. No polling keeps it awake otherwise.
          if (NS.port.idleMs() > 20000) loadSettings();
          this.schedule();
          if (this.reach) this.reach.onFocus(); // low priority: waits until this check is done
        },
        blur: () => this.schedule(),
        mousemove: (e) => this.onPointer(e.clientX, e.clientY),
        mouseleave: () => this.onPointerLeave(),
        scroll: () => this.position(),
      };
      for (const [type, fn] of Object.entries(this.handlers)) b.addEventListener(type, fn, opts);
      this.resizeObserver = new ResizeObserver(() => this.position());
      this.resizeObserver.observe(b);
      // Editors that handle paste, drop or undo themselves (Draft.js, Lexical,
      // Quill) re-render without an `input` event, and sites clear the box
      // after posting: watch the editor's text change (observing only).
      if (!this.isTextarea) {
        this.textObserver = new MutationObserver(() => {
          if (!this.composing) this.schedule();
        });
        this.textObserver.observe(b, { childList: true, characterData: true, subtree: true });
      }
    }

    destroy() {
      for (const [type, fn] of Object.entries(this.handlers)) this.box.removeEventListener(type, fn);
      this.resizeObserver.disconnect();
      if (this.textObserver) this.textObserver.disconnect();
      this.hl.destroy();
      this.badge.destroy();
      if (this.reach) this.reach.destroy();
      clearTimeout(this.timer);
      watches.delete(this.box);
      this.resolveWaiters();
    }

    /** The box's current text (and, for contenteditable, its offset map). */
    readText() {
      if (this.isTextarea) return { text: this.box.value, map: null };
      const m = textmap.extractEditable(this.box);
      return { text: m.text, map: m };
    }

    schedule() {
      if (this.composing || this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = 0;
        this.run();
      }, 0);
    }

    /** Settings changed (allowlist, checks): analyse again even if unchanged. */
    recheck() {
      this.analyzedText = null;
      this.schedule();
    }

    async run() {
      if (this.inflight) {
        this.dirty = true;
        return;
      }
      if (!this.box.isConnected) return this.destroy();
      const { text, map } = this.readText();
      if (text === this.analyzedText && this.state !== 'unavailable') {
        this.map = map || this.map;
        this.resolveWaiters();
        return;
      }
      if (isEmpty(text)) {
        this.applyResult(text, map, []);
        this.resolveWaiters();
        return;
      }
      this.inflight = true;
      this.dirty = false;
      if (!settingsLoaded) loadSettings();
      const reply = await NS.port.request({ type: 'text.analyze', text, context: sites.contextFor(this.box) });
      this.inflight = false;
      if (!this.box.isConnected) return this.destroy();
      const now = this.readText();
      if (now.text !== text) {
        // They kept typing: these offsets are stale. Check the new text now.
        this.dirty = false;
        this.run();
        return;
      }
      if (reply && reply.type === 'text.result' && Array.isArray(reply.findings)) {
        this.applyResult(text, now.map, reply.findings);
      } else {
        this.setUnavailable(text, now.map, (reply && reply.reason) || 'no answer');
      }
      if (this.dirty) {
        this.dirty = false;
        this.run();
      } else this.resolveWaiters();
    }

    applyResult(text, map, findings) {
      for (const f of findings) f.text = text.slice(f.start_utf16, f.end_utf16);
      this.findings = findings;
      this.analyzedText = text;
      this.map = map;
      this.reason = '';
      this.unavailable = false;
      this.render();
    }

    setUnavailable(text, map, reason) {
      this.findings = [];
      this.analyzedText = text;
      this.map = map;
      this.unavailable = true;
      this.reason = reason;
      this.render();
    }

    visibleFindings() {
      const out = this.findings.filter((f) => !this.ignored.has(keyOf(f)));
      for (const list of this.external.values()) out.push(...list);
      return out;
    }

    counts() {
      const v = this.visibleFindings();
      return {
        absolute: v.filter((f) => f.severity === 'absolute').length,
        relative: v.filter((f) => f.severity !== 'absolute').length,
        total: v.length,
      };
    }

    render() {
      const visible = this.visibleFindings();
      const spans = visible.filter((f) => typeof f.start_utf16 === 'number' && f.end_utf16 > f.start_utf16 && this.findings.includes(f));
      if (this.isTextarea) this.hl.render(spans, this.analyzedText || '');
      else if (this.map) {
        const items = [];
        for (const f of spans) {
          const range = textmap.rangeFor(this.map, f.start_utf16, f.end_utf16);
          if (range) items.push({ range, finding: f });
        }
        this.hl.render(items);
      } else this.hl.clear();
      const c = this.counts();
      this.state = this.unavailable ? 'unavailable' : c.absolute ? 'absolute' : c.total ? 'relative' : 'clean';
      this.box.setAttribute('data-safepost-state', this.state);
      this.box.setAttribute('data-safepost-findings', String(c.total));
      this.badge.update(this.state, c, this.reason);
      if (this.reach) this.reach.position(); // it sits beside the badge, which may have moved
      this.announce(visible);
    }

    /** Tell screen readers about absolute findings they have not heard yet. */
    announce(visible) {
      const abs = visible.filter((f) => f.severity === 'absolute');
      const keys = new Set(abs.map(keyOf));
      const fresh = abs.filter((f) => !this.announced.has(keyOf(f)));
      this.announced = keys;
      if (fresh.length) {
        const names = [...new Set(fresh.map(cards.titleOf))].join(', ');
        host.announce(this.box, `SafePost: absolute contraindication in your post — ${names}. The badge by the box has details.`);
      }
      if (this.unavailable && this.lastAnnounced !== 'unavailable') host.announce(this.box, 'SafePost check unavailable. Review the post yourself.');
      this.lastAnnounced = this.unavailable ? 'unavailable' : '';
    }

    position() {
      this.hl.position();
      this.badge.position();
      if (this.reach) this.reach.position();
    }

    hasText() {
      return !isEmpty(this.isTextarea ? this.box.value : this.box.textContent);
    }

    /** True when the shown result is not for the text in the box now. */
    isStale() {
      if (this.inflight || this.timer) return true;
      return this.readText().text !== this.analyzedText;
    }

    /** Analyse the current text now; resolves when its result is shown. */
    analyzeNow() {
      return new Promise((resolve) => {
        this.waiters.push(resolve);
        clearTimeout(this.timer);
        this.timer = 0;
        this.run();
      });
    }

    resolveWaiters() {
      const w = this.waiters;
      this.waiters = [];
      for (const r of w) r();
    }

    postButton() {
      return sites.postButtonFor(this.box);
    }

    // ---- cards ----

    actionsFor(f) {
      const acts = [];
      const isSpan = this.findings.includes(f) && f.end_utf16 > f.start_utf16;
      if (isSpan && typeof f.suggestion === 'string') {
        acts.push({
          label: f.suggestion === '' ? 'Remove it' : `Replace with “${f.suggestion}”`,
          primary: true,
          run: () => this.applySuggestion(f),
        });
      }
      if (settings.allowOverride !== false && this.findings.includes(f)) {
        acts.push({ label: 'Ignore once', run: () => this.ignore(f) });
        const own = f.category !== 'patient_story' && f.category !== 'personal_advice' && f.text && f.text.trim();
        if (own) acts.push({ label: 'This is my own information', run: () => this.allow(f) });
      }
      return acts;
    }

    openAll(anchor) {
      const v = this.visibleFindings();
      const title = this.state === 'unavailable' ? 'SafePost check unavailable' : v.length ? 'SafePost found' : 'SafePost: nothing found';
      const note =
        this.state === 'unavailable'
          ? `The check could not run (${this.reason}). Nothing was passed silently: review the post yourself before posting.`
          : undefined;
      cards.showCard(this.box, anchor.getBoundingClientRect(), {
        title,
        note,
        findings: v,
        actionsFor: (f) => this.actionsFor(f),
        focus: true,
      });
    }

    openOne(item, how) {
      const rect = this.hl.rectOf(item);
      cards.showCard(this.box, rect, {
        title: 'SafePost',
        findings: [item.finding],
        actionsFor: (f) => this.actionsFor(f),
        hover: how === 'hover',
      });
      this.openItem = item.finding;
      this.caretCard = how === 'caret';
    }

    onPointer(x, y) {
      if (this.pointerFrame) return;
      this.pointerFrame = requestAnimationFrame(() => {
        this.pointerFrame = 0;
        const item = this.hl.hit(x, y);
        const open = cards.isCardOpen();
        if (item) {
          clearTimeout(this.leaveTimer);
          if (!open || open.box !== this.box || this.openItem !== item.finding) this.openOne(item, 'hover');
        } else if (open && open.box === this.box && open.hover) {
          this.onPointerLeave();
        }
      });
    }

    onPointerLeave() {
      clearTimeout(this.leaveTimer);
      this.leaveTimer = setTimeout(() => {
        const open = cards.isCardOpen();
        if (open && open.box === this.box && open.hover) {
          cards.closeCard();
          this.openItem = null;
        }
      }, 400);
    }

    /** Keyboard users: the caret inside a flagged span opens its card. */
    onCaret() {
      if (!this.analyzedText || this.isStale()) return;
      let offset = -1;
      if (this.isTextarea) {
        if (document.activeElement !== this.box && deepActive() !== this.box) return;
        offset = this.box.selectionStart;
      } else {
        const root = this.box.getRootNode();
        const sel = (root.getSelection && root.getSelection()) || window.getSelection();
        if (!sel || !sel.rangeCount || !this.box.contains(sel.anchorNode)) return;
        offset = textmap.offsetOf(this.map, sel.anchorNode, sel.anchorOffset);
      }
      const f = this.visibleFindings().find((x) => this.findings.includes(x) && offset > x.start_utf16 && offset < x.end_utf16);
      const open = cards.isCardOpen();
      if (f) {
        if (open && this.openItem === f) return;
        const item = this.itemFor(f);
        if (item) this.openOne(item, 'caret');
      } else if (open && open.box === this.box && this.caretCard) {
        cards.closeCard();
        this.caretCard = false;
        this.openItem = null;
      }
    }

    itemFor(f) {
      if (this.isTextarea) return this.hl.items.find((i) => i.finding === f) || null;
      return this.hl.ranges.find((i) => i.finding === f) || null;
    }

    applySuggestion(f) {
      const { text, map } = this.readText();
      if (text.slice(f.start_utf16, f.end_utf16) !== f.text) {
        this.schedule(); // the text moved since the check; re-check instead of guessing
        return;
      }
      let [start, end] = [f.start_utf16, f.end_utf16];
      if (f.suggestion === '') [start, end] = widenRemoval(text, start, end);
      if (this.isTextarea) apply.replaceInTextarea(this.box, start, end, f.suggestion);
      else {
        const range = textmap.rangeFor(map, start, end);
        if (range) apply.replaceInEditable(this.box, range, f.suggestion);
      }
      this.schedule();
    }

    ignore(f) {
      this.ignored.add(keyOf(f));
      this.render();
    }

    async allow(f) {
      await addToAllowlist(f.text.trim());
      this.ignored.add(keyOf(f)); // hide it now; the re-check after the settings change confirms
      this.render();
    }
  }

  /** Removing a span takes one neighbouring space with it, so "call 555-0142
   *  today" becomes "call today", not "call  today". */
  function widenRemoval(text, start, end) {
    const before = text[start - 1];
    const after = text[end];
    if (after === ' ' && (start === 0 || before === ' ' || before === '\n')) return [start, end + 1];
    if (before === ' ' && (after === undefined || /[\s.,;:!?)]/.test(after))) return [start - 1, end];
    return [start, end];
  }

  async function addToAllowlist(value) {
    const got = await chrome.storage.local.get('settings');
    const s = got.settings && typeof got.settings === 'object' ? got.settings : {};
    const list = Array.isArray(s.allowlist) ? s.allowlist.filter((x) => typeof x === 'string') : [];
    if (!list.some((x) => x.toLowerCase() === value.toLowerCase())) list.push(value);
    await chrome.storage.local.set({ settings: { ...s, allowlist: list } });
  }

  function deepActive() {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a;
  }

  // ---- discovery ----

  const EDITABLE = 'textarea, [contenteditable]:not([contenteditable="false"])';

  function editingHost(el) {
    let h = el;
    while (h.parentElement && h.parentElement.isContentEditable) h = h.parentElement;
    return h;
  }

  function consider(el) {
    if (!el || el.nodeType !== 1) return;
    let box = el;
    if (box.tagName !== 'TEXTAREA') {
      if (!box.isContentEditable) return;
      box = editingHost(box);
    }
    if (watches.has(box) || host.isOurs(box)) return;
    if (!sites.isComposeBox(box)) return;
    // The first box on the page: wake the worker now (settings, and the core
    // compiles its patterns) so the first keystroke does not wait for it.
    if (!settingsLoaded) queueMicrotask(() => settingsLoaded || loadSettings());
    watches.set(box, new Watch(box));
  }

  const observedRoots = new WeakSet();
  const observer = new MutationObserver(onMutations);

  function observeRoot(root) {
    if (observedRoots.has(root)) return;
    observedRoots.add(root);
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable'] });
  }

  /** Find editors (and open shadow roots holding editors) under `root`. */
  function scan(root) {
    if (root.nodeType === 1 && root.matches(EDITABLE)) consider(root);
    for (const el of root.querySelectorAll(EDITABLE)) consider(el);
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        observeRoot(el.shadowRoot);
        scan(el.shadowRoot);
      }
    }
  }

  let pendingNodes = [];
  let pendingTimer = 0;
  function onMutations(records) {
    for (const r of records) {
      if (r.type === 'attributes') pendingNodes.push(r.target);
      else for (const n of r.addedNodes) if (n.nodeType === 1) pendingNodes.push(n);
    }
    let gone = false;
    for (const w of watches.values()) if (!w.box.isConnected) gone = true;
    if (gone) for (const w of [...watches.values()]) if (!w.box.isConnected) w.destroy();
    if (pendingNodes.length && !pendingTimer) {
      // Batch: an SPA navigation adds thousands of nodes in a few records.
      pendingTimer = setTimeout(() => {
        pendingTimer = 0;
        const nodes = pendingNodes;
        pendingNodes = [];
        for (const n of nodes) if (n.isConnected && !host.isOurs(n)) scan(n);
      }, 50);
    }
  }

  // Focus finds any box the user types into, even in shadow roots we missed.
  document.addEventListener(
    'focusin',
    (e) => {
      const t = e.composedPath()[0];
      if (t && t.nodeType === 1 && (t.tagName === 'TEXTAREA' || t.isContentEditable)) consider(t);
    },
    true,
  );

  // Keyboard: Alt+Shift+S in a watched box opens its findings card with focus
  // on the first action (Escape returns to the box). Nothing else is bound.
  window.addEventListener(
    'keydown',
    (e) => {
      if (!(e.altKey && e.shiftKey && e.code === 'KeyS') || e.ctrlKey || e.metaKey) return;
      const path = e.composedPath();
      const w = path.map((n) => watches.get(n)).find(Boolean);
      if (!w || !w.analyzedText) return;
      e.preventDefault();
      e.stopPropagation();
      w.openAll(w.box);
    },
    true,
  );

  document.addEventListener('selectionchange', () => {
    const w = NS.lastFocused;
    if (w && watches.has(w.box)) w.onCaret();
  });

  let frame = 0;
  function repositionAll() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      for (const w of watches.values()) w.position();
    });
  }
  window.addEventListener('scroll', repositionAll, { capture: true, passive: true });
  window.addEventListener('resize', repositionAll, { passive: true });

  NS.onDead = () => {
    for (const w of watches.values()) w.setUnavailable(w.analyzedText || '', w.map, 'SafePost was updated or turned off; reload the page');
  };

  // ---- the API photos.js (and other parts) use ----

  function parentOf(n) {
    return n.parentElement || (n.getRootNode && n.getRootNode() instanceof ShadowRoot ? n.getRootNode().host : null);
  }

  function composeFor(element) {
    if (!element || element.nodeType !== 1) return null;
    for (let n = element; n; n = parentOf(n)) if (watches.has(n)) return n;
    for (let n = element, depth = 0; n && depth < 12; n = parentOf(n), depth++) {
      for (const box of watches.keys()) if (n.contains(box)) return box;
    }
    return null;
  }

  globalThis.SafePost = {
    request: (msg) => NS.port.request(msg),
    get settings() {
      return settings;
    },
    composeFor,
    setExternalFindings(composeEl, source, findings) {
      const box = watches.has(composeEl) ? composeEl : composeFor(composeEl);
      const w = box && watches.get(box);
      if (!w) return false;
      const list = Array.isArray(findings) ? findings.filter((f) => f && typeof f === 'object') : [];
      if (list.length) w.external.set(String(source), list);
      else w.external.delete(String(source));
      w.render();
      return true;
    },
    ui: {
      showCard(anchorEl, { title, findings = [], actions = [] } = {}) {
        const box = composeFor(anchorEl) || anchorEl;
        return cards.showCard(box, anchorEl.getBoundingClientRect(), {
          title,
          findings,
          actions: actions.map((a) => ({ label: String(a.label), run: a.run, primary: Boolean(a.primary) })),
          focus: true,
        });
      },
    },
    platform: sites.platform,
  };

  observeRoot(document);
  scan(document);
  // Parsing all content scripts plus the first scan (benchmark figure).
  NS.startupMs = Math.round((performance.now() - NS.startedAt) * 100) / 100;
})();
