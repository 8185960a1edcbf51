//! Recognizer for patient ages: "84-year-old", "71 yo", "a 7 y/o", "84F",
//! "45 M", "aged 91", "age 67", "eighty-four-year-old", "3-week-old".
//!
//! Ages under 90 are a relative contraindication (quasi-identifiers); 90 and
//! over are a Safe Harbor identifier (absolute). Durations ("for 10 years",
//! "5 years of experience"), weeks of pregnancy and decades ("in her 80s")
//! are not ages.

use std::sync::LazyLock;

use crate::text::cue_regex::{CapRegex, Prefilter};

use crate::finding::{Category, Severity};
use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer, REPORT_THRESHOLD};

pub struct AgesRecognizer;

const NUM_WORD: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a |one )?hundred(?:[- ](?:and[- ])?\w+)?)";

static YEARS_OLD: LazyLock<CapRegex> = LazyLock::new(|| {
    CapRegex::new(&format!(
        r"(?i)(?-u:\b)([0-9]{{1,3}}|{NUM_WORD})(?:\s*-\s*|\s+)?(year|yr|month|mo|week|wk|day)s?(?:\s*-\s*|\s+)(?:old|young|of\s+age)(?-u:\b)"
    ), Prefilter::Off, "years-old regex")
});
/// "71 yo", "71yo", "7 y/o", "71 y.o.", "71yoF", "62yom", "71 yrs".
static YO: LazyLock<CapRegex> = LazyLock::new(|| {
    CapRegex::new(r"(?i)(?-u:\b)([0-9]{1,3})\s*(?:y/o|y\.o\.?|yo|yr?s?\s*old|y)(?:[mf](?-u:\b))?(?:(?-u:\b)|$)", Prefilter::Off, "yo regex")
});
/// "a 3mo", "our 5 mo", "this 9mth": months old, written the clinical way.
static MONTHS_SHORT: LazyLock<CapRegex> = LazyLock::new(|| {
    CapRegex::new(r"(?i)(?-u:\b)(?:a|an|the|my|our|this|that)\s+([0-9]{1,2}\s?(?:mo|mos|m/o|mth|mths))(?-u:\b)", Prefilter::Keep, "months-short regex")
});
/// "pt Dwayne, M45, c/o": sex before age, set off by commas or brackets.
static SEX_AGE: LazyLock<CapRegex> = LazyLock::new(|| {
    CapRegex::new(r"[,(]\s*[MF]([0-9]{2,3})\s*[,)]", Prefilter::Keep, "sex-age regex")
});
/// "84F", "45 M", "84 F", "84f" (glued lowercase f only), "M45"? no.
static AGE_SEX: LazyLock<CapRegex> = LazyLock::new(|| {
    CapRegex::new(r"(?-u:\b)([0-9]{1,3})(?:\s?([FM])|(f))(?-u:\b)", Prefilter::Off, "age-sex regex")
});
/// "aged 91", "age 67", "age: 67", "at age 67", "ages 3 and 5".
static AGED: LazyLock<CapRegex> = LazyLock::new(|| {
    CapRegex::new(&format!(r"(?i)(?-u:\b)(?:aged?|ages)\s*:?\s+([0-9]{{1,3}}|{NUM_WORD})(?-u:\b)"), Prefilter::Keep, "aged regex")
});
/// "turned 90", "turns 100", "just turned eighty".
static TURNED: LazyLock<CapRegex> = LazyLock::new(|| {
    CapRegex::new(&format!(r"(?i)(?-u:\b)(?:turned|turning|turns|turn)\s+([0-9]{{1,3}}|{NUM_WORD})(?-u:\b)"), Prefilter::Keep, "turned regex")
});

/// A bare age set off after a person: "Mrs. Voss, 106, discharged",
/// "Bea (6)", "88, end-stage COPD", "93 today and still beating me".
static BARE: LazyLock<CapRegex> = LazyLock::new(|| {
    CapRegex::new(r"(?:^|[,(]\s*|[.!?:;]\s+)([0-9]{1,3})(?:\s*\)|\s*,|\s*(?:and|&)\s|\s*$|\s+today\b)", Prefilter::Off, "bare age regex")
});
/// "she's 96", "he was 47", "Dawn is 102", "I'm 58", "you're 31".
static IS_AGE: LazyLock<CapRegex> = LazyLock::new(|| {
CapRegex::new(r"(?-u:\b)(?:[Ss]he|[Hh]e|I|[Yy]ou|[Tt]hey|[Ww]ho|[Pp]t|[Pp]atient|[A-Z][a-z]+|(?:[Bb]ed|[Rr]oom|[Bb]ay) \d{1,4}[A-Za-z]?)\s*(?:is|was|'s|’s|'m|’m|am|are|'re|’re|were|turned|turns|just turned)\s+([0-9]{1,3})(?-u:\b)", Prefilter::Off, "is-age regex")
});
/// "he's ninety-four", "she is a hundred and two": an age in words after
/// "is". Read only in posts about a patient, and only when no unit follows
/// ("is two hours late", "is one of").
static IS_AGE_WORDS: LazyLock<CapRegex> = LazyLock::new(|| {
    CapRegex::new(&format!(r"(?i)(?:\s(?:is|was|turned|turns|just turned)|['’]s)\s+(?:now\s+|still\s+|only\s+|nearly\s+|almost\s+)?({NUM_WORD})(?-u:\b)"), Prefilter::Keep, "is-age words regex")
});
/// "who at 67 just ran", "his stroke came at 34", "breaking her hip, at 91":
/// an age after "at", told of someone (see [`at_age`]).
static AT_AGE: LazyLock<CapRegex> = LazyLock::new(|| {
    CapRegex::new(r"(?i)(?-u:\b)at ([1-9][0-9]|1[01][0-9])(?-u:\b)", Prefilter::Keep, "at-age regex")
});
/// "her 90th birthday", "Happy 100th birthday".
static BIRTHDAY: LazyLock<CapRegex> = LazyLock::new(|| {
    CapRegex::new(r"(?i)(?-u:\b)([0-9]{1,3})(?:st|nd|rd|th)\s+(?:birthday|bday|b-day)|(?-u:\b)happy\s+([0-9]{2,3})(?:st|nd|rd|th)(?-u:\b)", Prefilter::Keep, "birthday regex")
});

