//! From text to cells: delimiter detection and a small CSV tokenizer.
//!
//! The tokenizer is hand-written rather than taken from the `csv` crate because the import must
//! number rows exactly as a spreadsheet shows them: a blank line is a row of its own (the `csv`
//! crate skips it silently, shifting every later row number) and a quoted cell with line breaks
//! is one row. It also reports an unterminated quote instead of swallowing the rest of the file
//! into one cell. It follows RFC 4180 and is as lenient as Excel on everything else.

use serde::{Deserialize, Serialize};

use super::{ImportError, MAX_COLUMNS};

/// The character that separates cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    /// `,` — English Excel, most exports.
    Comma,
    /// `;` — Spanish (and most continental) Excel, where `,` is the decimal separator.
    Semicolon,
    /// A tab — "text (tab-separated)" exports.
    Tab,
}

impl Delimiter {
    /// Every delimiter, in the order preferred on a tie during detection.
    pub const ALL: [Delimiter; 3] = [Delimiter::Semicolon, Delimiter::Comma, Delimiter::Tab];

    /// The separating character.
    pub fn as_char(self) -> char {
        match self {
            Delimiter::Comma => ',',
            Delimiter::Semicolon => ';',
            Delimiter::Tab => '\t',
        }
    }

    /// The delimiter for a character, if it is one of the three.
    pub fn from_char(c: char) -> Option<Delimiter> {
        Delimiter::ALL.into_iter().find(|d| d.as_char() == c)
    }

    fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// One line of the file as the spreadsheet shows it: its row number and its cells (untrimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RawRecord {
    /// Row number as a spreadsheet shows it (first row is 1).
    pub row: i64,
    /// The cells, at most [`MAX_COLUMNS`].
    pub cells: Vec<String>,
    /// A non-blank cell beyond [`MAX_COLUMNS`] was dropped.
    pub overflow: bool,
}

/// Strips Excel's optional first line `sep=;` and returns the delimiter it names.
pub(super) fn strip_sep_line(text: &str) -> (&str, Option<Delimiter>) {
    let line_end = text.find(['\r', '\n']).unwrap_or(text.len());
    let line = &text[..line_end];
    let Some(prefix) = line.get(..4) else {
        return (text, None);
    };
    if !prefix.eq_ignore_ascii_case("sep=") {
        return (text, None);
    }
    let mut chars = line[4..].chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return (text, None);
    };
    let Some(delimiter) = Delimiter::from_char(c) else {
        return (text, None);
    };
    let rest = &text[line_end..];
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix(['\r', '\n']))
        .unwrap_or(rest);
    (rest, Some(delimiter))
}

/// Guesses the delimiter from the first line with content (the header): the candidate that
/// occurs most often outside quotes; `;` wins a tie, `,` when none occurs (a one-column file).
/// Lines of only spaces and delimiters before it are blank rows; their delimiters count too.
pub(super) fn detect_delimiter(text: &str) -> Delimiter {
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut has_content = false;
    for &b in text.as_bytes() {
        match b {
            b'"' => {
                in_quotes = !in_quotes;
                has_content = true;
            }
            _ if in_quotes => {}
            b'\r' | b'\n' if has_content => break,
            b'\r' | b'\n' | b' ' => {}
            _ => match Delimiter::ALL.iter().position(|d| d.byte() == b) {
                Some(i) => counts[i] += 1,
                None => has_content = true,
            },
        }
    }
    let mut best = Delimiter::Comma;
    let mut best_count = 0;
    for (d, &n) in Delimiter::ALL.iter().zip(&counts) {
        if n > best_count {
            best = *d;
            best_count = n;
        }
    }
    best
}

fn is_blank(cell: &str) -> bool {
    super::value::clean(cell).is_empty()
}

