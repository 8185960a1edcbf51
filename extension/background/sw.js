// SafePost module service worker: the only place (with extension pages) where
// the WASM core runs. Content scripts talk to it over a long-lived Port
// (`chrome.runtime.connect({name:'safepost'})`); extension pages may use
// `chrome.runtime.sendMessage` with the same message shapes
// (docs/architecture.md).
//
// Every listener is registered synchronously in the first turn, before the
// WASM core is initialised: a worker woken by a message must find its
// listeners in place, or Chrome drops the event. Requests that arrive while
// the core is still compiling simply await it.

import initCore, * as wasm from '../pkg/safepost.js';
import { handleText, forgetTab } from './handlers/text.js';
import { handlePhoto } from './handlers/photo.js';
import { handleReach } from './handlers/reach.js';
import { handleSettings } from './handlers/settings.js';
import { getEffectiveSettings, onSettingsChanged } from './settings.js';
import { syncExtraSites } from './extra-sites.js';

const WASM_URL = chrome.runtime.getURL('extension/pkg/safepost_bg.wasm');

// Message-type prefix → handler. `draft.*` belongs with the text checks
// (they produce the draft summary); `log.*` with reach (posting history).
const ROUTES = {
  text: handleText,
  draft: handleText,
  photo: handlePhoto,
  reach: handleReach,
  log: handleReach,
  settings: handleSettings,
};
// Prefixes whose handlers must answer even when the core failed to load.
const CORE_OPTIONAL = new Set(['settings', 'log', 'draft']);

let corePromise = null;

/** The initialised wasm-bindgen module (compiled once per worker life). */
export function getCore() {
  if (!corePromise) {
    corePromise = initCore({ module_or_path: WASM_URL })
      .then(() => warmUp(wasm))
      .catch((e) => {
        corePromise = null; // let the next request try again
        throw e;
      });
  }
  return corePromise;
}

// A draft that wakes every recognizer, so their patterns are compiled when
// the worker starts rather than on the user's first keystroke.
const WARM_UP_TEXT =
  'pt Jane Doe, 84F, DOB 01/02/1940, seen 3/4 in room 4 at St Mary, Bakersfield CA 93301. MRN 00482913, ' +
  'SSN 123-45-6789, plan ID W123456789, acct 12345678, call (661) 555-0142, fax 661-555-0143, ' +
  'jo.doe@example.org, https://example.org/p/1, 10.0.0.1, @janedoe, VIN 1HGCM82633A004352. ' +
  'You should take 50 mg of ibuprofen twice a day.';

function warmUp(core) {
  try {
    core.analyze_text(WARM_UP_TEXT, { platform: 'x', kind: 'post' }, {});
  } catch (e) {
    console.warn('SafePost: warm-up check failed', e);
    core.schedule_reset();
    core.version();
  }
  return core;
}

/** After any exception from the core: re-instantiate it now. A Rust panic
 *  already scheduled that in its hook; a trap that skipped the hook (stack
 *  overflow, out of memory) did not, so schedule it again. The reset runs
 *  in the glue's call guard; a call without arguments (`version()`) triggers
 *  it before any string is copied into the old instance's memory. */
function recoverCore() {
  if (!corePromise) return;
  corePromise
    .then((core) => {
      try {
        core.schedule_reset();
        core.version();
        setTimeout(() => warmUp(core), 0); // the fresh instance compiles its patterns again
      } catch (_e) {
        corePromise = null; // even that failed: re-initialise from scratch
      }
    })
    .catch(() => {});
}

function prefixOf(type) {
  const s = typeof type === 'string' ? type : '';
  const dot = s.indexOf('.');
  return dot > 0 ? s.slice(0, dot) : s;
}

/** Route one request; never throws. A failure is `{type:'unavailable'}` so
 *  the UI says "SafePost check unavailable" instead of passing silently. */
export async function dispatch(message, sender) {
  if (!message || typeof message !== 'object') {
    return { type: 'error', reason: 'a message must be an object' };
  }
  if (typeof message.startupMs === 'number') recordStat('contentStartupMs', message.startupMs);
  const prefix = prefixOf(message.type);
  const handler = ROUTES[prefix];
  if (!handler) return { type: 'error', reason: `unknown message type ${String(message.type)}` };
  let core = null;
  try {
    core = await getCore();
  } catch (e) {
    if (!CORE_OPTIONAL.has(prefix)) {
      return { type: 'unavailable', reason: `the SafePost core did not load: ${errorText(e)}` };
    }
  }
  try {
    if (testHooks.panicNextCheck && prefix === 'text' && core) {
      testHooks.panicNextCheck = false;
      core.debug_panic(); // a real Rust panic → trap → the same recovery as any other
    }
    const reply = await handler(message, core, sender);
    return reply && typeof reply === 'object' ? reply : { type: 'error', reason: 'handler gave no reply' };
  } catch (e) {
    recoverCore();
    console.warn('SafePost: check failed', e);
    return { type: 'unavailable', reason: errorText(e) };
  }
}

// Set only from the worker's own console/tests (pages cannot reach it):
// `__safepost.testHooks.panicNextCheck = true` makes the next text check panic.
const testHooks = { panicNextCheck: false };

// Figures for the benchmark command (scripts/bench-extension.mjs), in memory only.
const stats = { contentStartupMs: [] };
function recordStat(name, value) {
  const list = stats[name];
  list.push(value);
  if (list.length > 200) list.shift();
}

function errorText(e) {
  return String((e && e.message) || e || 'unknown error').slice(0, 300);
}

// ---- listeners (all registered in the first turn) ----

const ports = new Set();

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'safepost') return;
  ports.add(port);
  port.onDisconnect.addListener(() => ports.delete(port));
  port.onMessage.addListener(async (message) => {
    const reply = await dispatch(message, port.sender);
    reply.id = message && message.id;
    try {
      port.postMessage(reply);
    } catch (_e) {
      // The tab went away or navigated; its content script re-sends if it still cares.
    }
  });
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') return false;
  if (message.type === 'settings.changed') return false; // a push, not a request
  dispatch(message, sender).then((reply) => {
    if (message.id !== undefined) reply.id = message.id;
    sendResponse(reply);
  });
  return true; // answer asynchronously
});

chrome.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
});

// Extra sites: watched once the browser has granted access to them.
function resyncExtraSites(settings) {
  (settings ? Promise.resolve(settings) : getEffectiveSettings())
    .then(syncExtraSites)
    .catch((e) => console.warn('SafePost: extra sites not registered:', e));
}
chrome.permissions.onAdded.addListener(() => resyncExtraSites());
chrome.permissions.onRemoved.addListener(() => resyncExtraSites());
chrome.runtime.onInstalled.addListener(() => resyncExtraSites());

onSettingsChanged((settings) => {
  resyncExtraSites(settings);
  const push = { type: 'settings.changed', settings };
  for (const port of ports) {
    try {
      port.postMessage(push);
    } catch (_e) {
      ports.delete(port);
    }
  }
});

// Warm the core now so the first keystroke does not pay the compile.
getCore().catch((e) => console.warn('SafePost: core failed to load', e));

// For tests and the benchmark page (evaluated in the worker, never by pages).
globalThis.__safepost = { getCore, dispatch, stats, testHooks };