/// Unit words after a number that make it a measurement, not an age.
const UNITS_AFTER: &[&str] = &[
    "mg", "mcg", "g", "kg", "lb", "lbs", "ml", "l", "units", "unit", "min", "mins", "minutes", "hours", "hrs", "hr", "days",
    "weeks", "months", "percent", "times", "x", "mmhg", "bpm", "beats", "breaths", "cm", "mm", "km", "miles", "mi",
    "degrees", "points", "pts", "patients", "people", "nurses", "beds", "tabs", "pills", "am", "pm", "o'clock", "feet",
    "ft", "inches", "steps", "calories", "kcal", "mmol", "of", "out", "per", "percentile", "weeks'", "wks",
];

/// Capitalised words before "is/was N" that are measurements, not people.
const NOT_PEOPLE: &[&str] = &[
    "glucose", "sodium", "potassium", "creatinine", "hemoglobin", "hgb", "troponin", "lactate", "score", "temp",
    "pain", "bp", "pulse", "weight", "bmi", "sugar", "level", "count", "saturation", "sat", "it", "this", "that",
    "there", "what", "which", "number", "dose", "inr", "wbc", "platelets", "gcs", "apgar", "bilirubin", "calcium",
    "magnesium", "ph", "rate", "time", "today", "rank", "grade", "stage", "size",
];

fn word_value(w: &str) -> Option<u32> {
    let w = w.to_ascii_lowercase();
    let units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    // "a hundred and two", "one hundred-and-one", "hundred": 100 plus the rest.
    if let Some(at) = w.find("hundred") {
        let rest = w[at + "hundred".len()..].trim_start_matches([' ', '-']);
        let rest = rest.strip_prefix("and").map_or(rest, |r| r.trim_start_matches([' ', '-']));
        return Some(100 + if rest.is_empty() { 0 } else { word_value(rest).filter(|&n| n < 100)? });
    }
    let mut total = 0;
    for part in w.split(['-', ' ']) {
        if let Some(i) = units.iter().position(|u| *u == part) {
            total += i as u32;
        } else if let Some(i) = tens.iter().position(|t| !t.is_empty() && *t == part) {
            total += 10 * i as u32;
        } else {
            return None;
        }
    }
    Some(total)
}

/// "a woman in her 80s" style rewrite for an age in years.
fn decade_phrase(age: u32, sex: Option<char>) -> String {
    if age >= 90 {
        return match sex {
            Some('F') => "a woman aged 90 or over".into(),
            Some('M') => "a man aged 90 or over".into(),
            _ => "aged 90 or over".into(),
        };
    }
    if age < 20 {
        return match sex {
            Some('F') => "a girl".into(),
            Some('M') => "a boy".into(),
            _ => if age < 13 { "a child".into() } else { "a teenager".into() },
        };
    }
    let decade = age / 10 * 10;
    match sex {
        Some('F') => format!("a woman in her {decade}s"),
        Some('M') => format!("a man in his {decade}s"),
        _ => format!("in their {decade}s"),
    }
}

fn age_candidate(start: usize, end: usize, age: u32, score: f32, suggestion: String) -> Candidate {
    let (severity, message) = if age >= 90 {
        (Severity::Absolute, "Age over 89: a direct identifier under HIPAA Safe Harbor (aggregate as 90 or older)")
    } else {
        (Severity::Relative, "Patient's age: combined with other details it can identify them")
    };
    Candidate::new(start, end, Category::Age, score, message).severity(severity).suggest(suggestion)
}

/// Glued to a decimal point, a slash or a unit: "2.84F" (temperature), "1/84".
fn glued(text: &str, start: usize) -> bool {
    let head = &text[..start];
    let mut chars = head.chars();
    // (Step back one character, not one byte: '°' is two.)
    let last = chars.next_back();
    last.is_some_and(|c| matches!(c, '.' | '/' | ',' | '$' | '#' | '°')) && chars.as_str().ends_with(|c: char| c.is_ascii_digit())
        || last.is_some_and(|c| matches!(c, '$' | '#' | '°' | '+'))
}

