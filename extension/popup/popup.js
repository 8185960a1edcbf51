// SafePost popup: plan, this week's progress, next planned slot, the
// pre-posting checklist, a reach estimate for a chosen platform and time,
// and analytics import. The first view (checklist + plan) is rendered from
// chrome.storage alone; the WASM core is loaded afterwards for the
// estimate, next slots and import, so opening the popup stays fast.
// Text from drafts or imported files is only ever set via textContent.

import { getEffectiveSettings } from '../background/settings.js';
import {
  PLATFORMS, loadLog, loadHistory, loadPlan, savePlan, combinedLog, importExport, estimateFor, scheduleFor,
  loadFollowers, saveFollowers,
} from '../background/handlers/reach.js';

performance.mark('safepost-popup-start');

const LABELS = { x: 'X', threads: 'Threads', facebook: 'Facebook', instagram: 'Instagram', linkedin: 'LinkedIn', tiktok: 'TikTok', youtube: 'YouTube' };
// Mirrors Platform::default_posts_per_week in src/reach/platform.rs, so the
// plan can be shown before the core loads.
const DEFAULT_PER_WEEK = { x: 5, threads: 3, facebook: 3, instagram: 3, linkedin: 2, tiktok: 3, youtube: 1 };

const $ = (id) => document.getElementById(id);
const state = { settings: null, log: [], history: { posts: [], sources: [] }, plan: null, draft: undefined, core: null, fit: null, schedule: null, ticks: {} };

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
  const used = [...new Set(combinedLog(state.log, state.history).map((e) => e.platform))];
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
  const log = combinedLog(state.log, state.history);
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
    const next = st && st.next_slot ? fmtSlot(st.next_slot) : (state.core ? '—' : '…');
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
  state.plan = await savePlan(plan);
  renderPlan();
  await refreshSchedule();
}

function renderHistorySummary() {
  const counts = {};
  for (const p of state.history.posts) counts[p.platform] = (counts[p.platform] || 0) + 1;
  const parts = Object.entries(counts).map(([p, n]) => `${n} ${LABELS[p] || p}`);
  $('history-summary').textContent = parts.length
    ? `Imported history: ${parts.join(', ')} posts. Your posting log: ${state.log.length} posts.`
    : `No analytics imported yet. Your posting log: ${state.log.length} posts.`;
}

// ---------- estimate (needs the core) ----------

function chosen() {
  const at = new Date($('reach-time').value).getTime();
  return { platform: $('reach-platform').value, at: Number.isFinite(at) ? at : Date.now() };
}

async function refreshSchedule() {
  if (!state.core) return;
  const { platform, at } = chosen();
  const r = await scheduleFor(state.core, platform, at);
  if (r.type === 'reach.schedule') {
    state.schedule = r;
    state.fit = r.fit;
  }
  renderPlan();
  renderChecklist();
}

async function refreshEstimate() {
  if (!state.core || !state.settings.showReach) return;
  const { platform, at } = chosen();
  const followers = await loadFollowers();
  $('reach-followers').value = followers[platform] ? String(followers[platform]) : '';
  const r = await estimateFor(state.core, platform, at);
  const drivers = [];
  const slots = [];
  if (r.type !== 'reach.estimate') {
    $('reach-headline').textContent = r.error;
    $('reach-headline').dataset.state = 'none';
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
  document.body.dataset.estimate = r.type === 'reach.estimate' ? 'ready' : 'none';
}

async function onImport() {
  const input = $('import-file');
  const msg = $('import-message');
  const files = [...(input.files || [])];
  if (!files.length) return;
  if (!state.core) {
    msg.className = 'error';
    msg.textContent = 'The estimator is still loading; try again in a moment.';
    return;
  }
  const lines = [];
  let ok = true;
  let lastPlatform = null;
  for (const f of files) {
    let r;
    try {
      r = await importExport(state.core, f.name, await f.text());
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
  state.history = await loadHistory();
  renderHistorySummary();
  renderPlan();
  if (lastPlatform) $('reach-platform').value = lastPlatform;
  await refreshSchedule();
  await refreshEstimate();
}

// ---------- start-up ----------

function requestDraft() {
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 1500));
  const ask = chrome.runtime.sendMessage({ type: 'draft.latest' }).then((r) => (r && r.type === 'draft.latest' ? r.draft : null)).catch(() => null);
  return Promise.race([ask, timeout]);
}

async function loadCore() {
  try {
    const mod = await import('../pkg/safepost.js');
    await mod.default();
    return mod;
  } catch (e) {
    console.warn('SafePost: estimator unavailable', e);
    return null;
  }
}

async function start() {
  const [settings, log, history, plan] = await Promise.all([
    getEffectiveSettings().catch(() => ({ showReach: true })), loadLog(), loadHistory(), loadPlan(),
  ]);
  Object.assign(state, { settings, log, history, plan });
  for (const n of document.querySelectorAll('.reach-feature')) n.classList.toggle('hidden', !settings.showReach);
  $('reach-time').value = toLocalInput(Date.now());
  renderChecklist();
  renderPlan();
  renderHistorySummary();
  performance.mark('safepost-first-view');
  performance.measure('safepost-first-view', { start: 0, end: 'safepost-first-view' });
  document.body.dataset.firstView = 'ready';

  $('plan-add').addEventListener('click', () => {
    const p = $('plan-add-platform').value;
    if (p) updatePlan({ ...effectivePlan(), [p]: DEFAULT_PER_WEEK[p] });
  });
  const onPick = async () => { await refreshSchedule(); await refreshEstimate(); };
  $('reach-platform').addEventListener('change', onPick);
  $('reach-time').addEventListener('change', onPick);
  $('reach-followers').addEventListener('change', async () => {
    await saveFollowers($('reach-platform').value, $('reach-followers').value);
    await refreshEstimate();
  });
  $('import-file').addEventListener('change', onImport);

  requestDraft().then((draft) => {
    state.draft = draft;
    if (draft && PLATFORMS.includes(draft.platform) && !state.userPicked) $('reach-platform').value = draft.platform;
    renderChecklist();
  });
  state.core = await loadCore();
  if (!state.core) {
    $('reach-headline').textContent = 'SafePost check unavailable: the estimator could not load.';
    document.body.dataset.estimate = 'unavailable';
    return;
  }
  document.body.dataset.core = 'ready';
  await onPick();
}

start();
