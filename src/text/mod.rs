//! Text analysis: run every identifier recognizer over a draft, resolve
//! overlaps, drop allowlisted spans, then the post-level checks (identifiable
//! patient story, personal medical advice).

pub mod advice;
pub mod cue_regex;
pub mod document;
pub mod lexicon;
pub mod non_patient_posts;
pub mod offsets;
pub mod org_patterns;
pub mod recognizer;
pub mod recognizers;
pub mod story;

use std::sync::LazyLock;

use crate::finding::Finding;
pub use document::{Document, PostContext};
use offsets::OffsetMap;
pub use org_patterns::{OrgPattern, OrgPatternError};
use recognizer::{Candidate, Recognizer, SpanSet, REPORT_THRESHOLD};
use recognizers::tokens::Tokens;

/// Which checks run. All on by default; an organisation can switch them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checks {
    pub identifiers: bool,
    pub patient_story: bool,
    pub advice: bool,
}

impl Default for Checks {
    fn default() -> Self {
        Checks { identifiers: true, patient_story: true, advice: true }
    }
}

/// Settings that outlive one draft: the allowlist (the clinician's and the
/// organisation's own details), organisation patterns, and enabled checks.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    pub checks: Checks,
    allowlist: Vec<AllowEntry>,
    org_patterns: Vec<OrgPattern>,
}

#[derive(Debug, Clone)]
struct AllowEntry {
    lower: String,
    digits: String,
}

static RECOGNIZERS: LazyLock<Vec<Box<dyn Recognizer>>> = LazyLock::new(recognizers::all);

impl Analyzer {
    pub fn new() -> Self {
        Analyzer::default()
    }

    /// Add entries that are never PHI: the clinician's own name, handle,
    /// practice phone, the organisation's public address.
    pub fn with_allowlist<I, S>(mut self, entries: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for e in entries {
            let e = e.as_ref().trim();
            if e.is_empty() {
                continue;
            }
            let digits: String = e.chars().filter(|c| c.is_ascii_digit()).collect();
            self.allowlist.push(AllowEntry { lower: e.to_lowercase(), digits });
        }
        self
    }

    pub fn with_org_patterns(mut self, patterns: Vec<OrgPattern>) -> Self {
        self.org_patterns = patterns;
        self
    }

    pub fn with_checks(mut self, checks: Checks) -> Self {
        self.checks = checks;
        self
    }

    /// Analyse one draft. Never panics on any input; linear in its length.
    pub fn analyze(&self, text: &str, context: &PostContext) -> Vec<Finding> {
        let doc = Document::new(text, context);
        let mut candidates = Vec::new();
        if self.checks.identifiers {
            let tokens = Tokens::new(&doc);
            for r in RECOGNIZERS.iter() {
                r.recognize_with_tokens(&doc, &tokens, &mut candidates);
            }
            for p in &self.org_patterns {
                p.recognize(&doc, &mut candidates);
            }
            boost_held_about_a_person(&mut candidates);
            candidates.retain(|c| is_reportable(text, c));
            candidates = resolve_overlaps(candidates);
            candidates.retain(|c| !self.is_allowed(&doc, c));
        }
        let non_patient = non_patient_posts::classify(&doc, &candidates);
        non_patient_posts::drop_non_patient(non_patient, &mut candidates);
        if non_patient.historical {
            non_patient_posts::drop_historical(&doc, &mut candidates);
        }
        let mut post_level = Vec::new();
        if self.checks.patient_story && !non_patient.fictional && !non_patient.historical {
            post_level.extend(story::assess(&doc, &candidates));
        }
        if self.checks.advice {
            post_level.extend(advice::assess(&doc));
        }
        candidates.extend(post_level);
        candidates.sort_by_key(|c| (c.start, c.end));
        to_findings(text, candidates)
    }

    fn is_allowed(&self, doc: &Document<'_>, c: &Candidate) -> bool {
        if self.allowlist.is_empty() {
            return false;
        }
        let span = doc.slice(c.start, c.end);
        let lower = span.to_lowercase();
        let digits: String = span.chars().filter(|ch| ch.is_ascii_digit()).collect();
        self.allowlist.iter().any(|a| {
            if digits.len() >= 5 && a.digits.len() >= 5 {
                return a.digits == digits;
            }
            // The span is the entry, or one of the entry's words ("Smith" in
            // "Dr. Jane Smith"); the entry may also cover the span in the text.
            a.lower == lower
                || a.lower.split(|ch: char| !ch.is_alphanumeric()).any(|w| !w.is_empty() && w == lower)
                || covers(doc.text, &a.lower, c.start, c.end)
        })
    }
}

