//! A decoded (usually downscaled) pixel buffer, as the extension sends it
//! from `OffscreenCanvas.getImageData` (RGBA) or the CLI decodes it.

/// Pixels in row-major order with 1 (gray), 3 (RGB) or 4 (RGBA) channels.
pub struct Pixels<'a> {
    pub width: u32,
    pub height: u32,
    pub channels: u8,
    pub data: &'a [u8],
}

impl<'a> Pixels<'a> {
    /// Check the buffer matches its declared size (a mismatch from the page
    /// is an error, not a panic).
    pub fn new(width: u32, height: u32, channels: u8, data: &'a [u8]) -> Result<Self, String> {
        if width == 0 || height == 0 {
            return Err("the pixel buffer is empty".into());
        }
        if !matches!(channels, 1 | 3 | 4) {
            return Err(format!("unsupported channel count {channels}"));
        }
        let need = width as u64 * height as u64 * channels as u64;
        if need != data.len() as u64 {
            return Err(format!("the pixel buffer holds {} bytes, {width}×{height}×{channels} needs {need}", data.len()));
        }
        Ok(Pixels { width, height, channels, data })
    }

    /// Luma (BT.601), one byte per pixel, as the face detector wants it.
    pub fn gray(&self) -> Vec<u8> {
        let c = self.channels as usize;
        if c == 1 {
            return self.data.to_vec();
        }
        self.data
            .chunks_exact(c)
            .map(|p| ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114 + 500) / 1000) as u8)
            .collect()
    }

    /// Mean over pixels of the largest channel difference: ~0 for grayscale.
    pub fn colorfulness(&self) -> f32 {
        let c = self.channels as usize;
        if c == 1 {
            return 0.0;
        }
        let mut sum = 0u64;
        let mut n = 0u64;
        for p in self.data.chunks_exact(c) {
            let (r, g, b) = (p[0] as i32, p[1] as i32, p[2] as i32);
            sum += (r - g).abs().max((g - b).abs()).max((r - b).abs()) as u64;
            n += 1;
        }
        if n == 0 {
            0.0
        } else {
            sum as f32 / n as f32
        }
    }
}

/// Nearest-neighbour-free box downscale of a gray image so the long side is
/// at most `max_side` (the detector's cost grows with area).
pub fn downscale_gray(gray: &[u8], w: u32, h: u32, max_side: u32) -> (Vec<u8>, u32, u32) {
    let long = w.max(h);
    if long <= max_side {
        return (gray.to_vec(), w, h);
    }
    let scale = max_side as f64 / long as f64;
    let nw = ((w as f64 * scale).round() as u32).max(1);
    let nh = ((h as f64 * scale).round() as u32).max(1);
    let mut out = vec![0u8; (nw * nh) as usize];
    for y in 0..nh {
        let y0 = (y as u64 * h as u64 / nh as u64) as u32;
        let y1 = (((y + 1) as u64 * h as u64 / nh as u64) as u32).max(y0 + 1).min(h);
        for x in 0..nw {
            let x0 = (x as u64 * w as u64 / nw as u64) as u32;
            let x1 = (((x + 1) as u64 * w as u64 / nw as u64) as u32).max(x0 + 1).min(w);
            let mut s = 0u64;
            for yy in y0..y1 {
                let row = (yy * w) as usize;
                for xx in x0..x1 {
                    s += gray[row + xx as usize] as u64;
                }
            }
            let n = ((y1 - y0) * (x1 - x0)) as u64;
            out[(y * nw + x) as usize] = (s / n.max(1)) as u8;
        }
    }
    (out, nw, nh)
}
