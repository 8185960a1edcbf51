//! Photo checks on real sample files (tests/fixtures/images/, see SOURCES.md):
//! faces found in face photos and absent in the non-face samples, GPS/serial/
//! date always found when present, every DICOM flagged, malformed files give
//! a clear "could not check" finding, stripping removes metadata losslessly.

use std::path::Path;

use safepost::image::strip::{strip, Strip};
use safepost::image::{check_file, embedded_face_detector, inspect, FileInput, FileReport, Format};
use safepost::{Analyzer, Category, Severity};

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images").join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn check(name: &str) -> FileReport {
    let mut det = embedded_face_detector().expect("model loads");
    check_file(&fixture(name), Some(name), &Analyzer::new(), Some(&mut det))
}

fn has(r: &FileReport, c: Category) -> bool {
    r.findings.iter().any(|f| f.category == c)
}

fn messages(r: &FileReport) -> String {
    r.findings.iter().map(|f| format!("{}: {}", f.category.as_str(), f.message)).collect::<Vec<_>>().join("\n")
}

#[test]
fn faces_found_in_face_photos() {
    for name in ["astronaut.jpg", "astronaut_phone.jpg"] {
        let r = check(name);
        let face = r.findings.iter().find(|f| f.category == Category::PhotoFace);
        let face = face.unwrap_or_else(|| panic!("{name}: no face\n{}", messages(&r)));
        assert_eq!(face.severity, Severity::Absolute, "{name}");
        assert!(face.message.contains("full-face photograph"), "{}", face.message);
        let s = r.pixels.as_ref().and_then(|p| p.faces.clone()).expect("faces ran");
        assert!(s.count >= 1 && s.largest_share > 0.01 && s.largest_share < 0.5, "{s:?}");
    }
}

/// Gray pixels of a fixture at `side` px long side (the CLI's decoder).
fn gray_of(name: &str, side: u32) -> image::GrayImage {
    let (rgb, w, h) = safepost::image::decode::decode_rgb(&fixture(name), None, side).expect("decodes");
    image::DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, rgb).expect("rgb")).to_luma8()
}

/// Recall over face sizes and positions, not just the two face fixtures as
/// shot: each face photo is scaled so its face spans 9% to 30% of the long
/// side of a 1024 × 768 frame and pasted at different places on non-face
/// photos. The detector's smallest face is ~8% of the long side (faces.rs).
#[test]
fn faces_found_at_sizes_down_to_a_tenth_of_the_frame() {
    let mut det = embedded_face_detector().expect("model loads");
    let backgrounds: Vec<_> = ["coffee.jpg", "rocket.jpg", "chelsea.jpg", "motorcycle.jpg"]
        .iter()
        .map(|b| image::imageops::resize(&gray_of(b, 1024), 1024, 768, image::imageops::FilterType::Triangle))
        .collect();
    let mut missed = Vec::new();
    let mut total = 0;
    for name in ["astronaut.jpg", "camera.png"] {
        let face = gray_of(name, 1024);
        let alone = det.detect(face.as_raw(), face.width(), face.height());
        // Boxes are in the analysed frame's pixels (long side at most DETECT_SIDE).
        let frame_side = face.width().max(face.height()).min(safepost::image::faces::DETECT_SIDE) as f32;
        let share = alone.boxes.iter().map(|b| b[2] as f32).fold(0.0, f32::max) / frame_side;
        assert!(share > 0.0, "{name}: no face in the original");
        for target in [0.09f32, 0.12, 0.16, 0.22, 0.30] {
            let k = target / share * 1024.0 / face.width().max(face.height()) as f32;
            let (w, h) = ((face.width() as f32 * k) as u32, (face.height() as f32 * k) as u32);
            let small = image::imageops::resize(&face, w.min(1024), h.min(768), image::imageops::FilterType::Triangle);
            for (i, bg) in backgrounds.iter().enumerate() {
                let mut canvas = bg.clone();
                let x = (1024 - small.width()) as i64 * (i as i64 * 37 % 100) / 100;
                let y = (768 - small.height()) as i64 * (i as i64 * 61 % 100) / 100;
                image::imageops::overlay(&mut canvas, &small, x, y);
                total += 1;
                if det.detect(canvas.as_raw(), 1024, 768).count == 0 {
                    missed.push(format!("{name} face at {:.0}% on background {i}", target * 100.0));
                }
            }
        }
    }
    assert!(missed.is_empty(), "missed {} of {total}: {missed:?}", missed.len());
}

