//! Recognizer for places that pin down a patient: street addresses ("1420
//! Elm St", "Apt 4B"), street names ("lives on Juniper Ave"), towns and
//! cities ("from Bakersfield", "outside Tamsin Falls"), counties ("Dunmore
//! County"), ZIP and postal codes, and room, bed and bay numbers ("room
//! 312B", "bed 4", "in 14B").
//!
//! Towns are found by context, not by capital letters alone: a locative
//! cue ("from", "lives in", "born in", "outside", "X, OH") in a sentence
//! about a patient, plus evidence that the word is a place (the GeoNames
//! gazetteer, a place-name shape like "-ville" or "Heights", or for the
//! strongest cues any proper noun that is not an everyday word).
//!
//! Not location spans (HIPAA Safe Harbor allows them, or they are not the
//! patient's): states, provinces and countries, facility names ("St.
//! Mary's", "the Pike Street store"), an organisation's public address
//! ("our new clinic at 4410 Market Street"), the clinician's own town ("I'm
//! an ER doc in Millbrook"), hashtags and Title Case headlines.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Category;
use crate::text::document::{CueSet, Document};
use std::cell::Cell;

use crate::text::lexicon::{self, fast_set, FastSet};
use crate::text::recognizer::{Candidate, Recognizer};

use super::names::is_org_head;
use super::tokens::{Shape, Tokens};

pub struct LocationsRecognizer;

// Word lists checked for every word are hashed once.
static FACILITY_AFTER: LazyLock<FastSet> = LazyLock::new(|| fast_set(FACILITY_AFTER_LIST));
static LOCATIVE: LazyLock<FastSet> = LazyLock::new(|| fast_set(LOCATIVE_LIST));
static PERSON_WORDS: LazyLock<FastSet> = LazyLock::new(|| fast_set(PERSON_WORDS_LIST));
static SELF_CUES: LazyLock<FastSet> = LazyLock::new(|| fast_set(SELF_CUES_LIST));
static STREET_HEADS: LazyLock<FastSet> = LazyLock::new(|| fast_set(STREET_HEADS_LIST));
static TOWN_HEADS: LazyLock<FastSet> = LazyLock::new(|| fast_set(TOWN_HEADS_LIST));
static TOWN_PEOPLE: LazyLock<FastSet> = LazyLock::new(|| fast_set(TOWN_PEOPLE_LIST));
static TOWN_PREFIXES: LazyLock<FastSet> = LazyLock::new(|| fast_set(TOWN_PREFIXES_LIST));
static UNITS_SET: LazyLock<FastSet> = LazyLock::new(|| fast_set(UNITS));
static RESIDENCE_LAST: LazyLock<FastSet> = LazyLock::new(|| RESIDENCE_CUES.iter().filter_map(|c| c.rsplit(' ').next()).collect());
/// Residence cues grouped by their last word, so only a few are tried.
static RESIDENCE_BY_LAST: LazyLock<std::collections::HashMap<&'static str, Vec<&'static str>, std::hash::BuildHasherDefault<lexicon::Fnv>>> = LazyLock::new(|| {
    let mut m: std::collections::HashMap<&'static str, Vec<&'static str>, std::hash::BuildHasherDefault<lexicon::Fnv>> = Default::default();
    for c in RESIDENCE_CUES {
        m.entry(c.rsplit(' ').next().unwrap_or(c)).or_default().push(c);
    }
    m
});

static ROOM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:room|rm|bed|bay|cubicle|cube|pod|stretcher|crib|isolette|incubator|resus|trauma|stall)(?:\s*#\s*|\s+(?:#|no\.?|number)?\s*)(\d{1,4}[a-z]?|[a-z]\d{1,3})(?-u:\b)")
        .expect("room regex")
});
/// "Mr. Okonkwo in 14B": a room code right after a name.
static ROOM_CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)(?:in|from|to)\s+(\d{1,4}[A-Z]?)(?-u:\b)").expect("room code regex"));

static STREET_TYPE_SET: LazyLock<FastSet> = LazyLock::new(|| STREET_TYPES.split('|').collect());
const STREET_TYPES: &str = r"Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace|Ter|Circle|Cir|Way|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Crescent|Cres|Close|Square|Sq|Loop|Pike|Alley|Row|Path|Mews|Grove|Gardens|Walk|Run";

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(\d{{1,6}}[A-Za-z]?)\s+(?:(?:[NSEW]\.?|North|South|East|West)\s+)?(?:(?:[A-Z][A-Za-z'’\-]*|\d{{1,3}}(?:st|nd|rd|th))\.?\s+){{1,3}}(?:{STREET_TYPES})(?-u:\b)\.?(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Flat|\#)\.?\s*\#?\s*[A-Za-z0-9]{{1,5}}(?-u:\b))?"
    ))
    .expect("address regex")
});
/// A street corner: "Queen St & 5th Ave", "Elm Street and Rivera Road".
/// As exact as a house number when it is where someone was hurt or lives.
static INTERSECTION: LazyLock<Regex> = LazyLock::new(|| {
    let street = format!(r"(?:[A-Z][A-Za-z'’\-]*|\d{{1,3}}(?:st|nd|rd|th))(?:\s+[A-Z][A-Za-z'’\-]*)?\s+(?:{STREET_TYPES})(?-u:\b)\.?");
    Regex::new(&format!(r"(?-u:\b){street}\s*(?:&|and|at|/|@)\s*{street}")).expect("intersection regex")
});
/// A corner named the American way, a numbered street and a name without
/// street types: "found near the bus depot at 5th and Main".
static NUMBERED_CORNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:at|on|near|of|by|off)\s+(\d{1,3}(?:st|nd|rd|th)\s+(?:and|&)\s+[A-Z][a-z]{2,}|[A-Z][a-z]{2,}\s+(?:and|&)\s+\d{1,3}(?:st|nd|rd|th))(?-u:\b)").expect("numbered corner regex")
});
static ROUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:county\s+(?:road|rd|highway|hwy|route|line)|state\s+(?:route|road|highway|hwy|rte)|township\s+(?:road|rd)|rural\s+route|farm\s+road|route|rte|highway|hwy|interstate)\.?\s*-?\s*\d{1,4}[a-z]?(?-u:\b)")
        .expect("route regex")
});
static APARTMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[Aa]pt|APT|[Aa]partment|Flat|[Tt]railer|[Ll]ot)\.?\s*#?\s*(\d{1,5}[A-Za-z]?|[A-Za-z]\d{1,4})(?-u:\b)|(?i:(?-u:\b)p\.?\s?o\.?\s*box\s+\d{1,6}(?-u:\b))")
        .expect("apartment regex")
});
static ZIP_STATE: LazyLock<Regex> = LazyLock::new(|| {
    let codes = lexicon::US_STATE_CODES.join("|");
    Regex::new(&format!(r"(?-u:\b)(?:{codes})\.?,?\s+(\d(?:[ \u{{a0}}]{{0,2}}\d){{4}}(?:-\d{{4}})?)(?-u:\b)")).expect("zip-state regex")
});
static ZIP_STATE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming),?\s+(\d{5}(?:-\d{4})?)(?-u:\b)")
        .expect("zip-state-name regex")
});
static ZIP_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:zip(?:\s?code)?|postal\s+code|post\s?code|postmarked(?:\s+from)?)s?\s*(?:is|of|:|#|-)?\s*(\d{5}(?:-\d{4})?|[A-Z]{1,2}\d{1,2}[A-Z]?\s?\d[A-Z]{2})(?-u:\b)")
        .expect("zip-cue regex")
});
static ZIP_LOCATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:from|in|of|near|around|outside|an?\s+old|(?:his|her|their|the)\s+(?:old|new|home))\s+(?:the\s+)?(\d{5})(?:-\d{4})?(?-u:\b)(\s+(?:area|zip|zipcode|neighbou?rhood|address))?")
        .expect("zip-locative regex")
});
static UK_POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([A-Z]{1,2}\d{1,2}[A-Z]?\s?\d[ABD-HJLNP-UW-Z]{2})(?-u:\b)").expect("uk postcode regex")
});
static CA_POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d)(?-u:\b)").expect("canadian postcode regex")
});

