//! The Google Admin console's "Policy for extensions" upload: each setting
//! wrapped as `{"<name>": {"Value": ...}}`.

use serde_json::{json, Map, Value};

use super::{pretty, GeneratedFile};
use crate::policy::AdminConfig;

pub(super) fn file(cfg: &AdminConfig) -> GeneratedFile {
    let wrapped: Map<String, Value> = cfg.settings.iter().map(|(k, v)| (k.clone(), json!({ "Value": v }))).collect();
    GeneratedFile {
        path: "google-admin/safepost-policy.json".into(),
        bytes: pretty(&Value::Object(wrapped)),
        note: "Google Admin console: Devices > Chrome > Apps & extensions > SafePost > Policy for extensions",
    }
}