impl Recognizer for AgesRecognizer {
    fn name(&self) -> &'static str {
        "ages"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        let text = doc.text;
        for c in YEARS_OLD.captures_iter(text) {
            let m = c.get(0).expect("match");
            let Some(n) = word_value(&c[1]) else { continue };
            let unit = c[2].to_ascii_lowercase();
            let in_years = unit.starts_with('y');
            if in_years && n > 120 || glued(text, m.start()) {
                continue;
            }
            let suggestion = if in_years { decade_phrase(n, None).replace("in their ", "") + "-something-year-old" } else { "young".into() };
            let suggestion = if in_years && n < 20 { "young".into() } else if in_years && n >= 90 { "90+-year-old".into() } else { suggestion };
            let age = if in_years { n } else { 0 };
            // "my 4-year-old brought home norovirus": the clinician's own child,
            // unless a patient word follows ("my 92-year-old patient").
            // An adult ("my seventy-eight year old sweetheart from the dialysis
            // unit") is rarely the clinician's child; a parent says "mom".
            let own = own_before(doc, m.start(), m.end()) && (n < 25 || doc.cue_after(m.end(), 2, OWN_KIN));
            // A threshold ("if you're over 1 year old") or a made-up case ("a
            // hypothetical 45-year-old man") is nobody's age.
            // "if your 2-year-old isn't talking yet": the reader's child, anyone's.
            let generic = doc.cue_before(m.start(), 1, &["over", "under", "than", "below", "above", "your"])
                || doc.cue_before(m.start(), 2, &["hypothetical", "fictional", "imaginary", "typical", "average", "theoretical"]);
            if generic {
                continue;
            }
            let score = if own { 0.4 } else { 0.95 };
            out.push(age_candidate(m.start(), m.end(), age, score, suggestion));
        }
        if doc.patient_context {
            spelled_is_age(doc, out);
        }
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            for c in AGED.captures_iter(text) {
                let g = c.get(1).expect("number");
                if let Some(n) = word_value(g.as_str()).filter(|n| *n <= 120) {
                    let m = c.get(0).expect("match");
                    out.push(age_candidate(m.start(), m.end(), n, 0.85, decade_phrase(n, None)));
                }
            }
            return;
        }
        for c in YO.captures_iter(text) {
            let m = c.get(0).expect("match");
            let Ok(n) = c[1].parse::<u32>() else { continue };
            if n > 120 || glued(text, m.start()) {
                continue;
            }
            // "15–17 yo baseball players": a range of ages is a population.
            if text[..m.start()].trim_end().ends_with(['–', '-', '—']) && text[..m.start()].trim_end().trim_end_matches(['–', '-', '—']).trim_end().ends_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            let raw = m.as_str();
            // A bare "y" ("5y") only counts glued to the number, and "yrs" needs "old".
            let suffix = raw[c[1].len()..].trim_start().to_ascii_lowercase();
            if suffix == "y" && raw.len() != c[1].len() + 1 {
                continue;
            }
            if suffix.starts_with("yr") && !suffix.contains("old") {
                continue;
            }
            if suffix == "y" && doc.cue_after(m.end(), 1, &["ago", "of", "later", "earlier", "history", "hx", "since"]) {
                continue;
            }
            let sex = suffix.chars().last().and_then(|ch| match ch.to_ascii_uppercase() {
                'F' if suffix.len() > 1 => Some('F'),
                'M' if suffix.len() > 1 => Some('M'),
                _ => None,
            });
            // "my own 9yo at home": the clinician's child.
            let score = if own_before(doc, m.start(), m.end()) && n < 25 { 0.4 } else { 0.95 };
            out.push(age_candidate(m.start(), m.end(), n, score, decade_phrase(n, sex)));
        }
        for c in AGE_SEX.captures_iter(text) {
            let digits = c.get(1).expect("digits");
            let Ok(n) = digits.as_str().parse::<u32>() else { continue };
            if n > 120 || glued(text, digits.start()) {
                continue;
            }
            let sex = c.get(2).or(c.get(3)).map(|s| s.as_str().to_ascii_uppercase().chars().next().unwrap_or('F'));
            let m = c.get(0).expect("match");
            // "98.6F" is a temperature; "45 M" followed by a unit word is not a person.
            let after = &text[m.end()..];
            if doc.cue_before(m.start(), 1, &["room", "rm", "bed", "bay", "floor", "unit", "apt", "suite", "gate", "size", "ward", "level", "pod"]) {
                continue;
            }
            if after.starts_with(['°', '%']) || doc.cue_after(m.end(), 1, &["mg", "ml", "units", "min", "minutes"]) {
                continue;
            }
            // Temperatures: "fever 102F", "temp of 101 F".
            if doc.cue_before(m.start(), 3, &["temp", "temperature", "fever", "febrile", "tmax", "t", "degrees"]) || (95..=110).contains(&n) && !doc.cue_after(m.end(), 2, &["with", "who", "pt", "patient", "presenting", "presents", "came", "c/o", "s/p", "hx", "from", "in", "here"]) && doc.has_cue(&["fever", "temp", "temperature"]) {
                continue;
            }
            out.push(age_candidate(digits.start(), digits.end(), n, 0.9, decade_phrase(n, sex)));
        }
        // Cheap byte checks keep these two off the posts they cannot match.
        let bytes = text.as_bytes();
        let months_short = bytes.windows(2).any(|w| w[0].is_ascii_digit() && matches!(w[1], b'm' | b'M' | b' ')) && (text.contains("mo") || text.contains("mth"));
        let sex_digit = bytes.windows(2).any(|w| matches!(w[0], b'M' | b'F') && w[1].is_ascii_digit());
        for c in MONTHS_SHORT.captures_iter(if months_short { text } else { "" }) {
            let g = c.get(1).expect("age");
            out.push(age_candidate(g.start(), g.end(), 0, 0.85, "young".into()));
        }
        if doc.patient_context && sex_digit {
            for c in SEX_AGE.captures_iter(text) {
                let g = c.get(1).expect("digits");
                let Ok(n) = g.as_str().parse::<u32>() else { continue };
                if (12..=110).contains(&n) {
                    out.push(age_candidate(g.start(), g.end(), n, 0.85, decade_phrase(n, None)));
                }
            }
        }
        for c in BIRTHDAY.captures_iter(text) {
            // ("happy 90th Mrs. Sunita Rao": the milestone said without "birthday".)
            let Some(g) = c.get(1).or_else(|| c.get(2)) else { continue };
            let Ok(n) = g.as_str().parse::<u32>() else { continue };
            // "the week of my 40th birthday": the writer's own.
            if doc.words_before(g.start(), 2).iter().any(|w| w.bare() == "my") {
                continue;
            }
            if (1..=120).contains(&n) {
                out.push(age_candidate(g.start(), g.end() + 2, n, 0.85, "milestone".into()));
            }
        }
        if doc.patient_context {
            at_age(doc, out);
        }
        // Names found so far (the names recognizer runs first): outside a
        // post about patients, a bare age still counts right after one
        // ("Ron, 45, from Lake Havasu", "a first-time mum, Priyanka, 29,").
        let names: Vec<(usize, usize)> =
            out.iter().filter(|c| c.category == Category::Name && c.score >= REPORT_THRESHOLD).map(|c| (c.start, c.end)).collect();
        if doc.patient_context || !names.is_empty() {
            for re in [&*BARE, &*IS_AGE] {
                if !doc.patient_context && !std::ptr::eq(re, &*BARE) {
                    continue;
                }
                for c in re.captures_iter(text) {
                    let g = c.get(1).expect("number");
                    let Ok(n) = g.as_str().parse::<u32>() else { continue };
                    if !(1..=120).contains(&n) || glued(text, g.start()) {
                        continue;
                    }
                    if !doc.patient_context && !names.iter().any(|&(_, e)| e <= g.start() && matches!(text[e..g.start()].trim(), "," | "(")) {
                        continue;
                    }
                    let after = &text[g.end()..];
                    // "93 today" opens a sentence; "Admits: 12 today" is a count.
                    let head = text[..g.start()].trim_end();
                    let bare = std::ptr::eq(re, &*BARE);
                    if bare && after.trim_start().starts_with("today") && !(head.is_empty() || head.ends_with(['.', '!', '?'])) {
                        continue;
                    }

                    // "discharges: 9", "beds: 12": a count after a plural label.
                    if let Some(label) = head.strip_suffix(':') {
                        if label.rsplit(|ch: char| !ch.is_alphanumeric()).next().is_some_and(|w| w.len() > 3 && w.ends_with('s')) {
                            continue;
                        }
                    }
                    // ('°' is two bytes: step over the first character, not one byte.)
                    let rest = after.get(after.chars().next().map_or(0, char::len_utf8)..).unwrap_or("");
                    if after.starts_with(['%', '.', '/', ':', '°']) && rest.starts_with(|ch: char| ch.is_ascii_digit() || ch == ' ') && !after.starts_with(". ") || after.starts_with('%') {
                        continue;
                    }
                    if doc.cue_after(g.end(), 1, UNITS_AFTER) || doc.cue_before(g.start(), 1, &["room", "rm", "bed", "bay", "floor", "unit", "apt", "suite", "gate", "ward", "level", "pod", "page", "step", "stage", "grade", "type", "day", "week", "cycle", "number", "no", "#", "x", "gcs", "score", "a1c", "bmi", "k", "na", "hr", "rr", "bp", "o2", "sat", "sats", "temp", "glucose", "sugar", "was", "is"]) && !std::ptr::eq(re, &*IS_AGE) {
                        continue;
                    }
                    // Part of a list of numbers ("1, 2, 3") or a range.
                    // ...unless the number before is a bed or room ("bed 12, 81,").
                    let head = text[..g.start()].trim_end_matches([' ', ',', '(']);
                    let prev_num = head.ends_with(|ch: char| ch.is_ascii_digit())
                        && !doc.cue_before(head.trim_end_matches(|ch: char| ch.is_ascii_alphanumeric()).len(), 1, &["bed", "room", "bay", "rm", "unit", "pod", "floor"]);
                    // ("Marisol, 16, 28 weeks pregnant": the next number is a measurement.)
                    let next = after.trim_start_matches([' ', ',', ')']);
                    let next_num = next.starts_with(|ch: char| ch.is_ascii_digit()) && {
                        let digits = next.bytes().take_while(u8::is_ascii_digit).count();
                        !doc.cue_after(g.end() + (after.len() - next.len()) + digits, 1, &["weeks", "days", "months", "wks", "lb", "lbs", "kg"])
                    };
                    if prev_num || next_num {
                        continue;
                    }
                    let is_form = std::ptr::eq(re, &*IS_AGE);
                    // "My dad (78, retired plumber)", "Our daughter Ellie turned 7";
                    // "Watching my dad go through a knee replacement... He's 71" in a
                    // post about the clinician's family and no patient.
                    if own_family_before(doc, g.start()) || is_form && own_family_post(doc) {
                        continue;
                    }
                    if is_form {
                        // "I'm 41": the clinician's own age is theirs to share.
                        // Only the last few bytes matter; lowercasing the whole prefix was quadratic.
                        let head = text[..g.start()].trim_end();
                        let mut from = head.len().saturating_sub(8);
                        while !head.is_char_boundary(from) {
                            from -= 1;
                        }
                        let lead = head[from..].to_ascii_lowercase();
                        if lead.ends_with("i'm") || lead.ends_with("i’m") || lead.ends_with("i am") {
                            continue;
                        }
                        // "when you're 60, diabetic and sweaty": a condition put to
                        // every reader ("you're 31, GCS 6" speaks to one person).
                        let you = lead.ends_with("you're") || lead.ends_with("you’re") || lead.ends_with("you are");
                        if you && !doc.context.is_reply() && doc.cue_before(g.start(), 3, &["when", "if", "once", "until", "unless"]) {
                            continue;
                        }
                        // The word before "is/was", or the one "'s" is glued to ("She's 96",
                        // where the word before is the last sentence's "today.").
                        let mut before = text[..g.start()].split_whitespace().rev();
                        let last = before.next().unwrap_or("");
                        let glued_verb = last.len() > 2 && (last.ends_with("'s") || last.ends_with("’s") || last.ends_with("'m") || last.ends_with("’m") || last.ends_with("'re") || last.ends_with("’re"));
                        let subject = if glued_verb { last.trim_end_matches(|ch: char| ch.is_ascii_lowercase()).trim_end_matches(['\'', '’']) } else { before.next().unwrap_or("") };
                        let subject = subject.to_ascii_lowercase();
                        if NOT_PEOPLE.contains(&subject.trim_matches(|ch: char| !ch.is_alphanumeric())) {
                            continue;
                        }
                    }
                    if is_form && (n < 2 || doc.cue_after(g.end(), 1, &["years", "year", "yrs"]) && doc.cue_after(g.end(), 2, &["ago", "later", "earlier"])) {
                        continue;
                    }
                    let score = if is_form { 0.75 } else { 0.7 };
                    out.push(age_candidate(g.start(), g.end(), n, score, decade_phrase(n, None)));
                    // "Two sisters, 96 and 98,": the second of a pair set off the same way.
                    let m = c.get(0).expect("match");
                    if bare && m.as_str().trim_end().ends_with(['d', '&']) {
                        let rest = &text[m.end()..];
                        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                        let closes = rest[digits..].trim_start().starts_with([',', ')']) || rest[digits..].trim().is_empty();
                        if (1..=3).contains(&digits) && closes {
                            if let Some(k) = rest[..digits].parse::<u32>().ok().filter(|k| (1..=120).contains(k)) {
                                out.push(age_candidate(m.end(), m.end() + digits, k, score, decade_phrase(k, None)));
                            }
                        }
                    }
                }
            }
        }
        for re in [&*AGED, &*TURNED] {
            for c in re.captures_iter(text) {
                let m = c.get(0).expect("match");
                let g = c.get(1).expect("number");
                let Some(n) = word_value(g.as_str()) else { continue };
                if n > 120 || doc.cue_after(m.end(), 1, &["minutes", "min", "hours", "days", "weeks", "months", "mg", "percent", "times"]) {
                    continue;
                }
                // "ages 18-65" / "age 65+" in education: a range of a population.
                let after = &text[m.end()..];
                let rest = after.trim_start();
                if after.starts_with(['-', '–', '+']) || ["and up", "and older", "or older", "and over", "or over", "and above"].iter().any(|p| rest.starts_with(p)) {
                    continue;
                }
                // "in patients aged 80": a group, not a person.
                if doc.cue_before(m.start(), 1, &["patients", "people", "adults", "women", "men", "children", "kids", "those", "participants", "residents"]) {
                    continue;
                }
                if !doc.patient_context && doc.cue_before(m.start(), 1, &["at", "by", "from", "until", "after", "before", "over", "under", "starting", "start", "starts"]) {
                    continue;
                }
                let turned = std::ptr::eq(re, &*TURNED);
                if turned && n < 2 {
                    continue;
                }
                // "Our daughter Ellie turned 7": the clinician's own family.
                if turned && own_family_before(doc, m.start()) {
                    continue;
                }
                let score = if turned { 0.7 } else { 0.85 };
                out.push(age_candidate(m.start(), m.end(), n, score, decade_phrase(n, None)));
            }
        }
    }
}

