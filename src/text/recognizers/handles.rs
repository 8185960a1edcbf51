//! Recognizer for patients' social handles.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct HandlesRecognizer;

impl Recognizer for HandlesRecognizer {
    fn name(&self) -> &'static str {
        "handles"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
