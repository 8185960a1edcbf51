//! What a recognizer is: one small unit (patterns + context words +
//! validation + score) that proposes candidate spans for one identifier type.

use super::document::Document;
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

/// One identifier type's detector.
pub trait Recognizer: Send + Sync {
    /// A short stable name, for debugging and benchmarks.
    fn name(&self) -> &'static str;
    /// Append candidates for `doc` to `out`. Must not panic and must run in
    /// time linear in the text's length.
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>);
}
