//! From bytes to text: which character encoding a file is in, and whether that is certain.
//!
//! Valid UTF-8 (or a UTF-8 byte order mark) is read as UTF-8; anything else as Windows-1252,
//! Excel's plain "CSV" on Spanish and English Windows. Both can be wrong without any error:
//! a Mac exports Mac Roman (`José` is the bytes `Jos\x8E`, which Windows-1252 reads as `JosŽ`),
//! and a UTF-8 file that some tool once mis-read as Windows-1252 and saved again says `JosÃ©`.
//! So the reading is checked: when the text holds characters that Western European names and
//! words do not use, HR is shown a few cells in each plausible encoding and chooses
//! ([`EncodingCheck`]); their choice ([`super::ImportOptions::encoding`]) forces the decoding.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::ImportError;

/// How many cells [`EncodingAlternative::samples`] shows.
pub const ENCODING_SAMPLES: usize = 5;

/// The character encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    /// UTF-8 without a byte order mark (also plain ASCII).
    Utf8,
    /// UTF-8 starting with a byte order mark (Excel's "CSV UTF-8").
    Utf8WithBom,
    /// Windows-1252 (Excel's plain "CSV" on a Spanish or English Windows): used whenever the
    /// bytes are not valid UTF-8 and HR has not chosen another encoding.
    Windows1252,
    /// Mac Roman, the old Mac encoding (Excel for Mac's plain "CSV").
    MacRoman,
    /// ISO-8859-2 (Latin-2), for Central European names (`ł`, `ř`, `ő`).
    Latin2,
    /// UTF-8 whose text had already been mis-read as Windows-1252 and saved again as UTF-8
    /// (`JosÃ©`): read as UTF-8 and then repaired (`José`). Only when HR chooses it.
    Utf8Repaired,
}

impl TextEncoding {
    /// Every encoding.
    pub const ALL: [TextEncoding; 6] = [
        TextEncoding::Utf8,
        TextEncoding::Utf8WithBom,
        TextEncoding::Windows1252,
        TextEncoding::MacRoman,
        TextEncoding::Latin2,
        TextEncoding::Utf8Repaired,
    ];

    /// A label to show HR, e.g. `UTF-8` or `Windows-1252`.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8WithBom => "UTF-8 (BOM)",
            TextEncoding::Windows1252 => "Windows-1252",
            TextEncoding::MacRoman => "Mac Roman",
            TextEncoding::Latin2 => "Latin-2 (ISO-8859-2)",
            TextEncoding::Utf8Repaired => "UTF-8 (repaired)",
        }
    }

    /// The stable key (the serde name), e.g. `mac_roman`.
    pub fn as_str(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf8",
            TextEncoding::Utf8WithBom => "utf8_with_bom",
            TextEncoding::Windows1252 => "windows1252",
            TextEncoding::MacRoman => "mac_roman",
            TextEncoding::Latin2 => "latin2",
            TextEncoding::Utf8Repaired => "utf8_repaired",
        }
    }
}

/// Whether the encoding the file was read with is certain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncodingCheck {
    /// The encoding is uncertain and HR has not chosen one: the import waits for
    /// [`super::ImportOptions::encoding`]. Always false once HR has chosen.
    pub needs_decision: bool,
    /// When the file by itself is uncertain (whether or not HR has chosen already), the readings
    /// to choose from, the most plausible first, each with the same cells; empty when certain.
    pub alternatives: Vec<EncodingAlternative>,
}

/// One possible reading of an uncertain file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncodingAlternative {
    /// The encoding.
    pub encoding: TextEncoding,
    /// Up to [`ENCODING_SAMPLES`] distinct cells with non-ASCII text, as this encoding reads them
    /// (the same cells, in the same order, for every alternative).
    pub samples: Vec<String>,
}

/// The decoded text, the encoding used and the check.
#[derive(Debug)]
pub(super) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: TextEncoding,
    pub check: EncodingCheck,
}

