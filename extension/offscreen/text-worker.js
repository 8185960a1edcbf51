// The text engine: a dedicated Worker started by the offscreen document
// (engine.js). It instantiates the WASM core once and keeps it, with its
// compiled patterns, for the life of the browser session, so a service
// worker that Chrome put to sleep relays the next keystroke's check to a
// warm engine instead of compiling ~150 patterns again (issue 3).
//
// Protocol (postMessage from engine.js, or on a MessagePort it attached):
//   {id, type:'analyze', text, context, options, panic?} →
//   {id, ok:true, findings, ms} | {id, ok:false, error}
// `panic` (test hook, set only from the service worker's console) makes the
// check hit a real Rust panic first.
import initCore, * as wasm from '../pkg/safepost.js';
import { analyzeWith, prepareCore, resetCore, warmUp } from './text-analysis.js';

const WASM_URL = new URL('../pkg/safepost_bg.wasm', import.meta.url);

let corePromise = null;

function getCore() {
  if (!corePromise) {
    corePromise = initCore({ module_or_path: WASM_URL })
      .then(() => prepareCore(wasm))
      .then(() => warmUp(wasm))
      .catch((e) => {
        corePromise = null; // the next request tries again
        throw e;
      });
  }
  return corePromise;
}

function recover() {
  if (!corePromise) return;
  corePromise.then((core) => {
    if (!resetCore(core)) corePromise = null;
  }).catch(() => {});
}

function errorText(e) {
  return String((e && e.message) || e || 'unknown error').slice(0, 300);
}

/** Runs one check and answers through `reply`. */
async function handle(m, reply) {
  if (!m || m.type !== 'analyze') return;
  let core;
  try {
    core = await getCore();
  } catch (e) {
    reply({ id: m.id, ok: false, error: `the SafePost core did not load: ${errorText(e)}` });
    return;
  }
  try {
    if (m.panic) core.debug_panic();
    const { findings, ms } = analyzeWith(core, m.text, m.context, m.options);
    reply({ id: m.id, ok: true, findings, ms });
  } catch (e) {
    recover();
    reply({ id: m.id, ok: false, error: errorText(e) });
  }
}

// From engine.js: checks relayed by the page, or `{type:'attach'}` with a
// MessagePort whose other end the service worker holds (checks then come
// straight from it: one thread hop each way, no browser-process IPC).
// Only the current service worker's channel is kept: a new one means the
// previous worker life ended (or closed its end).
let attached = null;
self.onmessage = (event) => {
  const m = event.data;
  if (m && m.type === 'attach' && event.ports[0]) {
    if (attached) attached.close();
    const port = event.ports[0];
    attached = port;
    port.onmessage = (e) => handle(e.data, (r) => port.postMessage(r));
    return;
  }
  handle(m, (r) => self.postMessage(r));
};

getCore().catch((e) => console.warn('SafePost: text engine failed to load', e));
