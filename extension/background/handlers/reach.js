// Posting log, imported analytics and reach/schedule requests (issue 5).
// Called by the router in ../sw.js as handleReach(message, core, sender) for
// `log.*` and `reach.*` messages; returns a JSON-serialisable reply.
//
// Everything lives in chrome.storage.local and never leaves the machine:
//   reachLog      [{platform, at}]            posts seen submitted (content script)
//   reachHistory  {posts:[Post], sources:[]}  imported analytics (no post text)
//   reachPlan     {x: 5, linkedin: 2, …}       posts per week per platform
//   reachHistoryIndex {counts:{x: 819}, recent:[{platform, at}], since}
//                 small summary of reachHistory, rewritten with it, so the
//                 popup's first view (progress, "imported: 819 X posts")
//                 never reads the whole history (up to 20,000 posts)
// The storage helpers are exported so the popup can render its first view
// from storage before the WASM core has loaded.

export const PLATFORMS = ['x', 'threads', 'facebook', 'instagram', 'linkedin', 'tiktok', 'youtube'];
const LOG_CAP = 5000;
const HISTORY_CAP = 20000;

const KEY_LOG = 'reachLog';
const KEY_HISTORY = 'reachHistory';
const KEY_PLAN = 'reachPlan';
const KEY_FOLLOWERS = 'reachFollowers'; // {x: 1200, …}: the user's own follower counts
const KEY_INDEX = 'reachHistoryIndex';
/** Imported posts this recent (at save time) are kept in the index: a week's
 *  progress is always computed from posts at most 7 days before "now", and
 *  "now" only moves forward from the save. */
const RECENT_MS = 8 * 864e5;

/** Minutes east of UTC for this browser, as the Rust core expects. */
export function localOffsetMin(at = Date.now()) {
  return -new Date(at).getTimezoneOffset();
}

export function normalizePlatform(p) {
  const s = String(p || '').toLowerCase();
  if (s === 'twitter') return 'x';
  return PLATFORMS.includes(s) ? s : null;
}

function normalizeTime(at) {
  const t = typeof at === 'number' ? at : Date.parse(String(at));
  return Number.isFinite(t) && t > 0 ? Math.round(t) : null;
}

/** Storage keys, for pages that read several in one call (the popup's first view). */
export const STORAGE_KEYS = Object.freeze({ log: KEY_LOG, history: KEY_HISTORY, plan: KEY_PLAN, followers: KEY_FOLLOWERS, index: KEY_INDEX });

/** The stored posting log with anything malformed dropped. */
export function cleanLog(log) {
  return Array.isArray(log) ? log.filter((e) => e && normalizePlatform(e.platform) && Number.isFinite(e.at)) : [];
}

export async function loadLog() {
  const { [KEY_LOG]: log } = await chrome.storage.local.get(KEY_LOG);
  return cleanLog(log);
}

export async function appendLog(platform, at) {
  const p = normalizePlatform(platform);
  const t = normalizeTime(at ?? Date.now());
  if (!p || t === null) throw new Error('log.post needs a known platform and a time');
  const log = await loadLog();
  // The same submit can be reported twice (e.g. a retried port message).
  if (!log.some((e) => e.platform === p && Math.abs(e.at - t) < 5000)) {
    log.push({ platform: p, at: t });
    log.sort((a, b) => a.at - b.at);
    await chrome.storage.local.set({ [KEY_LOG]: log.slice(-LOG_CAP) });
  }
  return { platform: p, at: t };
}

export async function loadHistory() {
  const { [KEY_HISTORY]: h } = await chrome.storage.local.get(KEY_HISTORY);
  if (!h || !Array.isArray(h.posts)) return { posts: [], sources: [], followers: [] };
  return { posts: h.posts, sources: Array.isArray(h.sources) ? h.sources : [], followers: Array.isArray(h.followers) ? h.followers : [] };
}

export async function saveHistory(history) {
  const posts = history.posts.slice(-HISTORY_CAP);
  await chrome.storage.local.set({
    [KEY_HISTORY]: { posts, sources: history.sources, followers: (history.followers || []).slice(-HISTORY_CAP) },
    [KEY_INDEX]: historyIndex(posts),
  });
}

/** The small summary of an imported history the popup's first view reads. */
export function historyIndex(posts, now = Date.now()) {
  const counts = {};
  const recent = [];
  for (const p of posts) {
    counts[p.platform] = (counts[p.platform] || 0) + 1;
    if (p.at >= now - RECENT_MS) recent.push({ platform: p.platform, at: p.at });
  }
  return { counts, recent, since: now - RECENT_MS };
}

/**
 * The history summary for the first view: the stored index, or (history
 * imported before the index existed) one computed from the full history.
 * `stored` is what chrome.storage.local.get gave for KEY_INDEX, if read already.
 */
