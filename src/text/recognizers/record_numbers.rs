//! Recognizer for record and account numbers, driven by the cue word right
//! before the number: medical record (MRN, chart), health plan (member ID,
//! policy, Medicaid/Medicare), account, license (driver's licence, DL),
//! vehicle (plate, VIN — with the VIN check digit), device (serial, S/N),
//! and other record numbers (case, encounter, accession, claim).
//!
//! The span is the number alone ("MRN 00482913" → "00482913"). Without a cue,
//! a long digit run in a post about a patient is still flagged, at a lower
//! score; lab codes ("A1c"), doses and years are never numbers of this kind.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Category;
use crate::text::document::{CueSet, Document};
use crate::text::recognizer::{Candidate, Recognizer};

pub struct RecordNumbersRecognizer;

/// A cue, optional "number/no./#/id/:" filler (and "is"), then the
/// identifier token; or the last digits of one ("acct ending 7732", "card
/// ending in 0451"), which identify an account as well as the whole number.
static CUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(mrn|med(?:ical)?\s+rec(?:ord)?s?|medical\s+record|record|chart|hosp(?:ital)?|patient|pt|member|membership|subscriber|policy|insurance|insurer|medicaid|medicare|mbi|health\s+plan|plan|beneficiary|group|acct|account|a/c|card|claim|case|encounter|visit|fin|accession|acc|specimen|sample|license|licence|lic|driver'?s?\s+licen[cs]e|dl|plate|license\s+plate|tag|reg(?:istration)?|vin|serial|s/n|sn|device|implant|pacemaker|icd|pump|unit\s+serial|badge|employee|student|passport|certificate|cert|id|identifier|ref(?:erence)?|confirmation|order|requisition|room\s+key)(?:\s+(?:member(?:ship)?|subscriber|account|acct|policy|card))?\s*,?\s*(?:(?:number|num|no\.?|nbr|#|id|identifier|code|serial|s/n|sn)\s*)*[:#=]?\s*(?:(?:is|was)\s+)?(?:(ending\s+in|ending|ends\s+in|last\s+(?:4|four)(?:\s+digits)?(?:\s+of)?)\s*[:#]?\s*)?([A-Z0-9][A-Z0-9-]{2,24}[A-Z0-9])(?-u:\b)")
        .expect("cued id regex")
});
/// Seven or more digits, possibly in dash/space-separated groups, with an
/// optional letter suffix: "00493117", "7730-2215-09", "4532-281-907-KT".
static LONG_DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[0-9]{2,}(?:[- ][0-9]{2,}){0,4}(?:-[A-Z]{1,3})?(?-u:\b)").expect("digits regex")
});
fn regex_phone_shape(s: &str) -> bool {
    let groups: Vec<usize> = s.split(['-', ' ']).map(str::len).collect();
    // A UK or Irish national number: a leading 0, 10-11 digits in 2-3 groups
    // ("020 7946 0123", "0161 496 0000", "07700 900123").
    let digits: usize = groups.iter().sum();
    let national = s.starts_with('0') && (10..=11).contains(&digits) && (2..=3).contains(&groups.len());
    national || matches!(groups.as_slice(), [3, 3, 4] | [3, 4] | [1, 3, 3, 4])
}

/// Words anywhere in the post that say a number there is some identifier.
const ID_WORDS: &[&str] = &["card", "number", "account", "mrn", "record", "id", "policy", "member", "insurance", "statement", "letter", "wristband", "label", "chart", "nhs", "ohip", "medicare", "medicaid", "claim", "invoice", "bill"];
/// A UK number plate, current format: two letters, two digits, three letters
/// ("YK19 XFB", "KX19BHN"). Nothing else in a post has this shape.
static UK_PLATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)[A-Z]{2}[0-9]{2} ?[A-Z]{3}(?-u:\b)").expect("uk plate regex"));
static VIN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)[A-HJ-NPR-Z0-9]{17}(?-u:\b)").expect("vin regex"));

