//! Identifiable patient story: a post-level finding when a reference to a
//! particular patient, client or resident (or an encounter: "came in today",
//! "on our unit") meets two or more kinds of quasi-identifier: age, a recent
//! or specific time, a place or facility, an occupation, a rare condition or
//! event, a family detail, or a name already found.
//!
//! Each kind alone is harmless ("I saw a lot of flu this week"); together
//! they let the patient's neighbours, colleagues or family recognise them.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use super::cue_regex::{compile as compile_with, compile_cue as compile, Prefilter, Regex};



use super::document::Document;
use super::recognizer::{Candidate, REPORT_THRESHOLD};
use crate::finding::{Category, Severity};

/// A particular patient: "my patient", "a resident", "our 97-year-old
/// resident" (singular with up to two modifiers), "pt", "Mrs. X",
/// "had ... as a patient", "one of our former patients".
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?:(?:my|our|a|the|this|one|that|an?\s+\w+)\s+(?:(?:former|new|sweet|favou?rite|oldest|youngest|little|young|lovely|elderly|older|last|first)\s+)*(?:patient|pt|client|resident|service user)s?\b|(?:my|our|a|the|this|that)\s+(?:[\w-]+\s+){1,2}?(?:patient|pt|client|resident)\b|pt\b|patient\b|(?:mr|mrs|ms|miss)\.?\s+[A-Z]|(?-i:\b[Bb]aby [A-Z][a-z]+\b)|as a patient\b|one of (?:my|our) (?:[\w-]+ )?(?:patients|clients|residents)\b|(?:my|our)\s+(?:[\w-]+\s+)?(?:graduate|grad|alum|alumnus|alumna|preemie|kiddo|frequent flyer)\b|(?:my|our)\s+\d{2}[- ]?weeker\b|(?:a|one) (?:regular|regulars) of (?:ours|mine)\b|(?m:^)\W*client\b|one of (?:my|our) (?:ladies|gents|gentlemen|fellas|regulars|mums|families|kiddos|babies)\b)", "reference regex")
});
/// An encounter with someone: "came in", "brought in", "admitted", "I sat with".
static ENCOUNTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?:came in|come in|comes in|coming in|came into|comes into|brought in|brings in|bringing in|rolled in|walked in|sat with (?:a|an|the|my|our)|just delivered|delivered (?:a|an|twins|triplets|her|his|their)\b|caught (?:my|a|her|his|their|twins|triplets)\b|home birth|call-?out to (?:a|an)|called out to (?:a|an)|worked with (?:a|an)\b|popped in|(?:extracted|pulled|filled|fitted|treated|stitched|sutured|splinted|vaccinated|jabbed|scanned|casted) (?:[\w-]+ ){0,4}?(?:for|on) (?:a|an)\b|(?:privilege|honou?r) (?:this \w+ )?to (?:care for|look after|nurse|treat)|i nursed|(?:i've|i have) been seeing|(?:been )?(?:seeing|working with|treating) (?:a|an)\b|met (?:a|an)\b|diagnosed (?:[\w-]+ ){0,4}?in (?:a|an)\b|(?:home visit|house call|visit|check|check-up|checkup|appointment|consult|session) (?:today |this morning |this afternoon |tonight |yesterday )?(?:with|to) (?:a|an|my|our|one of|the)\b|(?:^|\n)\W*call (?:last night|tonight|today|this morning|yesterday)|(?:tonight|today|last night|this morning|yesterday)['’]s (?:call|callout|call-out|job|shout)|(?:^|[.!?]\s+)saw an? (?:case|kid|man|woman|lady|guy|gentleman|patient|vicar|priest|nun|pastor|farmer|teacher|student|pilot|chef|firefighter|cop|officer|veteran|athlete|tradie|shearer)\b|(?:worked|ran|responded to|attended) an? (?:[\w-]+ ){0,2}?(?:code|arrest|drowning|near-drowning|mvc|crash|rollover|stabbing|shooting|overdose|delivery|birth|trauma)\b|admitted|discharged|presented|i (?:sat|saw|treated|delivered|intubated|coded|admitted|discharged|met|cared for|took care of|looked after|diagnosed|transported)|we (?:transported|took|picked up)|we (?:saw|treated|delivered|admitted|lost|coded)|on (?:our|my|the) (?:unit|floor|ward)|on (?:our|my) [\w-]+ (?:unit|floor|ward)|(?:in|from|to|of) (?:bed|room|bay|rm) ?#?\d+|on admission|at admission|at triage|on arrival|my shift|in clinic|in the (?:er|ed|icu|nicu|trauma bay|ambulance|ward)|in our (?:[\w-]+ )?(?:er|ed|icu|nicu|unit|ward|clinic|practice)|(?:we|i) (?:got|were|was) (?:called|dispatched|paged) to|(?:a|an) (?:[\w-]+ ){0,6}?(?:came|come|was brought|got brought|rolled|walked|was wheeled) (?:in|into|to)|(?:a|an|the|this|our|my) (?:[\w-]+ ){0,2}?\d{1,3} ?(?:yo|y/o|-year-old|year old|yr old) (?:who|that|with)\b)\b", "encounter regex")
});
/// A person described in an encounter: "a triathlete came in", "the bus
/// driver", "an elderly man found by...". Counts with an encounter cue.
static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    compile_with(r"(?i)\b(?:a|an|the|this|one|our)\s+(?:[\w-]+\s+){0,3}?(?:man|woman|guy|lady|gentleman|girl|boy|kid|child|teen|teenager|toddler|baby|infant|newborn|moms?|mums?|dads?|father|mother|husband|wife|bride|groom|widow|widower|twins|couple|driver|veteran|bloke|grandma|grandpa|grandmother|grandfather|student|athlete|triathlete|runner|cellist|pilot|firefighter|quarterback|anchor|teacher|nurse|doctor|officer|farmer|fighter|superstar|warrior|champ|lady|gent|elder|survivor|retiree|pensioner|goalie|welder|farmer|miner|trucker|tradie|vicar|nun|priest|shearer|referee|lifeguard)\b|\b(?:a|an|the|this|our)\s+(?:retired|former)\s+[\w-]+|\b(?:bloke|guy|lady|man|woman) from\b|\b(?:guy|bloke|dude|lady|man|woman|kid) (?:walks|walked|comes|came|rolls|rolled|shows|showed|turns|turned) (?:in|into|up)\b|\b(?:elderly|older|young|middle-aged|\d+-year-old|[a-z]+-year-old)\s+(?:man|woman|lady|gentleman|girl|boy|guy)\b|\b(?:our|my)\s+(?:[\w-]+\s+){0,2}?(?:superstar|warrior|champ|fighter|survivor|miracle|sweetheart|little (?:guy|man|lady|one|girl|boy|dude))\b", Prefilter::Keep, "person regex")
});
static ENCOUNTER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?:came in|came into|came to|come in|brought in|brought to|rolled in|walked in|admitted|discharged|presented|delivered|we had|had a|on our unit|in our|to us|found by|tonight's call|call:|this morning's trauma|trauma|visit at|went home|in the chair|in the er|in the ed|our ed|our er|our icu|our nicu|helped|drove (?:himself|herself)|my shift|in clinic|sat with|took care of|cared for|looked after|we got (?:him|her) in|today in|case of the week|rehab|rang the bell|got called|were called|was called|dispatched|arrived|was born|were born|born at|born on|brings in|comes into|is back|was back|on our (?:[\w-]+ )?(?:unit|ward|floor)|to our (?:[\w-]+ )?(?:clinic|practice|unit|ward|er|ed|office|surgery)|(?:who|that) came|collapsed|asked me|told me|resus|extracted|dispensed|stitched|sutured|splinted|took (?:a|his|her) tooth out|brought (?:her|his|their)|real case|case from my|with (?:his|her|their) permission|was started on|was prescribed|i had|walks in|walks into|walked into|rolls in|rolled into|shows up|showed up|turned up|turns up)\b", "encounter cue regex")
});

