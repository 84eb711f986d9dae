//! Cell values → typed values: integers, lists, languages, roles and time zones.
//!
//! Every parser takes an already [`clean`]ed, non-empty cell and returns `None` when the value is
//! not acceptable; the caller turns that into a row error with the right code.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::header::folded_words;

/// A cell without surrounding whitespace (including no-break spaces), BOMs and zero-width spaces
/// that copy-paste from web pages leaves behind.
pub(super) fn clean(cell: &str) -> &str {
    cell.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'))
}

/// Collapses runs of whitespace (line breaks included) into one space.
pub(super) fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What someone does in the program they are imported into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgramRole {
    /// Teaches (typically a junior employee).
    Mentor,
    /// Learns (typically a senior employee).
    Mentee,
    /// Both teaches and learns.
    Both,
}

impl ProgramRole {
    /// Every role.
    pub const ALL: [ProgramRole; 3] = [ProgramRole::Mentor, ProgramRole::Mentee, ProgramRole::Both];

    /// The stable key (the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            ProgramRole::Mentor => "mentor",
            ProgramRole::Mentee => "mentee",
            ProgramRole::Both => "both",
        }
    }

    /// Reads what HR typed, in Spanish or English: `mentor`/`mentora`, `mentee`/`mentorado`/
    /// `mentorizada`, `ambos`/`both`/`mentor y mentee`… Case, accents and punctuation are ignored.
    pub fn parse_loose(text: &str) -> Option<ProgramRole> {
        let key = folded_words(text).concat();
        match key.as_str() {
            "mentor" | "mentora" | "mentores" | "mentoras" => Some(ProgramRole::Mentor),
            "mentee" | "mentees" | "mentorado" | "mentorada" | "mentorizado" | "mentorizada" => {
                Some(ProgramRole::Mentee)
            }
            "both" | "ambos" | "ambas" | "losdos" | "lasdos" | "mentorymentee" | "mentormentee"
            | "mentorandmentee" | "mentoromentee" | "menteeymentor" | "menteementor" | "menteeandmentor"
            | "mentoraymentee" | "mentoramentee" => Some(ProgramRole::Both),
            _ => None,
        }
    }
}

/// Parses an integer within `range`.
pub(super) fn parse_int(text: &str, range: std::ops::RangeInclusive<i32>) -> Option<i32> {
    text.parse::<i32>().ok().filter(|n| range.contains(n))
}

/// Splits a list cell at `|`, `,`, `/`, `;` or line breaks; items are cleaned, empty ones dropped.
pub(super) fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(['|', ',', '/', ';', '\n', '\r'])
        .map(clean)
        .filter(|s| !s.is_empty())
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Free-text list items (interests): lower case, trimmed, inner whitespace collapsed, duplicates
/// dropped.
pub(super) fn parse_topics(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in split_list(text) {
        push_unique(&mut out, collapse_spaces(&item.to_lowercase()));
    }
    out
}

/// Topic items as written: trimmed, inner whitespace collapsed, repetitions (as
/// [`super::topics`] compares them) dropped. They are matched with the catalogue later.
pub(super) fn parse_topic_items(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for item in split_list(text) {
        let key = super::topics::fold_topic(item);
        if !key.is_empty() && !seen.contains(&key) {
            seen.push(key);
            out.push(collapse_spaces(item));
        }
    }
    out
}

