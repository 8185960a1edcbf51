//! Native decode path for the CLI (JPEG and PNG through the `image` crate,
//! with allocation limits). The extension never uses this: the browser
//! decodes and downscales there.

use image::{DynamicImage, ImageReader, Limits};

use super::dimensions::{MAX_DECODE_PIXELS, MAX_SIDE};

/// Decode to RGB, refusing files that would allocate more than the limits,
/// then downscale so the long side is at most `max_side`. Applies the EXIF
/// orientation so faces are upright for the detector.
pub fn decode_rgb(bytes: &[u8], orientation: Option<u16>, max_side: u32) -> Result<(Vec<u8>, u32, u32), String> {
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_PIXELS * 4);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| format!("the image could not be decoded ({e})"))?;
    let img = orient(img, orientation.unwrap_or(1));
    let img = if img.width().max(img.height()) > max_side {
        img.resize(max_side, max_side, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let rgb = img.to_rgb8();
    let (w, h) = (rgb.width(), rgb.height());
    Ok((rgb.into_raw(), w, h))
}

fn orient(img: DynamicImage, o: u16) -> DynamicImage {
    match o {
        2 => img.fliph(),
        3 => img.rotate180(),
        4 => img.flipv(),
        5 => img.rotate90().fliph(),
        6 => img.rotate90(),
        7 => img.rotate270().fliph(),
        8 => img.rotate270(),
        _ => img,
    }
}
