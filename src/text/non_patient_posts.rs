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
    "board-style", "quiz time", "mock exam", "osce station",
];

/// What kind of non-patient post this is, if any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NonPatient {
    /// An event or a public notice with no particular patient in it.
    pub notice: bool,
    /// A case marked as made up.
    pub fictional: bool,
}

/// `identifiers` are the spans found so far: a person's name, age or record
/// number in the post means it does speak of someone.
pub fn classify(doc: &Document<'_>, identifiers: &[Candidate]) -> NonPatient {
    static NOTICE: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(NOTICE_CUES));
    static FICTION: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(FICTION_CUES));
    let fictional = doc.has_any(&FICTION);
    let someone = identifiers.iter().any(|c| !matches!(c.category, Category::Date | Category::Location | Category::Phone | Category::Fax | Category::Email | Category::Url | Category::Handle | Category::Ip));
    let notice = !fictional && !someone && doc.has_any(&NOTICE) && !super::story::names_a_patient(doc.text);
    NonPatient { notice, fictional }
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
    fn made_up_cases_stay_quiet() {
        let t = "Teaching case (not a real patient): a 72-year-old man on apixaban falls and hits his head on 3/14.";
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