/// The document's patient-context cues other than the room words themselves.
static OTHER_PATIENT_CUES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::text::document::PATIENT_CONTEXT_CUES.iter().copied().filter(|c| !matches!(*c, "bed" | "room" | "bay")).collect()
});

static OTHER_PATIENT_SET: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(&OTHER_PATIENT_CUES));

/// Rooms that are not a patient's ("break room 2", "conference room 3").
const NOT_PATIENT_ROOMS: &[&str] = &[
    "break", "conference", "meeting", "waiting", "staff", "supply", "utility", "locker", "storage", "call", "class",
    "chat", "escape", "living", "dining", "board", "hotel", "zoom", "breakout", "lecture", "music", "sleep",
];
const UNITS: &[&str] = &[
    "mg", "mcg", "g", "kg", "lb", "lbs", "ml", "units", "min", "mins", "minutes", "hours", "hrs", "hr", "days", "weeks",
    "months", "years", "percent", "times", "degrees", "miles", "km", "steps", "people", "patients", "beds", "nurses",
    "feet", "ft", "calories", "dollars", "cases", "kids", "babies", "deaths",
];
/// Words that make a street or town the name of a business or facility.
const FACILITY_AFTER_LIST: &[&str] = &[
    "store", "pharmacy", "clinic", "office", "location", "branch", "campus", "site", "hospital", "station", "surgery",
    "practice", "market", "mall", "school", "church", "bridge", "stop", "entrance", "exit", "center", "centre",
    "medical", "health", "family", "community", "general", "regional", "memorial", "elementary", "high", "middle",
    "university", "college", "library", "ymca", "shelter", "jail", "prison", "hospice", "home", "nursing", "senior",
    "fire", "police", "sheriff", "court", "courthouse", "department", "dept", "board", "council", "schools", "district",
    "emergency", "ems", "ambulance", "urgent", "care", "rehab", "dental", "pediatrics", "cancer", "heart", "children's",
    "airport", "station", "depot", "plant", "factory", "mine", "fair", "fairgrounds", "stadium", "arena", "park",
    "zoo", "museum", "theater", "theatre", "library", "bank", "hotel", "motel", "inn", "diner", "cafe", "restaurant",
];
/// Organisation cues around an address: "our new clinic at", "visit us at".
const ORG_ADDRESS_CUES: &[&str] = &[
    "our clinic", "our office", "our practice", "our pharmacy", "our new", "our location", "our store", "our center",
    "our centre", "visit us", "find us", "located at", "we're at", "we are at", "we're located", "we moved",
    "we've moved", "our address", "opens", "grand opening", "open house", "come see us", "join us", "drop by",
    "now open", "hours", "appointments", "walk-ins", "walk-in", "book", "event", "clinic at", "office at",
    "pharmacy at", "located", "moved to", "new location", "headquarters", "inc", "llc", "ltd", "corp",
    "foundation", "company", "corporation", "university", "write to", "mail to", "send to", "po box", "library",
    "museum",
];
/// Words that tie a sentence to a person (so a place in it is theirs).
const PERSON_WORDS_LIST: &[&str] = &[
    "pt", "patient", "client", "resident", "man", "woman", "guy", "bloke", "lady", "gentleman", "gent", "kid", "boy",
    "girl", "baby", "toddler", "infant", "newborn", "teen", "teenager", "child", "son", "daughter", "mom", "mum", "dad",
    "mother", "father", "wife", "husband", "grandma", "grandpa", "grandmother", "grandfather", "grandkids", "family",
    "he", "she", "him", "his", "her", "hers", "admit", "fighter", "survivor", "veteran", "widow", "widower", "lineman",
    "welder", "trucker", "driver", "farmer", "teacher", "principal", "student", "runner", "athlete", "mr", "mrs", "ms",
    "miss", "born", "lives", "lived", "twins", "parents", "couple", "mama", "papa", "y/o", "yo", "who", "whose",
    "triplets", "one", "little", "superstar", "champ", "warrior", "sweetheart", "cutie", "lad", "lass", "fella",
];
/// Cues a place name follows; "from" and the residence phrases are strongest.
const RESIDENCE_CUES: &[&str] = &[
    "lives in", "live in", "living in", "lived in", "moved to", "moved from", "born in", "raised in", "grew up in",
    "home in", "back to", "drove from", "drive from", "driven from", "transferred from", "flown from", "airlifted from",
    "town of", "city of", "village of", "hometown of", "outskirts of", "lives on", "live on", "lived on", "lives off",
    "resident of", "native of", "lives at", "live at", "lived at", "home at", "house at", "place at", "visit at",
    "apartment at", "farm in", "ranch in", "home on",
];
/// People are "from" or "in" a town; "at" names a facility ("our longest
/// resident at Willowbrook"), so it is no cue here.
const LOCATIVE_LIST: &[&str] = &["in", "near", "outside", "around", "to", "towards", "past", "through", "between", "of"];
/// The clinician placing themselves: "I'm an ER doc in Millbrook".
const SELF_CUES_LIST: &[&str] = &["i'm", "im", "i’m", "am", "work", "worked", "working", "practice", "practise", "practicing", "based", "here", "we're", "licensed", "i've", "our", "my"];

/// A place name's last word: "Fenwick Heights", "Tamsin Falls".
const TOWN_HEADS_LIST: &[&str] = &[
    "heights", "ridge", "flats", "springs", "falls", "hollow", "ford", "creek", "valley", "hills", "hill", "lake", "lakes",
    "beach", "harbor", "harbour", "point", "grove", "junction", "crossing", "landing", "city", "town", "village", "bluff",
    "bluffs", "mills", "corners", "mesa", "glen", "cove", "rapids", "meadows", "woods", "plains", "prairie", "pines",
    "shores", "summit", "gap", "notch", "forge", "green", "cross", "wells", "end", "vale", "dale", "bridge", "ferry",
    "crossroads", "hamlet", "bend", "fork", "forks", "gulch", "canyon", "mountain", "station", "harbour", "haven",
    "common", "marsh", "moor", "brook", "field", "fields", "park", "estates", "manor", "acres", "terrace",
];
/// A place name's first word: "Fort Worth", "Ste-Odile-du-Lac", "New Haven".
const TOWN_PREFIXES_LIST: &[&str] = &[
    "st", "ste", "saint", "san", "santa", "fort", "ft", "port", "mount", "mt", "new", "north", "south", "east", "west",
    "lake", "glen", "los", "las", "el", "la", "le", "upper", "lower", "great", "old", "point", "cape", "isle", "royal",
];
/// Single-word place endings: "Millbrook", "Aldermoor", "Eastvale".
const TOWN_SUFFIXES: &[&str] = &[
    "ville", "ton", "burg", "burgh", "boro", "borough", "field", "ford", "wood", "dale", "vale", "mere", "moor", "brook",
    "port", "mouth", "chester", "caster", "cester", "ham", "ley", "stead", "wick", "worth", "bury", "minster", "shire",
    "haven", "holm", "thorpe", "combe", "hurst", "ridge", "crest", "view", "water", "stow", "church", "bridge", "land",
    "ington", "ville", "berg", "heim", "dorf", "ia", "polis", "abad", "pur", "ganj", "nagar", "bunna", "gong", "alla",
];
/// Family words: after "my"/"our" they are the clinician's own family.
static FAMILY_WORDS: LazyLock<FastSet> = LazyLock::new(|| {
    fast_set(&[
        "son", "daughter", "wife", "husband", "mom", "mum", "mother", "dad", "father", "brother", "sister", "grandmother",
        "grandma", "grandpa", "grandfather", "aunt", "uncle", "cousin", "niece", "nephew", "kids", "kid", "family",
        "parents", "partner", "in-laws", "children", "child", "baby", "gran", "nana", "granny",
    ])
});

/// People named after their town: "a Fresno man", "the Dubbo family".
const TOWN_PEOPLE_LIST: &[&str] = &[
    "man", "woman", "boy", "girl", "teen", "teenager", "toddler", "baby", "infant", "family", "couple", "native",
    "local", "resident", "mom", "mum", "dad", "father", "mother", "grandmother", "grandfather", "farmer", "kid",
];
const STREET_HEADS_LIST: &[&str] = &[
    "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "boulevard", "blvd", "court", "ct", "terrace", "crescent",
    "parkway", "pkwy", "trail", "circle", "cir", "pike", "alley", "drive",
];

