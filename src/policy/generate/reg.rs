//! Windows registry files (`.reg`, "Windows Registry Editor Version 5.00"):
//! a small writer, and the parser the tests (and `safepost policy validate`
//! on a .reg) use to read one back. regedit expects UTF-16LE with a byte
//! order mark and CRLF line ends; that is what [`RegFile::to_bytes`] writes.

/// A registry value as Chrome and Edge read policy values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegValue {
    Sz(String),
    Dword(u32),
}

/// `[KEY]` with its values, or `[-KEY]` (delete the key and its subkeys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegSection {
    pub key: String,
    pub delete: bool,
    pub values: Vec<(String, RegValue)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegFile {
    /// Comment lines at the top (written as `; ...`).
    pub comments: Vec<String>,
    pub sections: Vec<RegSection>,
}

const HEADER: &str = "Windows Registry Editor Version 5.00";

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

impl RegFile {
    pub fn section(&mut self, key: &str) -> &mut RegSection {
        self.sections.push(RegSection { key: key.to_string(), delete: false, values: Vec::new() });
        self.sections.last_mut().expect("just pushed")
    }

    pub fn delete(&mut self, key: &str) {
        self.sections.push(RegSection { key: key.to_string(), delete: true, values: Vec::new() });
    }

    pub fn to_text(&self) -> String {
        let mut s = String::from(HEADER);
        s.push_str("\r\n\r\n");
        for c in &self.comments {
            s.push_str("; ");
            s.push_str(c);
            s.push_str("\r\n");
        }
        if !self.comments.is_empty() {
            s.push_str("\r\n");
        }
        for sec in &self.sections {
            s.push_str(if sec.delete { "[-" } else { "[" });
            s.push_str(&sec.key);
            s.push_str("]\r\n");
            for (name, v) in &sec.values {
                s.push('"');
                s.push_str(&escape(name));
                s.push_str("\"=");
                match v {
                    RegValue::Sz(t) => {
                        s.push('"');
                        s.push_str(&escape(t));
                        s.push('"');
                    }
                    RegValue::Dword(d) => s.push_str(&format!("dword:{d:08x}")),
                }
                s.push_str("\r\n");
            }
            s.push_str("\r\n");
        }
        s
    }

    /// UTF-16LE with BOM, as regedit writes and reads version 5.00 files.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        for u in self.to_text().encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
        out
    }
}

impl RegSection {
    pub fn sz(&mut self, name: &str, value: &str) -> &mut Self {
        self.values.push((name.to_string(), RegValue::Sz(value.to_string())));
        self
    }

    pub fn dword(&mut self, name: &str, value: u32) -> &mut Self {
        self.values.push((name.to_string(), RegValue::Dword(value)));
        self
    }
}

/// Reads a .reg file (UTF-16LE with BOM, or UTF-8) back into sections.
pub fn parse(bytes: &[u8]) -> Result<RegFile, String> {
    let text = if bytes.starts_with(&[0xFF, 0xFE]) {
        if bytes.len() % 2 != 0 {
            return Err("odd number of bytes in a UTF-16 file".into());
        }
        let units: Vec<u16> = bytes[2..].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).map_err(|_| "invalid UTF-16".to_string())?
    } else {
        String::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes).to_vec()).map_err(|_| "invalid UTF-8".to_string())?
    };
    let mut lines = text.split("\r\n");
    if lines.next() != Some(HEADER) {
        return Err(format!("the first line must be {HEADER:?}"));
    }
    let mut file = RegFile::default();
    for (n, line) in lines.enumerate() {
        let n = n + 2;
        if line.contains('\n') || line.contains('\r') {
            return Err(format!("line {n}: a bare line break (lines must end with CRLF)"));
        }
        if line.is_empty() {
            continue;
        }
        if let Some(c) = line.strip_prefix("; ") {
            if file.sections.is_empty() {
                file.comments.push(c.to_string());
            }
            continue;
        }
        if let Some(k) = line.strip_prefix('[') {
            let k = k.strip_suffix(']').ok_or(format!("line {n}: a key line must end with ]"))?;
            let (key, delete) = match k.strip_prefix('-') {
                Some(k) => (k, true),
                None => (k, false),
            };
            if !key.starts_with("HKEY_") || key.contains("\\\\") || key.ends_with('\\') {
                return Err(format!("line {n}: {key:?} is not a registry key path"));
            }
            file.sections.push(RegSection { key: key.to_string(), delete, values: Vec::new() });
            continue;
        }
        let sec = file.sections.last_mut().ok_or(format!("line {n}: a value before any [key]"))?;
        if sec.delete {
            return Err(format!("line {n}: values under a [-deleted] key"));
        }
        let (name, rest) = read_quoted(line).ok_or(format!("line {n}: a value name must be quoted"))?;
        let rest = rest.strip_prefix('=').ok_or(format!("line {n}: expected = after the name"))?;
        let value = if let Some(hex) = rest.strip_prefix("dword:") {
            if hex.len() != 8 {
                return Err(format!("line {n}: a dword has 8 hex digits"));
            }
            RegValue::Dword(u32::from_str_radix(hex, 16).map_err(|_| format!("line {n}: bad dword"))?)
        } else {
            let (s, tail) = read_quoted(rest).ok_or(format!("line {n}: a string value must be quoted"))?;
            if !tail.is_empty() {
                return Err(format!("line {n}: text after the closing quote"));
            }
            RegValue::Sz(s)
        };
        sec.values.push((name, value));
    }
    Ok(file)
}

/// A `"..."` string with `\\` and `\"` escapes at the start of `s`, and the rest.
fn read_quoted(s: &str) -> Option<(String, &str)> {
    let body = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, e @ ('\\' | '"'))) => out.push(e),
                _ => return None,
            },
            '"' => return Some((out, &body[i + 1..])),
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_escapes_and_non_ascii() {
        let mut f = RegFile::default();
        f.comments.push("test".into());
        f.delete("HKEY_LOCAL_MACHINE\\SOFTWARE\\X");
        f.section("HKEY_LOCAL_MACHINE\\SOFTWARE\\X").sz("a", "C:\\path \"q\" Clínica ✓").dword("b", 1);
        let back = parse(&f.to_bytes()).unwrap();
        assert_eq!(back, f);
    }

    #[test]
    fn rejects_broken_files() {
        assert!(parse(b"REGEDIT4\r\n").is_err());
        assert!(parse(b"Windows Registry Editor Version 5.00\r\n\"a\"=\"b\"\r\n").is_err());
        assert!(parse(b"Windows Registry Editor Version 5.00\r\n[HKEY_X]\r\n\"a\"=\"b\r\n").is_err());
    }
}
