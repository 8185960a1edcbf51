//! Recognizer for dates more specific than a year ("3/14", "March 14th",
//! "14 Mar 2026", "2026-03-14", "the 22nd", "last March", "DOB 04/02/1961").
//!
//! A year alone, relative times ("this morning", "last Tuesday"), holidays,
//! ratios, scores ("8/10 pain"), fractions ("1/2 tab") and BP readings
//! ("120/80") are not dates. Numeric dates are validated (month 1–12, day
//! valid for the month).

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Category;
use crate::text::document::{CueSet, Document};
use crate::text::recognizer::{Candidate, Recognizer};

pub struct DatesRecognizer;

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([0-9]{1,4})([/.-])([0-9]{1,2})(?:([/.-])([0-9]{2,4}))?(?-u:\b)").expect("numeric date regex")
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({MONTH})\.?\s+([0-9]{{1,2}})(st|nd|rd|th)?(?-u:\b)(?:,?\s+((?:19|20)[0-9]{{2}})(?-u:\b))?"
    ))
    .expect("month-day regex")
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)([0-9]{{1,2}})(st|nd|rd|th)?(?:\s+(?:of\s+)?|-)({MONTH})(?-u:\b)\.?(?:(?:,?\s+|-)((?:19|20)?[0-9]{{2}})(?-u:\b))?"
    ))
    .expect("day-month regex")
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?-u:\b)({MONTH})\.?,?\s+((?:19|20)[0-9]{{2}})(?-u:\b)")).expect("month-year regex")
});
static RELATIVE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(last|this past|early|late|mid-?|since|back in|until|by|in|next|this)\s+(january|february|march|april|may|june|july|august|september|october|november|december)(?-u:\b)")
        .expect("relative month regex")
});
static SPELLED_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?-u:\b)(?:the\s+)?((?:twenty|thirty)[- ]?)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\s+of\s+({MONTH})(?-u:\b)"))
        .expect("spelled day regex")
});
static ORDINAL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|on|since|by|until|before|after|from)\s+)?the\s+([0-9]{1,2})(st|nd|rd|th)(?-u:\b)")
        .expect("ordinal day regex")
});

/// Words after "the Nth" that make it a count or rank, not a day.
const ORDINAL_NOUNS: &[&str] = &[
    "time", "times", "dose", "doses", "day", "week", "weeks", "month", "year", "percentile", "trimester",
    "grade", "floor", "edition", "generation", "century", "place", "round", "cycle", "visit", "attempt",
    "patient", "case", "person", "one", "line", "degree", "rib", "toe", "finger", "ward", "decade",
    "birthday", "pregnancy", "baby", "child", "kid", "shot", "vaccine", "booster", "session", "step",
];

/// Words near "8/10" that make it a score or ratio.
const SCORE_CUES: &[&str] = &[
    "pain", "scale", "score", "scored", "rated", "rating", "rate", "strength", "power", "gcs", "odds",
    "chance", "apgar", "out", "ratio", "split", "vision", "acuity", "bp", "blood", "pressure", "mmhg",
    "tab", "tabs", "tablet", "tablets", "cup", "dose", "mg", "ml", "of", "stars", "star", "mile", "miles",
    "inch", "inches", "tsp", "tbsp",
];

