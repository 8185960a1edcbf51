//! Value rules the schema's JSON types cannot express: enforcement levels,
//! linear-time organisation patterns, https links, match patterns, sizes.
//! The extension applies the same rules in `extension/background/settings.js`
//! (where a bad managed value becomes the safest value plus a notice); here
//! they make `safepost policy validate` reject the config with the field
//! named, so an admin never ships a value the extension would ignore.
//! `tests/policy_sync.rs` checks that both sides agree.

use serde_json::Value;

use super::FieldError;
use crate::finding::Category;
use crate::text::OrgPattern;

/// The enforcement levels, mildest first.
pub const LEVELS: [&str; 3] = ["warn", "confirm", "block"];

/// Size limits (the same numbers as `LIMITS` in settings.js).
pub const MAX_ALLOWLIST_ENTRIES: usize = 500;
pub const MAX_ALLOWLIST_ENTRY_CHARS: usize = 200;
pub const MAX_ORG_PATTERNS: usize = 50;
pub const MAX_PATTERN_NAME_CHARS: usize = 80;
pub const MAX_EXTRA_SITES: usize = 50;
pub const MAX_EXTRA_SITE_CHARS: usize = 200;
pub const MAX_ORG_NAME_CHARS: usize = 100;
pub const MAX_SUPPORT_URL_CHARS: usize = 2048;

/// Categories an organisation pattern may report as: the text identifiers.
pub fn pattern_categories() -> Vec<&'static str> {
    all_categories().into_iter().filter(|c| c.is_text_identifier()).map(Category::as_str).collect()
}

fn all_categories() -> Vec<Category> {
    use Category::*;
    vec![
        Name, Location, Date, Age, Phone, Fax, Email, Url, Ip, Handle, Ssn, Mrn, HealthPlan, Account, License, Vehicle,
        Device, Biometric, OtherId, PatientStory, PersonalAdvice, PhotoFace, PhotoLocation, PhotoMetadata, PhotoClinical,
        PhotoDicom, PhotoUnreadable,
    ]
}

fn category_from_str(s: &str) -> Option<Category> {
    all_categories().into_iter().find(|c| c.as_str() == s && c.is_text_identifier())
}

/// Checks an organisation pattern the way the core will run it. `None` = fine.
pub fn org_pattern_problem(name: &str, pattern: &str, category: &str) -> Option<String> {
    let Some(cat) = category_from_str(category) else {
        return Some(format!("category {category:?} is not one of {}", pattern_categories().join(", ")));
    };
    OrgPattern::new(name, pattern, cat).err().map(|e| e.reason)
}

/// Applies the value rules to settings that already passed the schema check.
pub fn check_settings(settings: &Value, path: &str, errors: &mut Vec<FieldError>) {
    let Some(map) = settings.as_object() else { return };
    let field = |k: &str| format!("{path}.{k}");
    for group in ["enforcement"] {
        if let Some(obj) = map.get(group).and_then(Value::as_object) {
            for (k, v) in obj {
                if let Some(s) = v.as_str() {
                    if !LEVELS.contains(&s) {
                        errors.push(FieldError::new(&format!("{path}.{group}.{k}"), format!("{s:?} is not one of {}", LEVELS.join(", "))));
                    }
                }
            }
        }
    }
    if let Some(s) = map.get("orgName").and_then(Value::as_str) {
        check_text(s, MAX_ORG_NAME_CHARS, &field("orgName"), errors);
    }
    if let Some(s) = map.get("supportUrl").and_then(Value::as_str) {
        if !s.is_empty() {
            check_text(s, MAX_SUPPORT_URL_CHARS, &field("supportUrl"), errors);
            if !is_https_url(s) {
                errors.push(FieldError::new(&field("supportUrl"), format!("{s:?} must be an https:// web address")));
            }
        }
    }
    if let Some(list) = map.get("allowlist").and_then(Value::as_array) {
        check_count(list.len(), MAX_ALLOWLIST_ENTRIES, &field("allowlist"), errors);
        for (i, v) in list.iter().enumerate() {
            if let Some(s) = v.as_str() {
                let f = format!("{path}.allowlist[{i}]");
                if s.trim().is_empty() {
                    errors.push(FieldError::new(&f, "is empty".into()));
                }
                check_text(s, MAX_ALLOWLIST_ENTRY_CHARS, &f, errors);
            }
        }
    }
    if let Some(list) = map.get("extraSites").and_then(Value::as_array) {
        check_count(list.len(), MAX_EXTRA_SITES, &field("extraSites"), errors);
        for (i, v) in list.iter().enumerate() {
            if let Some(s) = v.as_str() {
                if s.chars().count() > MAX_EXTRA_SITE_CHARS || !is_site_match_pattern(&s.trim().to_ascii_lowercase()) {
                    errors.push(FieldError::new(
                        &format!("{path}.extraSites[{i}]"),
                        format!("{s:?} is not an https match pattern like https://forum.example.org/*"),
                    ));
                }
            }
        }
    }
    if let Some(list) = map.get("orgPatterns").and_then(Value::as_array) {
        check_count(list.len(), MAX_ORG_PATTERNS, &field("orgPatterns"), errors);
        for (i, v) in list.iter().enumerate() {
            let f = format!("{path}.orgPatterns[{i}]");
            let name = v.get("name").and_then(Value::as_str).unwrap_or("").trim();
            if name.is_empty() {
                errors.push(FieldError::new(&format!("{f}.name"), "is missing: every pattern needs a name for the warning card".into()));
            } else if name.chars().count() > MAX_PATTERN_NAME_CHARS {
                errors.push(FieldError::new(&format!("{f}.name"), format!("is longer than {MAX_PATTERN_NAME_CHARS} characters")));
            }
            let category = match v.get("category").and_then(Value::as_str) {
                None | Some("") => "other_id",
                Some(c) => c,
            };
            if category_from_str(category).is_none() {
                errors.push(FieldError::new(
                    &format!("{f}.category"),
                    format!("{category:?} is not one of {}", pattern_categories().join(", ")),
                ));
                continue;
            }
            match v.get("pattern").and_then(Value::as_str) {
                None => errors.push(FieldError::new(&format!("{f}.pattern"), "is missing".into())),
                Some(p) => {
                    if let Some(problem) = org_pattern_problem(name, p, category) {
                        errors.push(FieldError::new(&format!("{f}.pattern"), problem));
                    }
                }
            }
        }
    }
}

