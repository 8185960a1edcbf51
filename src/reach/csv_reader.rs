//! A small RFC 4180 CSV reader. Hand-written rather than the `csv` crate:
//! exports are a few MB at most, the subset needed (quotes, doubled quotes,
//! embedded newlines, CRLF, a UTF-8 BOM, `,` `;` or tab separators) is ~80
//! lines, and it keeps the WASM build free of another dependency.

/// Why a CSV file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum CsvError {
    /// A quoted field was still open at the end of the file.
    UnterminatedQuote { line: usize },
    Empty,
}

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CsvError::UnterminatedQuote { line } => {
                write!(f, "a quoted field opened on line {line} is never closed")
            }
            CsvError::Empty => write!(f, "the file is empty"),
        }
    }
}

/// One parsed row and the 1-based line it started on (for error messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Guesses the separator from the first line: the one among `,` `;` tab
/// that occurs most outside quotes (Excel in many locales writes `;`).
fn sniff_separator(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in first.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            for e in counts.iter_mut() {
                if e.0 == c {
                    e.1 += 1;
                }
            }
        }
    }
    counts.iter().max_by_key(|e| e.1).filter(|e| e.1 > 0).map(|e| e.0).unwrap_or(',')
}

/// Reads all rows; blank lines are skipped.
pub fn read(text: &str) -> Result<Vec<Row>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let sep = sniff_separator(text);
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1usize;
    let mut row_line = 1usize;
    let mut quote_line = 1usize;
    let mut chars = text.chars().peekable();
    let push_row = |fields: &mut Vec<String>, row_line: usize, rows: &mut Vec<Row>| {
        let f = std::mem::take(fields);
        if !(f.len() == 1 && f[0].trim().is_empty()) {
            rows.push(Row { line: row_line, fields: f });
        }
    };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                quote_line = line;
            }
            c if c == sep => fields.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                push_row(&mut fields, row_line, &mut rows);
                line += 1;
                row_line = line;
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(CsvError::UnterminatedQuote { line: quote_line });
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        push_row(&mut fields, row_line, &mut rows);
    }
    if rows.is_empty() {
        return Err(CsvError::Empty);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quotes_newlines_and_bom() {
        let rows = read("\u{feff}a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"two\nlines\"\n\n1,2,3").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].fields, vec!["a", "b", "c"]);
        assert_eq!(rows[1].fields, vec!["x, y", "he said \"hi\"", "two\nlines"]);
        assert_eq!(rows[2].line, 5);
        assert_eq!(rows[2].fields, vec!["1", "2", "3"]);
    }

    #[test]
    fn sniffs_semicolons() {
        let rows = read("a;b\n1,5;2").unwrap();
        assert_eq!(rows[1].fields, vec!["1,5", "2"]);
    }

    #[test]
    fn reports_unterminated_quote() {
        assert_eq!(read("a,b\n\"open,1\n2,3"), Err(CsvError::UnterminatedQuote { line: 2 }));
        assert_eq!(read("  \n"), Err(CsvError::Empty));
    }
}
