//! Photo checks: what a clinician's attachment shows (faces, clinical
//! images) and what it hides (GPS, dates, serials, names in EXIF/XMP/IPTC,
//! PNG text, video containers, DICOM patient tags).
//!
//! Two steps, because the browser decodes pixels far faster than Rust in
//! wasm and a service-worker message should stay small:
//! 1. [`inspect`] the file's bytes: format by magic bytes, declared size
//!    (refused before decoding if absurd), metadata, DICOM, file name.
//! 2. [`check_pixels`] on a downscaled pixel buffer: faces and
//!    radiograph-like cues.
//!
//! [`strip::strip`] removes hidden data losslessly where the format allows.

pub mod clinical;
#[cfg(not(target_arch = "wasm32"))]
pub mod decode;
pub mod dicom;
pub mod dimensions;
pub mod exif_fields;
pub mod faces;
pub mod findings;
pub mod iptc;
pub mod metadata;
pub mod pixels;
pub mod png_text;
pub mod sniff;
pub mod strip;
pub mod video;
pub mod xmp;

use serde::Serialize;

use crate::finding::Finding;
use crate::text::Analyzer;
pub use dimensions::Dimensions;
pub use faces::{FaceDetector, FaceSummary};
pub use pixels::Pixels;
pub use sniff::Format;

/// The bytes of one attachment as the checks receive them.
#[derive(Debug, Clone, Copy)]
pub struct FileInput<'a> {
    /// The file, or its first part when `complete` is false.
    pub bytes: &'a [u8],
    /// The file's last bytes when only head and tail were sent (large videos).
    pub tail: Option<&'a [u8]>,
    /// The name the clinician's file had (checked for identifiers, never
    /// trusted for the format).
    pub file_name: Option<&'a str>,
    /// True when `bytes` is the whole file.
    pub complete: bool,
}

/// How hidden data can be removed from this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StripMethod {
    /// JPEG/PNG/WebP: lossless, by [`strip::strip`].
    Lossless,
    /// Other decodable formats: the extension redraws it on a canvas.
    Reencode,
    /// Cannot be cleaned here (video, DICOM, HEIC, damaged files).
    Unsupported,
}

/// The result of step 1.
#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    pub format: Format,
    pub dimensions: Option<Dimensions>,
    /// True when the pixels may be decoded (known format, sane size).
    pub decode: bool,
    pub strip: StripMethod,
    /// EXIF orientation 1..=8, when present.
    pub orientation: Option<u16>,
    pub findings: Vec<Finding>,
    /// How many pieces of hidden data were found (for "remove hidden data").
    pub hidden_items: usize,
}

/// Step 1: everything that can be learnt from the file's bytes.
pub fn inspect(input: &FileInput, analyzer: &Analyzer) -> Inspection {
    let b = input.bytes;
    let format = sniff::sniff(b);
    let mut findings = Vec::new();
    let mut meta = metadata::Metadata::default();
    let mut decode = false;
    let mut dims = None;
    let mut damaged = false;

    if b.is_empty() {
        findings.push(findings::unreadable("the file is empty"));
    } else if format == Format::Unknown {
        let named = input.file_name.map(|n| format!(" (named “{n}”)")).unwrap_or_default();
        findings.push(findings::unreadable(&format!("the file{named} is not an image or video format SafePost recognises")));
    } else if format == Format::Dicom {
        let info = dicom::read(b);
        findings.push(findings::dicom(&info));
        for p in &info.problems {
            findings.push(findings::unreadable(p));
        }
    } else if format.is_video() {
        match format {
            Format::WebM => video::collect_webm(b, &mut meta),
            _ => {
                video::collect_mp4(b, &mut meta);
                if let Some(t) = input.tail {
                    video::collect_mp4_tail(t, &mut meta);
                }
            }
        }
        xmp::collect(b, &mut meta);
    } else {
        dims = dimensions::declared(format, b);
        match dims {
            Some(d) => match d.refusal() {
                Some(why) => {
                    findings.push(findings::unreadable(&why));
                    damaged = true;
                }
                None => decode = format.browser_decodable(),
            },
            None if matches!(format, Format::Jpeg | Format::Png | Format::Gif | Format::WebP | Format::Bmp) => {
                findings.push(findings::unreadable("the image header is missing or cut short"));
                damaged = true;
            }
            None => {}
        }
        if !damaged {
            if let Some(why) = truncation(format, input) {
                findings.push(findings::unreadable(why));
                damaged = true;
                decode = false;
            }
        }
        exif_fields::collect(b, &mut meta);
        xmp::collect(b, &mut meta);
        match format {
            Format::Jpeg => iptc::collect(b, &mut meta),
            Format::Png => png_text::collect(b, &mut meta),
            _ => {}
        }
        if !format.browser_decodable() {
            findings.push(findings::unreadable(&format!(
                "{} images are not decoded here, so faces and clinical content were not checked (metadata was)",
                format.as_str().to_uppercase()
            )));
        }
    }
    for p in &meta.problems {
        if !damaged {
            findings.push(findings::unreadable(p));
        }
    }
    findings.extend(findings::metadata(&meta, analyzer));
    if let Some(name) = input.file_name {
        findings.extend(findings::file_name(name, analyzer));
    }
    let strip = match format {
        Format::Jpeg | Format::Png | Format::WebP if !damaged => StripMethod::Lossless,
        Format::Gif | Format::Bmp | Format::Avif if decode => StripMethod::Reencode,
        _ => StripMethod::Unsupported,
    };
    Inspection { format, dimensions: dims, decode, strip, orientation: meta.orientation, findings, hidden_items: meta.items.len() }
}

