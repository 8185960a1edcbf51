// A small raw Chrome DevTools Protocol client over the browser's debugging
// WebSocket, independent of Playwright's own connection.
//
// Why raw CDP: Playwright gives CDP sessions for pages only. To prove the
// extension makes no network request we must watch every target the
// extension can run in (its service worker, offscreen documents, extension
// pages, and the pages its content scripts live in), including targets that
// start later (a service worker waking up). Browser-level Target.setAutoAttach
// with flatten:true does that; each attached target gets Network.enable
// before it is allowed to run (waitForDebuggerOnStart), so even a worker's
// first request is seen.
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';

/** Reads the DevTools WebSocket URL Chromium wrote into its profile dir. */
export async function devtoolsUrl(profileDir, timeoutMs = 15000) {
  const file = path.join(profileDir, 'DevToolsActivePort');
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const [port, wsPath] = fs.readFileSync(file, 'utf8').trim().split('\n');
      if (port && wsPath) return `ws://127.0.0.1:${port}${wsPath}`;
    } catch { /* not written yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Chromium did not write ${file}`);
}

export class CdpClient {
  static async connect(url) {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    return new CdpClient(ws);
  }

  constructor(ws) {
    this.ws = ws;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    ws.on('message', (data) => {
      let msg;
      try { msg = JSON.parse(data.toString()); } catch { return; }
      if (msg.id && this.pending.has(msg.id)) {
        const { resolve, reject, method } = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
        else resolve(msg.result);
      } else if (msg.method) {
        for (const l of this.listeners) {
          try { l(msg); } catch (e) { console.error('cdp listener', e); }
        }
      }
    });
    ws.on('close', () => {
      for (const { reject, method } of this.pending.values()) reject(new Error(`${method}: connection closed`));
      this.pending.clear();
    });
  }

  /** Sends a command (to a flattened child session when sessionId is given). */
  send(method, params = {}, sessionId) {
    if (this.ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error(`${method}: connection closed`));
    const id = this.nextId++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.ws.send(JSON.stringify(msg));
    });
  }

  /** Subscribes to every event ({method, params, sessionId}); returns an unsubscribe function. */
  onEvent(fn) { this.listeners.add(fn); return () => this.listeners.delete(fn); }

  close() { try { this.ws.close(); } catch { /* already closed */ } }
}

const LOCAL_SCHEMES = /^(chrome-extension|data|blob|about|chrome|devtools):/;

/**
 * Records every network request in every target of the browser.
 *
 * `requests` entries: {url, method, type, targetType, targetUrl, initiatorUrls}.
 * `extensionRequests(id)` keeps the ones that left the machine or the page's
 * origin on the extension's behalf: made by an extension target
 * (chrome-extension://id/...), or made in a page with the extension's code on
 * the initiator stack. Loads of the extension's own files
 * (chrome-extension:// URLs) and data:/blob: URLs are not network requests.
 */
export class NetworkWatcher {
  static async start(cdp) {
    const w = new NetworkWatcher(cdp);
    await w.init();
    return w;
  }

  constructor(cdp) {
    this.cdp = cdp;
    this.requests = [];
    this.sockets = [];
    this.targets = new Map(); // sessionId → targetInfo
  }

  async init() {
    this.off = this.cdp.onEvent((m) => this.onEvent(m));
    await this.cdp.send('Target.setDiscoverTargets', { discover: true });
    await this.cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
    // Already-running targets are not auto-attached by the browser session; attach them now.
    const { targetInfos } = await this.cdp.send('Target.getTargets');
    for (const t of targetInfos) {
      if (['page', 'service_worker', 'background_page', 'shared_worker', 'worker', 'iframe', 'other'].includes(t.type) && !t.attached) {
        await this.cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: true }).catch(() => {});
      }
    }
  }

  async onEvent({ method, params, sessionId }) {
    if (method === 'Target.attachedToTarget') {
      const child = params.sessionId;
      this.targets.set(child, params.targetInfo);
      try {
        await this.cdp.send('Network.enable', {}, child).catch(() => {});
        await this.cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, child).catch(() => {});
      } finally {
        if (params.waitingForDebugger) await this.cdp.send('Runtime.runIfWaitingForDebugger', {}, child).catch(() => {});
      }
      return;
    }
    if (method === 'Target.detachedFromTarget') { return; }
    if (method === 'Target.targetInfoChanged') {
      for (const [sid, info] of this.targets) if (info.targetId === params.targetInfo.targetId) this.targets.set(sid, params.targetInfo);
      return;
    }
    const target = this.targets.get(sessionId) ?? { type: 'browser', url: '' };
    if (method === 'Network.requestWillBeSent') {
      this.requests.push({
        url: params.request.url,
        method: params.request.method,
        type: params.type,
        targetType: target.type,
        targetUrl: target.url,
        initiatorUrls: initiatorUrls(params.initiator),
      });
    } else if (method === 'Network.webSocketCreated' || method === 'Network.webTransportCreated') {
      this.sockets.push({ url: params.url, targetType: target.type, targetUrl: target.url,
        initiatorUrls: initiatorUrls(params.initiator) });
    }
  }

  /** Requests (and sockets) made by or on behalf of the extension with this ID. */
  extensionRequests(extensionId) {
    const origin = `chrome-extension://${extensionId}/`;
    return [...this.requests, ...this.sockets].filter((r) => {
      if (LOCAL_SCHEMES.test(r.url)) return false;
      return r.targetUrl.startsWith(origin) || r.initiatorUrls.some((u) => u.startsWith(origin));
    });
  }

  /** Every request that is not a chrome-extension:, data: or blob: load. */
  networkRequests() {
    return [...this.requests, ...this.sockets].filter((r) => !LOCAL_SCHEMES.test(r.url));
  }

  stop() { this.off?.(); }
}

function initiatorUrls(initiator) {
  const urls = [];
  if (!initiator) return urls;
  if (initiator.url) urls.push(initiator.url);
  for (let st = initiator.stack; st; st = st.parent) for (const f of st.callFrames ?? []) urls.push(f.url);
  return urls;
}

/** Lists the extension's running service-worker targets. */
export async function extensionWorkers(cdp, extensionId) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
}

/**
 * Stops the extension's service worker the way Chrome does when it idles it
 * out (the worker's target is closed, its global state is gone) and waits
 * until no worker of the extension is running.
 */
export async function stopServiceWorker(cdp, extensionId, timeoutMs = 10000) {
  const workers = await extensionWorkers(cdp, extensionId);
  for (const w of workers) await cdp.send('Target.closeTarget', { targetId: w.targetId }).catch(() => {});
  const end = Date.now() + timeoutMs;
  let closedAt = Date.now();
  while (Date.now() < end) {
    const running = await extensionWorkers(cdp, extensionId);
    if (running.length === 0) return workers.length;
    // Under load a close can be lost, or a message in flight (a content
    // script's port reconnecting) starts the worker again at once: after a
    // second, close whatever is running now.
    if (Date.now() - closedAt > 1000) {
      for (const w of running) await cdp.send('Target.closeTarget', { targetId: w.targetId }).catch(() => {});
      closedAt = Date.now();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the extension service worker did not stop');
}
