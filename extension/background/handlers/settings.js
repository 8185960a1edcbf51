// settings.* messages: the effective settings for content scripts and
// extension pages, and the settings.changed push when the organisation's
// policy or the user's choices change.
//
// The router calls handleSettings(message, core, sender). The first call
// with a core plugs the Rust core's pattern check (linear-time regex
// compile) into settings.js, so organisation patterns are judged by the same
// engine that runs them; if that changes the result, listeners are told.

import {
  getEffectiveSettings,
  notifySettingsChanged,
  onSettingsChanged,
  setPatternValidator,
} from '../settings.js';

let pushInstalled = false;

/**
 * Sends settings.changed to extension pages (options, popup) that listen
 * with chrome.runtime.onMessage; content-script ports get it from the router
 * (subscribe with onSettingsChanged, or pushSettingsTo below).
 */
function installPagePush() {
  if (pushInstalled || !globalThis.chrome?.runtime?.sendMessage) return;
  pushInstalled = true;
  onSettingsChanged((settings) => {
    try {
      const p = chrome.runtime.sendMessage({ type: 'settings.changed', settings });
      if (p && typeof p.catch === 'function') p.catch(() => {}); // no page open: nobody listens
    } catch (_e) {
      // no receiver
    }
  });
}

let pluggedCore = null;

/** Plugs a (new) core's pattern check in once per core instance; true when it changed. */
function pluginCore(core) {
  if (!core || core === pluggedCore || typeof core.validate_org_pattern !== 'function') return false;
  pluggedCore = core;
  return setPatternValidator((name, pattern, category) => core.validate_org_pattern(name, pattern, category));
}

/** Forwards every settings change to a content-script port until it disconnects. */
export function pushSettingsTo(port) {
  const off = onSettingsChanged((settings) => {
    try {
      port.postMessage({ type: 'settings.changed', settings });
    } catch (_e) {
      off();
    }
  });
  port.onDisconnect?.addListener(() => off());
  return off;
}

export async function handleSettings(message, core, _sender) {
  installPagePush();
  if (pluginCore(core)) {
    // Patterns are now judged by the Rust engine: re-read and tell listeners if it differs.
    notifySettingsChanged().catch(() => {});
  }
  switch (message && message.type) {
    case 'settings.get':
      return { type: 'settings', id: message.id, settings: await getEffectiveSettings() };
    default:
      throw new Error(`unknown settings message ${message && message.type}`);
  }
}

installPagePush();