struct Ctx<'t, 'a> {
    doc: &'t Document<'a>,
    t: &'t Tokens<'a>,
    /// Byte spans of names already found (the names recognizer runs first), sorted.
    names: Vec<(usize, usize)>,
    /// Per sentence: speaks of a person (0 unknown, 1 no, 2 yes).
    person_memo: Vec<Cell<u8>>,
    /// Per sentence: an organisation's own address cue.
    org_memo: Vec<Cell<u8>>,
    /// Per sentence: about a patient's paperwork.
    paper_memo: Vec<Cell<u8>>,
    /// Patient-context cues other than "room"/"bed"/"bay" (0 unknown).
    other_cues: Cell<u8>,
}

fn memo(cell: &Cell<u8>, f: impl FnOnce() -> bool) -> bool {
    match cell.get() {
        1 => false,
        2 => true,
        _ => {
            let v = f();
            cell.set(if v { 2 } else { 1 });
            v
        }
    }
}

impl<'t, 'a> Ctx<'t, 'a> {
    /// Does the sentence of token `i` speak of a person?
    fn person_sentence(&self, i: usize) -> bool {
        let t = self.t;
        memo(&self.person_memo[t.toks[i].sentence as usize], || {
            let (a, b) = t.sentence_range(i);
            let (sa, sb) = (t.toks[a].start, t.toks[b - 1].end);
            let k = self.names.partition_point(|&(_, e)| e <= sa);
            if self.names.get(k).is_some_and(|&(s, _)| s < sb) {
                return true;
            }
            (a..b).any(|k| {
                let w = t.lower(k);
                PERSON_WORDS.contains(w) || w.ends_with("-old") || is_age_sex(t.toks[k].text) || is_bare_age(t, k) || is_age_abbreviation(t, k)
            })
        })
    }

    /// Does the sentence of token `i` tell of an event the clinician attends
    /// ("Case presentation accepted at the SCCM Congress, Feb 2 in Orlando")?
    fn event_sentence(&self, i: usize) -> bool {
        let t = self.t;
        let (a, b) = t.sentence_range(i);
        (a..b).any(|k| {
            matches!(
                t.lower(k),
                "conference" | "congress" | "symposium" | "summit" | "webinar" | "workshop" | "meeting" | "talk" | "presentation" | "presenting" | "poster" | "keynote" | "course" | "convention"
            )
        })
    }

    /// A name found right before byte `at` (only spaces between)?
    fn name_ends_before(&self, at: usize) -> bool {
        let k = self.names.partition_point(|&(_, e)| e <= at);
        // "mr K. in 22A": the initial's full stop may sit between.
        k > 0 && self.doc.text[self.names[k - 1].1..at].trim().trim_start_matches('.').trim().is_empty()
    }

    fn other_patient_cues(&self) -> bool {
        memo(&self.other_cues, || self.doc.has_any(&OTHER_PATIENT_SET))
    }

    /// Is a place after cue token `c` the clinician's own ("I'm an ER doc in X")?
    fn clinician_self(&self, c: usize) -> bool {
        let t = self.t;
        let (a, _) = t.sentence_range(c);
        let lo = c.saturating_sub(7).max(a);
        for k in (lo..c).rev() {
            let w = t.lower(k);
            // "My grandmother in Manila", "my son's school in X": the clinician's family.
            if FAMILY_WORDS.contains(w) && k > 0 && matches!(t.lower(k - 1), "my" | "our") {
                return true;
            }
            if PERSON_WORDS.contains(w) && !matches!(w, "who" | "one" | "family" | "little") || w.ends_with("-old") {
                return false;
            }
            // "A young mum I'm supporting in Soweto": the clinician is doing
            // something for someone there, not saying where they work or live.
            let doing_for = matches!(w, "i'm" | "im" | "i’m") && {
                let next = t.lower(k + 1);
                next.ends_with("ing") && !matches!(next, "working" | "practising" | "practicing" | "living" | "training" | "studying" | "staying" | "moving" | "going" | "heading" | "flying" | "travelling" | "traveling" | "speaking" | "presenting")
            };
            if doing_for {
                continue;
            }
            if SELF_CUES.contains(w) && (w != "am" || t.lower_back(k, 1) == "i") && (w != "our" && w != "my" || k + 2 >= c) {
                // "a footballer, 23, came into our Auckland clinic", "looked after
                // on our ward in Hilo": the workplace where a patient was seen
                // is the patient's place too. Without a person it is the
                // clinician's own ("our clinic in Hilo is hiring").
                let workplace = matches!(w, "our" | "my") && self.person_sentence(c);
                return !workplace;
            }
            // "my midwifery days in East London", "during my residency in Leeds".
            if matches!(w, "days" | "years" | "residency" | "training" | "placement" | "rotation" | "career" | "internship" | "fellowship") && (k.saturating_sub(3).max(lo)..k).any(|m| matches!(t.lower(m), "my" | "our")) {
                return true;
            }
            if w == "i" && matches!(t.lower(k + 1), "work" | "practice" | "live" | "am" | "was") {
                return true;
            }
        }
        false
    }

    /// The sentence is about a patient's paperwork ("discharge papers with
    /// 14 Rowan Close on them"): an address there is the patient's.
    fn paperwork(&self, i: usize) -> bool {
        let t = self.t;
        memo(&self.paper_memo[t.toks[i].sentence as usize], || {
            let (a, b) = t.sentence_range(i);
            (a..b).any(|k| {
                matches!(
                    t.lower(k),
                    "discharge" | "papers" | "paperwork" | "requisition" | "wristband" | "label" | "labels" | "chart" | "referral"
                        | "prescription" | "rx" | "form" | "forms" | "sticker" | "printout" | "handover" | "census" | "whiteboard"
                        | "postal" | "postcode" | "address" | "zip"
                )
            })
        })
    }

    /// "lives in X", "born in X", "lives alone on X", "still lives at X".
    fn residence_cue(&self, j: usize) -> bool {
        let (d, t) = (self.doc, self.t);
        let end = t.toks[j].start;
        if j > 0 {
            if let Some(cues) = RESIDENCE_BY_LAST.get(t.lower(j - 1)) {
                if d.cue_before(end, 1, cues) {
                    return true;
                }
            }
        }
        let (a, _) = t.sentence_range(j);
        let lo = j.saturating_sub(4).max(a);
        (lo..j).any(|k| matches!(t.lower(k), "lives" | "lived" | "living" | "live" | "born" | "raised" | "resides" | "resided"))
    }
}

fn is_age_sex(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits <= 3 && matches!(s[digits..].to_ascii_lowercase().as_str(), "f" | "m" | "yo" | "yof" | "yom")
}

