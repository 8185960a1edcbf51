//! Managed policy for clinic IT: the extension's settings schema, the admin
//! config file, and the deployment files generated from it (Chrome/Edge/
//! Chromium policy JSON for Linux, Windows `.reg`, a macOS `.mobileconfig`,
//! Firefox `policies.json`, and the Google Admin console upload).
//!
//! One schema (`extension/managed_schema.json`) is the single list of
//! settable settings: Chrome checks policy against it, the CLI checks admin
//! configs against it ([`schema`]), and a test checks the extension's
//! `settings.js` defaults against it. Value rules the schema dialect cannot
//! express live in [`rules`] and mirror settings.js.

pub mod config;
pub mod generate;
pub mod rules;
pub mod schema;

pub use config::{AdminConfig, Install};
pub use generate::{generate_all, GeneratedFile};

/// The Chrome/Edge extension ID, fixed by the manifest `key` (self-hosted
/// builds; the CI test key in tests/keys/test-key.pem signs the test CRX).
pub const EXTENSION_ID: &str = "madndafdnoegajbkjcmadfbmdnlmhmpb";
/// The Firefox add-on ID (`browser_specific_settings.gecko.id` in the
/// generated Firefox manifest, scripts/package.sh).
pub const GECKO_ID: &str = "safepost@safepost.app";
/// Update URL of the Chrome Web Store (for a store-listed SafePost).
pub const CHROME_WEB_STORE_UPDATE_URL: &str = "https://clients2.google.com/service/update2/crx";
/// Update URL of Microsoft Edge Add-ons.
pub const EDGE_ADDONS_UPDATE_URL: &str = "https://edge.microsoft.com/extensionwebstorebase/v1/crx";
/// Where Firefox fetches the signed XPI from (AMO's "latest" link).
pub const FIREFOX_AMO_INSTALL_URL: &str = "https://addons.mozilla.org/firefox/downloads/latest/safepost/latest.xpi";

/// A problem with one field of an admin config, e.g.
/// `settings.enforcement.absolute: "blocks" is not one of warn, confirm, block`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: String) -> Self {
        FieldError { field: field.to_string(), message }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}
