//! One file per subcommand.

pub mod bench;
pub mod eval;
pub mod photo;
pub mod policy;
pub mod reach;
pub mod scan;