/// "19 y/o", "7 yo": a number of years written the clinical way.
fn is_age_abbreviation(t: &Tokens<'_>, k: usize) -> bool {
    let tok = &t.toks[k];
    if !(1..=3).contains(&tok.text.len()) || !tok.text.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let rest = t.text[tok.end..].trim_start_matches(' ');
    let rest = rest.get(..rest.len().min(4)).unwrap_or("").to_ascii_lowercase();
    rest.starts_with("y/o") || rest.starts_with("yo") && !rest[2..].starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// ", 54," or "(6)": a bare age set off after a person.
fn is_bare_age(t: &Tokens<'_>, k: usize) -> bool {
    let tok = &t.toks[k];
    if tok.text.len() > 3 || !tok.text.bytes().all(|b| b.is_ascii_digit()) || tok.text.parse::<u32>().map_or(true, |n| n > 110) {
        return false;
    }
    let before = t.gap_before(k).trim();
    let after = t.gap_after(k).trim_start();
    (before == "," || before == "(") && (after.starts_with([',', ')']) || after.is_empty()) && !UNITS_SET.contains(t.lower(k + 1))
}

fn candidate(start: usize, end: usize, score: f32, what: &str, suggestion: &str) -> Candidate {
    Candidate::new(
        start,
        end,
        Category::Location,
        score,
        format!("{what}: geographic details smaller than a state are HIPAA Safe Harbor identifiers"),
    )
    .suggest(suggestion)
}

impl Recognizer for LocationsRecognizer {
    fn name(&self) -> &'static str {
        "locations"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        let t = Tokens::new(doc);
        self.recognize_with_tokens(doc, &t, out);
    }

    fn recognize_with_tokens(&self, doc: &Document<'_>, t: &Tokens<'_>, out: &mut Vec<Candidate>) {
        let text = doc.text;
        if doc.words.is_empty() {
            return;
        }
        let mut names: Vec<(usize, usize)> = out.iter().filter(|c| c.category == Category::Name && c.score >= 0.5).map(|c| (c.start, c.end)).collect();
        names.sort_unstable();
        let n_sent = t.sentences();
        let ctx = Ctx { doc, t, names, person_memo: vec![Cell::new(0); n_sent], org_memo: vec![Cell::new(0); n_sent], paper_memo: vec![Cell::new(0); n_sent], other_cues: Cell::new(0) };
        let mut found: Vec<Candidate> = Vec::new();
        let has_digit = text.bytes().any(|b| b.is_ascii_digit());
        if has_digit {
            rooms(&ctx, &mut found);
            addresses(&ctx, &mut found);
            postal_codes(&ctx, &mut found);
        }
        intersections(&ctx, &mut found);
        streets_counties_towns(&ctx, &mut found);
        // Overlaps within this recognizer: the stronger, then the longer.
        found.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal).then(b.len().cmp(&a.len())));
        let mut taken = Coverage::new(text.len());
        for c in found {
            if taken.free(c.start, c.end) {
                taken.take(c.start, c.end);
                out.push(c);
            }
        }
    }
}

/// Which bytes are already claimed by a kept span: overlap checks in time
/// proportional to the span, not to the number of spans kept.
struct Coverage(Vec<u64>);

impl Coverage {
    fn new(len: usize) -> Self {
        Coverage(vec![0; len / 64 + 1])
    }
    fn free(&self, start: usize, end: usize) -> bool {
        (start..end).all(|b| self.0.get(b / 64).is_some_and(|w| w & (1 << (b % 64)) == 0))
    }
    fn take(&mut self, start: usize, end: usize) {
        for b in start..end {
            if let Some(w) = self.0.get_mut(b / 64) {
                *w |= 1 << (b % 64);
            }
        }
    }
}

fn token_at(t: &Tokens<'_>, byte: usize) -> Option<usize> {
    let i = t.toks.partition_point(|k| k.end <= byte);
    (i < t.len()).then_some(i)
}

fn rooms(ctx: &Ctx<'_, '_>, out: &mut Vec<Candidate>) {
    let (doc, t, text) = (ctx.doc, ctx.t, ctx.doc.text);
    // Token pre-checks keep the regexes off posts that cannot match.
    let digit_next = |k: usize| t.toks.get(k + 1).is_some_and(|n| n.text.as_bytes()[0].is_ascii_digit() || n.text.len() <= 3 && n.shape == Shape::Initial);
    let any_room = (0..t.len()).any(|k| {
        matches!(t.toks[k].lower, "room" | "rm" | "bed" | "bay" | "cubicle" | "cube" | "pod" | "stretcher" | "crib" | "isolette" | "incubator" | "resus" | "trauma" | "stall" | "no" | "number")
            && digit_next(k)
    });
    for m in ROOM.find_iter(if any_room { text } else { "" }) {
        let after = &text[m.end()..];
        if after.starts_with(['.', ',', ':']) && after[1..].starts_with(|ch: char| ch.is_ascii_digit()) || after.starts_with(['%', '/', '-']) {
            continue;
        }
        // "a level 1 trauma center": a designation, not the kid in trauma 2.
        if m.as_str().to_ascii_lowercase().starts_with("trauma") && (doc.cue_after(m.end(), 1, &["center", "centre", "centers", "centres", "designation", "hospital", "system"]) || doc.cue_before(m.start(), 1, &["level", "major"])) {
            continue;
        }
        // "the ward 7 staff room": a room of the staff, not a patient's bed.
        if doc.cue_after(m.end(), 1, UNITS) || doc.cue_before(m.start(), 1, NOT_PATIENT_ROOMS) || doc.cue_after(m.end(), 1, &["staff", "break", "supply", "linen", "store", "office", "kitchen", "locker", "meeting", "sluice"]) {
            continue;
        }
        // "12-bed unit", "a 4 bed bay": a count of beds, not a bed.
        if text[..m.start()].trim_end().ends_with(|ch: char| ch.is_ascii_digit() || ch == '-') {
            continue;
        }
        let Some(i) = token_at(t, m.start()) else { continue };
        if t.toks[i].tagged {
            continue;
        }
        // The document's patient context counts "room" and "bed" themselves;
        // a room number needs a person or another sign of an encounter.
        let score = if ctx.person_sentence(i) {
            0.85
        } else if ctx.other_patient_cues() {
            0.7
        } else {
            0.45
        };
        out.push(candidate(m.start(), m.end(), score, "Room, bed or bay number tied to a patient", ""));
    }
    // "Mr. Okonkwo in 14B", "the woman in 6B", "Big Mike (pt in 12)".
    let room_code = (0..t.len()).any(|k| matches!(t.toks[k].lower, "in" | "from" | "to") && t.toks.get(k + 1).is_some_and(|n| n.text.len() <= 5 && n.text.as_bytes()[0].is_ascii_digit()));
    for c in ROOM_CODE.captures_iter(if room_code { text } else { "" }) {
        let g = c.get(1).expect("code");
        let m = c.get(0).expect("match");
        let lettered = g.as_str().ends_with(|ch: char| ch.is_ascii_uppercase());
        let after_name = ctx.name_ends_before(m.start());
        let after_patient = doc.cue_before(m.start(), 1, &["pt", "patient", "pt's"]);
        let after_person = lettered && doc.cue_before(m.start(), 1, &["man", "woman", "guy", "lady", "gentleman", "kid", "boy", "girl", "baby", "kiddo", "dude", "gent", "one"]);
        // "Grandpa Sal is back in 3B today": a lettered code where a person is put.
        let placed = lettered
            && doc.cue_before(m.start(), 1, &["back", "is", "was", "moved", "transferred", "now", "still", "he's", "she's"])
            && token_at(t, m.start()).is_some_and(|i| ctx.person_sentence(i));
        let tail = &text[g.end()..];
        let glued = tail.starts_with(['.', ':', '/', '%', '-']) && tail[1..].starts_with(|ch: char| ch.is_ascii_digit());
        // A bare number after a name ("pt marcus in 5") is a room unless it is a count or a year.
        // ("Mr. Okonkwo in 1104": four digits after a name, unless a year.)
        let bare_ok = lettered || g.as_str().len() <= 3 || g.as_str().len() == 4 && !g.as_str().starts_with("19") && !g.as_str().starts_with("20");
        if (after_name && bare_ok || after_patient || after_person || placed) && !glued && !doc.cue_after(g.end(), 1, UNITS) && !doc.cue_after(g.end(), 1, &["am", "pm", "years", "weeks"]) {
            out.push(candidate(g.start(), g.end(), 0.8, "Room or bed tied to a patient", ""));
        }
    }
}

/// Street corners ("Queen St & 5th Ave"): no house number, so outside
/// `addresses`, which runs only on posts with digits. Runs after it, so a
/// corner inside a street address already found is left to the address.
fn intersections(ctx: &Ctx<'_, '_>, out: &mut Vec<Candidate>) {
    let (doc, t, text) = (ctx.doc, ctx.t, ctx.doc.text);
    if doc.patient_context {
        for c in NUMBERED_CORNER.captures_iter(text) {
            let g = c.get(1).expect("corner");
            let Some(i) = token_at(t, g.start()) else { continue };
            if org_sentence(ctx, g.start()) || t.toks[i].tagged {
                continue;
            }
            let score = if ctx.person_sentence(i) || ctx.other_patient_cues() { 0.85 } else { 0.45 };
            out.push(candidate(g.start(), g.end(), score, "Street corner", "a local street"));
        }
    }
    let street_words = t.toks.iter().filter(|k| k.shape == Shape::Title && STREET_TYPE_SET.contains(k.text)).count();
    if street_words < 2 {
        return;
    }
    // Street addresses already found ("12 Elm St & ..."), as covered bytes.
    let mut addressed = Coverage::new(text.len());
    out.iter().for_each(|c| addressed.take(c.start, c.end));
    for m in INTERSECTION.find_iter(text) {
        if !addressed.free(m.start(), m.end()) || org_sentence(ctx, m.start()) {
            continue;
        }
        let Some(i) = token_at(t, m.start()) else { continue };
        // Above the single-street rule's score: the corner is the longer, truer span.
        let score = if ctx.person_sentence(i) || doc.patient_context { 0.88 } else { 0.45 };
        out.push(candidate(m.start(), m.end(), score, "Street corner", "a local street"));
    }
}

