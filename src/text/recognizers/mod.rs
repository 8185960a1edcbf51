//! One module per identifier type. Each is a small unit of patterns,
//! context words, a validator and a score (like Presidio's recognizers).

pub mod names;
pub mod locations;
pub mod dates;
pub mod ages;
pub mod phones;
pub mod emails;
pub mod urls;
pub mod ip_addresses;
pub mod handles;
pub mod ssn;
pub mod record_numbers;
pub mod spelled_digits;
/// Word shapes and sentences shared by the names and locations recognizers.
pub mod tokens;

use super::recognizer::Recognizer;

/// Every built-in recognizer, in no particular order (overlaps are
/// resolved by score afterwards).
pub fn all() -> Vec<Box<dyn Recognizer>> {
    vec![
        Box::new(names::NamesRecognizer),
        Box::new(locations::LocationsRecognizer),
        Box::new(dates::DatesRecognizer),
        Box::new(ages::AgesRecognizer),
        Box::new(phones::PhonesRecognizer),
        Box::new(emails::EmailsRecognizer),
        Box::new(urls::UrlsRecognizer),
        Box::new(ip_addresses::IpAddressesRecognizer),
        Box::new(handles::HandlesRecognizer),
        Box::new(ssn::SsnRecognizer),
        Box::new(record_numbers::RecordNumbersRecognizer),
        Box::new(spelled_digits::SpelledDigitsRecognizer),
    ]
}

#[cfg(test)]
mod span_tests {
    use super::all;
    use crate::text::document::{Document, PostContext};
    use proptest::prelude::*;

    /// Pieces that stress byte/char arithmetic: multi-byte letters and
    /// digits, combining marks, bidi controls, noncharacters, emoji
    /// sequences, next to the cues recognizers look for.
    const ODD: &str = "(\u{301}|e\u{301}|مريض|٣٤|שלום|\u{202E}|\u{200F}|👩\u{200D}⚕\u{FE0F}|\u{FFFE}|\u{FFFF}|\u{10FFFF}|\u{FEFF}|０１２|İ|ß|ﬁ|Σ|É|pt|Mrs|Ana|MRN|84F|room 4|bed|St|from|in|Elm|today|you should|°|at 67|who at|#KaydenStrong|\\.|,| |\n|[0-9]{1,4}){0,60}";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Every recognizer proposes spans on character boundaries: a span
        /// inside a multi-byte character would misplace a highlight.
        #[test]
        fn every_span_is_on_char_boundaries(s in ODD) {
            let ctx = PostContext::default();
            let doc = Document::new(&s, &ctx);
            for r in all() {
                let mut out = Vec::new();
                r.recognize(&doc, &mut out);
                for c in out {
                    prop_assert!(c.start <= c.end && c.end <= s.len(), "{}: {}..{} out of range", r.name(), c.start, c.end);
                    prop_assert!(s.is_char_boundary(c.start) && s.is_char_boundary(c.end),
                        "{}: {}..{} not on char boundaries in {:?}", r.name(), c.start, c.end, s);
                }
            }
        }
    }
}