#[test]
fn no_faces_in_non_face_samples() {
    for name in ["coffee.jpg", "rocket.jpg", "chelsea.jpg", "motorcycle.jpg", "hubble.jpg", "moon.jpg", "phantom.png"] {
        let r = check(name);
        assert!(r.pixels.is_some(), "{name}: pixels were not checked\n{}", messages(&r));
        assert!(!has(&r, Category::PhotoFace), "{name}: false face\n{}", messages(&r));
    }
}

#[test]
fn gps_serial_and_dates_found_when_present() {
    let r = check("coffee_gps.jpg");
    let m = messages(&r);
    assert!(m.contains("GPS location in the file: 37.77, -122.41"), "{m}");
    assert!(m.contains("042101234567") && m.contains("9912345"), "{m}");
    assert!(m.contains("2026-11-20 14:32"), "{m}");
    assert!(m.contains("Dana Whitfield"), "{m}");
    // The comment and caption fields hold record numbers: the text checks ran on them.
    assert!(r.findings.iter().any(|f| f.message.contains("UserComment") && f.severity == Severity::Absolute), "{m}");
    assert!(r.findings.iter().any(|f| f.message.contains("IPTC Caption")), "{m}");

    let r = check("chelsea_gps_only.jpg");
    assert!(messages(&r).contains("51.50, -0.12"), "{}", messages(&r));
    let r = check("coffee_meta.png");
    let m = messages(&r);
    assert!(m.contains("34.05, -118.24") && m.contains("2026-09-09 10:10"), "{m}");
    assert!(r.findings.iter().any(|f| f.message.contains("PNG Comment")), "{m}");
    let r = check("chelsea_meta.webp");
    let m = messages(&r);
    assert!(m.contains("48.85, 2.35") && m.contains("A1B2C3D4") && m.contains("Dana Whitfield"), "{m}");
    let r = check("rocket_rotated.jpg");
    let m = messages(&r);
    assert!(m.contains("SN-77881") && m.contains("2025-05-01 08:00"), "{m}");
    assert_eq!(r.inspection.orientation, Some(6));
    let r = check("astronaut_phone.jpg");
    assert!(messages(&r).contains("embedded preview image"), "{}", messages(&r));
}

#[test]
fn plain_samples_have_no_metadata_findings() {
    for name in ["coffee.jpg", "rocket.jpg", "chelsea.jpg"] {
        let r = check(name);
        assert!(r.findings.is_empty(), "{name}\n{}", messages(&r));
    }
}

#[test]
fn every_dicom_is_flagged() {
    for name in [
        "CT_small.dcm",
        "MR_small.dcm",
        "MR_small_implicit.dcm",
        "MR_small_bigendian.dcm",
        "ExplVR_LitEndNoMeta.dcm",
        "ExplVR_BigEndNoMeta.dcm",
        "rtplan.dcm",
        "JPEG-lossy.dcm",
        "scan_disguised.jpg",
    ] {
        let r = check(name);
        assert_eq!(r.inspection.format, Format::Dicom, "{name}");
        assert!(has(&r, Category::PhotoDicom), "{name}\n{}", messages(&r));
    }
    for name in ["CT_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "rtplan.dcm", "scan_disguised.jpg"] {
        let r = check(name);
        let f = r.findings.iter().find(|f| f.category == Category::PhotoDicom).unwrap();
        assert_eq!(f.severity, Severity::Absolute, "{name}: {}", f.message);
        assert!(f.message.contains("PatientName") && f.message.contains("PatientID"), "{name}: {}", f.message);
    }
}

#[test]
fn clinical_cue_on_ct_like_phantom_not_on_photos() {
    assert!(has(&check("phantom.png"), Category::PhotoClinical));
    for name in ["coffee.jpg", "chelsea.jpg", "astronaut.jpg", "motorcycle.jpg"] {
        assert!(!has(&check(name), Category::PhotoClinical), "{name}");
    }
}

#[test]
fn malformed_files_say_they_could_not_be_checked() {
    for name in [
        "truncated.jpg",
        "truncated_header.jpg",
        "empty.png",
        "not_an_image.png",
        "huge_header.png",
        "huge_header.jpg",
        "zip_bomb.png",
    ] {
        let r = check(name);
        let f = r.findings.iter().find(|f| f.category == Category::PhotoUnreadable);
        let f = f.unwrap_or_else(|| panic!("{name}: no unreadable finding\n{}", messages(&r)));
        assert!(f.message.starts_with("SafePost could not check this image"), "{}", f.message);
        assert!(r.pixels.is_none(), "{name}: pixels must not be decoded");
    }
    let r = check("huge_header.png");
    assert!(messages(&r).contains("30000 × 30000"), "{}", messages(&r));
    // Metadata before the cut is still reported.
    assert!(messages(&check("truncated.jpg")).contains("37.77, -122.41"));
}

