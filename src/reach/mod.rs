//! Posting schedule and estimated reach (issue 5): analytics import, a
//! calibrated reach estimator, walk-forward evaluation and the schedule
//! checks behind the popup. Evidence and constants: `shared/research/reach.md`.
//!
//! - [`import`]: per-platform analytics export parsers (all-or-nothing).
//! - [`model`]: rolling level + weak hour-of-week effect + spacing penalty.
//! - [`interval`]: adaptive split-conformal intervals on the user's errors.
//! - [`estimate`]: the user-facing estimate with drivers and nearby slots.
//! - [`schedule`]: plan, weekly progress, next slot, plan fit.
//! - [`eval`]: walk-forward evaluation against a naive rolling median.

pub mod civil_time;
pub mod csv_reader;
pub mod estimate;
pub mod eval;
pub mod import;
pub mod interval;
pub mod model;
pub mod platform;
pub mod post;
pub mod priors;
pub mod schedule;
pub mod sorted_window;

pub use import::{import_text, ExportFormat, ImportError, ImportOptions, Imported};
pub use model::{Forecaster, ModelConfig, Prediction};
pub use platform::Platform;
pub use post::{merge_history, Post};