/// Is byte range `start..end` inside an occurrence of `entry` (compared
/// case-insensitively) in `text`?
fn covers(text: &str, entry: &str, start: usize, end: usize) -> bool {
    let n = entry.len();
    if n == 0 || n > 200 {
        return false;
    }
    // Look only near the span: an occurrence covering it starts within n bytes before.
    let from = floor_boundary(text, start.saturating_sub(n));
    let to = ceil_boundary(text, (end + n).min(text.len()));
    let window = text[from..to].to_lowercase();
    if window.len() != to - from {
        return false; // case-folding changed lengths; skip rather than misplace
    }
    window.match_indices(entry).any(|(i, m)| from + i <= start && from + i + m.len() >= end)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A date is PHI when tied to a patient. Recognizers hold back dates in
/// posts without patient words (score just under the threshold); when the
/// same post describes a person by age or name, those dates count after all.
/// So do candidates a recognizer marked [`Candidate::held_for_person`]
/// (a gazetteer town after "in" in a post about patients).
fn boost_held_about_a_person(cands: &mut [Candidate]) {
    use crate::finding::Category;
    // (A patient's handle names them as a name does.)
    let person = cands.iter().any(|c| matches!(c.category, Category::Age | Category::Name | Category::Handle) && c.score >= REPORT_THRESHOLD);
    if person {
        for c in cands.iter_mut().filter(|c| (c.held_for_person || c.category == Category::Date) && (0.4..REPORT_THRESHOLD).contains(&c.score)) {
            c.score = REPORT_THRESHOLD + 0.05;
        }
    }
}

/// A candidate the pipeline can report: scored high enough, and a non-empty
/// span on character boundaries of `text`. A recognizer bug that yields a
/// span inside a multi-byte character is dropped here rather than allowed
/// to panic a later slice (the property tests feed such text).
fn is_reportable(text: &str, c: &Candidate) -> bool {
    c.score >= REPORT_THRESHOLD
        && c.start < c.end
        && c.end <= text.len()
        && text.is_char_boundary(c.start)
        && text.is_char_boundary(c.end)
}

/// Keep the best of overlapping candidates: higher score, then longer span.
/// O(n log n): kept spans are disjoint, so one ordered look-up per candidate.
fn resolve_overlaps(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.len().cmp(&a.len()))
            .then(a.start.cmp(&b.start))
    });
    let mut taken = SpanSet::new();
    cands.retain(|c| taken.insert_if_free(c.start, c.end));
    cands
}

fn to_findings(text: &str, cands: Vec<Candidate>) -> Vec<Finding> {
    let wanted: Vec<usize> = cands.iter().flat_map(|c| [c.start, c.end]).collect();
    let map = OffsetMap::new(text, &wanted);
    cands
        .into_iter()
        .map(|c| {
            Finding {
                category: c.category,
                severity: c.severity,
                start: map.char_offset(c.start),
                end: map.char_offset(c.end),
                start_utf16: map.utf16_offset(c.start),
                end_utf16: map.utf16_offset(c.end),
                message: c.message,
                suggestion: c.suggestion,
                parts: c.parts,
                score: c.score,
            }
        })
        .collect()
}

/// Time spent in each stage of [`Analyzer::analyze`] for one text: every
/// recognizer by name, then overlap resolution, the story and advice checks
/// and offset mapping. For `safepost bench --stages` (profiling without a
/// profiler); the findings themselves are discarded.
pub fn stage_timings(text: &str, context: &PostContext) -> Vec<(&'static str, std::time::Duration)> {
    use std::time::Instant;
    let mut out = Vec::new();
    let t = Instant::now();
    let doc = Document::new(text, context);
    out.push(("document", t.elapsed()));
    let mut candidates = Vec::new();
    let t = Instant::now();
    let tokens = Tokens::new(&doc);
    out.push(("tokens", t.elapsed()));
    for r in RECOGNIZERS.iter() {
        let t = Instant::now();
        r.recognize_with_tokens(&doc, &tokens, &mut candidates);
        out.push((r.name(), t.elapsed()));
    }
    let t = Instant::now();
    boost_held_about_a_person(&mut candidates);
    candidates.retain(|c| is_reportable(text, c));
    candidates = resolve_overlaps(candidates);
    let non_patient = non_patient_posts::classify(&doc, &candidates);
    non_patient_posts::drop_non_patient(non_patient, &mut candidates);
    out.push(("overlaps", t.elapsed()));
    let t = Instant::now();
    let story = story::assess(&doc, &candidates);
    out.push(("patient_story", t.elapsed()));
    let t = Instant::now();
    let advice = advice::assess(&doc);
    out.push(("personal_advice", t.elapsed()));
    candidates.extend(story);
    candidates.extend(advice);
    let t = Instant::now();
    std::hint::black_box(to_findings(text, candidates));
    out.push(("offsets", t.elapsed()));
    out
}

/// Analyse with default settings.
pub fn analyze(text: &str, context: &PostContext) -> Vec<Finding> {
    static DEFAULT: LazyLock<Analyzer> = LazyLock::new(Analyzer::new);
    DEFAULT.analyze(text, context)
}
