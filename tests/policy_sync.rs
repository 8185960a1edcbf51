//! The bar "no setting exists in the extension that the schema cannot set,
//! and vice versa": the managed schema's properties against the settings
//! the extension has (DEFAULTS in extension/background/settings.js), and the
//! value rules the two sides share (levels, limits, pattern categories).

use std::collections::BTreeSet;

use safepost::policy::{rules, schema};
use serde_json::Value;

const SETTINGS_JS: &str = include_str!("../extension/background/settings.js");
/// Computed by settings.js, not settable by anyone.
const COMPUTED: [&str; 2] = ["locked", "notices"];

/// The object literal after `export const NAME = Object.freeze(`, read as
/// JSON after quoting keys and turning single quotes into double ones (the
/// literals in settings.js are plain data: no functions, no expressions).
fn js_literal(name: &str) -> Value {
    let start_pat = format!("export const {name} = Object.freeze(");
    let start = SETTINGS_JS.find(&start_pat).unwrap_or_else(|| panic!("{name} not found in settings.js")) + start_pat.len();
    let body = &SETTINGS_JS[start..];
    let mut depth = 0;
    let mut end = 0;
    for (i, c) in body.char_indices() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    end = i + 1;
                    break;
                }
            }
            _ => {}
        }
    }
    let lit = &body[..end];
    let mut json = String::new();
    let mut chars = lit.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => json.push('"'),
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut word = String::from(c);
                while let Some(&n) = chars.peek() {
                    if n.is_ascii_alphanumeric() || n == '_' {
                        word.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                let is_key = chars.clone().find(|c| !c.is_whitespace()) == Some(':');
                let in_string = json.matches('"').count() % 2 == 1;
                if is_key && !in_string {
                    json.push_str(&format!("\"{word}\""));
                } else {
                    json.push_str(&word);
                }
            }
            c => json.push(c),
        }
    }
    let json = json.replace(",\n}", "\n}").replace(",\n]", "\n]");
    let json = regex_lite_trailing_commas(&json);
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name} in settings.js is not plain data ({e}): {json}"))
}

/// Removes a comma that is followed only by whitespace and a closing bracket.
fn regex_lite_trailing_commas(s: &str) -> String {
    let re = regex::Regex::new(r",(\s*[}\]])").unwrap();
    re.replace_all(s, "$1").into_owned()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

#[test]
fn schema_and_extension_settings_are_the_same_set() {
    let defaults = js_literal("DEFAULTS");
    let schema = schema::managed_schema();
    let mut ext = keys(&defaults);
    for c in COMPUTED {
        assert!(ext.remove(c), "settings.js DEFAULTS should carry the computed {c}");
    }
    let in_schema: BTreeSet<String> = schema::setting_names(&schema).into_iter().collect();
    assert_eq!(ext, in_schema, "top-level settings: extension (left) vs managed_schema.json (right)");
    for group in ["enforcement", "checks"] {
        let ext_sub = keys(&defaults[group]);
        let schema_sub = keys(&schema["properties"][group]["properties"]);
        assert_eq!(ext_sub, schema_sub, "{group}.*: extension vs schema");
    }
    let pattern_props = keys(&schema["properties"]["orgPatterns"]["items"]["properties"]);
    assert_eq!(pattern_props, ["category", "name", "pattern"].iter().map(|s| s.to_string()).collect());
}

#[test]
fn extension_defaults_pass_the_cli_validator() {
    let mut defaults = js_literal("DEFAULTS");
    for c in COMPUTED {
        defaults.as_object_mut().unwrap().remove(c);
    }
    let mut errors = Vec::new();
    schema::validate(&schema::managed_schema(), &defaults, "settings", &mut errors);
    rules::check_settings(&defaults, "settings", &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn value_rules_agree() {
    let levels = js_literal("LEVELS");
    assert_eq!(levels, serde_json::json!(rules::LEVELS));
    let cats = js_literal("PATTERN_CATEGORIES");
    assert_eq!(cats, serde_json::json!(rules::pattern_categories()));
    let limits = js_literal("LIMITS");
    let want = [
        ("allowlistEntries", rules::MAX_ALLOWLIST_ENTRIES),
        ("allowlistEntryChars", rules::MAX_ALLOWLIST_ENTRY_CHARS),
        ("orgPatterns", rules::MAX_ORG_PATTERNS),
        ("patternBytes", safepost::text::org_patterns::MAX_PATTERN_LEN),
        ("patternNameChars", rules::MAX_PATTERN_NAME_CHARS),
        ("extraSites", rules::MAX_EXTRA_SITES),
        ("extraSiteChars", rules::MAX_EXTRA_SITE_CHARS),
        ("orgNameChars", rules::MAX_ORG_NAME_CHARS),
        ("supportUrlChars", rules::MAX_SUPPORT_URL_CHARS),
    ];
    assert_eq!(keys(&limits).len(), want.len(), "every LIMITS entry is compared");
    for (k, n) in want {
        assert_eq!(limits[k], serde_json::json!(n), "LIMITS.{k}");
    }
}
