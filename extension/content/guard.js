// SafePost content script 8/9: the check before posting. When findings
// remain and the user presses the box's Post button or Ctrl/Cmd+Enter (or
// plain Enter where the site posts on Enter), the organisation's setting
// decides: `warn` lets it through, `confirm` asks them to review first and
// posts only when they confirm, `block` stops it and says who to ask.
// Capture-phase listeners on window run before the site's own; after a
// confirm the same click or key is dispatched again, unchanged, to the same
// target. A submit that goes through is logged (`log.post`) for the
// posting schedule, with the platform and time only.
(() => {
  'use strict';
  const NS = (globalThis.__safepostContent ||= {});
  if (NS.guard) return;

  const RANK = { warn: 0, confirm: 1, block: 2 };
  const replayed = new WeakSet(); // events we dispatched again after a confirm

  /** What the settings say to do for this box's current findings. */
  function decide(watch, settings) {
    const enforcement = (settings && settings.enforcement) || { absolute: 'confirm', relative: 'warn' };
    if (watch.state === 'unavailable') {
      // Never a silent pass: without a check, ask them to review (never block,
      // or a broken check would stop all posting).
      return { mode: RANK[enforcement.absolute] > 0 ? 'confirm' : 'warn', unavailable: true };
    }
    let mode = 'warn';
    for (const f of watch.visibleFindings()) {
      const m = enforcement[f.severity === 'absolute' ? 'absolute' : 'relative'] || 'warn';
      if ((RANK[m] || 0) > RANK[mode]) mode = m;
    }
    return { mode, unavailable: false };
  }

  function logPost(watch) {
    NS.port.request({ type: 'log.post', platform: NS.sites.platform, at: Date.now() });
    // Sites clear the box after posting, often without an event: look again.
    if (watch) setTimeout(() => watch.schedule(), 600);
  }

  function stop(e) {
    e.preventDefault();
    e.stopImmediatePropagation();
    e.stopPropagation();
  }

  /**
   * Decide on one submit attempt. Returns true when the event was stopped
   * (SafePost will replay it if allowed).
   */
  function intercept(e, watch, replay) {
    if (!watch.hasText()) return false;
    if (NS.cards.isDialogOpen()) {
      stop(e); // a review is already on screen: it decides
      return true;
    }
    const settings = NS.getSettings();
    if (!watch.isStale()) {
      const d = decide(watch, settings);
      if (d.mode === 'warn') {
        logPost(watch);
        return false;
      }
      stop(e);
      review(watch, d, settings, replay);
      return true;
    }
    // Typed just now and not checked yet: hold the submit for the check (a
    // few milliseconds), then decide on the fresh result.
    stop(e);
    watch.analyzeNow().then(() => {
      const d = decide(watch, NS.getSettings());
      if (d.mode === 'warn') {
        logPost(watch);
        replay();
      } else review(watch, d, NS.getSettings(), replay);
    });
    return true;
  }

  async function review(watch, d, settings, replay) {
    if (d.mode === 'block' && !d.unavailable) {
      NS.cards.showBlocked(watch.box, { findings: watch.visibleFindings(), orgName: settings.orgName, supportUrl: settings.supportUrl });
      NS.host.announce(watch.box, 'SafePost: posting is blocked while patient identifiers remain.');
      return;
    }
    const ok = await NS.cards.confirmPost(watch.box, {
      mode: d.mode,
      unavailable: d.unavailable,
      findings: watch.visibleFindings(),
      orgName: settings.orgName,
      supportUrl: settings.supportUrl,
    });
    if (ok && d.mode === 'confirm') {
      logPost(watch);
      replay();
    }
  }

  function watchForButton(button) {
    for (const w of NS.watches.values()) {
      if (!w.box.isConnected) continue;
      const pb = w.postButton();
      if (pb && (pb === button || pb.contains(button) || button.contains(pb))) return w;
    }
    return null;
  }

  function watchForTarget(path) {
    for (const n of path) {
      const w = n && n.nodeType === 1 ? NS.watches.get(n) : null;
      if (w) return w;
    }
    return null;
  }

  function onClick(e) {
    if (replayed.has(e) || e.button !== 0) return;
    const path = e.composedPath();
    const target = path[0];
    if (!target || target.nodeType !== 1 || NS.host.isOurs(target)) return;
    const button = NS.sites.postButtonAt(target);
    if (!button || button.disabled || button.getAttribute('aria-disabled') === 'true') return;
    const watch = watchForButton(button);
    if (!watch) return;
    const init = {
      bubbles: true, cancelable: true, composed: true, view: window, detail: e.detail,
      screenX: e.screenX, screenY: e.screenY, clientX: e.clientX, clientY: e.clientY,
      ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey, button: e.button, buttons: e.buttons,
    };
    intercept(e, watch, () => {
      const again = new MouseEvent('click', init);
      replayed.add(again);
      (target.isConnected ? target : button).dispatchEvent(again);
    });
  }

  function onKeydown(e) {
    if (replayed.has(e) || e.key !== 'Enter' || e.isComposing || e.keyCode === 229) return;
    const path = e.composedPath();
    const watch = watchForTarget(path);
    if (!watch) return;
    const submits = e.ctrlKey || e.metaKey || (!e.shiftKey && !e.altKey && NS.sites.enterSubmits(watch.box));
    if (!submits) return;
    const target = path[0];
    const init = {
      bubbles: true, cancelable: true, composed: true, view: window, key: e.key, code: e.code, location: e.location,
      ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey, repeat: e.repeat,
      keyCode: e.keyCode, which: e.which, charCode: e.charCode,
    };
    intercept(e, watch, () => {
      // Prefer the box's own Post button (equivalent, and a synthetic key
      // event cannot carry the legacy keyCode some editors still read).
      const button = watch.postButton();
      if (button && button.isConnected && !button.disabled) {
        const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, view: window, detail: 1 });
        replayed.add(click);
        button.dispatchEvent(click);
        return;
      }
      const again = new KeyboardEvent('keydown', init);
      replayed.add(again);
      (target && target.isConnected ? target : watch.box).dispatchEvent(again);
    });
  }

  window.addEventListener('click', onClick, true);
  window.addEventListener('keydown', onKeydown, true);

  NS.guard = { decide };
})();
