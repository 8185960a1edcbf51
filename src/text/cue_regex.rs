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
    let ascii = pattern
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"\w", "[0-9A-Za-z_]")
        .replace(r"\W", "[^0-9A-Za-z_]")
        .replace(r"\d", "[0-9]");
    build(&ascii, prefilter, what)
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
