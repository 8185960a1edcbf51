// The text check itself, on an initialised wasm-bindgen core: used by the
// engine Worker the offscreen document runs (extension/offscreen/) and, on
// browsers without chrome.offscreen (Firefox), by the service worker.
//
// No chrome.* APIs here: a dedicated Worker has none.

// A draft that wakes every recognizer, so their patterns are compiled when
// the engine starts rather than on the user's first keystroke.
export const WARM_UP_TEXT =
  'pt Jane Doe, 84F, DOB 01/02/1940, seen 3/4 in room 4 at St Mary, Bakersfield CA 93301. MRN 00482913, ' +
  'SSN 123-45-6789, plan ID W123456789, acct 12345678, call (661) 555-0142, fax 661-555-0143, ' +
  'jo.doe@example.org, https://example.org/p/1, 10.0.0.1, @janedoe, VIN 1HGCM82633A004352. ' +
  'You should take 50 mg of ibuprofen twice a day.';

// The core's word lists (names, places, drugs...) ship beside the .wasm as
// extension/pkg/lexicons.txt (keeps the module under its size budget). They
// are read once per context and installed into every instance of the core,
// including a fresh one after a reset; the core refuses to analyse without
// them (an error, shown as "check unavailable", never a silent pass).
export const LEXICON_URL = new URL('../pkg/lexicons.txt', import.meta.url);
let lexiconText = null;

/** Reads the word lists (once) and installs them; returns the core. */
export async function prepareCore(core) {
  if (lexiconText === null) {
    const res = await fetch(LEXICON_URL);
    if (!res.ok) throw new Error(`word lists not readable (${res.status})`);
    lexiconText = await res.text();
  }
  ensureLexicons(core);
  return core;
}

/** Installs the word lists into this instance if it lacks them (after a
 *  reset the instance is new). Throws if the bundle is malformed. */
export function ensureLexicons(core) {
  if (lexiconText !== null && !core.lexicons_ready()) core.install_lexicons(lexiconText);
}

/** Compiles the text patterns now (one throw-away check); returns the core. */
export function warmUp(core) {
  try {
    ensureLexicons(core);
    core.analyze_text(WARM_UP_TEXT, { platform: 'x', kind: 'post' }, {});
  } catch (e) {
    console.warn('SafePost: warm-up check failed', e);
    core.schedule_reset();
    core.version();
  }
  return core;
}

/** After any exception from the core: re-instantiate it now. A Rust panic
 *  already scheduled that in its hook; a trap that skipped the hook (stack
 *  overflow, out of memory) did not, so schedule it again. The reset runs
 *  in the glue's call guard; a call without arguments (`version()`) triggers
 *  it before any string is copied into the old instance's memory. Returns
 *  false when even that failed (the caller re-initialises from scratch). */
export function resetCore(core) {
  try {
    core.schedule_reset();
    core.version();
    setTimeout(() => warmUp(core), 0); // the fresh instance compiles its patterns again
    return true;
  } catch (_e) {
    return false;
  }
}

/** Adds the Safe Harbor heading (`label`) the card shows, worded by the core. */
function withLabels(core, findings) {
  const labels = new Map();
  for (const f of findings) {
    if (!labels.has(f.category)) labels.set(f.category, core.category_label(f.category) || f.category);
    f.label = labels.get(f.category);
  }
  return findings;
}

/** One check: findings (with labels) and the time the core took. Throws
 *  whatever the core throws (a panic, bad options). */
export function analyzeWith(core, text, context, options) {
  const t0 = performance.now();
  ensureLexicons(core);
  const findings = withLabels(core, core.analyze_text(text, context, options));
  return { findings, ms: performance.now() - t0 };
}
