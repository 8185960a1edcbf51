//! Personal medical advice: a post-level finding when the text directs one
//! specific person's care (a diagnosis, a drug, a dose, starting, stopping
//! or changing a medicine, whether to go to the emergency department).
//!
//! The rule has three parts, all required (it is the rule from the shared
//! research notes, which never fired on population-level advice):
//!
//! 1. **A specific person** is addressed: the draft is a reply (the
//!    `reply_to` text is that person's own situation), or it names its
//!    addressee (`@handle`, "Hi Deb,", "my patient Jenna").
//! 2. **A directive or diagnosis** in a sentence: an imperative opener
//!    ("take", "stop", "skip the ER"), a modal ("you should", "you need",
//!    "she needs"), a first-person recommendation ("I'd reduce"), a
//!    diagnosis ("that's GERD", "sounds like croup"), or a permission
//!    ("ibuprofen is fine with your lisinopril", "you're fine to").
//! 3. **Medical content** in the same clause: a drug, a dose or frequency,
//!    a test, procedure or device, a condition, or a place of care (ER,
//!    911, L&D). In a reply, "it"/"that" count when the question named a drug.
//!
//! Education cues veto a sentence ("in general", "most adults", "anyone
//! with", "if you have", "ask your own doctor"), and a refusal ("I can't
//! advise on...") lowers the post's score: general education in the second
//! person is not advice. Each sentence gets a score; the finding spans the
//! sentences at or above the threshold and names the kinds of direction.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use super::cue_regex::{compile_cue as compile, Regex};



use super::document::Document;
use super::lexicon;
use super::recognizer::{Candidate, REPORT_THRESHOLD};
use crate::finding::{Category, Severity};

/// Drug names, classes and home remedies, plus generic-name suffixes
/// (-pril, -statin, -prazole...) so unlisted drugs of common classes count.
const DRUG: &str = r"(?:\w+(?:pril|sartan|olol|statin|prazole|tidine|mycin|cillin|cycline|floxacin|conazole|dipine|azepam|azolam|triptan|gliptin|gliflozin|glutide|cyclovir|ciclovir|amivir|oxetine|pramine|afil|lukast|nisone|olone|asone|ozide|profen|etamol|aminophen|codone|morphine)|metformin|insulin|lantus|ozempic|wegovy|mounjaro|sertraline|zoloft|lexapro|escitalopram|citalopram|prozac|wellbutrin|bupropion|lithium|adderall|ritalin|tylenol|motrin|advil|aleve|aspirin|naproxen|benadryl|diphenhydramine|zyrtec|claritin|allegra|melatonin|dayquil|nyquil|omeprazole|famotidine|tums|flomax|tamsulosin|warfarin|eliquis|xarelto|apixaban|rivaroxaban|heparin|plavix|clopidogrel|metoprolol|lisinopril|amlodipine|furosemide|lasix|spironolactone|hydrochlorothiazide|levothyroxine|synthroid|prednisone|dexamethasone|hydrocortisone|cortisone|amoxicillin|augmentin|azithromycin|zpack|z-pack|doxycycline|cephalexin|keflex|cipro|ciprofloxacin|nitrofurantoin|macrobid|bactrim|fluconazole|diflucan|valacyclovir|acyclovir|tamiflu|paxlovid|gabapentin|hydroxyzine|trazodone|xanax|ativan|klonopin|valium|epipen|epinephrine|albuterol|inhaler|nasal spray|zofran|ondansetron|miralax|colace|imodium|pepto|plan b|the pill|birth control|condoms?|turmeric|vitamin \w|iron|magnesium|potassium|probiotics?|supplements?|electrolytes?|antibiotics?|antihistamines?|antivirals?|steroids?|blood thinners?|beta blockers?|water pills?|statins?|ssris?|painkillers?|pain relievers?|vaccines?|flu shot|meds|medications?|medicines?|pills?|tablets?|doses?|dosage|cream|ointment|eye ?drops|ear ?drops)";

/// A dose or frequency: "20 mg", "2.5 mL", "twice a day", "every 4-6 hours".
const DOSE: &str = r"(?:\d+(?:\.\d+)?\s?(?:mg|mcg|µg|g|ml|units?|iu|puffs?|tabs?|caps?|oz|tsp|tbsp|teaspoons?|tablespoons?|drops)\b|(?:once|twice|three times|four times|\d+x|\d+ times) (?:a|per|daily|each) ?(?:day|night|week)?|\b(?:once|twice) daily|every \d+(?:\s?[-–]\s?\d+)? (?:hours|hrs|h)\b|\bbid\b|\btid\b|\bqid\b|\bprn\b|as needed|x \d+ (?:days?|wks?|weeks?))";

/// Tests, procedures and devices a person may be told to get or do.
const TEST: &str = r"(?:inr|mri|ct|cat scan|x-?ray|ultrasound|ecg|ekg|echo|blood ?work|blood test|labs|urine test|culture|biopsy|a1c|creatinine|stress test|colonoscopy|mammogram|pap|epley|cpap|bipap|taper|induction|stitches|steri-?strips?|referral|monitoring|physio|physical therapy|cbt|therapy|surgery|root canal|extraction|cast|splint|sling|brace|heating pad|ice pack|(?:walking |moon )?boot|crutches|compression (?:stockings|socks)|nebuli[sz]er|humidifier|saline (?:rinses?|sprays?|drops)|neti pot)";

