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
//
// Text checks (every debounced keystroke) run in the offscreen text engine
// where the browser has chrome.offscreen (text-engine.js): it stays warm
// while this worker sleeps, so a woken worker relays the first check at
// once instead of compiling the core first. This worker's own core serves
// the rare other messages (photo, reach, settings) and is instantiated
// lazily when one arrives; without chrome.offscreen (Firefox) it also runs
// the text checks and is warmed at start-up as before.

import initCore, * as wasm from '../pkg/safepost.js';
import { handleText, forgetTab, TEXT_ENGINE_REMOTE } from './handlers/text.js';
import { handlePhoto } from './handlers/photo.js';
import { handleReach } from './handlers/reach.js';
import { handleSettings } from './handlers/settings.js';
import { getEffectiveSettings, onSettingsChanged } from './settings.js';
import { syncExtraSites } from './extra-sites.js';
import { acceptEnginePort, engineConnection, panicNextRemoteCheck } from './text-engine.js';
import { warmUp, resetCore, prepareCore } from '../offscreen/text-analysis.js';

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

/** The initialised wasm-bindgen module (compiled once per worker life). Its
 *  text patterns are compiled up front only when this worker runs the text
 *  checks itself (no offscreen engine). */
export function getCore() {
  if (!corePromise) {
    corePromise = initCore({ module_or_path: WASM_URL })
      .then(() => prepareCore(wasm))
      .then(() => (TEXT_ENGINE_REMOTE ? wasm : warmUp(wasm)))
      .catch((e) => {
        corePromise = null; // let the next request try again
        throw e;
      });
  }
  return corePromise;
}

/** After any exception from this worker's core: re-instantiate it now
 *  (see resetCore in ../offscreen/text-analysis.js). */
function recoverCore() {
  if (!corePromise) return;
  corePromise
    .then((core) => {
      if (!resetCore(core)) corePromise = null; // even that failed: re-initialise from scratch
    })
    .catch(() => {});
}

/** Does this message need this worker's own core? Text checks do not when
 *  the offscreen engine runs them; draft summaries never do. */
function needsCore(prefix) {
  if (prefix === 'draft') return false;
  if (prefix === 'text') return !TEXT_ENGINE_REMOTE;
  return true;
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
  if (needsCore(prefix)) {
    try {
      core = await getCore();
    } catch (e) {
      if (!CORE_OPTIONAL.has(prefix)) {
        return { type: 'unavailable', reason: `the SafePost core did not load: ${errorText(e)}` };
      }
    }
  }
  const arrivedAt = performance.now();
  try {
    if (testHooks.panicNextCheck && message.type === 'text.analyze') {
      testHooks.panicNextCheck = false;
      // A real Rust panic → trap → the same recovery as any other, in whichever core runs the check.
      if (TEXT_ENGINE_REMOTE) panicNextRemoteCheck();
      else if (core) core.debug_panic();
    }
    const reply = await handler(message, core, sender);
    if (message.type === 'text.analyze' && !stats.firstCheck) {
      stats.firstCheck = { arrivedAt, repliedAt: performance.now() }; // ms since this worker life started
    }
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
// `firstCheck`: when this worker life's first text check arrived and was
// answered (ms since the worker started), for the wake benchmark.
const stats = { contentStartupMs: [], firstCheck: null };
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
  if (acceptEnginePort(port)) return; // the offscreen text engine answering our call
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
chrome.runtime.onInstalled.addListener(() => {
  resyncExtraSites();
  startTextEngine();
});
// At browser start-up: create the offscreen engine before the first page needs it.
chrome.runtime.onStartup.addListener(() => startTextEngine());

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

/** Make sure the text engine is there and connected (creating its offscreen
 *  document if it is missing), or, without offscreen documents, warm this
 *  worker's core, so the first keystroke does not pay the compile. */
function startTextEngine() {
  const ready = TEXT_ENGINE_REMOTE ? engineConnection() : getCore();
  ready.catch((e) => console.warn('SafePost: text engine failed to start', e));
}
startTextEngine();

// For tests and the benchmark page (evaluated in the worker, never by pages).
globalThis.__safepost = {
  getCore, dispatch, stats, testHooks, engineConnection, textEngineRemote: TEXT_ENGINE_REMOTE,
  coreStarted: () => corePromise !== null, // has this worker life instantiated its own core?
};
