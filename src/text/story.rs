//! Identifiable patient story: a post-level finding when a reference to a
//! patient, client or resident meets two or more quasi-identifiers (age,
//! specific or recent time, place or facility, occupation, rare condition,
//! family detail). (Not yet implemented.)

use super::document::Document;
use super::recognizer::Candidate;

/// `identifiers` are the identifier spans already kept for this post.
pub fn assess(_doc: &Document<'_>, _identifiers: &[Candidate]) -> Option<Candidate> {
    None
}
