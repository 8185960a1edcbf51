//! Per-word facts the names and locations recognizers share: the word as
//! typed, its case shape, the text between words, sentence boundaries,
//! quotations, hashtags, and whether a sentence is written in Title Case or
//! ALL CAPS (where capitals say nothing about names).
//!
//! Built in one pass over [`Document::words`]; nothing here allocates per
//! word beyond the one vector.

use crate::text::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// "maria", "from"
    Lower,
    /// "Maria", "McDonald", "O'Brien", "Ste-Odile-du-Lac"
    Title,
    /// "MRN", "ICU", "MARIA"
    Caps,
    /// A single capital letter: "G" in "Mr G. Pemberton"
    Initial,
    /// Digits or mixed ("14B", "h1939")
    Other,
}

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    /// As typed, possessive included ("Tran's").
    pub text: &'a str,
    /// Lowercase without a trailing possessive ("tran").
    pub lower: &'a str,
    /// Ends in 's / ’s, or is followed directly by a bare apostrophe ("Graves'").
    pub possessive: bool,
    pub shape: Shape,
    /// Sentence number (sentences end at . ! ? newlines and emoji).
    pub sentence: u32,
    /// First word of a sentence or clause (after . ! ? : ; newline, emoji,
    /// an opening quote or bracket at a sentence start).
    pub initial: bool,
    /// Inside "double quotes" (reported speech).
    pub quoted: bool,
    /// A hashtag or @handle word, or part of an email address or URL.
    pub tagged: bool,
}

pub struct Tokens<'a> {
    pub toks: Vec<Tok<'a>>,
    pub text: &'a str,
    /// Per sentence: written mostly in Title Case or ALL CAPS.
    shouting: Vec<bool>,
    /// Per sentence: its token range `[start, end)`.
    bounds: Vec<(u32, u32)>,
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "st", "ste", "mt", "ft", "vs", "etc", "jr", "sr", "prof", "no", "approx", "dept",
    "apt", "ave", "rd", "blvd", "ln", "e", "i", "eg", "ie", "co", "inc", "lt", "sgt", "capt", "rev", "gen", "hon",
];

pub fn is_emoji_like(c: char) -> bool {
    // Pictographs, dingbats, symbols and their modifiers: casual posts use
    // them as sentence breaks ("...fill 🌿 Born at home").
    let u = c as u32;
    (0x2190..=0x2BFF).contains(&u) || (0x1F000..=0x1FAFF).contains(&u) || (0x2600..=0x27BF).contains(&u)
}

fn shape_of(word: &str) -> Shape {
    // One pass; an ASCII fast path (most words).
    let bytes = word.as_bytes();
    let Some(&b0) = bytes.first() else { return Shape::Other };
    if word.is_ascii() {
        if !b0.is_ascii_alphabetic() {
            return Shape::Other;
        }
        let (mut letters, mut upper) = (0usize, 0usize);
        for &b in bytes {
            if b.is_ascii_digit() {
                return Shape::Other;
            }
            if b.is_ascii_alphabetic() {
                letters += 1;
                upper += usize::from(b.is_ascii_uppercase());
            }
        }
        return classify(b0.is_ascii_uppercase(), letters, upper);
    }
    let first = word.chars().next().unwrap_or(' ');
    if !first.is_alphabetic() {
        return Shape::Other;
    }
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in word.chars() {
        if c.is_ascii_digit() {
            return Shape::Other;
        }
        if c.is_alphabetic() {
            letters += 1;
            upper += usize::from(c.is_uppercase());
        }
    }
    classify(first.is_uppercase(), letters, upper)
}

fn classify(first_upper: bool, letters: usize, upper: usize) -> Shape {
    if first_upper {
        if letters == 1 {
            Shape::Initial
        } else if upper == letters {
            Shape::Caps
        } else {
            Shape::Title
        }
    } else if upper == 0 {
        Shape::Lower
    } else {
        Shape::Other // "iPhone", "eGFR"
    }
}

