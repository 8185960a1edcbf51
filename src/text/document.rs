//! A post prepared once for every recognizer: the text, its words with byte
//! offsets, and whole-word context look-ups.
//!
//! Context words are matched as whole words, never as substrings: Presidio's
//! substring matching made "lic" fire inside "duplicate" (its issue #1061).

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// One word of the post: letters, digits, apostrophes and inner hyphens.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// Byte offsets into [`Document::text`].
    pub start: usize,
    pub end: usize,
    /// Lowercased text, with a possessive `'s` kept (use [`Word::bare`] to drop it).
    /// Borrowed from the post when the word is already lowercase (most words):
    /// no allocation per word.
    pub lower: Cow<'a, str>,
    /// Length of [`Word::bare`] in bytes: computed once, because context
    /// look-ups ask for it for every word in every cue window.
    bare_len: usize,
}

impl<'a> Word<'a> {
    pub fn new(start: usize, end: usize, lower: Cow<'a, str>) -> Self {
        let bare_len = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("’s"))
            .map_or(lower.len(), str::len);
        Word { start, end, lower, bare_len }
    }

    /// The lowercased word without a trailing possessive (`'s`, `’s`).
    pub fn bare(&self) -> &str {
        &self.lower[..self.bare_len]
    }

    /// The word as written or without its possessive is `w`.
    fn is(&self, w: &str) -> bool {
        self.bare() == w || *self.lower == *w
    }
}

/// Context given with a draft: where it is posted and what it answers.
#[derive(Debug, Clone, Default)]
pub struct PostContext {
    /// `x`, `threads`, `facebook`, `instagram`, `linkedin`, `tiktok`, `youtube`, `reddit`.
    pub platform: Option<String>,
    /// `post` or `reply`.
    pub kind: Option<String>,
    /// The text being answered, when the draft is a reply.
    pub reply_to: Option<String>,
}

impl PostContext {
    pub fn is_reply(&self) -> bool {
        self.kind.as_deref() == Some("reply")
            || self.reply_to.as_deref().is_some_and(|r| !r.trim().is_empty())
    }
}

/// The post as every recognizer sees it.
pub struct Document<'a> {
    pub text: &'a str,
    pub words: Vec<Word<'a>>,
    pub context: &'a PostContext,
    /// The post talks about a particular patient or a clinical encounter
    /// ("pt", "my patient", "Mrs.", "admitted", "room 4"...). Vague
    /// identifiers (a bare date, a long number) count only in such posts:
    /// a date is PHI when it is tied to a patient.
    pub patient_context: bool,
    /// Hashes of every word (and its bare form): a quick "is this word
    /// anywhere?" test before scanning.
    word_hashes: HashSet<u64, BuildHasherDefault<IdentityHasher>>,
    /// Whether a reply shows the person answered is the writer's own patient,
    /// worked out once when first asked (names, handles and the story check
    /// all ask; see `recognizers::names::reply_shows_own_patient`).
    pub own_patient_reply: std::cell::OnceCell<bool>,
}

/// FNV-1a, 64 bits: words are short and this runs for every word of every
/// post, where SipHash (twice: word, then set key) was a measurable share
/// of a short post's time. Collisions (2^-64 a pair) only cost a cue check.
fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// [`word_hash`] of `bytes[..prefix]` and of all of `bytes`, in one pass.
fn prefix_and_whole_hash(bytes: &[u8], prefix: usize) -> (u64, u64) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut at_prefix = h;
    for (i, &b) in bytes.iter().enumerate() {
        if i == prefix {
            at_prefix = h;
        }
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    if prefix >= bytes.len() {
        at_prefix = h;
    }
    (at_prefix, h)
}

/// The set's keys are already hashes; use them as they are.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A cue list prepared once, for lists looked up in every post: each cue's
/// words are hashed ahead, so [`Document::has_any`] costs a few hash probes
/// per cue instead of re-splitting and re-hashing every cue per post.
pub struct CueSet {
    cues: Vec<PreparedCue>,
}

