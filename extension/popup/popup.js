// SafePost popup: plan, this week's progress, next planned slot, the
// pre-posting checklist, a reach estimate for a chosen platform and time,
// and analytics import.
//
// Opening fast (bar: first view <= 100 ms from navigation start): the first
// view (checklist, plan, this week's progress) is rendered from ONE
// chrome.storage.local read of small keys — the posting log, the plan, the
// history's summary index (never the full imported history) and the last
// known effective settings — which first-read.js starts from <head>, before
// this module has even loaded. Everything else comes afterwards:
//  - the effective settings from the service worker (it owns the managed
//    policy; chrome.storage.managed takes seconds to answer its first call
//    after the browser starts, so the first view never waits for it);
//  - the estimate, next slots and imports from the service worker's reach.*
//    messages, which already has the WASM core compiled: the popup never
//    compiles the 3 MB core itself.
// Text from drafts or imported files is only ever set via textContent.

import { PLATFORMS, STORAGE_KEYS, cleanLog, cleanPlan, combinedLog, loadHistoryIndex } from '../background/handlers/reach.js';

performance.mark('safepost-popup-start');

/** Last effective showReach (and whether the organisation locked it), kept
 *  by the popup for its next first view. */
const SNAPSHOT_KEY = 'popupSettingsSnapshot';

const LABELS = { x: 'X', threads: 'Threads', facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn', tiktok: 'TikTok', youtube: 'YouTube' };
// Mirrors Platform::default_posts_per_week in src/reach/platform.rs, so the
// plan can be shown before the core loads.
const DEFAULT_PER_WEEK = { x: 5, threads: 3, facebook: 3, instagram: 3, linkedin: 2, tiktok: 3, youtube: 1 };

const $ = (id) => document.getElementById(id);
const state = {
  settings: null, log: [], index: { counts: {}, recent: [] }, plan: null, followers: {}, draft: undefined,
  workerReady: false, fit: null, schedule: null, ticks: {}, userPicked: false, estimateShown: false,
};

/** A request to the service worker; failures become a reach.error reply. */
async function ask(message) {
  try {
    const r = await chrome.runtime.sendMessage(message);
    if (!r) return { type: 'reach.error', error: 'SafePost check unavailable: no answer from the extension' };
    if (r.type === 'unavailable' || r.type === 'error') return { type: 'reach.error', error: `SafePost check unavailable: ${r.reason}`, unavailable: true };
    return r;
  } catch (e) {
    return { type: 'reach.error', error: `SafePost check unavailable: ${e.message || e}`, unavailable: true };
  }
}

/** Recent posts (log + recent imported ones) for progress and spacing. */
const knownLog = () => combinedLog(state.log, { posts: state.index.recent });

function el(tag, props = {}, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') n.className = v;
    else if (k === 'dataset') Object.assign(n.dataset, v);
    else if (k in n) n[k] = v;
    else n.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) n.append(c instanceof Node ? c : String(c));
  return n;
}

function effectivePlan() {
  if (state.plan) return state.plan;
  const used = [...new Set([...state.log.map((e) => e.platform), ...Object.keys(state.index.counts)])].filter((p) => PLATFORMS.includes(p));
  const plan = {};
  for (const p of (used.length ? used : ['x', 'linkedin'])) plan[p] = DEFAULT_PER_WEEK[p];
  return plan;
}

function weekStart(now = Date.now()) {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.getTime();
}

