//! `safepost scan [FILE|-]`: findings for plain text or JSONL posts.
//!
//! With `--jsonl --format jsonl` it prints exactly one line per input line:
//! `{"id": ..., "findings": [{"category", "severity", "start", "end",
//! "message", "suggestion"?}]}` (code-point offsets, end exclusive). A line
//! that cannot be read prints `{"id"?, "line": N, "error": "..."}` instead,
//! the error also goes to stderr, and the exit code is 1.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;
use serde_json::Value;

use safepost::{Analyzer, Finding, PostContext};

#[derive(clap::Args)]
pub struct ScanArgs {
    /// File to read; `-` or nothing reads standard input.
    input: Option<PathBuf>,
    /// Input is JSONL: one `{"id", "text", "platform"?, "kind"?, "reply_to"?}` per line.
    #[arg(long)]
    jsonl: bool,
    /// Output: `pretty` (text with flagged spans marked), `json` or `jsonl`.
    #[arg(long)]
    format: Option<String>,
    /// For plain-text input: the text this draft replies to.
    #[arg(long)]
    reply_to: Option<String>,
    /// For plain-text input: the platform (x, threads, facebook, ...).
    #[arg(long)]
    platform: Option<String>,
    /// Never flag this (your own name, handle, practice phone); repeatable.
    #[arg(long = "allow", value_name = "TEXT")]
    allow: Vec<String>,
}

/// The stable JSON shape of one finding on the CLI.
#[derive(Serialize)]
struct OutFinding<'a> {
    category: &'static str,
    severity: &'static str,
    start: usize,
    end: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
}

fn out_findings(findings: &[Finding]) -> Vec<OutFinding<'_>> {
    findings
        .iter()
        .map(|f| OutFinding {
            category: f.category.as_str(),
            severity: f.severity.as_str(),
            start: f.start,
            end: f.end,
            message: &f.message,
            suggestion: f.suggestion.as_deref(),
        })
        .collect()
}

pub fn run(args: ScanArgs) -> ExitCode {
    let format = args.format.clone().unwrap_or_else(|| if args.jsonl { "jsonl" } else { "pretty" }.to_string());
    if !matches!(format.as_str(), "pretty" | "json" | "jsonl") {
        eprintln!("safepost scan: unknown --format {format:?} (use pretty, json or jsonl)");
        return ExitCode::from(2);
    }
    let raw = match read_input(args.input.as_ref()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("safepost scan: {e}");
            return ExitCode::from(2);
        }
    };
    let analyzer = Analyzer::new().with_allowlist(&args.allow);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let ok = if args.jsonl {
        scan_jsonl(&raw, &analyzer, &format, &mut out)
    } else {
        let text = String::from_utf8_lossy(&raw);
        if std::str::from_utf8(&raw).is_err() {
            eprintln!("safepost scan: input is not valid UTF-8; invalid bytes were replaced with U+FFFD");
        }
        let ctx = PostContext { platform: args.platform.clone(), kind: args.reply_to.as_ref().map(|_| "reply".into()), reply_to: args.reply_to.clone() };
        let findings = analyzer.analyze(&text, &ctx);
        match format.as_str() {
            "pretty" => {
                let _ = write!(out, "{}", render_pretty(&text, &findings));
            }
            "json" => {
                let _ = writeln!(out, "{}", serde_json::to_string_pretty(&serde_json::json!({ "findings": out_findings(&findings) })).unwrap_or_default());
            }
            _ => {
                let _ = writeln!(out, "{}", serde_json::json!({ "findings": out_findings(&findings) }));
            }
        }
        true
    };
    let _ = out.flush();
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn read_input(path: Option<&PathBuf>) -> Result<Vec<u8>, String> {
    match path {
        Some(p) if p.as_os_str() != "-" => std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display())),
        _ => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(buf)
        }
    }
}

