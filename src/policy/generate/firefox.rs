//! Firefox `policies.json`: installs the signed XPI (`ExtensionSettings`
//! with `install_url`) and sets the managed configuration
//! (`3rdparty.Extensions.<gecko id>`). Firefox does not check the schema;
//! settings.js does, so a bad value still shows a notice there.

use serde_json::{json, Value};

use super::{pretty, GeneratedFile};
use crate::policy::AdminConfig;

pub(super) fn file(cfg: &AdminConfig) -> GeneratedFile {
    let i = &cfg.install;
    let policies = json!({
        "policies": {
            "ExtensionSettings": {
                i.firefox_id.as_str(): { "installation_mode": i.mode, "install_url": i.firefox_install_url }
            },
            "3rdparty": { "Extensions": { i.firefox_id.as_str(): Value::Object(cfg.settings.clone()) } }
        }
    });
    GeneratedFile {
        path: "firefox/policies.json".into(),
        bytes: pretty(&policies),
        note: "Firefox: /etc/firefox/policies/ (Linux), <install dir>/distribution/ (Windows, macOS)",
    }
}
