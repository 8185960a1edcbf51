//! Deployment files from a checked [`AdminConfig`]. Each generator is a pure
//! function config → files (paths relative to the output directory), so the
//! tests parse exactly what the CLI writes.

mod chrome_linux;
mod firefox;
mod google_admin;
mod macos_profile;
pub mod plist;
pub mod reg;
mod windows_reg;

use serde_json::{json, Map, Value};

use super::AdminConfig;

/// One file to write, path relative to the output directory (`/`-separated).
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedFile {
    pub path: String,
    pub bytes: Vec<u8>,
    /// One line for the CLI's summary: where this file goes.
    pub note: &'static str,
}

/// Every deployment file for every browser and OS.
pub fn generate_all(cfg: &AdminConfig) -> Vec<GeneratedFile> {
    let mut out = Vec::new();
    out.extend(chrome_linux::files(cfg));
    out.extend(windows_reg::files(cfg));
    out.push(macos_profile::file(cfg));
    out.push(firefox::file(cfg));
    out.push(google_admin::file(cfg));
    out
}

/// The `ExtensionSettings` entry for one Chromium-family browser.
pub(crate) fn extension_settings_entry(cfg: &AdminConfig, update_url: &str) -> Value {
    let mut e = Map::new();
    e.insert("installation_mode".into(), json!(cfg.install.mode));
    e.insert("update_url".into(), json!(update_url));
    if cfg.install.toolbar_pin {
        e.insert("toolbar_pin".into(), json!("force_pinned"));
    }
    Value::Object(e)
}

/// `ExtensionInstallForcelist` entries (only when force-installing).
pub(crate) fn forcelist(cfg: &AdminConfig, id: &str, update_url: &str) -> Option<Value> {
    (cfg.install.mode == "force_installed").then(|| json!([format!("{id};{update_url}")]))
}

pub(crate) fn pretty(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s.into_bytes()
}

/// A stable UUID-shaped identifier from a name (profiles must keep the same
/// PayloadUUID across regenerations so MDM replaces, not duplicates, them).
pub(crate) fn stable_uuid(name: &str) -> String {
    fn fnv(seed: u64, s: &str) -> u64 {
        let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
        for b in s.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    }
    let a = fnv(0x5afe, name);
    let b = fnv(0x9057, name);
    let hex = format!("{a:016X}{b:016X}");
    format!("{}-{}-5{}-A{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}