struct PreparedCue {
    /// Words joined by single spaces ("s/p" becomes "s p", as the text splits it).
    phrase: String,
    /// [`word_hash`] of each word of `phrase`.
    hashes: Vec<u64>,
}

impl CueSet {
    pub fn new(cues: &[&str]) -> Self {
        let cues = cues
            .iter()
            .filter_map(|cue| {
                let phrase = cue_parts(cue).collect::<Vec<_>>().join(" ");
                let hashes: Vec<u64> = phrase.split(' ').filter(|p| !p.is_empty()).map(word_hash).collect();
                (!hashes.is_empty()).then_some(PreparedCue { phrase, hashes })
            })
            .collect();
        CueSet { cues }
    }
}

/// Whole-word cues that a post is about a particular patient or encounter.
pub const PATIENT_CONTEXT_CUES: &[&str] = &[
    "pt", "patient", "my patient", "our patient", "client", "resident", "mr", "mrs", "ms", "miss", "admitted",
    "discharged", "bed", "room", "bay", "s/p", "c/o", "hx", "came in", "brought in", "presented", "presenting",
    "on my unit", "in clinic", "my shift", "last shift", "on shift", "rounds", "chart", "wristband", "mrn", "dob",
    "his wife", "her husband", "her daughter", "his daughter", "her son", "his son", "the family", "family member",
    "passed away", "coded", "intubated", "triage", "er", "ed", "icu", "nicu", "picu", "ward", "unit", "today",
    "tonight", "this morning", "yesterday", "last night", "diagnosed", "of my patients", "of our patients",
    "former patient", "former patients", "admission", "on arrival", "born", "delivered", "ambulance", "trauma",
    "came into", "comes in", "comes into", "brought into", "walked into", "dx", "of our residents", "of my residents",
    "of our clients", "of my clients", "consult", "stretcher", "resus", "dispatched", "called to", "on scene",
    "one of my ladies", "one of our ladies", "one of my gents", "one of my regulars", "one of our regulars", "one of my mums",
    "seeing a", "session today", "session with", "home visit", "house call", "visit list", "my caseload", "on my caseload",
];

impl<'a> Document<'a> {
    pub fn new(text: &'a str, context: &'a PostContext) -> Self {
        let words = split_words(text);
        let mut word_hashes = HashSet::with_capacity_and_hasher(words.len() + 8, BuildHasherDefault::default());
        for w in &words {
            // The bare form is a prefix of the word: one pass hashes both.
            let (bare, whole) = prefix_and_whole_hash(w.lower.as_bytes(), w.bare_len);
            word_hashes.insert(whole);
            if bare != whole {
                word_hashes.insert(bare);
            }
        }
        let mut doc =
            Document { text, words, context, patient_context: false, word_hashes, own_patient_reply: std::cell::OnceCell::new() };
        static PATIENT_CONTEXT: LazyLock<CueSet> = LazyLock::new(|| CueSet::new(PATIENT_CONTEXT_CUES));
        doc.patient_context = doc.has_any(&PATIENT_CONTEXT);
        doc
    }

    /// Index of the first word starting at or after `byte`.
    pub fn word_index_at(&self, byte: usize) -> usize {
        self.words.partition_point(|w| w.start < byte)
    }

    /// Index one past the last word ending at or before `byte`.
    pub fn word_index_before(&self, byte: usize) -> usize {
        self.words.partition_point(|w| w.end <= byte)
    }

    /// The up-to-`n` words right before byte offset `start`, nearest last.
    pub fn words_before(&self, start: usize, n: usize) -> &[Word<'a>] {
        let end = self.word_index_before(start);
        &self.words[end.saturating_sub(n)..end]
    }

    /// The up-to-`n` words starting at or after byte offset `end`.
    pub fn words_after(&self, end: usize, n: usize) -> &[Word<'a>] {
        let begin = self.word_index_at(end);
        &self.words[begin..(begin + n).min(self.words.len())]
    }

