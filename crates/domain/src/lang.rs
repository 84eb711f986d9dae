//! The two languages Inversa speaks, and locale-aware formatting that must match on server and browser.

use serde::{Deserialize, Serialize};

/// A user interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Spanish, the default for a new organisation.
    #[default]
    Es,
    /// English.
    En,
}

impl Lang {
    /// The BCP-47 tag used in cookies, `lang` attributes and the database.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    /// Parses a tag such as `es`, `en-GB` or `ES`; `None` when neither language matches.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the best language from an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(tag) = pieces.next() else { continue };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::parse(tag)
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }
}

const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Formats a calendar date the way each language writes it in running text:
/// `27 de noviembre de 2026` and `27 November 2026`.
///
/// Returns `None` for a month outside 1–12, so bad data never panics a page.
pub fn format_date(year: i32, month: u32, day: u32, lang: Lang) -> Option<String> {
    let idx = usize::try_from(month.checked_sub(1)?).ok()?;
    match lang {
        Lang::Es => Some(format!("{day} de {} de {year}", MONTHS_ES.get(idx)?)),
        Lang::En => Some(format!("{day} {} {year}", MONTHS_EN.get(idx)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags() {
        assert_eq!(Lang::parse("es-ES"), Some(Lang::Es));
        assert_eq!(Lang::parse("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn accept_language_respects_quality() {
        assert_eq!(
            Lang::from_accept_language("fr-FR,fr;q=0.9,en;q=0.8,es;q=0.7"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("es-MX,en;q=0.5"), Some(Lang::Es));
        assert_eq!(Lang::from_accept_language("de,fr"), None);
        assert_eq!(Lang::from_accept_language("en;q=0,es;q=0.1"), Some(Lang::Es));
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(
            format_date(2026, 11, 27, Lang::Es).as_deref(),
            Some("27 de noviembre de 2026")
        );
        assert_eq!(
            format_date(2026, 1, 5, Lang::En).as_deref(),
            Some("5 January 2026")
        );
        assert_eq!(format_date(2026, 13, 1, Lang::En), None);
        assert_eq!(format_date(2026, 0, 1, Lang::Es), None);
    }
}