/// Conditions a reply might diagnose, plus disease suffixes (-itis, -osis...).
const CONDITION: &str = r"(?:\w+(?:itis|osis|emia|aemia|algia|pathy|oma|iasis)|[\w'-]+ (?:disease|syndrome|infection|virus|deficiency|intolerance|cheek)|reflux|gerd|heartburn|croup|mastitis|blocked duct|adhd|kidney stones?|yeast infection|thrush|uti|bladder infection|panic attacks?|anxiety|depression|shingles|bppv|vertigo|hypertension|high blood pressure|abscess|keratosis|patellofemoral|runner's knee|sciatica|migraines?|concussion|sprain|fracture|stroke|heart attack|dka|pre-?eclampsia|anaphylaxis|allergy|allergic reaction|eczema|psoriasis|rosacea|hives|gout|strep|flu|covid|pneumonia|asthma|sinus infection|ear infection|pink eye|dehydrat\w*|hypothyroid\w*|hyperthyroid\w*|diabetes|prediabetes|gestational diabetes|ibs|hemorrhoids|gallstones|kawasaki|impetigo|scabies|ringworm|cold sore|herpes|chlamydia|gonorrhea|bacterial vaginosis|pcos|endometriosis|sleep apnea|insomnia|angina|afib|a clot|dvt|blood clot|ptsd|ocd|withdrawal|hypoglycemia|low blood sugar|torn meniscus|rotator cuff|carpal tunnel|frozen shoulder|colic|teething|rsv|a virus|viral|bacterial|infection|a cold|harmless|benign|photosensitivity|sunburn)";

/// Places of care and emergency numbers: "whether to go to the ER".
const CARE: &str = r"(?:(?:maternity |labou?r )?triage(?: unit)?|(?:get|have) (?:your|her|his|their) (?:[\w-]+ ){0,3}?checked|911|999|112|a&e|emergency (?:room|department)|urgent care|l&d|labou?r and delivery|the hospital|an ambulance|poison control|poisons? (?:centre|center|line|information)|(?:nhs )?111|triage line|nurse line|(?:be|get) seen|see (?:someone|somebody)|(?:get|have) (?:her|him|them|it|that|this) (?:seen|checked out|looked at|assessed)|(?:take|bring) (?:her|him|them|your [\w-]+) (?:back )?in|(?:go|head) (?:in )?(?:tonight|right now|straight away|immediately)|take-(?:her|him|them)-to-the-(?:er|ed|hospital))";

fn any_medical() -> String {
    format!(r"\b(?:{DRUG}|{TEST}|{CONDITION}|{CARE})\b|{DOSE}")
}

/// Medical content of any kind (whole words).
static MEDICAL: LazyLock<Regex> = LazyLock::new(|| compile(&any_medical(), "medical regex"));
static DRUG_RE: LazyLock<Regex> = LazyLock::new(|| compile(&format!(r"\b{DRUG}\b"), "drug regex"));
static DOSE_RE: LazyLock<Regex> = LazyLock::new(|| compile(DOSE, "dose regex"));
static CARE_RE: LazyLock<Regex> = LazyLock::new(|| compile(&format!(r"\b{CARE}\b"), "care regex"));
/// "the ER", "ED": bare words, checked apart because "ED-informed" or
/// "er," as a filler must not count (see [`mentions_er`]).
static ER_RE: LazyLock<Regex> = LazyLock::new(|| compile(r"\b(?:er|ed)\b", "er regex"));
/// A frequency, which with a drug makes a regimen ("ibuprofen 600 mg three
/// times a day"), a direction even without a verb.
static FREQUENCY: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:(?:once|twice|three times|four times|\d+x|\d+ times) (?:a|per|each) (?:day|night|week)|(?:once|twice) daily|every \d+(?:\s?[-–]\s?\d+)? (?:hours|hrs|h)|bid|tid|qid|prn|as needed|at bedtime|before bed)\b", "frequency regex")
});
/// The question says the person takes something: "I take 2 ambien", "I'm on eliquis".
static TAKES: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:i|can i|should i|do i|i've been|i have been|been)\s+(?:take|taking|took|started|stopped|on)\s+(?:\d+\s+|my\s+|the\s+|a\s+)?[a-z]{4,}|\b(?:i'm|i’m|im|i am)\s+on\s+[a-z]{4,}", "takes regex")
});
/// "it", "that", "them": the drug the question named, in a reply.
static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| compile(r"\b(?:it|that|them|this one|those)\b", "anaphor regex"));