fn org_sentence(ctx: &Ctx<'_, '_>, byte: usize) -> bool {
    let t = ctx.t;
    let Some(i) = token_at(t, byte) else { return false };
    memo(&ctx.org_memo[t.toks[i].sentence as usize], || {
        let (a, b) = t.sentence_range(i);
        (a..b).any(|k| ORG_FIRST.contains(t.lower(k)) && ORG_ADDRESS_CUES.iter().any(|cue| ctx.doc.phrase_starts_at(k, cue)))
    })
}

static ORG_FIRST: LazyLock<FastSet> = LazyLock::new(|| ORG_ADDRESS_CUES.iter().filter_map(|c| c.split(' ').next()).collect());

fn addresses(ctx: &Ctx<'_, '_>, out: &mut Vec<Candidate>) {
    let (doc, t, text) = (ctx.doc, ctx.t, ctx.doc.text);
    let street_word = t.toks.iter().any(|k| k.shape == Shape::Title && STREET_TYPE_SET.contains(k.text));
    let mut address_bytes = Coverage::new(text.len());
    for m in ADDRESS.find_iter(if street_word { text } else { "" }) {
        let before = text[..m.start()].chars().next_back();
        if matches!(before, Some('$' | ':' | '.' | '/' | '#' | '-')) {
            continue;
        }
        let Some(i) = token_at(t, m.start()) else { continue };
        if org_sentence(ctx, m.start()) {
            continue;
        }
        // "Third call this month to 412 Carver St", "attended a fall at 9 Elm Rd":
        // an address someone was called or went out to is that person's.
        let residence = ctx.residence_cue(i)
            || doc.cue_before(m.start(), 4, &["address", "addresses", "home", "house", "call", "called", "dispatched", "attended", "visit", "visited"])
            || ctx.paperwork(i);
        let score = if residence {
            0.9
        } else if ctx.person_sentence(i) || doc.patient_context {
            0.8
        } else {
            0.45
        };
        address_bytes.take(m.start(), m.end());
        out.push(candidate(m.start(), m.end(), score, "Street address", "their home"));
        // "22 Juniper Ave, Fallowmere, OH": the town after the address.
        if let Some(j) = token_at(t, m.end()) {
            if t.toks[j].start >= m.end() && t.gap_before(j).trim() == "," {
                let mut b = j;
                while b < t.len() && b - j < 3 && t.toks[b].shape == Shape::Title && !t.toks[b].tagged && (b == j || t.joined(b - 1, &[])) {
                    b += 1;
                }
                let state_after = t.toks.get(b).is_some_and(|n| lexicon::US_STATE_CODES.contains(&n.text) || lexicon::is_region(n.lower));
                if b > j && !lexicon::is_region(&lexicon::normalise(&t.phrase(j, b))) && (state_after || town_evidence(t, j, b) >= 1.0) {
                    out.push(candidate(t.toks[j].start, t.toks[b - 1].end, score, "Town or city of a patient's address", "a nearby town"));
                }
            }
        }
    }
    let route_word = t.toks.iter().any(|k| matches!(k.lower, "road" | "rd" | "route" | "rte" | "highway" | "hwy" | "interstate"));
    for m in ROUTE.find_iter(if route_word { text } else { "" }) {
        if doc.cue_after(m.end(), 1, UNITS) {
            continue;
        }
        let Some(i) = token_at(t, m.start()) else { continue };
        let score = if doc.patient_context && ctx.person_sentence(i) {
            0.8
        } else if doc.patient_context {
            0.7
        } else {
            0.45
        };
        out.push(candidate(m.start(), m.end(), score, "Road tied to a patient", "a local road"));
    }
    let apt_word = t.toks.iter().any(|k| matches!(k.lower, "apt" | "apartment" | "flat" | "trailer" | "lot" | "box"));
    for m in APARTMENT.find_iter(if apt_word { text } else { "" }) {
        if doc.cue_after(m.end(), 1, UNITS) || doc.cue_before(m.start(), 1, &["parking", "car", "empty", "vacant", "a"]) {
            continue;
        }
        // Already part of a street address.
        if !address_bytes.free(m.start(), m.end()) {
            continue;
        }
        let score = if doc.patient_context { 0.85 } else { 0.45 };
        out.push(candidate(m.start(), m.end(), score, "Apartment or mailing address", ""));
    }
}

fn postal_codes(ctx: &Ctx<'_, '_>, out: &mut Vec<Candidate>) {
    let (doc, t, text) = (ctx.doc, ctx.t, ctx.doc.text);
    let digits_count = |s: &str| s.bytes().filter(u8::is_ascii_digit).count();
    // Every pattern here needs a run of digits of ZIP length, or a postcode-shaped word.
    let zip_shaped = t.toks.iter().any(|k| k.text.len() >= 2 && k.text.len() <= 5 && k.text.bytes().all(|b| b.is_ascii_digit()));
    // UK "SK4 2LP", "SW1A 1AA"; Canadian "T2N 1N4": a capital, then a digit.
    let postcode_shaped = t.toks.iter().any(|k| {
        let b = k.text.as_bytes();
        k.shape == Shape::Other && b.len() <= 7 && b[0].is_ascii_uppercase() && b.iter().skip(1).take(2).any(u8::is_ascii_digit)
    });
    // Which ZIP patterns can match at all.
    let digit_next = |k: usize| t.toks.get(k + 1).is_some_and(|n| n.text.as_bytes()[0].is_ascii_digit());
    let state_then_digits = (0..t.len()).any(|k| {
        let w = &t.toks[k];
        digit_next(k) && (w.shape == Shape::Caps && w.text.len() == 2 && lexicon::US_STATE_CODES.contains(&w.text) || lexicon::is_region(w.lower))
    });
    let zip_word = t.toks.iter().any(|k| matches!(k.lower, "zip" | "zipcode" | "postal" | "postcode" | "post" | "postmarked" | "code"));
    let locative_digits = (0..t.len()).any(|k| matches!(t.toks[k].lower, "from" | "in" | "of" | "near" | "around" | "outside" | "the" | "old" | "new" | "home") && t.toks.get(k + 1).is_some_and(|n| n.text.len() == 5 && n.text.bytes().all(|b| b.is_ascii_digit())));
    if !zip_shaped && !postcode_shaped {
        return;
    }
    for (re, can) in [(&*ZIP_STATE, state_then_digits), (&*ZIP_STATE_NAME, state_then_digits), (&*ZIP_CUE, zip_word)] {
        for c in re.captures_iter(if can { text } else { "" }) {
            let g = c.get(1).expect("zip");
            let d = digits_count(g.as_str());
            if d != 5 && d != 9 && !g.as_str().bytes().any(|b| b.is_ascii_alphabetic()) {
                continue;
            }
            if doc.cue_after(g.end(), 1, UNITS) || text[g.end()..].starts_with([',', '.']) && text[g.end() + 1..].starts_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            let Some(i) = token_at(t, g.start()) else { continue };
            // An organisation's mailing address ("Foundation, Inc., ... MA 02110") is public.
            // "life expectancy in ZIP 60611 vs 60621": a ZIP quoted as population data.
            let statistic = !ctx.person_sentence(i) && {
                let (a, b) = t.sentence_range(i);
                (a..b).any(|k| matches!(t.lower(k), "vs" | "versus" | "compared" | "expectancy" | "rates" | "population" | "median" | "average" | "predicts" | "disparities" | "gap"))
            };
            let score = if org_sentence(ctx, g.start()) || statistic {
                0.4
            } else if doc.patient_context || ctx.person_sentence(i) || re.as_str().contains("zip") {
                0.9
            } else {
                0.45
            };
            out.push(candidate(g.start(), g.end(), score, "ZIP or postal code", ""));
        }
    }
    for c in ZIP_LOCATIVE.captures_iter(if zip_shaped && locative_digits { text } else { "" }) {
        let g = c.get(1).expect("zip");
        let area = c.get(2).is_some();
        let tail = &text[g.end()..];
        if doc.cue_after(g.end(), 1, UNITS) || doc.cue_after(g.end(), 1, &["to", "and", "or", "per"]) || tail.starts_with(['-', '–', '%', ',']) && !tail.starts_with(", ") || g.as_str().ends_with("000") {
            continue;
        }
        if text[..g.start()].trim_end().ends_with('$') {
            continue;
        }
        let Some(i) = token_at(t, g.start()) else { continue };
        let score = if area || ctx.person_sentence(i) { 0.78 } else { 0.4 };
        out.push(candidate(g.start(), g.end(), score, "ZIP code", ""));
    }
    for re in [&*UK_POSTCODE, &*CA_POSTCODE] {
        for c in re.captures_iter(if postcode_shaped { text } else { "" }) {
            let g = c.get(1).expect("postcode");
            if g.as_str().len() < 5 {
                continue;
            }
            let Some(i) = token_at(t, g.start()) else { continue };
            let cued = ctx.paperwork(i) || ctx.residence_cue(i);
            if doc.patient_context || ctx.person_sentence(i) || cued {
                out.push(candidate(g.start(), g.end(), 0.8, "Postal code", ""));
            }
        }
    }
}