export async function loadHistoryIndex(stored) {
  const idx = stored !== undefined ? stored : (await chrome.storage.local.get(KEY_INDEX))[KEY_INDEX];
  if (idx && idx.counts && Array.isArray(idx.recent)) return idx;
  const { posts } = await loadHistory();
  const built = historyIndex(posts);
  if (posts.length) await chrome.storage.local.set({ [KEY_INDEX]: built }); // the next first view reads only this
  return built;
}

export async function loadPlan() {
  const { [KEY_PLAN]: plan } = await chrome.storage.local.get(KEY_PLAN);
  return cleanPlan(plan);
}

/** A stored plan with unknown platforms and out-of-range counts dropped (null: none chosen). */
export function cleanPlan(plan) {
  if (!plan || typeof plan !== 'object') return null;
  const out = {};
  for (const [k, v] of Object.entries(plan)) {
    const p = normalizePlatform(k);
    const n = Number(v);
    if (p && Number.isInteger(n) && n >= 0 && n <= 70) out[p] = n;
  }
  return out;
}

export async function savePlan(plan) {
  const clean = {};
  for (const [k, v] of Object.entries(plan || {})) {
    const p = normalizePlatform(k);
    const n = Math.round(Number(v));
    if (!p || !Number.isFinite(n) || n < 0 || n > 70) throw new Error(`posts per week for ${k} must be 0–70`);
    clean[p] = n;
  }
  await chrome.storage.local.set({ [KEY_PLAN]: clean });
  return clean;
}

export async function loadFollowers() {
  const { [KEY_FOLLOWERS]: f } = await chrome.storage.local.get(KEY_FOLLOWERS);
  return f && typeof f === 'object' ? f : {};
}

/** Stores (or, for an empty/zero value, forgets) a platform's follower count. */
export async function saveFollowers(platform, count) {
  const p = normalizePlatform(platform);
  if (!p) throw new Error(`unknown platform "${platform}"`);
  const f = await loadFollowers();
  const n = Math.round(Number(count));
  if (Number.isFinite(n) && n > 0) f[p] = n; else delete f[p];
  await chrome.storage.local.set({ [KEY_FOLLOWERS]: f });
  return f;
}

/** Posts known for spacing/progress: the log plus imported posts. */
export function combinedLog(log, history) {
  const all = [...log, ...history.posts.map((p) => ({ platform: p.platform, at: p.at }))];
  all.sort((a, b) => a.at - b.at);
  const out = [];
  const lastAt = {};
  for (const e of all) {
    // The same post can be both logged on submit and imported later.
    if (e.platform in lastAt && Math.abs(lastAt[e.platform] - e.at) < 10 * 60 * 1000) continue;
    lastAt[e.platform] = e.at;
    out.push(e);
  }
  return out;
}

/**
 * Imports one export's text through the core; all-or-nothing: a bad file
 * changes nothing in storage and the reply names the problem.
 */
export async function importExport(core, name, text) {
  if (typeof text !== 'string' || !text.length) return { type: 'reach.error', error: `${name || 'file'}: the file is empty` };
  const r = core.reach_import(text, localOffsetMin());
  if (!r || !r.ok) return { type: 'reach.error', error: `${name || 'file'}: ${r ? r.error : 'could not be read'}` };
  const history = await loadHistory();
  const merged = core.reach_merge([...history.posts, ...r.posts]);
  if (!merged.ok) return { type: 'reach.error', error: merged.error };
  const added = merged.posts.length - history.posts.length;
  history.posts = merged.posts;
  // Account summaries bring follower counts (for the level prior), not posts.
  if (Array.isArray(r.followers) && r.followers.length) {
    const seen = new Set(history.followers.map((f) => `${f.platform}:${f.at}`));
    for (const f of r.followers) if (!seen.has(`${f.platform}:${f.at}`)) history.followers.push(f);
    history.followers.sort((a, b) => a.at - b.at);
  }
  history.sources.push({ name: String(name || 'file').slice(0, 200), format: r.format_label, platform: r.platform, posts: r.posts.length, importedAt: Date.now() });
  await saveHistory(history);
  return {
    type: 'reach.imported',
    format: r.format_label,
    followers: Array.isArray(r.followers) ? r.followers.length : 0,
    platform: r.platform,
    posts: r.posts.length,
    added,
    skipped: r.skipped,
    times_from_id: r.times_from_id,
    date_only: r.date_only,
    notes: r.notes,
    total: history.posts.length,
  };
}