/// "at 67" as an age: 13 or more (a smaller number is a clock time), no
/// unit, time or decimal after it, and a person just before ("who at 67",
/// "his stroke came at 34", "with a saddle PE at 24"). Posts about patients only.
fn at_age(doc: &Document<'_>, out: &mut Vec<Candidate>) {
    let text = doc.text;
    for c in AT_AGE.captures_iter(text) {
        let g = c.get(1).expect("number");
        let Ok(n) = g.as_str().parse::<u32>() else { continue };
        if n < 13 || glued(text, g.start()) {
            continue;
        }
        let after = &text[g.end()..];
        let mut chars = after.chars();
        let first = chars.next();
        let digit_next = chars.as_str().starts_with(|ch: char| ch.is_ascii_digit());
        if first.is_some_and(|f| matches!(f, '.' | ':' | '/' | '-' | ',') && digit_next || matches!(f, '%' | '°' | '+' | 'k' | 'K')) {
            continue;
        }
        if own_family_post(doc) {
            continue;
        }
        if doc.cue_after(g.end(), 1, UNITS_AFTER) || doc.cue_after(g.end(), 1, &["mph", "kph", "km/h", "knots", "rpm", "hz", "bucks", "dollars", "quid", "euros", "cents", "feet", "metres", "meters", "yards", "o'clock", "hundred", "sharp", "on", "and", "or", "to"]) {
            continue;
        }
        // "stopped at 40", "sats at 88", "glucose at 22": a reading or a limit.
        let m = c.get(0).expect("match");
        if doc.cue_before(m.start(), 1, &["sats", "sat", "spo2", "o2", "bp", "hr", "rate", "level", "glucose", "sugar", "sugars", "bgl", "temp", "pulse", "inr", "hb", "hgb", "score", "gcs", "stopped", "capped", "peaked", "sitting", "stuck", "look", "looked", "arrived", "starting", "started", "kicks", "kicked", "maxed", "set", "topped", "came"]) && !doc.cue_before(m.start(), 3, &["stroke", "cancer", "diagnosis", "heart attack", "dementia"]) {
            continue;
        }
        let person = doc.words_before(m.start(), 6).iter().any(|w| matches!(w.bare(), "who" | "he" | "she" | "his" | "her" | "him" | "they" | "their" | "pt" | "patient"))
            || out.iter().any(|o| o.category == Category::Name && o.score >= REPORT_THRESHOLD && o.end <= m.start() && m.start() - o.end <= 40);
        if !person {
            continue;
        }
        out.push(age_candidate(g.start(), g.end(), n, 0.7, decade_phrase(n, None)));
    }
}

