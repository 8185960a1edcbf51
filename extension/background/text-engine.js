// The service worker's side of the offscreen text engine (Chrome, Edge).
//
// Chrome stops an idle service worker after ~30 s; a woken worker that had
// to instantiate the WASM core and compile its ~150 patterns before the
// first check made that check 0.7–0.9 s late. So the text checks run in a
// dedicated Worker inside an offscreen document (extension/offscreen/),
// which is not put to sleep: the engine stays warm, and a woken service
// worker only relays. No keep-alive polling: the offscreen page never
// messages the worker on its own, and the service worker sleeps as before.
//
// Browsers without chrome.offscreen (Firefox) check in the worker itself
// (handlers/text.js falls back to the local core).

export const ENGINE_PATH = 'extension/offscreen/engine.html';
const ENGINE_URL = globalThis.chrome?.runtime?.getURL ? chrome.runtime.getURL(ENGINE_PATH) : ENGINE_PATH; // (also loads in Node tests)
const PORT_NAME = 'safepost-engine';
/** How long the offscreen page may take to open its port back. */
const CONNECT_MS = 5000;
/** Backstop per check; the offscreen page itself replaces a hung engine sooner. */
const CALL_MS = 14000;

/** Does this browser have offscreen documents (so the engine runs there)? */
export function remoteEngineAvailable() {
  return typeof globalThis.chrome?.offscreen?.createDocument === 'function';
}

/** The engine's document or its port went away while a check was pending
 *  (closed, crashed, not created): worth one retry on a fresh document. */
class EngineGone extends Error {}

let creating = null;

async function engineDocumentExists() {
  if (chrome.runtime.getContexts) {
    const contexts = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [ENGINE_URL] });
    return contexts.length > 0;
  }
  return chrome.offscreen.hasDocument ? chrome.offscreen.hasDocument() : false;
}

/** Creates the offscreen document unless it is already there. */
export async function ensureEngineDocument() {
  if (await engineDocumentExists()) return;
  if (!creating) {
    creating = chrome.offscreen
      .createDocument({
        url: ENGINE_PATH,
        reasons: ['WORKERS'],
        justification:
          'Runs the SafePost text checks (its WebAssembly engine, entirely local) in a dedicated Worker that stays ' +
          'ready between keystrokes, so the first check after the service worker wakes is not delayed.',
      })
      .catch((e) => {
        // Another call created it first: that is fine.
        if (!/single offscreen|already/i.test(String(e && e.message))) throw e;
      })
      .finally(() => {
        creating = null;
      });
  }
  await creating;
}

// ---- the connection to the offscreen page ----
//
// Per service-worker life: a runtime Port the page opens back when asked
// (its onDisconnect says the page closed or crashed), and a MessageChannel
// straight to the engine Worker, which carries the checks (the Port carries
// them if the channel does not come).

let connection = null; // Promise<Connection> or the Connection itself, for this worker's life
let waitingForPort = null; // resolve(port) while a connect is under way
let waitingForChannel = null; // resolve(messagePort) likewise

/** Called by sw.js's runtime.onConnect for every port; true when it was the engine's. */
export function acceptEnginePort(port) {
  if (port.name !== PORT_NAME) return false;
  const s = port.sender || {};
  if (s.id !== chrome.runtime.id || (s.url && s.url.split('#')[0] !== ENGINE_URL)) {
    port.disconnect();
    return true;
  }
  if (waitingForPort) waitingForPort(port);
  else port.disconnect(); // nobody asked for it
  return true;
}

// The page's MessageChannel end, posted with navigator.serviceWorker.
globalThis.addEventListener?.('message', (event) => {
  const d = event.data;
  if (!d || d.type !== 'safepost-engine-channel' || !event.ports || !event.ports[0]) return;
  const from = event.source && event.source.url ? event.source.url.split('#')[0] : '';
  if (from !== ENGINE_URL || !waitingForChannel) {
    event.ports[0].close();
    return;
  }
  waitingForChannel(event.ports[0]);
});

/** How long to wait for the direct channel after the Port came. */
const CHANNEL_MS = 1000;

