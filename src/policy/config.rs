//! The admin config file: one TOML (or JSON) file with an `[install]` table
//! (which extension IDs, from where, how) and a `[settings]` table (the
//! managed settings, exactly as in the extension's schema). Everything is
//! checked before any deployment file is written, and every error names the
//! field (`settings.enforcement.absolute`, `install.chrome_update_url`).

use serde_json::{Map, Value};

use super::{rules, schema, FieldError, CHROME_WEB_STORE_UPDATE_URL, EDGE_ADDONS_UPDATE_URL, EXTENSION_ID, FIREFOX_AMO_INSTALL_URL, GECKO_ID};

/// How browsers install SafePost.
#[derive(Debug, Clone, PartialEq)]
pub struct Install {
    pub chrome_id: String,
    pub edge_id: String,
    pub firefox_id: String,
    pub chrome_update_url: String,
    pub edge_update_url: String,
    pub firefox_install_url: String,
    /// `force_installed` (cannot be removed) or `normal_installed`.
    pub mode: String,
    pub toolbar_pin: bool,
}

/// A checked admin config.
#[derive(Debug, Clone, PartialEq)]
pub struct AdminConfig {
    pub install: Install,
    /// The managed settings object, schema- and rule-checked.
    pub settings: Map<String, Value>,
}

const INSTALL_KEYS: [&str; 8] =
    ["chrome_id", "edge_id", "firefox_id", "chrome_update_url", "edge_update_url", "firefox_install_url", "mode", "toolbar_pin"];
const MODES: [&str; 2] = ["force_installed", "normal_installed"];

/// Parses TOML or JSON text (JSON when it starts with `{`).
pub fn parse_text(text: &str) -> Result<Value, FieldError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        serde_json::from_str(trimmed).map_err(|e| FieldError::new("(file)", format!("not valid JSON: {e}")))
    } else {
        let t: toml::Value = toml::from_str(trimmed).map_err(|e| FieldError::new("(file)", format!("not valid TOML: {}", e.to_string().trim())))?;
        serde_json::to_value(t).map_err(|e| FieldError::new("(file)", format!("unsupported TOML value: {e}")))
    }
}

/// Parses and checks a config; all problems at once, each naming its field.
pub fn load(text: &str) -> Result<AdminConfig, Vec<FieldError>> {
    let root = parse_text(text).map_err(|e| vec![e])?;
    from_value(&root)
}

pub fn from_value(root: &Value) -> Result<AdminConfig, Vec<FieldError>> {
    let mut errors = Vec::new();
    let Some(top) = root.as_object() else {
        return Err(vec![FieldError::new("(file)", "must be a table/object with [install] and [settings]".into())]);
    };
    for k in top.keys() {
        if k != "install" && k != "settings" {
            errors.push(FieldError::new(k, "is not a section of the SafePost admin config (use [install] and [settings])".into()));
        }
    }

    let empty = Map::new();
    let install_map = match top.get("install") {
        None => &empty,
        Some(Value::Object(m)) => m,
        Some(v) => {
            errors.push(FieldError::new("install", format!("must be a table (found {})", schema::json_type(v))));
            &empty
        }
    };
    let install = read_install(install_map, &mut errors);

    let settings = match top.get("settings") {
        None => {
            errors.push(FieldError::new("settings", "is missing: add a [settings] table (it may be empty)".into()));
            Map::new()
        }
        Some(v) => {
            schema::validate(&schema::managed_schema(), v, "settings", &mut errors);
            rules::check_settings(v, "settings", &mut errors);
            v.as_object().cloned().unwrap_or_default()
        }
    };

    if errors.is_empty() {
        Ok(AdminConfig { install, settings })
    } else {
        Err(errors)
    }
}

