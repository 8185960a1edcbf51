//! A macOS configuration profile (`.mobileconfig`) for Jamf or any MDM.
//! Chrome and Edge on macOS read an extension's managed configuration from
//! the preference domain `com.google.Chrome.extensions.<id>` /
//! `com.microsoft.Edge.extensions.<id>` (a `3rdparty` key is not read on
//! macOS), and the install policies from `com.google.Chrome` /
//! `com.microsoft.Edge`. UUIDs are derived from the payload identifiers, so
//! a regenerated profile replaces the old one instead of adding a second.

use serde_json::{json, Map, Value};

use super::{extension_settings_entry, forcelist, plist, stable_uuid, GeneratedFile};
use crate::policy::AdminConfig;

fn payload(kind: &str, identifier: &str, name: &str, content: Map<String, Value>) -> Value {
    let mut p = content;
    p.insert("PayloadType".into(), json!(kind));
    p.insert("PayloadIdentifier".into(), json!(identifier));
    p.insert("PayloadUUID".into(), json!(stable_uuid(identifier)));
    p.insert("PayloadVersion".into(), json!(1));
    p.insert("PayloadDisplayName".into(), json!(name));
    Value::Object(p)
}

fn install_payload(cfg: &AdminConfig, domain: &str, id: &str, update_url: &str, browser: &str) -> Value {
    let mut m = Map::new();
    m.insert("ExtensionSettings".into(), json!({ id: extension_settings_entry(cfg, update_url) }));
    if let Some(list) = forcelist(cfg, id, update_url) {
        m.insert("ExtensionInstallForcelist".into(), list);
    }
    payload(domain, &format!("org.safepost.policy.{domain}"), &format!("SafePost install ({browser})"), m)
}

pub(crate) fn profile(cfg: &AdminConfig) -> Value {
    let i = &cfg.install;
    let chrome_domain = format!("com.google.Chrome.extensions.{}", i.chrome_id);
    let edge_domain = format!("com.microsoft.Edge.extensions.{}", i.edge_id);
    let org = cfg.settings.get("orgName").and_then(Value::as_str).filter(|s| !s.is_empty()).unwrap_or("your organisation");
    let content = vec![
        payload(&chrome_domain, &format!("org.safepost.policy.{chrome_domain}"), "SafePost settings (Chrome)", cfg.settings.clone()),
        payload(&edge_domain, &format!("org.safepost.policy.{edge_domain}"), "SafePost settings (Edge)", cfg.settings.clone()),
        install_payload(cfg, "com.google.Chrome", &i.chrome_id, &i.chrome_update_url, "Chrome"),
        install_payload(cfg, "com.microsoft.Edge", &i.edge_id, &i.edge_update_url, "Edge"),
    ];
    json!({
        "PayloadContent": content,
        "PayloadDescription": format!("Installs SafePost in Chrome and Edge and applies {org}'s settings."),
        "PayloadDisplayName": "SafePost for clinicians",
        "PayloadIdentifier": "org.safepost.policy",
        "PayloadOrganization": org,
        "PayloadRemovalDisallowed": true,
        "PayloadScope": "System",
        "PayloadType": "Configuration",
        "PayloadUUID": stable_uuid("org.safepost.policy"),
        "PayloadVersion": 1
    })
}

pub(super) fn file(cfg: &AdminConfig) -> GeneratedFile {
    GeneratedFile {
        path: "macos/safepost.mobileconfig".into(),
        bytes: plist::document(&profile(cfg)).into_bytes(),
        note: "macOS: upload to Jamf Pro (Configuration Profiles > Upload) or any MDM",
    }
}
