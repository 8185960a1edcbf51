//! Recognizer for Social Security numbers.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct SsnRecognizer;

impl Recognizer for SsnRecognizer {
    fn name(&self) -> &'static str {
        "ssn"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
