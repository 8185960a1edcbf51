//! Recognizer for telephone and fax numbers.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct PhonesRecognizer;

impl Recognizer for PhonesRecognizer {
    fn name(&self) -> &'static str {
        "phones"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
