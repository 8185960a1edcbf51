//! Compiling the big cue-word patterns of the story and advice checks.
//!
//! These patterns are long alternations of English words and phrases
//! ("came in|brought in|admitted|..."), matched case-insensitively. For
//! them the regex crate's automatic literal prefilter is a poor trade:
//! extracting the (case-folded) literal set dominates compile time, which
//! the extension pays at every service-worker start, and a prefilter over
//! a hundred literals fires on nearly every word, so the search is slower
//! than the plain lazy DFA (measured on a 280-char post: 2.7–5.4 µs with
//! the prefilter, 0.6–0.7 µs without; compile 4–8 ms vs 0.8–1.7 ms).
//! Patterns whose alternatives are few and rare keep the prefilter
//! ([`Prefilter::Keep`]), chosen by measurement (`pattern_costs` tests).
//!
//! Word boundaries, `\w`, `\W` and `\d` are rewritten to their ASCII forms:
//! the cue lists are English words, and Unicode boundaries force the engine
//! off its fast DFA on any post with an emoji or accent.

pub use regex_automata::meta::Regex;
use regex_automata::meta::Config;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefilter {
    /// Let the engine pick literals to skip ahead with.
    Keep,
    /// Run the lazy DFA over every byte (long alternations).
    Off,
}

/// Compile a cue pattern (see the module docs). Panics only on a pattern
/// bug, which the unit tests exercise: patterns are constants.
pub fn compile(pattern: &str, prefilter: Prefilter, what: &str) -> Regex {
    build(&ascii_classes(pattern), prefilter, what)
}

/// `\b`, `\w`, `\W` and `\d` in their ASCII forms (see the module docs).
fn ascii_classes(pattern: &str) -> String {
    pattern
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"\w", "[0-9A-Za-z_]")
        .replace(r"\W", "[^0-9A-Za-z_]")
        .replace(r"\d", "[0-9]")
}

/// One pass over a post that says which of several cue patterns occur in
/// it anywhere, so a check runs only the patterns that can match.
///
/// A lazy DFA costs about the same per byte whatever the pattern (~2 ns
/// here, measured), so ten cue patterns searched one by one cost ten passes;
/// their union, searched once for every pattern that matches (overlapping,
/// `MatchKind::All`), costs one. The patterns must be the ones the check
/// compiles with [`compile`] (same text, same rewriting) and must not use
/// `^`/`$`: then "absent from the gate" means "no match anywhere in the
/// text", and also in any clause cut from it at non-word characters
/// (where `\b` means the same in the clause as in the text).
pub struct CueGate {
    set: Regex,
}

/// The patterns of a [`CueGate`] found in one text, by index.
pub struct Present(regex_automata::PatternSet);

impl CueGate {
    /// Panics only on a pattern bug; patterns are constants exercised by the unit tests.
    pub fn new(patterns: &[&str], what: &str) -> CueGate {
        debug_assert!(patterns.iter().all(|p| !p.contains('^') || p.contains("[^")), "{what}: anchors cannot be gated");
        let rewritten: Vec<String> = patterns.iter().map(|p| ascii_classes(p)).collect();
        let set = Regex::builder()
            .configure(
                Config::new()
                    .match_kind(regex_automata::MatchKind::All)
                    .auto_prefilter(false)
                    .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit)
                    // The union has more states than any one pattern; room for
                    // them keeps the lazy DFA from clearing its cache mid-post.
                    .hybrid_cache_capacity(8 << 20),
            )
            .build_many(&rewritten)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        CueGate { set }
    }

    /// Which patterns occur in `text` (one pass).
    pub fn scan(&self, text: &str) -> Present {
        let mut found = regex_automata::PatternSet::new(self.set.pattern_len());
        self.set.which_overlapping_matches(&regex_automata::Input::new(text), &mut found);
        Present(found)
    }
}

impl Present {
    /// Does pattern `i` (its index in [`CueGate::new`]) occur?
    pub fn has(&self, i: usize) -> bool {
        regex_automata::PatternID::new(i).is_ok_and(|id| self.0.contains(id))
    }
}

/// Most cue patterns are long alternations: compiled without the prefilter.
pub fn compile_cue(pattern: &str, what: &str) -> Regex {
    compile(pattern, Prefilter::Off, what)
}

/// Build `pattern` as written with the chosen prefilter.
fn build(pattern: &str, prefilter: Prefilter, what: &str) -> Regex {
    Regex::builder()
        .configure(Config::new().auto_prefilter(prefilter == Prefilter::Keep))
        .build(pattern)
        .unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// A pattern with capture groups, for recognizers whose patterns are long
/// case-insensitive alternations (number words, unit words) where the
/// prefilter costs more than it saves. Same `captures_iter` / `get` /
/// `as_str` shape as the `regex` crate, so recognizer code reads the same.
#[derive(Debug)]
pub struct CapRegex {
    re: Regex,
    /// Kept for the prefilter measurements (`prefilter_costs` tests).
    pattern: String,
}

impl CapRegex {
    /// Compile `pattern` as written (no ASCII rewriting). Panics only on a
    /// pattern bug; patterns are constants exercised by the unit tests.
    pub fn new(pattern: &str, prefilter: Prefilter, what: &str) -> CapRegex {
        CapRegex { re: build(pattern, prefilter, what), pattern: pattern.to_string() }
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    pub fn captures_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Caps<'t>> + 'r
    where
        't: 'r,
    {
        self.re.captures_iter(text).map(move |caps| Caps { text, caps })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.re.is_match(text)
    }
}

/// One match's groups.
pub struct Caps<'t> {
    text: &'t str,
    caps: regex_automata::util::captures::Captures,
}

impl<'t> Caps<'t> {
    /// Group `i` (0 is the whole match), when it took part in the match.
    pub fn get(&self, i: usize) -> Option<Piece<'t>> {
        self.caps.get_group(i).map(|s| Piece { text: self.text, start: s.start, end: s.end })
    }
}

impl std::ops::Index<usize> for Caps<'_> {
    type Output = str;
    /// The text of group `i`; empty when the group did not take part.
    fn index(&self, i: usize) -> &str {
        self.get(i).map_or("", |p| &self.text[p.start..p.end])
    }
}

/// A matched group: byte offsets into the searched text.
#[derive(Debug, Clone, Copy)]
pub struct Piece<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Piece<'t> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Search time per call of `pattern` over `text` without and with the
/// prefilter (nanoseconds): how [`Prefilter`] is chosen for a pattern.
pub fn prefilter_costs(pattern: &str, text: &str) -> (f64, f64) {
    let time = |p: Prefilter| {
        let re = CapRegex::new(pattern, p, "measured pattern");
        let _ = re.captures_iter(text).count();
        let t = std::time::Instant::now();
        for _ in 0..300 {
            std::hint::black_box(re.captures_iter(text).count());
        }
        t.elapsed().as_nanos() as f64 / 300.0
    };
    (time(Prefilter::Off), time(Prefilter::Keep))
}
