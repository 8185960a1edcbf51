// Effective settings: the organisation's managed policy (chrome.storage.managed)
// over the user's own choices (chrome.storage.local "settings") over defaults.
//
// Every value is checked here, setting by setting, because Chrome's schema
// check (extension/managed_schema.json) only knows JSON types: a managed value
// with the right type but a bad value (a typo'd level, a look-around regex, a
// javascript: link) reaches us, and we must neither crash nor fall back to a
// weaker user choice. Such a value is ignored, a notice {setting, message}
// names it for the options page, and the SAFEST value is used instead:
//
//   enforcement.*  -> 'block'  (the strictest level)
//   checks.*       -> true     (the check keeps running)
//   allowOverride  -> false    (clinicians cannot dismiss findings)
//   allowlist      -> bad entries dropped (nothing is exempted by mistake)
//   orgPatterns    -> bad entries dropped, the valid ones still run
//   extraSites     -> bad entries dropped, the valid ones are still watched
//   orgName, supportUrl -> ''  (nothing unverified is shown on cards)
//   showReach, showReachBadge -> false    (when in doubt, show less)
//
// A managed setting (even a bad one) is "locked": the user's local choice for
// it is ignored and the options page disables it. The allowlist combines: the
// organisation's entries plus the user's own, the latter only while users may
// override (allowOverride true); with allowOverride false only the
// organisation's entries count and "allowlist" is locked too.
//
// This module has no side effects at import beyond one storage listener, so
// its pure part (resolveSettings) is unit-tested in Node.

export const LEVELS = Object.freeze(['warn', 'confirm', 'block']);

/** Identifier categories an organisation pattern may report as (the Rust core's snake_case names). */
export const PATTERN_CATEGORIES = Object.freeze([
  'name', 'location', 'date', 'age', 'phone', 'fax', 'email', 'url', 'ip', 'handle', 'ssn',
  'mrn', 'health_plan', 'account', 'license', 'vehicle', 'device', 'biometric', 'other_id',
]);

/** Size limits, the same as the Rust policy validator's (src/policy/rules.rs). */
export const LIMITS = Object.freeze({
  allowlistEntries: 500,
  allowlistEntryChars: 200,
  orgPatterns: 50,
  patternBytes: 512,
  patternNameChars: 80,
  extraSites: 50,
  extraSiteChars: 200,
  orgNameChars: 100,
  supportUrlChars: 2048,
});

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
  showReachBadge: true,
  locked: [],
  notices: [],
});

/** Keys that are computed, not settable (not in the managed schema). */
const COMPUTED = new Set(['locked', 'notices']);

function clone(v) {
  return JSON.parse(JSON.stringify(v));
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v) {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch (_e) {
    return String(v);
  }
}

function utf8Length(s) {
  return new TextEncoder().encode(s).length;
}

// --- organisation patterns --------------------------------------------------

/**
 * Why a pattern cannot run, or '' when it can. The Rust core (regex crate,
 * linear-time) is the authority; this mirrors its rules so a bad pattern is
 * reported here too: no look-around or back-references (the engine rejects
 * them, which is what keeps matching linear-time), a size limit, balanced
 * groups and classes.
 */
export function patternProblem(pattern) {
  if (typeof pattern !== 'string' || pattern.trim() === '') return 'the pattern is empty';
  const bytes = utf8Length(pattern);
  if (bytes > LIMITS.patternBytes) return `the pattern is ${bytes} bytes; at most ${LIMITS.patternBytes} are allowed`;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return 'the pattern ends with a lone backslash';
      if (!inClass && /[1-9]/.test(n)) return 'back-references (\\1 ...) are not supported: they can make matching slow';
      if (!inClass && n === 'k' && pattern[i + 2] === '<') return 'back-references (\\k<name>) are not supported';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++; // a literal ] first in a class
    } else if (c === '(') {
      const rest = pattern.slice(i + 1, i + 4);
      if (rest.startsWith('?=') || rest.startsWith('?!') || rest.startsWith('?<=') || rest.startsWith('?<!')) {
        return 'look-around ((?=, (?!, (?<=, (?<!) is not supported: it can make matching slow';
      }
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth < 0) return 'unbalanced parenthesis ")"';
    }
  }
  if (inClass) return 'unclosed character class "["';
  if (depth !== 0) return 'unclosed group "("';
  return '';
}