/// Generic, hypothetical or plural talk about patients is not one patient.
static GENERIC: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?:if (?:a|your|my) (?:patient|pt)|when (?:a|your) patient|(?:many|most|some|all|our|my|these|those|the|every|few) patients\b|patients (?:with|who|often|remember|tell|ask|need)|hypothetical|imagine a|no patient stories|any patient|every patient|a patient (?:once )?(?:asked|told|said) me|\b(?:i|me|my own)\b[^.!?\n]{0,40}\bas a patient|\bis the patient\b|\bnot a real patient)", "generic regex")
});

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?:today|tonight|tonite|this (?:morning|afternoon|evening|week)|at midnight|at noon|(?:on |last )?(?:christmas(?: eve| day)?|new year'?s (?:eve|day)|thanksgiving|easter sunday|halloween)|yesterday|last (?:night|week|shift|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday) (?:morning|night|afternoon|evening)|\d{1,2}(?::\d{2})?\s?(?:am|pm)|at \d{3,4}\b|(?:my|this|last|tonight's|today's) shift|just now|right now|an hour ago|earlier today|this weekend|last weekend|this (?:summer|winter|spring|fall|autumn)|last (?:summer|winter|spring|fall|autumn)|last month|this month|(?:tonight|today|this morning|this afternoon|yesterday|last night)'s|on (?:saturday|sunday) night|(?:\d+|a|one|two|three|four|five|six|a few) (?:days?|weeks?|wks?|months?) (?:ago|out from|out of|post-?op|after (?:her|his|their))|on nights|pod ?\d+|post-?op day \d+|day \d+ post-?op|in (?:19|20)\d\d|the night before|this (?:am|pm|arvo)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|before \d{1,2} ?(?:am|pm))\b", "time regex")
});
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:at (?:[A-Z][a-z]+ ){1,2}[A-Z][a-z]+\b|(?:[Rr]oom|[Bb]ed|[Bb]ay|[Rr]m)\s*#?\d+[A-Za-z]?|(?:[A-Z][a-z'’.]+\s+){1,4}(?:Hospital|Medical Center|Medical Centre|Health|Clinic|Infirmary|Elementary|Middle School|High School|School|Academy|College|University|Pharmacy|Nursing Home|Care Home|Hospice|Church|Mall|Prison|Jail|Shelter|Fair|Park|Stadium|Airport|Factory|Plant|Farm|Mine)\b|St\.?\s+[A-Z][a-z]+'?s?|(?i:county fair|local (?:school|middle school|high school|elementary|church|plant|factory|mine|farm|nursing home|fair|gym|prison|jail|shelter)|on our unit|our unit|our floor|our ward|(?:on|in|at|to|from) (?:the|our|my) (?:[\w-]+ ){0,2}(?:ward|unit)\b|(?:on|in|at|to|from) (?:the|our|my) [\w-]+ (?:[\w-]+ )?clinic\b|our (?:small |tiny )?(?:town|county|village|community)|small town|rural|birth cent(?:re|er)|senior cent(?:er|re)|high school|middle school|elementary school|state highway|county road|the bypass|home health|at home|(?:on|along) the (?:interstate|highway|motorway|freeway|expressway)|(?:at|in|to|from|outside|on) (?:a|the) (?:[\w-]+ )?(?:airport|gate|train station|bus stop|school|church|store|shop|laundromat|farm|gas station|grocery store|supermarket|restaurant|pub|gym|playground|skate park|trampoline park|beach|swimming pool|pool|lake|river|construction site|building site|warehouse|factory|mall|hotel|motel|campsite|rodeo|concert|festival|wedding)))", "place regex")
});
static OCCUPATION: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?:teacher|veteran|farmer|welder|lineman|pilot|firefighter|police officer|cop|sheriff|deputy|pastor|priest|rabbi|imam|judge|mayor|senator|governor|chief of staff|coach|athlete|quarterback|professor|principal|surgeon|lawyer|attorney|trucker|truck driver|bus driver|taxi driver|cab driver|uber driver|delivery driver|electrician|plumber|miner|fisherman|soldier|marine|sailor|chef|bartender|mail carrier|postman|rancher|nun|ceo|celebrity|influencer|musician|singer|actor|actress|news anchor|anchor|weather(?:man|woman)|meteorologist|broadcaster|radio host|dj|reporter|wwii|vet\b|olympian|student|goalie|ballerina|dancer|professional \w+|(?:retired|former) (?:rugby |football |hockey |league |high school |school |bus |truck |police )*[a-z]+(?:er|or|ist|ian|man|woman|ant|eer|ef|ot|ic|ess)|(?:[a-z]+ )?(?:elevator|factory|farm|mine|construction|warehouse|steel|oil|rig|dock|road|sanitation|sex|gig|rugby|football|hockey|soccer|basketball|baseball|cricket|tennis|golf|netball|league|amazon) (?:guy|lady|man|woman|bloke|worker|player|operator|mechanic|builder|keeper|fitter)|security guard|janitor|barista|waitress|waiter|nanny|lifeguard|retired (?:[\w-]+ ){0,2}?(?:nurse|doctor|physician|midwife|paramedic|detective|officer)|beekeeper|shearer|truckie|tradie|farmhand|stockman|dentist|headteacher|schoolteacher|cellist|violinist|pianist|footballer|cricketer|rower|swimmer|golfer|olympic \w+|code talkers?|mechanic|carpenter|builder|engineer|accountant|hairdresser|barber|potter|jockey|boxer|wrestler|cyclist|shepherd|stockman|labou?rer|\d+(?:st|nd|rd|th)[- ]grader?)\b", "occupation regex")
});
static RARE: LazyLock<Regex> = LazyLock::new(|| {
    compile_with(r"(?i)\b(?:rare|rarest|one in a million|(?:1|one)[- ]in[- ](?:a[- ]|\d[\d,.]*\s?)?(?:million|billion|\d{1,3}(?:,\d{3})+|\d{5,})|first (?:one|case|patient) (?:i've|i have|we've|we have|i'd|i had) (?:ever )?seen|first case|never seen|(?:diagnosed|saw|treated|caught) my first\b|(?:one of )?the first (?:women|woman|men|man|person|people) to|first (?:[\w-]+ ){0,2}ever\b|never been ill|fell off (?:a|the|his|her) (?:roof|ladder|horse|trampoline|scaffold)|(?:one of )?the last (?:living|surviving)|rett|angelman|prader-willi|marfan|ehlers-danlos|progeria|tay-sachs|fragile x|conjoined|copperhead|rattlesnake|(?:rare|unusual) (?:\w+ )?(?:dx|diagnosis|disease|syndrome|condition)|textbook case|unusual|measles|rabies|tetanus|botulism|leprosy|ebola|plague|diphtheria|polio|toxin|snake ?bite|snakebite|lightning|shark|bear attack|dog attack|farm accident|crash|accident|rollover|rolled it|shooting|gunshot|stabbing|drown|drowning|house fire|explosion|stopped breathing|transplant|triplets|quadruplets|conjoined|centenarian|100th|birthday|bagpiper|amputat|lost (?:his|her) (?:leg|arm)|the only|first ever|amish|deaf|blind|lottery|ironman|exploded|dare|championship|triathlete|famous|viral|prison|inmate|homeless|refugee|pregnant with)", Prefilter::Keep, "rare regex")
});
/// An age given loosely ("a 30-something", "in her 90s"): not an identifier
/// span, but a quasi-identifier for the story all the same. Its literals
/// are few and rare, so the prefilter skips most posts at memchr speed.
static AGE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    compile_with(r"(?i)\b(?:[1-9]0-something|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-something|in (?:his|her|their) (?:early |mid-?|late )?(?:[1-9]0s|teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b", Prefilter::Keep, "age hint regex")
});
static FAMILY: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?:his|her|their|whose|with (?:his|her)|a young|the)\s+(?:(?:brand new|new|two|three|four|five|twin|baby|little|only|first|oldest|youngest|newborn|grown|adult|late|estranged|ex-?)\s*)?(?:wife|husband|daughter|son|kids|children|grandkids|grandchildren|granddaughter|grandson|baby|twins|mom|mum|mother|dad|father|sister|brother|family|partner|fianc[eé]e?|widow|widower|parents|great-grand\w*)\b|\b(?:two|three|four|five) kids\b|\bmom of\b|\bgrandmother of\b|\bwidowed\b|\bwidower\b|\byoung mom\b|\bparents\b|\bbig (?:brother|sister)\b|\bmom said\b|\b(?:their|her|his) surrogate\b|\bfather of (?:two|three|four|five|\d)\b|\bmother of (?:two|three|four|five|\d)\b|\b(?:his|her) (?:bishop|pastor)\b", "family regex")
});

