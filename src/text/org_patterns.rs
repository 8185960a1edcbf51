//! Identifier patterns an organisation adds by policy (e.g. its own MRN
//! format): validated, size-limited regexes run by the linear-time engine.

use regex::Regex;

use super::document::Document;
use super::recognizer::Candidate;
use crate::finding::Category;

/// Largest pattern source accepted, in bytes.
pub const MAX_PATTERN_LEN: usize = 512;
/// Compiled-program size limit (guards against huge repetition counts).
const MAX_COMPILED_SIZE: usize = 1 << 20;

#[derive(Debug, Clone)]
pub struct OrgPattern {
    pub name: String,
    pub category: Category,
    regex: Regex,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrgPatternError {
    pub name: String,
    pub reason: String,
}

impl std::fmt::Display for OrgPatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pattern {:?}: {}", self.name, self.reason)
    }
}

impl std::error::Error for OrgPatternError {}

impl OrgPattern {
    /// Compile an organisation pattern. Look-around and back-references are
    /// rejected by the engine itself, which keeps matching linear-time.
    pub fn new(name: &str, pattern: &str, category: Category) -> Result<Self, OrgPatternError> {
        let err = |reason: String| OrgPatternError { name: name.to_string(), reason };
        if pattern.trim().is_empty() {
            return Err(err("the pattern is empty".into()));
        }
        if pattern.len() > MAX_PATTERN_LEN {
            return Err(err(format!("the pattern is {} bytes; at most {MAX_PATTERN_LEN} are allowed", pattern.len())));
        }
        let regex = regex::RegexBuilder::new(pattern)
            .size_limit(MAX_COMPILED_SIZE)
            .dfa_size_limit(MAX_COMPILED_SIZE)
            .build()
            .map_err(|e| err(format!("not a valid pattern: {}", first_line(&e.to_string()))))?;
        if regex.is_match("") {
            return Err(err("the pattern matches empty text".into()));
        }
        Ok(OrgPattern { name: name.to_string(), category, regex })
    }

    pub fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        for m in self.regex.find_iter(doc.text) {
            if m.start() == m.end() {
                continue;
            }
            out.push(
                Candidate::new(
                    m.start(),
                    m.end(),
                    self.category,
                    0.95,
                    format!("Matches your organisation's \"{}\" identifier format", self.name),
                )
                .suggest(""),
            );
        }
    }
}

fn first_line(s: &str) -> String {
    s.lines().last().unwrap_or(s).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    #[test]
    fn rejects_lookaround_and_empty_matches() {
        assert!(OrgPattern::new("x", r"(?=abc)", Category::Mrn).is_err());
        assert!(OrgPattern::new("x", r"a*", Category::Mrn).is_err());
        assert!(OrgPattern::new("x", &"a".repeat(600), Category::Mrn).is_err());
        assert!(OrgPattern::new("x", r"\d{100}{100}{100}", Category::Mrn).is_err());
    }

    #[test]
    fn finds_org_mrn() {
        let p = OrgPattern::new("SJ MRN", r"\bSJ-\d{6}\b", Category::Mrn).unwrap();
        let ctx = PostContext::default();
        let doc = Document::new("chart SJ-123456 reviewed", &ctx);
        let mut out = Vec::new();
        p.recognize(&doc, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&doc.text[out[0].start..out[0].end], "SJ-123456");
    }
}
