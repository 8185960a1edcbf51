//! `safepost reach`: import analytics exports, evaluate the estimator
//! walk-forward on an account's history, and estimate reach for a time.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};

use safepost::reach::civil_time::{format_iso_minute, parse_datetime};
use safepost::reach::estimate::{estimate, EstimateRequest};
use safepost::reach::eval::walk_forward;
use safepost::reach::{import_text, merge_history, ImportOptions, ModelConfig, Platform, Post};

#[derive(Args)]
pub struct ReachArgs {
    #[command(subcommand)]
    command: ReachCommand,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Text,
    Json,
}

#[derive(Args)]
struct Common {
    /// Analytics export files (CSV) of one account.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Audience time zone as minutes east of UTC (e.g. -300 for New York in
    /// winter); used for time-of-day slots and for exports without a zone.
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    utc_offset_min: i64,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Subcommand)]
enum ReachCommand {
    /// Validate export files and summarise what would be imported.
    Import(Common),
    /// Walk-forward evaluation: MAE of log reach vs a naive rolling median,
    /// and coverage of the 50 % and 80 % intervals.
    Eval(Common),
    /// Estimate reach for a platform and posting time from the history.
    Estimate {
        #[command(flatten)]
        common: Common,
        /// Platform: x, threads, facebook, instagram, linkedin, tiktok, youtube.
        #[arg(long)]
        platform: String,
        /// Posting time, e.g. 2026-12-02T14:00Z (default: now).
        #[arg(long)]
        at: Option<String>,
    },
}

/// Reads and imports every file; the first bad file stops everything, so
/// a history is never built from part of what the user gave.
fn load(c: &Common) -> Result<(Vec<Post>, Vec<String>), String> {
    let opts = ImportOptions { local_offset_min: c.utc_offset_min };
    let mut posts = Vec::new();
    let mut followers = Vec::new();
    let mut lines = Vec::new();
    for f in &c.files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let imp = import_text(&text, opts).map_err(|e| format!("{}: {e}", f.display()))?;
        lines.push(format!(
            "{}: {} ({}), {} posts, {} skipped, {} times from post id, {} date-only{}",
            f.display(),
            imp.format.label(),
            imp.platform.label(),
            imp.posts.len(),
            imp.skipped,
            imp.times_from_id,
            imp.date_only,
            imp.notes.iter().map(|n| format!("\n  note: {n}")).collect::<String>()
        ));
        posts.extend(imp.posts);
        followers.extend(imp.followers);
    }
    let mut posts = merge_history(posts);
    safepost::reach::import::account_summary::attach_followers(&mut posts, &followers);
    Ok((posts, lines))
}

pub fn run(args: ReachArgs) -> ExitCode {
    match run_inner(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("safepost reach: {e}");
            ExitCode::from(1)
        }
    }
}

fn run_inner(args: ReachArgs) -> Result<(), String> {
    match args.command {
        ReachCommand::Import(c) => {
            let (posts, lines) = load(&c)?;
            if c.format == Format::Json {
                let first = posts.first().map(|p| format_iso_minute(p.at));
                let last = posts.last().map(|p| format_iso_minute(p.at));
                let v = serde_json::json!({"posts": posts.len(), "first": first, "last": last, "files": lines});
                println!("{v}");
            } else {
                for l in lines {
                    println!("{l}");
                }
                if let (Some(a), Some(b)) = (posts.first(), posts.last()) {
                    println!("{} posts after de-duplication, {} to {}", posts.len(), format_iso_minute(a.at), format_iso_minute(b.at));
                }
            }
            Ok(())
        }
        ReachCommand::Eval(c) => {
            let (posts, _) = load(&c)?;
            let r = walk_forward(&posts, ModelConfig { local_offset_min: c.utc_offset_min }).map_err(|e| e.to_string())?;
            if c.format == Format::Json {
                // Exactly these keys in this order: scripts depend on it.
                #[derive(serde::Serialize)]
                struct Out {
                    posts: usize,
                    mae_log: f64,
                    mae_log_naive: f64,
                    coverage50: f64,
                    coverage80: f64,
                }
                let out = Out { posts: r.posts, mae_log: r.mae_log, mae_log_naive: r.mae_log_naive, coverage50: r.coverage50, coverage80: r.coverage80 };
                println!("{}", serde_json::to_string(&out).map_err(|e| e.to_string())?);
            } else {
                println!("walk-forward over {} posts (each predicted from earlier posts only)", r.posts);
                println!("MAE log reach: model {:.4}, naive rolling median {:.4} ({:+.1} %)", r.mae_log, r.mae_log_naive, 100.0 * (r.mae_log / r.mae_log_naive - 1.0));
                println!("interval coverage: 50 % → {:.1} %, 80 % → {:.1} %", 100.0 * r.coverage50, 100.0 * r.coverage80);
                println!("median width of the 80 % interval: high ÷ low = {:.1}", r.median_ratio80);
            }
            Ok(())
        }
        ReachCommand::Estimate { common, platform, at } => {
            let p = Platform::parse(&platform).ok_or_else(|| format!("unknown platform \"{platform}\""))?;
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
            let at_ms = match at {
                Some(s) => parse_datetime(&s, common.utc_offset_min).ok_or_else(|| format!("unreadable time \"{s}\" (use e.g. 2026-12-02T14:00Z)"))?.ms,
                None => now,
            };
            let (posts, _) = load(&common)?;
            let req = EstimateRequest { platform: p, at: at_ms, now: at_ms.min(now), local_offset_min: common.utc_offset_min, followers: None };
            let e = estimate(&posts, &[], &req).map_err(|e| e.to_string())?;
            if common.format == Format::Json {
                println!("{}", serde_json::to_string(&e).map_err(|e| e.to_string())?);
            } else {
                for l in e.summary_lines() {
                    println!("{l}");
                }
            }
            Ok(())
        }
    }
}
