//! Recognizer for web addresses.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct UrlsRecognizer;

impl Recognizer for UrlsRecognizer {
    fn name(&self) -> &'static str {
        "urls"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