/// Splits the text into records. Blank rows (no cell with content) are skipped but still counted,
/// so row numbers match the spreadsheet. Stops after `max_records` non-blank records (the caller
/// asks for one more than it accepts to detect "too many rows").
pub(super) fn records(
    text: &str,
    delimiter: Delimiter,
    max_records: usize,
) -> Result<Vec<RawRecord>, ImportError> {
    let delim = delimiter.byte();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    let mut row: i64 = 0;
    let mut out = Vec::new();
    while i < n && out.len() < max_records {
        row += 1;
        let mut cells: Vec<String> = Vec::new();
        let mut overflow = false;
        loop {
            let mut field = String::new();
            // Spaces before an opening quote (`a, "b, c"`, common in hand-written files) are ignored.
            let mut j = i;
            while j < n && bytes[j] != delim && (bytes[j] == b' ' || bytes[j] == b'\t') {
                j += 1;
            }
            if j < n && bytes[j] == b'"' {
                i = j + 1;
                loop {
                    let Some(q) = bytes[i..].iter().position(|&b| b == b'"').map(|p| i + p) else {
                        return Err(ImportError::UnterminatedQuote { row });
                    };
                    // Slicing at ASCII bytes always lands on a char boundary.
                    field.push_str(&text[i..q]);
                    if bytes.get(q + 1) == Some(&b'"') {
                        field.push('"');
                        i = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
            }
            // The unquoted cell, or whatever follows a closing quote (kept, as Excel does).
            let start = i;
            while i < n && bytes[i] != delim && bytes[i] != b'\r' && bytes[i] != b'\n' {
                i += 1;
            }
            field.push_str(&text[start..i]);
            if cells.len() < MAX_COLUMNS {
                cells.push(field);
            } else if !is_blank(&field) {
                overflow = true;
            }
            if i >= n {
                break;
            }
            let b = bytes[i];
            i += 1;
            if b == delim {
                continue;
            }
            if b == b'\r' && bytes.get(i) == Some(&b'\n') {
                i += 1;
            }
            break;
        }
        if overflow || !cells.iter().all(|c| is_blank(c)) {
            out.push(RawRecord { row, cells, overflow });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, d: Delimiter) -> Vec<(i64, Vec<String>)> {
        records(text, d, usize::MAX)
            .unwrap()
            .into_iter()
            .map(|r| (r.row, r.cells))
            .collect()
    }

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sep_line() {
        assert_eq!(
            strip_sep_line("sep=;\r\na;b"),
            ("a;b", Some(Delimiter::Semicolon))
        );
        assert_eq!(strip_sep_line("SEP=,\na,b"), ("a,b", Some(Delimiter::Comma)));
        assert_eq!(strip_sep_line("sep=|\na"), ("sep=|\na", None));
        assert_eq!(strip_sep_line("separado;x"), ("separado;x", None));
        assert_eq!(strip_sep_line("se"), ("se", None));
        assert_eq!(strip_sep_line("sep=ñ"), ("sep=ñ", None));
    }

    #[test]
    fn detects_delimiter_from_header() {
        assert_eq!(detect_delimiter("Nombre;Email;Área\na,b;c"), Delimiter::Semicolon);
        assert_eq!(detect_delimiter("name,email\n"), Delimiter::Comma);
        assert_eq!(detect_delimiter("\n\n\"a;b\",c\n;;;;"), Delimiter::Comma);
        assert_eq!(detect_delimiter("a\tb\tc"), Delimiter::Tab);
        assert_eq!(detect_delimiter("email"), Delimiter::Comma);
        assert_eq!(detect_delimiter("a;b,c"), Delimiter::Semicolon);
        assert_eq!(detect_delimiter(""), Delimiter::Comma);
        assert_eq!(detect_delimiter(" \n;;;\n,,\n\t\na;b"), Delimiter::Semicolon);
    }

    #[test]
    fn quotes_newlines_and_row_numbers() {
        let text = "h1,h2\r\n\"a, \"\"b\"\"\",\"line1\nline2\"\r\n\r\n,\n x , \"y\"z\n";
        assert_eq!(
            rows(text, Delimiter::Comma),
            vec![
                (1, cells(&["h1", "h2"])),
                (2, cells(&["a, \"b\"", "line1\nline2"])),
                // Row 3 is blank, row 4 only has empty cells: both skipped, still counted.
                (5, cells(&[" x ", "yz"])),
            ]
        );
    }

    #[test]
    fn line_endings_and_trailing_delimiters() {
        assert_eq!(
            rows("a;b\rc;d;\n", Delimiter::Semicolon),
            vec![(1, cells(&["a", "b"])), (2, cells(&["c", "d", ""])),]
        );
        assert_eq!(rows("a\n\n\n", Delimiter::Comma), vec![(1, cells(&["a"]))]);
        assert_eq!(rows("", Delimiter::Comma), vec![]);
        assert_eq!(
            rows("a, \"b,c\" ,d", Delimiter::Comma),
            vec![(1, cells(&["a", "b,c ", "d"]))]
        );
        assert_eq!(rows("x\"y\"z", Delimiter::Comma), vec![(1, cells(&["x\"y\"z"]))]);
    }

    #[test]
    fn unterminated_quote_names_its_row() {
        assert_eq!(
            records("a,b\nc,\"d\ne,f\n", Delimiter::Comma, usize::MAX),
            Err(ImportError::UnterminatedQuote { row: 2 })
        );
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// On RFC 4180 text the tokenizer reads the same cells as the `csv` crate (blank rows,
        /// which the `csv` crate does not always skip, are left out of the comparison).
        #[test]
        fn agrees_with_the_csv_crate(
            lines in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::prop_oneof![
                        "[ab ]{0,3}",
                        "([ab;, \n]|\r\n|\"\"){0,4}".prop_map(|s| format!("\"{s}\"")),
                    ],
                    1..4,
                ),
                0..6,
            ),
            crlf in proptest::bool::ANY,
        ) {
            let eol = if crlf { "\r\n" } else { "\n" };
            let text = lines.iter().map(|cells| cells.join(";")).collect::<Vec<_>>().join(eol);
            let Ok(mine) = records(&text, Delimiter::Semicolon, usize::MAX) else {
                return Err(proptest::test_runner::TestCaseError::fail("rejected valid quotes"));
            };
            let mine: Vec<Vec<String>> = mine.into_iter().map(|r| r.cells).collect();
            let theirs: Vec<Vec<String>> = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(b';')
                .from_reader(text.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
                .filter(|cells| !cells.iter().all(|c| is_blank(c)))
                .collect();
            proptest::prop_assert_eq!(mine, theirs);
        }
    }

    #[test]
    fn caps_columns_and_records() {
        let wide = format!("{}x", ";".repeat(MAX_COLUMNS + 5));
        let r = records(&wide, Delimiter::Semicolon, usize::MAX).unwrap();
        assert_eq!(r[0].cells.len(), MAX_COLUMNS);
        assert!(r[0].overflow);
        let r = records(&";".repeat(MAX_COLUMNS + 5), Delimiter::Semicolon, usize::MAX).unwrap();
        assert!(r.is_empty());
        let r = records("a\nb\nc\nd\n", Delimiter::Comma, 2).unwrap();
        assert_eq!(r.len(), 2);
    }
}
