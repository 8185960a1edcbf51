//! Recognizer for patients' and relatives' names: "Mrs. Alvarez", "baby
//! Liam", "her son Tom", "my patient Jenna", "a man named Walter Price",
//! "J.T., 45F", "Jack Morrow, 19", "pt maria g".
//!
//! A capitalised word is not a name by itself: names are found through the
//! context clinicians write them in (titles, "baby", kinship words,
//! "patient X", "named", an age or an email set off after the name, a
//! patient-story verb), backed by the first-name and surname lexicons. Once
//! a name is found, its other mentions in the post are flagged too ("Rest
//! easy, Jack.").
//!
//! Quiet on: the clinician's and colleagues' names ("Dr. Joy Amari", "night
//! nurse Dawn", "Marcus Bell, RN", "I'm Jess"), the person a reply answers
//! unless the reply shows they are the clinician's patient ("Hi Carol,"),
//! eponyms ("Graves' disease", "Tommy John surgery"), drug and brand names,
//! organisations, public figures, sentence-initial words ("Mark your
//! calendars", "Hope this helps"), common-word names without strong context
//! (Will, June, Grace), and Title Case or ALL CAPS sentences.

use crate::finding::Category;
use crate::text::document::{CueSet, Document};
use std::cell::Cell;
use std::sync::LazyLock;

use crate::text::lexicon::{self, fast_set, FastSet};
use crate::text::recognizer::{Candidate, Recognizer};

use super::tokens::{Shape, Tokens};

pub struct NamesRecognizer;

// Word lists checked for every word are hashed once.
static KIN: LazyLock<FastSet> = LazyLock::new(|| fast_set(KIN_LIST));
static KIN_AS_TITLE: LazyLock<FastSet> = LazyLock::new(|| fast_set(KIN_AS_TITLE_LIST));
static KIN_MODIFIERS: LazyLock<FastSet> = LazyLock::new(|| fast_set(KIN_MODIFIERS_LIST));
static PATIENT_NOUNS: LazyLock<FastSet> = LazyLock::new(|| fast_set(PATIENT_NOUNS_LIST));
static PERSON_NOUNS: LazyLock<FastSet> = LazyLock::new(|| fast_set(PERSON_NOUNS_LIST));
static COLLEAGUE_BEFORE: LazyLock<FastSet> = LazyLock::new(|| fast_set(COLLEAGUE_BEFORE_LIST));
static EPONYM_HEADS: LazyLock<FastSet> = LazyLock::new(|| fast_set(EPONYM_HEADS_LIST));
static PREDICATE_VERBS: LazyLock<FastSet> = LazyLock::new(|| fast_set(PREDICATE_VERBS_LIST));
static PREDICATE_PARTICIPLES: LazyLock<FastSet> = LazyLock::new(|| fast_set(PREDICATE_PARTICIPLES_LIST));
static PATIENT_NEAR: LazyLock<FastSet> = LazyLock::new(|| fast_set(PATIENT_NEAR_LIST));
static GREETINGS: LazyLock<FastSet> = LazyLock::new(|| fast_set(GREETINGS_LIST));
static DOTTED_ABBREVIATIONS: LazyLock<FastSet> = LazyLock::new(|| fast_set(DOTTED_ABBREVIATIONS_LIST));
static NEVER_NAMES: LazyLock<FastSet> = LazyLock::new(|| fast_set(NEVER_NAMES_LIST));
static UNITS: LazyLock<FastSet> = LazyLock::new(|| fast_set(UNITS_LIST));
static CULTURE_AFTER: LazyLock<FastSet> = LazyLock::new(|| fast_set(CULTURE_AFTER_LIST));
static PERSONAL_AFTER: LazyLock<FastSet> = LazyLock::new(|| fast_set(PERSONAL_AFTER_LIST));
static CLINICIAN_ROLES: LazyLock<FastSet> = LazyLock::new(|| fast_set(CLINICIAN_ROLES_LIST));
static SPEECH_VERBS: LazyLock<FastSet> = LazyLock::new(|| fast_set(SPEECH_VERBS_LIST));
static CREDENTIALS: LazyLock<FastSet> = LazyLock::new(|| fast_set(CREDENTIALS_LIST));

/// Civil titles: "Mrs. Alvarez", "mr jones".
const CIVIL_TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "mister", "missus", "master"];
/// Clergy titles: a name only as a title ("Pastor James"), and a patient's
/// only in a sentence about care (they are often the hospital's chaplains).
const CLERGY_TITLES: &[&str] = &["pastor", "reverend", "rev", "rabbi", "imam", "deacon"];

fn is_title(w: &str) -> bool {
    CIVIL_TITLES.contains(&w) || CLERGY_TITLES.contains(&w)
}

/// Family words: "her son Tom", "Daughter Carla", "his wife Bev".
const KIN_LIST: &[&str] = &[
    "son", "daughter", "wife", "husband", "mom", "mum", "mother", "dad", "father", "brother", "sister", "grandmother",
    "grandma", "granny", "gran", "nana", "grandpa", "grandfather", "grandad", "granddad", "granddaughter",
    "grandson", "grandchild", "grandbaby", "aunt", "auntie", "aunty", "uncle", "niece", "nephew", "cousin", "partner",
    "fiance", "fiancé", "fiancee", "fiancée", "boyfriend", "girlfriend", "twin", "stepson", "stepdaughter", "stepmom",
    "stepdad", "stepmother", "stepfather", "baby", "kid", "child", "toddler", "newborn", "spouse", "sibling",
    "caregiver", "widow", "widower", "bestie", "mama", "papa", "twins", "triplets", "mummy", "mommy", "daddy", "apo",
    "lola", "lolo",
];
/// Kin words that may open a sentence as an address form ("Mom Leah named
/// the baby"); "Father", "Brother", "Sister" also title clergy and nurses.
const KIN_AS_TITLE_LIST: &[&str] = &[
    "mummy", "mommy", "daddy", "lola", "lolo",
    "son", "daughter", "wife", "husband", "mom", "mum", "dad", "grandma", "grandpa", "granny", "nana", "grandson",
    "granddaughter", "aunt", "auntie", "uncle", "niece", "nephew", "cousin", "mama", "papa",
];
/// Words allowed between a possessive and a kin word ("her big brother Otis").
const KIN_MODIFIERS_LIST: &[&str] = &[
    "big", "little", "baby", "older", "younger", "oldest", "youngest", "eldest", "twin", "late", "new", "step",
    "adult", "teenage", "teen", "grown", "only", "beloved", "devoted", "favorite", "favourite", "sweet", "newborn",
];
const POSSESSORS: &[&str] = &["his", "her", "their", "whose", "the"];
/// Words that end a description: a possessive reaches a kin word only over
/// describing words, not across these ("her and his dad").
const CLAUSE_WORDS: &[&str] = &[
    "and", "or", "but", "with", "to", "of", "the", "a", "an", "is", "was", "are", "for", "in", "on", "at", "my", "our",
    "your", "his", "her", "their", "who", "that", "this", "from", "by", "as",
];
/// Affectionate or plain nouns for a patient before their name: "my little
/// heart warrior Ava", "this beautiful boy, Oliver".
const DESCRIBED_NOUNS: &[&str] = &[
    "boy", "girl", "baby", "babe", "newborn", "infant", "toddler", "kiddo", "warrior", "fighter", "champ", "champion",
    "hero", "superstar", "angel", "miracle", "trooper", "sweetheart", "man", "lady", "gentleman", "guy", "lad", "lass",
    "one", "patient", "pt", "resident", "client", "woman", "mum", "mom", "mother", "dad", "father",
];
/// Of those, the ones that make a birth or child post about a patient even
/// without other cues ("this beautiful boy, Oliver, arrived").
const CHILD_NOUNS: &[&str] = &["boy", "girl", "baby", "babe", "newborn", "infant", "toddler", "kiddo"];

const PATIENT_NOUNS_LIST: &[&str] = &["patient", "pt", "client", "resident", "admit", "kiddo", "patients", "clients", "residents"];

/// Someone before "named"/"called": "a man named Walter Price".
const PERSON_NOUNS_LIST: &[&str] = &[
    "man", "woman", "guy", "lady", "gentleman", "gent", "boy", "girl", "kid", "child", "baby", "son", "daughter",
    "patient", "pt", "client", "resident", "person", "fellow", "teen", "teenager", "toddler", "infant", "newborn",
    "mom", "mum", "dad", "mother", "father", "wife", "husband", "brother", "sister", "grandmother", "grandfather",
    "grandma", "grandpa", "veteran", "student", "one", "bloke", "lad", "lass", "chap", "dude", "someone",
    "somebody", "gal", "grandson", "granddaughter", "twins", "triplets",
];

/// A name right after one of these is a colleague's, not a patient's.
const COLLEAGUE_BEFORE_LIST: &[&str] = &[
    "dr", "doctor", "doc", "prof", "professor", "nurse", "rn", "np", "pa", "md", "midwife", "doula", "tech",
    "technician", "cna", "lpn", "medic", "paramedic", "emt", "pharmacist", "therapist", "physio", "attending",
    "intern", "colleague", "colleagues", "coworker", "coworkers", "co-worker", "co-workers", "manager", "director",
    "surgeon", "physician", "dentist", "hygienist", "chaplain", "scribe", "clerk", "receptionist", "legend",
    "legends", "boss", "preceptor", "mentor", "mentors", "co-author", "co-authors", "coauthor", "coauthors",
    "author", "nurses", "doctors", "team", "staff", "ceo", "supervisor", "officer", "deputy", "sheriff", "trooper",
    "captain", "chief", "coach", "pastor", "rev", "reverend", "rabbi", "imam", "fr", "sister", "brother", "father",
    "sr", "aunt", "uncle", "anchor", "host", "senator", "governor", "president", "judge", "mayor", "dean", "st",
    "saint", "ceo", "founder", "shoutout", "shout-out", "thanks", "thank", "kudos", "congrats", "congratulations",
    "welcome", "resident", "fellow", "student", "educator", "coordinator", "navigator", "specialist", "assistant",
    "secretary", "volunteer", "liaison", "admin", "administrator", "instructor", "trainer", "counselor", "counsellor",
];
/// Credentials after a name mark a clinician: "Marcus Bell, RN".
const CREDENTIALS_LIST: &[&str] = &[
    "RN", "MD", "DO", "NP", "PA", "PA-C", "DPT", "PT", "OT", "OTR", "RD", "RDN", "PharmD", "PhD", "CNM", "LPN", "BSN",
    "MSN", "DNP", "CRNA", "FNP", "FNP-C", "NP-C", "APRN", "ARNP", "CRNP", "LCSW", "LMFT", "LPC", "PsyD", "MPH",
    "MBBS", "FRCP", "FACP", "FACS", "FRCS", "DDS", "DMD", "OD", "EMT", "CNA", "IBCLC", "CCRN", "MBA", "DC", "ND",
    "RRT", "SLP", "CCC-SLP", "ATC", "CSCS", "RPh", "BCPS", "MRCGP", "FRACP", "RGN", "RMN", "RM", "LAc", "MSW",
];
/// Clinical head nouns that make the capitalised word before them an
/// eponym: "Graves' disease", "Tommy John surgery", "Lewy body".
const EPONYM_HEADS_LIST: &[&str] = &[
    "disease", "diseases", "syndrome", "sign", "signs", "test", "palsy", "cyst", "score", "scale", "criteria",
    "classification", "maneuver", "manoeuvre", "procedure", "operation", "surgery", "fracture", "ulcer", "reflex",
    "triad", "law", "effect", "phenomenon", "body", "bodies", "catheter", "tube", "needle", "solution", "method",
    "technique", "rule", "rules", "position", "incision", "node", "nodes", "lymphoma", "sarcoma", "tumor", "tumour",
    "hernia", "diverticulum", "contracture", "dementia", "encephalopathy", "chorea", "thyroiditis", "esophagus",
    "oesophagus", "disorder", "anomaly", "malformation", "lesion", "lesions", "spots", "nodules", "bag", "repair",
    "block", "approach", "murmur", "pouch", "space", "ratio", "index", "equation", "formula", "curve", "membrane",
    "cell", "cells", "fluid", "bundle", "duct", "gland", "glands", "canal", "ligament", "tendon", "nerve", "stockings",
    "lactate", "respiration", "breathing", "tremor", "toe", "elbow", "knee", "finger", "thumb", "deformity",
    "dystrophy", "anemia", "anaemia", "ataxia", "myopathy", "neuropathy", "neuralgia", "arthritis", "phenomenon",
    "questionnaire", "inventory", "protocol", "therapy", "diet", "plot", "flap", "graft", "shunt", "valve", "stent",
    "clamp", "forceps", "speculum", "retractor", "splint", "brace", "cast", "line", "drain", "fistula",
];
/// Words after a self-introduction that mark the clinician: "I'm Jess, an ER nurse".
const CLINICIAN_ROLES_LIST: &[&str] = &[
    "nurse", "doctor", "doc", "physician", "surgeon", "pharmacist", "therapist", "dietitian", "dietician", "midwife",
    "paramedic", "emt", "dentist", "hygienist", "physio", "physiotherapist", "psychologist", "psychiatrist",
    "counselor", "counsellor", "np", "pa", "rn", "md", "resident", "intern", "student", "here", "hospitalist",
    "attending", "consultant", "gp", "ob", "obgyn", "pediatrician", "oncologist", "cardiologist", "chiropractor",
    "optometrist", "audiologist", "slp", "ot", "pt", "doula", "lactation", "ibclc", "cna", "lpn", "tech",
];
/// Verbs of reported speech around a quoted self-introduction.
const SPEECH_VERBS_LIST: &[&str] = &[
    "told", "said", "says", "asked", "repeating", "repeated", "kept", "yelled", "shouted", "whispered", "announced",
    "insisted", "introduced", "replied", "answered", "muttered", "screamed",
];
/// Personal nouns after a possessive name: "Margaret's hand", "Maria's room".
const PERSONAL_AFTER_LIST: &[&str] = &[
    "hand", "hands", "head", "hair", "face", "arm", "leg", "heart", "bedside", "room", "chart", "story", "smile", "laugh",
    "voice", "funeral", "family", "kids", "children", "grandkids", "grandchildren", "birthday", "wedding", "dog", "cat",
    "parents", "labs", "surgery", "diagnosis", "cancer", "tumor", "scan", "bed", "wheelchair", "iv", "meds", "care",
    "recovery", "discharge", "admission", "appointment", "visit", "nurse", "doctor", "team", "memory", "last",
];
/// Care verbs before a patient's name: "I cared for Margaret", "we lost Frank".
const CARE_VERBS: &[&str] = &[
    "cared for", "care for", "caring for", "looked after", "look after", "took care of", "take care of",
    "taking care of", "treated", "admitted", "discharged", "intubated", "extubated", "sat with", "visited", "held",
    "hugged", "examined", "triaged", "stitched", "splinted", "resuscitated", "bathed", "fed", "lost", "nursed",
    "said goodbye to", "transferred", "precepted with", "delivered", "rounded on", "coded", "saw", "met",
];