fn category_for(cue: &str) -> Category {
    let c = cue.to_ascii_lowercase();
    let c = c.as_str();
    if c.starts_with("mrn") || c == "med" || c == "medical" || c.starts_with("record") || c.starts_with("chart") || c.starts_with("hosp") || c == "patient" || c == "pt" {
        Category::Mrn
    } else if ["member", "membership", "subscriber", "policy", "insurance", "insurer", "medicaid", "medicare", "mbi", "plan", "beneficiary", "group"].contains(&c) || c.starts_with("health") {
        Category::HealthPlan
    } else if c.starts_with("acc") && c != "accession" || c == "a/c" || c == "claim" || c == "card" {
        Category::Account
    } else if c.starts_with("lic") || c.starts_with("driver") || c == "dl" || c == "passport" || c.starts_with("cert") {
        Category::License
    } else if c.contains("plate") || c == "tag" || c.starts_with("reg") || c == "vin" {
        Category::Vehicle
    } else if ["serial", "s/n", "sn", "device", "implant", "pacemaker", "icd", "pump"].contains(&c) || c.starts_with("unit") {
        Category::Device
    } else {
        Category::OtherId
    }
}

fn label(cat: Category) -> &'static str {
    match cat {
        Category::Mrn => "Medical record number",
        Category::HealthPlan => "Health plan / insurance number",
        Category::Account => "Account number",
        Category::License => "Licence or certificate number",
        Category::Vehicle => "Vehicle identifier (plate or VIN)",
        Category::Device => "Device serial number",
        _ => "Record or reference number",
    }
}

fn candidate(start: usize, end: usize, cat: Category, score: f32) -> Candidate {
    Candidate::new(start, end, cat, score, format!("{}: a direct identifier under HIPAA Safe Harbor", label(cat))).suggest("")
}

/// Tokens that look like IDs but are clinical shorthand or ordinary words.
fn not_an_id(token: &str) -> bool {
    let digits = token.bytes().filter(u8::is_ascii_digit).count();
    let letters = token.bytes().filter(u8::is_ascii_alphabetic).count();
    if digits == 0 {
        return true; // "INTRODUCTORY", "H" words: an ID carries digits
    }
    if digits < 3 && letters > 0 {
        return true; // "H1", "A1c", "T2D", "B12", "COVID-19"
    }
    // Plain small numbers and years: "group 2", "case 1", "since 2019".
    if letters == 0 && !token.contains('-') && digits <= 4 {
        return true;
    }
    let lower = token.to_ascii_lowercase();
    ["covid-19", "sars-cov-2", "hba1c", "il-6"].contains(&lower.as_str())
}

/// The VIN check digit (ISO 3779, North American position 9).
pub fn valid_vin(vin: &str) -> bool {
    let b = vin.as_bytes();
    if b.len() != 17 {
        return false;
    }
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'0'..=b'9' => (c - b'0') as u32,
            b'A' | b'J' => 1,
            b'B' | b'K' | b'S' => 2,
            b'C' | b'L' | b'T' => 3,
            b'D' | b'M' | b'U' => 4,
            b'E' | b'N' | b'V' => 5,
            b'F' | b'W' => 6,
            b'G' | b'P' | b'X' => 7,
            b'H' | b'Y' => 8,
            b'R' | b'Z' => 9,
            _ => return None,
        })
    };
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let mut sum = 0;
    for (i, &c) in b.iter().enumerate() {
        let Some(v) = value(c) else { return false };
        sum += v * WEIGHTS[i];
    }
    let check = sum % 11;
    let expected = if check == 10 { b'X' } else { b'0' + check as u8 };
    b[8] == expected
}

const PATIENT_CUES: &[&str] = &["pt", "patient", "patients", "client", "resident", "chart", "admitted", "bed", "room", "his", "her"];

