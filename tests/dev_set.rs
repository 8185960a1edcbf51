//! The detection bars of issue 2, asserted on the shared labeled dev set
//! (`../shared/eval/dev-posts.jsonl`, beside the checkout as in CI).
//! Held-out posts decide in the end; this keeps the dev figures honest.

use std::path::PathBuf;

use safepost::eval::{evaluate, parse_labeled};
use safepost::Analyzer;

fn dev_set() -> PathBuf {
    if let Ok(p) = std::env::var("SAFEPOST_DEV_SET") {
        return PathBuf::from(p);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev-posts.jsonl")
}

#[test]
fn dev_set_meets_detection_bars() {
    let path = dev_set();
    let raw = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the dev set {} is needed for this test: {e}", path.display()));
    let posts = parse_labeled(&raw).expect("dev set parses");
    assert!(posts.len() >= 100, "dev set too small: {}", posts.len());
    let r = evaluate(&posts, &Analyzer::new());
    let summary = r.render(false);
    println!("{summary}");
    assert!(r.phi_recall >= 0.95, "PHI recall {:.3} < 0.95\n{summary}", r.phi_recall);
    assert!(r.phi_precision >= 0.85, "PHI precision {:.3} < 0.85\n{summary}", r.phi_precision);
    assert!(r.clean_flagged_share <= 0.05, "clean posts flagged {:.3} > 0.05\n{summary}", r.clean_flagged_share);
    assert!(r.story.f1() >= 0.85, "patient-story F1 {:.3} < 0.85\n{summary}", r.story.f1());
    assert!(r.advice.f1() >= 0.85, "advice F1 {:.3} < 0.85\n{summary}", r.advice.f1());
}
