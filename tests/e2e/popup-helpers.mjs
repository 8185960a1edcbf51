// The real action popup (what a click on the toolbar icon opens), for the
// popup E2E test and tests/e2e/bench/popup-bench.mjs.
//
// Why not a tab: a tab gets a fresh renderer process, so ~100 ms go before
// any script runs, whatever the page does. Chromium puts an action popup in
// the extension's already-running renderer instead. `chrome.action.openPopup()`
// called from the service worker opens that real popup in headless Chromium
// (once a normal window is focused). Playwright's context does not list it
// as a page, so it is driven over the harness's raw CDP client: it is a
// "page" target whose URL is the popup's, attached with flatten:true and
// evaluated with Runtime.evaluate in that session.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A focused normal tab: openPopup needs an active window to anchor to. */
export async function focusNormalTab(browser) {
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  if (page.url() === '') await page.goto('about:blank');
  await page.bringToFront();
  return page;
}

async function popupTargets(cdp, extensionId) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.filter((t) => t.type === 'page' && t.url.startsWith(`chrome-extension://${extensionId}/`));
}

/**
 * Opens the action popup and attaches to it.
 * Returns {targetId, sessionId, evaluate(expression), close()}; evaluate
 * runs in the popup and returns the value (awaiting promises).
 * Call focusNormalTab(browser) once before. Throws after `timeoutMs` if no
 * new popup target appears (e.g. no focused window, or a popup already open).
 */
export async function openActionPopup(browser, { timeoutMs = 15000 } = {}) {
  const { cdp, extensionId } = browser;
  const before = new Set((await popupTargets(cdp, extensionId)).map((t) => t.targetId));
  const sw = await browser.serviceWorker();
  const opened = await sw.evaluate(async () => {
    try { await chrome.action.openPopup(); return 'ok'; } catch (e) { return String(e && e.message || e); }
  });
  if (opened !== 'ok') throw new Error(`chrome.action.openPopup() failed: ${opened}`);
  const end = Date.now() + timeoutMs;
  let target = null;
  while (!target) {
    target = (await popupTargets(cdp, extensionId)).find((t) => !before.has(t.targetId)) ?? null;
    if (target) break;
    if (Date.now() > end) throw new Error(`no action popup target within ${timeoutMs} ms of openPopup()`);
    await sleep(10);
  }
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: true });
  const evaluate = async (expression) => {
    const r = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId);
    if (r.exceptionDetails) throw new Error(`in the popup: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };
  return {
    targetId: target.targetId,
    sessionId,
    evaluate,
    /**
     * Polls `expression` (a JS expression evaluated in the popup) until it
     * gives a truthy value, and returns that value. A popup still
     * navigating has no document yet: errors then count as "not yet".
     */
    async waitFor(expression, { timeoutMs: t = 15000, intervalMs = 10, what = expression } = {}) {
      const stop = Date.now() + t;
      let last;
      for (;;) {
        try {
          const v = await evaluate(expression);
          if (v) return v;
        } catch (e) { last = e; }
        if (Date.now() > stop) throw new Error(`popup: timed out after ${t} ms waiting for ${what}${last ? ` (${last.message})` : ''}`);
        await sleep(intervalMs);
      }
    },
    /** window.close() in the popup, then waits until its target is gone. */
    async close({ timeoutMs: t = 10000 } = {}) {
      await evaluate('window.close()').catch(() => {});
      const stop = Date.now() + t;
      for (;;) {
        const { targetInfos } = await cdp.send('Target.getTargets');
        if (!targetInfos.some((x) => x.targetId === target.targetId)) return;
        if (Date.now() > stop) {
          await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => {});
          return;
        }
        await sleep(20);
      }
    },
  };
}
