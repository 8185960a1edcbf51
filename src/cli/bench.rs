//! `safepost bench`: per-post latency of the text checks, natively.
//! Reports the median and p95 per post for ~280-character and
//! ~5,000-character posts, and time per KB at 1 MB (linearity check).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use safepost::{Analyzer, PostContext};

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Labeled or JSONL posts to draw text from (default: a built-in sample).
    #[arg(long)]
    posts: Option<PathBuf>,
    /// Repetitions per size.
    #[arg(long, default_value_t = 2000)]
    iterations: usize,
    /// `text` or `json`.
    #[arg(long, default_value = "text")]
    format: String,
    /// Also print where the time goes: median microseconds per stage (each
    /// recognizer, overlaps, story, advice, offsets) for posts and replies.
    #[arg(long)]
    stages: bool,
}

/// Median time per stage over `posts`, in µs, most expensive first (the
/// median, because on a shared machine means are dominated by preemption).
fn stage_table(posts: &[String], ctx: &PostContext) -> Vec<(&'static str, f64)> {
    let mut samples: Vec<(&'static str, Vec<f64>)> = Vec::new();
    for p in posts {
        for (i, (name, d)) in safepost::text::stage_timings(p, ctx).into_iter().enumerate() {
            if samples.len() <= i {
                samples.push((name, Vec::new()));
            }
            samples[i].1.push(d.as_secs_f64() * 1e6);
        }
    }
    let mut rows: Vec<(&'static str, f64)> = samples
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
            (k, v.get(v.len() / 2).copied().unwrap_or(0.0))
        })
        .collect();
    rows.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    rows
}

const SAMPLE: &str = "pt Maria G, 84F from Bakersfield, came in this morning s/p fall, MRN 00482913. \
Most adults need 7-9 hours of sleep. Metformin 500 mg is a common starting dose. \
@jen sounds like reflux, take omeprazole 20mg before bed. Call (555) 201-7788 or email jdoe@mail.com. ";

fn corpus(path: Option<&PathBuf>) -> Result<String, String> {
    let Some(p) = path else { return Ok(SAMPLE.to_string()) };
    let raw = std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
    let mut s = String::new();
    for line in raw.lines() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                s.push_str(t);
                s.push(' ');
            }
        }
    }
    if s.is_empty() {
        return Err(format!("{}: no posts with a \"text\" field", p.display()));
    }
    Ok(s)
}

/// Posts of about `len` characters cut from the corpus (linear: the length
/// is counted as characters are pushed, not recounted each time).
fn posts_of_len(corpus: &str, len: usize, count: usize) -> Vec<String> {
    let chars: Vec<char> = corpus.chars().collect();
    let mut out = Vec::with_capacity(count);
    let mut pos = 0usize;
    while out.len() < count && !chars.is_empty() {
        let mut s = String::with_capacity(len + 16);
        for _ in 0..len {
            s.push(chars[pos % chars.len()]);
            pos += 1;
        }
        out.push(s);
        pos += 37;
    }
    out
}

fn time_posts(analyzer: &Analyzer, posts: &[String], iterations: usize) -> (f64, f64) {
    let ctx = PostContext::default();
    for p in posts.iter().take(20) {
        std::hint::black_box(analyzer.analyze(p, &ctx));
    }
    let mut samples = Vec::with_capacity(iterations);
    for i in 0..iterations {
        let p = &posts[i % posts.len()];
        let t = Instant::now();
        std::hint::black_box(analyzer.analyze(p, &ctx));
        samples.push(t.elapsed().as_secs_f64() * 1e6);
    }
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    (samples[samples.len() / 2], samples[samples.len() * 95 / 100])
}

pub fn run(args: BenchArgs) -> ExitCode {
    let corpus = match corpus(args.posts.as_ref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("safepost bench: {e}");
            return ExitCode::from(2);
        }
    };
    let analyzer = Analyzer::new();
    let iters = args.iterations.max(10);
    let (m280, p280) = time_posts(&analyzer, &posts_of_len(&corpus, 280, 200), iters);
    let (m5k, p5k) = time_posts(&analyzer, &posts_of_len(&corpus, 5000, 20), (iters / 10).max(10));
    let (m50k, _) = time_posts(&analyzer, &posts_of_len(&corpus, 50_000, 3), 5);
    let big = posts_of_len(&corpus, 1_000_000, 1);
    let (m1m, _) = time_posts(&analyzer, &big, 2);
    let per_kb = |us: f64, chars: f64| us / (chars / 1000.0);
    if args.format == "json" {
        println!(
            "{}",
            serde_json::json!({
                "median_us_280": m280, "p95_us_280": p280,
                "median_us_5000": m5k, "p95_us_5000": p5k,
                "us_per_kb_5000": per_kb(m5k, 5000.0), "us_per_kb_50000": per_kb(m50k, 50_000.0),
                "us_per_kb_1m": per_kb(m1m, 1_000_000.0), "ms_1m": m1m / 1000.0,
            })
        );
    } else {
        println!("native text analysis (release build, one thread)");
        println!("  280-char post:   median {m280:8.1} µs   p95 {p280:8.1} µs");
        println!("  5,000-char post: median {m5k:8.1} µs   p95 {p5k:8.1} µs");
        println!("  per KB: {:.1} µs at 5 KB, {:.1} µs at 50 KB, {:.1} µs at 1 MB ({:.1} ms total)", per_kb(m5k, 5000.0), per_kb(m50k, 50_000.0), per_kb(m1m, 1_000_000.0), m1m / 1000.0);
    }
    if args.stages {
        let reply = PostContext { platform: None, kind: Some("reply".into()), reply_to: Some("what should I take?".into()) };
        for (label, posts, ctx) in [
            ("280-char post", posts_of_len(&corpus, 280, 200), PostContext::default()),
            ("280-char reply", posts_of_len(&corpus, 280, 200), reply.clone()),
            ("5,000-char reply", posts_of_len(&corpus, 5000, 20), reply),
        ] {
            println!("stages, {label} (median µs):");
            for (name, us) in stage_table(&posts, &ctx) {
                println!("  {name:<16} {us:10.1}");
            }
        }
    }
    ExitCode::SUCCESS
}