    /// True when one of `cues` (lowercase, whole words; a cue may be several
    /// words, e.g. "medical record") ends within the `n` words before `start`.
    pub fn cue_before(&self, start: usize, n: usize, cues: &[&str]) -> bool {
        let end = self.word_index_before(start);
        self.cue_in_window(end.saturating_sub(n), end, cues, Edge::End)
    }

    /// True when one of `cues` starts within the `n` words after `end`.
    pub fn cue_after(&self, end: usize, n: usize, cues: &[&str]) -> bool {
        let begin = self.word_index_at(end);
        self.cue_in_window(begin, (begin + n).min(self.words.len()), cues, Edge::Start)
    }

    /// Does a cue start (or end) at one of the words `begin..end`? A word
    /// is compared with the cue's first (last) word by prefix (suffix) and a
    /// space, so no cue is split per look-up; a multi-word cue whose edge
    /// word matches is then compared word by word.
    fn cue_in_window(&self, begin: usize, end: usize, cues: &[&str], edge: Edge) -> bool {
        if begin >= end {
            return false;
        }
        let window = &self.words[begin..end];
        cues.iter().any(|cue| {
            window.iter().enumerate().any(|(k, w)| {
                let bare = w.bare();
                let forms: &[&str] = if bare.len() == w.lower.len() { &[bare] } else { &[bare, &w.lower] };
                forms.iter().any(|form| {
                    if *cue == *form {
                        return true; // a one-word cue (words hold no spaces)
                    }
                    let n = form.len();
                    match edge {
                        Edge::Start => {
                            cue.len() > n && cue.as_bytes()[n] == b' ' && cue.starts_with(form) && self.phrase_starts_at(begin + k, cue)
                        }
                        Edge::End => {
                            cue.len() > n
                                && cue.as_bytes()[cue.len() - n - 1] == b' '
                                && cue.ends_with(form)
                                && self.phrase_ends_at(begin + k, cue)
                        }
                    }
                })
            })
        })
    }

    /// True when one of `cues` appears anywhere as whole words ("s/p"
    /// matches the words "s p"). For short lists asked rarely; a list asked
    /// in every post should be a prepared [`CueSet`] ([`Document::has_any`]).
    pub fn has_cue(&self, cues: &[&str]) -> bool {
        self.has_any(&CueSet::new(cues))
    }

    /// True when one of the prepared cues appears anywhere as whole words.
    /// Each word of a cue is first looked up in the post's word hashes; only
    /// a cue whose every word occurs somewhere is then checked position by
    /// position, so most multi-word cues ("the family", "of my patients")
    /// cost a few hash probes.
    pub fn has_any(&self, set: &CueSet) -> bool {
        set.cues.iter().any(|cue| {
            cue.hashes.iter().all(|h| self.word_hashes.contains(h))
                && (cue.hashes.len() == 1 || self.phrase_anywhere(&cue.phrase))
        })
    }

    /// Does the multi-word `phrase` start at some word?
    fn phrase_anywhere(&self, phrase: &str) -> bool {
        let first = phrase.split(' ').next().unwrap_or(phrase);
        self.words.iter().enumerate().any(|(i, w)| w.is(first) && self.phrase_starts_at(i, phrase))
    }

    /// Is `word` (lowercase) one of the post's words?
    pub fn has_word(&self, word: &str) -> bool {
        self.word_hashes.contains(&word_hash(word))
    }

    /// Does the multi-word `phrase` start at word `i`?
    pub fn phrase_starts_at(&self, i: usize, phrase: &str) -> bool {
        if !phrase.contains(' ') {
            return self.words.get(i).is_some_and(|w| w.is(phrase));
        }
        let mut idx = i;
        for part in phrase.split(' ') {
            match self.words.get(idx) {
                Some(w) if w.is(part) => idx += 1,
                _ => return false,
            }
        }
        true
    }

    /// Does the multi-word `phrase` end at word `i`?
    pub fn phrase_ends_at(&self, i: usize, phrase: &str) -> bool {
        if !phrase.contains(' ') {
            return self.words.get(i).is_some_and(|w| w.is(phrase));
        }
        let n = phrase.split(' ').count();
        i + 1 >= n && self.phrase_starts_at(i + 1 - n, phrase)
    }