#[test]
fn file_names_with_identifiers_are_flagged() {
    let bytes = fixture("coffee.jpg");
    let r = inspect(
        &FileInput { bytes: &bytes, tail: None, file_name: Some("wound MRN 48213377.jpg"), complete: true },
        &Analyzer::new(),
    );
    assert!(r.findings.iter().any(|f| f.message.contains("file name")), "{:?}", r.findings);
    let r = inspect(&FileInput { bytes: &bytes, tail: None, file_name: Some("coffee.jpg"), complete: true }, &Analyzer::new());
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

fn stripped(name: &str) -> Vec<u8> {
    let bytes = fixture(name);
    let info = inspect(&FileInput { bytes: &bytes, tail: None, file_name: None, complete: true }, &Analyzer::new());
    match strip(&bytes, info.orientation) {
        Strip::Stripped(b) => b,
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn stripping_removes_hidden_data_and_keeps_pixels_and_orientation() {
    for name in ["coffee_gps.jpg", "coffee_meta.png", "chelsea_meta.webp", "astronaut_phone.jpg", "rocket_rotated.jpg"] {
        let clean = stripped(name);
        let mut det = embedded_face_detector().unwrap();
        let r = check_file(&clean, None, &Analyzer::new(), Some(&mut det));
        let leftover: Vec<_> = r
            .findings
            .iter()
            .filter(|f| matches!(f.category, Category::PhotoLocation | Category::PhotoMetadata | Category::PhotoUnreadable))
            .collect();
        assert!(leftover.is_empty(), "{name}: {leftover:?}");
        assert_eq!(r.inspection.dimensions, check(name).inspection.dimensions, "{name}");
    }
    // Same decoded pixels (lossless: the entropy-coded data is copied).
    let a = image::load_from_memory(&fixture("coffee_gps.jpg")).unwrap().to_rgb8();
    let b = image::load_from_memory(&stripped("coffee_gps.jpg")).unwrap().to_rgb8();
    assert_eq!(a.as_raw(), b.as_raw());
    // Orientation survives (as the only EXIF field).
    let clean = stripped("rocket_rotated.jpg");
    let info = inspect(&FileInput { bytes: &clean, tail: None, file_name: None, complete: true }, &Analyzer::new());
    assert_eq!(info.orientation, Some(6));
    // Face still found after stripping (pixels unchanged).
    let mut det = embedded_face_detector().unwrap();
    let r = check_file(&stripped("astronaut_phone.jpg"), None, &Analyzer::new(), Some(&mut det));
    assert!(has(&r, Category::PhotoFace));
}

#[test]
fn strip_refuses_damaged_and_defers_other_formats() {
    assert!(matches!(strip(&fixture("truncated_header.jpg"), None), Strip::Malformed(_)));
    assert_eq!(strip(&fixture("tiny.gif"), None), Strip::NeedsReencode);
}

#[test]
fn partial_send_of_a_jpeg_head_and_tail_finds_the_same_metadata() {
    let bytes = fixture("coffee_gps.jpg");
    let (_, sos) = safepost::image::strip::jpeg_segments(&bytes).unwrap();
    let head = &bytes[..sos + 2];
    let tail = &bytes[bytes.len() - 4096..];
    let full = inspect(&FileInput { bytes: &bytes, tail: None, file_name: None, complete: true }, &Analyzer::new());
    let part = inspect(&FileInput { bytes: head, tail: Some(tail), file_name: None, complete: false }, &Analyzer::new());
    assert_eq!(full.findings, part.findings);
    assert!(part.decode);
    // A cut file is still caught from its tail.
    let cut = fixture("truncated.jpg");
    let r = inspect(&FileInput { bytes: head, tail: Some(&cut[cut.len() - 4096..]), file_name: None, complete: false }, &Analyzer::new());
    assert!(r.findings.iter().any(|f| f.category == Category::PhotoUnreadable));
}

#[test]
fn head_only_send_of_a_jpeg_without_exif_is_clean() {
    let bytes = fixture("coffee.jpg");
    let (_, sos) = safepost::image::strip::jpeg_segments(&bytes).unwrap();
    let tail = &bytes[bytes.len() - 4096..];
    let r = inspect(&FileInput { bytes: &bytes[..sos + 2], tail: Some(tail), file_name: None, complete: false }, &Analyzer::new());
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}