/// Language names and codes → ISO 639-1 codes. Names are in [`folded_words`] form.
const LANGUAGES: &[(&str, &[&str])] = &[
    ("es", &["espanol", "castellano", "spanish", "spa", "esp"]),
    ("en", &["ingles", "english", "eng"]),
    ("fr", &["frances", "french", "francais", "fra", "fre"]),
    ("de", &["aleman", "german", "deutsch", "deu", "ger"]),
    ("it", &["italiano", "italian", "ita"]),
    ("pt", &["portugues", "portuguese", "por"]),
    ("ca", &["catalan", "catala", "valenciano", "valencia", "cat"]),
    ("eu", &["euskera", "euskara", "vasco", "basque", "eus", "baq"]),
    ("gl", &["gallego", "galego", "galician", "glg"]),
    ("zh", &["chino", "chinese", "mandarin", "zho", "chi"]),
    ("ja", &["japones", "japanese", "jpn"]),
    ("ar", &["arabe", "arabic", "ara"]),
    ("ru", &["ruso", "russian", "rus"]),
    (
        "nl",
        &["neerlandes", "holandes", "dutch", "nederlands", "nld", "dut"],
    ),
    ("pl", &["polaco", "polish", "polski", "pol"]),
    ("ro", &["rumano", "romanian", "ron", "rum"]),
    ("sv", &["sueco", "swedish", "swe"]),
    ("ko", &["coreano", "korean", "kor"]),
    ("hi", &["hindi", "hin"]),
    ("tr", &["turco", "turkish", "tur"]),
    ("uk", &["ucraniano", "ukrainian", "ukr"]),
];

fn language_code(word: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(code, names)| *code == word || names.contains(&word))
        .map(|(code, _)| *code)
}

/// One language: a known name or ISO code (`Inglés`, `English`, `eng`, `en-GB`) becomes its
/// two-letter code; a trailing level such as `(C1)` or `nativo` is ignored; anything else is kept
/// lower-cased so that the same spelling still matches between people.
pub(super) fn normalize_language(item: &str) -> String {
    let primary = item.split(['-', '_']).next().unwrap_or(item);
    if (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        let code = primary.to_ascii_lowercase();
        return language_code(&code).map_or(code, str::to_string);
    }
    let without_level = item.split(['(', '[']).next().unwrap_or(item);
    let words = folded_words(without_level);
    if let Some(code) = language_code(&words.concat()) {
        return code.to_string();
    }
    if let Some(code) = words.first().and_then(|w| language_code(w)) {
        return code.to_string();
    }
    collapse_spaces(&clean(without_level).to_lowercase())
}

/// A list of languages as codes, duplicates dropped.
pub(super) fn parse_languages(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in split_list(text) {
        let code = normalize_language(item);
        if !code.is_empty() {
            push_unique(&mut out, code);
        }
    }
    out
}

/// IANA areas, the first part of every `Area/Location` name.
const TZ_AREAS: &[&str] = &[
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
    "Etc",
];

/// The IANA time zone names of the tz database (`chrono-tz`), by their lower-case form.
fn iana_names() -> &'static HashMap<String, &'static str> {
    static NAMES: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| (tz.name().to_ascii_lowercase(), tz.name()))
            .collect()
    })
}

/// Reads an IANA time zone name and checks that it exists in the tz database: `UTC`, or an IANA
/// area (`Europe`, `America`, `Atlantic`…) followed by one or two parts of letters, digits, `_`,
/// `-` and `+`. Spaces become `_` and the case is the database's (`europe/madrid` →
/// `Europe/Madrid`, `america/new york` → `America/New_York`). Abbreviations (`CET`) and names
/// outside the areas (`US/Eastern`) are refused; see [`suggest_time_zone`] for a correction.
pub(super) fn parse_time_zone(text: &str) -> Option<String> {
    if text.eq_ignore_ascii_case("utc") || text.eq_ignore_ascii_case("etc/utc") {
        return Some("UTC".to_string());
    }
    let parts: Vec<&str> = text.split('/').map(str::trim).collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let area = TZ_AREAS.iter().find(|a| a.eq_ignore_ascii_case(parts[0]))?;
    let mut out = (*area).to_string();
    for part in &parts[1..] {
        let part = part.replace(' ', "_");
        let shape_ok = part.len() <= 32
            && part.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+'));
        if !shape_ok {
            return None;
        }
        out.push('/');
        out.push_str(&part);
    }
    iana_names()
        .get(&out.to_ascii_lowercase())
        .map(|name| (*name).to_string())
}