impl Recognizer for RecordNumbersRecognizer {
    fn name(&self) -> &'static str {
        "record_numbers"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        let text = doc.text;
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        // Disjoint spans already claimed; O(log n) overlap test keeps long posts linear.
        let mut taken = crate::text::recognizer::SpanSet::new();
        let mut phones: Vec<(usize, usize)> = out.iter().filter(|c| matches!(c.category, Category::Phone | Category::Fax)).map(|c| (c.start, c.end)).collect();
        phones.sort_unstable();
        for c in CUED.captures_iter(text) {
            let cue = c.get(1).expect("cue");
            let cue_lower = cue.as_str().to_ascii_lowercase();
            let id = c.get(3).expect("id");
            // "acct ending 7732": four or more trailing digits stand for the
            // number, after any cue but those that name no one's record.
            let last_digits = c.get(2).is_some()
                && id.as_str().len() >= 4
                && id.as_str().bytes().all(|b| b.is_ascii_digit())
                && !matches!(cue_lower.as_str(), "icd" | "unit" | "group" | "case");
            if !last_digits && not_an_id(id.as_str()) {
                continue;
            }
            // "his licence, D4829-5517-0023": after a comma only a number
            // shaped like an identifier (letters with digits, or 8+ digits in groups).
            if text[cue.end()..id.start()].contains(',') {
                let v = id.as_str();
                let digits = v.bytes().filter(u8::is_ascii_digit).count();
                let letters = v.bytes().any(|b| b.is_ascii_alphabetic());
                if !(letters && digits >= 6 || v.contains('-') && digits >= 8) {
                    continue;
                }
            }
            // "patient 2", "plan B", "id 123": the weakest cues need a longer number.
            let weak = matches!(cue_lower.as_str(), "patient" | "pt" | "id" | "plan" | "group" | "order" | "ref" | "reference" | "record" | "card" | "sample" | "case" | "visit" | "tag" | "icd" | "unit" | "employee" | "student" | "reg" | "registration");
            let digits = id.as_str().bytes().filter(u8::is_ascii_digit).count();
            if weak && digits < 5 && !last_digits {
                continue;
            }
            // "ICD-10 code I10": a diagnosis code, not a device.
            if cue_lower == "icd" && id.as_str().len() <= 7 {
                continue;
            }
            let cat = category_for(cue.as_str().split_whitespace().next().unwrap_or(""));
            let cat = if cue_lower.contains("plate") { Category::Vehicle } else { cat };
            let score = if weak { 0.75 } else { 0.95 };
            taken.insert_if_free(id.start(), id.end());
            out.push(candidate(id.start(), id.end(), cat, score));
        }
        for m in UK_PLATE.find_iter(text) {
            if taken.overlaps(m.start(), m.end()) {
                continue;
            }
            let cued = doc.cue_before(m.start(), 4, &["reg", "rego", "plate", "plates", "registration", "car", "drives", "driving", "vehicle", "van", "parked"]);
            let score = if cued { 0.9 } else if doc.patient_context { 0.75 } else { 0.45 };
            taken.insert_if_free(m.start(), m.end());
            out.push(candidate(m.start(), m.end(), Category::Vehicle, score));
        }
        for m in VIN.find_iter(text) {
            let s = m.as_str();
            if taken.overlaps(m.start(), m.end()) || !valid_vin(s) {
                continue;
            }
            let letters = s.bytes().filter(u8::is_ascii_alphabetic).count();
            if letters < 2 || letters > 12 {
                continue;
            }
            taken.insert_if_free(m.start(), m.end());
            out.push(candidate(m.start(), m.end(), Category::Vehicle, 0.9));
        }
        static PATIENT_SET: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(PATIENT_CUES));
        static ID_SET: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(ID_WORDS));
        let patient_post = doc.patient_context || doc.has_any(&PATIENT_SET);
        let id_words = doc.has_any(&ID_SET);
        for m in LONG_DIGITS.find_iter(text) {
            let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
            if digits < 7 || taken.overlaps(m.start(), m.end()) {
                continue;
            }
            let before = text[..m.start()].chars().next_back();
            if before.is_some_and(|ch| matches!(ch, '.' | ',' | '$' | '/' | '-' | '+' | '(' | '£' | '€')) {
                continue; // money, decimals, phone pieces
            }
            let after = &text[m.end()..];
            if after.starts_with(['%', ',']) && after[1..].starts_with(|ch: char| ch.is_ascii_digit()) || after.starts_with('.') && after[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            // Phone-shaped ("(555) 013-4400", "555-018-2244"): the phone
            // recognizer decides; one it rejected is not a record number.
            let phone_shaped = regex_phone_shape(m.as_str()) || text[..m.start()].trim_end().ends_with(')');
            // A number the phone recognizer read as a phone, even one it held
            // back as an organisation's own line ("call us on 09 376 4410").
            // (Phone spans are disjoint and sorted: one binary search.)
            let k = phones.partition_point(|&(_, e)| e <= m.start());
            let a_phone = phones.get(k).is_some_and(|&(s, _)| s < m.end());
            if phone_shaped || a_phone {
                continue;
            }
            // Year ranges and lists of years: "2019-2020", "1998 2004".
            let groups: Vec<&str> = m.as_str().split(['-', ' ']).collect();
            if groups.iter().all(|g| g.len() == 4 && (g.starts_with("19") || g.starts_with("20"))) {
                continue;
            }
            // "1800 022 222", "0800 123 456": a free-call service line.
            if groups.len() > 1 && matches!(groups[0], "1800" | "1300" | "0800" | "0808" | "1850" | "1890") {
                continue;
            }
            let grouped = groups.len() > 1;
            let score = match (patient_post, id_words) {
                (_, true) if grouped || digits >= 8 => 0.75,
                (true, _) => 0.6,
                (false, true) => 0.55,
                _ => 0.4,
            };
            out.push(candidate(m.start(), m.end(), Category::OtherId, score));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn ids(text: &str) -> Vec<(String, Category)> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let mut out = Vec::new();
        RecordNumbersRecognizer.recognize(&doc, &mut out);
        out.retain(|c| c.score >= 0.5);
        out.iter().map(|c| (text[c.start..c.end].to_string(), c.category)).collect()
    }

    #[test]
    fn finds_cued_numbers() {
        assert_eq!(ids("recheck the K on MRN 00739215?"), [("00739215".into(), Category::Mrn)]);
        assert_eq!(ids("medical record #A-558201 pulled"), [("A-558201".into(), Category::Mrn)]);
        assert_eq!(ids("still clutching his licence, D4829-5517-0023, like it was all he had"), [("D4829-5517-0023".into(), Category::License)]);
        assert_eq!(ids("a stolen driver's licence, number D6101-40706-60905, was used"), [("D6101-40706-60905".into(), Category::License)]);
        assert!(ids("renewed my license, 2024 was a long year").is_empty());
        assert!(ids("call healthdirect on 1800 022 222, a nurse will talk the pt through it").is_empty());
        assert!(ids("practice line for my patients: 020 7946 0123 or 0161 496 0000").is_empty());
        assert_eq!(ids("pt's husband parked in the ambulance bay AGAIN. silver Astra, reg YK19 XFB."), [("YK19 XFB".into(), Category::Vehicle)]);
        assert_eq!(ids("Whoever drives KX19 BHN: your dad is stable"), [("KX19 BHN".into(), Category::Vehicle)]);
        assert_eq!(ids("Medicaid ID 9876543210 denied"), [("9876543210".into(), Category::HealthPlan)]);
        assert_eq!(ids("member id: XJH448812 again"), [("XJH448812".into(), Category::HealthPlan)]);
        assert_eq!(ids("acct no. 44120987"), [("44120987".into(), Category::Account)]);
        assert_eq!(ids("plate 7ABC123 in the lot"), [("7ABC123".into(), Category::Vehicle)]);
        assert_eq!(ids("pacemaker serial PJN301222H"), [("PJN301222H".into(), Category::Device)]);
        assert_eq!(ids("DL D1234567 was in his wallet"), [("D1234567".into(), Category::License)]);
        assert_eq!(ids("her plan member # is HMO-5521-09-884"), [("HMO-5521-09-884".into(), Category::HealthPlan)]);
        assert_eq!(ids("a patient's account (acct ending 7732) went to collections"), [("7732".into(), Category::Account)]);
        assert_eq!(ids("the card ending in 0451 was declined"), [("0451".into(), Category::Account)]);
        assert_eq!(ids("policy number ending in 4410"), [("4410".into(), Category::HealthPlan)]);
    }

    #[test]
    fn validates_vins() {
        assert!(valid_vin("1M8GDM9AXKP042788"));
        assert!(!valid_vin("1M8GDM9A1KP042788"));
        assert_eq!(ids("car VIN 1M8GDM9AXKP042788 towed"), [("1M8GDM9AXKP042788".into(), Category::Vehicle)]);
    }

    #[test]
    fn quiet_on_clinical_shorthand() {
        for t in [
            "INTRODUCTORY offer for H1 readers",
            "A1c 5.7-6.4% = prediabetes",
            "group 2 had fewer events",
            "case 1: a classic presentation",
            "since 2019 I have",
            "COVID-19 boosters are here",
            "ICD-10 code I10 for hypertension",
            "plan B is available OTC",
            "1,000,000 people",
            "a $2500000 grant",
            "my account is 10 years old",
            "the case ending 2021 was closed",
            "member is a nurse",
        ] {
            assert!(ids(t).is_empty(), "{t:?} gave {:?}", ids(t));
        }
    }
}