/// The document's patient-context cues without the weak ones that also
/// fill ordinary prose ("today", "unit", "ed", "born", "room").
static STRONG_PATIENT_CUES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::text::document::PATIENT_CONTEXT_CUES
        .iter()
        .copied()
        .filter(|c| {
            !matches!(
                *c,
                "today" | "tonight" | "this morning" | "yesterday" | "last night" | "er" | "ed" | "unit" | "born"
                    | "delivered" | "bed" | "room" | "bay" | "chart" | "mr" | "mrs" | "ms" | "miss" | "the family"
                    | "family member" | "rounds" | "ward" | "ambulance" | "trauma" | "admission"
            )
        })
        .collect()
});

static CARE_LAST: LazyLock<FastSet> = LazyLock::new(|| CARE_VERBS.iter().filter_map(|c| c.rsplit(' ').next()).collect());

/// Nouns after a name that make it a work, a brand or a fandom.
const CULTURE_AFTER_LIST: &[&str] = &[
    "song", "songs", "album", "concert", "lyrics", "lyric", "movie", "movies", "film", "films", "show", "book", "books",
    "novel", "quote", "quotes", "fan", "fans", "jersey", "poster", "tune", "tunes", "record", "records", "biopic",
    "documentary", "podcast", "episode", "episodes", "interview", "tour", "memoir", "award", "prize", "fellowship",
    "scholarship", "lecture", "foundation", "center", "centre", "building", "hall", "wing", "ward", "unit", "bridge",
];
/// Words that follow the verb when a name is the subject of a patient's story.
const PREDICATE_VERBS_LIST: &[&str] = &[
    "came", "comes", "presented", "presents", "arrived", "passed", "died", "coded", "underwent", "survived",
    "delivered", "relapsed", "fell", "crashed", "seized", "went", "rang", "graduated", "finished", "walked",
    "lives", "lived", "needs", "needed", "told", "asked", "says", "said", "kept", "refused", "insisted", "brought",
    "brings", "called", "loves", "loved", "wants", "wanted", "taught", "spent", "made", "gave", "helped", "turned",
    "turns", "got", "left", "stayed", "cried", "laughed", "smiled", "squeezed", "hugged", "thanked",
    "flew", "drove", "travelled", "traveled", "moved", "managed", "couldn't", "couldn’t", "can't", "can’t", "ran",
    "won", "beat", "showed", "messaged", "emailed", "texted", "phoned", "wrote", "sent", "started", "began",
];
const PREDICATE_PARTICIPLES_LIST: &[&str] = &[
    "admitted", "discharged", "diagnosed", "born", "intubated", "extubated", "recovering", "dying", "transferred",
    "brought", "found", "sent", "readmitted", "seen", "treated", "airlifted", "flown", "rushed", "back", "home",
    "here", "in", "on", "still", "now", "finally", "doing", "getting", "going", "sitting", "walking", "talking",
    "awake", "alive", "stable", "ready", "scheduled",
];
/// Words near a name that tie it to a patient encounter.
const PATIENT_NEAR_LIST: &[&str] = &[
    "patient", "pt", "client", "resident", "admitted", "admit", "discharged", "bed", "room", "bay", "chart",
    "diagnosed", "diagnosis", "surgery", "visit", "appointment", "clinic", "icu", "er", "ed", "nicu", "picu", "rehab",
    "hospice", "dialysis", "chemo", "rounds", "ward", "triage", "mrn", "dob", "s/p", "c/o", "hx", "y/o", "yo",
];
/// Broader than the document's patient context: words of care stories.
static NAME_CONTEXT_SET: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(NAME_CONTEXT));
static STRONG_PATIENT_SET: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(&STRONG_PATIENT_CUES));
static OWN_PATIENT_REPLY_SET: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(OWN_PATIENT_REPLY));
const NAME_CONTEXT: &[&str] = &[
    "looked after", "cared for", "take care of", "took care of", "taking care of", "appointment", "dob", "rx",
    "prescription", "allergy", "nursing home", "hospice", "surgery", "diagnosis", "diagnosed", "treated",
    "my student", "came to see me", "bedside", "home health", "ems", "ambulance", "paramedic", "consult", "labs",
    "ventilator", "funeral", "obituary", "rest easy", "passed away", "died", "gofundme", "fundraiser", "wheelchair",
    "dialysis", "chemo", "rehab", "my patient", "our patient", "the patient", "his patient", "her patient",
    "discharge", "admission", "the arrival of", "welcome to the world", "born at", "delivered",
    "billing", "claim", "acct", "account number", "member id", "insurance card", "discharge summary", "medical records",
];
/// Replies that show the person answered is the clinician's own patient.
const OWN_PATIENT_REPLY: &[&str] = &[
    "your visit", "your appointment", "your last appointment", "your follow-up", "your followup", "your chart",
    "your results", "your labs", "your scan", "your surgery", "your procedure", "your injection", "your biopsy",
    "your infusion", "your prescription", "your discharge", "your referral", "in clinic", "our office", "the office",
    "our clinic", "my office", "we discussed", "we talked about", "as your", "see you at", "see you in",
    "see you next", "see you on", "when you came in", "come see me", "we'll go over", "i'll call you", "i saw you",
    "see you for", "when you come in", "i did your", "your incision", "your stitches", "your wound", "your cast",
    "your x-ray", "your op",
];
const OWN_PATIENT_ASKING: &[&str] = &[
    "you gave me", "you prescribed", "you saw me", "you told me", "you did my", "my appointment", "my visit",
    "patient at", "your patient", "patient of yours", "my last visit", "you operated", "the appointment",
    "you delivered", "with you last", "at your office", "at your clinic", "your office", "you treated", "you put me on",
    "you helped me", "you all helped me", "helped me learn", "your rehab", "your hospital", "your unit", "your ward",
    "your practice", "you took care of me", "you cared for me", "you looked after me", "your care", "my surgery",
    "you did", "you gave", "you fixed", "you stitched", "you sent me", "fixing my", "my incision", "my stitches",
    "my wound", "the clinic open",
];

/// The reply shows that the person answered is the clinician's own patient:
/// its text speaks of their care ("see you at your follow-up"), or their
/// message does ("you did my knee", "my incision").
/// Worked out once per post (several checks ask).
pub(crate) fn reply_shows_own_patient(doc: &Document<'_>) -> bool {
    *doc.own_patient_reply.get_or_init(|| {
        if doc.has_any(&OWN_PATIENT_REPLY_SET) {
            return true;
        }
        let Some(asked) = doc.context.reply_to.as_deref() else { return false };
        let asked = asked.to_lowercase();
        OWN_PATIENT_ASKING.iter().any(|c| asked.contains(c))
    })
}
/// Words that open a reply before the name of the person answered.
const GREETINGS_LIST: &[&str] = &[
    "hi", "hey", "hello", "dear", "thanks", "thank", "you", "congrats", "congratulations", "morning", "evening",
    "sorry", "oh", "aw", "aww", "welcome", "yes", "no", "ok", "okay", "well", "good", "hiya", "howdy",
];
/// Initials that are abbreviations, not people.
const DOTTED_ABBREVIATIONS_LIST: &[&str] = &[
    "us", "uk", "dc", "la", "ny", "ps", "am", "pm", "rn", "md", "do", "np", "pa", "er", "iv", "or", "bp", "tv", "gp",
    "ms", "bs", "rd", "ct", "ed", "eg", "ie", "dob", "icu", "aka", "rip", "sos", "bc", "ad", "qd", "bid", "tid", "qid",
    "prn", "npo", "po", "pt", "ot", "ok", "uti", "std", "ent", "ob", "vs", "nb", "ba", "ma", "mba", "phd", "dds",
    "dmd", "od", "cpr", "aed", "emt", "dnr", "rx", "hx", "dx", "tx", "sx", "fx", "ac", "hs", "qhs", "uae", "eu", "un",
    "nhs", "cdc", "who", "fda", "ama", "aka", "asap", "eta", "rsvp", "bmi", "mri", "ecg", "ekg", "ie", "nyc", "usa",
    "ussr", "sa", "nz", "ca", "fl", "tx", "nj", "nc", "sc", "va", "wa", "oh", "mi", "pe", "ib", "im", "sq", "sl", "gi",
    "gu", "ob", "gyn", "hr", "rr", "ok", "sr", "mph", "dpt", "cna", "lpn", "np", "ap",
];
/// Words never taken as a name however capitalised.
const NEVER_NAMES_LIST: &[&str] = &[
    "i", "i'd", "i’d", "i'm", "i’m", "i've", "i’ve", "i'll", "i’ll", "the", "a", "an", "and", "or", "but", "my", "our", "your", "his", "her", "their", "this", "that", "he", "she",
    "they", "we", "you", "it", "is", "was", "not", "no", "yes", "hi", "hey", "hello", "dear", "thanks", "please", "sorry",
    "ok", "okay", "omg", "lol", "today", "tonight", "tomorrow", "yesterday", "god", "jesus", "christ", "lord", "mom",
    "dad", "mum", "baby", "patient", "pt", "nurse", "doctor", "dr", "doc", "team", "unit", "room", "bed", "bay",
    "floor", "ward", "code", "rapid", "stat", "er", "ed", "or", "icu", "covid", "flu", "happy", "merry", "dear",
    "little", "big", "sweet", "lovely", "young", "old", "new", "mr", "mrs", "ms", "miss", "mx", "sir", "madam", "ma'am",
    "shoutout", "update", "story", "storytime", "pov", "psa", "reminder", "note", "edit", "tldr", "fyi", "btw", "dm", "dms",
    "in", "on", "at", "of", "to", "for", "with", "from", "by", "as", "are", "be", "has", "had", "have", "so", "if",
    "then", "than", "when", "who", "what", "why", "how", "all", "any", "just", "also", "still", "now", "here",
    "there", "very", "really", "she's", "he's", "i'm", "it's", "we're", "they're", "don't", "can't", "won't",
];

/// How much evidence a token needs.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Need {
    /// A strong cue stands before it: any proper-looking word that is not a
    /// common word (or is a listed first name or surname).
    Cued,
    /// A lexicon first name that is not an everyday word.
    Lexicon,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Title,
    Baby,
    Kin,
    Patient,
    Named,
    Initials,
    Appositive,
    Predicate,
    FullName,
    Vocative,
    Near,
    Repeat,
}

/// What set a name off as a person: "Jack Morrow, 19", "Pearl (pearl@...)".
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum After {
    Age,
    Contact,
    Person,
    Room,
}

#[derive(Clone, Debug)]
struct Hit {
    /// Byte span of the finding (may include "Mr." or "baby").
    start: usize,
    end: usize,
    /// Token range of the name itself.
    a: usize,
    b: usize,
    score: f32,
    kind: Kind,
}

struct Scan<'t, 'a> {
    doc: &'t Document<'a>,
    t: &'t Tokens<'a>,
    hits: Vec<Hit>,
    /// Tokens that are the person a reply answers (not PHI unless own patient).
    addressee: Vec<bool>,
    /// Memo of [`Scan::name_context`] (0 unknown, 1 no, 2 yes).
    name_context_memo: Cell<u8>,
    /// Memo of [`Scan::excluded`] per token: 0 unknown, 1 no, 2 yes.
    excluded_memo: Vec<Cell<u8>>,
    /// Memo of [`Scan::colleague_sentence`] per sentence.
    colleague_memo: Vec<Cell<u8>>,
    /// Per sentence: has a verb of reported speech.
    speech_memo: Vec<Cell<Option<bool>>>,
    /// Which hit covers each token (for overlap checks in linear time).
    owner: Vec<u32>,
}

const NO_HIT: u32 = u32::MAX;

fn is_number_age(s: &str) -> bool {
    !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u32>().is_ok_and(|n| n <= 120)
}

/// "45F", "58M", "16yo", "7yo", "84f".
fn is_age_sex_token(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let rest = s[digits..].to_ascii_lowercase();
    matches!(rest.as_str(), "f" | "m" | "yo" | "y" | "yof" | "yom" | "mo" | "yrs" | "yr")
}

const UNITS_LIST: &[&str] = &[
    "mg", "mcg", "g", "kg", "lb", "lbs", "ml", "l", "units", "unit", "min", "mins", "minutes", "hours", "hrs", "hr", "days",
    "weeks", "months", "percent", "times", "mmhg", "bpm", "cm", "mm", "km", "miles", "degrees", "points", "tabs",
    "pills", "am", "pm", "meq", "iu", "cc", "puffs", "sprays", "drops", "oz",
];