/// An imperative at the start of a clause ("take", "stop", "skip", "go up
/// to"), after optional fillers ("please", "just", "yes", "nah").
static IMPERATIVE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"^\W*(?:@[\w.]+\W+)?(?:(?:please|pls|just|so|then|and|also|definitely|honestly|meanwhile|ok|okay|yes|yeah|yep|no|nah|first|now|instead|go ahead and|for now|maybe|perhaps|probably|bestie|hun|hon|babe|mate|love|friend)\W+)*(?:take|stop|start|skip|hold|give|increase|decrease|reduce|lower|raise|cut|double|halve|switch|bump|drop|try|use|keep|continue|alternate|grab|get|ask (?:\w+ ){0,3}for|push for|go|call|put|apply|remind (?:her|him|them|your \w+) to|have (?:her|him|them|your [\w-]+)|ring|phone|book|head (?:to|in|down to)|make sure (?:she|he|they|you)|drink|avoid|do|restart|change|add|split|quit|ditch|come off|wean|up|draw)\b|^\W*(?:(?:nope|no|nah)\W+)?(?:no|avoid|never) [\w ]{1,24}? (?:with|on|while|until)\b|^\W*(?:(?:yes|yeah|so|and|but|please|pls|bestie|honestly)\W+)*(?:don't|don’t|do not|dont) (?:stop|take|start|skip|double|mix|drink|give|use|change|wait|drive|try|restart|up|increase|decrease)\b|^\W*consider (?:stopping|starting|switching|reducing|increasing|taking|dropping|holding)\b|^\W*ask (?:your|the|her|his) (?:[\w-]+ ){0,2}?to (?:check|run|test|order|start|stop|switch|change|reduce|increase|adjust)\b", "imperative regex")
});
/// A modal directive to, or about, the person: "you should", "you need",
/// "she needs", "you can stop", "you don't need".
static MODAL: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:you(?:'ll|’ll| will)?|he|she|baby|your \w+)\s+(?:really\s+|definitely\s+|probably\s+|just\s+|still\s+|also\s+|actually\s+|absolutely\s+)?(?:should(?:n't|n’t)?|need(?:s)?|must|have to|has to|can|could|don't need|don’t need|do not need|ought to|want to|may not need|might not need|probably don't need|probably don’t need)\b|\bneeds\b", "modal regex")
});
/// The writer's own recommendation: "I'd reduce", "I would wait", "I recommend".
static FIRST_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(r"\bi(?:'d|’d| would)?\s+(?:really\s+|probably\s+|definitely\s+|just\s+)?(?:recommend|suggest|reduce|increase|stop|start|take|wait|go|switch|lower|skip|hold|try|give|cut|get|bump|push|double|halve|split|up)\b|\bi(?:'d|’d| would)\s+(?:really\s+|probably\s+|definitely\s+|just\s+)?(?:avoid|steer clear|stay off|stay away|keep|leave|book|see|restart|drop|not (?:take|start|use|give|mix|combine)|want (?:her|him|you|them) (?:on|off))\b|\b(?:it's|it’s|it is|that's|that’s)\s+(?:probably\s+|definitely\s+|really\s+)?worth (?:skipping|stopping|trying|taking|holding|dropping|reducing|increasing|starting|asking)\b|^\W*in your shoes\b|{OWN_RECOMMENDATION_PATTERN}"), "first-person regex")
});
/// A diagnosis put to the person: "that's GERD", "sounds like croup",
/// "those are shingles", "you're dehydrated".
static DIAGNOSIS: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:that(?:'s|’s| is)|thats|it(?:'s|’s| is)|this is|those are|these are|sounds?|sound like|looks?|look like|seems? like|you(?:'re|’re| are)|you(?:'ve|’ve| have)? got|sounds like you have)\s+(?:like\s+)?(?:[\w'’-]+\s+){{0,3}}?{CONDITION}\b|\b(?:is|are)\s+(?:probably\s+|likely\s+|classic\s+)?{CONDITION}\s+until proven otherwise\b"
    ), "diagnosis regex")
});
/// A change put as the plain next step: "going up to 100 mg is a very
/// standard next step", "stopping it would be reasonable".
static NEXT_STEP: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:going|moving|bumping|increasing|dropping|cutting|tapering|switching|stopping|starting|restarting|holding|skipping|adding|doubling|halving)\b[^.!?]{0,40}?\b(?:is|would be|'d be|’d be)\s+(?:a |the |very |totally |perfectly |completely |pretty |quite |really )*(?:standard|reasonable|sensible|right|best|usual|normal|next|logical|typical) ?(?:next )?(?:step|move|option|call|plan|thing)?\b", "next-step regex")
});
/// Permission or reassurance about a drug or about seeking care.
static PERMISSION: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:is|are|it's|it’s|that's|that’s)\s+(?:totally\s+|perfectly\s+|completely\s+)?(?:fine|safe|ok|okay)\b|\byou(?:'re|’re| are)\s+(?:fine|ok|okay|safe|good)\s+to\b|\bno need to (?:get|see|go|worry|take|stop)\b|\byou (?:don't|don’t|do not) need to (?:see|go|get|take|worry)\b", "permission regex")
});

