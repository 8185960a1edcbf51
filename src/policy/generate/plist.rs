//! XML property lists (Apple's plist 1.0 DTD) from JSON values, for the
//! macOS configuration profile, and a strict reader for the subset written
//! here (dict, array, string, integer, real, true, false) so tests can check
//! that a profile is well-formed and carries the settings unchanged.

use serde_json::{Map, Number, Value};

pub const PROLOGUE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n";

fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' && c != '\r' => {} // not allowed in XML 1.0
            c => o.push(c),
        }
    }
    o
}

/// A whole plist document with `v` as its root.
pub fn document(v: &Value) -> String {
    let mut s = String::from(PROLOGUE);
    s.push_str("<plist version=\"1.0\">\n");
    write(v, 0, &mut s);
    s.push_str("</plist>\n");
    s
}

fn write(v: &Value, depth: usize, s: &mut String) {
    let pad = "\t".repeat(depth);
    match v {
        Value::Null => s.push_str(&format!("{pad}<string></string>\n")),
        Value::Bool(b) => s.push_str(&format!("{pad}<{}/>\n", if *b { "true" } else { "false" })),
        Value::Number(n) if n.is_f64() => s.push_str(&format!("{pad}<real>{n}</real>\n")),
        Value::Number(n) => s.push_str(&format!("{pad}<integer>{n}</integer>\n")),
        Value::String(t) => s.push_str(&format!("{pad}<string>{}</string>\n", escape(t))),
        Value::Array(items) => {
            s.push_str(&format!("{pad}<array>\n"));
            for i in items {
                write(i, depth + 1, s);
            }
            s.push_str(&format!("{pad}</array>\n"));
        }
        Value::Object(map) => {
            s.push_str(&format!("{pad}<dict>\n"));
            for (k, v) in map {
                s.push_str(&format!("{pad}\t<key>{}</key>\n", escape(k)));
                write(v, depth + 1, s);
            }
            s.push_str(&format!("{pad}</dict>\n"));
        }
    }
}

/// Parses a plist document written by [`document`] (or any plist using the
/// same element subset) back to JSON. Rejects malformed XML.
pub fn parse(text: &str) -> Result<Value, String> {
    let rest = text.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").ok_or("missing XML declaration")?;
    let mut p = Parser { s: rest, pos: 0 };
    p.skip_ws();
    if p.rest().starts_with("<!DOCTYPE") {
        let end = p.rest().find('>').ok_or("unterminated DOCTYPE")?;
        p.pos += end + 1;
    }
    p.skip_ws();
    p.expect("<plist version=\"1.0\">")?;
    let v = p.value()?;
    p.skip_ws();
    p.expect("</plist>")?;
    p.skip_ws();
    if !p.rest().is_empty() {
        return Err("content after </plist>".into());
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }
    fn skip_ws(&mut self) {
        let r = self.rest();
        self.pos += r.len() - r.trim_start().len();
    }
    fn expect(&mut self, lit: &str) -> Result<(), String> {
        if self.rest().starts_with(lit) {
            self.pos += lit.len();
            Ok(())
        } else {
            Err(format!("expected {lit:?} at byte {}", self.pos))
        }
    }
    fn text_until(&mut self, close: &str) -> Result<String, String> {
        let end = self.rest().find(close).ok_or(format!("missing {close}"))?;
        let raw = &self.rest()[..end];
        self.pos += end + close.len();
        unescape(raw)
    }
    fn value(&mut self) -> Result<Value, String> {
        self.skip_ws();
        let r = self.rest();
        if let Some(tag) = ["<true/>", "<false/>"].iter().find(|t| r.starts_with(**t)) {
            self.pos += tag.len();
            return Ok(Value::Bool(*tag == "<true/>"));
        }
        if r.starts_with("<string>") {
            self.pos += 8;
            return Ok(Value::String(self.text_until("</string>")?));
        }
        if r.starts_with("<integer>") {
            self.pos += 9;
            let t = self.text_until("</integer>")?;
            return t.trim().parse::<i64>().map(|n| Value::Number(n.into())).map_err(|_| format!("bad integer {t:?}"));
        }
        if r.starts_with("<real>") {
            self.pos += 6;
            let t = self.text_until("</real>")?;
            let f: f64 = t.trim().parse().map_err(|_| format!("bad real {t:?}"))?;
            return Number::from_f64(f).map(Value::Number).ok_or("bad real".into());
        }
        if r.starts_with("<array>") {
            self.pos += 7;
            let mut items = Vec::new();
            loop {
                self.skip_ws();
                if self.rest().starts_with("</array>") {
                    self.pos += 8;
                    return Ok(Value::Array(items));
                }
                items.push(self.value()?);
            }
        }
        if r.starts_with("<dict>") {
            self.pos += 6;
            let mut map = Map::new();
            loop {
                self.skip_ws();
                if self.rest().starts_with("</dict>") {
                    self.pos += 7;
                    return Ok(Value::Object(map));
                }
                self.expect("<key>")?;
                let k = self.text_until("</key>")?;
                let v = self.value()?;
                if map.insert(k.clone(), v).is_some() {
                    return Err(format!("duplicate key {k:?}"));
                }
            }
        }
        Err(format!("unexpected content at byte {}: {:?}", self.pos, &r[..r.len().min(30)]))
    }
}

fn unescape(raw: &str) -> Result<String, String> {
    if raw.contains('<') {
        return Err(format!("markup inside a text element: {raw:?}"));
    }
    let mut out = String::new();
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let semi = rest[i..].find(';').ok_or("an & without ;")?;
        match &rest[i..i + semi + 1] {
            "&amp;" => out.push('&'),
            "&lt;" => out.push('<'),
            "&gt;" => out.push('>'),
            "&quot;" => out.push('"'),
            "&apos;" => out.push('\''),
            e => return Err(format!("unknown entity {e}")),
        }
        rest = &rest[i + semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trip() {
        let v = json!({"a": [1, true, false, "x <&> y"], "b": {"c": "\\bSJ-\\d{6}\\b"}});
        assert_eq!(parse(&document(&v)).unwrap(), v);
    }

    #[test]
    fn rejects_malformed() {
        let doc = document(&json!({"a": "b"}));
        assert!(parse(&doc.replace("</dict>", "")).is_err());
        assert!(parse(&doc.replace("<string>b</string>", "<string>a & b</string>")).is_err());
        assert!(parse(&doc.replace("<string>b", "<string><b>b")).is_err());
    }
}
