//! Recognizer for US Social Security numbers, with the SSA's validity rules:
//! area not 000, 666 or 900–999; group not 00; serial not 0000. Written
//! "123-45-6789" (or with spaces/dots) it stands alone; nine bare digits need
//! an SSN cue ("SSN", "social security", "SS#").

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Category;
use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct SsnRecognizer;

static SSN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)([0-9]{3})([-\s.]?)([0-9]{2})([-\s.]?)([0-9]{4})(?-u:\b)").expect("ssn regex"));

const SSN_CUES: &[&str] = &["ssn", "ss", "ss#", "social", "social security", "social security number", "soc sec", "ssn#", "tin", "itin"];

/// The SSA's rules for a number that could have been issued.
pub fn valid_ssn(area: &str, group: &str, serial: &str) -> bool {
    let (Ok(a), Ok(g), Ok(s)) = (area.parse::<u32>(), group.parse::<u32>(), serial.parse::<u32>()) else {
        return false;
    };
    a != 0 && a != 666 && a < 900 && g != 0 && s != 0
}

impl Recognizer for SsnRecognizer {
    fn name(&self) -> &'static str {
        "ssn"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        let text = doc.text;
        if text.bytes().filter(u8::is_ascii_digit).count() < 9 {
            return;
        }
        for c in SSN.captures_iter(text) {
            let m = c.get(0).expect("match");
            let (sep1, sep2) = (&c[2], &c[4]);
            if sep1 != sep2 {
                continue;
            }
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(|ch| ch == '-' || ch == '.' || ch == '/') || after.is_some_and(|ch| ch == '-' || ch == '/' || ch == '%') {
                continue;
            }
            let cue = doc.cue_before(m.start(), 4, SSN_CUES);
            let score = match (valid_ssn(&c[1], &c[3], &c[5]), sep1.is_empty(), cue) {
                (true, _, true) => 0.95,
                (true, false, false) if sep1 == "-" => 0.85,
                (true, false, false) => 0.6,
                (false, _, true) => 0.7, // an invalid SSN in an SSN context is still someone's number
                _ => continue,
            };
            out.push(Candidate::new(m.start(), m.end(), Category::Ssn, score, "Social Security number: a direct identifier under HIPAA Safe Harbor").suggest(""));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn ssns(text: &str) -> Vec<String> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let mut out = Vec::new();
        SsnRecognizer.recognize(&doc, &mut out);
        out.retain(|c| c.score >= 0.5);
        out.iter().map(|c| text[c.start..c.end].to_string()).collect()
    }

    #[test]
    fn finds_ssns() {
        assert_eq!(ssns("SSN 123-45-6789 on the form"), ["123-45-6789"]);
        assert_eq!(ssns("social 123 45 6789"), ["123 45 6789"]);
        assert_eq!(ssns("her ssn is 123456789"), ["123456789"]);
        assert_eq!(ssns("wrote 234-56-7890 on the whiteboard"), ["234-56-7890"]);
    }

    #[test]
    fn applies_validity_rules() {
        assert!(valid_ssn("123", "45", "6789"));
        assert!(!valid_ssn("000", "45", "6789"));
        assert!(!valid_ssn("666", "45", "6789"));
        assert!(!valid_ssn("912", "45", "6789"));
        assert!(!valid_ssn("123", "00", "6789"));
        assert!(!valid_ssn("123", "45", "0000"));
        assert!(ssns("ref 912-45-6789").is_empty());
    }

    #[test]
    fn quiet_on_other_numbers() {
        assert!(ssns("MRN 123456789").is_empty());
        assert!(ssns("ISBN 978-0-12-345678-9").is_empty());
        assert!(ssns("call 415-555-0134").is_empty());
    }
}
