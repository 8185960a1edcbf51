//! Linux policy JSON for Google Chrome, Chromium and Microsoft Edge: one file
//! per browser that installs SafePost and sets its managed configuration
//! (`3rdparty.extensions.<id>`). Paths mirror the filesystem under `linux/`,
//! so `sudo cp -r linux/etc /` puts them in place.

use serde_json::{json, Map, Value};

use super::{extension_settings_entry, forcelist, pretty, GeneratedFile};
use crate::policy::AdminConfig;

pub(crate) fn policy_json(cfg: &AdminConfig, id: &str, update_url: &str) -> Value {
    let mut root = Map::new();
    root.insert("ExtensionSettings".into(), json!({ id: extension_settings_entry(cfg, update_url) }));
    if let Some(list) = forcelist(cfg, id, update_url) {
        root.insert("ExtensionInstallForcelist".into(), list);
    }
    root.insert("3rdparty".into(), json!({ "extensions": { id: Value::Object(cfg.settings.clone()) } }));
    Value::Object(root)
}

pub(super) fn files(cfg: &AdminConfig) -> Vec<GeneratedFile> {
    let i = &cfg.install;
    vec![
        GeneratedFile {
            path: "linux/etc/opt/chrome/policies/managed/safepost.json".into(),
            bytes: pretty(&policy_json(cfg, &i.chrome_id, &i.chrome_update_url)),
            note: "Google Chrome on Linux",
        },
        GeneratedFile {
            path: "linux/etc/chromium/policies/managed/safepost.json".into(),
            bytes: pretty(&policy_json(cfg, &i.chrome_id, &i.chrome_update_url)),
            note: "Chromium on Linux (Debian/Ubuntu)",
        },
        GeneratedFile {
            path: "linux/etc/opt/edge/policies/managed/safepost.json".into(),
            bytes: pretty(&policy_json(cfg, &i.edge_id, &i.edge_update_url)),
            note: "Microsoft Edge on Linux",
        },
    ]
}
