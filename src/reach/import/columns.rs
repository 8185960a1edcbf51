//! Header lookup by name: exports reorder columns between versions (Meta
//! moves `Reach` around), so parsers never index by position.

pub struct Columns {
    names: Vec<String>,
    normalized: Vec<String>,
}

fn normalize(s: &str) -> String {
    s.trim().trim_start_matches('\u{feff}').trim_matches('"').trim().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Columns {
    pub fn new(header: &[String]) -> Columns {
        Columns { names: header.iter().map(|s| s.trim().to_string()).collect(), normalized: header.iter().map(|s| normalize(s)).collect() }
    }

    pub fn has(&self, name: &str) -> bool {
        self.normalized.iter().any(|n| n == name)
    }

    /// Index of the first of `names` (normalised) that the header has.
    pub fn find(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|want| self.normalized.iter().position(|n| n == want))
    }

    pub fn name(&self, idx: usize) -> String {
        self.names.get(idx).cloned().unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }
}

impl Columns {
    /// The last of `names` occurring before column `before` — for LinkedIn's
    /// TOP POSTS sheet, which puts two tables side by side, each with its
    /// own URL and date columns.
    pub fn find_last_before(&self, names: &[&str], before: usize) -> Option<usize> {
        (0..before.min(self.normalized.len())).rev().find(|&i| names.iter().any(|n| self.normalized[i] == *n))
    }
}
