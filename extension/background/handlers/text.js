// Service-worker handler for the text checks (`text.analyze`) and the
// popup's draft summary (`draft.latest`).
//
// `text.analyze` runs on every debounced keystroke, so the effective
// settings are cached here (refreshed on every settings change) and sent,
// as analyser options, with every check; the WASM side caches the
// configured analyser until the options change.
//
// Where the check runs: in Chrome/Edge, in the offscreen text engine
// (../text-engine.js), which stays warm while this worker sleeps; where
// there is no chrome.offscreen (Firefox), in this worker's own core.
// The draft summary keeps counts and categories only, never text, in
// chrome.storage.session (per tab, cleared when the tab closes).

import { getEffectiveSettings, onSettingsChanged } from '../settings.js';
import { analyzeRemote, remoteEngineAvailable } from '../text-engine.js';
import { analyzeWith } from '../../offscreen/text-analysis.js';

/** True when text checks run in the offscreen engine, so the router need not
 *  load this worker's own core for them. */
export const TEXT_ENGINE_REMOTE = remoteEngineAvailable();

/** Largest draft analysed, in UTF-16 code units; longer text is analysed in
 *  its first part and the reply says so (a 100 KB paste stays responsive). */
export const MAX_TEXT = 200_000;

let settingsPromise = null;
onSettingsChanged((s) => {
  settingsPromise = Promise.resolve(s);
});

function currentSettings() {
  if (!settingsPromise) {
    settingsPromise = getEffectiveSettings().catch((e) => {
      settingsPromise = null;
      throw e;
    });
  }
  return settingsPromise;
}

/** The options the core's analyser takes, from the effective settings. */
export function analyzerOptions(settings) {
  const checks = (settings && settings.checks) || {};
  return {
    allowlist: Array.isArray(settings.allowlist) ? settings.allowlist.filter((s) => typeof s === 'string') : [],
    orgPatterns: Array.isArray(settings.orgPatterns)
      ? settings.orgPatterns.filter((p) => p && typeof p.pattern === 'string')
      : [],
    checks: {
      identifiers: checks.identifiers !== false,
      patient_story: checks.patient_story !== false,
      advice: checks.advice !== false,
    },
  };
}

function cleanContext(context) {
  const c = context && typeof context === 'object' ? context : {};
  const str = (v) => (typeof v === 'string' && v ? v.slice(0, 5000) : undefined);
  return { platform: str(c.platform), kind: str(c.kind), reply_to: str(c.reply_to) };
}

export async function handleText(message, core, sender) {
  switch (message.type) {
    case 'text.analyze':
      return analyze(message, core, sender);
    case 'draft.latest':
      return { type: 'draft.latest', draft: await latestDraft(message) };
    case 'draft.clear':
      await forgetTab(sender && sender.tab && sender.tab.id);
      return { type: 'ok' };
    default:
      return { type: 'error', reason: `unknown text message ${message.type}` };
  }
}

async function analyze(message, core, sender) {
  if (!TEXT_ENGINE_REMOTE && !core) throw new Error('the SafePost core is not loaded');
  const full = typeof message.text === 'string' ? message.text : '';
  const text = full.length > MAX_TEXT ? full.slice(0, MAX_TEXT) : full;
  const context = cleanContext(message.context);
  const options = analyzerOptions(await currentSettings());
  const { findings, ms } = TEXT_ENGINE_REMOTE
    ? await analyzeRemote(text, context, options)
    : analyzeWith(core, text, context, options);
  recordDraft(sender, context.platform, findings);
  const reply = { type: 'text.result', id: message.id, findings, ms };
  if (text.length < full.length) reply.truncatedAt = text.length;
  return reply;
}

// ---- draft summary for the popup ----

const lastByTab = new Map(); // tabId → summary JSON, to skip identical writes

function summary(platform, findings) {
  const categories = [...new Set(findings.map((f) => f.category))].sort();
  return {
    platform: platform || null,
    absolute: findings.filter((f) => f.severity === 'absolute').length,
    relative: findings.filter((f) => f.severity === 'relative').length,
    categories,
  };
}

function recordDraft(sender, platform, findings) {
  const tabId = sender && sender.tab && sender.tab.id;
  if (typeof tabId !== 'number' || !chrome.storage || !chrome.storage.session) return;
  const s = summary(platform, findings);
  const key = JSON.stringify(s);
  if (lastByTab.get(tabId) === key) return;
  lastByTab.set(tabId, key);
  const draft = { ...s, at: Date.now() };
  chrome.storage.session.set({ [`draft:${tabId}`]: draft, 'draft:last': { ...draft, tabId } }).catch(() => {});
}

async function activeTabId() {
  try {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab ? tab.id : undefined;
  } catch (_e) {
    return undefined;
  }
}

async function latestDraft(message) {
  if (!chrome.storage || !chrome.storage.session) return null;
  const tabId = typeof message.tabId === 'number' ? message.tabId : await activeTabId();
  const keys = ['draft:last'];
  if (typeof tabId === 'number') keys.push(`draft:${tabId}`);
  const got = await chrome.storage.session.get(keys);
  const d = (typeof tabId === 'number' && got[`draft:${tabId}`]) || got['draft:last'] || null;
  if (!d) return null;
  const { platform, absolute, relative, categories, at } = d;
  return { platform, absolute, relative, categories, at };
}

/** Drop a closed tab's summary. */
export async function forgetTab(tabId) {
  if (typeof tabId !== 'number') return;
  lastByTab.delete(tabId);
  try {
    await chrome.storage.session.remove(`draft:${tabId}`);
  } catch (_e) {
    // storage.session is unavailable (older browser); nothing was stored
  }
}
