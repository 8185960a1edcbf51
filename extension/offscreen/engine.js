// SafePost's offscreen document (chrome.offscreen, reason WORKERS): it starts
// the text engine in a dedicated Worker (text-worker.js) and relays the
// service worker's text checks to it. Unlike the service worker, an
// offscreen document is not put to sleep, so the engine's WASM instance and
// compiled patterns stay warm and the first keystroke after the service
// worker wakes is checked at once (docs/architecture.md, "Text engine").
//
// Connection: the service worker asks with runtime.sendMessage
// `{type:'engine.connect', target:'safepost-offscreen'}`; this page then
// opens a Port named 'safepost-engine' back to it. The page never opens a
// port on its own, so it never wakes (or keeps awake) the service worker,
// and it listens to no runtime.onConnect, so content scripts' ports reach
// only the service worker.
//
// Checks: the page also gives the service worker a MessageChannel straight
// to the Worker (posted to the worker with navigator.serviceWorker, only
// right after it asked, so it never wakes it); checks then go service
// worker ⇄ Worker directly. The runtime Port stays open beside it: it tells
// the service worker when this page closes or crashes (onDisconnect) or the
// Worker was replaced (`{type:'engine.reset'}`), and carries the checks
// itself if the channel cannot be set up.
//   {id, type:'analyze', text, context, options, panic?} →
//   {id, ok:true, findings, ms} | {id, ok:false, error, gone?}
//   service worker → page: {type:'engine.restart'} (a check hung: replace the Worker)

/** A Worker that holds checks but has answered none for this long is
 *  treated as hung (a 200,000-character draft takes ~0.5 s): it is replaced
 *  (a fresh WASM instance) and the checks it held fail. */
const HANG_MS = 12000;

let worker = null;
const inflight = new Map(); // engine id → {reply(result)}
let nextId = 1;
let watchdog = 0;

/** (Re)arms the hang watchdog while checks are pending; called on every send and answer. */
function armWatchdog(w) {
  clearTimeout(watchdog);
  watchdog = inflight.size ? setTimeout(() => dropWorker(w, 'the text engine did not answer in time', false), HANG_MS) : 0;
}

function startWorker() {
  const w = new Worker(new URL('./text-worker.js', import.meta.url), { type: 'module', name: 'safepost-text-engine' });
  w.onmessage = (event) => {
    const r = event.data;
    const entry = r && inflight.get(r.id);
    if (!entry) return;
    inflight.delete(r.id);
    armWatchdog(w);
    entry.reply(r);
  };
  // A script error or a crash of the Worker: fail what it held; the next
  // check starts a new one (lazily, so a Worker that cannot start does not loop).
  w.onerror = (event) => {
    event.preventDefault();
    dropWorker(w, `the text engine stopped: ${event.message || 'worker error'}`, true);
  };
  return w;
}

/** Ends a Worker and fails the checks it held; `gone` tells the service
 *  worker a retry on a fresh engine is worth it (a crash, not a hang). */
function dropWorker(w, reason, gone) {
  if (worker !== w) return;
  worker = null;
  clearTimeout(watchdog);
  watchdog = 0;
  try {
    w.terminate();
  } catch (_e) {
    // already gone
  }
  for (const [id, entry] of inflight) {
    inflight.delete(id);
    entry.reply({ ok: false, error: reason, gone });
  }
  // Checks sent on the direct channel went down with the Worker: the service
  // worker fails them over (one retry) and asks for a new channel.
  if (swPort) {
    try {
      swPort.postMessage({ type: 'engine.reset', reason });
    } catch (_e) {
      // the service worker is gone; it reconnects when it wakes
    }
  }
}

function analyze(m, reply) {
  if (!worker) worker = startWorker();
  const w = worker;
  const id = nextId++;
  inflight.set(id, { reply });
  if (!watchdog) armWatchdog(w);
  w.postMessage({ id, type: 'analyze', text: m.text, context: m.context, options: m.options, panic: m.panic === true });
}

let swPort = null;

function connectBack() {
  if (swPort) {
    try {
      swPort.disconnect(); // a stale port from a worker that already died
    } catch (_e) {
      // already closed
    }
  }
  const p = chrome.runtime.connect({ name: 'safepost-engine' });
  swPort = p;
  p.onMessage.addListener((m) => {
    if (m && m.type === 'engine.restart') {
      if (worker) dropWorker(worker, 'the text engine was restarted', false);
      return;
    }
    if (!m || m.type !== 'analyze') return;
    analyze(m, (r) => {
      try {
        p.postMessage({ ...r, id: m.id });
      } catch (_e) {
        // the service worker went away; it re-sends on its next connection
      }
    });
  });
  p.onDisconnect.addListener(() => {
    void chrome.runtime.lastError;
    if (swPort === p) swPort = null; // no reconnect: the service worker asks when it wakes
  });
  attachChannel().catch((e) => console.warn('SafePost: no direct channel to the text engine', e));
}

/** A MessageChannel between the service worker that just asked and the Worker. */
async function attachChannel() {
  if (!navigator.serviceWorker) return;
  const reg = await navigator.serviceWorker.getRegistration();
  const sw = reg && reg.active;
  if (!sw) return;
  if (!worker) worker = startWorker();
  const ch = new MessageChannel();
  worker.postMessage({ type: 'attach' }, [ch.port1]);
  sw.postMessage({ type: 'safepost-engine-channel' }, [ch.port2]);
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || msg.type !== 'engine.connect' || msg.target !== 'safepost-offscreen') return false;
  if (sender.id !== chrome.runtime.id || sender.tab) return false; // only the extension's own worker
  connectBack();
  sendResponse({ type: 'engine.connecting' });
  return false;
});

// Start the engine now: the service worker created this document so the
// first check finds the patterns compiled.
worker = startWorker();