impl<'t, 'a> Scan<'t, 'a> {
    fn tok(&self, i: usize) -> &super::tokens::Tok<'a> {
        &self.t.toks[i]
    }

    /// Does the post speak of care (broader than the document's patient
    /// context)? Computed on first need.
    fn name_context(&self) -> bool {
        match self.name_context_memo.get() {
            1 => false,
            2 => true,
            _ => {
                let v = self.doc.has_any(&NAME_CONTEXT_SET) || self.doc.patient_context && self.doc.has_any(&STRONG_PATIENT_SET);
                self.name_context_memo.set(if v { 2 } else { 1 });
                v
            }
        }
    }

    /// Is token `i` (lowercase form) ruled out as a name whatever the cue?
    fn excluded(&self, i: usize) -> bool {
        match self.excluded_memo[i].get() {
            1 => return false,
            2 => return true,
            _ => {}
        }
        let v = self.compute_excluded(i);
        self.excluded_memo[i].set(if v { 2 } else { 1 });
        v
    }

    fn compute_excluded(&self, i: usize) -> bool {
        let tok = self.tok(i);
        let w = tok.lower;
        if tok.tagged || w.chars().count() < 2 || !w.chars().next().is_some_and(char::is_alphabetic) {
            return true;
        }
        if NEVER_NAMES.contains(w)
            || is_title(w)
            || lexicon::WEEKDAYS.contains(&w)
            || lexicon::HOLIDAY_WORDS.contains(&w)
            || lexicon::is_region(w) && !lexicon::is_first_name(w)
            || lexicon::is_organisation(w)
            || lexicon::is_drug(w) && !lexicon::is_first_name(w)
        {
            return true;
        }
        // Months name people only when listed ("April", "June").
        if lexicon::MONTH_NAMES.contains(&w) && !lexicon::is_first_name(w) {
            return true;
        }
        // Eponyms: "Graves' disease", "Hashimoto's", "Lewy body".
        let next = self.t.lower(i + 1);
        if EPONYM_HEADS.contains(next) && self.t.joined(i, &['\'', '’', '-']) {
            return true;
        }
        if lexicon::is_eponym(w) && tok.possessive && !self.t.toks.get(i + 1).is_some_and(|n| KIN.contains(n.lower)) {
            return true;
        }
        // "Alois Alzheimer's first case", "James Parkinson's essay": the
        // physician an eponym is named after, not a patient.
        if self.t.joined(i, &[]) && self.t.toks.get(i + 1).is_some_and(|n| n.possessive && lexicon::is_eponym(n.lower) && n.shape == Shape::Title)
            && !self.t.toks.get(i + 2).is_some_and(|n| KIN.contains(n.lower))
        {
            return true;
        }
        // "Turner (45,X)", "Edwards (trisomy 18)": an eponym glossed by its karyotype.
        if lexicon::is_eponym(w) && self.t.gap_after(i).trim() == "(" && self.t.toks.get(i + 1).is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit()) || n.lower == "trisomy") {
            return true;
        }
        // A drug with its dose: "Xarelto 20 mg".
        if self.t.joined(i, &[]) && self.t.toks.get(i + 1).is_some_and(|n| n.text.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
            && UNITS.contains(self.t.lower(i + 2))
        {
            return true;
        }
        false
    }

    /// Token `i` continues a capitalised phrase begun mid-sentence ("the
    /// Bright Kids team"): judge the phrase from its start, not here.
    fn inside_proper_noun(&self, i: usize) -> bool {
        let t = self.t;
        i > 0 && t.joined(i - 1, &[]) && {
            let p = &t.toks[i - 1];
            matches!(p.shape, Shape::Title | Shape::Caps) && !p.initial && !NEVER_NAMES.contains(p.lower) && !is_title(p.lower)
        }
    }

    /// Does token `i` look like a name, given how strong the cue before it is?
    fn name_like(&self, i: usize, need: Need, allow_lower: bool) -> bool {
        if i >= self.t.len() || self.excluded(i) {
            return false;
        }
        let tok = self.tok(i);
        let w = tok.lower;
        match tok.shape {
            Shape::Title => {}
            Shape::Caps if need == Need::Cued && tok.text.len() >= 3 && self.t.shouting(i) => {}
            Shape::Lower if allow_lower => {
                // Lowercase names only from the lexicon, and never everyday words.
                return lexicon::is_first_name(w) && !lexicon::is_word_name(w) && !lexicon::is_common_word(w);
            }
            _ => return false,
        }
        let first = lexicon::is_first_name(w);
        match need {
            Need::Cued => first || lexicon::is_surname(w) || !lexicon::is_common_word(w),
            Need::Lexicon => first && !lexicon::is_word_name(w) && !lexicon::is_common_word(w),
        }
    }

    /// Extend a name starting at token `a` over following name words
    /// ("Joy Castellano", "G. Pemberton", "Maria G"): returns the end token.
    fn run_end(&self, a: usize, allow_caps: bool) -> usize {
        let mut b = a + 1;
        while b < self.t.len() && b - a < 4 {
            let prev = self.tok(b - 1);
            if prev.possessive {
                break;
            }
            let sep: &[char] = if prev.shape == Shape::Initial { &['.'] } else { &[] };
            if !self.t.joined(b - 1, sep) {
                // "Eleanor 'Nell' Briggs": a quoted nickname between names.
                if self.quoted_nickname(b) {
                    b += 2;
                    continue;
                }
                break;
            }
            let tok = self.tok(b);
            // Later words may be surnames that are also countries or words ("Jordan", "Price").
            let w = tok.lower;
            let never = tok.tagged || NEVER_NAMES.contains(w) || is_title(w) || lexicon::WEEKDAYS.contains(&w) || lexicon::HOLIDAY_WORDS.contains(&w) || EPONYM_HEADS.contains(w) || CULTURE_AFTER.contains(w);
            let ok = match tok.shape {
                Shape::Title => !never && !is_place_head(w) && !is_org_head(w) && (!lexicon::MONTH_NAMES.contains(&w) || lexicon::is_first_name(w)),
                Shape::Initial => {
                    // "Maria G" / "Mr G. Pemberton": a lone initial, not "I".
                    tok.text != "I"
                }
                Shape::Caps => allow_caps && !never && !lexicon::is_common_word(w),
                _ => false,
            };
            if !ok || tok.initial && prev.shape != Shape::Initial {
                break;
            }
            b += 1;
        }
        // A trailing initial must be a lone letter ("Maria G"), not "G." opening a new sentence.
        b
    }

    /// Token `b` is a nickname in quotes followed by a surname: the gaps
    /// around it open and close a quote, and a capitalised word follows.
    fn quoted_nickname(&self, b: usize) -> bool {
        let t = self.t;
        if b + 1 >= t.len() || t.toks[b].shape != Shape::Title || t.toks[b + 1].shape != Shape::Title || self.excluded(b + 1) {
            return false;
        }
        let (open, close) = (t.gap_after(b - 1), t.gap_after(b));
        matches!(open, " '" | " \"" | " ‘" | " “") && matches!(close, "' " | "\" " | "’ " | "” ")
    }

    /// Byte end of token `i` without a possessive 's.
    fn name_end(&self, i: usize) -> usize {
        let tok = self.tok(i);
        if tok.text.ends_with("'s") || tok.text.ends_with("'S") {
            tok.end - 2
        } else if tok.text.ends_with("’s") {
            tok.end - "’s".len()
        } else {
            tok.end
        }
    }

    /// "our favourite resident, Gladys": in aged care a resident is a
    /// patient, not a resident doctor. Told by a fond word before the noun or
    /// by aged-care words in the post.
    fn care_home_resident(&self, noun: usize) -> bool {
        static AGED_CARE: LazyLock<crate::text::document::CueSet> = LazyLock::new(|| {
            crate::text::document::CueSet::new(&["aged care", "agedcare", "care home", "nursing home", "residential", "ltc", "long-term care", "memory care", "assisted living", "centenarian", "our residents", "rest home", "retirement home"])
        });
        matches!(self.t.lower_back(noun, 1), "favourite" | "favorite" | "oldest" | "sweetest" | "sweet" | "lovely" | "beloved" | "longest-serving" | "newest")
            || self.doc.has_any(&AGED_CARE)
    }

    /// The run `a..b` names a clinician or colleague, a public figure, an
    /// organisation, a place or an eponym rather than a patient.
    /// `strong`: a patient cue stands right before the name ("my patient
    /// Michael Jordan"), so a famous namesake does not count.
    fn not_a_patient(&self, a: usize, b: usize, strong: bool) -> bool {
        let t = self.t;
        // "Dr. Joy Amari", "night nurse Dawn", "co-authors Dr. Eli Brandt";
        // but "her brother Otis" is family.
        let prev = t.lower_back(a, 1);
        let family = KIN.contains(prev) && a >= 2 && {
            let p2 = &t.toks[a - 2];
            POSSESSORS.contains(&p2.lower) || KIN_MODIFIERS.contains(p2.lower) || p2.possessive
        };
        // "my daughter Emma", "our son Theo": the clinician's own family.
        // (Not "my pt's husband Tomasz": the relative is the patient's.)
        let patients_relative = a >= 2 && t.toks[a - 2].possessive && PATIENT_NOUNS.contains(t.toks[a - 2].lower);
        if KIN.contains(prev) && !patients_relative && (2..=3).any(|k| matches!(t.lower_back(a, k), "my" | "our")) {
            return true;
        }
        if a > 0 && COLLEAGUE_BEFORE.contains(prev) && !t.toks[a].initial && !family && !(prev == "resident" && self.care_home_resident(a - 1)) {
            return true;
        }
        // "Marcus Bell, RN", "Sunita Rao RN", "Tom Reyes, DPT".
        if let Some(next) = t.toks.get(b) {
            let gap = t.gap_after(b - 1).trim();
            if (gap.is_empty() || gap == ",") && CREDENTIALS.contains(next.text) {
                return true;
            }
        }
        // Self-introductions outside quotes: "I'm Jess", "my name is Mark".
        if !t.toks[a].quoted {
            let p1 = t.lower_back(a, 1);
            let p2 = t.lower_back(a, 2);
            let p3 = t.lower_back(a, 3);
            if (matches!(p1, "i'm" | "im" | "i’m") || p2 == "i" && p1 == "am" || p3 == "my" && p2 == "name" && p1 == "is" || p2 == "this" && p1 == "is") && !self.reported_speech(a, b) {
                return true;
            }
            // Sign-offs: "— Dr. Li", "- Jess" near the end.
            let gap = t.gap_before(a);
            if (gap.contains('—') || gap.contains(" - ") || gap.trim_start().starts_with('-') || gap.contains('~')) && self.doc.text.len() - t.toks[a].start < 100 {
                return true;
            }
        }
        // "asked to hear Glenn Miller one more time": music, not a person in the story.
        if matches!(t.lower_back(a, 1), "hear" | "hearing") || t.lower_back(a, 1) == "to" && matches!(t.lower_back(a, 2), "listen" | "listening" | "listened") {
            return true;
        }
        // "a pt at Royal Darwin", "the Royal Free", "St Vincent's": hospitals
        // and places, not people.
        if matches!(t.toks[a].lower, "royal" | "st" | "saint") {
            return true;
        }
        let phrase = t.phrase(a, b);
        // ("Florence Nightingale's birthday": the list has the name without "'s".)
        let phrase = match phrase.strip_suffix("'s") {
            Some(p) => p.to_string(),
            None => phrase,
        };
        let region = lexicon::is_region(&phrase) && !(b == a + 1 && lexicon::is_first_name(&phrase));
        if !strong && lexicon::is_public_figure(&phrase) || lexicon::is_organisation(&phrase) || region {
            return true;
        }
        // The end of a famous name whose first word the run left out
        // ("Florence" is also a city): "Florence Nightingale, 34,".
        if (1..=2).any(|k| a >= k && (a - k..a).all(|x| t.joined(x, &[]) && t.toks[x].shape == Shape::Title) && lexicon::is_public_figure(&t.phrase(a - k, b))) {
            return true;
        }
        // Multi-word place names ("Virginia Beach", "Little Rock").
        if b - a >= 2 && lexicon::is_place(&phrase) {
            return true;
        }
        // A work or a fan's thing, not a person in the story: "a Hank Williams song".
        if let Some(next) = t.toks.get(b) {
            if t.joined(b - 1, &[]) && CULTURE_AFTER.contains(next.lower) {
                return true;
            }
        }
        // Followed by an organisation or facility word: "Maple Grove Family Dentistry".
        if let Some(next) = t.toks.get(b) {
            if t.joined(b - 1, &[]) && (is_org_head(next.lower) || is_place_head(next.lower)) && next.shape == Shape::Title {
                return true;
            }
        }
        false
    }

    /// "'I'm Reggie Tate and I'm not dying today,' he told the medic": a
    /// patient introducing themselves in reported speech, not the clinician
    /// ("I'm Jess, an ER nurse").
    fn reported_speech(&self, a: usize, b: usize) -> bool {
        let t = self.t;
        let (sa, sb) = t.sentence_range(a);
        let role = (b..(b + 6).min(sb)).any(|k| CLINICIAN_ROLES.contains(t.lower(k)) || CREDENTIALS.contains(t.toks[k].text));
        let speech = self.speech_memo[t.toks[a].sentence as usize].get().unwrap_or_else(|| {
            let v = (sa..sb).any(|k| SPEECH_VERBS.contains(t.lower(k))) || t.gap_before(sa).contains(['\'', '‘']);
            self.speech_memo[t.toks[a].sentence as usize].set(Some(v));
            v
        });
        !role && speech
    }

    fn push(&mut self, start: usize, a: usize, b: usize, score: f32, kind: Kind) {
        if a >= b || b > self.t.len() {
            return;
        }
        let end = self.name_end(b - 1);
        if end <= start {
            return;
        }
        // Overlapping hits name the same person: keep one, spanning both
        // ("Little Sophie" and "Sophie (4)"), with the stronger evidence.
        let (ta, tb) = self.token_span(start, end);
        if let Some(k) = (ta..tb).map(|x| self.owner[x]).find(|&o| o != NO_HIT) {
            let h = &mut self.hits[k as usize];
            let (s0, e0) = (h.start.min(start), h.end.max(end));
            if score > h.score {
                *h = Hit { start, end, a, b, score, kind };
            }
            h.start = s0;
            h.end = e0;
            h.a = h.a.min(a);
            h.b = h.b.max(b);
            let (ha, hb) = self.token_span(s0, e0);
            for x in ha..hb {
                self.owner[x] = k;
            }
            return;
        }
        let k = self.hits.len() as u32;
        for x in ta..tb {
            self.owner[x] = k;
        }
        self.hits.push(Hit { start, end, a, b, score, kind });
    }

    /// Record a hit spanning exactly bytes `start..end` (an initial's final
    /// full stop, a board's "SURNAME, F"), unless a token there already
    /// belongs to one. Returns whether it was recorded.
    fn push_exact(&mut self, start: usize, end: usize, a: usize, b: usize, score: f32, kind: Kind) -> bool {
        let (ta, tb) = self.token_span(start, end);
        if (ta..tb).any(|x| self.owner[x] != NO_HIT) {
            return false;
        }
        let k = self.hits.len() as u32;
        for x in ta..tb {
            self.owner[x] = k;
        }
        self.hits.push(Hit { start, end, a, b, score, kind });
        true
    }

    /// Tokens overlapping bytes `start..end`.
    fn token_span(&self, start: usize, end: usize) -> (usize, usize) {
        let toks = &self.t.toks;
        let a = toks.partition_point(|t| t.end <= start);
        let b = toks.partition_point(|t| t.start < end);
        (a, b.max(a))
    }

    /// What follows the name run `a..b` that marks it as a person in a
    /// story: an age ("Jack Morrow, 19", "Summer (12)", "R.M., 45F"), a
    /// contact in brackets, a date of birth, or an appositive ("Tommy Quill,
    /// the boy with...").
    fn appositive_after(&self, b: usize) -> Option<(f32, After)> {
        let t = self.t;
        let next = t.toks.get(b)?;
        let gap = t.gap_after(b - 1);
        // After initials the final full stop belongs to the name: "R.M., 45F".
        let g = if t.toks[b - 1].shape == Shape::Initial { gap.trim().trim_start_matches('.').trim() } else { gap.trim() };
        let next_text = next.text;
        let after_next = t.toks.get(b + 1).map(|n| n.lower).unwrap_or("");
        let closes = |k: usize| {
            let tail = t.gap_after(k);
            tail.trim_start().is_empty() || tail.trim_start().starts_with([',', '.', ')', ';', ':', '!', '?']) || t.toks.get(k + 1).is_some_and(|n| n.initial)
        };
        if g == "," || g == "(" || g.is_empty() && next.shape == Shape::Other {
            if is_age_sex_token(next_text) || next.lower.ends_with("-year-old") || next.lower.ends_with("-month-old") {
                return Some((0.9, After::Age));
            }
            if !g.is_empty() && is_number_age(next_text) && !UNITS.contains(after_next) && (closes(b) || matches!(after_next, "y" | "yo" | "yrs" | "yr" | "years" | "f" | "m")) {
                return Some((0.88, After::Age));
            }
        }
        if g == "(" {
            // "Pearl (pearl.h1939@lakemail.net)", "Rose (pt in bed 4, 91)".
            let rest = &t.text[next.start..];
            let stop = rest.find(')').unwrap_or(rest.len()).min(80);
            let stop = (0..=stop).rev().find(|&k| rest.is_char_boundary(k)).unwrap_or(0);
            let inner = &rest[..stop];
            if inner.contains('@') || inner.chars().filter(char::is_ascii_digit).count() >= 7 {
                return Some((0.88, After::Contact));
            }
            if matches!(next.lower, "pt" | "patient" | "resident" | "client") {
                return Some((0.88, After::Person));
            }
        }
        // "Sunny from room 9", "Okonkwo in bed 12".
        if g.is_empty() && matches!(next.lower, "in" | "from" | "on") && matches!(after_next, "room" | "bed" | "bay" | "rm") && t.toks.get(b + 2).is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit())) {
            return Some((0.85, After::Room));
        }
        // "Dorothy on our rehab ward", "Ahmed in our ICU".
        if g.is_empty() && matches!(next.lower, "on" | "in") && after_next == "our" && (b + 2..(b + 5).min(t.len())).any(|k| matches!(t.lower(k), "ward" | "unit" | "floor" | "icu" | "nicu" | "picu" | "hdu")) {
            return Some((0.82, After::Room));
        }
        // "Siobhán from Ennis who turned 30": a person from a town who did something.
        if g.is_empty() && next.lower == "from" && t.toks.get(b + 1).is_some_and(|n| n.shape == Shape::Title) && t.lower(b + 2) == "who" {
            return Some((0.8, After::Person));
        }
        // "Gord's 89 and Lorraine's 87": "'s" is "is" before an age.
        if g.is_empty() && t.toks[b - 1].possessive && is_number_age(next_text) && closes(b) && t.joined(b - 1, &[]) {
            return Some((0.85, After::Age));
        }
        // "Lily (age 6)", "Ron, aged 80".
        if (g == "," || g == "(") && matches!(next.lower, "age" | "aged") && t.toks.get(b + 1).is_some_and(|n| is_number_age(n.text)) {
            return Some((0.9, After::Age));
        }
        if g == "," {
            if matches!(next.lower, "dob" | "d" | "aged") {
                return Some((0.9, After::Age));
            }
            // "Eleanor Vance, SSN 412-55-0937, 67F": a record number set off after the name.
            if matches!(next.lower, "ssn" | "mrn" | "nhs" | "medicare" | "medicaid" | "hcn" | "urn") && t.toks.get(b + 1).is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit())) {
                return Some((0.88, After::Person));
            }
            // "Dale Pritchard, who I know is 78".
            if next.lower == "who" && (b + 1..(b + 5).min(t.len())).any(|k| matches!(t.lower(k), "is" | "was" | "turned" | "turns") && t.toks.get(k + 1).is_some_and(|n| is_number_age(n.text))) {
                return Some((0.85, After::Age));
            }
            // "Ellis, who died on our unit", "Dot, who came in with".
            if matches!(next.lower, "who" | "whose") {
                let (v1, v2) = (t.lower(b + 1), t.lower(b + 2));
                if PREDICATE_VERBS.contains(v1) && !matches!(v1, "told" | "asked" | "said" | "says" | "made" | "gave" | "helped" | "taught")
                    || matches!(v1, "was" | "is" | "had" | "has" | "got") && PREDICATE_PARTICIPLES.contains(v2) && !matches!(v2, "here" | "in" | "on" | "still" | "now" | "finally" | "doing" | "getting" | "going")
                {
                    return Some((0.82, After::Person));
                }
            }
            // ", a 58-year-old welder", ", the boy with", ", the lovely lady", ", a retired principal".
            if matches!(next.lower, "a" | "an" | "the" | "our" | "my") {
                for k in b + 1..(b + 5).min(t.len()) {
                    let w = t.lower(k);
                    if COLLEAGUE_BEFORE.contains(w) && w != "resident" {
                        return None;
                    }
                    if matches!(w, "patient" | "pt" | "client" | "resident") {
                        return Some((0.85, After::Person));
                    }
                    if w.ends_with("-year-old") || matches!(w, "retired" | "widow" | "widower") || PERSON_NOUNS.contains(w) && w != "one" {
                        return Some((0.82, After::Person));
                    }
                }
            }
        }
        None
    }

    fn run(&mut self) {
        let n = self.t.len();
        for i in 0..n {
            self.title(i);
            self.baby(i);
            self.kin(i);
            self.patient_noun(i);
            self.named(i);
            self.initials(i);
        }
        self.vocatives();
        self.addressed_in_public();
        self.board_names();
        for i in 0..n {
            self.our_described(i);
            self.appositive(i);
            self.described(i);
            self.family(i);
            self.possessive(i);
            self.cared_for(i);
            self.predicate(i);
            self.full_name(i);
            self.near_patient(i);
        }
        self.repeats();
    }

    /// "Mrs. Alvarez", "Mr G. Pemberton", "Miss Ada Whitcombe", "mr jones".
    fn title(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        if !is_title(tok.lower) || i + 1 >= t.len() || tok.tagged {
            return;
        }
        let dotted = t.gap_after(i).starts_with('.');
        let ok_title = match tok.lower {
            // "miss" is a verb and "ms" a disease unless written as a title.
            "miss" | "master" => tok.shape == Shape::Title,
            w if CLERGY_TITLES.contains(&w) => tok.shape == Shape::Title || dotted,
            "ms" => tok.shape == Shape::Title || dotted,
            _ => true,
        };
        if !ok_title || !t.joined(i, &['.']) {
            return;
        }
        let j = i + 1;
        let next = &t.toks[j];
        let caps = tok.shape == Shape::Caps;
        let lone_initial = next.shape == Shape::Initial && next.text != "I" && !t.toks.get(j + 1).is_some_and(|n| n.shape == Shape::Title && t.joined(j, &['.']));
        let ok = match next.shape {
            Shape::Title => !self.excluded(j),
            // "Mrs. B in room 4": an initial used as the name.
            Shape::Initial if lone_initial => true,
            Shape::Initial => next.text != "I" && t.toks.get(j + 1).is_some_and(|n| n.shape == Shape::Title) && t.joined(j, &['.']),
            Shape::Caps => caps && !self.excluded(j),
            Shape::Lower => tok.shape == Shape::Lower && (lexicon::is_surname(next.lower) || lexicon::is_first_name(next.lower)) && !lexicon::is_common_word(next.lower) && !self.excluded(j),
            Shape::Other => false,
        };
        if !ok {
            return;
        }
        let b = if next.shape == Shape::Lower || lone_initial { j + 1 } else { self.run_end(j, caps) };
        // Clergy: a patient's only when the sentence is about care ("pray for
        // my patient, Pastor James ... in the ICU").
        if CLERGY_TITLES.contains(&tok.lower) {
            let (sa, sb) = t.sentence_range(i);
            let about_care = (sa..sb).any(|k| PATIENT_NEAR.contains(t.lower(k)));
            if !about_care || self.not_a_patient(i, b, false) {
                return;
            }
        }
        let phrase = t.phrase(i, b);
        if lexicon::is_public_figure(&phrase) || lexicon::is_public_figure(&t.phrase(j, b)) {
            return;
        }
        self.push(tok.start, j, b, 0.95, Kind::Title);
    }

    /// "baby Ivy", "Baby Joy", "Little Bea", "Big Sal".
    fn baby(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        if !matches!(tok.lower, "baby" | "little" | "lil" | "big") || i + 1 >= t.len() || !t.joined(i, &[]) {
            return;
        }
        let j = i + 1;
        let next = &t.toks[j];
        if next.shape != Shape::Title || self.excluded(j) {
            return;
        }
        let w = next.lower;
        // "baby Kiran": a lowercase "baby" takes any proper name; "Baby
        // Shark", "Baby Boomers" are titles unless the word is a first name.
        let ok = if tok.text == "baby" {
            lexicon::is_first_name(w) || !lexicon::is_common_word(w) && !lexicon::is_place(w)
        } else {
            lexicon::is_first_name(w)
        };
        // "Baby Mateo went home": a name outside the lexicon after a
        // capitalised "Baby" needs a story verb or an age after it.
        // So does one after a patient word ("our NICU grad Baby Amara!").
        let after_patient_word = i > 0 && matches!(t.lower(i - 1), "grad" | "graduate" | "preemie" | "patient" | "pt" | "nicu" | "picu" | "scbu");
        // "Baby Arlo's first tooth": a possessive after "Baby" is a person's.
        let ok = ok || tok.text == "Baby" && !lexicon::is_common_word(w) && !lexicon::is_place(w) && (self.story_follows(j) || after_patient_word || next.possessive);
        // "little Mateo (aka 'Teo-bear') who rang the bell": a nickname in
        // brackets or "who" and a story after "little" + an unlisted name.
        let ok = ok || tok.lower == "little" && !lexicon::is_common_word(w) && !lexicon::is_place(w) && self.doc.patient_context && {
            let gap = t.gap_after(j).trim_start();
            gap.starts_with('(') && t.lower(j + 1) == "aka" || t.lower(j + 1) == "who" && PREDICATE_VERBS.contains(t.lower(j + 2))
        };
        if !ok || lexicon::is_place(&t.phrase(i, j + 1)) {
            return;
        }
        // "our little Sophie": a lowercase "little" is not part of the name.
        let start = if tok.lower == "baby" || tok.shape == Shape::Title { tok.start } else { next.start };
        let b = self.run_end(j, false);
        if self.not_a_patient(j, b, true) && tok.lower != "baby" {
            return;
        }
        let score = if tok.lower == "baby" { 0.9 } else { 0.85 };
        self.push(start, j, b, score, Kind::Baby);
    }

    /// "her son Tom", "Mrs. Delgado's son Will", "Daughter Carla", "her big brother Otis".
    fn kin(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        // "his wife, Carmen, sang to him": the name set off by commas.
        let commas = t.gap_after(i).trim() == "," && i + 2 < t.len() && t.gap_after(i + 1).trim_start().starts_with(',');
        // "Mom (Brianna) named her after my partner", "her grandmother (Pearl, if you're reading this)".
        let bracket = t.gap_after(i).trim() == "(" && i + 2 <= t.len() && {
            let g = t.gap_after(i + 1).trim_start();
            g.starts_with([')', ',']) || i + 2 == t.len()
        };
        let commas = commas || bracket;
        // "her six-year-old, Oscar,": the child named by their age.
        let aged_child = tok.lower.ends_with("-year-old") || tok.lower.ends_with("-month-old");
        if !(KIN.contains(tok.lower) || aged_child) || tok.possessive || i + 1 >= t.len() || !(t.joined(i, &[]) || commas) {
            return;
        }
        // Who the relative belongs to.
        let mut k = i;
        let mut modifiers = 0;
        while k > 0 && modifiers < 2 {
            let w = t.lower(k - 1);
            if KIN_MODIFIERS.contains(w) || w.ends_with("-old") {
                k -= 1;
                modifiers += 1;
            } else {
                break;
            }
        }
        // "his incredible mum Hannah": other describing words, when a
        // third-person possessive comes before them.
        if k > 0 && !POSSESSORS.contains(&t.lower(k - 1)) {
            let mut k2 = k;
            while k2 > 0 && k - k2 < 2 && t.toks[k2 - 1].shape == Shape::Lower && t.joined(k2 - 1, &[]) && !CLAUSE_WORDS.contains(&t.lower(k2 - 1)) {
                k2 -= 1;
            }
            if k2 < k && k2 > 0 && matches!(t.lower(k2 - 1), "his" | "her" | "their" | "whose") && t.joined(k2 - 1, &[]) {
                k = k2;
            }
        }
        let owner = if k > 0 { Some(&t.toks[k - 1]) } else { None };
        let third_person = owner.is_some_and(|o| {
            POSSESSORS.contains(&o.lower) && o.lower != "the"
                || o.possessive && (o.shape == Shape::Title || matches!(o.lower, "pt" | "patient" | "client" | "resident"))
                || o.lower == "the" && self.doc.patient_context
        });
        // "Daughter Carla is on the phone", "mum Chantelle did it all herself".
        let as_title = k == i && KIN_AS_TITLE.contains(tok.lower) && self.doc.patient_context
            // "on the arrival of twins Aoife and Ciara".
            || matches!(tok.lower, "twins" | "triplets") && self.name_context();
        let own_family = owner.is_some_and(|o| matches!(o.lower, "my" | "our" | "your"));
        if own_family || !(third_person || as_title) {
            return;
        }
        let j = i + 1;
        if !self.name_like(j, Need::Cued, third_person) {
            return;
        }
        // "Mom Leah", "Grandpa Joe": without a possessive, a listed first name.
        if (!third_person || commas) && !lexicon::is_first_name(t.toks[j].lower) {
            return;
        }
        // "her son Will will be...": word-like names need a capital here.
        let b = if t.toks[j].shape == Shape::Lower { j + 1 } else { self.run_end(j, false) };
        if self.not_a_patient(j, b, true) {
            return;
        }
        let score = if third_person { 0.9 } else { 0.8 };
        self.push(t.toks[j].start, j, b, score, Kind::Kin);
        // "twins Aoife and Ciara", "her sons Liam and Noah": the second name too.
        if matches!(tok.lower, "twins" | "triplets" | "sons" | "daughters" | "kids" | "children" | "grandkids" | "boys" | "girls") || tok.lower == "twin" {
            let c = b;
            if t.lower(c) == "and" && t.joined(c - 1, &[]) && t.joined(c, &[]) {
                let n = c + 1;
                if n < t.len() && t.toks[n].shape == Shape::Title && lexicon::is_first_name(t.toks[n].lower) && !self.excluded(n) {
                    let nb = self.run_end(n, false);
                    if !self.not_a_patient(n, nb, true) {
                        self.push(t.toks[n].start, n, nb, score, Kind::Kin);
                    }
                }
            }
        }
    }

    /// "my patient Jenna", "Pt K.L.", "pt maria g", "our favorite patient Mark".
    fn patient_noun(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        if !PATIENT_NOUNS.contains(tok.lower) || tok.possessive || i + 1 >= t.len() {
            return;
        }
        let plural = tok.lower.ends_with('s');
        let comma = t.gap_after(i).trim() == ",";
        if !(t.joined(i, &[]) && !plural || comma) {
            return;
        }
        let j = i + 1;
        let lower_ok = matches!(tok.lower, "pt" | "patient") && !comma;
        // "pt tomasz k, 58m": a lowercase word, an initial and an age.
        let lower_with_age = lower_ok
            && t.toks.get(j).is_some_and(|n| n.shape == Shape::Lower && !lexicon::is_common_word(n.lower) && !self.excluded(j))
            && t.toks.get(j + 1).is_some_and(|n| n.text.len() == 1 && n.text.chars().all(char::is_alphabetic))
            && self.appositive_after(j + 2).is_some_and(|(_, k)| k == After::Age);
        // "One of my favourite patients, Clive, turned 90": set off by commas.
        let parenthetical = comma && t.gap_after(j).trim_start().starts_with(',');
        let need = if comma && !parenthetical { Need::Lexicon } else { Need::Cued };
        // "One of my clients, D. Whitaker, showed up": an initial and a
        // surname set off by commas.
        let initial_surname = comma && t.toks[j].shape == Shape::Initial && t.toks[j].text != "I" && {
            let b = self.run_end(j, false);
            b >= j + 2 && t.toks[b - 1].shape == Shape::Title && !self.excluded(b - 1) && t.gap_after(b - 1).trim_start().starts_with(',')
        };
        if !lower_with_age && !initial_surname && !self.name_like(j, need, lower_ok) {
            // A Title-case word-like name ("our patient April") is fine after the noun.
            let nt = &t.toks[j];
            if comma || nt.shape != Shape::Title || self.excluded(j) || !lexicon::is_first_name(nt.lower) {
                return;
            }
        }
        let b = if t.toks[j].shape == Shape::Lower {
            // "pt maria g": take a following lone initial.
            if t.toks.get(j + 1).is_some_and(|n| n.text.len() == 1 && n.text.chars().all(|c| c.is_alphabetic()) && n.text != "a" && n.text != "i") && t.joined(j, &[]) { j + 2 } else { j + 1 }
        } else {
            self.run_end(j, false)
        };
        if self.not_a_patient(j, b, true) {
            return;
        }
        let score = if comma { 0.85 } else { 0.9 };
        self.push(t.toks[j].start, j, b, score, Kind::Patient);
    }

    /// A name as a tracking board, label or list prints it: "GARZA, E  34F
    /// RM 18", "FEHR, ROSALIND / DOB 11.02.1947": a surname in capitals, a
    /// comma, a first name or initial in capitals, then an age or a record cue.
    fn board_names(&mut self) {
        let t = self.t;
        if t.len() < 3 {
            return;
        }
        for i in 0..t.len() - 2 {
            let sur = &t.toks[i];
            if sur.shape != Shape::Caps || sur.text.chars().count() < 3 || self.owner[i] != NO_HIT || t.gap_after(i).trim() != "," {
                continue;
            }
            let first = &t.toks[i + 1];
            let first_ok = first.text.len() == 1 && first.text.bytes().all(|b| b.is_ascii_uppercase())
                || first.shape == Shape::Caps && lexicon::is_first_name(first.lower);
            if !first_ok || !(lexicon::is_surname(sur.lower) || !lexicon::is_common_word(sur.lower) && !lexicon::is_region(sur.lower) && !lexicon::is_place(sur.lower)) {
                continue;
            }
            // What follows: an age with sex, or a DOB/MRN label, within two tokens.
            let after = (i + 2..(i + 4).min(t.len())).any(|k| is_age_sex_token(t.toks[k].text) || matches!(t.lower(k), "dob" | "mrn" | "nhs" | "d.o.b" | "rm" | "room" | "bed"));
            if !after {
                continue;
            }
            self.push_exact(sur.start, t.toks[i + 1].end, i, i + 2, 0.85, Kind::Patient);
        }
    }

    /// "Mandy from the 3:15 slot, if you see this: you left your retainer",
    /// "J.P.V. if you're reading this": someone addressed in a public post,
    /// named where the sentence opens.
    fn addressed_in_public(&mut self) {
        let t = self.t;
        let text = self.doc.text;
        if !(text.contains("if you") || text.contains("If you")) {
            return;
        }
        let lower = text.to_ascii_lowercase();
        if !["if you see this", "if you're reading this", "if you’re reading this", "if you read this", "if you are reading this"].iter().any(|c| lower.contains(c)) {
            return;
        }
        for i in 0..t.len() {
            let tok = &t.toks[i];
            let opens = i == 0 || t.gap_before(i).contains('\n') || t.gap_before(i).trim().ends_with(['.', '!', '?', ':']);
            let initials = tok.shape == Shape::Initial;
            if !opens || self.owner[i] != NO_HIT || !matches!(tok.shape, Shape::Title | Shape::Initial) || tok.text == "I" || !initials && self.excluded(i) {
                continue;
            }
            if !initials && !(lexicon::is_first_name(tok.lower) || lexicon::is_surname(tok.lower)) {
                continue;
            }
            // The cue within the same sentence, a few words on.
            let (_, sb) = t.sentence_range(i);
            let hi = (i + 8).min(sb).min(t.len());
            let cue = (i + 1..hi).any(|k| t.lower(k) == "if" && t.lower(k + 1) == "you" && matches!(t.lower(k + 2), "see" | "read" | "reading" | "'re" | "are" | "re"))
                || (i + 1..hi).any(|k| t.lower(k) == "if" && matches!(t.lower(k + 1), "you're" | "you’re") && t.lower(k + 2) == "reading");
            if !cue {
                continue;
            }
            let b = if initials {
                let mut b = i;
                while b < t.len() && t.toks[b].shape == Shape::Initial && t.gap_after(b).starts_with('.') && b - i < 3 {
                    b += 1;
                }
                b.max(i + 1)
            } else {
                self.run_end(i, false)
            };
            if !initials && self.not_a_patient(i, b, false) {
                continue;
            }
            let end = if initials { t.toks[b - 1].end + 1 } else { self.name_end(b - 1) };
            self.push_exact(tok.start, end, i, b, 0.8, Kind::Patient);
        }
    }

    /// "our NICU graduate Wren", "our beloved Ethel here at Rosewood Lodge":
    /// a name after how a unit speaks of its own patient, in a post about care.
    fn our_described(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        if i < 2 || self.addressee[i] || tok.shape != Shape::Title || tok.initial || !t.joined(i - 1, &[]) {
            return;
        }
        let prev = t.lower(i - 1);
        let described = matches!(prev, "graduate" | "grad" | "warrior" | "fighter" | "superstar" | "champ" | "preemie" | "miracle" | "alum" | "beloved" | "lovely" | "brave" | "gorgeous" | "wonderful" | "darling" | "favourite" | "favorite" | "oldest" | "youngest");
        if !described {
            return;
        }
        let lo = i.saturating_sub(4);
        let owned = (lo..i - 1).any(|k| matches!(t.lower(k), "our" | "my") && (k + 1..i).all(|x| t.joined(x - 1, &[])));
        if !owned || !lexicon::is_first_name(tok.lower) || lexicon::is_word_name(tok.lower) && !matches!(t.gap_after(i).trim(), "!" | "," | ".") {
            return;
        }
        if !(self.name_context() || self.doc.patient_context) || self.colleague_sentence(i) || self.excluded(i) {
            return;
        }
        let b = self.run_end(i, false);
        if self.not_a_patient(i, b, false) {
            return;
        }
        self.push(tok.start, i, b, 0.8, Kind::Patient);
    }

    /// "a man named Walter Price", "Call me Dot", "his name is \"Big Sal\"".
    fn named(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        let w = tok.lower;
        let (cue_start, j) = match w {
            "named" | "called" => {
                let person = (1..=3).any(|k| PERSON_NOUNS.contains(t.lower_back(i, k)))
                    // "the kid in trauma 2 is 8 yrs old and named Khaleesi": the
                    // person was just aged ("days old, named Zeppelin").
                    || w == "named" && (1..=3).any(|k| t.lower_back(i, k) == "old") && (1..=12).any(|k| PERSON_NOUNS.contains(t.lower_back(i, k)) || CHILD_NOUNS.contains(&t.lower_back(i, k)));
                if !person || t.lower_back(i, 1) == "was" && w == "called" {
                    return;
                }
                (tok.start, i + 1)
            }
            // "Her name's Doreen".
            "name" if tok.possessive && matches!(t.lower_back(i, 1), "his" | "her" | "their" | "pt's" | "patient's" | "whose") => (tok.end, i + 1),
            "me" if t.lower_back(i, 1) == "call" => (tok.end, i + 1),
            // "whose family calls him \"Tater\"", "a regular we all call 'Sarge'": a nickname in quotes.
            "him" | "her" | "them" if matches!(t.lower_back(i, 1), "calls" | "call" | "called") && t.toks.get(i + 1).is_some_and(|n| n.quoted) => (tok.end, i + 1),
            "call" | "calls" if matches!(t.gap_after(i).trim(), "'" | "\"" | "‘" | "“") && (1..=3).any(|k| matches!(t.lower_back(i, k), "we" | "everyone" | "they" | "all" | "staff")) => (tok.end, i + 1),
            "is" | "was" | "'s" if t.lower_back(i, 1) == "name" && matches!(t.lower_back(i, 2), "his" | "her" | "their" | "pt's" | "patient's" | "whose") => (tok.end, i + 1),
            "by" if t.lower_back(i, 1) == "goes" => (tok.end, i + 1),
            // A label in a list of someone's details: "DL# D4821-77305-11, name
            // T. Alvarado", "(member ID XYH883021457, name Rodney Pruitt)", "Name: Joy Baker".
            "name" if !tok.possessive && (matches!(t.gap_before(i).trim(), "," | "(" | ";" | "/" | "|") || i == 0 || t.gap_after(i).trim() == ":") => {
                if j_run_is_full_name(t, i + 1) {
                    (tok.end, i + 1)
                } else {
                    return;
                }
            }
            _ => return,
        };
        if j >= t.len() {
            return;
        }
        let gap = t.gap_after(i).trim();
        if !(gap.is_empty() || matches!(gap, "\"" | "“" | "'" | "‘") || w == "name" && gap == ":") {
            return;
        }
        let next = &t.toks[j];
        if w == "name" && next.shape == Shape::Initial {
            let b = self.run_end(j, false);
            self.push(next.start, j, b, 0.9, Kind::Named);
            return;
        }
        if next.shape != Shape::Title || next.tagged || NEVER_NAMES.contains(next.lower) && !matches!(next.lower, "big" | "little") {
            return;
        }
        let b = if matches!(next.lower, "big" | "little" | "lil") { self.run_end(j, false).max(j + 1) } else { self.run_end(j, false) };
        if b == j + 1 && matches!(next.lower, "big" | "little" | "lil") {
            return;
        }
        // "named" is part of the rewrite: "a man named Walter Price who" -> "a man who".
        let start = if matches!(w, "named" | "called") { cue_start } else { next.start };
        self.push(start, j, b, 0.9, Kind::Named);
    }

    /// "R.M., 45F", "Pt K.L., 67", "shoutout to D.K., 16".
    fn initials(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        if tok.shape != Shape::Initial || tok.text == "I" {
            return;
        }
        // Not glued to a word before ("U.S." inside "U.S.-based" is fine to skip).
        let mut letters = String::with_capacity(4);
        let mut count = 0usize; // initials seen (letters may be multi-byte)
        let mut k = i;
        loop {
            let tk = &t.toks[k];
            if tk.shape != Shape::Initial || !t.gap_after(k).starts_with('.') {
                break;
            }
            letters.extend(tk.text.chars().next().unwrap_or('x').to_lowercase());
            count += 1;
            let g = t.gap_after(k);
            k += 1;
            if k >= t.len() || g != "." {
                break;
            }
        }
        // One initial counts only as a pseudonym with an age set off after it,
        // opening a sentence or a label, in a post about care: "Therapy win:
        // K. (34, firefighter) told me", "K., 34, came in".
        let lone_with_age = count == 1
            && self.doc.patient_context
            && (i == 0 || t.gap_before(i).trim().ends_with([':', '.', '!', '?']) || t.gap_before(i).contains('\n'))
            && self.appositive_after(i + 1).is_some_and(|(_, k)| k == After::Age)
            && t.gap_after(i).trim_start_matches('.').trim().starts_with(['(', ',']);
        if !((2..=3).contains(&count) || lone_with_age) || i > 0 && t.toks[i - 1].shape == Shape::Initial && t.gap_after(i - 1) == "." {
            return;
        }
        if DOTTED_ABBREVIATIONS.contains(letters.as_str()) {
            return;
        }
        let last = i + count - 1;
        let end = t.toks[last].end + 1; // the final full stop
        // "Pt K.L.", "Mr. D.K.", "discharged J.R.": a patient word, a title or a care verb.
        let cue_before = i > 0 && (PATIENT_NOUNS.contains(t.lower(i - 1)) || is_title(t.lower(i - 1)) || CARE_LAST.contains(t.lower(i - 1)));
        let age = self.appositive_after(last + 1).is_some_and(|(_, k)| k == After::Age);
        let (a, b) = (i, last + 1);
        let score = if age || cue_before {
            0.88
        } else if self.doc.patient_context && (a..b).all(|x| !t.toks[x].quoted) {
            0.55
        } else {
            return;
        };
        self.push_exact(t.toks[i].start, end, a, b, score, Kind::Initials);
    }

    /// In a reply, the name of the person answered ("Hi Carol,", "Thanks,
    /// Raj."): PHI only when the reply shows they are the clinician's
    /// patient; otherwise no other rule may take it.
    fn vocatives(&mut self) {
        let reply = self.doc.context.is_reply();
        // In a post about the clinician's patient, a name spoken to is the
        // patient's: "Dolores you are a legend", "Nell, thank you".
        let patient_post = !reply && self.doc.patient_context && self.t.toks.iter().any(|x| PATIENT_NOUNS.contains(x.lower));
        if !reply && !patient_post {
            return;
        }
        let own = reply && reply_shows_own_patient(self.doc);
        let t = self.t;
        for i in 0..t.len() {
            let tok = &t.toks[i];
            if tok.shape != Shape::Title || self.excluded(i) || !(lexicon::is_first_name(tok.lower) || lexicon::is_surname(tok.lower)) {
                continue;
            }
            if patient_post && !self.name_like(i, Need::Lexicon, false) {
                continue;
            }
            let (sa, _) = t.sentence_range(i);
            // Greetings and the @handle a reply opens with may come first.
            let before_greeting = i - sa <= 3 && (sa..i).all(|k| GREETINGS.contains(t.lower(k)) || t.toks[k].tagged);
            let after = t.gap_after(i);
            let after_t = after.trim_start();
            let ends = after_t.starts_with([',', '!', '.', '?']) || i + 1 == t.len() || after.chars().any(super::tokens::is_emoji_like);
            let b = self.run_end(i, false);
            // In a post, a first name alone at the close ("Great question,
            // Sandra.") may be anyone; a full name there is a person remembered.
            let closing = t.gap_before(i).trim() == "," && (b == t.len() || t.toks[b].sentence != tok.sentence) && (reply || b > i + 1);
            // "so happy for you Tess!!", "love you Nell."
            let after_you = i > 0 && t.lower(i - 1) == "you" && t.joined(i - 1, &[]) && ends;
            // "Dolores you are a legend" (a post's sentence opening on the name).
            let to_you = patient_post && tok.initial && t.lower(i + 1) == "you" && t.joined(i, &[]);
            // A post opening on the name, then thanks or "you": "Nell, thank you
            // for teaching me" (not "Dana, please don't post your DOB").
            let opening = if patient_post {
                tok.initial && after_t.starts_with([',', '!']) && matches!(t.lower(i + 1), "thank" | "thanks" | "you" | "we")
            } else {
                before_greeting && (after_t.starts_with([',', '!', '.', '-', '—']) || i + 1 == t.len() || after.chars().any(super::tokens::is_emoji_like))
            };
            if !(opening || closing || after_you || to_you) {
                continue;
            }
            if reply {
                self.addressee[i] = true;
                if own {
                    self.push(tok.start, i, i + 1, 0.85, Kind::Vocative);
                }
            } else if !self.colleague_sentence(i) && !self.not_a_patient(i, b, false) {
                // Spoken to in a post, the patient is named like any other mention.
                self.push(tok.start, i, b, 0.8, Kind::Appositive);
            }
        }
    }

    /// "my little heart warrior Ava", "this beautiful boy, Oliver": a name
    /// right after a described person (a determiner, describing words, a
    /// person noun), in a post about care or about a newborn.
    fn described(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        // The cheap look at the word before first: most capitalised words
        // follow no person noun, and the lexicon look-ups can wait.
        if i < 2 || self.addressee[i] || tok.shape != Shape::Title || t.toks[i - 1].shape != Shape::Lower || !DESCRIBED_NOUNS.contains(&t.lower(i - 1)) {
            return;
        }
        let comma = t.gap_before(i).trim() == "," && t.gap_after(i).trim_start().starts_with(',');
        let noun_i = i - 1;
        let noun = t.lower(noun_i);
        // "A first-time mum, Priyanka, 29, got stuck in the lift": set off by
        // commas with an age after it, any proper-looking word is the name.
        let age_follows = comma && self.appositive_after(i + 1).is_some_and(|(_, k)| k == After::Age);
        let need = if age_follows { Need::Cued } else { Need::Lexicon };
        if !(t.joined(noun_i, &[]) || comma) || !self.name_like(i, need, false) {
            return;
        }
        let mut k = noun_i;
        while k > 0 && noun_i - k < 3 && t.toks[k - 1].shape == Shape::Lower && t.joined(k - 1, &[]) && !CLAUSE_WORDS.contains(&t.lower(k - 1)) {
            k -= 1;
        }
        if k == 0 || !t.joined(k - 1, &[]) {
            return;
        }
        let det = t.lower(k - 1);
        let child = CHILD_NOUNS.contains(&noun);
        let ok = match det {
            "this" | "that" => self.doc.patient_context || child,
            // "my little boy Max" may be the clinician's own child.
            // "my mum, Jo, 64" is the clinician's own family.
            "my" | "our" => self.doc.patient_context && !child && !matches!(noun, "mum" | "mom" | "mother" | "dad" | "father"),
            "a" | "an" => age_follows,
            _ => false,
        };
        if !ok {
            return;
        }
        let b = self.run_end(i, false);
        if self.not_a_patient(i, b, false) || self.colleague_sentence(i) {
            return;
        }
        self.push(tok.start, i, b, 0.8, Kind::Appositive);
    }

    /// "The Nguyen family brought pho": a family named by its surname.
    fn family(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        if tok.shape != Shape::Title || i == 0 || t.lower(i - 1) != "the" || !t.joined(i, &[]) || t.shouting(i) {
            return;
        }
        if !matches!(t.lower(i + 1), "family" | "families" | "household" | "kids" | "twins" | "boys" | "girls" | "brothers" | "sisters") {
            return;
        }
        let w = tok.lower;
        if self.excluded(i) || !(lexicon::is_surname(w) || !lexicon::is_common_word(w) && !lexicon::is_place(w)) || lexicon::is_first_name(w) && !lexicon::is_surname(w) {
            return;
        }
        if self.not_a_patient(i, i + 1, false) || !self.name_context() {
            return;
        }
        self.push(tok.start, i, i + 1, 0.8, Kind::Appositive);
    }

    /// "Maria's husband brought music", "I held Margaret's hand".
    fn possessive(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        if self.addressee[i] || !tok.possessive || tok.shape != Shape::Title || self.inside_proper_noun(i) || t.shouting(i) {
            return;
        }
        let next = t.lower(i + 1);
        let kin = KIN.contains(next);
        let personal = PERSONAL_AFTER.contains(next) && self.name_context();
        if !(kin || personal) || !t.joined(i, &[]) {
            return;
        }
        let w = tok.lower;
        let named = lexicon::is_first_name(w) && !lexicon::is_word_name(w) || kin && (lexicon::is_first_name(w) || lexicon::is_surname(w)) && !lexicon::is_common_word(w);
        if !named || self.excluded(i) || lexicon::is_eponym(w) && !kin {
            return;
        }
        // "Dr. Kim's patient", "nurse Alicia's": colleagues.
        if i > 0 && (COLLEAGUE_BEFORE.contains(t.lower(i - 1)) || matches!(t.lower(i - 1), "a" | "an" | "the")) {
            return;
        }
        let (a, b) = self.whole_name_ending_at(i);
        if self.not_a_patient(a, b, false) {
            return;
        }
        self.push(t.toks[a].start, a, b, if kin { 0.85 } else { 0.7 }, Kind::Appositive);
    }

    /// The capitalised run ending at token `i` ("Rose Whitlock's" -> from "Rose").
    fn whole_name_ending_at(&self, i: usize) -> (usize, usize) {
        let t = self.t;
        let mut a = i;
        while a > 0 && i - a < 2 && t.toks[a - 1].shape == Shape::Title && !t.toks[a].initial && t.joined(a - 1, &[]) && !self.excluded(a - 1) && !t.toks[a - 1].possessive {
            a -= 1;
        }
        (a, i + 1)
    }

    /// "I cared for Margaret for three years", "we lost Frank last night".
    fn cared_for(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        if self.addressee[i] || tok.shape != Shape::Title || tok.initial || t.shouting(i) || i == 0 {
            return;
        }
        // The verb's last word must stand right before the name.
        if !CARE_LAST.contains(t.lower(i - 1)) || !self.doc.cue_before(tok.start, 1, CARE_VERBS) {
            return;
        }
        let w = tok.lower;
        let listed = lexicon::is_first_name(w) && !lexicon::is_word_name(w) && !lexicon::is_common_word(w);
        let b = self.run_end(i, false);
        let full = b >= i + 2 && lexicon::is_surname(t.lower(b - 1));
        if !(listed || full) || self.excluded(i) {
            return;
        }
        // "saw" and "met" also take celebrities and colleagues: need care context.
        let weak_verb = matches!(t.lower(i - 1), "saw" | "met" | "held" | "lost" | "delivered");
        if weak_verb && !self.name_context() {
            return;
        }
        if self.not_a_patient(i, b, false) || self.colleague_sentence(i) {
            return;
        }
        self.push(tok.start, i, b, 0.78, Kind::Predicate);
    }

    /// "Jack Morrow, 19", "Summer (12) came in", "Tommy Quill, the boy with".
    fn appositive(&mut self, i: usize) {
        let t = self.t;
        if self.addressee[i] || t.toks[i].shape != Shape::Title || self.inside_proper_noun(i) {
            return;
        }
        // After a locative cue ("from Wirrabunna, 54") it is a town, unless
        // a contact follows ("an email from Pearl (pearl@...)").
        let locative = i > 0 && is_locative(t.lower(i - 1));
        if !self.name_like(i, Need::Cued, false) {
            return;
        }
        let b = self.run_end(i, false);
        let w = t.toks[i].lower;
        let Some((score, after)) = self.appositive_after(b) else { return };
        // One word outside the lexicons ("Anselm, who died...") needs a
        // person after it, not just a number ("Entresto, 24").
        let age_sex = t.toks.get(b).is_some_and(|n| is_age_sex_token(n.text));
        // An age written as one ("2 y/o", "age 6", "3-year-old"), not a bare
        // number or a span of time ("Paramedic, 6 years").
        let explicit_age = after == After::Age
            && (age_sex
                || matches!(t.lower(b), "age" | "aged")
                || t.toks.get(b).is_some_and(|n| n.lower.ends_with("-year-old") || n.lower.ends_with("-month-old"))
                || matches!(t.lower(b + 1), "y" | "yo"));
        // "Siobhán (8) came in", "Ananya (4)": an age in brackets right after
        // the word, in a post about care.
        let bracketed_age = after == After::Age && t.gap_after(b - 1).trim() == "(" && self.doc.patient_context;
        // "Gord's 89": the contraction ties the age to the word.
        let contracted_age = after == After::Age && t.toks[b - 1].possessive;
        if b == i + 1 && !(lexicon::is_first_name(w) || lexicon::is_surname(w)) && !(after == After::Person || after == After::Room || age_sex || explicit_age || bracketed_age || contracted_age) {
            return;
        }
        if locative && after != After::Contact {
            return;
        }
        // "Phil Harvey (phil@mail.com)" in a signature or credits is not a
        // patient: a contact in brackets counts in posts about care.
        if after == After::Contact && !self.name_context() {
            return;
        }
        if self.not_a_patient(i, b, false) {
            return;
        }
        self.push(t.toks[i].start, i, b, score, Kind::Appositive);
    }

    /// A story verb or an age set off after the name starting at `j`.
    fn story_follows(&self, j: usize) -> bool {
        let t = self.t;
        let b = self.run_end(j, false);
        if self.appositive_after(b).is_some() {
            return true;
        }
        if b >= t.len() || !t.joined(b - 1, &[]) {
            return false;
        }
        let (v1, v2) = (t.lower(b), t.lower(b + 1));
        PREDICATE_VERBS.contains(v1) || matches!(v1, "was" | "is" | "got" | "has" | "had") && PREDICATE_PARTICIPLES.contains(v2)
    }

    /// "Jack was 67", "When Mark came to see me", "Maria presented with...".
    fn predicate(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        if self.addressee[i] || tok.shape != Shape::Title || t.shouting(i) {
            return;
        }
        if self.inside_proper_noun(i) || i > 0 && (is_locative(t.lower(i - 1)) || matches!(t.lower(i - 1), "a" | "an" | "the")) {
            return;
        }
        let w = tok.lower;
        if self.excluded(i) {
            return;
        }
        let b = self.run_end(i, false);
        if b >= t.len() || !t.joined(b - 1, &[]) {
            return;
        }
        let v1 = t.lower(b);
        let v2 = t.lower(b + 1);
        let age_pred = matches!(v1, "was" | "is" | "turned" | "turns") && t.toks.get(b + 1).is_some_and(|n| is_number_age(n.text)) && !UNITS.contains(t.lower(b + 2));
        // "Doris still does the crossword", "Kayden finally rang the bell".
        let adverb_verb = matches!(v1, "still" | "just" | "finally" | "always" | "never" | "even" | "now" | "already")
            && (PREDICATE_VERBS.contains(v2) || v2.len() > 3 && (v2.ends_with("es") || v2.ends_with("ed")) && !lexicon::is_common_word(v2) || matches!(v2, "does" | "did" | "has" | "had" | "walks" | "runs" | "plays" | "beats" | "makes"));
        let verb_pred = PREDICATE_VERBS.contains(v1) || adverb_verb || matches!(v1, "was" | "is" | "got" | "has" | "had") && PREDICATE_PARTICIPLES.contains(v2);
        if !(age_pred || verb_pred && self.name_context()) {
            return;
        }
        // Outside the lexicon ("Priya", "Kiran"), only with the age and not an everyday word.
        if !lexicon::is_first_name(w) && (!age_pred || lexicon::is_common_word(w) || !self.name_like(i, Need::Cued, false)) {
            return;
        }
        // Everyday-word names ("Will", "Grace") need the age, or not to open the sentence.
        let wordy = lexicon::is_word_name(w) || lexicon::is_common_word(w);
        if wordy && !age_pred && (tok.initial || b == i + 1 && !verb_pred) {
            return;
        }
        if wordy && tok.initial && !age_pred {
            return;
        }
        if self.not_a_patient(i, b, false) || self.colleague_sentence(i) {
            return;
        }
        let score = if age_pred { 0.8 } else { 0.7 };
        self.push(tok.start, i, b, score, Kind::Predicate);
    }

    /// A first name and a surname in a post about care: "knows Rose
    /// Whitlock, the lovely lady I looked after".
    fn full_name(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        if self.addressee[i] || tok.shape != Shape::Title || t.shouting(i) || self.excluded(i) {
            return;
        }
        // A first name from the lexicon, or an unlisted given name ("Lupe")
        // before a listed surname.
        let listed_first = lexicon::is_first_name(tok.lower);
        if !listed_first && (lexicon::is_common_word(tok.lower) || lexicon::is_surname(tok.lower) || tok.initial) {
            return;
        }
        if self.inside_proper_noun(i) || i > 0 && (is_locative(t.lower(i - 1)) || matches!(t.lower(i - 1), "a" | "an" | "the")) {
            return;
        }
        let b = self.run_end(i, false);
        if b < i + 2 {
            return;
        }
        let last = &t.toks[b - 1];
        if last.shape != Shape::Title || !(lexicon::is_surname(last.lower) || listed_first && !lexicon::is_common_word(last.lower)) {
            return;
        }
        let wordy = lexicon::is_word_name(tok.lower) || lexicon::is_common_word(tok.lower);
        if wordy && tok.initial {
            return;
        }
        // "script for Aaliyah Mohammed DOB 2014-08-21 left in the staff room":
        // a record cue right after the name ties it to a chart, whoever else
        // the sentence mentions.
        let record_after = matches!(t.lower(b), "dob" | "mrn" | "nhs" | "dob:") && t.gap_after(b - 1).trim().is_empty();
        if self.not_a_patient(i, b, false) || self.colleague_sentence(i) && !record_after {
            return;
        }
        let quoted_self = matches!(t.lower_back(i, 1), "i'm" | "im" | "i’m") && (tok.quoted || self.reported_speech(i, b));
        let score = if quoted_self || record_after {
            0.85
        } else if self.name_context() && listed_first {
            0.72
        } else if self.name_context() {
            0.62
        } else {
            return;
        };
        self.push(tok.start, i, b, score, Kind::FullName);
    }

    /// A listed first name close to a patient word in the same sentence.
    fn near_patient(&mut self, i: usize) {
        let t = self.t;
        let tok = &t.toks[i];
        if self.addressee[i] || tok.shape != Shape::Title || tok.initial || t.shouting(i) || !self.doc.patient_context {
            return;
        }
        if !self.name_like(i, Need::Lexicon, false) || self.inside_proper_noun(i) || i > 0 && (is_locative(t.lower(i - 1)) || matches!(t.lower(i - 1), "a" | "an" | "the")) {
            return;
        }
        let (sa, sb) = t.sentence_range(i);
        let lo = i.saturating_sub(8).max(sa);
        let hi = (i + 9).min(sb);
        let near = (lo..hi).any(|k| k != i && (PATIENT_NEAR.contains(t.lower(k)) || t.lower(k).ends_with("-year-old")));
        if !near {
            return;
        }
        let b = self.run_end(i, false);
        if self.not_a_patient(i, b, false) || self.colleague_sentence(i) {
            return;
        }
        self.push(tok.start, i, b, 0.62, Kind::Near);
    }

    /// The sentence lists colleagues: "Shoutout to night-shift legends Rose,
    /// Dawn and Mark", "thanks to my co-authors".
    fn colleague_sentence(&self, i: usize) -> bool {
        let memo = &self.colleague_memo[self.t.toks[i].sentence as usize];
        match memo.get() {
            1 => return false,
            2 => return true,
            _ => {}
        }
        let (sa, sb) = self.t.sentence_range(i);
        let v = (sa..sb).any(|k| {
            matches!(
                self.t.lower(k),
                "legends" | "colleagues" | "coworkers" | "co-workers" | "co-authors" | "coauthors" | "mentors" | "preceptor" | "staff" | "crew" | "teammates" | "shoutout" | "shout-out" | "kudos"
            )
        });
        memo.set(if v { 2 } else { 1 });
        v
    }

    /// Other mentions of a found name: "Jack passed early this morning",
    /// "Rest easy, Jack." Everyday-word names repeat only where they read as
    /// names (not "April showers", "Mark your calendars").
    fn repeats(&mut self) {
        let t = self.t;
        let mut names: std::collections::HashSet<&str, std::hash::BuildHasherDefault<lexicon::Fnv>> = Default::default();
        let starts: std::collections::HashSet<usize, std::hash::BuildHasherDefault<lexicon::Fnv>> = self.hits.iter().map(|h| h.a).collect();
        for h in &self.hits {
            if h.score < 0.8 || h.kind == Kind::Initials || h.kind == Kind::Vocative {
                continue;
            }
            for k in h.a..h.b {
                let tok = &t.toks[k];
                if tok.shape == Shape::Title && tok.lower.len() >= 2 && !lexicon::MONTH_NAMES.contains(&tok.lower) {
                    names.insert(strip_possessive(tok.text));
                }
            }
        }
        if names.is_empty() {
            return;
        }
        // Also written in capitals for emphasis: "named Atlas tonight. ATLAS."
        let lowered: std::collections::HashSet<String, std::hash::BuildHasherDefault<lexicon::Fnv>> = names.iter().map(|n| n.to_lowercase()).collect();
        for i in 0..t.len() {
            let tok = &t.toks[i];
            if self.addressee[i] || tok.tagged || self.owner[i] != NO_HIT {
                continue;
            }
            let bare = strip_possessive(tok.text);
            let found = match tok.shape {
                Shape::Title => names.contains(bare),
                Shape::Caps => lowered.contains(tok.lower),
                _ => false,
            };
            if !found {
                continue;
            }
            if self.excluded(i) || i > 0 && COLLEAGUE_BEFORE.contains(t.lower(i - 1)) {
                continue;
            }
            // "The real Michael Jordan has six rings": the famous namesake.
            let mut a = i;
            while a > 0 && i - a < 3 && t.toks[a - 1].shape == Shape::Title && t.joined(a - 1, &[]) && !t.toks[a].initial {
                a -= 1;
            }
            let run = self.run_end(a, false);
            if run > a + 1 && !starts.contains(&a) && lexicon::is_public_figure(&t.phrase(a, run)) {
                continue;
            }
            let wordy = lexicon::is_word_name(tok.lower) || lexicon::is_common_word(tok.lower);
            let (sa, sb) = t.sentence_range(i);
            let alone = sb - sa == 1; // "ATLAS." said on its own
            if wordy && tok.initial && !alone {
                // Only where it reads as the subject of a story or an address.
                let v = t.lower(i + 1);
                let reads_as_name = t.gap_after(i).trim_start().starts_with(',')
                    || PREDICATE_VERBS.contains(v)
                    || matches!(v, "was" | "is" | "has" | "had" | "and" | "who" | "would" | "will");
                if !reads_as_name {
                    continue;
                }
            }
            if t.toks.get(i + 1).is_some_and(|n| n.text.bytes().all(|b| b.is_ascii_digit())) && t.joined(i, &[]) {
                continue; // "April 28" is a date
            }
            let b = i + 1;
            self.owner[i] = self.hits.len() as u32;
            self.hits.push(Hit { start: tok.start, end: self.name_end(i), a: i, b, score: 0.8, kind: Kind::Repeat });
        }
    }
}