/// Family words that make an age the clinician's own family's ("my 78-year-old dad").
const OWN_KIN: &[&str] = &[
    "son", "daughter", "kid", "kids", "child", "baby", "boy", "girl", "toddler", "mom", "mum", "mother", "dad", "father",
    "grandma", "grandpa", "grandmother", "grandfather", "nan", "nana", "husband", "wife", "sister", "brother", "niece", "nephew",
    "youngest", "eldest",
];

/// "my dad (78", "our daughter Ellie turned 7": a relative of the writer's
/// among the three words before.
fn own_family_before(doc: &Document<'_>, start: usize) -> bool {
    doc.words_before(start, 4).windows(2).any(|w| matches!(w[0].bare(), "my" | "our") && OWN_KIN.contains(&w[1].bare()))
}

/// The post speaks of the writer's relative ("my dad") and of no patient.
fn own_family_post(doc: &Document<'_>) -> bool {
    let words = &doc.words;
    // "Dad graduated from cardiac rehab today!": a post opening on a bare
    // "Dad"/"Mum" speaks of the writer's own.
    let opens_on_kin = words.first().is_some_and(|w| doc.text[w.start..].starts_with(|c: char| c.is_ascii_uppercase()) && matches!(w.bare(), "mom" | "mum" | "dad" | "mother" | "father" | "grandma" | "grandpa" | "nan" | "nana"));
    (opens_on_kin || words.windows(2).any(|w| matches!(w[0].bare(), "my" | "our") && OWN_KIN.contains(&w[1].bare())))
        && !words.iter().any(|w| matches!(w.bare(), "pt" | "pts" | "patient" | "patients" | "client" | "clients" | "resident" | "residents" | "mr" | "mrs" | "ms"))
}

