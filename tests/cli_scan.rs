//! The `safepost scan` contract from issue 2, checked on the built binary:
//! with `--jsonl --format jsonl` exactly one output line per input post, in
//! order; errors name the line and the other lines are still processed; the
//! exit code says whether any line failed; offsets are Unicode code points;
//! `--format json|jsonl|pretty` all work.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const CATEGORIES: &[&str] = &[
    "name", "location", "date", "age", "phone", "fax", "email", "url", "ip", "handle", "ssn", "mrn", "health_plan",
    "account", "license", "vehicle", "device", "biometric", "other_id", "patient_story", "personal_advice",
];

fn scan(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_safepost"))
        .arg("scan")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run safepost");
    // A usage error exits before reading stdin: a closed pipe is not a failure here.
    if let Err(e) = child.stdin.take().expect("stdin").write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("wait for safepost")
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("output line is not JSON ({e}): {l}")))
        .collect()
}

fn categories(v: &Value) -> Vec<String> {
    v["findings"].as_array().expect("findings array").iter().map(|f| f["category"].as_str().unwrap_or("").to_string()).collect()
}

#[test]
fn jsonl_prints_one_line_per_post_with_the_contract_fields() {
    let input = concat!(
        r#"{"id": "a", "text": "🙏🙏 call (555) 201-7788 about pt Maria, MRN 00482913"}"#, "\n",
        r#"{"id": 2, "text": "Most adults need 7-9 hours of sleep. Metformin 500 mg is a common starting dose."}"#, "\n",
        r#"{"id": "c", "kind": "reply", "reply_to": "my chest hurts when I lie down, what is it?", "text": "sounds like reflux, take omeprazole 20mg before bed"}"#, "\n",
    );
    let out = scan(&["--jsonl", "--format", "jsonl"], input.as_bytes());
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let rows = lines(&out);
    assert_eq!(rows.len(), 3, "one line per post");
    assert_eq!(rows[0]["id"], "a");
    assert_eq!(rows[1]["id"], 2, "ids keep their JSON type");
    assert_eq!(rows[2]["id"], "c");
    for row in &rows {
        for f in row["findings"].as_array().expect("findings") {
            let cat = f["category"].as_str().expect("category");
            assert!(CATEGORIES.contains(&cat), "unknown category {cat}");
            assert!(matches!(f["severity"].as_str(), Some("absolute" | "relative")), "{f}");
            assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()), "{f}");
            assert!(f["start"].as_u64() <= f["end"].as_u64(), "{f}");
        }
    }
    // Code-point offsets: two emoji (two code points, four UTF-16 units) come first.
    let text = "🙏🙏 call (555) 201-7788 about pt Maria, MRN 00482913";
    let phone = rows[0]["findings"].as_array().unwrap().iter().find(|f| f["category"] == "phone").expect("phone found");
    let (s, e) = (phone["start"].as_u64().unwrap() as usize, phone["end"].as_u64().unwrap() as usize);
    let span: String = text.chars().skip(s).take(e - s).collect();
    assert_eq!(span, "(555) 201-7788");
    assert!(categories(&rows[0]).contains(&"mrn".to_string()), "{:?}", rows[0]);
    assert!(categories(&rows[1]).is_empty(), "general education is clean: {:?}", rows[1]);
    assert!(categories(&rows[2]).contains(&"personal_advice".to_string()), "{:?}", rows[2]);
}

#[test]
fn bad_lines_are_named_the_rest_still_processed_and_exit_is_non_zero() {
    let mut input = Vec::new();
    input.extend_from_slice(br#"{"id": "ok1", "text": "call (555) 201-7788"}"#);
    input.extend_from_slice(b"\n{not json\n");
    input.extend_from_slice(br#"{"id": "no-text"}"#);
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": \"bad-utf8\", \"text\": \"caf\xff\"}\n");
    input.extend_from_slice(br#"{"id": "ok2", "text": "hello", "reply_to": null}"#);
    input.extend_from_slice(b"\n");
    let out = scan(&["--jsonl", "--format", "jsonl"], &input);
    assert_eq!(out.status.code(), Some(1), "a failed line makes the exit code non-zero");
    let rows = lines(&out);
    assert_eq!(rows.len(), 5, "one output line per input line, errors included: {rows:?}");
    assert_eq!(rows[0]["id"], "ok1");
    assert!(categories(&rows[0]).contains(&"phone".to_string()));
    assert_eq!(rows[1]["line"], 2);
    assert!(rows[1]["error"].as_str().unwrap().contains("JSON"), "{}", rows[1]);
    assert_eq!(rows[2]["line"], 3);
    assert_eq!(rows[2]["id"], "no-text");
    assert!(rows[2]["error"].as_str().unwrap().contains("text"));
    assert_eq!(rows[3]["line"], 4);
    assert!(rows[3]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(rows[4]["id"], "ok2");
    assert!(rows[4]["findings"].as_array().unwrap().is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2") && stderr.contains("line 3") && stderr.contains("line 4"), "stderr names the lines: {stderr}");
}

#[test]
fn all_good_lines_exit_zero_and_crlf_is_accepted() {
    let out = scan(&["--jsonl"], b"{\"id\": 1, \"text\": \"hi\"}\r\n{\"id\": 2, \"text\": \"there\"}\r\n");
    assert!(out.status.success());
    assert_eq!(lines(&out).len(), 2);
}

#[test]
fn json_and_pretty_formats() {
    let input = br#"{"id": "a", "text": "MRN 00482913"}
{"id": "b", "text": "nothing here"}
"#;
    let out = scan(&["--jsonl", "--format", "json"], input);
    assert!(out.status.success());
    let all: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(all.as_array().map(Vec::len), Some(2));
    assert_eq!(all[0]["id"], "a");

    let out = scan(&["--format", "pretty"], b"pt came in today, MRN 00482913");
    assert!(out.status.success());
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("[00482913]{mrn}"), "{shown}");

    let out = scan(&["--format", "yaml"], b"x");
    assert_eq!(out.status.code(), Some(2), "unknown format is a usage error");
}

#[test]
fn plain_text_reply_context_reaches_the_advice_check() {
    let out = scan(&["--format", "jsonl", "--reply-to", "can I take ibuprofen with my lisinopril?"], b"Yes, ibuprofen 400 mg is fine with your lisinopril, take it twice a day.");
    assert!(out.status.success());
    let rows = lines(&out);
    assert_eq!(rows.len(), 1);
    assert!(categories(&rows[0]).contains(&"personal_advice".to_string()), "{:?}", rows[0]);
}
