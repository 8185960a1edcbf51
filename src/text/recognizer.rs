//! What a recognizer is: one small unit (patterns + context words +
//! validation + score) that proposes candidate spans for one identifier type.

use super::document::Document;
use super::recognizers::tokens::Tokens;
use crate::finding::{Category, Severity};

/// A span a recognizer proposes. Offsets are byte offsets into the text;
/// the pipeline converts them to code points and UTF-16 at the end.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub severity: Severity,
    /// Confidence in 0..=1; the pipeline keeps candidates scoring at least
    /// [`REPORT_THRESHOLD`].
    pub score: f32,
    pub message: String,
    /// A safe rewrite of the span; `Some("")` means "remove it".
    pub suggestion: Option<String>,
    /// For post-level findings: the parts that combine ("age", "place", ...).
    pub parts: Vec<String>,
    /// Held back (scored under the threshold) until the same post describes
    /// a person by name, age or handle: a town in a post about a patient is
    /// theirs only when the post is about someone in particular.
    pub held_for_person: bool,
}

/// Candidates scoring below this are dropped.
pub const REPORT_THRESHOLD: f32 = 0.5;

impl Candidate {
    /// A candidate with the category's usual severity (direct identifiers
    /// are absolute).
    pub fn new(start: usize, end: usize, category: Category, score: f32, message: impl Into<String>) -> Self {
        Candidate {
            start,
            end,
            category,
            severity: Severity::Absolute,
            score,
            message: message.into(),
            suggestion: None,
            parts: Vec::new(),
            held_for_person: false,
        }
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Mark the candidate as held back until the post describes a person.
    pub fn held_for_person(mut self) -> Self {
        self.held_for_person = true;
        self
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, other: &Candidate) -> bool {
        self.start < other.end && other.start < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::SpanSet;

    #[test]
    fn span_set_finds_overlaps_only() {
        let mut s = SpanSet::new();
        assert!(s.insert_if_free(10, 20));
        assert!(s.insert_if_free(30, 40));
        assert!(!s.insert_if_free(15, 35));
        assert!(!s.insert_if_free(19, 21));
        assert!(!s.insert_if_free(0, 11));
        assert!(s.insert_if_free(20, 30), "touching spans do not overlap");
        assert!(s.insert_if_free(0, 10));
        assert!(!s.overlaps(40, 50));
        assert!(s.overlaps(39, 50));
    }
}

/// A set of disjoint byte spans with an O(log n) "does this overlap any?"
/// test. Overlap checks against a growing list were quadratic in the number
/// of candidates (the cause of super-linear time on long posts).
#[derive(Debug, Default, Clone)]
pub struct SpanSet {
    /// start -> end of each kept span; spans never overlap one another.
    spans: std::collections::BTreeMap<usize, usize>,
}

impl SpanSet {
    pub fn new() -> Self {
        SpanSet::default()
    }

    /// Does `start..end` overlap a span in the set? Because kept spans are
    /// disjoint, only the last span starting before `end` can overlap.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        match self.spans.range(..end.max(start + 1)).next_back() {
            Some((&s, &e)) => s < end.max(start + 1) && e > start,
            None => false,
        }
    }

    /// Add `start..end` if it overlaps nothing; returns whether it was added.
    pub fn insert_if_free(&mut self, start: usize, end: usize) -> bool {
        if self.overlaps(start, end) {
            return false;
        }
        self.spans.insert(start, end);
        true
    }
}

/// One identifier type's detector.
pub trait Recognizer: Send + Sync {
    /// A short stable name, for debugging and benchmarks.
    fn name(&self) -> &'static str;
    /// Append candidates for `doc` to `out`. Must not panic and must run in
    /// time linear in the text's length.
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>);
    /// The same, given the post's [`Tokens`] already built: the pipeline
    /// builds them once for the recognizers that read them (names,
    /// locations) instead of once per recognizer.
    fn recognize_with_tokens(&self, doc: &Document<'_>, _tokens: &Tokens<'_>, out: &mut Vec<Candidate>) {
        self.recognize(doc, out);
    }
}
