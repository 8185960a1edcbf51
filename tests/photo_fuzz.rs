//! Property tests over the photo parsers: arbitrary bytes and mutated real
//! files never panic, hang or claim success on garbage, and every parser
//! returns errors as values.

use proptest::prelude::*;
use safepost::image::strip::strip;
use safepost::image::{dicom, inspect, FileInput};
use safepost::Analyzer;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images").join(name)).unwrap()
}

fn run_all(bytes: &[u8]) {
    let analyzer = Analyzer::new();
    let info = inspect(&FileInput { bytes, tail: Some(bytes), file_name: Some("x.jpg"), complete: true }, &analyzer);
    let _ = strip(bytes, info.orientation);
    let _ = dicom::read(bytes);
    if let Some(d) = info.dimensions {
        // The decode path is only taken within the limits.
        if info.decode {
            assert!(d.refusal().is_none());
        }
    }
}

/// Real files to mutate: one per parser family.
const SEEDS: &[&str] = &["coffee_gps.jpg", "coffee_meta.png", "chelsea_meta.webp", "CT_small.dcm", "MR_small_implicit.dcm", "rtplan.dcm", "tiny.gif"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        run_all(&bytes);
    }

    #[test]
    fn arbitrary_bytes_behind_real_magic_never_panic(
        magic in prop::sample::select(vec![
            b"\xFF\xD8\xFF\xE1".to_vec(), b"\x89PNG\r\n\x1a\n".to_vec(), b"RIFF\0\0\0\0WEBPVP8X".to_vec(),
            b"\0\0\0\x18ftypisom".to_vec(), b"\0\0\0\x18ftypheic".to_vec(), b"II*\0".to_vec(), b"MM\0*".to_vec(),
            b"\x08\0\x05\0CS".to_vec(),
        ]),
        body in proptest::collection::vec(any::<u8>(), 0..4096),
    ) {
        let mut b = magic;
        b.extend(body);
        run_all(&b);
    }

    #[test]
    fn mutated_real_files_never_panic(
        seed in 0..SEEDS.len(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut b = fixture(SEEDS[seed]);
        for (i, v) in flips {
            let at = i.index(b.len());
            b[at] = v;
        }
        let keep = cut.index(b.len()) + 1;
        run_all(&b);
        run_all(&b[..keep]);
    }
}