impl<'a> Tokens<'a> {
    pub fn new(doc: &'a Document<'_>) -> Self {
        let text = doc.text;
        let mut toks: Vec<Tok<'a>> = Vec::with_capacity(doc.words.len());
        let mut sentence = 0u32;
        let mut quoted = false;
        let mut prev_end = 0usize;
        let mut prev_shape = Shape::Other;
        for (i, w) in doc.words.iter().enumerate() {
            let gap = &text[prev_end..w.start];
            let word = &text[w.start..w.end];
            let shape = shape_of(word);
            let prev_word = if i > 0 { &*doc.words[i - 1].lower } else { "" };
            let mut ends_sentence = false;
            let mut clause = false;
            // Most gaps are one space.
            let simple = gap == " ";
            let prev_abbrev = !simple && (prev_shape == Shape::Initial && i > 0 || prev_word.len() <= 6 && ABBREVIATIONS.contains(&prev_word));
            for c in gap.chars().filter(|_| !simple) {
                match c {
                    '.' if !prev_abbrev || gap.trim_start_matches('.').contains(['\n', '!', '?']) => ends_sentence = true,
                    '!' | '?' | '\n' | '…' => ends_sentence = true,
                    ':' | ';' | '(' | '—' | '–' | '|' | '•' => clause = true,
                    '"' | '“' | '”' => quoted = match c {
                        '“' => true,
                        '”' => false,
                        _ => !quoted,
                    },
                    c if is_emoji_like(c) => ends_sentence = true,
                    _ => {}
                }
            }
            // "Mr. Smith": the stop after an abbreviation ends a sentence only
            // when a lowercase word or nothing capitalised follows... keep it
            // simple: an abbreviation's stop never ends a sentence.
            if i == 0 {
                ends_sentence = true;
            }
            if ends_sentence && i > 0 {
                sentence += 1;
            }
            let lower_full: &str = &w.lower;
            let bare = w.bare();
            let rest = &text.as_bytes()[w.end..];
            let possessive = bare.len() != lower_full.len()
                || rest.first() == Some(&b'\'') && !rest.get(1).is_some_and(u8::is_ascii_alphanumeric)
                || rest.starts_with("’".as_bytes()) && !rest.get(3).is_some_and(u8::is_ascii_alphanumeric);
            let before = gap.as_bytes().last().copied();
            let after = text.as_bytes().get(w.end).copied();
            let tagged = matches!(before, Some(b'#' | b'@'))
                || matches!(before, Some(b'.' | b'/' | b'_')) && !gap.contains(char::is_whitespace) && i > 0
                || matches!(after, Some(b'@' | b'_'))
                || after == Some(b'.') && text.as_bytes().get(w.end + 1).is_some_and(u8::is_ascii_alphanumeric) && !matches!(shape, Shape::Caps | Shape::Initial);
            prev_shape = shape;
            toks.push(Tok {
                start: w.start,
                end: w.end,
                text: word,
                lower: bare,
                possessive,
                shape,
                sentence,
                initial: ends_sentence || clause || i == 0,
                quoted,
                tagged,
            });
            prev_end = w.end;
        }
        // Sentences in Title Case or capitals: capitals carry no signal there.
        let n_sent = toks.last().map(|t| t.sentence as usize + 1).unwrap_or(0);
        let mut counts = vec![(0u16, 0u16); n_sent];
        for t in &toks {
            if t.text.len() >= 4 && !t.tagged {
                let c = &mut counts[t.sentence as usize];
                match t.shape {
                    Shape::Lower => c.0 = c.0.saturating_add(1),
                    Shape::Title | Shape::Caps => c.1 = c.1.saturating_add(1),
                    _ => {}
                }
            }
        }
        let shouting = counts.iter().map(|&(lower, caps)| caps >= 4 && u32::from(lower) * 4 <= u32::from(caps)).collect();
        let mut bounds = vec![(0u32, 0u32); n_sent];
        for (k, t) in toks.iter().enumerate() {
            let b = &mut bounds[t.sentence as usize];
            if b.1 == 0 {
                b.0 = k as u32;
            }
            b.1 = k as u32 + 1;
        }
        Tokens { toks, text, shouting, bounds }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The text between token `i - 1` and token `i` (or before the first).
    pub fn gap_before(&self, i: usize) -> &'a str {
        let from = if i == 0 { 0 } else { self.toks[i - 1].end };
        &self.text[from..self.toks[i].start]
    }

