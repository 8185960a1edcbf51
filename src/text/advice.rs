//! Personal medical advice: a finding when the text directs one specific
//! person's care (diagnosis, drug, dose, start/stop/change, ER or not),
//! using the reply context when given. (Not yet implemented.)

use super::document::Document;
use super::recognizer::Candidate;

pub fn assess(_doc: &Document<'_>) -> Option<Candidate> {
    None
}
