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
    fn odd_unicode_never_panics_and_offsets_stay_in_range(s in ODD, reply in proptest::option::of(ODD)) {
        check_offsets(&s, &PostContext::default());
        let ctx = PostContext { platform: None, kind: Some("reply".into()), reply_to: reply };
        check_offsets(&s, &ctx);
    }

    #[test]
    fn clinical_shaped_text_never_panics(
        s in "([A-Z][a-z]{1,8}|pt|MRN|DOB|room|bed|@[a-z_]{1,10}|[0-9]{1,10}|[/\\-.:,()#]|'s| |\\n|y/o|F|M|🙏|é|°|£|€|’|at|who|#|today|named|name){0,80}",
        reply in proptest::option::of("\\PC{0,80}"),
    ) {
        let ctx = PostContext { platform: Some("x".into()), kind: reply.as_ref().map(|_| "reply".into()), reply_to: reply };
        check_offsets(&s, &ctx);
    }
}

/// Odd Unicode: combining marks, right-to-left text and controls, emoji
/// ZWJ sequences and modifiers, variation selectors, noncharacters, private
/// use, BOM, NUL, line separators, non-ASCII digits, and characters whose
/// case mapping changes length (İ, ß, ﬁ), mixed with clinical tokens.
const ODD: &str = "(\u{301}|\u{336}|\u{20DD}|e\u{301}|مريض|٣٤|שלום|\u{202E}|\u{202B}|\u{200F}|\u{2066}|👩\u{200D}⚕\u{FE0F}|👨\u{200D}👩\u{200D}👧|👍🏽|🏳\u{FE0F}\u{200D}🌈|\u{FE0F}|\u{FFFE}|\u{FFFF}|\u{10FFFF}|\u{E000}|\u{FEFF}|\u{0}|\u{2028}|０１２|İ|ß|ﬁ|ǅ|Σ|pt|MRN|84F|take|20 mg|@jen|room 4|today|you should|\\.|,| |\n|[0-9]{1,4}){0,120}";

fn time_of(text: &str) -> f64 {
    time_with(text, &PostContext::default())
}

/// The faster of two runs: one scheduling hiccup on a busy machine must not
/// read as super-linear growth (the ratio checked is ~10 when linear and
/// ~100 when quadratic, so the bound stays meaningful).
fn time_with(text: &str, ctx: &PostContext) -> f64 {
    (0..2)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(analyze(text, ctx));
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn reply_ctx() -> PostContext {
    PostContext { platform: Some("reddit".into()), kind: Some("reply".into()), reply_to: Some("my chest hurts, can I take ibuprofen?".into()) }
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
        "e\u{301}\u{336} مريض \u{202E}84F\u{202C} 👩\u{200D}⚕\u{FE0F}👍🏽 \u{FEFF}\u{10FFFF}İß ",
        "that's GERD. take omeprazole 20 mg twice a day, you should stop the ibuprofen. ",
        "our 92-year-old patient in room 4 at St. Mary's this morning, a retired teacher, her husband ",
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
        // The advice check runs only on replies: time it too, on the units
        // that give it sentences with medical content to judge.
        if !(unit.contains("take") || unit.contains("mg") || unit.contains("patient")) {
            continue;
        }
        let ctx = reply_ctx();
        let r_small = time_with(&small, &ctx).max(1e-4);
        let r_big = time_with(&big, &ctx);
        assert!(r_big / r_small < 40.0, "super-linear (reply) on {unit:?}: 100 KB {r_small:.3}s, 1 MB {r_big:.3}s");
    }
}

/// One huge line with no sentence or word breaks, and one with nothing but
/// breaks: the sentence and clause splitters must stay linear too.
#[test]
fn unbroken_and_all_break_inputs_stay_linear() {
    let ctx = reply_ctx();
    for unit in ["take", ". ", ",", "a-"] {
        let small = pathological(unit, 100_000);
        let big = pathological(unit, 1_000_000);
        let t_small = time_with(&small, &ctx).max(1e-4);
        let t_big = time_with(&big, &ctx);
        assert!(t_big / t_small < 40.0, "super-linear on {unit:?}: 100 KB {t_small:.3}s, 1 MB {t_big:.3}s");
    }
}