/// "my 4-year-old", "my own 9yo": the writer's own (not "our 17 y/o admit",
/// which is how a unit speaks of its patient), unless a patient word
/// follows ("my 5yo pt").
fn own_before(doc: &Document<'_>, start: usize, end: usize) -> bool {
    let mine = match doc.words_before(start, 2) {
        [.., last] if last.bare() == "my" => true,
        [first, last] => first.bare() == "my" && last.bare() == "own",
        _ => false,
    };
    mine && !doc.cue_after(end, 2, &["patient", "pt", "client", "resident", "man", "woman", "lady", "gentleman", "admit", "bed", "room", "bay", "rm"])
}

/// A number word worth an age: "two" to "ninety", "hundred"; "ninety-four"
/// is looked up by its first part. ("one" is never an age here.)
fn is_number_word(w: &str) -> bool {
    matches!(
        w.split('-').next().unwrap_or(w),
        "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten" | "eleven" | "twelve" | "thirteen" | "fourteen"
            | "fifteen" | "sixteen" | "seventeen" | "eighteen" | "nineteen" | "twenty" | "thirty" | "forty" | "fifty" | "sixty"
            | "seventy" | "eighty" | "ninety" | "hundred"
    )
}

/// "he's ninety-four", "our oldest pt is a hundred and two" (see [`IS_AGE_WORDS`]).
fn spelled_is_age(doc: &Document<'_>, out: &mut Vec<Candidate>) {
    let text = doc.text;
    // Most posts hold no number word at all: a word look-up skips the regex.
    if !doc.words.iter().any(|w| is_number_word(w.bare())) {
        return;
    }
    for c in IS_AGE_WORDS.captures_iter(text) {
        let g = c.get(1).expect("number");
        let Some(n) = word_value(g.as_str()).filter(|n| (2..=120).contains(n)) else { continue };
        // "ninety-four-year-old" is the years-old form's; "two hours", "one of" are not ages.
        if text[g.end()..].starts_with(['-', '%']) || doc.cue_after(g.end(), 1, UNITS_AFTER) || doc.cue_after(g.end(), 1, &["year", "years", "more", "less", "fewer", "other", "weeks", "week", "month", "months", "day", "hour", "minute", "times", "or", "to"]) || text[g.end()..].starts_with(" and a half") {
            continue;
        }
        // The subject: "it's two", "that was three" are not people; "I'm" is the clinician.
        let m = c.get(0).expect("match");
        let head = text[..m.start()].trim_end();
        let subject: String = head.chars().rev().take_while(|ch| ch.is_alphanumeric()).collect::<Vec<_>>().into_iter().rev().collect::<String>().to_ascii_lowercase();
        if subject.is_empty() || NOT_PEOPLE.contains(&subject.as_str()) || matches!(subject.as_str(), "let" | "here" | "where" | "what" | "how" | "i" | "you" | "we" | "they" | "there" | "one" | "answer" | "ratio" | "risk" | "wait" | "number") {
            continue;
        }
        out.push(age_candidate(g.start(), g.end(), n, 0.75, decade_phrase(n, None)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn ages(text: &str) -> Vec<(String, Severity)> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let mut out = Vec::new();
        AgesRecognizer.recognize(&doc, &mut out);
        out.iter().map(|c| (text[c.start..c.end].to_string(), c.severity)).collect()
    }

    fn spans(text: &str) -> Vec<String> {
        ages(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn finds_common_forms() {
        assert_eq!(spans("an 84-year-old man"), ["84-year-old"]);
        assert_eq!(spans("71 yo on spironolactone"), ["71 yo"]);
        assert_eq!(spans("a 7 y/o with croup"), ["7 y/o"]);
        assert_eq!(spans("walked out of rehab today. 91 years young and tougher than us"), ["91 years young"]);
        assert_eq!(spans("pt Maria G, 84F from Bakersfield"), ["84"]);
        assert_eq!(spans("45 M with chest pain"), ["45"]);
        assert_eq!(spans("aged 91 and sharp"), ["aged 91"]);
        assert_eq!(spans("eighty-four-year-old grandmother"), ["eighty-four-year-old"]);
        assert_eq!(spans("a 3-week-old in the NICU"), ["3-week-old"]);
        assert_eq!(spans("62yoM with syncope"), ["62yoM"]);
        assert_eq!(spans("my 92 year old patient"), ["92 year old"]);
        assert_eq!(spans("my seventy-eight year old sweetheart from the dialysis unit"), ["seventy-eight year old"]);
        assert_eq!(spans("Mrs. Okonkwo in bed 14 is 96 and sharper than me"), ["96"]);
        assert_eq!(spans("Two sisters, 96 and 98, came in together for their flu jabs this morning"), ["96", "98"]);
        assert_eq!(spans("a farmer out past Belmullet. 87 years of age and still lambing"), ["87 years of age"]);
        assert_eq!(spans("storytime: a 3mo brought in at 2am"), ["3mo"]);
        assert_eq!(spans("Triage note from last night: pt Dwayne, M45, c/o leg pain"), ["45"]);
        assert_eq!(spans("the lovely Emma in room 9 turned up. She's 90 today"), ["90"]);
        assert_eq!(spans("Happy birthday to my hospice patient, Mr. Delgado. 93 today and still winning"), ["93"]);
        // Ages in words after "is", in a post about a patient.
        assert_eq!(spans("sat with a lovely gentleman today, he's ninety-four and sharp"), ["ninety-four"]);
        assert_eq!(spans("our oldest pt on the ward is a hundred and two and wants gin"), ["a hundred and two"]);
        assert_eq!(ages("our oldest pt on the ward is a hundred and two")[0].1, Severity::Absolute);
    }

    #[test]
    fn reads_numbers_in_words() {
        assert_eq!(word_value("ninety-four"), Some(94));
        assert_eq!(word_value("a hundred and two"), Some(102));
        assert_eq!(word_value("one hundred"), Some(100));
        assert_eq!(word_value("a hundred percent"), None);
    }

    #[test]
    fn the_clinicians_own_child_is_held_back() {
        let reported = |text: &str| {
            let ctx = PostContext::default();
            let mut out = Vec::new();
            AgesRecognizer.recognize(&Document::new(text, &ctx), &mut out);
            out.iter().filter(|c| c.score >= crate::text::recognizer::REPORT_THRESHOLD).count()
        };
        assert_eq!(reported("my own 9yo at home asked why I smell like hand sanitiser"), 0);
        assert_eq!(reported("my 4-year-old brought home norovirus"), 0);
        assert_eq!(reported("my 5yo pt told me he wants to be a nurse"), 1);
        assert_eq!(reported("My 9yo in bed 4 with new-onset T1D asked about cake"), 1);
        assert_eq!(reported("Our 17 y/o admit from the valley"), 1);
        assert_eq!(reported("My dad (78, retired plumber) had his knee replaced last week"), 0);
        assert_eq!(reported("Watching my dad go through a knee replacement last month. He's 71 and stubborn"), 0);
        assert_eq!(reported("My dad drove me to clinic today, where my patient told me he's 71"), 1);
    }

    #[test]
    fn bare_ages_after_a_name_and_glued_verbs() {
        // Outside a post about patients, a bare age right after a found name.
        let found = |text: &str| crate::text::analyze(text, &PostContext::default()).iter().filter(|f| f.category == Category::Age).count();
        assert_eq!(found("update on the fishhook guy from Tuesday: Ron, 45, from Lake Havasu, is fine"), 1);
        assert_eq!(found("A first-time mum, Priyanka, 29, got stuck in the lift"), 1);
        assert_eq!(found("pls pray for my pt Marisol, 16, 28 weeks pregnant"), 1);
        assert_eq!(found("Tickets are 45, 60 and 80 dollars"), 0);
        // "She's 96" after a sentence ending in "today.".
        assert_eq!(spans("A patient came in today. She's 96."), ["96"]);
        assert!(spans("Pt seen today. It's 96 in here.").is_empty());
    }

    #[test]
    fn ages_after_at() {
        let found = |text: &str| crate::text::analyze(text, &PostContext::default()).iter().filter(|f| f.category == Category::Age).map(|f| text.chars().skip(f.start).take(f.end - f.start).collect::<String>()).collect::<Vec<_>>();
        assert_eq!(found("huge shoutout to our patient who at 67 just ran his first parkrun"), ["67"]);
        assert_eq!(found("Pt sent money home every month. His stroke came at 34."), ["34"]);
        assert!(found("Pt's sats at 88 on arrival, he was fine after").is_empty());
        assert!(found("the patient says she wakes at 5 and at 11 every night").is_empty());
        assert!(found("Our patient was driving at 70 mph when he crashed").is_empty());
        assert!(found("Pt admitted, she arrived at 23:40 by ambulance").is_empty());
        assert!(found("patient temp at 39°F and he said at 40° it was worse").is_empty());
        assert!(found("Dad graduated from cardiac rehab today! He's back to walking 5 km at 74.").is_empty());
        assert!(found("my Apple Watch flagged AFib on me the week of my 40th birthday. cardiologist confirmed").is_empty());
        assert_eq!(found("happy 90th Mrs. Sunita Rao, best patient ever"), ["90th"]);
        assert!(found("we're seeing way more in 15–17 yo baseball players at clinic today").is_empty());
    }

    #[test]
    fn severity_depends_on_ninety() {
        assert_eq!(ages("a 92-year-old")[0].1, Severity::Absolute);
        assert_eq!(ages("a 89-year-old")[0].1, Severity::Relative);
    }

    #[test]
    fn suggests_decades() {
        assert_eq!(decade_phrase(84, Some('F')), "a woman in her 80s");
        assert_eq!(decade_phrase(93, None), "aged 90 or over");
    }

    #[test]
    fn stays_quiet_on_non_ages() {
        for t in [
            "5 years of experience in the ICU",
            "for 10 years I have worked nights",
            "she is 32 weeks pregnant",
            "at 32 weeks gestation",
            "in her 80s",
            "fever 102F overnight",
            "temp 98.6F",
            "adults aged 18-65 should",
            "ages 65 and older need",
            "7-9 hours of sleep",
            "20 years ago",
            "a 5 mg dose",
            "screening from age 45+",
            "Room 12F is open",
            "rest, fluids, honey if you're over 1 year old",
            "a hypothetical 45-year-old man presents with chest pain after a flight",
            "in the ER, 'it's just indigestion' is dangerous when you're 60, diabetic and sweaty",
            "pt today: the wait is two hours and it's one of those shifts",
            "my patient is one of a kind, and he was two weeks early for his appointment",
            "pt says he's a hundred percent sure it's three years since his last tetanus",
            "Our daughter Ellie turned 7 yesterday and asked for a stethoscope",
            "Unit census for my shift. Admits: 12 today, discharges: 9",
            "pt data: in patients aged 80 and over, readmission was 11.2%",
            "pt today took doses 1 and 2, then stopped",
            "pt stuck in traffic on the M25, then the M1, today",
            "children under 5 years of age need a booster",
            "if your 2-year-old isn't putting two words together yet, ask your health visitor",
            "Back from Lisbon with the kids. Our youngest turned 5 while we were away, the clinic reopens today",
        ] {
            assert!(spans(t).is_empty(), "{t:?} gave {:?}", spans(t));
        }
    }
}

#[cfg(test)]
mod prefilter_choice {
    use super::*;

    /// Which patterns search faster without the prefilter (run with
    /// --ignored --nocapture; the choice in the statics follows it).
    #[test]
    #[ignore]
    fn prefilter_costs() {
        let text = "pt Maria G, 84F from Bakersfield, came in this morning s/p fall, MRN 00482913. Most adults need 7-9 hours of sleep. She is 47, aged 91, turned 90 today, a 3-week-old, 71 yo, her 100th birthday. @jen sounds like reflux, take omeprazole 20mg before bed. Call (555) 201-7788.";
        for (name, re) in [("YEARS_OLD", &*YEARS_OLD), ("YO", &*YO), ("AGE_SEX", &*AGE_SEX), ("AGED", &*AGED), ("TURNED", &*TURNED), ("BARE", &*BARE), ("IS_AGE", &*IS_AGE), ("BIRTHDAY", &*BIRTHDAY)] {
            let (off, keep) = crate::text::cue_regex::prefilter_costs(re.pattern(), text);
            println!("{name:<10} off {off:8.0} ns   keep {keep:8.0} ns");
        }
    }
}
