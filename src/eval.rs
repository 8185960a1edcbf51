//! Scoring the text checks on a labeled file (the format of
//! `shared/eval/GUIDELINE.md`): PHI span recall and precision per type,
//! patient-story and advice precision/recall, and the share of clean posts
//! flagged. A gold span counts as found when any identifier finding overlaps
//! it; a finding counts as correct when it overlaps any gold span.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::{Category, Finding};
use crate::text::{Analyzer, PostContext};

/// One labeled post.
#[derive(Debug, Clone, Deserialize)]
pub struct LabeledPost {
    pub id: String,
    #[serde(default)]
    pub platform: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub reply_to: Option<String>,
    pub text: String,
    #[serde(default)]
    pub phi: Vec<PhiLabel>,
    #[serde(default)]
    pub patient_story: bool,
    #[serde(default)]
    pub advice: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PhiLabel {
    #[serde(rename = "type")]
    pub kind: String,
    pub text: String,
    #[serde(default)]
    pub nth: usize,
}

impl LabeledPost {
    pub fn context(&self) -> PostContext {
        PostContext { platform: self.platform.clone(), kind: self.kind.clone(), reply_to: self.reply_to.clone() }
    }

    /// Gold spans as (type, start, end) in code points; an error names a
    /// label whose text does not occur `nth + 1` times.
    pub fn gold_spans(&self) -> Result<Vec<(String, usize, usize)>, String> {
        let mut out = Vec::new();
        for l in &self.phi {
            let (byte, _) = self
                .text
                .match_indices(l.text.as_str())
                .nth(l.nth)
                .ok_or_else(|| format!("post {}: label {:?} (nth {}) not found in text", self.id, l.text, l.nth))?;
            let start = self.text[..byte].chars().count();
            out.push((l.kind.to_uppercase(), start, start + l.text.chars().count()));
        }
        Ok(out)
    }

    pub fn is_clean(&self) -> bool {
        self.phi.is_empty() && !self.patient_story && !self.advice
    }
}

/// Parse a labeled JSONL file; errors name the line.
pub fn parse_labeled(jsonl: &str) -> Result<Vec<LabeledPost>, String> {
    let mut posts = Vec::new();
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let p: LabeledPost = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        p.gold_spans().map_err(|e| format!("line {}: {e}", i + 1))?;
        posts.push(p);
    }
    Ok(posts)
}

