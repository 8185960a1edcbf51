//! Issue 5's estimator bars on the real exports saved in
//! `../shared/data/reach/` (beside the checkout, as CI has it): walk-forward
//! MAE never more than 1 % worse than the naive rolling median, and 80 %
//! interval coverage between 75 % and 85 %. Held-out accounts decide in the
//! end; nothing in the model is fitted to these files.

use std::path::PathBuf;
use std::process::Command;

use safepost::reach::eval::walk_forward;
use safepost::reach::import::account_summary::attach_followers;
use safepost::reach::{import_text, merge_history, ImportOptions, ModelConfig, Platform, Post};

fn data_dir() -> PathBuf {
    if let Ok(p) = std::env::var("SAFEPOST_REACH_DATA") {
        return PathBuf::from(p);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/reach")
}

/// Per-post export files of one folder (the account-level monthly summary
/// beside them is not a per-post export).
fn export_files(folder: &str, prefix: &str) -> Vec<PathBuf> {
    let dir = data_dir().join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the shared reach data {} is needed for this test: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix) && n.ends_with(".csv")))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no {prefix}*.csv in {}", dir.display());
    files
}

fn load(files: &[PathBuf]) -> Vec<Post> {
    let mut posts = Vec::new();
    let mut followers = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        let imp = import_text(&text, ImportOptions::default()).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        posts.extend(imp.posts);
        followers.extend(imp.followers);
    }
    let mut posts = merge_history(posts);
    attach_followers(&mut posts, &followers);
    posts
}

fn assert_bars(name: &str, posts: &[Post], min_posts: usize) {
    let r = walk_forward(posts, ModelConfig::default()).unwrap();
    println!("{name}: {r:?}");
    assert!(r.posts >= min_posts, "{name}: only {} posts scored", r.posts);
    assert!(r.mae_log <= r.mae_log_naive * 1.01, "{name}: MAE {:.4} worse than naive {:.4} by more than 1 %", r.mae_log, r.mae_log_naive);
    assert!((0.75..=0.85).contains(&r.coverage80), "{name}: 80 % coverage {:.3}", r.coverage80);
    assert!((0.40..=0.60).contains(&r.coverage50), "{name}: 50 % coverage {:.3}", r.coverage50);
}

#[test]
fn ropensci_x_account_meets_bars() {
    // Every CSV of the folder: the monthly account summary beside the
    // per-post exports contributes follower counts, not posts.
    let posts = load(&export_files("x_tweet_activity_ropensci_2016_2021", ""));
    assert!(posts.iter().all(|p| p.platform == Platform::X && p.time_known));
    assert!(posts.iter().filter(|p| p.followers.is_some()).count() > 1200, "follower counts attached");
    assert!(posts.len() > 1200, "{}", posts.len());
    assert_bars("rOpenSci", &posts, 1200);
}

#[test]
fn gtieng_x_account_meets_bars() {
    let posts = load(&export_files("x_tweet_activity_gtieng_2019", "gerardtieng"));
    assert!(posts.len() > 800, "{}", posts.len());
    assert_bars("gtieng", &posts, 800);
}

#[test]
fn uci_facebook_page_meets_bars() {
    let posts = load(&export_files("fb_metrics_moro2016", "dataset_Facebook"));
    assert!(posts.iter().all(|p| p.platform == Platform::Facebook && p.followers.is_some()));
    assert_bars("Facebook (UCI)", &posts, 300);
}

#[test]
fn cli_eval_json_is_exactly_the_contract_object() {
    let files = export_files("x_tweet_activity_gtieng_2019", "gerardtieng");
    let out = Command::new(env!("CARGO_BIN_EXE_safepost")).args(["reach", "eval", "--format", "json"]).args(&files).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.trim().lines().count(), 1, "{stdout}");
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = vec!["posts", "mae_log", "mae_log_naive", "coverage50", "coverage80"];
    let mut got = keys.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    assert!(v["posts"].as_u64().unwrap() > 800);
    assert!(stdout.trim().starts_with("{\"posts\":"), "key order as documented: {stdout}");
}

#[test]
fn cli_rejects_a_bad_file_naming_the_problem() {
    let dir = std::env::temp_dir().join(format!("safepost-reach-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "\"Tweet id\",\"time\",\"impressions\"\n\"1\",\"2016-12-23 18:50 +0000\",\"10\"\n\"2\",\"soon\",\"10\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_safepost")).args(["reach", "import"]).arg(&bad).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unreadable date \"soon\"") && err.contains("line 3"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_safepost"))
        .args(["reach", "estimate", "--platform", "x", "--at", "2026-12-02T14:00Z"])
        .args(export_files("x_tweet_activity_gtieng_2019", "gerardtieng"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("estimated reach ~") && text.contains("typical range"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}
