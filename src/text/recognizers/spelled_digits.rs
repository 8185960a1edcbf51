//! Recognizer for identifiers spelled out in words or obfuscated with spaces.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct SpelledDigitsRecognizer;

impl Recognizer for SpelledDigitsRecognizer {
    fn name(&self) -> &'static str {
        "spelled_digits"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
