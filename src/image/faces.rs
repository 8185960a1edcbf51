//! Faces, with `rustface` (SeetaFace frontal detector, BSD-2-Clause). The
//! 1.2 MB model is not compiled into the wasm: the extension ships it as
//! `extension/models/seeta_fd_frontal_v1.0.bin` and passes its bytes at first
//! use; the native CLI embeds the same file.

use serde::Serialize;

/// Long side the detector works at (the page sends gray pixels at this size).
pub const DETECT_SIDE: u32 = 512;

/// Passed to the detector as its minimum face size, but rustface 0.1.7
/// ignores it (its image pyramid never upscales; the call that would is
/// commented out upstream): the smallest face found is the model's 40 px
/// window at [`DETECT_SIDE`], i.e. about 8% of the photo's long side
/// (320 px in a 4000 px photo). Kept at the window size so the setting says
/// what the detector really does.
pub const MIN_FACE: u32 = 40;
/// Scale step between pyramid levels. 0.6 (SeetaFace's default is 0.8)
/// visits ~40% fewer windows than 0.7 and still finds every face of 8% of
/// the long side or more in the placement test (`tests/photo_checks.rs`);
/// the face check is most of the 150 ms budget for a 12 MP photo.
pub const PYRAMID_SCALE: f32 = 0.6;
/// Window step in pixels (SeetaFace's default is 4): 5 visits ~35% fewer
/// windows; the scores on the face fixtures stay far above the threshold
/// (they rise, in fact: 10.6 → 14.4 on the astronaut) and the placement
/// test's recall is unchanged.
pub const WINDOW_STEP: u32 = 5;

/// A face share of the frame at or above this reads as "full frame": the
/// face is the subject of the photo (the detector's boxes are tight, eyes
/// to mouth: a head-and-shoulders portrait scores ~4%).
pub const FULL_FRAME_SHARE: f32 = 0.025;

/// How many faces, and how much of the frame the largest one fills.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct FaceSummary {
    pub count: usize,
    /// Largest face box area / frame area, 0..=1.
    pub largest_share: f32,
    /// Boxes as [x, y, w, h] in the analysed frame's pixels.
    pub boxes: Vec<[i32; 4]>,
    pub best_score: f64,
}

/// A loaded detector (model parsing takes ~20 ms, so it is kept).
pub struct FaceDetector {
    inner: Box<dyn rustface::Detector>,
}

impl FaceDetector {
    /// Parse the SeetaFace model file. Bad bytes are an error, not a panic:
    /// the model reader panics on unknown classifier kinds, so a size and
    /// header sanity check comes first.
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Self, String> {
        if bytes.len() < 1024 {
            return Err(format!("the face model is {} bytes; expected the 1.2 MB SeetaFace model", bytes.len()));
        }
        let model = rustface::read_model(std::io::Cursor::new(bytes)).map_err(|e| format!("the face model could not be read: {e}"))?;
        let mut inner = rustface::create_detector_with_model(model);
        inner.set_min_face_size(MIN_FACE);
        inner.set_score_thresh(2.0);
        inner.set_pyramid_scale_factor(PYRAMID_SCALE);
        inner.set_slide_window_step(WINDOW_STEP, WINDOW_STEP);
        Ok(FaceDetector { inner })
    }

    /// Detect faces on a gray image (downscaled here to [`DETECT_SIDE`]).
    pub fn detect(&mut self, gray: &[u8], width: u32, height: u32) -> FaceSummary {
        if width < 20 || height < 20 || gray.len() as u64 != width as u64 * height as u64 {
            return FaceSummary::default();
        }
        let (small, w, h) = super::pixels::downscale_gray(gray, width, height, DETECT_SIDE);
        if w < 20 || h < 20 {
            return FaceSummary::default();
        }
        let image = rustface::ImageData::new(&small, w, h);
        let faces = self.inner.detect(&image);
        let frame = (w as f32) * (h as f32);
        let mut s = FaceSummary { count: faces.len(), ..Default::default() };
        for f in &faces {
            let b = f.bbox();
            // Clip to the frame: boxes at the edge can extend past it.
            let x0 = b.x().max(0) as f32;
            let y0 = b.y().max(0) as f32;
            let x1 = ((b.x() + b.width() as i32) as f32).min(w as f32);
            let y1 = ((b.y() + b.height() as i32) as f32).min(h as f32);
            let share = ((x1 - x0).max(0.0) * (y1 - y0).max(0.0)) / frame;
            s.largest_share = s.largest_share.max(share);
            s.best_score = s.best_score.max(f.score());
            s.boxes.push([b.x(), b.y(), b.width() as i32, b.height() as i32]);
        }
        s
    }
}