let externalPatternCheck = null;

/**
 * Lets the service worker plug in the Rust core's own check (compiles the
 * pattern with the linear-time engine, rejects empty matches). Returns true
 * when the check changed; callers then re-read the settings.
 */
export function setPatternValidator(fn) {
  if (typeof fn !== 'function' || fn === externalPatternCheck) return false;
  externalPatternCheck = fn;
  cache = null;
  return true;
}

function fullPatternProblem(name, pattern, category) {
  const p = patternProblem(pattern);
  if (p || !externalPatternCheck) return p;
  try {
    return externalPatternCheck(name, pattern, category) || '';
  } catch (e) {
    return `the pattern could not be checked (${e && e.message ? e.message : e})`;
  }
}

// --- per-setting validators ---------------------------------------------------
// Each returns {ok:true, value} or {ok:false, message}; list validators return
// the good entries plus one message per dropped entry.

function checkLevel(v) {
  if (typeof v === 'string' && LEVELS.includes(v)) return { ok: true, value: v };
  return { ok: false, message: `${describe(v)} is not one of ${LEVELS.join(', ')}` };
}

function checkBool(v) {
  if (typeof v === 'boolean') return { ok: true, value: v };
  return { ok: false, message: `${describe(v)} is not true or false` };
}

function checkText(maxChars) {
  return (v) => {
    if (typeof v !== 'string') return { ok: false, message: `${describe(v)} is not text` };
    if (v.length > maxChars) return { ok: false, message: `the text is ${v.length} characters; at most ${maxChars} are allowed` };
    if (/[\u0000-\u001f\u007f]/.test(v)) return { ok: false, message: 'the text contains control characters' };
    return { ok: true, value: v.trim() };
  };
}

function checkSupportUrl(v) {
  if (v === '') return { ok: true, value: '' };
  const t = checkText(LIMITS.supportUrlChars)(v);
  if (!t.ok) return t;
  let url;
  try {
    url = new URL(t.value);
  } catch (_e) {
    return { ok: false, message: `${describe(v)} is not a web address` };
  }
  if (url.protocol !== 'https:') return { ok: false, message: `${describe(v)} must start with https://` };
  return { ok: true, value: url.href };
}

