// Launches Debian's Chromium (headless) with an unpacked extension loaded,
// pointed at the local fixture server under the real hostnames.
//
// Everything a launch creates (profile dir, managed-policy file, browser,
// CDP connection) is removed by close(), and also on process exit, so a
// failing test cannot leave a browser or temp dir behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CdpClient, NetworkWatcher, devtoolsUrl, extensionWorkers, stopServiceWorker } from './cdp.mjs';
import { EXTENSION_DIR } from './fixtures.mjs';
import { HOSTS } from './sites.mjs';

export const CHROMIUM = process.env.SAFEPOST_CHROMIUM || '/usr/bin/chromium';
/** Chromium reads machine policy (incl. extension managed storage) from here on Linux. */
export const POLICY_DIR = '/etc/chromium/policies/managed';
/** The shipped extension's ID, fixed by the manifest `key`. */
export const SAFEPOST_ID = 'madndafdnoegajbkjcmadfbmdnlmhmpb';

const live = new Set();
process.once('exit', () => { for (const h of live) h.cleanupSync(); });

let policyCounter = 0;

/**
 * @param {object} opts
 * @param {string} [opts.extensionDir] unpacked extension to load (default: EXTENSION_DIR = the repo root)
 * @param {boolean} [opts.withExtension=true] false launches the same browser without any extension
 * @param {boolean} [opts.headless=true]
 * @param {{port:number}} [opts.server] fixture server from startServer(); maps HOSTS to it
 * @param {object} [opts.policy] managed settings for the extension (wrapped as 3rdparty.extensions[id])
 * @param {string} [opts.policyFile] a complete Chromium policy JSON file to install as is
 * @param {string} [opts.policyExtensionId] ID the `policy` is for (default SAFEPOST_ID)
 * @param {boolean} [opts.watchNetwork=true] start a NetworkWatcher before any page opens
 * @param {string[]} [opts.args] extra Chromium flags
 */
export async function launchWithExtension(opts = {}) {
  // Chromium 156 now and then (about 1 launch in 10 here, under heavy load)
  // installs an unpacked extension but never registers its service worker
  // in a fresh profile. One fresh relaunch fixes it; a real load error fails
  // both attempts and is reported.
  try {
    return await launchOnce(opts);
  } catch (e) {
    if (!(e instanceof ServiceWorkerMissing)) throw e;
    return launchOnce(opts);
  }
}

class ServiceWorkerMissing extends Error {}

async function launchOnce(opts) {
  const {
    extensionDir = EXTENSION_DIR, withExtension = true, headless = !process.env.SAFEPOST_E2E_HEADED, server, policy, policyFile,
    policyExtensionId = SAFEPOST_ID, watchNetwork = true, args = [],
  } = opts;
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safepost-profile-'));
  const handle = {
    profileDir, context: null, cdp: null, network: null, extensionId: null, policyPath: null,
    cleanupSync() {
      if (this.policyPath) { fs.rmSync(this.policyPath, { force: true }); this.policyPath = null; }
      fs.rmSync(profileDir, { recursive: true, force: true });
      live.delete(this);
    },
  };
  live.add(handle);
  try {
    if (policy || policyFile) {
      fs.mkdirSync(POLICY_DIR, { recursive: true });
      handle.policyPath = path.join(POLICY_DIR, `safepost-e2e-${process.pid}-${policyCounter++}.json`);
      const body = policyFile ? fs.readFileSync(policyFile, 'utf8')
        : JSON.stringify({ '3rdparty': { extensions: { [policyExtensionId]: policy } } });
      fs.writeFileSync(handle.policyPath, body);
    }
    const flags = [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--no-default-browser-check', '--ignore-certificate-errors',
      '--remote-debugging-port=0', ...args,
    ];
    if (server) {
      const rules = HOSTS.map((h) => `MAP ${h} 127.0.0.1:${server.port}`);
      rules.push('MAP * ~NOTFOUND'); // nothing may leave the machine, whatever it is
      flags.push(`--host-resolver-rules=${rules.join(', ')}`);
    }
    if (withExtension) flags.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
    handle.browserLog = [];
    handle.context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      // Chromium's own stderr: the only place an unpacked extension's load error is told.
      logger: { isEnabled: (name) => name === 'browser', log: (_n, _s, msg) => { handle.browserLog.push(String(msg)); } },
      headless,
      args: flags,
      ignoreDefaultArgs: withExtension ? ['--disable-extensions'] : [],
      ignoreHTTPSErrors: true,
      viewport: { width: 1000, height: 800 },
    });
    handle.cdp = await CdpClient.connect(await devtoolsUrl(profileDir));
    if (watchNetwork) handle.network = await NetworkWatcher.start(handle.cdp);
    if (withExtension) {
      handle.extensionId = await waitForExtensionId(handle, extensionDir);
    }
  } catch (e) {
    await closeHandle(handle);
    throw e;
  }
  handle.close = () => closeHandle(handle);
  /** The extension's current service worker (Playwright Worker), waiting for it to (re)start. */
  handle.serviceWorker = async (timeout = 15000) => {
    const mine = () => handle.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${handle.extensionId}/`));
    return mine() ?? handle.context.waitForEvent('serviceworker', {
      timeout, predicate: (w) => w.url().startsWith(`chrome-extension://${handle.extensionId}/`),
    });
  };
  /** Stops the extension's service worker (as Chrome's idle timeout would). */
  handle.stopServiceWorker = () => stopServiceWorker(handle.cdp, handle.extensionId);
  /** Is a service worker of the extension running right now? */
  handle.serviceWorkerRunning = async () => (await extensionWorkers(handle.cdp, handle.extensionId)).length > 0;
  return handle;
}

/**
 * The loaded extension's ID, from its service worker as Playwright or CDP
 * sees it (whichever first). An unpacked extension that fails to load says
 * why only on Chromium's stderr (often not at all when headless), so the
 * error lists what Chromium said and the usual causes.
 */
async function waitForExtensionId(handle, extensionDir, timeoutMs = Number(process.env.SAFEPOST_E2E_SW_TIMEOUT_MS || 12000)) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const sw = handle.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (sw) return new URL(sw.url()).host;
    const { targetInfos } = await handle.cdp.send('Target.getTargets');
    const t = targetInfos.find((x) => x.type === 'service_worker' && x.url.startsWith('chrome-extension://'));
    if (t) return new URL(t.url).host;
    await new Promise((r) => setTimeout(r, 100));
  }
  const why = handle.browserLog.filter((l) => /extension|manifest|service.?worker/i.test(l)).slice(-8);
  throw new ServiceWorkerMissing(`the extension in ${extensionDir} did not start a service worker within ${timeoutMs / 1000} s `
    + '(a file the manifest names is missing, e.g. the popup or options page, or the worker script threw)'
    + (why.length ? `; Chromium said:\n${why.join('\n')}` : ''));
}

async function closeHandle(handle) {
  try { handle.network?.stop(); } catch { /* ignore */ }
  try { handle.cdp?.close(); } catch { /* ignore */ }
  if (handle.context) {
    await Promise.race([handle.context.close().catch(() => {}), new Promise((r) => setTimeout(r, 10000))]);
  }
  handle.cleanupSync();
}