function makeConnection(port, channel) {
  const pending = new Map(); // id → {resolve, reject, timer}
  let nextId = 1;
  let open = true;
  const settle = (r) => {
    const entry = r && pending.get(r.id);
    if (!entry) return;
    pending.delete(r.id);
    clearTimeout(entry.timer);
    entry.resolve(r);
  };
  const close = (why) => {
    if (!open) return;
    open = false;
    if (connection === conn) connection = null;
    if (channel) channel.close();
    for (const [id, entry] of pending) {
      pending.delete(id);
      clearTimeout(entry.timer);
      entry.reject(new EngineGone(why));
    }
  };
  port.onMessage.addListener((r) => {
    if (r && r.type === 'engine.reset') {
      // The engine Worker was replaced: what it held is lost, and the channel with it.
      close(`the SafePost text engine restarted: ${r.reason || ''}`);
      port.disconnect();
      return;
    }
    settle(r);
  });
  port.onDisconnect.addListener(() => {
    void chrome.runtime.lastError;
    close('the SafePost text engine closed');
  });
  if (channel) channel.onmessage = (e) => settle(e.data);
  const conn = {
    port,
    direct: Boolean(channel),
    call(request) {
      if (!open) return Promise.reject(new EngineGone('the SafePost text engine closed'));
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          // A hung engine: have the page replace its Worker (and this channel).
          try {
            port.postMessage({ type: 'engine.restart' });
          } catch (_e) {
            // the page is gone already
          }
          reject(new Error('the SafePost text engine did not answer in time'));
        }, CALL_MS);
        pending.set(id, { resolve, reject, timer });
        try {
          (channel || port).postMessage({ ...request, id });
        } catch (_e) {
          pending.delete(id);
          clearTimeout(timer);
          reject(new EngineGone('the SafePost text engine closed'));
        }
      });
    },
  };
  return conn;
}

/** Waits for `slot`'s callback (set through `arm`) or `ms`; null on timeout. */
function waitFor(arm, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      arm(null);
      resolve(null);
    }, ms);
    arm((value) => {
      clearTimeout(timer);
      arm(null);
      resolve(value);
    });
  });
}

async function connect() {
  await ensureEngineDocument();
  const gotPort = waitFor((f) => { waitingForPort = f; }, CONNECT_MS);
  const gotChannel = waitFor((f) => { waitingForChannel = f; }, CONNECT_MS + CHANNEL_MS);
  let asked = null;
  try {
    const reply = await chrome.runtime.sendMessage({ type: 'engine.connect', target: 'safepost-offscreen' });
    if (!reply || reply.type !== 'engine.connecting') asked = 'no engine page answered';
  } catch (e) {
    asked = String((e && e.message) || e);
  }
  const port = await gotPort;
  if (!port) {
    if (waitingForChannel) waitingForChannel(null);
    throw new EngineGone(`the SafePost text engine is not there: ${asked || 'it did not connect'}`);
  }
  const channel = await Promise.race([gotChannel, new Promise((r) => setTimeout(() => r(null), CHANNEL_MS))]);
  if (!channel && waitingForChannel) waitingForChannel(null);
  return makeConnection(port, channel);
}

/** The connection to the engine, opened once per service-worker life. */
export function engineConnection() {
  if (!connection) {
    const p = connect().then((c) => {
      if (connection === p) connection = c; // keep the settled object, so close() can clear it
      return c;
    });
    connection = p;
    p.catch(() => {
      if (connection === p) connection = null;
    });
  }
  return Promise.resolve(connection);
}

let panicNext = false;
/** Test hook (service-worker console only): the next remote check panics in Rust. */
export function panicNextRemoteCheck() {
  panicNext = true;
}

/**
 * One text check in the engine: `{findings, ms}`. A closed or crashed engine
 * document is re-created and the check retried once; any other failure
 * (a panic, a hang, a second loss) throws, and the router answers
 * `unavailable`.
 */
export async function analyzeRemote(text, context, options) {
  const panic = panicNext;
  panicNext = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const c = await engineConnection();
      const r = await c.call({ type: 'analyze', text, context, options, panic });
      if (!r.ok) {
        const reason = r.error || 'the SafePost text engine failed';
        throw r.gone ? new EngineGone(reason) : new Error(reason); // a crashed engine Worker: retry on a new one
      }
      return { findings: Array.isArray(r.findings) ? r.findings : [], ms: r.ms };
    } catch (e) {
      if (!(e instanceof EngineGone) || attempt >= 1) throw e;
    }
  }
}