/// The guideline's PHI type for a finding category (None for post-level ones).
pub fn phi_type(c: Category) -> Option<&'static str> {
    use Category::*;
    Some(match c {
        Name => "NAME",
        Location => "LOCATION",
        Date => "DATE",
        Age => "AGE",
        Phone | Fax | Email | Url | Handle => "CONTACT",
        Ip | Ssn | Mrn | HealthPlan | Account | License | Vehicle | Device | Biometric | OtherId => "ID",
        _ => return None,
    })
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Miss {
    pub id: String,
    pub kind: String,
    pub text: String,
    pub detail: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct EvalReport {
    pub posts: usize,
    /// Gold spans found (recall) / findings correct (precision), all types.
    pub phi_recall: f64,
    pub phi_precision: f64,
    pub gold_spans: usize,
    pub found_spans: usize,
    pub findings: usize,
    pub correct_findings: usize,
    /// Per guideline type: recall of gold spans, precision of findings.
    pub per_type: BTreeMap<String, TypeFigures>,
    pub story: Counts,
    pub advice: Counts,
    pub clean_posts: usize,
    pub clean_flagged: usize,
    pub clean_flagged_share: f64,
    pub misses: Vec<Miss>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TypeFigures {
    pub gold: usize,
    pub found: usize,
    pub recall: f64,
    pub findings: usize,
    pub correct: usize,
    pub precision: f64,
}

/// Run `analyzer` over every post and score it.
pub fn evaluate(posts: &[LabeledPost], analyzer: &Analyzer) -> EvalReport {
    let mut r = EvalReport { posts: posts.len(), ..Default::default() };
    for post in posts {
        let findings = analyzer.analyze(&post.text, &post.context());
        score_post(post, &findings, &mut r);
    }
    for t in r.per_type.values_mut() {
        t.recall = ratio(t.found, t.gold);
        t.precision = ratio(t.correct, t.findings);
    }
    r.phi_recall = ratio(r.found_spans, r.gold_spans);
    r.phi_precision = ratio(r.correct_findings, r.findings);
    r.clean_flagged_share = ratio(r.clean_flagged, r.clean_posts);
    if r.clean_posts == 0 {
        r.clean_flagged_share = 0.0;
    }
    r
}

fn score_post(post: &LabeledPost, findings: &[Finding], r: &mut EvalReport) {
    let gold = post.gold_spans().unwrap_or_default();
    let ids: Vec<&Finding> = findings.iter().filter(|f| f.category.is_text_identifier()).collect();
    let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    let chars: Vec<char> = post.text.chars().collect();
    let snippet = |s: usize, e: usize| chars[s.min(chars.len())..e.min(chars.len())].iter().collect::<String>();

    for (kind, s, e) in &gold {
        r.gold_spans += 1;
        let t = r.per_type.entry(kind.clone()).or_default();
        t.gold += 1;
        if ids.iter().any(|f| overlaps((f.start, f.end), (*s, *e))) {
            r.found_spans += 1;
            t.found += 1;
        } else {
            r.misses.push(Miss { id: post.id.clone(), kind: format!("missed {kind}"), text: snippet(*s, *e), detail: String::new() });
        }
    }
    for f in &ids {
        r.findings += 1;
        let kind = phi_type(f.category).unwrap_or("ID").to_string();
        let t = r.per_type.entry(kind.clone()).or_default();
        t.findings += 1;
        if gold.iter().any(|(_, s, e)| overlaps((f.start, f.end), (*s, *e))) {
            r.correct_findings += 1;
            t.correct += 1;
        } else {
            r.misses.push(Miss {
                id: post.id.clone(),
                kind: format!("false {}", f.category.as_str()),
                text: snippet(f.start, f.end),
                detail: f.message.clone(),
            });
        }
    }
    let flagged_story = findings.iter().any(|f| f.category == Category::PatientStory);
    count_binary(&mut r.story, post.patient_story, flagged_story);
    if post.patient_story != flagged_story {
        let msg = findings.iter().find(|f| f.category == Category::PatientStory).map(|f| f.message.clone()).unwrap_or_default();
        r.misses.push(Miss { id: post.id.clone(), kind: if flagged_story { "false patient_story" } else { "missed patient_story" }.into(), text: post.text.chars().take(160).collect(), detail: msg });
    }
    let flagged_advice = findings.iter().any(|f| f.category == Category::PersonalAdvice);
    count_binary(&mut r.advice, post.advice, flagged_advice);
    if post.advice != flagged_advice {
        let msg = findings.iter().find(|f| f.category == Category::PersonalAdvice).map(|f| f.message.clone()).unwrap_or_default();
        r.misses.push(Miss { id: post.id.clone(), kind: if flagged_advice { "false personal_advice" } else { "missed personal_advice" }.into(), text: post.text.chars().take(160).collect(), detail: msg });
    }
    if post.is_clean() {
        r.clean_posts += 1;
        if !findings.is_empty() {
            r.clean_flagged += 1;
        }
    }
}

fn count_binary(c: &mut Counts, truth: bool, predicted: bool) {
    match (truth, predicted) {
        (true, true) => c.tp += 1,
        (false, true) => c.fp += 1,
        (true, false) => c.fn_ += 1,
        (false, false) => {}
    }
}

impl EvalReport {
    /// The human-readable summary (figures first, then misses if asked).
    pub fn render(&self, with_misses: bool) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(s, "posts: {}", self.posts);
        let _ = writeln!(s, "PHI span recall: {:.3} ({} of {})", self.phi_recall, self.found_spans, self.gold_spans);
        let _ = writeln!(s, "PHI precision: {:.3} ({} of {} findings)", self.phi_precision, self.correct_findings, self.findings);
        for (t, f) in &self.per_type {
            let _ = writeln!(s, "  {t:<9} recall {:.3} ({}/{})  precision {:.3} ({}/{})", f.recall, f.found, f.gold, f.precision, f.correct, f.findings);
        }
        for (name, c) in [("patient story", &self.story), ("advice", &self.advice)] {
            let _ = writeln!(s, "{name}: precision {:.3} recall {:.3} F1 {:.3} (tp {} fp {} fn {})", c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn_);
        }
        let _ = writeln!(s, "clean posts flagged: {:.3} ({} of {})", self.clean_flagged_share, self.clean_flagged, self.clean_posts);
        if with_misses && !self.misses.is_empty() {
            let _ = writeln!(s, "\nmisses ({}):", self.misses.len());
            for m in &self.misses {
                let _ = writeln!(s, "  {} {:<24} {:?} {}", m.id, m.kind, m.text, m.detail);
            }
        }
        s
    }
}