/// Deciding for the person whether to seek care: "no need to see anyone",
/// "you don't need to go in". A care decision is medical content itself.
static CARE_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:no need to (?:see|go|get (?:it|that|this|her|him|them) (?:checked|looked at|seen))|(?:you|she|he|they) (?:don't|don’t|do not|doesn't|doesn’t) need to (?:see|go|get (?:it|that|this) checked))\b", "care decision regex")
});
/// Hedges that make a whole sentence general, not personal: a hypothetical
/// ("If you have chest pain, call 911"), general framing ("in general"),
/// a refusal or a "don't change it based on a video" deferral.
static SENTENCE_VETO: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"^\W*(?:if|when|whenever|unless)\b|\b(?:in general|generally|general (?:info|information|rules?|points?|context|advice)|as a rule|for anyone|for everyone|based on an? (?:[\w-]+ )?(?:video|post|comment|tiktok|reel)|without (?:talking|checking|asking|speaking)|i (?:can't|can’t|cannot|won't|won’t|wouldn't|wouldn’t|don't|don’t)|i'd never|i’d never|not (?:going|gonna) to|not gonna|not (?:medical )?advice)\b", "sentence veto regex")
});
/// A condition that ends in a plan for this one person: "if he can't
/// manage 4 steps he needs an x-ray, so take him to urgent care tonight".
/// The opening "if" does not make such a sentence general.
static PLAN_FOR_THEM: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"^\W*if\b[^.!?]*,\s*(?:so|then)\s+(?:please\s+)?(?:take|bring|get|give|call|stop|start) (?:him|her|them)\b", "plan-for-them regex")
});
/// The writer's own recommendation said as a hypothetical or a refusal (see
/// [`OWN_RECOMMENDATION`]); also one of the first-person directives.
const OWN_RECOMMENDATION_PATTERN: &str = r"^\W*(?:\w+\W+)?(?:if it were me|if i were you)\b|\bi (?:wouldn't|wouldn’t|would not|would never|'d never|’d never) (?:\w+ ){0,2}?(?:stop|take|start|mix|combine|skip|use|give|double|halve)\b";
/// "If it were me I'd ride it out", "I wouldn't stop it cold turkey": the
/// writer's own recommendation, which the "if"/"I wouldn't" vetoes must
/// not read as a hypothetical or a refusal.
static OWN_RECOMMENDATION: LazyLock<Regex> = LazyLock::new(|| {
    compile(OWN_RECOMMENDATION_PATTERN, "own recommendation regex")
});
/// Education and deferral inside a clause: addressed to everyone ("most
/// people", "anyone with"), describing the usual ("typically"), or sending
/// the person to their own clinician ("ask your doctor", not "ask your
/// doctor for amlodipine").
static CLAUSE_VETO: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:most (?:adults|people|patients|kids|children|women|men|folks)|many people|(?:anyone|anybody) (?:with|who|on|taking|having|else|can|should|needs?)|everyone|everybody|any (?:child|adult|kid|person|one|baby|infant|newborn|toddler|teen|teenager)|(?:people|patients|kids|children|adults|babies|women|men) (?:with|who|on)|if (?:you|anyone|someone) (?:ever|have|has|are|'re|’re|get|gets|notice|feel|feels|think|start|develop|need|needs)|guidelines|typically|usually|often|(?:talk|speak) to your|(?:ask|check with|see|call|message|ring|tell) your (?:own )?(?:doctor|doc|gp|ob|midwife|pharmacist|prescriber|clinician|provider|pediatrician|paediatrician|oncologist|psychiatrist|dentist|care team|team|specialist|nephrologist|cardiologist|rheumatologist)\b(?:'s|’s)?(?:\s+(?:office|line|surgery|clinic))?(?:\s*$|\s+(?:about|today|soon|first|tomorrow|now|if|before|when))|your own (?:doctor|gp|clinician|prescriber|pharmacist|provider|care team)|your (?:doctor|doc|gp|pharmacist|prescriber|midwife|nurse|clinician|provider|care team) (?:can|could|will|would)|only your|is one of the|on your own|by yourself)\b", "clause veto regex")
});
/// A refusal or disclaimer anywhere in the post lowers its score (but strong
/// direction elsewhere in the post still counts: "not your doctor, but take...").
static REFUSAL: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:i(?: can't| can’t| cannot| won't| won’t| am not able to|'m not able to|’m not able to| don't| don’t) (?:advise|diagnose|give|tell|comment|answer|assess|say|interpret|guess|weigh)|not (?:your|a) doctor|not medical advice|not (?:going|gonna) (?:to )?(?:weigh|guess|diagnose))\b", "refusal regex")
});

/// The post names its addressee: "@sam", "Hi Deb,", "my patient Jenna",
/// "you know who you are". (Case-sensitive parts look for a capitalised name.)
static ADDRESSEE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?:^|\s)@[A-Za-z0-9_.]{2,}|(?i:\b(?:hi|hey|hello|dear|thanks|thank you)\b)[ ,]+[A-Z][a-z]+\b|\b(?:my|our) (?:patient|client)\s+[A-Z][a-z]+|(?i:you know who you are)|(?i:\breminder to\b)\s+[A-Z@]", "addressee regex")
});

/// Score of a sentence carrying a directive with medical content.
const DIRECTIVE_SCORE: f32 = 0.7;
/// Score of a permission or reassurance ("X is fine with your Y").
const PERMISSION_SCORE: f32 = 0.6;
/// Extra when the sentence names a dose or frequency.
const DOSE_BONUS: f32 = 0.1;
/// Taken off when the post disclaims advice somewhere: enough to sink a
/// plain directive (0.7), not a dosed one (0.8).
const REFUSAL_PENALTY: f32 = 0.25;

#[derive(Debug)]
struct SentenceVerdict {
    start: usize,
    end: usize,
    score: f32,
    kinds: BTreeSet<&'static str>,
}

