//! The organisation-pattern check for extension/background/settings.js: the
//! same linear-time engine and rules that will run the pattern, so a pattern
//! the core would reject is reported in the options page instead of being
//! silently skipped.

use wasm_bindgen::prelude::*;

/// Why an organisation pattern cannot run, or an empty string when it can.
#[wasm_bindgen]
pub fn validate_org_pattern(name: &str, pattern: &str, category: &str) -> String {
    crate::policy::rules::org_pattern_problem(name, pattern, category).unwrap_or_default()
}
