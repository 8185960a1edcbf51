//! Posts that are about no patient, whatever they contain: the clinician's
//! own event ("I'll be speaking at FMX in Chicago on September 26"), an
//! organisation's public notice ("FREE FLU CLINIC, Saturday 12 October,
//! 22 Mill Road, no appointment needed"), and a case marked as made up
//! ("Teaching case (not a real patient): a 72-year-old man falls").
//!
//! Dates, places and contact details in a notice belong to the event or the
//! organisation, which the guideline lists as hard negatives; a made-up
//! case's age, name and dates belong to nobody. Both rules step aside when
//! the post also speaks of a particular patient ("our patient Maria's
//! fundraiser at 22 Mill Road, all welcome" keeps its address).

use std::sync::LazyLock;

use super::document::{CueSet, Document};
use super::recognizer::Candidate;
use crate::finding::Category;

/// Whole-word cues of an event the clinician attends or runs, or of an
/// organisation's public announcement.
const NOTICE_CUES: &[&str] = &[
    "conference", "congress", "symposium", "summit", "webinar", "keynote", "poster session", "poster zone", "workshop",
    "grand rounds", "speaking at", "presenting at", "i'll be presenting", "i'll be speaking", "i’ll be presenting",
    "i’ll be speaking", "come say hi", "see you there", "join us", "all welcome", "everyone welcome", "everyone is welcome",
    "no appointment needed", "no appointment necessary", "no appointments needed", "walk-ins welcome", "drop-in", "rsvp",
    "registration is open", "registration opens", "register now", "register at", "book at", "book online", "book now", "book your", "now open",
    "grand opening", "we're opening", "we’re opening", "we are opening", "new location", "second location", "open house",
    "vaccine clinic", "flu clinic", "pop-up clinic", "vaccination clinic", "reopens", "we're moving", "we’re moving",
    "we are moving", "new rooms", "book your appointment", "ring reception", "call reception",
];

/// Cues that the case told is made up.
const FICTION_CUES: &[&str] = &[
    "teaching case", "not a real patient", "not real patients", "hypothetical", "fictional", "fictitious", "made-up case",
    "made up case", "imaginary patient", "case vignette", "practice question", "board question", "exam question",
    "board-style", "quiz time", "mock exam", "osce station", "made-up cases", "made up cases", "none of them real",
    "not real cases", "fictional cases", "fictional patient", "fictional patients",
];

/// What kind of non-patient post this is, if any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NonPatient {
    /// An event or a public notice with no particular patient in it.
    pub notice: bool,
    /// A case marked as made up.
    pub fictional: bool,
    /// History told with its year ("On 16 October 1846, William Morton
    /// demonstrated ether"), and no patient of the writer's own in the post.
    pub historical: bool,
}

/// A year before living memory: 1000-1914. (Someone born in 1915 may still
/// be a resident turning 111; a century-old date of birth stays PHI.)
static OLD_YEAR: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"(?-u:\b)(?:1[0-8][0-9]{2}|190[0-9]|191[0-4])(?-u:\b)").expect("old year regex"));

/// The writer's own patients and encounters: history does not hide them.
const OWN_PATIENT_CUES: &[&str] = &[
    "my patient", "our patient", "my pt", "our pt", "i saw", "we saw", "i had", "we had", "today", "tonight", "yesterday",
    "this morning", "last night", "this week", "came in", "on my unit", "on our unit",
];

/// Byte ranges of the sentences that name an old year, when the post has
/// no patient of the writer's own: their names, dates, ages and places
/// belong to history (HIPAA protects the dead for 50 years, not 100).
fn historical_sentences(doc: &Document<'_>) -> Vec<(usize, usize)> {
    static OWN: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(OWN_PATIENT_CUES));
    let text = doc.text;
    // Cheap gate: a 1 followed by 0-9 digits somewhere, then the regex.
    if !text.as_bytes().windows(2).any(|w| w[0] == b'1' && w[1].is_ascii_digit()) {
        return Vec::new();
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    for m in OLD_YEAR.find_iter(text) {
        // Not part of a longer number, a dose or a price ("1846 mg", "$1200").
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(|c| c.is_ascii_digit() || matches!(c, '$' | '£' | '€' | '.' | ',' | '#' | '/' | '-')) || after.is_some_and(|c| c.is_ascii_digit() || matches!(c, '%' | '/' | '-' | ':')) {
            continue;
        }
        if doc.cue_after(m.end(), 1, &["mg", "mcg", "ml", "units", "kcal", "calories", "steps", "patients", "people", "beds", "cases", "miles", "km", "ft", "feet", "m"]) {
            continue;
        }
        // Written as a year: after "in/of/since/circa" or a date ("16 October
        // 1846", "January 23, 1849"), not a clock time ("at 1800") or a
        // house or phone number.
        let head = text[..m.start()].trim_end().trim_end_matches(',');
        let last_word = head.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_ascii_lowercase();
        let prev_word = head.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_ascii_lowercase();
        let year_cue = matches!(last_word.as_str(), "in" | "of" | "since" | "circa" | "until" | "from" | "by" | "year" | "c")
            || crate::text::lexicon::MONTH_NAMES.contains(&last_word.as_str())
            || last_word.bytes().all(|b| b.is_ascii_digit()) && !last_word.is_empty() && crate::text::lexicon::MONTH_NAMES.contains(&prev_word.as_str());
        if !year_cue {
            continue;
        }
        let s = text[..m.start()].rfind(['.', '!', '?', '\n']).map_or(0, |k| k + 1);
        let e = text[m.end()..].find(['.', '!', '?', '\n']).map_or(text.len(), |k| m.end() + k);
        if out.last().is_some_and(|&(_, pe)| pe >= s) {
            if let Some(last) = out.last_mut() {
                last.1 = last.1.max(e);
            }
        } else {
            out.push((s, e));
        }
    }
    if out.is_empty() || doc.has_any(&OWN) {
        return Vec::new();
    }
    out
}

