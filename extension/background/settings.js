// Effective settings: the organisation's managed policy (chrome.storage.managed)
// over the user's own choices (chrome.storage.local "settings") over defaults.
// First version: merges without schema validation. The clinic-IT issue owns
// this file and adds validation, `locked` and `notices` (docs/architecture.md).

export const DEFAULTS = Object.freeze({
  enforcement: { absolute: 'confirm', relative: 'warn' },
  checks: { identifiers: true, patient_story: true, advice: true, photos: true },
  allowlist: [],
  orgPatterns: [],
  extraSites: [],
  allowOverride: true,
  orgName: '',
  supportUrl: '',
  showReach: true,
  locked: [],
  notices: [],
});

function clone(v) {
  return JSON.parse(JSON.stringify(v));
}

async function readManaged() {
  try {
    return (await chrome.storage.managed.get(null)) || {};
  } catch (_e) {
    return {}; // Firefox throws when no policy exists
  }
}

async function readLocal() {
  try {
    const { settings } = await chrome.storage.local.get('settings');
    return settings && typeof settings === 'object' ? settings : {};
  } catch (_e) {
    return {};
  }
}

export async function getEffectiveSettings() {
  const out = clone(DEFAULTS);
  const local = await readLocal();
  const managed = await readManaged();
  for (const src of [local, managed]) {
    for (const [k, v] of Object.entries(src)) {
      if (!(k in out) || k === 'locked' || k === 'notices') continue;
      out[k] = typeof out[k] === 'object' && !Array.isArray(out[k]) && v && typeof v === 'object' ? { ...out[k], ...v } : v;
    }
  }
  out.locked = Object.keys(managed).filter((k) => k in DEFAULTS);
  return out;
}

const listeners = new Set();
export function onSettingsChanged(cb) {
  listeners.add(cb);
}

chrome.storage.onChanged.addListener(async (changes, area) => {
  if (area === 'managed' || (area === 'local' && 'settings' in changes)) {
    const s = await getEffectiveSettings();
    for (const cb of listeners) cb(s);
  }
});