const yieldToQueued = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function estimateFor(core, platform, at, extra = {}) {
  const p = normalizePlatform(platform);
  const t = normalizeTime(at ?? Date.now());
  if (!p) return { type: 'reach.error', error: `unknown platform "${platform}"` };
  if (t === null) return { type: 'reach.error', error: 'unreadable posting time' };
  const [history, log, stored] = await Promise.all([loadHistory(), loadLog(), loadFollowers()]);
  // The badge beside the compose box asks with priority 'low': text checks
  // already queued from the page run before the estimate takes the thread.
  if (extra.priority === 'low') await yieldToQueued();
  const followers = Number(extra.followers) > 0 ? Number(extra.followers) : Number(stored[p]) > 0 ? Number(stored[p]) : undefined;
  const now = Date.now();
  const key = estimateKey(p, t, now, followers, history, log);
  const hit = estimateMemo.get(key);
  if (hit) return { ...hit }; // a copy: the router stamps each reply with its request's id
  const r = core.reach_estimate({
    platform: p, at: t, now, local_offset_min: localOffsetMin(t),
    followers,
    history: history.posts, log, follower_series: history.followers,
  });
  const reply = r && r.ok ? { type: 'reach.estimate', estimate: r } : { type: 'reach.error', error: r ? r.error : 'estimate unavailable' };
  estimateMemo.set(key, { ...reply });
  if (estimateMemo.size > 32) estimateMemo.delete(estimateMemo.keys().next().value);
  return reply;
}

// The core replays the whole history for every estimate (in the worker about
// 0.3–0.6 ms per imported post: ~0.4 s for 1,300 posts), so answers are kept
// by their inputs: the badges of several tabs and frames and the popup asking
// about the same minute with the same data get one computation. Inputs are
// the platform, the minute asked for and the current minute, the follower
// count and the data's shape (count and newest time of history, log and
// follower series: an import or a new post changes them).
const estimateMemo = new Map();
function estimateKey(platform, at, now, followers, history, log) {
  const tail = (xs) => `${xs.length}:${xs.length ? xs[xs.length - 1].at : ''}`;
  return [platform, Math.floor(at / 60000), Math.floor(now / 60000), followers ?? '', tail(history.posts), tail(log), tail(history.followers)].join('|');
}

export async function scheduleFor(core, platform, at) {
  const [history, log, plan] = await Promise.all([loadHistory(), loadLog(), loadPlan()]);
  const req = { log: combinedLog(log, history), now: Date.now(), local_offset_min: localOffsetMin() };
  if (plan) req.plan = plan;
  const p = normalizePlatform(platform);
  const t = normalizeTime(at);
  if (p && t !== null) { req.platform = p; req.at = t; }
  const r = core.reach_schedule(req);
  return r && r.ok ? { type: 'reach.schedule', plan: r.plan, status: r.status, fit: r.fit } : { type: 'reach.error', error: r ? r.error : 'schedule unavailable' };
}

/**
 * Messages:
 *  log.post {platform, at}            → {type:'ok'}
 *  reach.log.get                      → {type:'reach.log', log}
 *  reach.import {name, text}          → {type:'reach.imported', …} | {type:'reach.error', error}
 *  reach.history.get                  → {type:'reach.history', posts, sources}   (counts per platform)
 *  reach.history.clear                → {type:'ok'}
 *  reach.plan.get                     → {type:'reach.plan', plan|null}
 *  reach.plan.set {plan}              → {type:'reach.plan', plan}
 *  reach.estimate {platform, at, followers?, priority?} → {type:'reach.estimate', estimate}
 *                                     (priority 'low': the compose-box badge; queued text checks go first)
 *  reach.schedule {platform?, at?}    → {type:'reach.schedule', plan, status, fit}
 *  reach.followers.set {platform, followers} → {type:'reach.followers', followers}
 */
export async function handleReach(message, core, _sender) {
  const type = message && message.type;
  switch (type) {
    case 'log.post':
      // Watched sites outside the estimator (e.g. Reddit) are not an error
      // for the content script; they are just not part of the plan.
      if (typeof message.platform === 'string' && message.platform && !normalizePlatform(message.platform)) {
        return { type: 'ok', stored: false, reason: `no posting plan for ${message.platform}` };
      }
      await appendLog(message.platform, message.at);
      return { type: 'ok' };
    case 'reach.log.get':
      return { type: 'reach.log', log: await loadLog() };
    case 'reach.import':
      return importExport(core, message.name, message.text);
    case 'reach.history.get': {
      const h = await loadHistory();
      const counts = {};
      for (const p of h.posts) counts[p.platform] = (counts[p.platform] || 0) + 1;
      return { type: 'reach.history', posts: counts, sources: h.sources };
    }
    case 'reach.history.clear':
      await chrome.storage.local.remove([KEY_HISTORY, KEY_INDEX]);
      return { type: 'ok' };
    case 'reach.plan.get':
      return { type: 'reach.plan', plan: await loadPlan() };
    case 'reach.plan.set':
      return { type: 'reach.plan', plan: await savePlan(message.plan) };
    case 'reach.estimate':
      return estimateFor(core, message.platform, message.at, message);
    case 'reach.schedule':
      return scheduleFor(core, message.platform, message.at);
    case 'reach.followers.set':
      return { type: 'reach.followers', followers: await saveFollowers(message.platform, message.followers) };
    default:
      throw new Error(`unknown reach message ${type}`);
  }
}
