//! The thin wasm-bindgen layer the extension calls (built only for wasm32).
//! Owned by the extension issue; `reach` and `photo` hold their exports.

mod photo;
mod reach;
mod policy;