const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Recognises files that are certainly not CSV text, then decodes: with `forced` when HR chose
/// an encoding; otherwise UTF-8 (with or without BOM) when the bytes are valid UTF-8, and
/// Windows-1252 when not. Either way, the reading is checked (see the module docs); while a
/// non-UTF-8 file is uncertain, it is read with its most plausible alternative.
pub(super) fn decode(bytes: &[u8], forced: Option<TextEncoding>) -> Result<Decoded<'_>, ImportError> {
    const ZIP: &[u8] = b"PK\x03\x04"; // .xlsx, .ods
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]; // .xls
    if bytes.starts_with(ZIP) || bytes.starts_with(OLE) {
        return Err(ImportError::SpreadsheetFile);
    }
    // UTF-16 (Excel's "Unicode text") and binary files both contain NUL bytes; CSV text never does.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || bytes.contains(&0) {
        return Err(ImportError::UnsupportedEncoding);
    }
    let has_bom = bytes.starts_with(BOM);
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let (natural, alternatives) = if has_bom {
        (
            TextEncoding::Utf8WithBom,
            mojibake_alternatives(body, TextEncoding::Utf8WithBom),
        )
    } else if std::str::from_utf8(body).is_ok() {
        (
            TextEncoding::Utf8,
            mojibake_alternatives(body, TextEncoding::Utf8),
        )
    } else {
        // Uncertain: read meanwhile with the most plausible encoding, so that the headers (and
        // the preview table) come out right while HR confirms it.
        let alternatives = legacy_alternatives(body);
        let likely = alternatives
            .first()
            .map_or(TextEncoding::Windows1252, |a| a.encoding);
        (likely, alternatives)
    };
    let encoding = match forced {
        // The BOM, or its absence, is a fact about the bytes: report it as it is.
        Some(TextEncoding::Utf8 | TextEncoding::Utf8WithBom) if has_bom => TextEncoding::Utf8WithBom,
        Some(TextEncoding::Utf8 | TextEncoding::Utf8WithBom) => TextEncoding::Utf8,
        Some(e) => e,
        None => natural,
    };
    Ok(Decoded {
        text: decode_as(body, encoding),
        encoding,
        check: EncodingCheck {
            needs_decision: forced.is_none() && !alternatives.is_empty(),
            alternatives,
        },
    })
}

/// The bytes (without a BOM) read with `encoding`; invalid UTF-8 becomes U+FFFD.
fn decode_as(body: &[u8], encoding: TextEncoding) -> Cow<'_, str> {
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8WithBom => String::from_utf8_lossy(body),
        TextEncoding::Utf8Repaired => Cow::Owned(repair_double_utf8(&String::from_utf8_lossy(body)).0),
        TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252.decode_without_bom_handling(body).0,
        TextEncoding::MacRoman => encoding_rs::MACINTOSH.decode_without_bom_handling(body).0,
        TextEncoding::Latin2 => encoding_rs::ISO_8859_2.decode_without_bom_handling(body).0,
    }
}

/// The cells of the raw bytes (split at line breaks, quotes and every possible delimiter, which
/// are ASCII in every encoding here), trimmed, distinct, in file order.
fn byte_cells(body: &[u8]) -> impl Iterator<Item = &[u8]> {
    body.split(|b| matches!(b, b'\r' | b'\n' | b'"' | b';' | b',' | b'\t'))
        .map(|c| c.trim_ascii())
        .filter(|c| !c.is_empty())
}