/// `identifiers` are the spans found so far: a person's name, age or record
/// number in the post means it does speak of someone.
pub fn classify(doc: &Document<'_>, identifiers: &[Candidate]) -> NonPatient {
    static NOTICE: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(NOTICE_CUES));
    static FICTION: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(FICTION_CUES));
    let fictional = doc.has_any(&FICTION);
    let someone = identifiers.iter().any(|c| !matches!(c.category, Category::Date | Category::Location | Category::Phone | Category::Fax | Category::Email | Category::Url | Category::Handle | Category::Ip));
    let notice = !fictional && !someone && doc.has_any(&NOTICE) && !super::story::names_a_patient(doc.text);
    let historical = !historical_sentences(doc).is_empty();
    NonPatient { notice, fictional, historical }
}

/// Drop the names, dates, ages and places told in the sentences of a
/// history post (see [`NonPatient::historical`]).
pub fn drop_historical(doc: &Document<'_>, candidates: &mut Vec<Candidate>) {
    let spans = historical_sentences(doc);
    if spans.is_empty() {
        return;
    }
    candidates.retain(|c| {
        !matches!(c.category, Category::Name | Category::Date | Category::Age | Category::Location)
            || !spans.iter().any(|&(s, e)| s <= c.start && c.end <= e)
    });
}

/// Drop the identifiers that such a post holds for an event, an
/// organisation or nobody (see the module comment).
pub fn drop_non_patient(kind: NonPatient, candidates: &mut Vec<Candidate>) {
    if kind.notice {
        candidates.retain(|c| !matches!(c.category, Category::Date | Category::Location | Category::Phone | Category::Fax | Category::Email | Category::Url));
    }
    if kind.fictional {
        candidates.retain(|c| !matches!(c.category, Category::Age | Category::Date | Category::Location | Category::Name));
    }
}

#[cfg(test)]
mod tests {
    use crate::text::{analyze, PostContext};

    fn categories(text: &str) -> Vec<String> {
        analyze(text, &PostContext::default()).iter().map(|f| format!("{:?}", f.category)).collect()
    }

    #[test]
    fn own_events_and_public_notices_stay_quiet() {
        for t in [
            "Heading to ESC Congress in London (29 Aug – 1 Sep). I'll be presenting our registry data on Saturday at 14:30.",
            "I'll be speaking at AAFP FMX in Chicago on September 26 about deprescribing. The session is in Room W183.",
            "FREE FLU CLINIC\nSaturday 12 October, 9am–1pm\nHallett Community Hall, 22 Mill Road\nNo appointment needed",
            "We're opening a second location! 455 Queen St W, Toronto, opening March 3. Call 416-555-0142.",
            "Off to Edinburgh for the RCPE symposium. Back in clinic Monday 14 October, locum cover sorted.",
        ] {
            assert!(categories(t).is_empty(), "{t:?} gave {:?}", categories(t));
        }
    }

    #[test]
    fn history_told_with_its_year_stays_quiet() {
        for t in [
            "On 16 October 1846, William T. G. Morton demonstrated ether anaesthesia at Massachusetts General Hospital.",
            "Elizabeth Blackwell graduated from Geneva Medical College on January 23, 1849, the first woman in the US to earn an MD.",
            "fun history fact: Alzheimer's first described case was Auguste Deter, admitted to the Frankfurt asylum in 1901.",
        ] {
            assert!(categories(t).is_empty(), "{t:?} gave {:?}", categories(t));
        }
        // A resident born in 1925 is alive: the date of birth stays PHI.
        assert!(categories("Happy 100th birthday to our resident Ethel! Born 2 June 1925").iter().any(|c| c == "Date"));
        // A clock time, a house number or a phone group is no year.
        assert!(!categories("can someone on nights recheck the K on MRN 00739215? was 6.1 at 1800, repeat pending, 71 yo on spironolactone").is_empty());
        assert!(categories("my 62M w new AF lives at 1184 N Kedzie Ave, 4th floor walkup").iter().any(|c| c == "Location"));
        // The writer's own patient in the same post keeps them.
        assert!(!categories("My patient Edith, 96, told me today about her mother, born in 1899 in Leeds.").is_empty());
    }

    #[test]
    fn made_up_cases_stay_quiet() {
        let t = "Teaching case (not a real patient): a 72-year-old man on apixaban falls and hits his head on 3/14.";
        assert!(categories(t).is_empty(), "{:?}", categories(t));
        let t = "Wells score walk-through with three made-up cases (none of them real patients!). Case 1: a 45-year-old with calf swelling.";
        assert!(categories(t).is_empty(), "{:?}", categories(t));
    }

    #[test]
    fn a_patient_in_the_notice_keeps_its_identifiers() {
        let t = "Fundraiser for my patient Maria Gomez, 84, at 22 Mill Road on March 3. All welcome!";
        let c = categories(t);
        assert!(c.iter().any(|x| x == "Location") && c.iter().any(|x| x == "Date"), "{c:?}");
        let t = "how did registration merge two charts? MRN 00739215 is a 78 yo man from Tulsa. Join us in fixing EHRs";
        assert!(categories(t).iter().any(|x| x == "Location"), "{:?}", categories(t));
    }
}
