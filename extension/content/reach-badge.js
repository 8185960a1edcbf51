// SafePost content script (before main.js): the reach estimate beside each
// watched compose box (issue 5: "a reach estimate shown next to the compose
// box"), e.g. "est. reach ~1,200 (450–3,100)", with its one main driver in
// the tooltip and in a small card ("you posted 2 h ago: expect ~20% less").
//
// - It asks the service worker the same `reach.estimate` message the popup
//   uses, for the site's platform and the current time: no new network,
//   nothing leaves the machine, no WASM here.
// - It never delays the text check: the request is sent only when no text
//   check of this frame is in flight or scheduled and the user has paused
//   typing for a second, from an idle callback, and marked low priority (the
//   worker lets queued text checks go first, and answers repeated questions
//   about the same minute from memory).
// - At most one request a minute per frame (all boxes of the frame share the
//   answer), sent when a box is focused; a change to the imported history or
//   the posting log (an import in the popup, a post just made) lets the next
//   focus refresh at once.
// - With no history for the platform it says so ("reach: import analytics
//   in the popup") instead of inventing a number.
// - Text, not colour: the chip is a button with words; its aria-label says
//   the whole estimate and driver; Alt+Shift+R in the box opens its card.
// - Hidden by settings.showReach = false or settings.showReachBadge = false
//   (both can be locked by managed policy).
// Everything is drawn in SafePost's closed shadow root (ui-host.js), never in
// the editor's DOM; all text is set with textContent.
(() => {
  'use strict';
  const NS = (globalThis.__safepostContent ||= {});
  if (NS.reachBadge) return;
  const { layerFor, origin, el } = NS.host;

  /** Platforms the estimator knows (handlers/reach.js PLATFORMS). */
  const LABELS = { x: 'X', threads: 'Threads', facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn', tiktok: 'TikTok', youtube: 'YouTube' };
  const REFRESH_MS = 60 * 1000;
  const BUSY_RETRY_MS = 250;
  // An estimate holds the worker's thread for a while (the core replays the
  // history: ~0.4 s for 1,300 imported posts), so it is asked only once the
  // user has paused typing this long: a keystroke's check rarely meets it.
  const QUIET_MS = 1000;
  let lastInputAt = -Infinity;
  for (const type of ['input', 'keydown', 'compositionupdate']) {
    document.addEventListener(type, () => { lastInputAt = performance.now(); }, { capture: true, passive: true });
  }

  const platform = NS.sites.platform;
  const label = LABELS[platform];

  // The frame's one estimate: {reply, at (time asked for), fetchedAt}.
  let current = null;
  let pending = null;
  let dataChanged = false;
  let announced = false;
  const chips = new Set();

  function settings() {
    return (NS.getSettings && NS.getSettings()) || {};
  }

  function enabled() {
    const s = settings();
    return Boolean(label) && s.showReach !== false && s.showReachBadge !== false;
  }

  /** A text check of this frame is running or about to run. */
  function textBusy() {
    for (const w of (NS.watches || new Map()).values()) if (w.inflight || w.timer) return true;
    return false;
  }

  /** Runs fn when the frame is idle, no text check is waiting and the user
   *  has not typed for QUIET_MS. */
  function whenQuiet(fn) {
    const idle = globalThis.requestIdleCallback || ((cb) => setTimeout(cb, 50));
    idle(() => {
      const typedAgo = performance.now() - lastInputAt;
      if (textBusy()) setTimeout(() => whenQuiet(fn), BUSY_RETRY_MS);
      else if (typedAgo < QUIET_MS) setTimeout(() => whenQuiet(fn), QUIET_MS - typedAgo + 10);
      else fn();
    }, { timeout: 1000 });
  }

  /** The current estimate, refreshed when due (at most once a minute). */
  function estimate() {
    if (pending) return pending;
    const due = !current || dataChanged || Date.now() - current.fetchedAt >= REFRESH_MS;
    if (!due) return Promise.resolve(current);
    pending = new Promise((resolve) => {
      whenQuiet(async () => {
        dataChanged = false;
        const at = Date.now();
        const reply = await NS.port.request({ type: 'reach.estimate', platform, at, priority: 'low' });
        current = { reply, at, fetchedAt: Date.now() };
        pending = null;
        resolve(current);
      });
    });
    return pending;
  }

  /** Two significant figures, grouped ("1,200"), as the core's headline. */
  function round2(x) {
    if (!(x >= 10)) return String(Math.round(x || 0));
    const mag = 10 ** (Math.floor(Math.log10(x)) - 1);
    return (Math.round(x / mag) * mag).toLocaleString('en-US');
  }

  /** The one thing that moves this estimate most, in words. */
  function mainDriver(e) {
    const d = e.drivers || {};
    if (d.spacing_message && d.spacing_pct <= -5) return d.spacing_message;
    if (!e.history_posts) return 'no history yet: based on your follower count';
    const tod = Math.round(d.time_of_day_pct || 0);
    if (Math.abs(tod) >= 10) return `${d.slot}: expect ~${Math.abs(tod)}% ${tod > 0 ? 'more' : 'less'} than usual`;
    return `your usual level: ~${round2(d.usual_level)} (from ${e.history_posts} posts)`;
  }

  /** What the chip says for a worker reply, or null to show nothing. */
  function viewOf(reply) {
    if (reply && reply.type === 'reach.estimate' && reply.estimate) {
      const e = reply.estimate;
      const driver = mainDriver(e);
      const text = `est. reach ~${round2(e.reach)} (${round2(e.low80)}–${round2(e.high80)})`;
      return {
        state: 'estimate',
        text,
        driver,
        aria: `SafePost reach estimate for a ${label} post now: about ${round2(e.reach)}, typical range ${round2(e.low80)} to ${round2(e.high80)}. ${driver}. Show details`,
        lines: [
          `${e.headline.charAt(0).toUpperCase()}${e.headline.slice(1)} for a ${label} post now.`,
          `Main driver: ${driver}.`,
          e.history_posts ? `From ${e.history_posts} imported posts (${e.confidence} confidence).` : 'No imported posts yet: import your analytics in the SafePost popup for a better estimate.',
          'The SafePost popup shows the best nearby times.',
        ],
      };
    }
    if (reply && reply.type === 'reach.error') {
      return {
        state: 'none',
        text: 'reach: import analytics in the popup',
        driver: `no ${label} history yet`,
        aria: `SafePost reach estimate: no ${label} history yet. Import your analytics in the SafePost popup. Show details`,
        lines: [
          `SafePost has no ${label} history to estimate from yet.`,
          'Import an analytics export (or enter your follower count) in the SafePost popup; everything stays on this device.',
        ],
      };
    }
    return null; // worker unavailable: the safety check says so; reach just stays quiet
  }

  class ReachChip {
    constructor(watch) {
      this.watch = watch;
      this.box = watch.box;
      this.button = null;
      this.view = null;
    }

    /** The box got focus: show the estimate, refreshing it when due. */
    onFocus() {
      if (!enabled()) return this.hide();
      estimate().then((c) => {
        if (!this.box.isConnected || !chips.has(this)) return;
        this.show(c);
      });
    }

    show(c) {
      if (!enabled()) return this.hide();
      const view = viewOf(c.reply);
      if (!view) return this.hide();
      this.view = view;
      const h = layerFor(this.box);
      ensureStyle(h);
      if (!this.button || !this.button.isConnected) {
        this.button = el('button', 'reach');
        this.button.type = 'button';
        this.button.addEventListener('click', () => this.openCard());
        h.layer.appendChild(this.button);
      }
      const b = this.button;
      b.hidden = false;
      b.textContent = view.text;
      b.title = `SafePost: ${view.driver} (Alt+Shift+R from the box)`;
      b.setAttribute('aria-label', view.aria);
      b.dataset.state = view.state;
      b.dataset.platform = platform;
      b.dataset.at = String(c.at);
      this.position();
      if (!announced && view.state === 'estimate' && this.focused()) {
        announced = true;
        NS.host.announce(this.box, `SafePost reach estimate: ${view.text.replace(/^est\. /, '')}. Alt+Shift+R for details.`);
      }
    }

    focused() {
      let a = document.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      return a === this.box || this.box.contains(a);
    }

    hide() {
      if (this.button) this.button.hidden = true;
    }

    /** The card with the estimate's details; it takes focus (Escape closes it). */
    openCard() {
      if (!this.view) return;
      const extra = el('div');
      for (const line of this.view.lines) extra.appendChild(el('p', 'msg', line));
      const anchor = this.button && !this.button.hidden ? this.button : this.box;
      NS.cards.showCard(this.box, anchor.getBoundingClientRect(), {
        title: this.view.state === 'estimate' ? 'Estimated reach' : 'Reach estimate',
        extra,
        focus: true,
        kind: 'reach',
      });
    }

    /** Beside SafePost's findings badge (to its left), or where it would be. */
    position() {
      const b = this.button;
      if (!b || b.hidden) return;
      if (!enabled()) return this.hide();
      const h = layerFor(this.box);
      const r = this.box.getBoundingClientRect();
      const o = origin(h);
      b.style.visibility = r.width > 0 && r.height > 0 ? '' : 'hidden';
      const w = b.offsetWidth || 160;
      const bh = b.offsetHeight || 18;
      const badge = this.watch.badge && this.watch.badge.button;
      let right = r.right - 6;
      if (badge && !badge.hidden && badge.isConnected) right = badge.getBoundingClientRect().left - 6;
      const left = Math.max(0, right - w);
      const top = r.height > bh + 8 ? r.bottom - bh - 4 : r.bottom + 2;
      b.style.left = `${left - o.x}px`;
      b.style.top = `${top - o.y}px`;
    }

    destroy() {
      chips.delete(this);
      if (this.button) this.button.remove();
      this.button = null;
    }
  }

  // Styles for the chip, added to each SafePost layer's shadow root once.
  const STYLE = `
  .reach { position: absolute; pointer-events: auto; padding: 1px 7px; border-radius: 9px;
    border: 1px solid #b8c2cc; background: rgba(246, 248, 251, 0.96); color: #33404d; cursor: pointer;
    font: 500 11px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; white-space: nowrap; }
  .reach[data-state="none"] { font-style: italic; }
  .reach:focus-visible { outline: 2px solid #1565c0; outline-offset: 2px; }`;
  const styled = new WeakSet();
  function ensureStyle(h) {
    if (styled.has(h.root)) return;
    styled.add(h.root);
    const s = document.createElement('style');
    s.textContent = STYLE;
    h.root.appendChild(s);
  }

  /** Called by main.js for each watched box. */
  function attach(watch) {
    if (!label) return null; // a watched site the estimator does not cover (e.g. Reddit)
    const chip = new ReachChip(watch);
    chips.add(chip);
    return chip;
  }

  /** main.js: the effective settings changed. */
  function settingsChanged() {
    for (const chip of chips) {
      if (!enabled()) chip.hide();
      else if (current && chip.focused()) chip.show(current);
    }
  }

  // New history or a new post: the next focus refreshes without waiting the minute.
  try {
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && ('reachHistory' in changes || 'reachLog' in changes || 'reachFollowers' in changes)) dataChanged = true;
    });
  } catch (_e) {
    // storage events unavailable: the minute's refresh still comes
  }

  // Keyboard: Alt+Shift+R in a watched box opens its reach card (Escape returns).
  window.addEventListener(
    'keydown',
    (e) => {
      if (!(e.altKey && e.shiftKey && e.code === 'KeyR') || e.ctrlKey || e.metaKey) return;
      const watches = NS.watches;
      if (!watches) return;
      const w = e.composedPath().map((n) => watches.get(n)).find(Boolean);
      if (!w || !w.reach || !w.reach.view || !enabled()) return;
      e.preventDefault();
      e.stopPropagation();
      w.reach.openCard();
    },
    true,
  );

  NS.reachBadge = { attach, settingsChanged, mainDriver, viewOf };
})();