    /// The text of byte range `start..end`.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        &self.text[start..end]
    }
}

/// Which end of a cue must fall in a look-up window.
#[derive(Clone, Copy)]
enum Edge {
    Start,
    End,
}

/// The words of a cue, split the way the text is split: "s/p" is the two
/// words "s" and "p" (a cue with a slash could never match a single word).
/// Used by [`CueSet`] only, so context look-ups keep their meaning.
fn cue_parts(cue: &str) -> impl Iterator<Item = &str> {
    cue.split(|c: char| !(is_word_char(c) || matches!(c, '\'' | '’' | '-'))).filter(|p| !p.is_empty())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Lowercase one word, borrowing it when it already is (most words are
/// ASCII lowercase, where one byte scan decides).
fn lower_word(w: &str) -> Cow<'_, str> {
    if w.is_ascii() {
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(w.to_ascii_lowercase())
        } else {
            Cow::Borrowed(w)
        }
    } else {
        let lower = w.to_lowercase();
        if lower == w {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(lower)
        }
    }
}

/// Split into words: runs of letters/digits, joined by a single inner
/// apostrophe or hyphen ("o'brien", "84-year-old", "mother's").
///
/// Walks bytes, decoding a character only at non-ASCII bytes: most posts
/// are mostly ASCII, and this runs over every byte of every post.
fn split_words(text: &str) -> Vec<Word<'_>> {
    let bytes = text.as_bytes();
    let mut words = Vec::with_capacity(text.len() / 5 + 1);
    // The word character starting at byte `i`, and its length.
    let word_char_at = |i: usize| -> Option<usize> {
        let b = *bytes.get(i)?;
        if b < 0x80 {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = text.get(i..)?.chars().next()?;
        is_word_char(c).then(|| c.len_utf8())
    };
    let mut i = 0usize;
    while i < bytes.len() {
        let Some(n) = word_char_at(i) else {
            // Skip one character (a whole UTF-8 sequence).
            i += if bytes[i] < 0x80 { 1 } else { text[i..].chars().next().map_or(1, char::len_utf8) };
            continue;
        };
        let start = i;
        i += n;
        loop {
            if let Some(n) = word_char_at(i) {
                i += n;
                continue;
            }
            // Join over one apostrophe or hyphen when a word character follows.
            let joiner = match bytes.get(i) {
                Some(b'\'' | b'-') => 1,
                Some(0xE2) if text[i..].starts_with('’') => '’'.len_utf8(),
                _ => 0,
            };
            match (joiner, word_char_at(i + joiner)) {
                (1.., Some(n)) => i += joiner + n,
                _ => break,
            }
        }
        words.push(Word::new(start, i, lower_word(&text[start..i])));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_hyphens_and_apostrophes() {
        let ctx = PostContext::default();
        let d = Document::new("Mrs. O'Brien's 84-year-old mother - ok", &ctx);
        let w: Vec<&str> = d.words.iter().map(|w| &*w.lower).collect();
        assert_eq!(w, ["mrs", "o'brien's", "84-year-old", "mother", "ok"]);
        assert_eq!(d.words[1].bare(), "o'brien");
    }

    #[test]
    fn cues_are_whole_words() {
        let ctx = PostContext::default();
        let d = Document::new("duplicate 12345", &ctx);
        let at = d.text.find("12345").unwrap();
        assert!(!d.cue_before(at, 3, &["lic"]));
        let d = Document::new("medical record number 12345", &ctx);
        let at = d.text.find("12345").unwrap();
        assert!(d.cue_before(at, 3, &["medical record"]));
        assert!(d.cue_before(at, 3, &["number"]));
    }

    #[test]
    fn cues_with_slashes_match() {
        let ctx = PostContext::default();
        assert!(Document::new("45F s/p lap chole", &ctx).patient_context);
        assert!(!Document::new("sleep is a pillar of health", &ctx).patient_context);
    }
}
