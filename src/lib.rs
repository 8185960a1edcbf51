//! SafePost's core: everything that decides what a clinician should not post.
//!
//! - [`text`]: identifiers (HIPAA Safe Harbor), identifiable patient stories
//!   and personal medical advice in post text.
//! - [`image`]: faces, clinical images, DICOM and hidden metadata in photos.
//! - [`reach`]: analytics import and the reach estimator for a posting time.
//! - [`policy`]: the organisation's managed settings and deployment files.
//! - [`eval`]: scoring the text checks on a labeled file.
//!
//! The same crate builds the native `safepost` CLI and, for wasm32, the
//! thin `wasm-bindgen` layer the extension calls (`src/wasm.rs`).

pub mod eval;
pub mod finding;
pub mod image;
pub mod policy;
pub mod reach;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use finding::{Category, Finding, Severity};
pub use text::{analyze, Analyzer, Checks, PostContext};