/** A Chrome match pattern for a site: https://host/path with an optional leading *. in the host. */
const SITE_PATTERN = /^https:\/\/(\*|(\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)\/[^\s]*$/;

function checkList(v, maxEntries, checkEntry) {
  if (!Array.isArray(v)) return { ok: false, message: `${describe(v)} is not a list`, value: [], problems: [] };
  const value = [];
  const problems = [];
  v.forEach((entry, i) => {
    if (value.length >= maxEntries) {
      if (value.length === maxEntries && i === maxEntries) problems.push(`only the first ${maxEntries} entries are used`);
      return;
    }
    const r = checkEntry(entry);
    if (r.ok) value.push(r.value);
    else problems.push(`entry ${i + 1}: ${r.message}`);
  });
  return { ok: true, value, problems };
}

function checkAllowEntry(e) {
  if (typeof e !== 'string' || e.trim() === '') return { ok: false, message: `${describe(e)} is not a non-empty text` };
  return checkText(LIMITS.allowlistEntryChars)(e);
}

function checkSite(e) {
  if (typeof e !== 'string') return { ok: false, message: `${describe(e)} is not text` };
  const s = e.trim().toLowerCase();
  if (s.length > LIMITS.extraSiteChars || !SITE_PATTERN.test(s)) {
    return { ok: false, message: `${describe(e)} is not an https match pattern like https://forum.example.org/*` };
  }
  return { ok: true, value: s };
}

function checkOrgPattern(e) {
  if (!isPlainObject(e)) return { ok: false, message: `${describe(e)} is not {name, pattern, category}` };
  const name = typeof e.name === 'string' ? e.name.trim() : '';
  if (!name) return { ok: false, message: 'the pattern has no name' };
  if (name.length > LIMITS.patternNameChars) return { ok: false, message: `the name is longer than ${LIMITS.patternNameChars} characters` };
  const category = e.category === undefined || e.category === '' ? 'other_id' : e.category;
  if (!PATTERN_CATEGORIES.includes(category)) {
    return { ok: false, message: `"${name}": category ${describe(e.category)} is not one of ${PATTERN_CATEGORIES.join(', ')}` };
  }
  const problem = fullPatternProblem(name, e.pattern, category);
  if (problem) return { ok: false, message: `"${name}": ${problem}` };
  return { ok: true, value: { name, pattern: e.pattern, category } };
}

/**
 * The settable settings: leaf name → {get(src), check, safest}. Nested
 * settings use dotted names ('enforcement.absolute'), which are also the
 * names in `locked` and `notices`.
 */
const LEAVES = [
  ['enforcement.absolute', checkLevel, 'block'],
  ['enforcement.relative', checkLevel, 'block'],
  ['checks.identifiers', checkBool, true],
  ['checks.patient_story', checkBool, true],
  ['checks.advice', checkBool, true],
  ['checks.photos', checkBool, true],
  ['allowOverride', checkBool, false],
  ['orgName', checkText(LIMITS.orgNameChars), ''],
  ['supportUrl', checkSupportUrl, ''],
  ['showReach', checkBool, false],
  ['showReachBadge', checkBool, false],
];

const LISTS = [
  ['allowlist', LIMITS.allowlistEntries, checkAllowEntry],
  ['orgPatterns', LIMITS.orgPatterns, checkOrgPattern],
  ['extraSites', LIMITS.extraSites, checkSite],
];

/** Every settable setting name, dotted for nested ones (for the options page and tests). */
export const SETTING_NAMES = Object.freeze([...LEAVES.map((l) => l[0]), ...LISTS.map((l) => l[0])]);

function lookup(src, dotted) {
  const [a, b] = dotted.split('.');
  if (!isPlainObject(src) || !(a in src)) return { present: false };
  if (b === undefined) return { present: true, value: src[a] };
  if (!isPlainObject(src[a])) return { present: true, value: src[a], wholeBad: true };
  return b in src[a] ? { present: true, value: src[a][b] } : { present: false };
}

function assign(out, dotted, value) {
  const [a, b] = dotted.split('.');
  if (b === undefined) out[a] = value;
  else out[a][b] = value;
}

/**
 * Pure merge: managed over local over defaults, validated setting by setting.
 * `managed` and `local` are the raw storage objects (anything at all).
 */
export function resolveSettings(managed, local) {
  const m = isPlainObject(managed) ? managed : {};
  const l = isPlainObject(local) ? local : {};
  const out = clone(DEFAULTS);
  const locked = [];
  const notices = [];
  const notice = (setting, message) => notices.push({ setting, message });

  // Unknown managed keys: Chrome drops them, Firefox does not check; say so.
  for (const k of Object.keys(m)) {
    if (!(k in DEFAULTS) || COMPUTED.has(k)) notice(k, 'is not a SafePost setting and was ignored');
  }
  for (const group of ['enforcement', 'checks']) {
    if (isPlainObject(m[group])) {
      for (const k of Object.keys(m[group])) {
        if (!(k in DEFAULTS[group])) notice(`${group}.${k}`, 'is not a SafePost setting and was ignored');
      }
    }
  }

  for (const [name, check, safest] of LEAVES) {
    const mv = lookup(m, name);
    if (mv.present) {
      locked.push(name);
      const r = mv.wholeBad ? { ok: false, message: `${describe(mv.value)} is not a group of settings` } : check(mv.value);
      if (r.ok) assign(out, name, r.value);
      else {
        assign(out, name, safest);
        notice(name, `${r.message}; the organisation's value was ignored and ${describe(safest)} (the safest) is used`);
      }
      continue;
    }
    const lv = lookup(l, name);
    if (lv.present && !lv.wholeBad) {
      const r = check(lv.value);
      if (r.ok) assign(out, name, r.value); // a bad local value keeps the default
    }
  }

  const managedOverride = lookup(m, 'allowOverride').present;
  for (const [name, max, checkEntry] of LISTS) {
    const mv = lookup(m, name);
    let orgValue = null;
    if (mv.present) {
      const r = checkList(mv.value, max, checkEntry);
      if (!r.ok) notice(name, `${r.message}; the organisation's value was ignored`);
      for (const p of r.problems) notice(name, `${p}; this entry was ignored`);
      orgValue = r.value;
    }
    const lv = lookup(l, name);
    const userValue = lv.present ? checkList(lv.value, max, checkEntry).value : [];
    if (name === 'allowlist') {
      const own = out.allowOverride ? userValue : [];
      out.allowlist = [...new Set([...(orgValue || []), ...own])].slice(0, max);
      if (managedOverride && out.allowOverride === false) locked.push('allowlist');
    } else if (orgValue !== null) {
      locked.push(name);
      out[name] = orgValue;
    } else {
      out[name] = userValue;
    }
  }

  out.locked = locked;
  out.notices = notices;
  return out;
}

// --- storage --------------------------------------------------------------------

async function readManaged() {
  try {
    return (await chrome.storage.managed.get(null)) || {};
  } catch (_e) {
    return {}; // Firefox throws when no policy exists; Chrome before policy arrives gives {}
  }
}

async function readLocal() {
  try {
    const { settings } = await chrome.storage.local.get('settings');
    return isPlainObject(settings) ? settings : {};
  } catch (_e) {
    return {};
  }
}

let cache = null;

/** The effective settings (cached until managed or local settings change). */
export async function getEffectiveSettings() {
  if (!cache) {
    cache = Promise.all([readManaged(), readLocal()]).then(([m, l]) => resolveSettings(m, l));
    cache.catch(() => {
      cache = null;
    });
  }
  return clone(await cache);
}

const listeners = new Set();

/** Calls cb(settings) whenever the managed policy or the user's settings change. */
export function onSettingsChanged(cb) {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Re-reads the settings and tells every listener (also after setPatternValidator). */
export async function notifySettingsChanged() {
  cache = null;
  const s = await getEffectiveSettings();
  for (const cb of listeners) {
    try {
      cb(clone(s));
    } catch (_e) {
      // one broken listener must not stop the others
    }
  }
  return s;
}

// Read at start, so the first request is answered from memory.
if (globalThis.chrome?.storage?.managed) getEffectiveSettings().catch(() => {});

if (globalThis.chrome?.storage?.onChanged) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && 'settings' in changes)) notifySettingsChanged();
  });
}

/**
 * Checks one value the user is about to save (options page): the value that
 * would be stored, and the problems to show next to the field. List entries
 * that fail are left out of `value`.
 */
export function checkUserValue(name, value) {
  const leaf = LEAVES.find((l) => l[0] === name);
  if (leaf) {
    const r = leaf[1](value);
    return r.ok ? { value: r.value, problems: [] } : { value: undefined, problems: [r.message] };
  }
  const list = LISTS.find((l) => l[0] === name);
  if (list) {
    const r = checkList(value, list[1], list[2]);
    return { value: r.value, problems: r.ok ? r.problems : [r.message] };
  }
  return { value: undefined, problems: [`${name} is not a SafePost setting`] };
}