/// Assess the whole post; at most one finding.
pub fn assess(doc: &Document<'_>) -> Option<Candidate> {
    let text = doc.text;
    let reply_to = doc.context.reply_to.as_deref().unwrap_or("");
    let specific_person = doc.context.is_reply() || ADDRESSEE.is_match(text);
    if !specific_person {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let reply_lower = reply_to.to_ascii_lowercase();
    let reply_names_drug = DRUG_RE.is_match(&reply_lower)
        || reply_to.split(|c: char| !c.is_alphanumeric()).any(|w| w.len() > 3 && lexicon::is_listed_drug(&w.to_ascii_lowercase()))
        // "I take 2 ambien every night", "can I take the Coartem I have at home?":
        // whatever the person takes is a medicine, listed or not.
        || TAKES.is_match(&reply_lower);
    // Drugs the short list above misses ("pseudoephedrine", "fluticasone"):
    // whole words from the embedded drug lexicon.
    let lexicon_drugs: Vec<usize> = doc.words.iter().filter(|w| w.bare().len() > 3 && lexicon::is_listed_drug(w.bare())).map(|w| w.start).collect();
    // Each cue list is searched once over the whole post; sentences and
    // clauses then look their hits up by position (one pass, not one per clause).
    let hits = Hits {
        medical: starts(MEDICAL.find_iter(&lower).map(|m| m.start()).chain(er_mentions(&lower)).chain(lexicon_drugs.iter().copied()).chain(
            reply_names_drug.then(|| ANAPHOR.find_iter(&lower).map(|m| m.start())).into_iter().flatten(),
        )),
        care_decision: starts(CARE_DECISION.find_iter(&lower).map(|m| m.start())),
        dose: starts(DOSE_RE.find_iter(&lower).map(|m| m.start())),
        lexicon_drugs,
    };
    if hits.medical.is_empty() && hits.care_decision.is_empty() {
        return None; // nothing medical anywhere: no sentence can direct care
    }
    let mut verdicts: Vec<SentenceVerdict> = sentences(&lower)
        .filter_map(|(s, e)| judge_sentence(&lower, s, e, &hits).map(|(score, kinds)| (s, e, score, kinds)))
        .map(|(start, end, score, kinds)| SentenceVerdict { start, end, score, kinds })
        .collect();
    // A disclaimer anywhere lowers every sentence (looked for only when needed).
    if !verdicts.is_empty() && REFUSAL.is_match(&lower) {
        verdicts.iter_mut().for_each(|v| v.score -= REFUSAL_PENALTY);
    }
    verdicts.retain(|v| v.score >= REPORT_THRESHOLD);
    let first = verdicts.first()?;
    let last = verdicts.last()?;
    let score = verdicts.iter().map(|v| v.score).fold(0.0f32, f32::max).min(1.0);
    let kinds: BTreeSet<&'static str> = verdicts.iter().flat_map(|v| v.kinds.iter().copied()).collect();
    let kinds: Vec<&'static str> = kinds.into_iter().collect();
    let message = format!(
        "Personal medical advice: this directs one person's own care ({}). Individual advice online, without history or exam, can harm them and may create a clinician-patient relationship",
        kinds.join(", ")
    );
    let mut c = Candidate::new(first.start, last.end, Category::PersonalAdvice, score, message)
        .severity(Severity::Relative)
        .suggest("I can't advise on your situation here; please ask your own clinician, who knows your history.");
    c.parts = kinds.iter().map(|k| k.to_string()).collect();
    Some(c)
}

/// Where each post-wide cue list matched (sorted match starts).
struct Hits {
    /// Medical content, ER mentions and (in a reply naming a drug) "it"/"that".
    medical: Vec<usize>,
    care_decision: Vec<usize>,
    dose: Vec<usize>,
    /// Words of the drug lexicon (sorted: words come in order).
    lexicon_drugs: Vec<usize>,
}

fn starts(it: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut v: Vec<usize> = it.collect();
    v.sort_unstable();
    v
}

/// Does a hit start inside `start..end`?
fn any_in(hits: &[usize], start: usize, end: usize) -> bool {
    let i = hits.partition_point(|&h| h < start);
    hits.get(i).is_some_and(|&h| h < end)
}

/// Score the (lowercased) sentence `lower[start..end]`; `None` when it
/// directs nothing. Cheap checks first: a clause without medical content or
/// a care decision is skipped before any directive pattern runs.
fn judge_sentence(lower: &str, start: usize, end: usize, hits: &Hits) -> Option<(f32, BTreeSet<&'static str>)> {
    if !any_in(&hits.medical, start, end) && !any_in(&hits.care_decision, start, end) {
        return None;
    }
    let s = &lower[start..end];
    if s.trim_end().ends_with('?') || SENTENCE_VETO.is_match(s) && !PLAN_FOR_THEM.is_match(s) && !OWN_RECOMMENDATION.is_match(s) {
        return None;
    }
    let mut kinds = BTreeSet::new();
    let mut score: f32 = 0.0;
    // "go get a CK and kidney labs at an ER today", "ask if you can start the
    // glycopyrrolate or atropine drops": the objects after "and"/"or" belong
    // to the directive before it.
    let mut imperative_before = false;
    for (offset, clause) in clauses(s) {
        let (cs, ce) = (start + offset, start + offset + clause.len());
        // (Not a new clause with its own subject: "call the office and we'll go over your labs".)
        let first_word = clause.split_whitespace().next().unwrap_or("");
        let own_subject = matches!(
            first_word.split(['\'', '’']).next().unwrap_or(""),
            "i" | "we" | "you" | "he" | "she" | "they" | "it" | "that" | "this" | "there" | "your" | "my" | "our" | "the"
        );
        let carried = imperative_before && !own_subject && (s[..offset].ends_with(" and ") || s[..offset].ends_with(" or "));
        imperative_before = carried || IMPERATIVE.is_match(clause) || MODAL.is_match(clause);
        let medical = any_in(&hits.medical, cs, ce);
        let care_decision = any_in(&hits.care_decision, cs, ce);
        if !medical && !care_decision {
            continue;
        }
        let mut found: Vec<(&'static str, f32)> = Vec::new();
        if care_decision {
            found.push(("where to seek care", PERMISSION_SCORE));
        }
        if medical {
            if DIAGNOSIS.is_match(clause) {
                found.push(("diagnosis", DIRECTIVE_SCORE));
            }
            if carried || IMPERATIVE.is_match(clause) || MODAL.is_match(clause) || FIRST_PERSON.is_match(clause) || NEXT_STEP.is_match(clause) {
                found.push((kind_of_direction(clause, any_in(&hits.lexicon_drugs, cs, ce)), DIRECTIVE_SCORE));
            } else if (any_in(&hits.lexicon_drugs, cs, ce) || DRUG_RE.is_match(clause)) && FREQUENCY.is_match(clause) {
                found.push(("medicine", DIRECTIVE_SCORE));
            } else if PERMISSION.is_match(clause) {
                found.push(("permission or reassurance", PERMISSION_SCORE));
            }
        }
        if found.is_empty() || CLAUSE_VETO.is_match(clause) {
            continue;
        }
        for (kind, sc) in found {
            kinds.insert(kind);
            score = score.max(sc);
        }
    }
    if score == 0.0 {
        return None;
    }
    if any_in(&hits.dose, start, end) {
        kinds.insert("dose");
        score += DOSE_BONUS;
    }
    Some((score, kinds))
}

/// What a directive clause is about, for the message.
fn kind_of_direction(clause: &str, names_lexicon_drug: bool) -> &'static str {
    if CARE_RE.is_match(clause) || mentions_er(clause) {
        "where to seek care"
    } else if names_lexicon_drug || DRUG_RE.is_match(clause) || DOSE_RE.is_match(clause) {
        "medicine"
    } else {
        "treatment or test"
    }
}

/// "the ER" / "ED" as a place of care, not "ED-informed" or "ER/ED staff".
fn mentions_er(clause: &str) -> bool {
    er_mentions(clause).next().is_some()
}

/// Starts of every "ER"/"ED" that is a place of care.
fn er_mentions(text: &str) -> impl Iterator<Item = usize> + '_ {
    ER_RE.find_iter(text).filter(|m| !text[m.end()..].starts_with(['-', '/'])).map(|m| m.start())
}

