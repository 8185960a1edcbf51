//! WASM exports for the photo checks, called by the service worker's
//! `handlers/photo.js`. The face model is not compiled in (it would double
//! the wasm): the handler fetches the packaged
//! `models/seeta_fd_frontal_v1.0.bin` and passes its bytes once.

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::image::strip::{strip, Strip};
use crate::image::{check_pixels_split, inspect, FaceDetector, FileInput, Pixels};
use crate::text::Analyzer;

thread_local! {
    static DETECTOR: RefCell<Option<FaceDetector>> = const { RefCell::new(None) };
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Load the SeetaFace model from its bytes (kept for the worker's lifetime).
#[wasm_bindgen]
pub fn photo_load_model(bytes: &[u8]) -> Result<(), JsValue> {
    let d = FaceDetector::from_model_bytes(bytes).map_err(|e| JsValue::from_str(&e))?;
    DETECTOR.with(|cell| *cell.borrow_mut() = Some(d));
    Ok(())
}

/// Whether [`photo_load_model`] has succeeded in this worker.
#[wasm_bindgen]
pub fn photo_model_loaded() -> bool {
    DETECTOR.with(|cell| cell.borrow().is_some())
}

/// Step 1 on the file's bytes (or its head, with `tail`, when `complete`
/// is false): `Inspection` as JSON-compatible object.
#[wasm_bindgen]
pub fn photo_inspect(bytes: &[u8], tail: Option<Vec<u8>>, file_name: Option<String>, complete: bool, allowlist: Vec<String>) -> Result<JsValue, JsValue> {
    if !crate::text::lexicon::bundle::ready() {
        return Err(JsValue::from_str("SafePost word lists are not loaded (install_lexicons)"));
    }
    let analyzer = Analyzer::new().with_allowlist(allowlist);
    let input = FileInput { bytes, tail: tail.as_deref(), file_name: file_name.as_deref(), complete };
    to_js(&inspect(&input, &analyzer))
}

/// Step 2: `gray` (one byte per pixel, `width`×`height`, the detector's
/// size) for faces, and a small RGB image (`color`, `cw`×`ch`) for the
/// clinical cues; both drawn by the page on an OffscreenCanvas.
#[wasm_bindgen]
pub fn photo_check_pixels(gray: &[u8], width: u32, height: u32, color: &[u8], cw: u32, ch: u32) -> Result<JsValue, JsValue> {
    if gray.len() as u64 != width as u64 * height as u64 {
        return Err(JsValue::from_str("the gray buffer does not match its size"));
    }
    let c = Pixels::new(cw, ch, 3, color).map_err(|e| JsValue::from_str(&e))?;
    DETECTOR.with(|cell| {
        let mut guard = cell.borrow_mut();
        to_js(&check_pixels_split(gray, width, height, &c, guard.as_mut()))
    })
}

#[derive(Serialize)]
struct StripReply {
    /// `stripped` | `reencode` | `malformed`
    status: &'static str,
    reason: Option<String>,
}

/// Lossless strip: returns the clean bytes, or `undefined` with the reason
/// in `photo_strip_status` semantics folded into an error message.
#[wasm_bindgen]
pub fn photo_strip(bytes: &[u8], orientation: Option<u16>) -> Result<Option<Vec<u8>>, JsValue> {
    match strip(bytes, orientation) {
        Strip::Stripped(b) => Ok(Some(b)),
        Strip::NeedsReencode => Ok(None),
        Strip::Malformed(e) => Err(to_js(&StripReply { status: "malformed", reason: Some(e) })?),
    }
}