/// "Tran's" -> "Tran" (cheap: no pattern searcher per call).
fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w)
}

/// A word before a capitalised word that makes it a place ("from Fresno").
fn is_locative(w: &str) -> bool {
    matches!(w, "from" | "in" | "near" | "outside" | "around")
}

/// Words that end a place name ("Fenwick Heights", "Pell Street").
pub(crate) fn is_place_head(w: &str) -> bool {
    matches!(
        w,
        "street" | "st" | "road" | "rd" | "avenue" | "ave" | "lane" | "ln" | "drive" | "boulevard" | "blvd" | "court"
            | "ct" | "terrace" | "crescent" | "parkway" | "highway" | "hwy" | "county" | "parish" | "borough"
            | "township" | "heights" | "ridge" | "flats" | "springs" | "falls" | "hollow" | "ford" | "creek" | "valley"
            | "hills" | "lake" | "lakes" | "beach" | "harbor" | "harbour" | "point" | "grove" | "junction" | "crossing"
            | "landing" | "city" | "town" | "village" | "bluff" | "bluffs" | "mills" | "corners" | "mesa" | "glen" | "cove"
            | "rapids" | "meadows" | "woods" | "plains" | "prairie" | "pines" | "shores" | "summit" | "gap" | "notch"
            | "island" | "isle" | "bay" | "park" | "gardens" | "square" | "way" | "place"
    )
}

