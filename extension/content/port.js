// SafePost content script 1/8: the connection to the service worker.
//
// One long-lived Port per frame. Requests carry an `id`; the reply echoes
// it. When the worker was put to sleep, the next request re-opens the port
// (which wakes the worker) and requests still waiting on a port that dropped
// are re-sent on the new one, so no keystroke's check is lost. There is no
// keep-alive polling: an idle tab holds no worker awake.
(() => {
  'use strict';
  const NS = (globalThis.__safepostContent ||= {});
  if (NS.port) return; // already loaded in this frame
  NS.startedAt = performance.now(); // main.js reports the content scripts' start-up time

  const TIMEOUT_MS = 15000;
  const MAX_SENDS = 3; // per request: first send plus two re-sends after disconnects

  let port = null;
  let nextId = 1;
  let dead = false; // the extension was reloaded or removed: this script is orphaned
  const pending = new Map(); // id → {msg, resolve, timer, sends}
  const pushListeners = new Set();

  function unavailable(reason) {
    return { type: 'unavailable', reason };
  }

  function settle(id, reply) {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(reply);
  }

  function extensionAlive() {
    try {
      return Boolean(chrome.runtime && chrome.runtime.id);
    } catch (_e) {
      return false;
    }
  }

  function becomeDead() {
    dead = true;
    for (const id of [...pending.keys()]) {
      settle(id, unavailable('SafePost was updated or turned off; reload the page to check again'));
    }
    if (NS.onDead) NS.onDead();
  }

  function open() {
    if (dead) return null;
    if (!extensionAlive()) {
      becomeDead();
      return null;
    }
    let p;
    try {
      p = chrome.runtime.connect({ name: 'safepost' });
    } catch (_e) {
      becomeDead();
      return null;
    }
    port = p;
    p.onMessage.addListener((m) => {
      if (!m || typeof m !== 'object') return;
      if (m.type === 'settings.changed') {
        for (const cb of pushListeners) cb(m);
        return;
      }
      if (m.id !== undefined) settle(m.id, m);
    });
    p.onDisconnect.addListener(() => {
      void chrome.runtime.lastError; // read it so Chrome does not log it as unchecked
      if (port === p) port = null;
      if (!extensionAlive()) {
        becomeDead();
        return;
      }
      // The worker went to sleep or restarted: re-send what is still waiting.
      if (pending.size) {
        for (const [id, entry] of pending) {
          if (entry.sends >= MAX_SENDS) settle(id, unavailable('SafePost stopped answering'));
        }
        for (const entry of pending.values()) send(entry);
      }
    });
    return p;
  }

  function send(entry) {
    entry.sends += 1;
    for (let attempt = 0; attempt < 2; attempt++) {
      const p = port || open();
      if (!p) return;
      try {
        p.postMessage(entry.msg);
        return;
      } catch (_e) {
        port = null; // disconnected between our check and the post: open a new one
      }
    }
  }

  /** Send a request to the service worker; resolves with its reply, or with
   *  `{type:'unavailable', reason}` — never rejects. */
  function request(msg) {
    return new Promise((resolve) => {
      if (dead) {
        resolve(unavailable('SafePost was updated or turned off; reload the page to check again'));
        return;
      }
      const id = nextId++;
      const entry = { msg: { ...msg, id }, resolve, sends: 0, timer: 0 };
      entry.timer = setTimeout(() => settle(id, unavailable('SafePost did not answer in time')), TIMEOUT_MS);
      pending.set(id, entry);
      send(entry);
    });
  }

  NS.port = {
    request,
    onPush(cb) {
      pushListeners.add(cb);
    },
    isDead: () => dead,
  };
})();
