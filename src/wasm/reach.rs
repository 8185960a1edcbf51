//! WASM exports for the reach estimator (not yet implemented).
