//! Recognizer for telephone and fax numbers: NANP numbers written with
//! parentheses, dashes, dots or spaces ("(555) 201-7788", "555.201.7788",
//! "+1 555 201 7788"), seven-digit local numbers with a phone cue, and
//! international numbers ("+44 20 7946 0958").
//!
//! NANP rules: area code and exchange start with 2–9. Toll-free numbers
//! (800, 888, 877, ...) are organisations' lines, not a patient's. A bare
//! run of ten digits needs a phone cue (it may be a record number).

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Category;
use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct PhonesRecognizer;

static NANP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+?1[\s.-]?)?(\()?([0-9]{3})(\))?([\s.-]?)([0-9]{3})([\s.-]?)([0-9]{4})(?-u:\b)").expect("nanp regex")
});
/// A national number with a trunk 0 (UK, Ireland, Australia, NZ, India...):
/// "07700 900481", "020 7946 0123", "0491 570 156"; 10-11 digits in groups.
static NATIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)0[0-9]{1,4}[\s.-]?[0-9]{3,4}[\s.-]?[0-9]{3,4}(?-u:\b)").expect("national regex")
});
static LOCAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)([0-9]{3})[\s.-]([0-9]{4})(?-u:\b)").expect("local regex"));
static INTERNATIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\+[0-9]{1,3}(?:[\s.-]?\(?[0-9]{1,5}\)?){2,6}").expect("international regex")
});

const PHONE_CUES: &[&str] = &["phone", "call", "cell", "mobile", "tel", "text", "number", "ph", "reach", "contact", "landline", "whatsapp", "#"];
const FAX_CUES: &[&str] = &["fax", "faxed", "facsimile"];
const TOLL_FREE: &[&str] = &["800", "833", "844", "855", "866", "877", "888"];

fn category(doc: &Document<'_>, start: usize) -> Category {
    if doc.cue_before(start, 4, FAX_CUES) {
        Category::Fax
    } else {
        Category::Phone
    }
}

/// An organisation's own line, which Safe Harbor does not cover: "book with
/// us at", "call the ICU desk at", "ring reception on".
const ORG_LINE_CUES: &[&str] = &[
    "us at", "us on", "call us", "ring us", "text us", "reach us", "contact us", "our office", "our clinic", "our practice",
    "our pharmacy", "our front desk", "desk at", "desk on", "reception at", "reception on", "our main line", "our number",
    "helpline", "hotline", "crisis line", "nurse line", "appointment line", "booking line", "bookings", "to book",
    "book via", "book online", "book now", "link in bio", "come see us",
];

fn candidate(doc: &Document<'_>, start: usize, end: usize, score: f32) -> Candidate {
    let score = if doc.cue_before(start, 6, ORG_LINE_CUES) { score.min(0.3) } else { score };
    let cat = category(doc, start);
    let what = if cat == Category::Fax { "Fax number" } else { "Phone number" };
    Candidate::new(start, end, cat, score, format!("{what}: a direct identifier under HIPAA Safe Harbor")).suggest("")
}

/// Digits glued before/after the match mean it is part of a longer number.
fn embedded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    before.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '.' && text[..start].len() > 1 && text[..start - 1].ends_with(|d: char| d.is_ascii_digit()))
        || after.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '%')
        || (after == Some('.') || after == Some('-')) && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
}