/// Evidence that tokens `a..b` (Title Case) name a town.
fn town_evidence(t: &Tokens<'_>, a: usize, b: usize) -> f32 {
    let phrase = t.phrase(a, b);
    let norm = lexicon::normalise(&phrase);
    if lexicon::is_region(&norm) || lexicon::is_organisation(&norm) || lexicon::is_public_figure(&norm) || lexicon::is_region(t.lower(a)) {
        return 0.0;
    }
    if lexicon::is_place(&norm) {
        return 2.0;
    }
    let first = t.lower(a);
    let last = t.lower(b - 1);
    if b - a >= 2 && (TOWN_HEADS.contains(last) || TOWN_PREFIXES.contains(first)) {
        return 2.0;
    }
    let single = b - a == 1;
    let w = first;
    // Contractions are not places: "I'm", "We'll", "Don't".
    if ["'m", "'re", "'ve", "'ll", "'d", "n't", "’m", "’re", "’ve", "’ll", "’d", "n’t"].iter().any(|c| w.ends_with(c)) {
        return 0.0;
    }
    let hyphenated = w.contains('-');
    if hyphenated && (w.split('-').next().is_some_and(|p| TOWN_PREFIXES.contains(p)) || w.contains("-du-")) || w.contains("-sur-") || w.contains("-on-") || w.contains("-upon-") {
        return 2.0;
    }
    if lexicon::is_drug(w) || lexicon::MONTH_NAMES.contains(&w) || lexicon::WEEKDAYS.contains(&w) || lexicon::HOLIDAY_WORDS.contains(&w) {
        return 0.0;
    }
    let everyday = lexicon::is_common_word(w) || lexicon::is_word_name(w);
    if single && !everyday && !lexicon::is_first_name(w) && w.len() >= 6 && TOWN_SUFFIXES.iter().any(|s| w.ends_with(s) && w.len() > s.len() + 2) {
        return 1.5;
    }
    if single && (everyday || lexicon::is_first_name(w)) {
        return 0.0;
    }
    if !single && (a..b).all(|k| lexicon::is_common_word(t.lower(k))) {
        return 0.5;
    }
    1.0
}

/// Tokens from `j` that form a place name: Title Case words, with inner
/// "upon/of/de/du/la" or a possessive ("Cobbler's Ford"). Returns the end.
fn place_run(t: &Tokens<'_>, j: usize) -> usize {
    let mut b = j;
    while b < t.len() && b - j < 4 {
        let tok = &t.toks[b];
        if tok.tagged {
            break;
        }
        if b > j {
            let prev = &t.toks[b - 1];
            let sep: &[char] = if matches!(prev.lower, "st" | "ste" | "mt" | "ft") { &['.'] } else { &[] };
            if !t.joined(b - 1, sep) || tok.initial {
                break;
            }
            if prev.possessive && tok.shape != Shape::Title {
                break;
            }
        }
        match tok.shape {
            Shape::Title => {}
            Shape::Lower if b > j && matches!(tok.lower, "upon" | "on" | "of" | "de" | "du" | "la" | "le" | "the") && t.toks.get(b + 1).is_some_and(|n| n.shape == Shape::Title) => {}
            _ => break,
        }
        if b > j && t.toks[b - 1].possessive && !TOWN_HEADS.contains(tok.lower) {
            break;
        }
        b += 1;
    }
    b
}

