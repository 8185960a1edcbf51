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
    Regex::builder()
        .configure(Config::new().auto_prefilter(prefilter == Prefilter::Keep))
        .build(&ascii)
        .unwrap_or_else(|e| panic!("{what}: {e}"))
}
