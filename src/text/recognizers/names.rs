//! Recognizer for patients' and relatives' names.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct NamesRecognizer;

impl Recognizer for NamesRecognizer {
    fn name(&self) -> &'static str {
        "names"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