/// How far (in bytes, about two sentences) a clue may be from a mention of
/// the person to count as being about them.
const NEAR_BYTES: usize = 300;

/// What kind of quasi-identifier a found identifier is. A record number,
/// phone number or email is already flagged as a direct identifier, and
/// it says nothing about the person that would let others recognise them:
/// it is not a part of a story. A name is (the dev set counts it; on the
/// labeled sets, counting other identifiers too only added false stories).
fn part_of(category: Category) -> Option<&'static str> {
    match category {
        Category::Age => Some("age"),
        Category::Date => Some("specific date"),
        Category::Location => Some("place"),
        Category::Name => Some("name"),
        // A patient's handle is their public name.
        Category::Handle => Some("handle"),
        _ => None,
    }
}

/// Does the text speak of a particular patient or an encounter (a
/// reference outside generic talk, or an encounter cue)?
pub fn names_a_patient(text: &str) -> bool {
    let generic: Vec<(usize, usize)> = GENERIC.find_iter(text).map(|g| (g.start(), g.end())).collect();
    let inside_generic = |s: usize, e: usize| generic.iter().any(|&(gs, ge)| gs <= s && e <= ge);
    // "Back in clinic Monday 14 October" and "my shift" are the clinician's own schedule.
    let own_schedule = |m: &str| matches!(m.to_ascii_lowercase().as_str(), "in clinic" | "my shift");
    REFERENCE.find_iter(text).any(|m| !inside_generic(m.start(), m.end()) && !text[m.end()..].starts_with('-'))
        || ENCOUNTER.find_iter(text).any(|m| !own_schedule(&text[m.start()..m.end()]))
}