/// Sentence byte ranges: split after `.`, `!`, `?` followed by whitespace,
/// at line breaks, and after an emoji (casual posts use them as full stops:
/// "you'll be fine 💊 just skip tomorrow's dose"). Decimal points ("2.5 mL")
/// do not split.
fn sentences(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            let (boundary, width) = if b < 0x80 {
                (b == b'\n' || (matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                (super::recognizers::tokens::is_emoji_like(c), c.len_utf8())
            };
            i += width;
            if boundary {
                let (s, e) = (start, i);
                start = i;
                if let Some(r) = trim_range(text, s, e) {
                    return Some(r);
                }
            }
        }
        if start < bytes.len() {
            let s = start;
            start = bytes.len();
            return trim_range(text, s, bytes.len());
        }
        None
    })
}

/// Trim whitespace off a byte range; `None` when nothing is left.
fn trim_range(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    (s + lead < e - trail).then(|| (s + lead, e - trail))
}

static CLAUSE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| compile(r"[,;:()=→]|\s(?:and|but|then|or|so|while)\s|\s[-–—]\s", "clause regex"));

/// Clauses of a sentence with their byte offsets in it: split at commas,
/// semicolons and conjunctions, so "call the office, we'll go over your
/// labs" keeps the verb apart from "labs".
fn clauses(s: &str) -> impl Iterator<Item = (usize, &str)> {
    CLAUSE_BREAK
        .split(s)
        .map(move |span| (span.start, &s[span.start..span.end]))
        .filter(|(_, c)| !c.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn reply(to: &str, text: &str) -> Option<Candidate> {
        let ctx = PostContext { kind: Some("reply".into()), reply_to: Some(to.into()), platform: None };
        assess(&Document::new(text, &ctx))
    }

    fn post(text: &str) -> Option<Candidate> {
        let ctx = PostContext::default();
        assess(&Document::new(text, &ctx))
    }

    #[test]
    fn replies_that_direct_without_a_listed_drug() {
        assert!(reply("is it bad that I take 2 ambien every night? 1 doesn't work anymore", "yes bestie please stop doubling it 🥲 go back to 1").is_some());
        assert!(reply("Can I take the Coartem I have at home?", "Yes you can take it, but do the test first if you can").is_some());
        assert!(reply("is a 3-day headache after a fall normal? I'm on eliquis", "not normal on a blood thinner. head injury + Eliquis + headache for 3 days = go to the ER today for a CT").is_some());
        assert!(reply("been on sertraline 50 for 2 months, feel great now. Can I just stop?", "Please don't stop it cold turkey.").is_some());
        assert!(reply("My dad gets chest tightness on the stairs. What should we do?", "That pattern (tightness when he exerts himself that goes away with rest) is angina until proven otherwise.").is_some());
        assert!(reply("should I still be taking my statin? My LDL is 2.9", "With an LDL of 2.9 and no other risk factors you may not need it at all.").is_some());
        assert!(reply("Started on doxycycline last week and my skin is burning after the beach", "That's photosensitivity from the doxy!").is_some());
        // Still general: a question about everyone, answered for everyone.
        assert!(reply("do statins cause muscle pain?", "Most people on statins never get muscle pain; it's usually mild when it happens.").is_none());
    }

    #[test]
    fn go_tonight_is_where_to_seek_care() {
        assert!(reply("my 2yo is floppy and won't drink, can it wait till morning?", "Please don't wait until morning. Floppy and refusing fluids is a take-her-to-the-ER-now situation. Go tonight.").is_some());
        assert!(post("Go tonight to the Christmas lights on Main St, they're lovely").is_none());
    }

    #[test]
    fn objects_after_and_or_belong_to_the_directive() {
        assert!(reply("pee is brown like coke after leg day yesterday", "that's not normal soreness. go get a CK and kidney labs at an ER today").is_some());
        assert!(reply("dad on hospice has a rattle", "call your hospice line tonight and ask if you can start the glycopyrrolate or atropine drops").is_some());
        assert!(reply("dentist said I need a root canal but the pain went away", "You still need the root canal (or an extraction).").is_some());
        // A new clause with its own subject is not the imperative's object.
        assert!(reply("my results are in the portal", "Dana, call the office instead and we'll go over Tuesday's labs with you.").is_none());
    }

    #[test]
    fn flags_direction_of_one_persons_care() {
        assert!(reply("accidentally took my levothyroxine twice this morning, am I going to die", "lol no, you'll be fine 💊 just skip tomorrow's dose and go back to normal the day after").is_some());
        assert!(reply("my mum is home after heart failure", "Remind her to keep taking her furosemide every morning and to weigh herself daily.").is_some());
        let q = "my knee has been swelling for a week, what should I do?";
        assert!(reply(q, "sounds like bursitis. take naproxen 500 mg twice a day").is_some());
        assert!(reply("can I keep taking my lisinopril with this cold?", "yes, keep taking it, it's fine").is_some());
        assert!(reply("blood in my stool since yesterday and dizzy", "you need to go to the ER tonight").is_some());
        assert!(reply("should I stop my statin? legs ache", "Stop the atorvastatin for two weeks and see if the aches go.").is_some());
        assert!(reply("rash on my arm after a hike", "That's poison ivy dermatitis. Hydrocortisone cream twice daily.").is_some());
        assert!(reply("my son is 3 and has a fever", "Give him 7.5 mL of children's ibuprofen now").is_some());
        assert!(reply("knee still sore after the shot", "Hi Ann! ibuprofen 400 mg three times a day with food for a week.").is_some());
        assert!(reply("my head is pounding at 35 weeks", "that headache needs L&D tonight").is_some());
        assert!(post("@markus_t drop the prednisone to 10 mg from tomorrow like we said").is_some());
        // Soft directions: a drug only the lexicon knows, a causative, a care step, a device, a next step.
        assert!(reply("is it ok to take my Adderall with the pseudoephedrine I bought?", "I'd skip the pseudoephedrine while you're on Adderall.").is_some());
        assert!(reply("my mum's kidneys are weak and she takes ibuprofen for her hip", "Please have her stop the ibuprofen until she's spoken to her doctor.").is_some());
        assert!(reply("my toddler has had a fever for 5 days and red eyes", "please take your little one to be seen today").is_some());
        assert!(post("@maddie.runs keep the boot on 2 more weeks before you run again").is_some());
        assert!(post("Hi Lorraine, at 8 weeks with only a partial response, going up to 100 mg is a very standard next step").is_some());
        assert!(reply("my daughter has bright red cheeks and a lacy rash", "That looks like classic slapped cheek to me!").is_some());
        assert!(reply("mum is 84 and on 10 mg of zopiclone", "At her age I'd want her on 5 mg at the most.").is_some());
        assert!(reply("dad's ankles swelled since his new BP pill", "common amlodipine side effect tbh, maybe have him hold off on it until his GP sees him").is_some());
        assert!(reply("started sertraline 2 weeks ago and feel jittery, should I stop?", "Hun I wouldn't stop it cold turkey.").is_some());
        assert!(reply("started sertraline 2 weeks ago and feel jittery", "If it were me I'd ride out another couple of weeks on the sertraline.").is_some());
        assert!(reply("bad headache and swollen feet at 36 weeks", "Please don't wait on this one lovely, ring your maternity triage unit right now").is_some());
        assert!(reply("my BP readings are low on 20 mg", "honestly it's probably worth skipping tomorrow's dose").is_some());
        assert!(reply("he rolled his ankle at soccer", "if he can't manage 4 steps on it he needs an x-ray, so take him to urgent care tonight.").is_some());
        assert!(reply("she's had a fever 5 days", "Please take her back in today and ask them to rule out Kawasaki disease.").is_some());
    }

    #[test]
    fn span_covers_the_directing_sentences() {
        let text = "So sorry you're dealing with this! That's a UTI. Start the nitrofurantoin tonight. Feel better!";
        let c = reply("burning when I pee, what is it?", text).unwrap();
        assert_eq!(&text[c.start..c.end], "That's a UTI. Start the nitrofurantoin tonight.");
        assert_eq!(c.category, Category::PersonalAdvice);
        assert_eq!(c.severity, Severity::Relative);
        assert!(c.message.contains("diagnosis"), "{}", c.message);
        assert!(c.suggestion.as_deref().unwrap_or("").contains("own clinician"));
    }

    #[test]
    fn quiet_on_general_education() {
        assert!(post("Most adults need 7-9 hours of sleep. Metformin 500 mg is a common starting dose.").is_none());
        assert!(post("If you have chest pain, call 911. Don't wait.").is_none());
        assert!(post("Take your statin at night, it works better for some of them.").is_none(), "no specific person");
        let q = "is this rash on my leg shingles??";
        assert!(reply(q, "I can't diagnose anyone from a comment. Please show it to your own doctor today 💛").is_none());
        assert!(reply(q, "In general, shingles comes as a band on one side. Talk to your GP soon.").is_none());
        assert!(reply(q, "ask your pharmacist, they can look at it and tell you if you need to be seen").is_none());
        assert!(reply(q, "sending hugs, that sounds so uncomfortable").is_none());
    }

    #[test]
    fn hedged_or_conditional_replies_are_not_advice() {
        let q = "can I take ibuprofen with my blood pressure pills?";
        assert!(reply(q, "Please don't change your meds based on a post, ask your pharmacist.").is_none());
        assert!(reply(q, "Anyone on blood pressure pills should check with a pharmacist before ibuprofen.").is_none());
        assert!(reply(q, "Should you take ibuprofen? That's a question for your own prescriber.").is_none());
        assert!(reply(q, "call 911 if you ever have chest pain while on them").is_none());
        assert!(reply(q, "Please find an ED-informed dietitian near you.").is_none());
        assert!(reply(q, "Kids with a fever usually need ibuprofen every 6 hours.").is_none());
        assert!(reply("my doctor put me on doxycycline", "The leaflet in the box covers timing, and your pharmacist can talk you through it.").is_none());
        assert!(reply(q, "I wouldn't know, honestly, ask your pharmacist about ibuprofen.").is_none());
        // A refusal that sends the person to their own clinicians outweighs a
        // plain "you can call": no advice.
        let q = "can i take benadryl while pregnant? 28 wks and can't sleep";
        assert!(reply(q, "I can't give personal medical advice on here, sorry! Your OB or midwife can answer this, and most L&D units have a triage line you can call any time").is_none());
        // A disclaimer does not cancel a dosed direction.
        assert!(reply(q, "not your doctor, but take 25 mg of benadryl at bedtime").is_some());
    }

    /// Replies written for this test (not from the dev set): each is
    /// (question, reply, is personal advice).
    const WRITTEN: &[(&str, &str, bool)] = &[
        ("my 6 yo has pink itchy eyes with goo this morning", "That's bacterial conjunctivitis. Get antibiotic drops from the pharmacy and keep him home today.", true),
        ("been on omeprazole for 3 years, should I come off?", "you can drop to 20 mg every other day for two weeks, then stop", true),
        ("dizzy and my sugar reads 52", "Drink 4 oz of juice right now and recheck in 15 minutes.", true),
        ("can I double up on my levothyroxine if I missed yesterday?", "Yes, just take two tablets today and carry on as normal tomorrow.", true),
        ("my left calf is swollen and hot since my flight", "Please go to urgent care today, that needs an ultrasound to rule out a clot.", true),
        ("throat is killing me, white spots, no cough", "Sounds like strep. Ask for amoxicillin, 10 days.", true),
        ("I get migraines every week, what works?", "I'd start magnesium 400 mg at night and ask your GP for a triptan.", true),
        ("baby is 2 weeks and hasn't pooped in 3 days", "@ellie_mum she's fine, breastfed babies can go a week. No need to see anyone.", true),
        ("can I drink on my antibiotics? it's metronidazole", "nope, no alcohol with that one until 3 days after your last dose", true),
        ("is it normal to feel tired on statins?", "Fatigue can happen with statins. It's worth raising with your prescriber; don't stop it on your own.", false),
        ("should I get the RSV vaccine? I'm 67", "Great question! The RSV vaccine is recommended for many adults over 60. Your pharmacist or GP can help you decide.", false),
        ("how much water should I drink a day?", "Most adults do well with about 2 L a day, more in the heat. Thirst is a good guide for most people.", false),
        ("My son has a peanut allergy, any tips for school?", "Love that you're planning ahead! Schools usually have an allergy action plan form; your allergist can fill it in.", false),
        ("I've had a headache for 2 days", "Oh no, feel better soon! Hydrate and rest 💛", false),
        ("do you take new patients?", "Yes! Booking link is in my bio.", false),
        ("what's the difference between a cold and flu?", "Flu usually comes on suddenly with fever and aches; a cold builds slowly. I made a video on it!", false),
        ("can I take melatonin every night?", "I can't give personal advice here, but in general melatonin is meant for short-term use. Check with your doctor about your situation.", false),
        ("anyone else on ozempic getting nausea??", "so common in the first weeks! thanks for sharing, hope it settles", false),
    ];

    #[test]
    fn written_replies_are_judged_right() {
        let wrong: Vec<String> = WRITTEN
            .iter()
            .filter(|(q, r, want)| reply(q, r).is_some() != *want)
            .map(|(_, r, want)| format!("expected {want}: {r}"))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn sentences_do_not_split_decimals() {
        let v: Vec<(usize, usize)> = sentences("give 2.5 ml now. then rest!").collect();
        assert_eq!(v, vec![(0, 16), (17, 27)]);
    }
}

#[cfg(test)]
mod cost {
    use super::*;

    /// Where the advice check's time goes, per pattern (run with --ignored --nocapture).
    #[test]
    #[ignore]
    fn pattern_costs() {
        // SAFEPOST_COST_TEXT=FILE measures on that text instead (e.g. real posts).
        let text = match std::env::var("SAFEPOST_COST_TEXT") {
            Ok(path) => std::fs::read_to_string(path).expect("cost text file"),
            Err(_) => "@jen sounds like reflux, take omeprazole 20mg before bed. Most adults need 7-9 hours of sleep. pt Maria G, 84F from Bakersfield, came in this morning s/p fall. ".repeat(30).to_ascii_lowercase(),
        };
        let pats: Vec<(&str, &Regex)> = vec![
            ("MEDICAL", &MEDICAL), ("DRUG", &DRUG_RE), ("DOSE", &DOSE_RE), ("CARE", &CARE_RE), ("ER", &ER_RE), ("FREQ", &FREQUENCY),
            ("ANAPHOR", &ANAPHOR), ("IMPERATIVE", &IMPERATIVE), ("MODAL", &MODAL), ("FIRST", &FIRST_PERSON), ("DIAG", &DIAGNOSIS),
            ("PERM", &PERMISSION), ("CAREDEC", &CARE_DECISION), ("SVETO", &SENTENCE_VETO), ("CVETO", &CLAUSE_VETO), ("REFUSAL", &REFUSAL),
            ("ADDR", &ADDRESSEE), ("CLAUSE", &CLAUSE_BREAK),
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
