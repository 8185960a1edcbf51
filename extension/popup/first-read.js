// Starts the popup's one storage read for its first view (issue 5 bar:
// first view <= 100 ms) while the browser is still parsing popup.html and
// fetching popup.js and its import, instead of when popup.js starts: in the
// action popup that read (~10–20 ms, far more right after the browser
// starts) was most of the popup's own time to its first view.
//
// A classic script in <head>, not a module: it runs as soon as the parser
// reaches it. popup.js uses this read only if it asked for every key it
// needs (see firstRead there), so a key added there and forgotten here costs
// speed, never correctness.
'use strict';
globalThis.safepostFirstRead = (() => {
  const keys = ['settings', 'popupSettingsSnapshot', 'reachLog', 'reachPlan', 'reachFollowers', 'reachHistoryIndex'];
  try {
    return { keys, values: chrome.storage.local.get(keys) };
  } catch {
    return null; // popup.js reads again, and says so if that fails too
  }
})();