/// For bytes that are not UTF-8: nothing when the Windows-1252 reading is certain (every
/// non-ASCII character plausible, see [`implausible`]), otherwise the candidate readings, the
/// most plausible first.
fn legacy_alternatives(body: &[u8]) -> Vec<EncodingAlternative> {
    const CANDIDATES: [TextEncoding; 3] = [
        TextEncoding::Windows1252,
        TextEncoding::MacRoman,
        TextEncoding::Latin2,
    ];
    let readings: Vec<(TextEncoding, Cow<'_, str>)> =
        CANDIDATES.iter().map(|&e| (e, decode_as(body, e))).collect();
    if implausible(&readings[0].1, true) == 0 {
        return Vec::new();
    }
    let mut cells: Vec<&[u8]> = Vec::new();
    for cell in byte_cells(body).filter(|c| !c.is_ascii()) {
        if !cells.contains(&cell) {
            cells.push(cell);
            if cells.len() == ENCODING_SAMPLES {
                break;
            }
        }
    }
    let mut scored: Vec<((usize, usize), EncodingAlternative)> = readings
        .iter()
        .map(|(e, text)| {
            let score = (implausible(text, false), implausible(text, true));
            let samples = cells.iter().map(|c| decode_as(c, *e).into_owned()).collect();
            (
                score,
                EncodingAlternative {
                    encoding: *e,
                    samples,
                },
            )
        })
        .collect();
    scored.sort_by_key(|(score, _)| *score);
    scored.into_iter().map(|(_, a)| a).collect()
}

/// For UTF-8 bytes: nothing unless the text shows double-encoded UTF-8 (`JosÃ©`); then the
/// reading as it is and the repaired one.
fn mojibake_alternatives(body: &[u8], natural: TextEncoding) -> Vec<EncodingAlternative> {
    let text = String::from_utf8_lossy(body);
    if repair_double_utf8(&text).1 == 0 {
        return Vec::new();
    }
    let mut cells: Vec<(String, String)> = Vec::new();
    for cell in byte_cells(body) {
        let as_is = String::from_utf8_lossy(cell);
        let (repaired, fixes) = repair_double_utf8(&as_is);
        if fixes > 0 && !cells.iter().any(|(a, _)| *a == as_is) {
            cells.push((as_is.into_owned(), repaired));
            if cells.len() == ENCODING_SAMPLES {
                break;
            }
        }
    }
    vec![
        EncodingAlternative {
            encoding: TextEncoding::Utf8Repaired,
            samples: cells.iter().map(|(_, r)| r.clone()).collect(),
        },
        EncodingAlternative {
            encoding: natural,
            samples: cells.into_iter().map(|(a, _)| a).collect(),
        },
    ]
}

/// Windows-1252's characters for the bytes 0x80–0x9F (the five undefined bytes decode to the
/// C1 control of the same number, as the WHATWG table and Windows do).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The Windows-1252 byte of a non-ASCII character, if it has one.
fn cp1252_byte(c: char) -> Option<u8> {
    if let Some(i) = CP1252_HIGH.iter().position(|&h| h == c) {
        return u8::try_from(0x80 + i).ok();
    }
    u8::try_from(u32::from(c)).ok().filter(|b| *b >= 0x80)
}

/// Undoes one round of "UTF-8 read as Windows-1252 and written as UTF-8": every run of
/// characters whose Windows-1252 bytes form one valid multi-byte UTF-8 character (`Ã©` → `é`,
/// `â€™` → `’`) is replaced; everything else is kept. Returns the text and how many runs were
/// replaced.
pub(super) fn repair_double_utf8(text: &str) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut fixes = 0;
    let mut i = 0;
    while i < chars.len() {
        let need = match cp1252_byte(chars[i]) {
            Some(0xC2..=0xDF) => 1,
            Some(0xE0..=0xEF) => 2,
            Some(0xF0..=0xF4) => 3,
            _ => 0,
        };
        if need > 0 {
            let buf: Vec<u8> = chars[i..]
                .iter()
                .take(need + 1)
                .map_while(|&c| cp1252_byte(c))
                .collect();
            let continuation = buf.iter().skip(1).all(|b| (0x80..=0xBF).contains(b));
            if buf.len() == need + 1
                && continuation
                && let Ok(s) = std::str::from_utf8(&buf)
            {
                out.push_str(s);
                fixes += 1;
                i += need + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, fixes)
}

/// Letters of Spanish, Catalan, Galician, Basque, Portuguese, French, German and Italian.
const WESTERN_LETTERS: &str = "áéíóúüñçàèìòùïâêîôûãõäöëßœæÁÉÍÓÚÜÑÇÀÈÌÒÙÏÂÊÎÔÛÃÕÄÖËŒÆ";
/// Signs such text uses, never inside a word.
const WESTERN_SIGNS: &str = "ºª¿¡€«»–—“”…";

/// How many non-ASCII characters of `text` Western European names and words would not have
/// there. `strict` accepts only [`WESTERN_LETTERS`]; otherwise any letter. In both cases an
/// upper-case letter right after a lower-case one, a sign inside a word, `·` outside `l·l`, `’`
/// inside a long word (not `l’`, `O’`, `’s`, `’t`), `œ` not before `u` and `ç` at the start of a
/// word count, as does every other symbol.
pub(super) fn implausible(text: &str, strict: bool) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut bad = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii() {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let letter = |o: Option<char>| o.is_some_and(char::is_alphabetic);
        let inside_word = letter(prev) && letter(next);
        let ok = match c {
            '\u{a0}' | '‘' => true,
            '’' => {
                // Letters before it in the same word.
                let run = chars[..i].iter().rev().take_while(|c| c.is_alphabetic()).count();
                let after: String = chars[i + 1..].iter().take(2).collect();
                !inside_word
                    || run <= 1
                    || (matches!(next, Some('s' | 't'))
                        && !after.chars().nth(1).is_some_and(char::is_alphabetic))
            }
            '·' => {
                prev.is_some_and(|p| p.eq_ignore_ascii_case(&'l'))
                    && next.is_some_and(|n| n.eq_ignore_ascii_case(&'l'))
            }
            'œ' | 'Œ' => next.is_some_and(|n| n.eq_ignore_ascii_case(&'u')),
            'ç' => letter(prev),
            c if WESTERN_SIGNS.contains(c) => !inside_word,
            c if c.is_alphabetic() && (!strict || WESTERN_LETTERS.contains(c)) => {
                !(c.is_uppercase() && prev.is_some_and(char::is_lowercase))
            }
            _ => false,
        };
        if !ok {
            bad += 1;
        }
    }
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], forced: Option<TextEncoding>) -> (String, TextEncoding, EncodingCheck) {
        let d = decode(bytes, forced).unwrap();
        (d.text.into_owned(), d.encoding, d.check)
    }

    #[test]
    fn decodes_utf8_bom_and_windows_1252() {
        let (t, e, c) = read("José;Ñu".as_bytes(), None);
        assert_eq!(
            (t.as_str(), e, c.needs_decision),
            ("José;Ñu", TextEncoding::Utf8, false)
        );
        let (t, e, _) = read(b"\xEF\xBB\xBFJos\xC3\xA9", None);
        assert_eq!((t.as_str(), e), ("José", TextEncoding::Utf8WithBom));
        // "Ibáñez; pingüino; €" in Windows-1252.
        let (t, e, c) = read(b"Ib\xE1\xF1ez; ping\xFCino; \x80", None);
        assert_eq!(
            (t.as_str(), e),
            ("Ibáñez; pingüino; €", TextEncoding::Windows1252)
        );
        assert_eq!(
            c,
            EncodingCheck::default(),
            "a Spanish Windows-1252 text is certain"
        );
        let (t, e, _) = read(b"", None);
        assert_eq!((t.as_str(), e), ("", TextEncoding::Utf8));
    }

    #[test]
    fn refuses_workbooks_and_utf16() {
        let err = |b: &[u8]| decode(b, None).unwrap_err();
        assert_eq!(err(b"PK\x03\x04rest"), ImportError::SpreadsheetFile);
        assert_eq!(
            err(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            ImportError::SpreadsheetFile
        );
        assert_eq!(err(b"\xFF\xFEe\0m\0"), ImportError::UnsupportedEncoding);
        assert_eq!(
            decode(b"e\0m\0a\0", Some(TextEncoding::Windows1252)).unwrap_err(),
            ImportError::UnsupportedEncoding
        );
    }

    #[test]
    fn spanish_and_catalan_windows_1252_is_certain() {
        let text = "Nº;Área;Iñaki Múgica Ordóñez;Agustín Argüelles Nuño;Gijón;Café|Cómics;\
                    Pingüinos, Montaña;¿Sí?;«Hola» – adiós…;Lluís Sabaté i Cerdà;col·legi;\
                    L’Hospitalet;O’Connor;João Conceição;Françoise Lecœur;Größe;Curaçao;Vidal\u{a0}Gil";
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!unmappable);
        let (t, e, c) = read(&bytes, None);
        assert_eq!((t.as_str(), e), (text, TextEncoding::Windows1252));
        assert!(!c.needs_decision && c.alternatives.is_empty(), "{c:?}");
    }

    #[test]
    fn mac_roman_is_uncertain_until_chosen() {
        // "José;García;Núñez;Martín" in Mac Roman.
        let bytes = b"Jos\x8E;Garc\x92a;N\x9C\x96ez;Mart\x92n";
        let (t, e, c) = read(bytes, None);
        // Read meanwhile with the most plausible encoding, but still a question.
        assert_eq!(
            (t.as_str(), e),
            ("José;García;Núñez;Martín", TextEncoding::MacRoman)
        );
        assert!(c.needs_decision);
        let encodings: Vec<TextEncoding> = c.alternatives.iter().map(|a| a.encoding).collect();
        assert_eq!(encodings[0], TextEncoding::MacRoman, "the most plausible first");
        assert_eq!(encodings.len(), 3);
        assert_eq!(
            c.alternatives[0].samples,
            vec!["José", "García", "Núñez", "Martín"]
        );
        let cp1252 = c
            .alternatives
            .iter()
            .find(|a| a.encoding == TextEncoding::Windows1252)
            .unwrap();
        assert_eq!(cp1252.samples[0], "JosŽ");

        let (t, e, c2) = read(bytes, Some(TextEncoding::MacRoman));
        assert_eq!(
            (t.as_str(), e),
            ("José;García;Núñez;Martín", TextEncoding::MacRoman)
        );
        assert!(!c2.needs_decision);
        assert_eq!(c2.alternatives, c.alternatives, "the choice stays visible");
        // Only an `í` (’ in Windows-1252 inside a long word) is enough to ask.
        assert!(read(b"Mart\x92n", None).2.needs_decision);
        // Forcing Windows-1252 answers the question.
        let (t, e, c) = read(b"Jos\x8E", Some(TextEncoding::Windows1252));
        assert_eq!(
            (t.as_str(), e, c.needs_decision),
            ("JosŽ", TextEncoding::Windows1252, false)
        );
    }

    #[test]
    fn central_european_text_offers_latin_2() {
        // "Łódź" and "Dvořák" in ISO-8859-2.
        let bytes = b"\xA3\xF3d\xBC;Dvo\xF8\xE1k";
        let (_, _, c) = read(bytes, None);
        assert!(c.needs_decision);
        assert_eq!(c.alternatives[0].encoding, TextEncoding::Latin2);
        assert_eq!(c.alternatives[0].samples, vec!["Łódź", "Dvořák"]);
    }

    #[test]
    fn double_encoded_utf8_is_flagged_and_repairable() {
        let text = "Nombre;Email\nJosÃ© PÃ©rez;jose@x.es\nÃ\u{81}ngela MuÃ±oz;angela@x.es\nÃ\u{81}ngela MuÃ±oz;a@x.es\n";
        let (t, e, c) = read(text.as_bytes(), None);
        assert_eq!((t.as_str(), e), (text, TextEncoding::Utf8));
        assert!(c.needs_decision);
        assert_eq!(
            c.alternatives,
            vec![
                EncodingAlternative {
                    encoding: TextEncoding::Utf8Repaired,
                    samples: vec!["José Pérez".into(), "Ángela Muñoz".into()],
                },
                EncodingAlternative {
                    encoding: TextEncoding::Utf8,
                    samples: vec!["JosÃ© PÃ©rez".into(), "Ã\u{81}ngela MuÃ±oz".into()],
                },
            ]
        );
        let (t, e, c) = read(text.as_bytes(), Some(TextEncoding::Utf8Repaired));
        assert!(t.contains("José Pérez") && t.contains("Ángela Muñoz"), "{t}");
        assert_eq!(e, TextEncoding::Utf8Repaired);
        assert!(!c.needs_decision);
        let (_, e, c) = read(text.as_bytes(), Some(TextEncoding::Utf8));
        assert_eq!(e, TextEncoding::Utf8);
        assert!(!c.needs_decision);
        // A BOM file forced to UTF-8 is still reported with its BOM.
        let bom = [BOM, text.as_bytes()].concat();
        assert_eq!(read(&bom, Some(TextEncoding::Utf8)).1, TextEncoding::Utf8WithBom);
        // Ordinary UTF-8, even with "Ã" in Portuguese, is certain.
        let (_, _, c) = read("SÃO PAULO;João;Ã;â€".as_bytes(), None);
        assert!(!c.needs_decision, "{c:?}");
    }

    #[test]
    fn repair_keeps_what_is_not_double_encoded() {
        assert_eq!(
            repair_double_utf8("José y JosÃ©, â€œhiâ€\u{9d}"),
            ("José y José, “hi”".to_string(), 3)
        );
        assert_eq!(repair_double_utf8("Ã"), ("Ã".to_string(), 0));
        assert_eq!(repair_double_utf8(""), (String::new(), 0));
    }

    #[test]
    fn labels_and_keys() {
        for e in TextEncoding::ALL {
            assert_eq!(serde_json::to_string(&e).unwrap(), format!("\"{}\"", e.as_str()));
            assert!(!e.label().is_empty());
        }
    }
}
