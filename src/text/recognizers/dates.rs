//! Recognizer for dates more specific than a year.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct DatesRecognizer;

impl Recognizer for DatesRecognizer {
    fn name(&self) -> &'static str {
        "dates"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
