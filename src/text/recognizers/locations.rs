//! Recognizer for streets, towns, counties, ZIP codes, room/bed numbers.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct LocationsRecognizer;

impl Recognizer for LocationsRecognizer {
    fn name(&self) -> &'static str {
        "locations"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