/// A complete JPEG ends with EOI, a PNG with IEND: a file cut short in
/// transfer decodes as a half-grey image and hides what it shows. A partial
/// send is judged by its tail (when given).
fn truncation(format: Format, input: &FileInput) -> Option<&'static str> {
    let end = if input.complete { input.bytes } else { input.tail? };
    let last = &end[end.len().saturating_sub(4096)..];
    match format {
        Format::Jpeg => (!last.windows(2).any(|w| w == [0xFF, 0xD9])).then_some("the JPEG file is cut short (no end-of-image marker)"),
        Format::Png if input.complete => match png_text::chunks(end) {
            Some((_, false)) => None,
            _ => Some("the PNG file is cut short"),
        },
        Format::Png => (!last.windows(8).any(|w| w == b"IEND\xAE\x42\x60\x82")).then_some("the PNG file is cut short"),
        _ => None,
    }
}

/// The result of step 2.
#[derive(Debug, Clone, Serialize)]
pub struct PixelCheck {
    pub findings: Vec<Finding>,
    pub faces: Option<FaceSummary>,
    pub clinical: clinical::ClinicalCues,
}

/// Step 2: faces and clinical cues on (downscaled) pixels. Without a
/// detector the face check is reported as not done, never as "no face".
pub fn check_pixels(p: &Pixels, detector: Option<&mut FaceDetector>) -> PixelCheck {
    check_pixels_split(&p.gray(), p.width, p.height, p, detector)
}

/// Step 2 with the two inputs the extension sends: a gray image at the
/// detector's size for faces, and a small colour image for the clinical
/// cues (colour needs far fewer pixels than faces; the message stays small).
pub fn check_pixels_split(gray: &[u8], width: u32, height: u32, color: &Pixels, detector: Option<&mut FaceDetector>) -> PixelCheck {
    let mut out = Vec::new();
    let faces = match detector {
        Some(d) => {
            let s = d.detect(gray, width, height);
            out.extend(findings::faces(&s));
            Some(s)
        }
        None => {
            out.push(findings::unreadable("the face detector is not available, so faces were not checked"));
            None
        }
    };
    let clinical = clinical::cues(color);
    out.extend(findings::clinical(&clinical));
    PixelCheck { findings: out, faces, clinical }
}

/// Everything the checks found in one file (native: the CLI and tests).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub inspection: Inspection,
    pub pixels: Option<PixelCheck>,
    /// Inspection and pixel findings together, as the card shows them.
    pub findings: Vec<Finding>,
}

/// Both steps on a whole file, decoding with [`decode::decode_rgb`].
#[cfg(not(target_arch = "wasm32"))]
pub fn check_file(bytes: &[u8], file_name: Option<&str>, analyzer: &Analyzer, detector: Option<&mut FaceDetector>) -> FileReport {
    let input = FileInput { bytes, tail: None, file_name, complete: true };
    let inspection = inspect(&input, analyzer);
    let mut findings = inspection.findings.clone();
    let mut pixels = None;
    if inspection.decode {
        match decode::decode_rgb(bytes, inspection.orientation, 1024) {
            Ok((rgb, w, h)) => match Pixels::new(w, h, 3, &rgb) {
                Ok(p) => {
                    let check = check_pixels(&p, detector);
                    findings.extend(check.findings.iter().cloned());
                    pixels = Some(check);
                }
                Err(e) => findings.push(findings::unreadable(&e)),
            },
            // GIF/BMP/AVIF have no native decoder here: say so.
            Err(e) => findings.push(findings::unreadable(&e)),
        }
    }
    FileReport { inspection, pixels, findings }
}

/// The SeetaFace model the extension ships, embedded for native use.
#[cfg(not(target_arch = "wasm32"))]
pub fn embedded_face_detector() -> Result<FaceDetector, String> {
    static MODEL: &[u8] = include_bytes!("../../extension/models/seeta_fd_frontal_v1.0.bin");
    FaceDetector::from_model_bytes(MODEL)
}