fn read_install(m: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Install {
    for k in m.keys() {
        if !INSTALL_KEYS.contains(&k.as_str()) {
            errors.push(FieldError::new(&format!("install.{k}"), format!("is not an install option (known: {})", INSTALL_KEYS.join(", "))));
        }
    }
    let mut text = |key: &str, default: &str| -> String {
        match m.get(key) {
            None => default.to_string(),
            Some(Value::String(s)) => s.trim().to_string(),
            Some(v) => {
                errors.push(FieldError::new(&format!("install.{key}"), format!("must be text (found {})", schema::json_type(v))));
                default.to_string()
            }
        }
    };
    let chrome_id = text("chrome_id", EXTENSION_ID);
    let edge_id = text("edge_id", EXTENSION_ID);
    let firefox_id = text("firefox_id", GECKO_ID);
    let chrome_update_url = text("chrome_update_url", CHROME_WEB_STORE_UPDATE_URL);
    let edge_update_url = text("edge_update_url", EDGE_ADDONS_UPDATE_URL);
    let firefox_install_url = text("firefox_install_url", FIREFOX_AMO_INSTALL_URL);
    let mode = text("mode", "force_installed");
    let toolbar_pin = match m.get("toolbar_pin") {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(v) => {
            errors.push(FieldError::new("install.toolbar_pin", format!("must be true or false (found {})", schema::json_type(v))));
            true
        }
    };
    for (key, id) in [("chrome_id", &chrome_id), ("edge_id", &edge_id)] {
        if !is_chromium_extension_id(id) {
            errors.push(FieldError::new(&format!("install.{key}"), format!("{id:?} is not an extension ID (32 letters a-p)")));
        }
    }
    if !is_gecko_id(&firefox_id) {
        errors.push(FieldError::new("install.firefox_id", format!("{firefox_id:?} is not a Firefox add-on ID (name@domain or {{GUID}})")));
    }
    for (key, url) in [("chrome_update_url", &chrome_update_url), ("edge_update_url", &edge_update_url), ("firefox_install_url", &firefox_install_url)] {
        if !rules::is_fetchable_url(url) {
            errors.push(FieldError::new(&format!("install.{key}"), format!("{url:?} must be an https:// address (plain http only on 127.0.0.1/localhost)")));
        }
    }
    if !MODES.contains(&mode.as_str()) {
        errors.push(FieldError::new("install.mode", format!("{mode:?} is not one of {}", MODES.join(", "))));
    }
    Install { chrome_id, edge_id, firefox_id, chrome_update_url, edge_update_url, firefox_install_url, mode, toolbar_pin }
}

/// Chromium extension IDs are 32 characters from a to p (a hex hash, shifted).
pub fn is_chromium_extension_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| (b'a'..=b'p').contains(&b))
}

fn is_gecko_id(s: &str) -> bool {
    let guid = s.len() == 38 && s.starts_with('{') && s.ends_with('}') && s[1..37].chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    let email = s.split_once('@').is_some_and(|(a, b)| {
        !a.is_empty() && !b.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "._-@+".contains(c))
    });
    guid || email
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_json_give_the_same_config() {
        let t = load("[install]\nmode = \"force_installed\"\n[settings]\norgName = \"Clinic\"\n[settings.enforcement]\nabsolute = \"block\"\n").unwrap();
        let j = load(r#"{"install":{"mode":"force_installed"},"settings":{"orgName":"Clinic","enforcement":{"absolute":"block"}}}"#).unwrap();
        assert_eq!(t, j);
        assert_eq!(t.install.chrome_id, EXTENSION_ID);
    }

    #[test]
    fn errors_name_the_field() {
        let e = load("[install]\nchrome_update_url = \"ftp://x\"\nmode = \"always\"\n[settings]\nallowOverride = \"no\"\n[settings.enforcement]\nabsolute = \"blocks\"\n").unwrap_err();
        let f: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        for want in ["install.chrome_update_url", "install.mode", "settings.allowOverride", "settings.enforcement.absolute"] {
            assert!(f.contains(&want), "{want} not in {f:?}");
        }
    }

    #[test]
    fn broken_syntax_is_an_error_not_a_panic() {
        assert!(load("[settings\norgName=").is_err());
        assert!(load("{\"settings\": ").is_err());
        assert!(load("[1, 2]").is_err());
        assert!(load("").is_err()); // no [settings]
    }
}