/// Words that end an organisation or facility name ("Bright Kids Pediatrics").
pub(crate) fn is_org_head(w: &str) -> bool {
    matches!(
        w,
        "health" | "hospital" | "clinic" | "medical" | "medicine" | "center" | "centre" | "pharmacy" | "pediatrics"
            | "paediatrics" | "dentistry" | "dental" | "institute" | "foundation" | "university" | "college" | "school"
            | "elementary" | "academy" | "association" | "society" | "inc" | "llc" | "group" | "partners" | "network"
            | "plan" | "insurance" | "care" | "labs" | "bank" | "church" | "residence" | "home" | "homes" | "hospice"
            | "regional" | "memorial" | "general" | "family" | "internal" | "practice" | "surgery" | "therapy"
            | "rehab" | "rehabilitation" | "services" | "systems" | "healthcare" | "wellness" | "orthopedics"
            | "cardiology" | "oncology" | "dermatology" | "pt" | "physio" | "physiotherapy" | "chiropractic" | "optometry"
            | "vision" | "eye" | "store" | "market" | "pharmaceuticals" | "nursing" | "manor" | "gardens" | "lodge"
            | "court" | "award" | "prize" | "lecture" | "fellowship" | "scholarship" | "day" | "month" | "week" | "act"
            | "library" | "museum" | "ymca" | "high" | "prep" | "primary" | "secondary"
    )
}