/// Lowest similarity (normalised Damerau-Levenshtein, 0–1) between the city part of a refused
/// time zone and of an IANA name for [`suggest_time_zone`] to offer it: one typo in a
/// four-letter city, two in an eight-letter one.
const TZ_SUGGESTION_SIMILARITY: f64 = 0.75;

/// The IANA name HR most likely meant by a refused time zone, when one is close enough: the
/// city part (the last one; spaces as `_`, case ignored) is compared with every name's under
/// [`TZ_SUGGESTION_SIMILARITY`], preferring the same area on a tie (`America/Sao_Pablo` →
/// `America/Sao_Paulo`, `Europe/Madird` → `Europe/Madrid`, `Madrid` → `Europe/Madrid`). The `Etc`
/// zones are never suggested (`Etc/GMT+1` is UTC−1, not what `GMT+1` means).
pub(super) fn suggest_time_zone(text: &str) -> Option<String> {
    let wanted = text.trim().replace(' ', "_").to_ascii_lowercase();
    let (area, city) = match wanted.rsplit_once('/') {
        Some((area, city)) => (area.split('/').next(), city),
        None => (None, wanted.as_str()),
    };
    if city.is_empty() {
        return None;
    }
    let mut best: Option<(f64, bool, &'static str)> = None;
    for tz in chrono_tz::TZ_VARIANTS.iter() {
        let name = tz.name();
        let Some((cand_area, cand_city)) = name.split_once('/') else {
            continue;
        };
        if cand_area == "Etc" || !TZ_AREAS.contains(&cand_area) {
            continue;
        }
        let cand_city = cand_city.rsplit('/').next().unwrap_or(cand_city);
        let score = strsim::normalized_damerau_levenshtein(city, &cand_city.to_ascii_lowercase());
        let same_area = area.is_some_and(|a| a.eq_ignore_ascii_case(cand_area));
        if score >= TZ_SUGGESTION_SIMILARITY
            && best.is_none_or(|(s, same, _)| score > s || (score == s && same_area && !same))
        {
            best = Some((score, same_area, name));
        }
    }
    best.map(|(_, _, name)| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        assert_eq!(parse_int("7", 1..=20), Some(7));
        assert_eq!(parse_int("20", 1..=20), Some(20));
        assert_eq!(parse_int("0", 1..=20), None);
        assert_eq!(parse_int("21", 1..=20), None);
        assert_eq!(parse_int("3.5", 0..=10), None);
        assert_eq!(parse_int("tres", 0..=10), None);
        assert_eq!(parse_int("99999999999", 0..=10), None);
    }

    #[test]
    fn roles() {
        for (text, role) in [
            ("Mentor", ProgramRole::Mentor),
            ("mentora", ProgramRole::Mentor),
            ("MENTEE", ProgramRole::Mentee),
            ("Mentorizada", ProgramRole::Mentee),
            ("mentorado", ProgramRole::Mentee),
            ("Ambos", ProgramRole::Both),
            ("both", ProgramRole::Both),
            ("Mentor y mentee", ProgramRole::Both),
            ("mentor/mentee", ProgramRole::Both),
            ("Los dos", ProgramRole::Both),
        ] {
            assert_eq!(ProgramRole::parse_loose(text), Some(role), "{text}");
        }
        for bad in ["", "jefe", "tutor", "x"] {
            assert_eq!(ProgramRole::parse_loose(bad), None, "{bad}");
        }
        for role in ProgramRole::ALL {
            assert_eq!(ProgramRole::parse_loose(role.as_str()), Some(role));
        }
    }

    #[test]
    fn lists_and_topics() {
        assert_eq!(
            split_list("a | b,c / d;; \n e").collect::<Vec<_>>(),
            vec!["a", "b", "c", "d", "e"]
        );
        assert_eq!(
            parse_topics(" Herramientas  de IA | liderazgo|LIDERAZGO, Excel "),
            vec!["herramientas de ia", "liderazgo", "excel"]
        );
        assert!(parse_topics(" | , ").is_empty());
        assert_eq!(
            parse_topic_items(" Herramientas  de IA | herramientas de ia|Social_media, social media, ¿? "),
            vec!["Herramientas de IA", "Social_media"]
        );
    }

    #[test]
    fn languages() {
        assert_eq!(
            parse_languages("Español | Inglés (C1), francés/English"),
            vec!["es", "en", "fr"]
        );
        assert_eq!(parse_languages("es-ES, en_GB, EN, eng, spa"), vec!["es", "en"]);
        assert_eq!(
            parse_languages("Castellano; Català; Euskera; Galego"),
            vec!["es", "ca", "eu", "gl"]
        );
        assert_eq!(parse_languages("Inglés nativo"), vec!["en"]);
        assert_eq!(parse_languages("Swahili, xx"), vec!["swahili", "xx"]);
        assert_eq!(parse_languages("Lengua de signos"), vec!["lengua de signos"]);
        assert!(parse_languages("").is_empty());
    }

    #[test]
    fn time_zones() {
        for (text, tz) in [
            ("Europe/Madrid", "Europe/Madrid"),
            ("Atlantic/Canary", "Atlantic/Canary"),
            ("europe/madrid", "Europe/Madrid"),
            ("america/new_york", "America/New_York"),
            ("America/New York", "America/New_York"),
            ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
            ("America/Port-au-Prince", "America/Port-au-Prince"),
            ("Etc/GMT+1", "Etc/GMT+1"),
            ("utc", "UTC"),
        ] {
            assert_eq!(parse_time_zone(text).as_deref(), Some(tz), "{text}");
        }
        for bad in [
            "Madrid",
            "CET",
            "GMT+1",
            "Europa/Madrid",
            "Europe/",
            "Europe/Ma drid/x/y",
            "Europe//Madrid",
            "Europe/Madrid!",
            "Europe/1abc",
            "/Madrid",
            "",
        ] {
            assert_eq!(parse_time_zone(bad), None, "{bad}");
        }
    }

    #[test]
    fn time_zones_must_exist() {
        for bad in [
            "Europe/Madird",
            "America/Sao_Pablo",
            "Europe/Barcelona",
            "Asia/Nowhere",
        ] {
            assert_eq!(parse_time_zone(bad), None, "{bad}");
        }
        // The database's case, not a guess: "Isle_of_Man", "Port-au-Prince".
        assert_eq!(
            parse_time_zone("europe/isle of man").as_deref(),
            Some("Europe/Isle_of_Man")
        );
        assert_eq!(
            parse_time_zone("AMERICA/PORT-AU-PRINCE").as_deref(),
            Some("America/Port-au-Prince")
        );
    }

    #[test]
    fn time_zone_suggestions() {
        for (text, tz) in [
            ("America/Sao_Pablo", "America/Sao_Paulo"),
            ("Europe/Madird", "Europe/Madrid"),
            ("Madrid", "Europe/Madrid"),
            ("madrid", "Europe/Madrid"),
            ("Europe/Canary", "Atlantic/Canary"),
            ("Europa/Lisbon", "Europe/Lisbon"),
            ("America/New Yrok", "America/New_York"),
            ("Sao Paulo", "America/Sao_Paulo"),
        ] {
            assert_eq!(suggest_time_zone(text).as_deref(), Some(tz), "{text}");
        }
        for far in ["CET", "GMT+1", "Europe/Barcelona", "", "/", "Hoy", "Europe/"] {
            assert_eq!(suggest_time_zone(far), None, "{far}");
        }
    }

    #[test]
    fn cleaning() {
        assert_eq!(clean("\u{feff} a b\u{a0}\u{200b}\t"), "a b");
        assert_eq!(
            collapse_spaces(" José \n Martínez  Ibáñez "),
            "José Martínez Ibáñez"
        );
    }
}
