//! Recognizer for MRN, health plan, account, license, vehicle and device numbers.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct RecordNumbersRecognizer;

impl Recognizer for RecordNumbersRecognizer {
    fn name(&self) -> &'static str {
        "record_numbers"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