impl Recognizer for NamesRecognizer {
    fn name(&self) -> &'static str {
        "names"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        let t = Tokens::new(doc);
        self.recognize_with_tokens(doc, &t, out);
    }

    fn recognize_with_tokens(&self, doc: &Document<'_>, t: &Tokens<'_>, out: &mut Vec<Candidate>) {
        // Every rule needs a capital letter or a strong lowercase cue.
        if doc.words.is_empty() {
            return;
        }
        let n = t.len();
        let mut scan = Scan {
            doc,
            t,
            hits: Vec::new(),
            addressee: vec![false; n],
            name_context_memo: Cell::new(0),
            excluded_memo: vec![Cell::new(0); n],
            colleague_memo: vec![Cell::new(0); t.sentences()],
            speech_memo: vec![Cell::new(None); t.sentences()],
            owner: vec![NO_HIT; n],
        };
        scan.run();
        let in_hashtags = hashtag_mentions(doc.text, t, &scan.hits);
        for h in scan.hits {
            out.push(candidate(doc, &t, &h));
        }
        out.extend(in_hashtags);
    }
}

/// A found name inside a hashtag: "#PrayForKayden", "#KaydenStrong". The
/// tag's Title-case segments are compared with the names found (one pass
/// over the text; a set look-up per segment).
fn hashtag_mentions(text: &str, t: &Tokens<'_>, hits: &[Hit]) -> Vec<Candidate> {
    let mut names: std::collections::HashSet<&str, std::hash::BuildHasherDefault<lexicon::Fnv>> = Default::default();
    for h in hits.iter().filter(|h| h.score >= 0.7 && h.kind != Kind::Initials && h.kind != Kind::Vocative) {
        for k in h.a..h.b {
            let tok = &t.toks[k];
            if tok.shape == Shape::Title && tok.lower.len() >= 3 && !lexicon::is_common_word(tok.lower) && !lexicon::is_word_name(tok.lower) {
                names.insert(strip_possessive(tok.text));
            }
        }
    }
    let mut out = Vec::new();
    if names.is_empty() || !text.contains('#') {
        return out;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = text[i..].find('#') {
        let tag_start = i + off + 1;
        let tag_end = tag_start + text[tag_start..].find(|c: char| !c.is_alphanumeric() && c != '_').unwrap_or(text.len() - tag_start);
        // Title-case segments: an uppercase letter and the lowercase run after it.
        let mut k = tag_start;
        while k < tag_end {
            if bytes[k].is_ascii_uppercase() {
                let mut e = k + 1;
                while e < tag_end && bytes[e].is_ascii_lowercase() {
                    e += 1;
                }
                let next_starts_word = e == tag_end || bytes[e].is_ascii_uppercase() || bytes[e].is_ascii_digit() || bytes[e] == b'_';
                // A whole tag that is just the name was a token already.
                if next_starts_word && !(k == tag_start && e == tag_end) && names.contains(&text[k..e]) {
                    out.push(
                        Candidate::new(k, e, Category::Name, 0.8, "Patient's name: names and initials are direct identifiers under HIPAA Safe Harbor").suggest(""),
                    );
                }
                k = e;
            } else {
                k += text[k..].chars().next().map_or(1, char::len_utf8);
            }
        }
        i = tag_end.max(tag_start);
    }
    out
}

/// Tokens from `j` read as a full name after a "name" label: a first name
/// or an initial, then a Title-case surname ("Rodney Pruitt", "T. Alvarado").
fn j_run_is_full_name(t: &Tokens<'_>, j: usize) -> bool {
    let (Some(first), Some(second)) = (t.toks.get(j), t.toks.get(j + 1)) else { return false };
    let sep: &[char] = if first.shape == Shape::Initial { &['.'] } else { &[] };
    t.joined(j, sep)
        && second.shape == Shape::Title
        && !second.tagged
        && !lexicon::is_common_word(second.lower)
        && (first.shape == Shape::Initial && first.text != "I" || first.shape == Shape::Title && lexicon::is_first_name(first.lower))
}

fn candidate(doc: &Document<'_>, t: &Tokens<'_>, h: &Hit) -> Candidate {
    let prev = if h.a > 0 { t.lower(h.a - 1) } else { "" };
    let relative = h.kind == Kind::Kin;
    let message = if relative {
        "Name of a patient's relative: names are direct identifiers under HIPAA Safe Harbor"
    } else if h.kind == Kind::Vocative {
        "Name of the person you are replying to, who appears to be your patient: a direct identifier under HIPAA Safe Harbor"
    } else {
        "Patient's name: names and initials are direct identifiers under HIPAA Safe Harbor"
    };
    // A rewrite that keeps the sentence readable: drop the name where a
    // role already says who it is ("her son Tom" -> "her son").
    let suggestion = match h.kind {
        Kind::Kin | Kind::Patient | Kind::Named => String::new(),
        Kind::Baby => "the baby".to_string(),
        Kind::Vocative => {
            if GREETINGS.contains(prev) { "there".to_string() } else { String::new() }
        }
        _ if PATIENT_NOUNS.contains(prev) || KIN.contains(prev) => String::new(),
        _ => {
            let at_start = doc.text[..h.start].trim_end().is_empty() || t.toks[h.a].initial;
            if at_start { "My patient".to_string() } else { "my patient".to_string() }
        }
    };
    Candidate::new(h.start, h.end, Category::Name, h.score, message).suggest(suggestion)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn names_in(text: &str, ctx: &PostContext) -> Vec<String> {
        let doc = Document::new(text, ctx);
        let mut out = Vec::new();
        NamesRecognizer.recognize(&doc, &mut out);
        out.retain(|c| c.score >= crate::text::recognizer::REPORT_THRESHOLD);
        out.sort_by_key(|c| c.start);
        out.iter().map(|c| text[c.start..c.end].to_string()).collect()
    }

    fn names(text: &str) -> Vec<String> {
        names_in(text, &PostContext::default())
    }

    fn reply(text: &str, to: &str) -> Vec<String> {
        let ctx = PostContext { kind: Some("reply".into()), reply_to: Some(to.into()), platform: None };
        names_in(text, &ctx)
    }

    #[test]
    fn titles() {
        assert_eq!(names("Mrs. Alvarez in bed 2 asked for her glasses"), ["Mrs. Alvarez"]);
        assert_eq!(names("note left open: Mr G. Pemberton, D.O.B. on screen"), ["Mr G. Pemberton"]);
        assert_eq!(names("Miss Ada Whitcombe turns 100 today"), ["Miss Ada Whitcombe"]);
        assert_eq!(names("Ms. Nguyen's daughter called twice"), ["Ms. Nguyen"]);
        assert_eq!(names("mr jones in bed 3 is a legend"), ["mr jones"]);
        assert_eq!(names("MRS. PATEL IN ROOM 4 NEEDS HER MEDS"), ["MRS. PATEL"]);
    }

    #[test]
    fn babies_relatives_and_patients() {
        assert_eq!(names("Happy 100th birthday to our favourite resident, Gladys! The whole unit sang."), ["Gladys"]);
        assert_eq!(names("A first-time mum, Priyanka, 29, got stuck in the lift and delivered her daughter"), ["Priyanka"]);
        assert_eq!(names("Banner day for our NICU grad Baby Amara! going home today at 4 lb 2 oz"), ["Baby Amara"]);
        assert_eq!(names("Baby Arlo's first tooth showed up at his check with us today"), ["Baby Arlo"]);
        assert_eq!(names("Shoutout to little Mateo (aka Teo) who rang the bell today after 2 years of chemo"), ["Mateo"]);
        assert_eq!(names("Congratulations to the Walsh family on the arrival of twins, born at 09:14 here at the Coombe"), ["Walsh"]);
        assert_eq!(names("first appt at 8:15 this morning: Siobhán (8) came in for her first filling"), ["Siobhán"]);
        assert_eq!(names("my pt's husband Tomasz sang to her in Polish every night"), ["Tomasz"]);
        assert_eq!(names("Shoutout to Dorothy on our rehab ward who walked the corridor today"), ["Dorothy"]);
        assert_eq!(names("Tanaka-san in bay 4 bowed to me every single morning this week"), ["Tanaka-san"]);
        assert_eq!(names("Still smiling about Siobhán from Ennis who turned 30 on our ward yesterday"), ["Siobhán"]);
        assert_eq!(names("the sweetest couple in Thunder Bay. Gord's 89 and Lorraine's 87, married 66 years"), ["Gord", "Lorraine"]);
        assert_eq!(names("Card was for Dale Pritchard, who I know is 78 because he comes to our pharmacy"), ["Dale Pritchard"]);
        assert_eq!(names("script for Aaliyah Mohammed DOB 2014-08-21 left on the printer in the staff room"), ["Aaliyah Mohammed"]);
        assert_eq!(names("Welcome baby Liam! 8 lb even"), ["baby Liam"]);
        assert!(names("Baby Shark has been on repeat since 6am").is_empty());
        assert_eq!(names("Little Sophie (4) lost her first tooth in the chair"), ["Little Sophie"]);
        assert_eq!(names("pt is stable but her son Tomas keeps calling the unit"), ["Tomas"]);
        assert_eq!(names("Pt refused. Daughter Renata is on her way in."), ["Renata"]);
        assert_eq!(names("shoutout to my patient Keisha who ran her first 5K"), ["Keisha"]);
        assert_eq!(names("pt maria g, 84f, s/p fall"), ["maria g"]);
        assert_eq!(names("Our patient June was discharged on her birthday"), ["June"]);
        assert_eq!(names("years ago I cared for a man named Arthur Bell who taught me patience"), ["named Arthur Bell"]);
        assert_eq!(names("\"Call me Bunny,\" she said on admission"), ["Bunny"]);
    }

    #[test]
    fn modern_and_international_first_names() {
        // From the Social Security baby-name list, absent from the 1990 census.
        assert_eq!(names("Kayden rang the bell today!! 10 rounds of chemo"), ["Kayden"]);
        assert_eq!(names("her nani Lakshmi cried in the waiting room"), ["Lakshmi"]);
        assert_eq!(names("Our little fighter Ximena went home today at 11 weeks old"), ["Ximena"]);
        // Brands the baby-name list holds are kept out: "a silver Camry".
        assert!(names("whoever parked a silver Camry in the ambulance bay, your wife is fine").is_empty());
        // The physician behind an eponym is no patient.
        assert!(names("fun history fact: Alois Alzheimer's first described case was admitted in 1901").is_empty());
        assert!(names("Happy International Nurses Day 12 May, Florence Nightingale's birthday. To everyone on shift today").is_empty());
        assert!(names("Tonight one of my hospice patients asked to hear Glenn Miller one more time").is_empty());
    }

    #[test]
    fn described_by_the_unit_or_by_age() {
        assert_eq!(names("Happy 100th birthday to our beloved Ethel here at Rosewood Lodge! Born 2 June 1925"), ["Ethel"]);
        assert_eq!(names("Happy birthday to our NICU graduate Amara! Born at 24 weeks on 2 March last year"), ["Amara"]);
        assert_eq!(names("A mum from Bondi Junction brought her six-year-old, Oscar, in last week"), ["Oscar"]);
        assert_eq!(names("Anastasia flew in from Limassol for her surgery with us"), ["Anastasia"]);
        // The unit's own staff are colleagues, not patients.
        assert!(names("Shoutout to our wonderful Sarah on her last shift, the whole crew will miss her").is_empty());
    }

    #[test]
    fn platform_words_are_not_names() {
        assert!(names("DM me for collabs. Not taking new patient DMs though, please see your own GP").is_empty());
    }

    #[test]
    fn nicknames_in_quotes() {
        assert_eq!(names("my 5yo pt whose family calls him \"Tater\" just told me he wants to be a nurse"), ["Tater"]);
        assert_eq!(names("Every service has one. Ours is a regular we all call 'Sarge', ex-army, lives behind the elevator"), ["Sarge"]);
    }

    #[test]
    fn names_as_boards_and_labels_print_them() {
        assert_eq!(names("someone screenshotted the ED tracking board. It shows 'GARZA, E  34F  RM 18  abd pain'"), ["GARZA, E"]);
        assert_eq!(names("Whoever stuck a pt label on the staff fridge: FEHR, ROSALIND / DOB 11.02.1947 / MRN 4471902"), ["FEHR, ROSALIND"]);
        assert!(names("URGENT, PLEASE SHARE: BP 120/80 is normal").is_empty());
    }

    #[test]
    fn addressed_in_a_public_post() {
        assert_eq!(names("Mandy from the 3:15 slot, if you see this: you left your retainer in our lobby"), ["Mandy"]);
        assert_eq!(names("J.P.V. if you're reading this, your biopsy results are in, call us"), ["J.P.V."]);
        assert!(names("If you see this, call your mum. Honestly.").is_empty());
    }

    #[test]
    fn twins_and_families_in_paperwork() {
        assert_eq!(names("Congratulations to the Walsh family on the arrival of twins Aoife and Ciara, born at 09:14 on 17/03"), ["Walsh", "Aoife", "Ciara"]);
        assert_eq!(names("Hospital billing sent the Delgado family's statement (acct 4471-0093) to their old address"), ["Delgado"]);
    }

    #[test]
    fn hashtags_and_adverbs() {
        assert_eq!(names("Kayden rang the bell today!! 10 rounds of chemo. #PrayForKayden no more, now it's #KaydenStrong"), ["Kayden", "Kayden", "Kayden"]);
        assert_eq!(names("Our oldest resident turned 103 today! Doris still does the crossword in pen"), ["Doris"]);
        // A tag that only contains a name-like word is not a mention.
        assert_eq!(names("Our patient Grace went home today #GraceUnderPressure"), ["Grace"]);
    }

    #[test]
    fn labels_brackets_and_named() {
        assert_eq!(names("left their licence at pickup: DL# D4821-77305-11, name T. Alvarado. It's been 2 days"), ["T. Alvarado"]);
        assert_eq!(names("posted a customer's insurance card (member ID XYH883021457, name Rodney Pruitt)"), ["Rodney Pruitt"]);
        assert!(names("What's in a name? Florence Nightingale knew.").is_empty());
        assert_eq!(names("One of my clients, D. Whitaker, showed up at the game today"), ["D. Whitaker"]);
        assert_eq!(names("the kid in trauma 2 is 8 yrs old and named Khaleesi"), ["named Khaleesi"]);
        assert_eq!(names("Pt's wife keeps calling the floor. Her name's Doreen and she wants the vitals"), ["Doreen"]);
        assert_eq!(names("brought in by her grandmother (Pearl, if you're reading this, you did everything right)"), ["Pearl"]);
        assert!(names("My mom (Linda) says hi to everyone on the unit").is_empty());
        assert!(names("my patient has a dog named Biscuit").is_empty());
        assert_eq!(names("Recieved a fax meant for a cardiology office with a full H&P: Eleanor Vance, SSN 412-55-0937, 67F"), ["Eleanor Vance"]);
    }

    #[test]
    fn initials_and_appositives() {
        assert_eq!(names("J.T., 45F, POD2 and already walking"), ["J.T."]);
        assert_eq!(names("Pt K.L. 67 hx of CHF"), ["K.L."]);
        assert_eq!(names("Therapy win: K. (34, firefighter) told me today she slept six hours"), ["K."]);
        assert!(names("Q. (12) Which of these is a first-line drug? A. (3) metformin").is_empty());
        assert_eq!(names("One of our former patients, Dario Lindqvist, 22, needs help"), ["Dario Lindqvist"]);
        assert_eq!(names("Summer (9) came in for her first filling today"), ["Summer"]);
        assert_eq!(names("Mateo, a 7-year-old with asthma, came in wheezing"), ["Mateo"]);
        // Accented initials are one letter each, not one byte.
        assert_eq!(names("pt É.Ö., 71, stable"), ["É.Ö."]);
        // A care verb before initials: the person cared for.
        assert_eq!(names("Discharged J.R. today, lives alone out in the hills"), ["J.R."]);
        assert!(names("Discharged from the U.S. Army in 1970, he became a nurse").is_empty());
    }

    #[test]
    fn stories_and_repeats() {
        assert_eq!(names("Priya was 34 when she was diagnosed. Priya never missed a chemo visit."), ["Priya", "Priya"]);
        let got = names("Jack was 67 when he came to us. Jack passed this morning. Rest easy, Jack.");
        assert_eq!(got, ["Jack", "Jack", "Jack"]);
        // A month name found once stays a date elsewhere.
        assert_eq!(names("Our patient April was admitted April 3. April showers bring May flowers."), ["April"]);
    }

    #[test]
    fn replies_name_the_patient_only_when_they_are_yours() {
        assert!(reply("Hi Carol, I can't comment on your husband's care. His team can help.", "My husband has cancer, is there anything else?").is_empty());
        assert!(reply("Thanks for sharing, Raj. Ask your GP about statins.", "I'm 39 with high LDL").is_empty());
        assert_eq!(
            reply("Hi Marcy, sorry it's still sore! Call our office and we'll see you.", "Dr. Singh, my knee is still swollen after the shot you gave me at my appointment"),
            ["Marcy"]
        );
    }

    #[test]
    fn hard_negatives_stay_quiet() {
        for t in [
            "Graves' disease vs Hashimoto's: same gland, opposite problems",
            "Eponym roundup: Down syndrome (trisomy 21), Turner (45,X), Klinefelter (47,XXY), Edwards (trisomy 18)",
            "had a pt at Royal Darwin this arvo, crocodile farmer, bitten on the forearm",
            "Said goodbye today to a patient I'd looked after for 11 years on our renal unit",
            "Parkinson's and Lewy body dementia overlap; Creutzfeldt-Jakob is rare",
            "Tommy John surgery is more common in high school pitchers now",
            "Our wonderful Dr. Joy Amari ran clinic today",
            "Shoutout to night-shift legends Rose, Dawn and Mark who ran a flawless code",
            "Thanks to co-authors Dr. Eli Brandt, Sunita Rao RN, and Marcus Bell, RN",
            "hi, I'm Mark 👋 ICU nurse in Ohio, here for the memes",
            "Mark your calendars: flu clinic opens Monday",
            "Hope this helps! Will post more soon. Grace and patience, folks.",
            "Hello everyone. Please get your flu shot.",
            "Nurse Joy from Pokémon set unrealistic expectations",
            "After Céline Dion spoke about stiff person syndrome, calls went up",
            "Florence Nightingale would have loved hand hygiene day",
            "The Mayo Clinic and Johns Hopkins both publish great patient guides",
            "Propofol is not a sleep aid. Neuro consult placed, Foley in.",
            "Metformin 500 mg with dinner is a tool, not a failure",
            "Start Eliquis 5 mg twice daily per cardiology",
            "HOW TO READ YOUR LIPID PANEL IN NINE MINUTES",
            "Apgar at 1 and 5 minutes is not a grade for your baby",
            "May is Better Hearing and Speech Month",
        ] {
            assert!(names(t).is_empty(), "{t:?} gave {:?}", names(t));
        }
    }

    #[test]
    fn clinicians_own_family_is_not_a_patient() {
        assert!(names("my son Theo brought home norovirus from daycare").is_empty());
        assert!(names("no Aunt Linda, I will not look at your mole at dinner").is_empty());
        assert!(names("Taking my daughter Emma to her vaccine appointment today").is_empty());
    }

    #[test]
    fn possessives_families_and_care_verbs() {
        assert_eq!(names("Rosalie's husband slept in the ICU chair for a week"), ["Rosalie"]);
        assert_eq!(names("The Okoro family brought jollof rice for the night shift after the discharge"), ["Okoro"]);
        assert_eq!(names("Years ago I cared for Marguerite and she taught me patience"), ["Marguerite"]);
        assert_eq!(names("His wife, Lourdes, sang to him every evening"), ["Lourdes"]);
        assert_eq!(names("Remembering Anselm, who died on our unit a year ago"), ["Anselm"]);
        assert_eq!(names("One of my favourite patients, Cyril, turned 90 today."), ["Cyril"]);
        assert_eq!(names("Mrs. B in room 4 wants her tea"), ["Mrs. B"]);
    }

    #[test]
    fn names_spoken_to_or_described_in_posts_about_care() {
        // Spoken to in a post about one's patient.
        assert_eq!(names("my favorite pt EVER just texted me a pic of her great-grandbaby 😭 Dolores you are a legend"), ["Dolores"]);
        assert_eq!(names("My hospice patient for eight months passed peacefully. Nell, thank you for teaching me."), ["Nell"]);
        assert_eq!(names("Rest in peace, Eleanor 'Nell' Briggs. My hospice patient for eight months."), ["Eleanor 'Nell' Briggs"]);
        // A described person right before the name.
        assert_eq!(names("This beautiful boy, Oliver, arrived at 9lb 2oz at home"), ["Oliver"]);
        assert_eq!(names("Happy birthday to my little heart warrior Ava!! Born after open heart surgery at 4 days old"), ["Ava"]);
        // Kin with describing words, clergy titles about care, an age in brackets.
        assert_eq!(names("third baby for his incredible mum Hannah, who laboured like a queen"), ["Hannah"]);
        assert_eq!(names("Please pray for my patient, Pastor James Whitfield, who coded twice and is in the ICU"), ["Pastor James Whitfield"]);
        assert_eq!(names("Lily (age 6) from Maple Grove was so brave at her filling"), ["Lily"]);
        assert_eq!(names("Our little Jayden (2 y/o) from the peds floor is going home"), ["Jayden"]);
    }

    #[test]
    fn hard_negatives_for_spoken_and_described_names() {
        // Someone addressed who is not shown to be a patient.
        assert!(names("Our patient survey is out. Dana, please don't post your DOB here!").is_empty());
        assert!(names("Our patient survey results are in. Great question, Sandra.").is_empty());
        // Staff chaplains and the writer's own family.
        assert!(names("Our chaplain, Rev. Thomas Adeyemi, sat with me for an hour after my patient died.").is_empty());
        assert!(names("Home after nights. My sweet boy Max made me a card").is_empty());
        assert!(names("my daughter Emma starts school today, back on the unit tomorrow").is_empty());
        // A job tenure is not an age.
        assert!(names("Paramedic, 6 years. Tonight's call was a rough one.").is_empty());
    }

    #[test]
    fn reported_speech_and_emphasis() {
        assert_eq!(names("'I'm Reggie Tate and I'm not dying today,' he told the medic."), ["Reggie Tate"]);
        assert_eq!(names("we delivered a boy named Orion tonight. ORION. what a name"), ["named Orion", "ORION"]);
        // A famous namesake stays quiet; the patient does not.
        assert_eq!(names("Not that Taylor Swift. My patient Taylor Swift, 81, loves her name."), ["Taylor Swift"]);
    }

    #[test]
    fn credits_and_signatures_are_not_patients() {
        for t in [
            "Copyright 2008 Hayden A. James (hayden.james@gmail.com) and Josh Triplett <josh@example.org>",
            "Questions? Email our educator Sam Ortiz (sam@clinic.example) for the class schedule",
            "— Priya, pharmacist and mum of two",
            "Reading Atul Gawande again. Being Mortal holds up.",
            "grabbed Wendy's after a 13 hour shift, no regrets",
        ] {
            assert!(names(t).is_empty(), "{t:?} gave {:?}", names(t));
        }
    }
}