    /// The text between token `i` and token `i + 1` (or to the end).
    pub fn gap_after(&self, i: usize) -> &'a str {
        let to = self.toks.get(i + 1).map(|t| t.start).unwrap_or(self.text.len());
        &self.text[self.toks[i].end..to]
    }

    /// Is token `i`'s sentence written in Title Case or capitals?
    pub fn shouting(&self, i: usize) -> bool {
        self.shouting.get(self.toks[i].sentence as usize).copied().unwrap_or(false)
    }

    /// Lowercase (bare) word `i`, or "" past the ends.
    pub fn lower(&self, i: usize) -> &'a str {
        self.toks.get(i).map(|t| t.lower).unwrap_or("")
    }

    /// Lowercase word at `i - back`, or "".
    pub fn lower_back(&self, i: usize, back: usize) -> &'a str {
        if back > i {
            ""
        } else {
            self.lower(i - back)
        }
    }

    /// Token range `[a, b)` of the sentence holding token `i`.
    pub fn sentence_range(&self, i: usize) -> (usize, usize) {
        let (a, b) = self.bounds[self.toks[i].sentence as usize];
        (a as usize, b as usize)
    }

    /// Number of sentences.
    pub fn sentences(&self) -> usize {
        self.bounds.len()
    }

    /// Only spaces (and at most one of `allowed`) between tokens `i` and `i + 1`.
    pub fn joined(&self, i: usize, allowed: &[char]) -> bool {
        let g = self.gap_after(i);
        let mut seen = false;
        for c in g.chars() {
            if c == ' ' || c == '\u{a0}' {
                continue;
            }
            if allowed.contains(&c) && !seen {
                seen = true;
                continue;
            }
            return false;
        }
        i + 1 < self.toks.len() && g.len() <= 3
    }

    /// Lowercase phrase of tokens `a..b`, normalised like the word lists.
    pub fn phrase(&self, a: usize, b: usize) -> String {
        let mut s = String::with_capacity(24);
        for (k, t) in self.toks[a..b].iter().enumerate() {
            if k > 0 {
                s.push(' ');
            }
            for c in t.text.chars() {
                match c {
                    '’' | '‘' => s.push('\''),
                    c => s.extend(c.to_lowercase()),
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    #[test]
    fn shapes_sentences_and_quotes() {
        let ctx = PostContext::default();
        let doc = Document::new("Mr. Okonkwo said \"I'm Jack Reilly.\" Then 🌿 Born at home. ICU", &ctx);
        let t = Tokens::new(&doc);
        let words: Vec<(&str, Shape, u32, bool, bool)> = t.toks.iter().map(|k| (k.text, k.shape, k.sentence, k.initial, k.quoted)).collect();
        assert_eq!(words[0], ("Mr", Shape::Title, 0, true, false));
        assert_eq!(words[1], ("Okonkwo", Shape::Title, 0, false, false), "Mr. does not end a sentence");
        assert!(words[3].4 && words[5].4, "inside quotes");
        assert_eq!(words[6].0, "Then");
        assert!(words[6].3 && !words[6].4);
        assert!(words[7].3, "an emoji starts a sentence");
        assert_eq!(words.last().unwrap().1, Shape::Caps);
    }

    #[test]
    fn possessives_and_tags() {
        let ctx = PostContext::default();
        let doc = Document::new("Graves' disease, Tran's son, #Brisbane and jo.smith@mail.com", &ctx);
        let t = Tokens::new(&doc);
        assert!(t.toks[0].possessive && t.toks[0].lower == "graves");
        assert!(t.toks[2].possessive && t.toks[2].lower == "tran");
        assert!(t.toks[4].tagged, "hashtag");
        assert!(t.toks[6].tagged && t.toks[7].tagged, "email parts");
    }

    #[test]
    fn title_case_sentences_are_shouting() {
        let ctx = PostContext::default();
        let doc = Document::new("How To Read Your Lipid Panel Without Panic. my patient Grace was fine", &ctx);
        let t = Tokens::new(&doc);
        assert!(t.shouting(0));
        assert!(!t.shouting(t.len() - 1));
    }
}
