//! WASM exports for the photo checks (not yet implemented).