fn days_in_month(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let key = n.get(..3)?;
    let m = match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// Can any month pattern match? Each needs a month name (`MONTH`) with an
/// ASCII word boundary before it and a non-letter after it, so the name is
/// a whole word of the post or a hyphen/apostrophe part of one
/// ("mid-March"). A word with non-ASCII letters is taken as a maybe: case
/// folding can turn some of them into ASCII ("ſept"). Most posts name no
/// month, and then five regex passes are skipped.
fn may_name_a_month(doc: &Document<'_>) -> bool {
    const NAMES: &[&str] = &[
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
        "aug", "august", "sep", "sept", "september", "sepember", "oct", "october", "nov", "november", "dec", "december",
    ];
    if !doc.text.is_ascii() && doc.words.iter().any(|w| !w.lower.is_ascii()) {
        return true;
    }
    // Whole words (and "March's") by hash; joined words split only when they have a joiner.
    NAMES.iter().any(|name| doc.has_word(name))
        || doc
            .words
            .iter()
            .filter(|w| w.lower.bytes().any(|b| matches!(b, b'-' | b'\'' | 0xE2)))
            .any(|w| w.lower.split(['-', '\'', '’']).any(|part| NAMES.contains(&part)))
}

fn valid_month_day(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(month)
}

const MESSAGE: &str = "Date tied to a patient: dates more specific than a year are HIPAA Safe Harbor identifiers";

/// Short month names that are also common words ("may", "mar", "jan" as a
/// name): need a capital or a day suffix to count.
fn ambiguous_month(token: &str) -> bool {
    matches!(token, "may" | "mar" | "jan" | "june" | "jun" | "aug" | "sept" | "sep" | "dec" | "oct" | "nov")
}

impl DatesRecognizer {
    fn numeric(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        for c in NUMERIC.captures_iter(doc.text) {
            let m = c.get(0).expect("match");
            let (a, sep1, b) = (&c[1], &c[2], &c[3]);
            let third = c.get(5);
            let sep2 = c.get(4).map(|s| s.as_str());
            // Glued to other digits or decimal points: a version, a value, an ID.
            let before = doc.text[..m.start()].chars().next_back();
            let after = doc.text[m.end()..].chars().next();
            if matches!(before, Some('/' | '.' | '-' | '$' | '#' | ':')) && before.is_some_and(|ch| ch != '-' || doc.text[..m.start()].ends_with(|ch: char| ch.is_ascii_digit())) {
                continue;
            }
            if matches!(after, Some('%' | '/')) || (matches!(after, Some('.' | '-' | ':')) && doc.text[m.end() + 1..].starts_with(|ch: char| ch.is_ascii_digit())) {
                continue;
            }
            let (Ok(x), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>()) else { continue };
            let score = if a.len() == 4 {
                // ISO 2026-03-14: needs a third part and the same separator.
                let Some(d) = third else { continue };
                if sep2 != Some(sep1) || sep1 == "/" && false {
                    continue;
                }
                let Ok(day) = d.as_str().parse::<u32>() else { continue };
                if !(1900..=2100).contains(&x) || !valid_month_day(y, day) || d.as_str().len() != 2 {
                    continue;
                }
                0.95
            } else if let Some(year) = third {
                if sep2 != Some(sep1) {
                    continue;
                }
                let yl = year.as_str().len();
                if yl == 3 {
                    continue;
                }
                // US month/day, or day/month when the first part exceeds 12.
                if !(valid_month_day(x, y) || valid_month_day(y, x)) {
                    continue;
                }
                if sep1 == "." && yl == 2 && !doc.cue_before(m.start(), 3, &["dob", "born", "on", "date", "dated", "admitted", "discharged", "seen"]) {
                    // "1.5.10" is more likely a version or a value list.
                    continue;
                }
                if sep1 == "-" && yl == 2 && x > 12 {
                    continue;
                }
                0.9
            } else {
                // Two parts: "3/14". Dashes and dots are ranges and decimals.
                // Day/month when the first part exceeds 12 ("17/03"), except the
                // clinical shorthand for days, months ("10/7", "18/12") and 24/7.
                let day_month = x > 12 && valid_month_day(y, x) && !matches!(y, 7 | 12);
                if sep1 != "/" || a.len() > 2 || b.len() > 2 || !(valid_month_day(x, y) || day_month) {
                    continue;
                }
                if doc.cue_before(m.start(), 2, SCORE_CUES) || doc.cue_after(m.end(), 2, SCORE_CUES) {
                    continue;
                }
                // "1/2", "2/3": small fractions unless a date cue is near.
                let date_cue = doc.cue_before(m.start(), 3, &["on", "dob", "since", "from", "until", "by", "date", "admitted", "discharged", "seen", "born", "surgery", "died", "passed", "due"]);
                if y <= 4 && x < y && !date_cue {
                    continue;
                }
                if date_cue {
                    0.85
                } else {
                    0.7
                }
            };
            out.push(Candidate::new(m.start(), m.end(), Category::Date, score, MESSAGE).suggest("recently"));
        }
    }

    fn month_names(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        if !may_name_a_month(doc) {
            // Only the ordinal-day forms ("on the 14th") are left to look for.
            if doc.text.bytes().any(|b| b.is_ascii_digit()) {
                self.ordinal_days(doc, out);
            }
            return;
        }
        for c in MONTH_DAY.captures_iter(doc.text) {
            let m = c.get(0).expect("match");
            let month_tok = &c[1];
            let Some(month) = month_number(month_tok) else { continue };
            let Ok(day) = c[2].parse::<u32>() else { continue };
            if !valid_month_day(month, day) {
                continue;
            }
            let lower = month_tok.to_ascii_lowercase();
            let capital = month_tok.starts_with(|ch: char| ch.is_ascii_uppercase());
            if ambiguous_month(&lower) && !capital && c.get(3).is_none() {
                continue;
            }
            // "May 5 mg" / "march 2 miles": a number with a unit after it.
            if doc.cue_after(m.end(), 1, &["mg", "ml", "mcg", "g", "kg", "lbs", "units", "tabs", "tablets", "times", "days", "weeks", "months", "years", "hours", "miles", "km", "patients", "people"]) {
                continue;
            }
            out.push(Candidate::new(m.start(), m.end(), Category::Date, 0.9, MESSAGE).suggest("recently"));
        }
        for c in DAY_MONTH.captures_iter(doc.text) {
            let m = c.get(0).expect("match");
            let Some(month) = month_number(&c[3]) else { continue };
            let Ok(day) = c[1].parse::<u32>() else { continue };
            if !valid_month_day(month, day) {
                continue;
            }
            let lower = c[3].to_ascii_lowercase();
            let capital = c[3].starts_with(|ch: char| ch.is_ascii_uppercase());
            if ambiguous_month(&lower) && !capital {
                continue;
            }
            if lower == "may" && c.get(2).is_none() {
                // "2 may help" — modal verb.
                continue;
            }
            out.push(Candidate::new(m.start(), m.end(), Category::Date, 0.9, MESSAGE).suggest("recently"));
        }
        // Date spans found so far, by start, with the running maximum end: an
        // O(log n) "overlaps a date?" test (a scan of `out` per match was quadratic).
        let mut dates: Vec<(usize, usize)> = out.iter().filter(|o| o.category == Category::Date).map(|o| (o.start, o.end)).collect();
        dates.sort_unstable();
        let mut max_end = Vec::with_capacity(dates.len());
        for &(_, e) in &dates {
            max_end.push(max_end.last().map_or(e, |&m: &usize| m.max(e)));
        }
        let overlaps_date = |s: usize, e: usize| {
            let i = dates.partition_point(|&(ds, _)| ds < e);
            i > 0 && max_end[i - 1] > s
        };
        for c in MONTH_YEAR.captures_iter(doc.text) {
            let m = c.get(0).expect("match");
            let capital = c[1].starts_with(|ch: char| ch.is_ascii_uppercase());
            if ambiguous_month(&c[1].to_ascii_lowercase()) && !capital {
                continue;
            }
            if overlaps_date(m.start(), m.end()) {
                continue;
            }
            out.push(Candidate::new(m.start(), m.end(), Category::Date, 0.8, MESSAGE).suggest("recently"));
        }
        static PATIENT_SET: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(PATIENT_CUES));
        let patient_post = doc.has_any(&PATIENT_SET);
        for c in RELATIVE_MONTH.captures_iter(doc.text) {
            let m = c.get(0).expect("match");
            let month = c.get(2).expect("month");
            if month.as_str() == "may" || month.as_str() == "May" && c[1].eq_ignore_ascii_case("by") {
                continue;
            }
            if !month.as_str().starts_with(|ch: char| ch.is_ascii_uppercase()) {
                continue;
            }
            // "in March 14th" / "March 2025": the fuller patterns above own it.
            let rest = &doc.text[month.end()..];
            let after = rest.trim_start_matches(|ch: char| ch == '.' || ch == ',' || ch == ' ');
            // (Not across a sentence end: "back in February. 91 years young".)
            let sentence_ends = rest.starts_with(". ") || rest.starts_with(".\n");
            if after.starts_with(|ch: char| ch.is_ascii_digit()) && !sentence_ends {
                continue;
            }
            let modifier = c[1].to_ascii_lowercase();
            let strong = matches!(modifier.as_str(), "last" | "this past" | "since" | "back in");
            // Elsewhere just under the bar, so a post that names or ages
            // someone ("this 15-year-old tore her ACL in February") still counts it.
            let score = if strong && patient_post {
                0.8
            } else if patient_post {
                0.6
            } else {
                0.42
            };
            // Label the month (and its modifier when it pins the date).
            let start = if strong { m.start() } else { month.start() };
            out.push(Candidate::new(start, month.end(), Category::Date, score, MESSAGE).suggest("recently"));
        }
        for m in SPELLED_DAY.find_iter(doc.text) {
            out.push(Candidate::new(m.start(), m.end(), Category::Date, 0.85, MESSAGE).suggest("recently"));
        }
        self.ordinal_days(doc, out);
    }

    /// "on the 14th", "Tuesday the 3rd".
    fn ordinal_days(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        for c in ORDINAL_DAY.captures_iter(doc.text) {
            let m = c.get(0).expect("match");
            let Ok(day) = c[2].parse::<u32>() else { continue };
            if day == 0 || day > 31 {
                continue;
            }
            let lead = c.get(1).map(|l| l.as_str().to_ascii_lowercase());
            let rest = doc.text[m.end()..].trim_start();
            let next_word_noun = doc.cue_after(m.end(), 1, ORDINAL_NOUNS)
                || lead.is_none() && rest.starts_with(|ch: char| ch.is_alphabetic()) && !doc.cue_after(m.end(), 1, &["of", "at", "and", "when", "after", "before", "in", "she", "he", "they", "we", "i", "for", "to", "with"]);
            if next_word_noun {
                continue;
            }
            let weekday = lead.as_deref().is_some_and(|l| !matches!(l, "on" | "since" | "by" | "until" | "before" | "after" | "from"));
            let score = if weekday || lead.is_some() { 0.85 } else { 0.7 };
            let start = if weekday { m.start() } else { c.get(0).map(|_| m.start() + m.as_str().to_ascii_lowercase().find("the").unwrap_or(0)).unwrap_or(m.start()) };
            out.push(Candidate::new(start, m.end(), Category::Date, score, MESSAGE).suggest("recently"));
        }
    }
}

