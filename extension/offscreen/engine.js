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
// Port protocol (service worker → here → Worker and back):
//   {id, type:'analyze', text, context, options, panic?} →
//   {id, ok:true, findings, ms} | {id, ok:false, error}

/** A check the Worker has not answered in this long is treated as a hang:
 *  the Worker is replaced (a fresh WASM instance) and the check fails. */
const HANG_MS = 12000;

let worker = null;
const inflight = new Map(); // engine id → {reply(result), timer}
let nextId = 1;

function startWorker() {
  const w = new Worker(new URL('./text-worker.js', import.meta.url), { type: 'module', name: 'safepost-text-engine' });
  w.onmessage = (event) => {
    const r = event.data;
    const entry = r && inflight.get(r.id);
    if (!entry) return;
    inflight.delete(r.id);
    clearTimeout(entry.timer);
    entry.reply(r);
  };
  // A script error or a crash of the Worker: fail what it held; the next
  // check starts a new one (lazily, so a Worker that cannot start does not loop).
  w.onerror = (event) => {
    event.preventDefault();
    dropWorker(w, `the text engine stopped: ${event.message || 'worker error'}`);
  };
  return w;
}

function dropWorker(w, reason) {
  if (worker !== w) return;
  worker = null;
  try {
    w.terminate();
  } catch (_e) {
    // already gone
  }
  for (const [id, entry] of inflight) {
    inflight.delete(id);
    clearTimeout(entry.timer);
    entry.reply({ ok: false, error: reason });
  }
}

function analyze(m, reply) {
  if (!worker) worker = startWorker();
  const w = worker;
  const id = nextId++;
  const timer = setTimeout(() => dropWorker(w, 'the text engine did not answer in time'), HANG_MS);
  inflight.set(id, { reply, timer });
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
