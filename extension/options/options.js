// The options page: every setting, the organisation's locked ones disabled
// with "set by <organisation>", the user's own choices saved to
// chrome.storage.local "settings", and the notices for managed values that
// were malformed and ignored. Text only via textContent / DOM APIs.

import { checkUserValue, PATTERN_CATEGORIES, resolveSettings } from '../background/settings.js';
import { grantedExtraSites } from '../background/extra-sites.js';

const $ = (sel) => document.querySelector(sel);

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function get(obj, dotted) {
  return dotted.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), obj);
}

function setIn(obj, dotted, value) {
  const [a, b] = dotted.split('.');
  if (b === undefined) obj[a] = value;
  else obj[a] = { ...(obj[a] && typeof obj[a] === 'object' ? obj[a] : {}), [b]: value };
}

async function readRaw() {
  let managed = {};
  try {
    managed = (await chrome.storage.managed.get(null)) || {};
  } catch (_e) {
    managed = {}; // Firefox without policy
  }
  const { settings: local } = await chrome.storage.local.get('settings').catch(() => ({}));
  return { managed, local: local && typeof local === 'object' ? local : {} };
}

/**
 * The service worker's view of the settings (it also runs the Rust core's
 * pattern check), or null when it does not answer in time (core still
 * compiling after a cold start, or broken).
 */
async function workerView() {
  try {
    const reply = await Promise.race([
      chrome.runtime.sendMessage({ type: 'settings.get', id: 'options' }),
      new Promise((resolve) => setTimeout(() => resolve(null), 8000)),
    ]);
    if (reply && reply.type === 'settings' && reply.settings) return reply.settings;
  } catch (_e) {
    // no worker answer: keep the page's own merge
  }
  return null;
}

function patternsToText(list) {
  return (list || []).map((p) => `${p.name} | ${p.pattern} | ${p.category || 'other_id'}`).join('\n');
}

function textToPatterns(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const first = line.indexOf('|');
    if (first < 0) return { name: '', pattern: line };
    const name = line.slice(0, first).trim();
    let rest = line.slice(first + 1);
    const last = rest.lastIndexOf('|');
    let category = 'other_id';
    if (last >= 0 && PATTERN_CATEGORIES.includes(rest.slice(last + 1).trim())) {
      category = rest.slice(last + 1).trim();
      rest = rest.slice(0, last);
    }
    return { name, pattern: rest.trim(), category };
  });
}

const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function showValue(control, value, settings) {
  const kind = control.dataset.kind;
  if (kind === 'bool') control.checked = !!value;
  else if (kind === 'level' || kind === 'text') control.value = value ?? '';
  else if (kind === 'patterns') control.value = patternsToText(value);
  else if (kind === 'lines') {
    // The allowlist box holds only the user's own entries; the organisation's are listed above it.
    const orgEntries = control.dataset.setting === 'allowlist' ? new Set(settings.orgAllowlistEntries || []) : new Set();
    control.value = (value || []).filter((v) => !orgEntries.has(v)).join('\n');
  }
}

function readControl(control) {
  const kind = control.dataset.kind;
  if (kind === 'bool') return control.checked;
  if (kind === 'patterns') return textToPatterns(control.value);
  if (kind === 'lines') return lines(control.value);
  return control.value.trim();
}

let state = { raw: { managed: {}, local: {} }, settings: null };

function orgLabel(settings) {
  return settings.orgName ? settings.orgName : 'your organisation';
}

