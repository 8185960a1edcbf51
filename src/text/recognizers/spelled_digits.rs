//! Recognizer for identifiers obfuscated with spelled digits or spaces:
//! "zero zero four eight two nine one three", "oh-four-eight-two...",
//! "0 0 4 8 2 9 1 3". People do this to dodge filters; the number still
//! identifies the patient.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Category;
use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct SpelledDigitsRecognizer;

/// Digit words, and the NATO alphabet people use to read out plates and codes.
const TOKENS: &str = "zero|oh|one|two|three|four|five|six|seven|eight|nine|niner|alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliet|juliett|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiskey|whisky|x-ray|xray|yankee|zulu";
static SPELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{TOKENS})(?:[\s,-]+(?:{TOKENS})){{4,}}(?-u:\b)")).expect("spelled regex")
});
static SPACED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)[0-9](?:(?: - |[ .\-_*])[0-9]){5,}(?-u:\b)").expect("spaced regex"));
const DIGIT_WORDS: &[&str] = &["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "niner"];

const ID_CUES: &[&str] = &["reg'd", "registered", "reg", "n", "mrn", "record", "chart", "ssn", "social", "number", "id", "phone", "call", "acct", "account", "member", "policy", "plate", "license", "dob", "serial", "#"];

impl Recognizer for SpelledDigitsRecognizer {
    fn name(&self) -> &'static str {
        "spelled_digits"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        let text = doc.text;
        for m in SPELLED.find_iter(text) {
            let tokens: Vec<String> = m.as_str().split(|c: char| c.is_whitespace() || c == ',' || c == '-').filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect();
            let count = tokens.len();
            let digit_count = tokens.iter().filter(|t| DIGIT_WORDS.contains(&t.as_str())).count();
            // NATO words alone are a call sign or prose; a code mixes in digits.
            if digit_count < 2 || digit_count < count && count - digit_count < 2 && count < 6 {
                continue;
            }
            let cue = doc.cue_before(m.start(), 4, ID_CUES);
            let score = if cue { 0.95 } else if count >= 7 { 0.8 } else { 0.45 };
            out.push(Candidate::new(m.start(), m.end(), Category::OtherId, score, "Number spelled out in words: still a unique identifier under HIPAA Safe Harbor").suggest(""));
        }
        for m in SPACED.find_iter(text) {
            let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
            let cue = doc.cue_before(m.start(), 4, ID_CUES);
            // Same separator throughout: "0 0 4 8 2 9 1 3", "0-0-4-8-2-9".
            let seps: Vec<u8> = m.as_str().bytes().filter(|b| !b.is_ascii_digit()).collect();
            if seps.windows(2).any(|w| w[0] != w[1]) && digits < 7 {
                continue;
            }
            let score = if cue { 0.95 } else if digits >= 7 { 0.75 } else { 0.45 };
            out.push(Candidate::new(m.start(), m.end(), Category::OtherId, score, "Number split up with spaces: still a unique identifier under HIPAA Safe Harbor").suggest(""));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn found(text: &str) -> Vec<String> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let mut out = Vec::new();
        SpelledDigitsRecognizer.recognize(&doc, &mut out);
        out.retain(|c| c.score >= 0.5);
        out.iter().map(|c| text[c.start..c.end].to_string()).collect()
    }

    #[test]
    fn finds_obfuscated_numbers() {
        assert_eq!(found("MRN zero zero four eight two nine one three ok"), ["zero zero four eight two nine one three"]);
        assert_eq!(found("mrn 0 0 4 8 2 9 1 3"), ["0 0 4 8 2 9 1 3"]);
        assert_eq!(found("her number: five five five, two oh one, seven seven eight eight"), ["five five five, two oh one, seven seven eight eight"]);
    }

    #[test]
    fn quiet_on_prose_counts() {
        assert!(found("one or two drinks").is_empty());
        assert!(found("one two three breathe").is_empty());
        assert!(found("scores 1 2 3").is_empty());
    }
}
