//! Recognizer for email addresses.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct EmailsRecognizer;

impl Recognizer for EmailsRecognizer {
    fn name(&self) -> &'static str {
        "emails"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