function render() {
  const { settings, raw } = state;
  const locked = new Set(settings.locked || []);
  const org = orgLabel(settings);

  const banner = $('#managed-banner');
  banner.hidden = locked.size === 0;
  banner.textContent = `Some settings are managed by ${org}.`;

  const notices = $('#notices');
  notices.replaceChildren(...(settings.notices || []).map((n) =>
    el('li', { 'data-notice-setting': n.setting }, el('span', { class: 'setting' }, n.setting), `: ${n.message}`)));
  $('#notices-section').hidden = notices.children.length === 0;

  const orgAllow = Array.isArray(raw.managed.allowlist) ? raw.managed.allowlist.filter((s) => typeof s === 'string') : [];
  settings.orgAllowlistEntries = orgAllow;
  const orgBox = $('#org-allowlist');
  orgBox.hidden = orgAllow.length === 0;
  orgBox.replaceChildren(el('span', {}, `Always allowed, set by ${org}:`), el('ul', {}, ...orgAllow.map((s) => el('li', {}, s))));

  for (const control of document.querySelectorAll('[data-setting]')) {
    const name = control.dataset.setting;
    const row = control.closest('.row');
    row.querySelectorAll('.locked-note').forEach((n) => n.remove());
    const isLocked = locked.has(name);
    control.disabled = isLocked;
    row.classList.toggle('locked', isLocked);
    row.dataset.locked = String(isLocked);
    if (isLocked) {
      const why = name === 'allowlist' ? `Your own exceptions are turned off by ${org}` : `Set by ${org}`;
      row.append(el('span', { class: 'locked-note' }, why));
    }
    if (document.activeElement !== control) showValue(control, get(settings, name), settings);
  }
}

/** Shows the page's own merge at once, then the worker's (which may add pattern notices). */
async function refresh() {
  state.raw = await readRaw();
  state.settings = resolveSettings(state.raw.managed, state.raw.local);
  render();
  const fromWorker = await workerView();
  if (fromWorker) {
    state.settings = fromWorker;
    render();
  }
}

function showProblems(control, problems) {
  const row = control.closest('.row');
  row.querySelectorAll('.field-error').forEach((n) => n.remove());
  for (const p of problems) row.append(el('p', { class: 'field-error' }, p));
}

async function save(control) {
  const name = control.dataset.setting;
  if ((state.settings.locked || []).includes(name)) return; // locked: nothing to save (the control is disabled anyway)
  const { value, problems } = checkUserValue(name, readControl(control));
  showProblems(control, problems);
  if (value === undefined) return;
  const { local } = await readRaw();
  setIn(local, name, value);
  await chrome.storage.local.set({ settings: local });
  $('#status').textContent = problems.length ? 'Saved, except the lines marked above.' : 'Saved.';
  await refresh();
  await showExtraSiteAccess().catch(() => {});
}

for (const control of document.querySelectorAll('[data-setting]')) {
  control.addEventListener('change', () => {
    save(control).catch((e) => {
      $('#status').textContent = `Could not save: ${e && e.message ? e.message : e}`;
    });
  });
}

// Extra sites are watched only once the browser grants access to them
// (optional host permissions; asking needs this click).
async function showExtraSiteAccess() {
  const sites = state.settings?.extraSites || [];
  const granted = await grantedExtraSites(sites);
  const missing = sites.filter((s) => !granted.includes(s));
  $('#grant-extra-sites').hidden = missing.length === 0;
  $('#extra-sites-status').textContent = !sites.length
    ? ''
    : missing.length
      ? `Not watched yet (access not granted): ${missing.join(', ')}`
      : 'All extra sites are watched.';
}
$('#grant-extra-sites').addEventListener('click', async () => {
  const sites = state.settings?.extraSites || [];
  try {
    if (sites.length) await chrome.permissions.request({ origins: sites });
  } catch (e) {
    $('#extra-sites-status').textContent = `Could not ask for access: ${e && e.message ? e.message : e}`;
    return;
  }
  await showExtraSiteAccess();
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed' || (area === 'local' && 'settings' in changes)) refresh();
});
chrome.runtime.onMessage.addListener((msg) => {
  if (msg && msg.type === 'settings.changed') refresh();
});

refresh().then(() => {
  showExtraSiteAccess().catch(() => {});
  document.documentElement.dataset.ready = 'true';
});
