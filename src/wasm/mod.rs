//! The thin wasm-bindgen layer the extension calls (built only for wasm32).
//! Owned by the extension issue; `reach` and `photo` hold their exports.
//!
//! The service worker calls [`analyze_text`] on every (debounced) keystroke,
//! so the configured [`Analyzer`] is cached and rebuilt only when the
//! options (allowlist, organisation patterns, checks) change.
//!
//! Panics: the panic hook logs the message (console_error_panic_hook) and
//! schedules a fresh `WebAssembly.Instance` for the next export call
//! (`wasm_bindgen::handler::schedule_reinit`), so one bad draft never leaves
//! a poisoned instance behind. The trap itself reaches JS as an exception,
//! which the service worker turns into `{type:'unavailable'}`.

mod photo;
mod policy;
mod reach;

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::finding::Category;
use crate::text::{Analyzer, Checks, OrgPattern, PostContext};

/// Runs once when the module is instantiated (and again after a re-init).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        wasm_bindgen::handler::schedule_reinit();
    }));
}

/// The crate version, so the UI and tests can tell which core answered.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Ask for a fresh instance before the next call. The service worker calls
/// this after any exception from an export that did not come from a Rust
/// panic (a stack overflow or out-of-memory trap skips the panic hook).
#[wasm_bindgen]
pub fn schedule_reset() {
    wasm_bindgen::handler::schedule_reinit();
}

/// The draft's context as JS sends it (`{platform, kind, reply_to}`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ContextIn {
    platform: Option<String>,
    kind: Option<String>,
    #[serde(alias = "replyTo")]
    reply_to: Option<String>,
}

/// One organisation pattern as in the effective settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct OrgPatternIn {
    #[serde(default)]
    name: String,
    pattern: String,
    #[serde(default = "default_org_category")]
    category: Category,
}

fn default_org_category() -> Category {
    Category::OtherId
}

/// Which checks run; missing keys mean "on".
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
struct ChecksIn {
    identifiers: bool,
    #[serde(alias = "patientStory")]
    patient_story: bool,
    advice: bool,
}

impl Default for ChecksIn {
    fn default() -> Self {
        ChecksIn { identifiers: true, patient_story: true, advice: true }
    }
}

/// The part of the effective settings the text analyser needs.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct OptionsIn {
    allowlist: Vec<String>,
    #[serde(alias = "org_patterns")]
    org_patterns: Vec<OrgPatternIn>,
    checks: ChecksIn,
}

/// An organisation pattern that could not be used, and why.
#[derive(Debug, Serialize)]
struct OptionProblem {
    name: String,
    reason: String,
}

struct Configured {
    options: OptionsIn,
    analyzer: Analyzer,
    problems: Vec<OptionProblem>,
}

thread_local! {
    static CACHE: RefCell<Option<Configured>> = const { RefCell::new(None) };
}

fn build(options: &OptionsIn) -> Configured {
    let mut problems = Vec::new();
    let mut patterns = Vec::new();
    for p in &options.org_patterns {
        match OrgPattern::new(&p.name, &p.pattern, p.category) {
            Ok(compiled) => patterns.push(compiled),
            Err(e) => problems.push(OptionProblem { name: e.name, reason: e.reason }),
        }
    }
    let checks = Checks {
        identifiers: options.checks.identifiers,
        patient_story: options.checks.patient_story,
        advice: options.checks.advice,
    };
    let analyzer = Analyzer::new()
        .with_allowlist(options.allowlist.iter())
        .with_org_patterns(patterns)
        .with_checks(checks);
    Configured { options: options.clone(), analyzer, problems }
}

/// Run `f` with the analyser configured for `options`, building it only
/// when the options differ from the cached ones.
fn with_analyzer<R>(options: OptionsIn, f: impl FnOnce(&Configured) -> R) -> R {
    CACHE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|c| c.options != options) {
            *slot = Some(build(&options));
        }
        f(slot.as_ref().expect("just configured"))
    })
}

fn parse<T: for<'de> Deserialize<'de> + Default>(value: JsValue, what: &str) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("bad {what}: {e}")))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // Plain objects (not Maps), so the reply can cross a Port unchanged.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| JsError::new(&format!("cannot return results: {e}")))
}

/// Analyse one draft: returns an array of Findings (see docs/architecture.md)
/// with UTF-16 offsets for JS. `context` is `{platform, kind, reply_to}`;
/// `options` is `{allowlist, orgPatterns, checks}` (any may be missing).
/// Malformed arguments are an error value, never a panic.
#[wasm_bindgen]
pub fn analyze_text(text: &str, context: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    if !crate::text::lexicon::bundle::ready() {
        // Never analyse with empty name/place lists: that would be a silent pass.
        return Err(JsError::new("SafePost word lists are not loaded (install_lexicons)"));
    }
    let ctx: ContextIn = parse(context, "context")?;
    let options: OptionsIn = parse(options, "options")?;
    let context = PostContext { platform: ctx.platform, kind: ctx.kind, reply_to: ctx.reply_to };
    let findings = with_analyzer(options, |c| c.analyzer.analyze(text, &context));
    to_js(&findings)
}

/// Give the core its word lists (`extension/pkg/lexicons.txt`, written by
/// scripts/build-extension.sh): names, places, drugs... shipped beside the
/// .wasm rather than inside it. Call once after instantiating (again after
/// a reset); a bundle missing a list is an error.
#[wasm_bindgen]
pub fn install_lexicons(text: String) -> Result<(), JsError> {
    crate::text::lexicon::bundle::install(text).map_err(|e| JsError::new(&e))
}

/// Have the word lists been installed in this instance?
#[wasm_bindgen]
pub fn lexicons_ready() -> bool {
    crate::text::lexicon::bundle::ready()
}

/// Check options without analysing anything: returns the organisation
/// patterns that were skipped (`[{name, reason}]`), for the options page.
#[wasm_bindgen]
pub fn check_options(options: JsValue) -> Result<JsValue, JsError> {
    let options: OptionsIn = parse(options, "options")?;
    let problems = with_analyzer(options, |c| to_js(&c.problems));
    problems
}

/// The Safe Harbor heading for a category name (`"mrn"` → "medical record
/// numbers"), so the UI words categories exactly as the core does.
#[wasm_bindgen]
pub fn category_label(category: &str) -> Option<String> {
    let c: Category = serde_json::from_value(serde_json::Value::String(category.to_string())).ok()?;
    Some(c.safe_harbor_label().to_string())
}

/// Deliberately panic, so tests can check that a trap in the core becomes
/// "SafePost check unavailable" and that the next call works again.
#[wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic: deliberate test panic");
}