fn streets_counties_towns(ctx: &Ctx<'_, '_>, out: &mut Vec<Candidate>) {
    let (doc, t) = (ctx.doc, ctx.t);
    let mut i = 0;
    while i < t.len() {
        let tok = &t.toks[i];
        if tok.shape != Shape::Title || tok.tagged || t.shouting(i) {
            // Lowercase towns only from the gazetteer after a strong cue.
            if tok.shape == Shape::Lower && i > 0 && !tok.tagged && t.lower(i - 1) == "from" {
                lowercase_town(ctx, i, out);
            }
            i += 1;
            continue;
        }
        let b = place_run(t, i);
        if b == i {
            i += 1;
            continue;
        }
        // (Scots "fae" is "from": "Big Tam fae Leith".)
        let cue = match if i > 0 { t.lower(i - 1) } else { "" } {
            "fae" => "from",
            c => c,
        };
        let cue_joined = i > 0 && t.joined(i - 1, &[]);
        let last = t.lower(b - 1);
        let next_after = t.lower(b);
        let facility_after = FACILITY_AFTER.contains(next_after) && t.joined(b - 1, &[]) || is_org_head(last);
        // -- "Dunmore County", "County Kerry" --------------------------------
        if matches!(last, "county" | "parish" | "borough") && b - i >= 2 {
            if !facility_after {
                let score = if ctx.person_sentence(i) { 0.88 } else if doc.patient_context { 0.75 } else { 0.45 };
                out.push(candidate(tok.start, t.toks[b - 1].end, score, "County tied to a patient", "a nearby county"));
            }
            i = b;
            continue;
        }
        if tok.lower == "county" && b - i >= 2 && !facility_after {
            let score = if doc.patient_context { 0.8 } else { 0.45 };
            out.push(candidate(tok.start, t.toks[b - 1].end, score, "County tied to a patient", "a nearby county"));
            i = b;
            continue;
        }
        // -- "lives on Juniper Ave", "from Pell Street" ----------------------
        if STREET_HEADS.contains(last) && b - i >= 2 {
            let abbreviation_opens_name = matches!(last, "st") && t.gap_after(b - 1).starts_with('.') && t.toks.get(b).is_some_and(|n| n.shape == Shape::Title);
            // "Our clinic on Maple Street", "our Elm Street site": the organisation's own.
            let org = org_sentence(ctx, tok.start) || i >= 2 && matches!(t.lower(i - 2), "clinic" | "office" | "pharmacy" | "store" | "practice" | "location" | "site" | "branch" | "hospital" | "center" | "centre");
            let street_cue = !org && cue_joined && matches!(cue, "on" | "off" | "from" | "near" | "at" | "of" | "along" | "down" | "up" | "to" | "past" | "by" | "onto");
            let drive_ok = last != "drive" || t.toks[b - 1].shape == Shape::Title;
            if street_cue && !facility_after && !abbreviation_opens_name && drive_ok {
                let person = ctx.person_sentence(i);
                // A street named in full after "on"/"from" is rarely anything but someone's.
                let full_word = matches!(last, "street" | "road" | "avenue" | "lane" | "drive" | "boulevard" | "court" | "terrace" | "crescent");
                let score = if ctx.residence_cue(i) || person && doc.patient_context {
                    0.85
                } else if person || doc.patient_context {
                    0.65
                } else if full_word {
                    0.55
                } else {
                    0.45
                };
                out.push(candidate(tok.start, t.toks[b - 1].end, score, "Street tied to a patient", "a local street"));
            }
            i = b;
            continue;
        }
        // -- towns -----------------------------------------------------------
        // "St. Mary's", "Cooper's": a possessive names a facility or a shop.
        if facility_after || i == 0 || t.toks[b - 1].possessive {
            i = b;
            continue;
        }
        // Cheap gate before any look-up: a cue word before the run, or a
        // state after it ("Kerrville, TX").
        let prev = t.lower_back(i, 1);
        let comma_after = t.gap_after(b - 1).trim() == "," && t.toks.get(b).is_some_and(|n| n.shape == Shape::Caps || n.shape == Shape::Title);
        // "on Wattle St, Ballarat", "Kōwhai Street, Whangārei": the town of a street.
        let after_street = i > 0 && STREET_HEADS.contains(cue) && t.toks[i - 1].shape == Shape::Title && t.gap_before(i).trim() == ",";
        let cued = cue_joined && (LOCATIVE.contains(cue) || matches!(cue, "from" | "a" | "an" | "the" | "just") || RESIDENCE_LAST.contains(prev)) || comma_after || after_street;
        if !cued {
            i = b;
            continue;
        }
        // The longest prefix of the run that is a known place, else the run.
        let mut end = b;
        let mut evidence = town_evidence(t, i, b);
        for k in (i + 1..b).rev() {
            let e = town_evidence(t, i, k);
            if e >= 2.0 && evidence < 2.0 {
                end = k;
                evidence = e;
            }
        }
        if evidence <= 0.0 {
            i = b;
            continue;
        }
        let state_after = {
            let g = t.gap_after(end - 1).trim();
            let nxt = t.toks.get(end);
            g == "," && nxt.is_some_and(|n| n.shape == Shape::Caps && n.text.len() == 2 && lexicon::US_STATE_CODES.contains(&n.text) || n.shape == Shape::Title && lexicon::is_region(n.lower))
        };
        let residence = ctx.residence_cue(i);
        let from = cue_joined && cue == "from";
        let locative = cue_joined && LOCATIVE.contains(cue) || t.lower_back(i, 1) == "just" || cue_joined && cue == "outside" || after_street;
        // "a Fresno man", "the Dubbo family", "a Moose Jaw native".
        let demonym = matches!(cue, "a" | "an" | "the") && evidence >= 1.5 && t.joined(end - 1, &[]) && TOWN_PEOPLE.contains(t.lower(end));
        if !(residence || from || locative || state_after || demonym) {
            i = b;
            continue;
        }
        if ctx.clinician_self(i - 1) {
            i = b;
            continue;
        }
        // "transferred to Parkland", "flown to Westmead": where patients are
        // sent is a hospital, named after its town or not.
        if cue == "to" && matches!(t.lower_back(i, 2), "transferred" | "airlifted" | "flown" | "sent" | "referred" | "transported" | "shipped" | "diverted" | "taken" | "rushed" | "moved") {
            i = b;
            continue;
        }
        let person = ctx.person_sentence(i);
        let strong = residence || state_after || from && person || demonym;
        let score: f32 = if !doc.patient_context && !person {
            0.35
        } else if strong && evidence >= 1.0 {
            if person || residence { 0.85 } else { 0.7 }
        } else if evidence >= 1.5 && person {
            0.75
        } else {
            0.45
        };
        let c = candidate(tok.start, t.toks[end - 1].end, score, "Town or city tied to a patient", "a nearby town");
        // A gazetteer town after "in/near/from" in a post about patients,
        // held back until the post names or ages someone.
        let c = if score < 0.5 && (evidence >= 2.0 || evidence >= 1.0 && person && end == i + 1 && cue_joined && matches!(cue, "in" | "near" | "outside" | "past" | "around")) && doc.patient_context && (locative || from) && !ctx.event_sentence(i) { c.held_for_person() } else { c };
        out.push(c);
        i = b;
    }
    repeat_towns(ctx, out);
}

/// Other mentions of a town already tied to the patient: "...from
/// Hollister and wants everyone to know Hollister has the best strawberries".
fn repeat_towns(ctx: &Ctx<'_, '_>, out: &mut Vec<Candidate>) {
    let t = ctx.t;
    let text = ctx.doc.text;
    let towns: Vec<(usize, usize)> = out
        .iter()
        .filter(|c| c.score >= 0.5 && c.suggestion.as_deref() == Some("a nearby town"))
        .map(|c| (c.start, c.end))
        .collect();
    if towns.is_empty() {
        return;
    }
    // Title-case words by text, built once: linear in the post.
    let mut at: std::collections::HashMap<&str, Vec<usize>, std::hash::BuildHasherDefault<lexicon::Fnv>> = Default::default();
    for (i, tok) in t.toks.iter().enumerate() {
        if tok.shape == Shape::Title && !tok.tagged {
            at.entry(tok.text).or_default().push(i);
        }
    }
    let mut taken = Coverage::new(text.len());
    for c in out.iter() {
        taken.take(c.start, c.end);
    }
    let mut seen: Vec<&str> = Vec::new();
    for (s0, e0) in towns {
        let name = &text[s0..e0];
        if seen.contains(&name) || seen.len() > 16 {
            continue;
        }
        seen.push(name);
        let words = name.split_whitespace().count();
        let first = name.split_whitespace().next().unwrap_or("");
        for &i in at.get(first).map(|v| v.as_slice()).unwrap_or(&[]) {
            let tok = &t.toks[i];
            if tok.start == s0 {
                continue;
            }
            let b = i + words;
            if b > t.len() {
                continue;
            }
            let (start, end) = (tok.start, t.toks[b - 1].end);
            if &text[start..end] != name || !taken.free(start, end) {
                continue;
            }
            // "I'm an ER doc in Millbrook": the clinician's own mention.
            if i > 0 && ctx.clinician_self(i - 1) {
                continue;
            }
            taken.take(start, end);
            out.push(candidate(start, end, 0.75, "Town or city tied to a patient", "a nearby town"));
        }
    }
}