/// Parse one JSONL line into (id, text, context), or say what is wrong.
fn parse_line(bytes: &[u8]) -> Result<(Value, String, PostContext), (Option<Value>, String)> {
    let line = std::str::from_utf8(bytes).map_err(|e| {
        // Name the post when its id is still readable, so the error is traceable.
        let id = serde_json::from_str::<Value>(&String::from_utf8_lossy(bytes)).ok().and_then(|v| v.get("id").cloned()).filter(|i| !i.is_null());
        (id, format!("not valid UTF-8 (byte {})", e.valid_up_to()))
    })?;
    let v: Value = serde_json::from_str(line).map_err(|e| (None, format!("invalid JSON: {e}")))?;
    let obj = v.as_object().ok_or((None, "expected a JSON object".to_string()))?;
    let id = obj.get("id").cloned();
    let Some(id_val) = id.clone().filter(|i| !i.is_null()) else {
        return Err((None, "missing field \"id\"".into()));
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err((id, "field \"text\" must be a string".into())),
        None => return Err((id, "missing field \"text\"".into())),
    };
    let opt_str = |k: &str| -> Result<Option<String>, (Option<Value>, String)> {
        match obj.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err((id.clone(), format!("field {k:?} must be a string or null"))),
        }
    };
    let ctx = PostContext { platform: opt_str("platform")?, kind: opt_str("kind")?, reply_to: opt_str("reply_to")? };
    Ok((id_val, text, ctx))
}

fn scan_jsonl(raw: &[u8], analyzer: &Analyzer, format: &str, out: &mut impl Write) -> bool {
    let mut all_ok = true;
    let mut collected = Vec::new();
    for (i, line) in raw.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let record = match parse_line(line) {
            Ok((id, text, ctx)) => {
                let findings = analyzer.analyze(&text, &ctx);
                if format == "pretty" {
                    let _ = writeln!(out, "== {id}\n{}", render_pretty(&text, &findings));
                    continue;
                }
                serde_json::json!({ "id": id, "findings": out_findings(&findings) })
            }
            Err((id, msg)) => {
                all_ok = false;
                eprintln!("safepost scan: line {}: {msg}", i + 1);
                let mut v = serde_json::json!({ "line": i + 1, "error": msg });
                if let Some(id) = id {
                    v["id"] = id;
                }
                v
            }
        };
        if format == "jsonl" {
            let _ = writeln!(out, "{record}");
        } else {
            collected.push(record);
        }
    }
    if format == "json" {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&collected).unwrap_or_default());
    }
    all_ok
}

/// The text with each flagged span marked `[span]{category}`, then one line
/// per finding with its message and suggested rewrite.
fn render_pretty(text: &str, findings: &[Finding]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut s = String::new();
    let mut pos = 0;
    let mut spans: Vec<&Finding> = findings.iter().filter(|f| f.category.is_text_identifier()).collect();
    spans.sort_by_key(|f| f.start);
    for f in spans {
        if f.start < pos || f.end > chars.len() {
            continue;
        }
        s.extend(&chars[pos..f.start]);
        s.push('[');
        s.extend(&chars[f.start..f.end]);
        s.push_str("]{");
        s.push_str(f.category.as_str());
        s.push('}');
        pos = f.end;
    }
    s.extend(&chars[pos.min(chars.len())..]);
    s.push('\n');
    if findings.is_empty() {
        s.push_str("  no findings\n");
    }
    for f in findings {
        let span: String = chars[f.start.min(chars.len())..f.end.min(chars.len())].iter().collect();
        let label = match f.severity {
            safepost::Severity::Absolute => "absolute contraindication",
            safepost::Severity::Relative => "relative contraindication",
        };
        s.push_str(&format!("  {} ({label}) {:?}: {}", f.category.as_str(), truncate(&span, 60), f.message));
        match f.suggestion.as_deref() {
            Some("") => s.push_str(" -> remove it"),
            Some(sug) => s.push_str(&format!(" -> {sug:?}")),
            None => {}
        }
        s.push('\n');
    }
    s
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}
