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
const ENGINE_URL = chrome.runtime.getURL(ENGINE_PATH);
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

// ---- the Port from the offscreen page ----

let connection = null; // Promise<Connection>, for this worker's life
let waitingForPort = null; // resolve(port) while a connect is under way

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

function makeConnection(port) {
  const pending = new Map(); // id → {resolve, reject, timer}
  let nextId = 1;
  let open = true;
  port.onMessage.addListener((r) => {
    const entry = r && pending.get(r.id);
    if (!entry) return;
    pending.delete(r.id);
    clearTimeout(entry.timer);
    entry.resolve(r);
  });
  port.onDisconnect.addListener(() => {
    void chrome.runtime.lastError;
    open = false;
    if (connection && connection.port === port) connection = null;
    for (const [id, entry] of pending) {
      pending.delete(id);
      clearTimeout(entry.timer);
      entry.reject(new EngineGone('the SafePost text engine closed'));
    }
  });
  return {
    port,
    call(request) {
      if (!open) return Promise.reject(new EngineGone('the SafePost text engine closed'));
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error('the SafePost text engine did not answer in time'));
        }, CALL_MS);
        pending.set(id, { resolve, reject, timer });
        try {
          port.postMessage({ ...request, id });
        } catch (_e) {
          pending.delete(id);
          clearTimeout(timer);
          reject(new EngineGone('the SafePost text engine closed'));
        }
      });
    },
  };
}

async function connect() {
  await ensureEngineDocument();
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waitingForPort = null;
      reject(new EngineGone('the SafePost text engine did not connect'));
    }, CONNECT_MS);
    waitingForPort = (p) => {
      clearTimeout(timer);
      waitingForPort = null;
      resolve(p);
    };
    chrome.runtime
      .sendMessage({ type: 'engine.connect', target: 'safepost-offscreen' })
      .then((reply) => {
        if (!reply || reply.type !== 'engine.connecting') throw new Error('no engine page answered');
      })
      .catch((e) => {
        if (!waitingForPort) return; // the port arrived anyway
        clearTimeout(timer);
        waitingForPort = null;
        reject(new EngineGone(`the SafePost text engine is not there: ${(e && e.message) || e}`));
      });
  });
  return makeConnection(port);
}

/** The connection to the engine, opened once per service-worker life. */
export function engineConnection() {
  if (!connection) {
    const p = connect().then((c) => {
      if (connection === p) connection = c; // keep the settled object, so onDisconnect can clear it
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
