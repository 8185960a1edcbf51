//! Clinical-image cues from pixels: radiographs, CT and MRI slices are
//! grayscale with a dark field (black background or air) and bright
//! structures. Grayscale alone also fits black-and-white photos, so the cue
//! needs both and is a prompt (relative), never a block.

use serde::Serialize;

use super::pixels::Pixels;

/// Colourfulness below this (mean max channel difference, 0..255) counts as
/// grayscale; JPEG chroma noise in a gray image stays under ~4.
pub const GRAY_MAX_COLORFULNESS: f32 = 6.0;
/// Luma at or below this is "dark field".
pub const DARK_LUMA: u8 = 35;
/// Share of dark pixels a radiograph/CT/MRI frame typically has.
pub const MIN_DARK_SHARE: f32 = 0.30;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClinicalCues {
    pub grayscale: bool,
    pub colorfulness: f32,
    /// Share of pixels with luma ≤ [`DARK_LUMA`].
    pub dark_share: f32,
    /// Share of pixels with luma ≥ 160 (bone, contrast, tissue).
    pub bright_share: f32,
    /// Mean luma of the outer border (8% each side): dark around the body.
    pub border_luma: f32,
    /// All cues together: "looks like an X-ray, CT or MRI image".
    pub radiograph_like: bool,
    pub score: f32,
}

/// Compute the cues on a pixel buffer.
pub fn cues(p: &Pixels) -> ClinicalCues {
    let gray = p.gray();
    let colorfulness = p.colorfulness();
    let n = gray.len().max(1) as f32;
    let dark = gray.iter().filter(|&&v| v <= DARK_LUMA).count() as f32 / n;
    let bright = gray.iter().filter(|&&v| v >= 160).count() as f32 / n;
    let (w, h) = (p.width as usize, p.height as usize);
    let bw = (w * 8 / 100).max(1);
    let bh = (h * 8 / 100).max(1);
    let mut sum = 0u64;
    let mut cnt = 0u64;
    for y in 0..h {
        for x in 0..w {
            if x < bw || x >= w.saturating_sub(bw) || y < bh || y >= h.saturating_sub(bh) {
                sum += gray[y * w + x] as u64;
                cnt += 1;
            }
        }
    }
    let border = if cnt == 0 { 0.0 } else { sum as f32 / cnt as f32 };
    let grayscale = colorfulness <= GRAY_MAX_COLORFULNESS;
    // Bright structure must exist (not just a dark photo), and the field
    // around it must be dark (border or overall).
    let structure = bright >= 0.03 || gray.iter().filter(|&&v| v >= 100).count() as f32 / n >= 0.10;
    let dark_field = dark >= MIN_DARK_SHARE || border <= DARK_LUMA as f32;
    let radiograph_like = grayscale && dark_field && structure;
    let score = if radiograph_like { (0.5 + dark.min(0.5) + (1.0 - colorfulness / GRAY_MAX_COLORFULNESS) * 0.2).min(0.95) } else { 0.0 };
    ClinicalCues { grayscale, colorfulness, dark_share: dark, bright_share: bright, border_luma: border, radiograph_like, score }
}