fn check_count(n: usize, max: usize, field: &str, errors: &mut Vec<FieldError>) {
    if n > max {
        errors.push(FieldError::new(field, format!("has {n} entries; at most {max} are allowed")));
    }
}

fn check_text(s: &str, max: usize, field: &str, errors: &mut Vec<FieldError>) {
    let n = s.chars().count();
    if n > max {
        errors.push(FieldError::new(field, format!("is {n} characters; at most {max} are allowed")));
    }
    if s.chars().any(|c| c.is_control()) {
        errors.push(FieldError::new(field, "contains control characters".into()));
    }
}

/// `https://host[:port]/...` with a plausible host.
pub fn is_https_url(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// True for an http(s) URL the browser may fetch from: https anywhere, plain
/// http only on the loopback interface (tests, an on-machine mirror).
pub fn is_fetchable_url(s: &str) -> bool {
    is_https_url(s)
        || ["http://127.0.0.1", "http://localhost", "http://[::1]"]
            .iter()
            .any(|p| s.strip_prefix(p).is_some_and(|r| r.is_empty() || r.starts_with([':', '/'])))
}

/// A Chrome match pattern for a site, as settings.js's SITE_PATTERN:
/// `https://` + `*` or `[*.]host.tld` + `/path`.
pub fn is_site_match_pattern(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://") else { return false };
    let Some((host, path)) = rest.split_once('/') else { return false };
    if path.chars().any(char::is_whitespace) {
        return false;
    }
    if host == "*" {
        return true;
    }
    let host = host.strip_prefix("*.").unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(v: Value) -> Vec<String> {
        let mut e = Vec::new();
        check_settings(&v, "settings", &mut e);
        e.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn rejects_bad_values_by_name() {
        let e = errors(json!({
            "enforcement": {"absolute": "blocks"},
            "supportUrl": "javascript:alert(1)",
            "orgPatterns": [{"name": "SJ", "pattern": "(?=SJ)\\d+"}, {"name": "", "pattern": "\\d{6}"}, {"name": "x", "pattern": "\\d", "category": "photo_face"}],
            "extraSites": ["forum.example.org"],
        }));
        for f in ["settings.enforcement.absolute", "settings.supportUrl", "settings.orgPatterns[0].pattern", "settings.orgPatterns[1].name", "settings.orgPatterns[2].category", "settings.extraSites[0]"] {
            assert!(e.contains(&f.to_string()), "{f} missing in {e:?}");
        }
    }

    #[test]
    fn accepts_good_values() {
        let e = errors(json!({
            "enforcement": {"absolute": "block", "relative": "confirm"},
            "supportUrl": "https://intranet.clinic.example/social-media",
            "orgPatterns": [{"name": "SJ MRN", "pattern": "\\bSJ-\\d{6}\\b", "category": "mrn"}],
            "extraSites": ["https://*.forum.example.org/*"],
            "allowlist": ["(555) 010-0100"],
        }));
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn urls() {
        assert!(is_fetchable_url("http://127.0.0.1:8080/update.xml"));
        assert!(!is_fetchable_url("http://127.0.0.1.evil.example/x"));
        assert!(!is_fetchable_url("http://updates.example.org/x"));
        assert!(is_https_url("https://updates.example.org/x"));
    }
}