impl Recognizer for PhonesRecognizer {
    fn name(&self) -> &'static str {
        "phones"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        let text = doc.text;
        if text.bytes().filter(u8::is_ascii_digit).count() < 7 {
            return;
        }
        let cue = |start: usize| doc.cue_before(start, 4, PHONE_CUES) || doc.cue_before(start, 4, FAX_CUES);
        // Disjoint spans already claimed; O(log n) overlap test keeps long posts linear.
        let mut taken = crate::text::recognizer::SpanSet::new();
        for c in INTERNATIONAL.find_iter(text) {
            let digits = c.as_str().bytes().filter(u8::is_ascii_digit).count();
            if !(8..=15).contains(&digits) || c.as_str().starts_with("+1") || embedded(text, c.start(), c.end()) {
                continue;
            }
            let end = c.start() + c.as_str().trim_end().len();
            taken.insert_if_free(c.start(), end);
            out.push(candidate(doc, c.start(), end, 0.9));
        }
        for m in NATIONAL.find_iter(text) {
            let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
            let grouped = m.as_str().contains([' ', '.', '-']);
            if !(10..=11).contains(&digits) || !(grouped || cue(m.start())) || taken.overlaps(m.start(), m.end()) || embedded(text, m.start(), m.end()) {
                continue;
            }
            taken.insert_if_free(m.start(), m.end());
            out.push(candidate(doc, m.start(), m.end(), 0.85));
        }
        for c in NANP.captures_iter(text) {
            let m = c.get(0).expect("match");
            if taken.overlaps(m.start(), m.end()) || embedded(text, m.start(), m.end()) {
                continue;
            }
            let area = &c[2];
            let exchange = &c[5];
            let (sep1, sep2) = (&c[4], &c[6]);
            let paren = c.get(1).is_some() && c.get(3).is_some();
            if c.get(1).is_some() != c.get(3).is_some() {
                continue;
            }
            if area.starts_with(['0', '1']) || exchange.starts_with(['0', '1']) {
                continue;
            }
            if TOLL_FREE.contains(&area) {
                taken.insert_if_free(m.start(), m.end());
                continue;
            }
            let formatted = paren || (!sep1.is_empty() && sep1 == sep2) || (m.as_str().starts_with('+') && !sep2.is_empty());
            let mixed_ok = !sep1.is_empty() && !sep2.is_empty();
            let score = if formatted {
                0.9
            } else if mixed_ok {
                0.75
            } else if cue(m.start()) {
                0.85
            } else {
                continue;
            };
            // Start at "+1"/"1" prefix only when it is part of the match.
            out.push(candidate(doc, m.start(), m.end(), score));
            taken.insert_if_free(m.start(), m.end());
        }
        for c in LOCAL.captures_iter(text) {
            let m = c.get(0).expect("match");
            if taken.overlaps(m.start(), m.end()) || embedded(text, m.start(), m.end()) {
                continue;
            }
            if c[1].starts_with(['0', '1']) || !cue(m.start()) {
                continue;
            }
            out.push(candidate(doc, m.start(), m.end(), 0.8));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn phones(text: &str) -> Vec<(String, Category)> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let mut out = Vec::new();
        PhonesRecognizer.recognize(&doc, &mut out);
        out.retain(|c| c.score >= 0.5);
        out.iter().map(|c| (text[c.start..c.end].to_string(), c.category)).collect()
    }

    fn spans(text: &str) -> Vec<String> {
        phones(text).into_iter().map(|p| p.0).collect()
    }

    #[test]
    fn an_organisations_own_line_is_not_phi() {
        assert!(spans("Book a cleaning with us at (555) 310-2288 📞 #dentist").is_empty());
        assert!(spans("If you know him, call the ICU desk at 740-555-0199.").is_empty());
        assert_eq!(spans("his daughter left her cell, (555) 201-7788, on the whiteboard"), ["(555) 201-7788"]);
        // Nor does the record-number recognizer take the line instead.
        assert!(crate::text::analyze("New patients welcome! Book online or call us on 09 376 4410.", &PostContext::default()).is_empty());
    }

    #[test]
    fn finds_written_forms() {
        assert_eq!(spans("her cell (555) 201-7788 if"), ["(555) 201-7788"]);
        assert_eq!(spans("call 555.201.7788"), ["555.201.7788"]);
        assert_eq!(spans("son at 415 555 0134 asked"), ["415 555 0134"]);
        assert_eq!(spans("+1 415-555-0134"), ["+1 415-555-0134"]);
        assert_eq!(spans("number is 4155550134"), ["4155550134"]);
        assert_eq!(spans("call me 201-7788"), ["201-7788"]);
        assert_eq!(spans("UK mum on +44 20 7946 0958"), ["+44 20 7946 0958"]);
        assert_eq!(spans("her daughter is on 07700 900 481"), ["07700 900 481"]);
        assert_eq!(spans("tried ringing 0491 570 156 twice"), ["0491 570 156"]);
        assert_eq!(spans("surgery line 020 7946 0123"), ["020 7946 0123"]);
    }

    #[test]
    fn fax_is_its_own_category() {
        assert_eq!(phones("fax (555) 201-7788")[0].1, Category::Fax);
    }

    #[test]
    fn stays_quiet_on_non_phones() {
        for t in [
            "call 1-800-273-8255 any time",
            "MRN 4155550134",
            "dates 2024-03-14 and 2025-01-02",
            "ISBN 978-0-12-345678-9",
            "labs 123 456 7890123",
            "range 100-200 mg",
            "pop 1234567 people",
            "0.5 mg 250 ml",
            "her A1c went 8.2 to 6.9",
            "1 in 3 adults",
            "ids 0123456789 and 01234567890 in the export",
            "order 012 3456 789012 shipped",
        ] {
            assert!(spans(t).is_empty(), "{t:?} gave {:?}", spans(t));
        }
    }
}
