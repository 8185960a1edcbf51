//! Byte offsets (what Rust's regex reports) to code-point offsets (the CLI
//! contract) and UTF-16 offsets (JavaScript strings), in one pass.

/// Converts many byte offsets of one text; offsets must be char boundaries.
pub struct OffsetMap {
    /// Sorted (byte, char, utf16) triples at every char boundary that was asked for.
    bytes: Vec<usize>,
    chars: Vec<usize>,
    utf16: Vec<usize>,
    /// The text is ASCII: every offset maps to itself.
    ascii: bool,
}

impl OffsetMap {
    /// Build a map answering for each of `wanted` byte offsets.
    pub fn new(text: &str, wanted: &[usize]) -> Self {
        if text.is_ascii() {
            // One byte is one code point and one UTF-16 unit: nothing to count.
            return OffsetMap { bytes: Vec::new(), chars: Vec::new(), utf16: Vec::new(), ascii: true };
        }
        let mut sorted: Vec<usize> = wanted.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let mut map = OffsetMap { bytes: Vec::new(), chars: Vec::new(), utf16: Vec::new(), ascii: false };
        let (mut ci, mut ui) = (0usize, 0usize);
        let mut next = sorted.iter().peekable();
        for (b, c) in text.char_indices() {
            while let Some(&&w) = next.peek() {
                if w > b {
                    break;
                }
                map.push(w, ci, ui);
                next.next();
            }
            ci += 1;
            ui += c.len_utf16();
        }
        for &w in next {
            map.push(w, ci, ui);
        }
        map
    }

    fn push(&mut self, b: usize, c: usize, u: usize) {
        self.bytes.push(b);
        self.chars.push(c);
        self.utf16.push(u);
    }

    fn index(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte).min(self.bytes.len().saturating_sub(1))
    }

    pub fn char_offset(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        self.chars.get(self.index(byte)).copied().unwrap_or(0)
    }

    pub fn utf16_offset(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        self.utf16.get(self.index(byte)).copied().unwrap_or(0)
    }
}

/// Code-point offset to byte offset (clamped to the text's end).
pub fn char_to_byte(text: &str, char_offset: usize) -> usize {
    text.char_indices().nth(char_offset).map(|(b, _)| b).unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_multibyte_and_astral() {
        let t = "é🙏a";
        let m = OffsetMap::new(t, &[0, 2, 6, 7]);
        assert_eq!(m.char_offset(2), 1);
        assert_eq!(m.char_offset(6), 2);
        assert_eq!(m.utf16_offset(6), 3);
        assert_eq!(m.char_offset(7), 3);
        assert_eq!(m.utf16_offset(7), 4);
        assert_eq!(char_to_byte(t, 2), 6);
    }
}