/// `identifiers` are the identifier spans already kept for this post.
pub fn assess(doc: &Document<'_>, identifiers: &[Candidate]) -> Option<Candidate> {
    let text = doc.text;
    // Each pattern is searched once; references inside generic talk ("if a
    // patient asks") are dropped by binary search over the generic spans
    // (they do not overlap one another), not by a rescan: linear time.
    // "patient-safety", "patient-centred": a compound word, not a patient.
    let raw_refs: Vec<(usize, usize)> =
        REFERENCE.find_iter(text).map(|m| (m.start(), m.end())).filter(|&(_, e)| !text[e..].starts_with('-')).collect();
    let generic: Vec<(usize, usize)> =
        if raw_refs.is_empty() { Vec::new() } else { GENERIC.find_iter(text).map(|g| (g.start(), g.end())).collect() };
    let inside_generic = |s: usize, e: usize| {
        let i = generic.partition_point(|&(gs, _)| gs <= s);
        i > 0 && generic[i - 1].1 >= e
    };
    let references: Vec<(usize, usize)> = raw_refs.into_iter().filter(|&(s, e)| !inside_generic(s, e)).collect();
    let encounters: Vec<(usize, usize)> = ENCOUNTER.find_iter(text).map(|m| (m.start(), m.end())).collect();
    let persons: Vec<(usize, usize)> =
        if ENCOUNTER_CUE.is_match(text) { PERSON.find_iter(text).map(|m| (m.start(), m.end())).collect() } else { Vec::new() };
    // In a post about a patient (or a reply to one's own patient), a direct
    // identifier or an age is itself the reference.
    // A name the names recognizer kept is a patient's or a relative's (it
    // holds back colleagues, public figures and the writer's own family), so
    // it makes the post about a patient too: "the fishhook guy: Ron, 45, from Lake Havasu".
    let named = identifiers.iter().any(|c| c.category == Category::Name && c.score >= REPORT_THRESHOLD);
    let about_a_patient = doc.patient_context || named || doc.context.is_reply() && super::recognizers::names::reply_shows_own_patient(doc);
    let identified = identifiers.iter().find(|c| about_a_patient && c.category != Category::Date).map(|c| (c.start, c.end));
    // "45F w/ SLE", "8yo from Tupelo": clinical age shorthand is written only
    // about a patient, so it is a reference even where nothing else says so.
    let shorthand: Vec<(usize, usize)> = identifiers
        .iter()
        .filter(|c| c.category == Category::Age && c.score >= REPORT_THRESHOLD && is_age_shorthand(&text[c.start..c.end], &text[c.end..]))
        .map(|c| (c.start, c.end))
        .collect();
    let anchor = references.first().or(persons.first()).or(encounters.first()).or(shorthand.first()).copied().or(identified);
    let anchor = anchor?;

    // Clues count only near a mention of the person: in a long post, "last
    // March" three paragraphs away from "my patients" is not about them.
    let mut anchors: Vec<usize> = references.iter().chain(&persons).chain(&encounters).chain(&shorthand).map(|&(s, _)| s).collect();
    if about_a_patient {
        anchors.extend(identifiers.iter().filter(|c| c.category != Category::Date).map(|c| c.start));
    }
    anchors.push(anchor.0);
    anchors.sort_unstable();
    let near = |pos: usize| {
        let i = anchors.partition_point(|&a| a < pos);
        let after = anchors.get(i).is_some_and(|&a| a - pos <= NEAR_BYTES);
        let before = i > 0 && pos - anchors[i - 1] <= NEAR_BYTES;
        after || before
    };

    let mut parts: BTreeSet<&'static str> = BTreeSet::new();
    let mut examples: Vec<String> = Vec::new();
    let mut note = |kind: &'static str, span: &str, parts: &mut BTreeSet<&'static str>| {
        if parts.insert(kind) {
            examples.push(format!("{kind} ({})", span.trim()));
        }
    };
    for c in identifiers.iter().filter(|c| near(c.start)) {
        if let Some(kind) = part_of(c.category) {
            note(kind, &text[c.start..c.end], &mut parts);
        }
    }
    let patterns: [(&'static str, &Regex); 6] = [
        ("recent time", &TIME),
        ("place", &PLACE),
        ("occupation", &OCCUPATION),
        ("rare condition or event", &RARE),
        ("family detail", &FAMILY),
        ("age", &AGE_HINT),
    ];
    for (kind, re) in patterns {
        let found = re.find_iter(text).find(|m| {
            // The clinician's own details ("I'm a nurse", "my daughter") are not the patient's.
            // Only the few bytes before the match matter (no whole-prefix copy).
            let mut from = m.start().saturating_sub(10);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let before = &text[from..m.start()].to_ascii_lowercase();
            // "If you're a healthcare worker": the readers' own, not the patient's.
            let own = before.ends_with("i'm a ") || before.ends_with("i am a ") || before.ends_with("as a ") && !before.ends_with("was a ") && !before.ends_with("has a ") || before.ends_with("my ") || before.ends_with("you're a ") || before.ends_with("re an ");
            !own && near(m.start())
        });
        if let Some(m) = found {
            note(kind, &text[m.start()..m.end()], &mut parts);
        }
    }
    // A specific date and a recent time are one kind of clue.
    let distinct = parts.len() - usize::from(parts.contains("specific date") && parts.contains("recent time"));
    if distinct < 2 {
        return None;
    }
    // "Even without a name" is the point only when no name is among the parts.
    let tail = if parts.contains("name") { "" } else { ", even without a name" };
    let message = format!(
        "Identifiable patient story: a patient reference plus {} can identify them together{tail}",
        join_human(&examples)
    );
    let mut c = Candidate::new(anchor.0, anchor.1, Category::PatientStory, 0.8, message)
        .severity(Severity::Relative)
        .suggest("a patient");
    c.parts = parts.iter().map(|p| p.to_string()).collect();
    Some(c)
}

/// "45F", "62yoM", "8yo", "7 y/o", "84 F": an age span written the clinical
/// way (`rest` is the text after the span: "84" of "84F" is the digits only).
fn is_age_shorthand(span: &str, rest: &str) -> bool {
    let digits = span.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let suffix = span[digits..].trim_start().to_ascii_lowercase();
    let r = rest.strip_prefix(' ').unwrap_or(rest);
    let glued_sex = suffix.is_empty() && r.starts_with(['F', 'M']) && !r[1..].starts_with(|c: char| c.is_alphanumeric());
    glued_sex || matches!(suffix.as_str(), "yo" | "y/o" | "y.o." | "yof" | "yom" | "y/of" | "y/om" | "f" | "m")
}

fn join_human(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn story(text: &str) -> Option<Vec<String>> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        assess(&doc, &[]).map(|c| c.parts)
    }

    #[test]
    fn flags_identifiable_encounters() {
        let parts = story("my patient in room 4 at St. Mary's this morning was a retired teacher").unwrap();
        assert!(parts.contains(&"place".to_string()) && parts.contains(&"recent time".to_string()), "{parts:?}");
        assert!(story("A middle school teacher came in today with measles").is_some());
        assert!(story("Tonight I sat with a young mom whose baby stopped breathing at the county fair").is_some());
    }

    #[test]
    fn quiet_on_generic_talk() {
        assert!(story("I saw a lot of flu this week").is_none());
        assert!(story("me explaining to a patient that a few drinks means a number").is_none());
        assert!(story("Many patients with diabetes tell me today that insulin is scary").is_none());
        assert!(story("If a patient asks about statins, start with their risk").is_none());
        assert!(story("My daughter had her birthday today!").is_none());
        assert!(story("Patients with diabetes should check their feet daily. Today is World Diabetes Day.").is_none());
        assert!(story("I'm a nurse at a rural hospital and my daughter starts school today").is_none());
        assert!(story("A professional athlete came to mind when I read the new guideline").is_none());
        assert!(story("Ratios are a patient-safety issue. In 2019 our unit ran 1:7 on nights").is_none());
        assert!(story("Most patients in their 80s tolerate this well; ask about falls at every visit").is_none());
        assert!(story("My dad had his knee replaced last week. Being the doctor when your own parent is the patient is different").is_none());
    }

    #[test]
    fn written_stories_combine_their_clues() {
        let parts = story("Our 97-year-old resident celebrated her birthday this morning with her great-grandkids").unwrap();
        assert!(parts.contains(&"family detail".to_string()) && parts.contains(&"recent time".to_string()), "{parts:?}");
        assert!(story("A teenager came in last night after a rollover on the county road").is_some());
        assert!(story("pt is POD2 after a kidney transplant and her twins visited").is_some());
        assert!(story("our sweet girl from bed 12 went home today").is_some());
        // Encounters told without "patient": an arrival, an EMS call, a baby born.
        assert!(story("This afternoon a 30-something professional ballerina came to my pelvic floor clinic").is_some());
        assert!(story("Last shift we got called to a laundromat for an elderly woman who'd fallen").is_some());
        assert!(story("Tonight a long-haul trucker in our ED told me he feels fine").is_some());
        assert!(story("Christmas Eve on the labour ward: a first-time mum from the farm up the valley delivered her son").is_some());
        assert!(story("my favorite pt texted me this morning with a pic of her brand new great-grandbaby").is_some());
        assert!(story("pt comes into clinic today, retired beekeeper, says he swallowed his dentures").is_some());
        assert!(story("a retired rugby league player in our memory clinic on Wednesday told me about 1979").is_some());
        assert!(story("pt w/ fibrodysplasia ossificans progressiva in clinic today. ~1 in 2 million").is_some());
        assert!(story("ED, 4am: a man brings in his dog, and his wife is furious").is_some());
        assert!(story("Yesterday a grain elevator worker came in after getting engulfed in canola").is_some());
        assert!(story("Call last night: retired trucker, found by his neighbour on the kitchen floor").is_some());
        assert!(story("the man who came in today was a chef").is_some(), "'was a chef' is not 'as a chef'");
        assert!(story("Caught my first set of triplets last night at Queen Charlotte's, mum was a warrior").is_some());
        assert!(story("Took a tooth out today for a man who'd been a dentist himself for 40 years").is_some());
        assert!(story("A regular of ours, a retired headteacher, popped in today to say thanks").is_some());
        assert!(story("Last Thursday I worked with a professional cellist recovering from a rare nerve injury").is_some());
        assert!(story("my patient at Maple Grove told me today that she's outlived 3 husbands").is_some());
        assert!(story("my patient told me today that she's outlived 3 husbands").is_none(), "one part only");
    }

    #[test]
    fn record_numbers_are_not_story_parts_but_names_and_handles_are() {
        use crate::text::recognizer::Candidate;
        let ctx = PostContext::default();
        let text = "IT says the pt from yesterday logged in from IP 73.189.44.201";
        let doc = Document::new(text, &ctx);
        let ip = Candidate::new(48, 61, Category::Ip, 0.9, "ip");
        assert!(assess(&doc, &[ip]).is_none(), "an IP and a time are one clue");
        let text = "my patient @marisol.lifts deadlifted 200 lb, 18 months after her spinal fusion";
        let doc = Document::new(text, &ctx);
        let handle = Candidate::new(11, 25, Category::Handle, 0.9, "handle");
        assert!(assess(&doc, &[handle]).is_some(), "a handle and a recent time");
    }

    #[test]
    fn encounters_told_without_patient_words() {
        assert!(story("Worked a near-drowning at the community pool this afternoon. The kid's intubated in the PICU.").is_some());
        assert!(story("Tonight's call: woman in active labor at the Walmart on the bypass, baby delivered next to lane 3").is_some());
        assert!(story("Home visit today to a gentleman on a dairy farm who still milks 40 cows at 5am with an LVAD").is_some());
        assert!(story("guy walks into our office at 7am Monday holding his front tooth in a glass of milk. his wife told him to do that.").is_some());
        assert!(story("Client this afternoon is a middle school principal in the middle of a divorce").is_some());
        assert!(story("A retired Tuskegee-trained nurse was admitted to our floor Friday").is_some());
        // A weekday alone is one clue, not two.
        assert!(story("I worked a double on Friday, and Monday too").is_none());
    }

    #[test]
    fn more_encounters_and_people() {
        assert!(story("Last night on my med-surg floor a nun (in full habit) asked for a rosary. She's pre-op for a hip tomorrow.").is_some());
        assert!(story("Had a tradie at Royal Melbourne this arvo who'd shot a nail gun through his own hand").is_some());
        assert!(story("This week at a small rural hospital I diagnosed my first ever case of Q fever, in a shearer").is_some());
        // The writer back on a unit as a nurse is no encounter.
        assert!(story("At 34 I was diagnosed with breast cancer. Today I'm back on the oncology unit as a nurse.").is_none());
    }

    #[test]
    fn a_kept_name_makes_the_post_about_a_patient() {
        let found = |text: &str| crate::text::analyze(text, &PostContext::default()).iter().any(|f| f.category == Category::PatientStory);
        assert!(found("update on the fishhook-in-the-eyelid guy from Tuesday: Ron, 45, from Lake Havasu, is fine"));
        // Without a name kept, the same clues tell of nobody in particular.
        assert!(!found("update on the fishhook season: 45 lakes from Lake Havasu to Tahoe are open from Tuesday"));
        // A public figure's name is not kept, so no story.
        assert!(!found("Florence Nightingale, 34, arrived in Scutari in November 1854"));
    }

    #[test]
    fn age_shorthand_is_a_reference() {
        use crate::text::recognizer::Candidate;
        let text = "45F w/ SLE on hydroxychloroquine, eye exam due 3/22";
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let age = Candidate::new(0, 2, Category::Age, 0.9, "age");
        let date = Candidate::new(47, 51, Category::Date, 0.9, "date");
        assert!(assess(&doc, &[age, date]).is_some());
        assert!(is_age_shorthand("8yo", " from Tupelo"));
        assert!(is_age_shorthand("84", "F from Bakersfield"));
        assert!(!is_age_shorthand("84-year-old", " man"));
        assert!(!is_age_shorthand("45", " degrees"));
    }

    #[test]
    fn clues_far_from_the_person_do_not_count() {
        let filler = "Some thoughts on documentation habits and charting templates. ".repeat(8);
        let text = format!("I saw a patient with a rash. {filler} Anyway, tonight is my daughter's recital at the local school.");
        assert!(story(&text).is_none(), "the time and place are paragraphs away from the patient");
    }
}