/// Words that say the post is about a patient (used to weigh vague dates).
pub const PATIENT_CUES: &[&str] = &[
    "pt", "patient", "patients", "client", "resident", "my patient", "admitted", "discharged", "presented",
    "came in", "brought in", "diagnosed", "dob", "born", "passed away", "died", "surgery", "seen", "mr", "mrs",
];

impl Recognizer for DatesRecognizer {
    fn name(&self) -> &'static str {
        "dates"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        let first = out.len();
        let bytes = doc.text.as_bytes();
        if bytes.iter().any(u8::is_ascii_digit) {
            self.numeric(doc, out);
        }
        self.month_names(doc, out);
        // A date is PHI when tied to a patient: in a post that is not about a
        // patient (an event, an awareness day, the clinician's own life),
        // only a birth date still counts.
        // "my own birthday is 3/14", "I was born on 2 June": the writer's own.
        for c in &mut out[first..] {
            if doc.cue_before(c.start, 4, &["my birthday", "my own birthday", "my bday", "my b-day", "my anniversary", "my wedding", "my due date", "my dob", "i was born", "i'm due", "i am due"]) {
                c.score = c.score.min(0.3);
            }
        }
        if !doc.patient_context {
            for c in &mut out[first..] {
                if !doc.cue_before(c.start, 3, &["dob", "d.o.b", "born", "birthdate", "birthday", "date of birth"]) {
                    c.score = c.score.min(0.45);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn dates(text: &str) -> Vec<String> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let mut out = Vec::new();
        DatesRecognizer.recognize(&doc, &mut out);
        out.retain(|c| c.score >= 0.5);
        out.iter().map(|c| text[c.start..c.end].to_string()).collect()
    }

    #[test]
    fn finds_common_forms() {
        assert_eq!(dates("pt seen on 3/14 for f/u"), ["3/14"]);
        assert_eq!(dates("DOB 04/02/1961"), ["04/02/1961"]);
        assert_eq!(dates("admitted 2026-03-14 overnight"), ["2026-03-14"]);
        assert_eq!(dates("my patient was admitted 17-Sep-58"), ["17-Sep-58"]);
        assert_eq!(dates("pt finished rehab on the twenty-second of March"), ["the twenty-second of March"]);
        assert_eq!(dates("I saw Mrs. J in clinic on Friday the 6th for her visit"), ["Friday the 6th"]);
        assert_eq!(dates("pt came in March 14th with chest pain"), ["March 14th"]);
        assert_eq!(dates("admitted since 14 March 2025"), ["14 March 2025"]);
        assert_eq!(dates("On Tuesday the 9th my patient coded"), ["Tuesday the 9th"]);
        assert_eq!(dates("my patient was admitted last March"), ["last March"]);
        assert_eq!(dates("Mrs. K walked out today after breaking her hip back in February. 91 years young"), ["back in February"]);
        assert_eq!(dates("Mrs. Henderson broke her hip back in February"), ["back in February"]);
        assert_eq!(dates("born 12.05.1988 per chart"), ["12.05.1988"]);
        assert_eq!(dates("pt had surgery Dec. 3, 2024"), ["Dec. 3, 2024"]);
        assert_eq!(dates("the patient came back on the 22nd."), ["the 22nd"]);
        assert_eq!(dates("Christmas Eve 12/24 the pt arrived"), ["12/24"]);
        assert_eq!(dates("twins born at 09:14 and 09:17 on 17/03 here at the Coombe"), ["17/03"]);
    }

    #[test]
    fn stays_quiet_on_non_dates() {
        for t in [
            "BP 120/80 this morning",
            "pain 8/10 on arrival",
            "take 1/2 tab at night",
            "open 24/7 for you",
            "pt with 10/7 of cough, now 18/12 old sibling also unwell",
            "in 2019 I started nursing",
            "A1c 5.7–6.4% = prediabetes",
            "1 in 3 adults have high blood pressure",
            "7-9 hours of sleep",
            "happy New Year everyone",
            "this may help with nausea",
            "the 3rd dose is due",
            "she is in her 2nd trimester",
            "may 2 tabs help? no",
            "version 1.2.3 released",
            "dose 2.5-5 mg daily",
            "March is colorectal cancer awareness month",
            "10-15 minutes",
            "score of 3/4 on the test",
            "ratio 2:1",
            "Our new clinic opens June 3. Free BP checks!",
            "World Down Syndrome Day is 3/21 for a reason",
            "Office closed Monday, May 26 for Memorial Day",
            "my own birthday is 3/14 and i'm working a double on the unit",
            "Pt asked when I was born: 2 June, same as hers",
        ] {
            assert!(dates(t).is_empty(), "{t:?} gave {:?}", dates(t));
        }
    }

    #[test]
    fn validates_month_and_day() {
        assert!(dates("pt seen on 2/30").is_empty());
        assert!(dates("on 13/13/2020 she").is_empty());
        assert_eq!(dates("pt seen on 31/12/2020"), ["31/12/2020"]);
    }
}
