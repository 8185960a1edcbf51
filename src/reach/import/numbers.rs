//! Counts as exports write them: `215.0`, `"18,400"`, `1.2K`, `3M`, `-`.

/// Parses a count. `Ok(None)` for an explicit "no value" (`-`, empty,
/// `n/a`); `Err(())` when the text is not a number at all.
pub fn parse_count(raw: &str) -> Result<Option<f64>, ()> {
    let s = raw.trim().trim_matches('"').trim();
    if s.is_empty() || s == "-" || s == "--" || s.eq_ignore_ascii_case("n/a") || s.eq_ignore_ascii_case("na") {
        return Ok(None);
    }
    let (body, mult) = match s.chars().last() {
        Some('k') | Some('K') => (&s[..s.len() - 1], 1e3),
        Some('m') | Some('M') => (&s[..s.len() - 1], 1e6),
        Some('b') | Some('B') => (&s[..s.len() - 1], 1e9),
        _ => (s, 1.0),
    };
    // Thousands separators: commas, thin or normal spaces, apostrophes.
    let cleaned: String = body.chars().filter(|c| !matches!(c, ',' | ' ' | '\u{202f}' | '\u{a0}' | '\'')).collect();
    let v: f64 = cleaned.parse().map_err(|_| ())?;
    if !v.is_finite() || v < 0.0 {
        return Err(());
    }
    Ok(Some(v * mult))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_export_counts() {
        assert_eq!(parse_count("215.0"), Ok(Some(215.0)));
        assert_eq!(parse_count("\"18,400\""), Ok(Some(18400.0)));
        assert_eq!(parse_count("1.2K"), Ok(Some(1200.0)));
        assert_eq!(parse_count("3M"), Ok(Some(3e6)));
        assert_eq!(parse_count("-"), Ok(None));
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count("lots"), Err(()));
        assert_eq!(parse_count("-5"), Err(()));
    }
}