#[cfg(test)]
mod cost {
    use super::*;

    /// Where the story check's time goes, per pattern (run with --ignored --nocapture).
    #[test]
    #[ignore]
    fn pattern_costs() {
        // SAFEPOST_COST_TEXT=FILE measures on that text instead (e.g. real posts).
        let text = match std::env::var("SAFEPOST_COST_TEXT") {
            Ok(path) => std::fs::read_to_string(path).expect("cost text file"),
            Err(_) => "@jen sounds like reflux, take omeprazole 20mg before bed. Most adults need 7-9 hours of sleep. pt Maria G, 84F from Bakersfield, came in this morning s/p fall. ".repeat(30),
        };
        let pats: Vec<(&str, &Regex)> = vec![
            ("REFERENCE", &REFERENCE), ("ENCOUNTER", &ENCOUNTER), ("PERSON", &PERSON), ("ENC_CUE", &ENCOUNTER_CUE), ("GENERIC", &GENERIC),
            ("TIME", &TIME), ("PLACE", &PLACE), ("OCCUPATION", &OCCUPATION), ("RARE", &RARE), ("FAMILY", &FAMILY),
        ];
        for (name, re) in pats {
            let _ = re.find_iter(&text).count();
            let t = std::time::Instant::now();
            for _ in 0..20 {
                std::hint::black_box(re.find_iter(&text).count());
            }
            println!("{name:<12} {:8.1} ns/byte", t.elapsed().as_nanos() as f64 / 20.0 / text.len() as f64);
        }
    }
}