fn lowercase_town(ctx: &Ctx<'_, '_>, i: usize, out: &mut Vec<Candidate>) {
    let t = ctx.t;
    let cue = t.lower(i - 1);
    if !(cue == "from" || ctx.residence_cue(i)) || !t.joined(i - 1, &[]) {
        return;
    }
    for len in (1..=3usize).rev() {
        let b = i + len;
        if b > t.len() || (i..b).any(|k| t.toks[k].shape != Shape::Lower || k > i && !t.joined(k - 1, &[])) {
            continue;
        }
        let phrase = t.phrase(i, b);
        let w = t.lower(i);
        if lexicon::is_place(&phrase) && !lexicon::is_region(&phrase) && (len > 1 || !lexicon::is_common_word(w) && !lexicon::is_first_name(w)) && ctx.person_sentence(i) {
            out.push(candidate(t.toks[i].start, t.toks[b - 1].end, 0.7, "Town or city tied to a patient", "a nearby town"));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::recognizers::names::NamesRecognizer;
    use crate::text::PostContext;

    fn places(text: &str) -> Vec<String> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let mut out = Vec::new();
        // Names run first in the pipeline; the locations recognizer reads them.
        NamesRecognizer.recognize(&doc, &mut out);
        LocationsRecognizer.recognize(&doc, &mut out);
        out.retain(|c| c.category == Category::Location && c.score >= crate::text::recognizer::REPORT_THRESHOLD);
        out.sort_by_key(|c| c.start);
        out.iter().map(|c| text[c.start..c.end].to_string()).collect()
    }

    #[test]
    fn rooms_and_beds() {
        assert_eq!(places("pt in bed 7, 88 y/o F, c/o SOB"), ["bed 7"]);
        assert_eq!(places("my patient in room 312B keeps asking for jello"), ["room 312B"]);
        assert_eq!(places("Lovely Mr Pritchard (93) on bay 4 told me about the war"), ["bay 4"]);
        assert_eq!(places("who gave Mr. Okonkwo in 14B a bag of candy"), ["14B"]);
        assert_eq!(places("omg the kid in trauma 2 is 8 yrs old"), ["trauma 2"]);
        assert_eq!(places("He came in on 11/28 with no ID, found near the bus depot at 5th and Main."), ["5th and Main"]);
        assert!(places("pls pray for my pt Marisol, 16, transferred to Parkland tonight with severe pre-e").is_empty());
        assert_eq!(places("Tuesday the 9th will forever be the day Mr. Okonkwo in 1104 woke up after 3 weeks in a coma"), ["1104"]);
        assert!(places("Mr. Okonkwo in 2019 was our first patient").is_empty());
        assert_eq!(places("Ma wee patient Callum (6) fae Paisley came in wi a Lego brick up his nose"), ["Paisley"]);
        assert!(places("Our patient finished 5th and Third Place went to his brother").is_empty());
        assert!(places("our patient was flown to a level 1 trauma center").is_empty());
        assert!(places("the patient came to us, a trauma 1 center").is_empty());
    }

    /// Location spans the whole pipeline reports (held towns included).
    fn reported_places(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        crate::text::analyze(text, &PostContext::default())
            .iter()
            .filter(|f| f.category == Category::Location)
            .map(|f| chars[f.start..f.end].iter().collect())
            .collect()
    }

    #[test]
    fn towns_are_held_until_the_post_describes_someone() {
        // A gazetteer town after "in/near" in a post about patients...
        assert!(reported_places("Third call this month to the same flat in Fresno. Same pt, same complaint.").is_empty());
        // ...counts once the post ages or names someone,
        assert_eq!(reported_places("Last shift a 19yo delivery driver came in with a dog bite he got in Fresno."), ["Fresno"]);
        assert_eq!(reported_places("Our patient Ernest went missing from the home. Last seen near Keswick at 6pm."), ["Keswick"]);
        // A town the gazetteer lacks, in the sentence of a person aged or named.
        assert_eq!(reported_places("Last shift a 19yo Uber Eats driver came in with a dog bite from a customer's dog in Hackney."), ["Hackney"]);
        assert!(reported_places("who gave Mr. Okonkwo a bag of Skittles. he is a brittle diabetic, 54, on our unit").is_empty());
        // but not when the town is the clinician's own event or past.
        assert!(reported_places("Case presentation accepted at the SCCM Congress in Orlando! The case: a 29 y/o with a toxin exposure.").is_empty());
        assert!(reported_places("Storytime from my midwifery days in Leeds. A first-time mum, 29, delivered in the lift.").is_empty());
    }

    #[test]
    fn addresses_streets_and_codes() {
        assert_eq!(places("Home visit at 1420 Elm St this morning, 79 y/o widower"), ["1420 Elm St"]);
        assert_eq!(places("discharged to 9 Larkspur Ln, Apt 4B, Dorrington, OH 44  915 today"), ["9 Larkspur Ln, Apt 4B", "Dorrington", "44  915"]);
        assert_eq!(places("she's 96 and still lives alone on Maple Ave with her cat"), ["Maple Ave"]);
        assert_eq!(places("Third kid this month from 48612 with a high lead level"), ["48612"]);
        assert_eq!(places("delivered twins in the ambulance on County Road 12 last night"), ["County Road 12"]);
        assert_eq!(places("pt lives in zip code 90210, admitted today"), ["90210"]);
        // A street corner where a patient was hurt.
        assert_eq!(places("19 y/o on an e-scooter, no helmet, Queen St & 5th Ave at 2am"), ["Queen St & 5th Ave"]);
        assert_eq!(places("pt was struck at Elm Street and Rivera Road last night"), ["Elm Street and Rivera Road"]);
        assert!(places("Our new clinic at Main St & 5th Ave opens Monday for flu shots").is_empty());
    }

    #[test]
    fn towns_and_counties() {
        assert_eq!(places("pt Maria G, 84F from Bakersfield, came in this morning"), ["Bakersfield"]);
        assert_eq!(places("a retired lineman from Harlow Springs who climbed poles for forty years"), ["Harlow Springs"]);
        assert_eq!(places("Bloke from Wirrabunna, 54, drove himself to us with a snake bite"), ["Wirrabunna"]);
        assert_eq!(places("the farm accident in Dunmore County that cost him his leg"), ["Dunmore County"]);
        assert_eq!(places("Our little fighter from Ste-Odile-du-Lac came off high-flow today"), ["Ste-Odile-du-Lac"]);
        assert_eq!(places("She walked 2 miles around Eastvale with her grandkids yesterday"), ["Eastvale"]);
        assert_eq!(places("our 17 y/o admit from fresno is doing better"), ["fresno"]);
    }

    #[test]
    fn repeats_demonyms_and_room_codes() {
        assert_eq!(places("The woman in 6B is from Hollister and says Hollister has the best strawberries."), ["6B", "Hollister", "Hollister"]);
        assert_eq!(places("a Kerrville man, 58, drove himself in with appendicitis"), ["Kerrville"]);
        assert_eq!(places("A teen from Kerrville, TX drove himself to our ED"), ["Kerrville"]);
        assert_eq!(places("postal code on the requisition was T2N 1N4, printed in full"), ["T2N 1N4"]);
        assert_eq!(places("discharge papers with 14 Rowan Close, Stockport SK4 2LP on them"), ["14 Rowan Close", "Stockport", "SK4 2LP"]);
        assert_eq!(places("ngl pt marcus in 5 is my favorite"), ["5"]);
        assert_eq!(places("the pharmacy keeps mailing my pt's insulin to an old 44107 address"), ["44107"]);
        assert!(places("life expectancy in Chicago ZIP 60611 vs 60621 differs by 30 years").is_empty());
        assert_eq!(places("Grandpa Sal is back in 3B today with his 4th hip fracture this year"), ["3B"]);
        assert_eq!(places("A week ago a semi-pro footballer, 23, came into our clinic in Auckland with a DVT"), ["Auckland"]);
        assert_eq!(places("Dropped meds off to Mr. B on Wattle St, Ballarat this arvo"), ["Wattle St", "Ballarat"]);
        assert_eq!(places("A young mum I'm supporting in Soweto is due soon and has nothing ready"), ["Soweto"]);
        assert_eq!(places("Third call this month to 412 Carver St, Apt 3B. Same lady, same 'I can't breathe'"), ["412 Carver St, Apt 3B"]);
        assert!(places("the new MRI is back in 3T mode and the echo is in 2D").is_empty());
    }

    #[test]
    fn own_family_and_organisations_stay_quiet() {
        for t in [
            "My grandmother in Manila still makes me ginger tea when I'm sick",
            "I'm Dr. Okafor, a family doc in Atlanta, and I post every Friday",
            "Our clinic on Maple Street is closed until March. Use the Elm Street site.",
            "Free Software Foundation, Inc., 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301",
            "Room 101 is haunted, according to every night nurse on 3 North.",
            "Our clinic in Hilo is hiring two nurses this spring",
            "Christmas Day shift again: whoever left mince pies in the ward 7 staff room, bless you",
            "I'm working in Soweto this month and loving it",
        ] {
            assert!(places(t).is_empty(), "{t:?} gave {:?}", places(t));
        }
    }

    #[test]
    fn hard_negatives_stay_quiet() {
        for t in [
            "I'm an ER doc in Millbrook and I love this town.",
            "I'm Jess, an ER nurse from Manitoba, follow me for IV tips",
            "Licensed in Texas, Oklahoma and New Mexico; telehealth across state lines is hard",
            "Our new community clinic at 4410 Market Street opens June 3. Free BP checks!",
            "Stay cool, Tucson 🌵 drink water",
            "Filmed in our Melbourne clinic. General info only. #Brisbane",
            "Mrs. Kowalski, as your pharmacist at the Pike Street store, I'd split the dose",
            "Case presentation accepted at the SCCM Congress, Feb 2 in Orlando!",
            "We had a patient from the ER go to the ICU at St. Mary's",
            "Glasgow Coma Scale: eyes 4, verbal 5, motor 6",
            "break room 2 has donuts",
            "12-bed critical access hospital, two nurses on nights",
            "Orange County residents: flu clinics open Saturday",
            "Walk 10000 steps a day, from 5000 steps if you're starting out",
            "keep the room 68 degrees for sleep",
        ] {
            assert!(places(t).is_empty(), "{t:?} gave {:?}", places(t));
        }
    }
}
