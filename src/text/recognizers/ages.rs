//! Recognizer for patient ages.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct AgesRecognizer;

impl Recognizer for AgesRecognizer {
    fn name(&self) -> &'static str {
        "ages"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
