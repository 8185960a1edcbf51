//! The text check never panics and stays linear on any input: arbitrary
//! strings (odd Unicode included), 1 MB inputs, and pathological repeats.

use std::time::Instant;

use proptest::prelude::*;
use safepost::{analyze, PostContext};

fn check_offsets(text: &str, ctx: &PostContext) {
    let n_chars = text.chars().count();
    let n_utf16: usize = text.chars().map(char::len_utf16).sum();
    for f in analyze(text, ctx) {
        assert!(f.start <= f.end && f.end <= n_chars, "bad code-point span {f:?}");
        assert!(f.start_utf16 <= f.end_utf16 && f.end_utf16 <= n_utf16, "bad UTF-16 span {f:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,400}") {
        check_offsets(&s, &PostContext::default());
    }

    #[test]
    fn clinical_shaped_text_never_panics(
        s in "([A-Z][a-z]{1,8}|pt|MRN|DOB|room|bed|@[a-z_]{1,10}|[0-9]{1,10}|[/\\-.:,()#]|'s| |\\n|y/o|F|M|🙏|é){0,80}",
        reply in proptest::option::of("\\PC{0,80}"),
    ) {
        let ctx = PostContext { platform: Some("x".into()), kind: reply.as_ref().map(|_| "reply".into()), reply_to: reply };
        check_offsets(&s, &ctx);
    }
}

fn time_of(text: &str) -> f64 {
    let ctx = PostContext::default();
    let t = Instant::now();
    std::hint::black_box(analyze(text, &ctx));
    t.elapsed().as_secs_f64()
}

/// Inputs that make backtracking engines or quadratic loops blow up.
fn pathological(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

#[test]
fn one_megabyte_inputs_stay_linear() {
    let units = [
        "pt Maria G, 84F from Bakersfield, MRN 00482913, DOB 3/14/1961, call (555) 201-7788. ",
        "1111111111111111111111111111111111111111 ",
        "Aaaaaa Bbbbbbb Cccccc Ddddddd ",
        "@@@@@@@@.......----////",
        "é🙏\u{200d}\u{301}ﬁ ",
        "my patient my patient take take your your ",
    ];
    for unit in units {
        let small = pathological(unit, 100_000);
        let big = pathological(unit, 1_000_000);
        let t_small = time_of(&small).max(1e-4);
        let t_big = time_of(&big);
        // Linear growth is a ratio of ~10; quadratic would be ~100. The bound
        // is loose so a busy machine does not make this flaky.
        assert!(t_big / t_small < 40.0, "super-linear on {unit:?}: 100 KB {t_small:.3}s, 1 MB {t_big:.3}s");
        check_offsets(&small, &PostContext::default());
    }
}