function fmtSlot(ms) {
  return new Date(ms).toLocaleString([], { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Two significant figures, grouped ("1,200"), as the core's headline. */
function round2(x) {
  if (!(x >= 10)) return String(Math.round(x || 0));
  const mag = 10 ** (Math.floor(Math.log10(x)) - 1);
  return (Math.round(x / mag) * mag).toLocaleString('en-US');
}

function toLocalInput(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// ---------- checklist ----------

const CHECKS = [
  { id: 'identifiers', text: 'No patient identifiers', auto: true },
  { id: 'consent', text: 'Consent on file for any patient image' },
  { id: 'general', text: 'General information, not individual advice' },
  { id: 'source', text: 'Source cited for claims' },
  { id: 'coi', text: 'Conflicts of interest disclosed' },
  { id: 'tone', text: 'Tone professional' },
  { id: 'plan', text: 'Posting time fits your plan', auto: true, reach: true },
];

function autoState(id) {
  if (id === 'identifiers') {
    const d = state.draft;
    if (d === undefined) return { ok: false, note: 'Checking your current draft…' };
    if (!d) return { ok: false, note: 'No draft scanned yet: open the compose box on a watched site.' };
    const n = Number(d.absolute) || 0;
    if (n === 0) return { ok: true, note: `SafePost found none in your ${LABELS[d.platform] || ''} draft.`.replace('  ', ' ') };
    return { ok: false, note: `${n} patient identifier${n === 1 ? '' : 's'} found in your draft: remove ${n === 1 ? 'it' : 'them'} first.` };
  }
  if (id === 'plan') {
    if (!state.fit) return { ok: false, note: 'Pick a platform and time below.' };
    return { ok: !!state.fit.fits, note: state.fit.reason };
  }
  return null;
}

function renderChecklist() {
  const ul = $('checklist-items');
  const items = [];
  for (const c of CHECKS) {
    if (c.reach && !state.settings.showReach) continue;
    const auto = c.auto ? autoState(c.id) : null;
    const box = el('input', { type: 'checkbox', id: `check-${c.id}`, disabled: !!c.auto, checked: auto ? auto.ok : !!state.ticks[c.id] });
    if (!c.auto) box.addEventListener('change', () => { state.ticks[c.id] = box.checked; });
    let note = auto ? auto.note : null;
    if (c.id === 'general' && state.draft && Array.isArray(state.draft.categories) && state.draft.categories.includes('advice')) {
      note = 'SafePost flagged possible personal advice in your draft.';
    }
    const li = el('li', { class: auto ? (auto.ok ? 'auto-ok' : 'auto-bad') : '', dataset: { check: c.id, state: auto ? (auto.ok ? 'ok' : 'open') : (box.checked ? 'ok' : 'open') } },
      box,
      el('label', { htmlFor: `check-${c.id}` }, c.text, note ? el('span', { class: 'note' }, note) : null));
    items.push(li);
  }
  ul.replaceChildren(...items);
}

// ---------- plan ----------

function renderPlan() {
  const plan = effectivePlan();
  const log = knownLog();
  const ws = weekStart();
  const statusBy = {};
  for (const s of state.schedule?.status?.platforms || []) statusBy[s.platform] = s;
  const rows = Object.entries(plan).map(([p, n]) => {
    const done = log.filter((e) => e.platform === p && e.at >= ws && e.at < ws + 7 * 864e5).length;
    const input = el('input', { type: 'number', min: '0', max: '70', value: String(n), 'aria-label': `${LABELS[p]} posts per week` });
    input.addEventListener('change', () => updatePlan({ ...plan, [p]: Math.max(0, Math.min(70, Math.round(Number(input.value) || 0))) }));
    const remove = el('button', { type: 'button', class: 'link', textContent: '×', title: `Remove ${LABELS[p]} from your plan` });
    remove.addEventListener('click', () => { const next = { ...plan }; delete next[p]; updatePlan(next); });
    const st = statusBy[p];
    const next = st && st.next_slot ? fmtSlot(st.next_slot) : (state.workerReady ? '—' : '…');
    const flags = st ? [st.too_much && 'more than planned', st.too_little && 'too little lately', st.irregular && 'irregular'].filter(Boolean) : [];
    return el('tr', { dataset: { platform: p } },
      el('td', {}, LABELS[p]),
      el('td', {}, input),
      el('td', { class: done > n ? 'over' : done === n && n > 0 ? 'done' : '', dataset: { progress: `${done}/${n}` } }, `${done} of ${n}`),
      el('td', { class: 'next-slot' }, next, flags.length ? el('span', { class: 'note over' }, ` (${flags.join(', ')})`) : null),
      el('td', {}, remove));
  });
  $('plan-rows').replaceChildren(...rows);
  const sel = $('plan-add-platform');
  sel.replaceChildren(...PLATFORMS.filter((p) => !(p in plan)).map((p) => el('option', { value: p }, LABELS[p])));
  $('plan-add').disabled = sel.options.length === 0;
  // Estimate platforms: those in the plan first, then the rest.
  const rp = $('reach-platform');
  const current = rp.value;
  const order = [...Object.keys(plan), ...PLATFORMS.filter((p) => !(p in plan))];
  rp.replaceChildren(...order.map((p) => el('option', { value: p }, LABELS[p])));
  rp.value = order.includes(current) && current ? current : order[0];
}

async function updatePlan(plan) {
  const r = await ask({ type: 'reach.plan.set', plan });
  if (r.type === 'reach.plan') state.plan = r.plan;
  renderPlan();
  await refreshSchedule();
}

function renderHistorySummary() {
  const parts = Object.entries(state.index.counts).map(([p, n]) => `${n} ${LABELS[p] || p}`);
  $('history-summary').textContent = parts.length
    ? `Imported history: ${parts.join(', ')} posts. Your posting log: ${state.log.length} posts.`
    : `No analytics imported yet. Your posting log: ${state.log.length} posts.`;
}

// ---------- estimate, schedule, import (from the service worker) ----------

function chosen() {
  const at = new Date($('reach-time').value).getTime();
  return { platform: $('reach-platform').value, at: Number.isFinite(at) ? at : Date.now() };
}

async function refreshSchedule() {
  const { platform, at } = chosen();
  const r = await ask({ type: 'reach.schedule', platform, at });
  if (r.type === 'reach.schedule') {
    state.schedule = r;
    state.fit = r.fit;
    if (!state.workerReady) performance.mark('safepost-worker-ready');
    state.workerReady = true;
    document.body.dataset.core = 'ready';
  } else if (r.unavailable) {
    showUnavailable(r.error);
  }
  renderPlan();
  renderChecklist();
}

function showUnavailable(error) {
  $('reach-headline').textContent = error;
  $('reach-headline').dataset.state = 'unavailable';
  document.body.dataset.estimate = 'unavailable';
}

async function refreshEstimate() {
  if (!state.settings.showReach) return;
  const { platform, at } = chosen();
  $('reach-followers').value = state.followers[platform] ? String(state.followers[platform]) : '';
  const picked = `${platform} ${$('reach-time').value}`;
  const r = await ask({ type: 'reach.estimate', platform, at });
  // A newer pick may have answered first: show only the estimate for what is chosen now.
  if (`${$('reach-platform').value} ${$('reach-time').value}` !== picked) return;
  const drivers = [];
  const slots = [];
  if (r.type !== 'reach.estimate') {
    if (r.unavailable) showUnavailable(r.error);
    else {
      $('reach-headline').textContent = r.error;
      $('reach-headline').dataset.state = 'none';
    }
    $('reach-nearby').textContent = '';
  } else {
    const e = r.estimate;
    $('reach-headline').textContent = e.headline.charAt(0).toUpperCase() + e.headline.slice(1);
    $('reach-headline').dataset.state = 'estimate';
    const pct = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(Math.round(x))} %`;
    drivers.push(el('li', {}, e.history_posts
      ? `Your usual level: ~${round2(e.drivers.usual_level)} (based on ${e.history_posts} posts, ${e.confidence} confidence)`
      : `Your usual level: ~${round2(e.drivers.usual_level)} (from your follower count and typical ${LABELS[platform]} reach rates; import analytics to improve it)`));
    drivers.push(el('li', {}, `Time of day (${e.drivers.slot}): ${pct(e.drivers.time_of_day_pct)}`));
    drivers.push(el('li', {}, e.drivers.spacing_message ? `Spacing: ${e.drivers.spacing_message}` : `Spacing: no other ${LABELS[platform]} post shortly before`));
    drivers.push(el('li', {}, `About ${Math.round(100 * e.share_first_hour)} % of it arrives in the first hour, ${Math.round(100 * e.share_first_day)} % in the first day`));
    $('reach-nearby').textContent = e.no_reliable_difference
      ? 'Best nearby slots: no reliable difference from your chosen time.'
      : 'Best nearby slots:';
    for (const s of e.best_nearby) {
      slots.push(el('li', {}, `${fmtSlot(s.at)}: ~${round2(s.reach)} (${round2(s.low80)}–${round2(s.high80)})`));
    }
  }
  $('reach-drivers').replaceChildren(...drivers);
  $('reach-nearby-slots').replaceChildren(...slots);
  if (r.type === 'reach.estimate' || !r.unavailable) document.body.dataset.estimate = r.type === 'reach.estimate' ? 'ready' : 'none';
  if (!state.estimateShown) {
    state.estimateShown = true;
    performance.mark('safepost-estimate-shown'); // for tests/e2e/bench/popup-bench.mjs
  }
}

/** Re-reads the small keys a change in the worker may have touched. */
async function reloadFromStorage() {
  const K = STORAGE_KEYS;
  const got = await chrome.storage.local.get([K.log, K.plan, K.followers, K.index]);
  state.log = cleanLog(got[K.log]);
  state.plan = cleanPlan(got[K.plan]);
  state.followers = got[K.followers] && typeof got[K.followers] === 'object' ? got[K.followers] : {};
  state.index = await loadHistoryIndex(got[K.index]);
}

async function onImport() {
  const input = $('import-file');
  const msg = $('import-message');
  const files = [...(input.files || [])];
  if (!files.length) return;
  const lines = [];
  let ok = true;
  let lastPlatform = null;
  for (const f of files) {
    let r;
    try {
      r = await ask({ type: 'reach.import', name: f.name, text: await f.text() });
    } catch (e) {
      r = { type: 'reach.error', error: `${f.name}: ${e.message || e}` };
    }
    if (r.type === 'reach.imported' && r.posts === 0) {
      lines.push(`${f.name}: an ${r.format}` + (r.followers ? ` — ${r.followers} follower counts kept for the estimate` : ' with no posts or follower counts; nothing imported'));
    } else if (r.type === 'reach.imported') {
      lastPlatform = r.platform;
      lines.push(`${f.name}: ${r.posts} ${LABELS[r.platform]} posts from an ${r.format}` +
        (r.skipped ? ` (${r.skipped} replies, reposts or promoted skipped)` : '') + (r.added < r.posts ? `; ${r.posts - r.added} already imported` : ''));
    } else {
      ok = false;
      lines.push(`Not imported — ${r.error}`);
    }
  }
  msg.className = ok ? 'ok' : 'error';
  msg.textContent = lines.join('\n');
  msg.dataset.result = ok ? 'ok' : 'error';
  input.value = '';
  await reloadFromStorage();
  renderHistorySummary();
  renderPlan();
  if (lastPlatform) $('reach-platform').value = lastPlatform;
  await refreshSchedule();
  await refreshEstimate();
}

// ---------- settings ----------

/**
 * Settings for the first view, from storage alone: the user's own showReach
 * unless the organisation locked it last time we knew (then its value).
 * The service worker's effective settings replace these right after.
 */
function firstViewSettings(local, snapshot) {
  const own = local && typeof local === 'object' && typeof local.showReach === 'boolean' ? local.showReach : true;
  const locked = snapshot && snapshot.locked === true && typeof snapshot.showReach === 'boolean';
  return { showReach: locked ? snapshot.showReach : own, provisional: true };
}

function applySettings(settings) {
  state.settings = settings;
  for (const n of document.querySelectorAll('.reach-feature')) n.classList.toggle('hidden', !settings.showReach);
}

async function confirmSettings(previous) {
  const r = await ask({ type: 'settings.get' });
  if (r.type !== 'settings' || !r.settings) return; // keep the first view's; the worker says why elsewhere
  const s = r.settings;
  const before = state.settings.showReach;
  applySettings(s);
  const snapshot = { showReach: !!s.showReach, locked: Array.isArray(s.locked) && s.locked.includes('showReach') };
  if (!previous || previous.showReach !== snapshot.showReach || previous.locked !== snapshot.locked) {
    chrome.storage.local.set({ [SNAPSHOT_KEY]: snapshot }).catch(() => {});
  }
  if (before !== s.showReach) {
    renderChecklist();
    if (s.showReach) await refreshEstimate();
  }
}

// ---------- start-up ----------

function requestDraft() {
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 1500));
  const reply = chrome.runtime.sendMessage({ type: 'draft.latest' }).then((r) => (r && r.type === 'draft.latest' ? r.draft : null)).catch(() => null);
  return Promise.race([reply, timeout]);
}

/** The keys the first view reads, all in one chrome.storage.local call. */
const FIRST_VIEW_KEYS = ['settings', SNAPSHOT_KEY, STORAGE_KEYS.log, STORAGE_KEYS.plan, STORAGE_KEYS.followers, STORAGE_KEYS.index];

/**
 * The first view's storage read: the one first-read.js started while the
 * page was still loading, if it asked for every key needed here, else a
 * new one.
 */
async function firstRead() {
  const early = globalThis.safepostFirstRead;
  if (early && FIRST_VIEW_KEYS.every((k) => early.keys.includes(k))) {
    try {
      const values = await early.values;
      document.body.dataset.firstRead = 'early'; // the E2E test checks the two key lists agree
      return values;
    } catch { /* read again below: a failure then is the real one */ }
  }
  document.body.dataset.firstRead = 'own';
  return chrome.storage.local.get(FIRST_VIEW_KEYS);
}

const validIndex = (idx) => !!(idx && idx.counts && Array.isArray(idx.recent));

async function start() {
  const K = STORAGE_KEYS;
  let got;
  let readError = null;
  try {
    got = await firstRead();
  } catch (e) {
    got = {}; // the first view still shows, with defaults and what went wrong
    readError = e;
  }
  state.log = cleanLog(got[K.log]);
  state.plan = cleanPlan(got[K.plan]);
  state.followers = got[K.followers] && typeof got[K.followers] === 'object' ? got[K.followers] : {};
  // Without a stored summary (no history yet, or one imported before the
  // summary existed) the first view does not wait for the full history:
  // it shows the posting log alone, and the summary follows right after.
  const indexMissing = !validIndex(got[K.index]);
  if (!indexMissing) state.index = got[K.index];
  applySettings(firstViewSettings(got.settings, got[SNAPSHOT_KEY]));
  $('reach-time').value = toLocalInput(Date.now());
  renderChecklist();
  renderPlan();
  renderHistorySummary();
  if (readError) $('history-summary').textContent = `SafePost could not read your saved plan and posting log: ${readError.message || readError}`;
  performance.mark('safepost-first-view');
  performance.measure('safepost-first-view', { start: 0, end: 'safepost-first-view' });
  document.body.dataset.firstView = 'ready';

  if (indexMissing) {
    const placeholder = state.index;
    loadHistoryIndex(got[K.index] ?? null).then((index) => {
      if (state.index !== placeholder) return; // an import already replaced it
      state.index = index;
      if (Object.keys(index.counts).length) {
        renderPlan();
        renderHistorySummary();
      }
    }).catch(() => { /* no summary: the log alone stays on screen */ });
  }

  $('plan-add').addEventListener('click', () => {
    const p = $('plan-add-platform').value;
    if (p) updatePlan({ ...effectivePlan(), [p]: DEFAULT_PER_WEEK[p] });
  });
  const onPick = async () => { await refreshSchedule(); await refreshEstimate(); };
  $('reach-platform').addEventListener('change', () => { state.userPicked = true; onPick(); });
  $('reach-time').addEventListener('change', onPick);
  $('reach-followers').addEventListener('change', async () => {
    const r = await ask({ type: 'reach.followers.set', platform: $('reach-platform').value, followers: $('reach-followers').value });
    if (r.type === 'reach.followers') state.followers = r.followers;
    await refreshEstimate();
  });
  $('import-file').addEventListener('change', onImport);

  requestDraft().then((draft) => {
    state.draft = draft;
    const picked = $('reach-platform').value;
    if (draft && PLATFORMS.includes(draft.platform) && !state.userPicked) $('reach-platform').value = draft.platform;
    renderChecklist();
    if ($('reach-platform').value !== picked && state.workerReady) onPick();
  });
  // Neither waits for the other: at browser start the worker's settings wait
  // seconds for the managed policy, the estimate only for the core. The
  // schedule and estimate (the core's work in the worker, on the same few
  // cores) are asked for once the first view is painted.
  await Promise.all([confirmSettings(got[SNAPSHOT_KEY]), afterFirstPaint().then(onPick)]);
}

/**
 * Resolves once the page has painted (first-contentful-paint), or after
 * `fallbackMs` — a page that is never shown never paints. In the action
 * popup, asking the worker for the estimate before that delayed the first
 * paint by ~20 ms on a 2-core machine (tests/e2e/bench/popup-bench.mjs).
 */
function afterFirstPaint(fallbackMs = 300) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, fallbackMs);
    try {
      new PerformanceObserver((_list, observer) => {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      }).observe({ type: 'paint', buffered: true });
    } catch { /* no paint timing: the fallback runs */ }
  });
}

start();
