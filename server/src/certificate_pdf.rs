//! Completion certificates as PDF: one A4 landscape page in the holder's language, written with
//! krilla (typst's PDF writer) in DejaVu Sans, shipped in `server/assets/fonts` and embedded
//! (subset) in every file, so the output never depends on the machine's fonts. Long names and
//! program names wrap at word boundaries (a word wider than the line is cut between characters)
//! and shrink a step when they would need more than three lines, so text never leaves the page.
//! The QR code of the verification address is drawn as squares.

use domain::Lang;
use domain::recognition::certificates::hours_text;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

/// DejaVu Sans (regular).
static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold.
static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 landscape, in points.
pub const PAGE_WIDTH: f32 = 842.0;
/// A4 landscape, in points.
pub const PAGE_HEIGHT: f32 = 595.0;
/// Left and right margin of the text, in points.
const MARGIN: f32 = 64.0;
/// Width of a text line, in points.
pub const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Side of the QR code, in points.
const QR_SIDE: f32 = 104.0;
/// Most lines a name or program name takes before its size shrinks.
const MAX_LINES: usize = 3;

/// What a certificate says, already in the holder's language.
#[derive(Debug, Clone)]
pub struct CertificateText {
    /// The holder's language.
    pub lang: Lang,
    /// The holder's name.
    pub name: String,
    /// `mentor`, `mentee` or `both`.
    pub role: String,
    /// The program's name.
    pub program: String,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day, `YYYY-MM-DD`.
    pub ends_on: String,
    /// Hours, in tenths.
    pub hours_tenths: u32,
    /// The issuing manager.
    pub issuer: String,
    /// When issued, `YYYY-MM-DD`.
    pub issued_on: String,
    /// The verification code.
    pub code: String,
    /// The verification page's full address.
    pub verify_url: String,
}

impl CertificateText {
    /// What a stored certificate says, with its verification page's address.
    pub fn of(row: &db::certificates::CertificateRow, verify_url: String) -> CertificateText {
        CertificateText {
            lang: Lang::parse(&row.lang).unwrap_or(Lang::Es),
            name: row.name.clone(),
            role: row.role.clone(),
            program: row.program_name.clone(),
            starts_on: row.starts_on.clone(),
            ends_on: row.ends_on.clone(),
            hours_tenths: u32::try_from(row.hours_tenths).unwrap_or(0),
            issuer: row.issuer_name.clone(),
            issued_on: row.issued_at.format("%Y-%m-%d").to_string(),
            code: row.code.clone(),
            verify_url,
        }
    }
}

/// The PDF's file name in `lang`.
pub fn file_name(lang: Lang) -> String {
    match lang {
        Lang::Es => "certificado-inversa.pdf",
        Lang::En => "inversa-certificate.pdf",
    }
    .to_owned()
}

/// The verification page of the certificate `code` on the site at `base_url`.
pub fn verify_url(base_url: &str, code: &str) -> String {
    format!("{}/verify/{code}", base_url.trim_end_matches('/'))
}

/// Why a PDF could not be written (never the holder's input: the fonts are ours).
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A shipped font could not be read.
    #[error("a shipped font could not be read")]
    Font,
    /// The page or a shape had an impossible size.
    #[error("impossible geometry")]
    Geometry,
    /// krilla refused the document.
    #[error("the PDF could not be written: {0:?}")]
    Write(krilla::error::KrillaError),
    /// The verification address does not fit a QR code.
    #[error("the verification address does not fit a QR code")]
    Qr,
}

fn font(data: &'static [u8]) -> Result<Font, PdfError> {
    Font::new(data.into(), 0).ok_or(PdfError::Font)
}

/// The width of `text` set in `data`'s font at `size` points, in points (shaped, so kerning and
/// ligatures count as they will be drawn).
pub fn text_width(data: &[u8], size: f32, text: &str) -> f32 {
    let Some(face) = rustybuzz::Face::from_slice(data, 0) else {
        return 0.0;
    };
    let upem = f32::from(face.units_per_em().max(1) as u16);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let shaped = rustybuzz::shape(&face, &[], buffer);
    let units: i64 = shaped
        .glyph_positions()
        .iter()
        .map(|p| i64::from(p.x_advance))
        .sum();
    units as f32 / upem * size
}

/// `text` in lines of at most `width` points in `data`'s font at `size`: words kept whole where
/// they fit, a word wider than a line cut between characters.
pub fn wrap(data: &[u8], size: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(data, size, &candidate) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if text_width(data, size, word) <= width {
            line = word.to_owned();
            continue;
        }
        // A word wider than the line: as many characters a line as fit.
        for c in word.chars() {
            let mut next = line.clone();
            next.push(c);
            if !line.is_empty() && text_width(data, size, &next) > width {
                lines.push(std::mem::replace(&mut line, c.to_string()));
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` wrapped to [`TEXT_WIDTH`] at the largest of `sizes` (points, largest first) that needs
/// at most three lines, else at the smallest: (size, lines).
pub fn fit(data: &[u8], sizes: &[f32], text: &str) -> (f32, Vec<String>) {
    let mut last = (0.0, Vec::new());
    for &size in sizes {
        let lines = wrap(data, size, text, TEXT_WIDTH);
        if lines.len() <= MAX_LINES {
            return (size, lines);
        }
        last = (size, lines);
    }
    last
}

/// The words of the certificate in `lang`, from the translation files.
struct Words {
    title: String,
    certifies: String,
    role: String,
    dates: String,
    hours: String,
    issued: String,
    code: String,
    verify: String,
}

fn date_text(iso: &str, lang: Lang) -> String {
    domain::Date::parse(iso)
        .and_then(|d| domain::format_date(d.year, d.month, d.day, lang))
        .unwrap_or_else(|| iso.to_owned())
}

fn words(c: &CertificateText) -> Words {
    use app::i18n::td_string;
    let locale = app::locale_of(c.lang);
    let role = match c.role.as_str() {
        "mentor" => td_string!(locale, certificates.pdf_role_mentor),
        "mentee" => td_string!(locale, certificates.pdf_role_mentee),
        _ => td_string!(locale, certificates.pdf_role_both),
    };
    Words {
        title: td_string!(locale, certificates.pdf_title).to_owned(),
        certifies: td_string!(locale, certificates.pdf_certifies).to_owned(),
        role: role.to_owned(),
        dates: td_string!(
            locale,
            certificates.pdf_dates,
            from = date_text(&c.starts_on, c.lang),
            to = date_text(&c.ends_on, c.lang)
        ),
        hours: td_string!(
            locale,
            certificates.pdf_hours,
            hours = hours_text(c.hours_tenths, c.lang)
        ),
        issued: td_string!(
            locale,
            certificates.pdf_issued,
            issuer = c.issuer.clone(),
            date = date_text(&c.issued_on, c.lang)
        ),
        code: td_string!(locale, certificates.pdf_code, code = c.code.clone()),
        verify: td_string!(locale, certificates.pdf_verify, url = c.verify_url.clone()),
    }
}

fn colour(r: u8, g: u8, b: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The certificate as a PDF file.
///
/// Errors: [`PdfError`] when a shipped font cannot be read or the address is too long for a QR
/// code (neither depends on the holder's data within the limits the app enforces).
pub fn render(c: &CertificateText) -> Result<Vec<u8>, PdfError> {
    let regular = font(REGULAR)?;
    let bold = font(BOLD)?;
    let w = words(c);
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} · {}", w.title, c.name))
            .language(c.lang.code().to_owned())
            .creator("Inversa".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or(PdfError::Geometry)?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();

    // A frame.
    let frame = {
        let mut p = PathBuilder::new();
        p.push_rect(
            Rect::from_xywh(24.0, 24.0, PAGE_WIDTH - 48.0, PAGE_HEIGHT - 48.0).ok_or(PdfError::Geometry)?,
        );
        p.finish().ok_or(PdfError::Geometry)?
    };
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: rgb::Color::new(47, 93, 80).into(),
        width: 2.0,
        ..Stroke::default()
    }));
    surface.draw_path(&frame);
    surface.set_stroke(None);

    let text = |surface: &mut krilla::surface::Surface<'_>, y: f32, f: &Font, size: f32, s: &str| {
        surface.draw_text(
            Point::from_xy(MARGIN, y),
            f.clone(),
            size,
            s,
            false,
            TextDirection::Auto,
        );
    };
    surface.set_fill(Some(colour(47, 93, 80)));
    text(&mut surface, 72.0, &bold, 12.0, "INVERSA");
    surface.set_fill(Some(colour(29, 36, 51)));
    text(&mut surface, 126.0, &bold, 30.0, &w.title);
    text(&mut surface, 166.0, &regular, 14.0, &w.certifies);

    let mut y = 166.0;
    let (size, lines) = fit(BOLD, &[28.0, 22.0, 17.0, 13.0], &c.name);
    for line in &lines {
        y += size * 1.25;
        text(&mut surface, y, &bold, size, line);
    }
    y += 30.0;
    text(&mut surface, y, &regular, 14.0, &w.role);
    let (size, lines) = fit(BOLD, &[18.0, 14.0, 11.0], &c.program);
    for line in &lines {
        y += size * 1.3;
        text(&mut surface, y, &bold, size, line);
    }
    y += 26.0;
    text(&mut surface, y, &regular, 12.0, &w.dates);
    y += 20.0;
    text(&mut surface, y, &regular, 12.0, &w.hours);

    // The foot: issuer, code and address on the left, the QR code on the right.
    let foot_width = TEXT_WIDTH - QR_SIDE - 24.0;
    let mut fy = PAGE_HEIGHT - 110.0;
    surface.set_fill(Some(colour(74, 84, 104)));
    for (f, s) in [(&regular, &w.issued), (&regular, &w.code), (&regular, &w.verify)] {
        for line in wrap(REGULAR, 10.0, s, foot_width) {
            text(&mut surface, fy, f, 10.0, &line);
            fy += 14.0;
        }
    }

    let qr = qrcode::QrCode::new(c.verify_url.as_bytes()).map_err(|_| PdfError::Qr)?;
    let modules = qr.width();
    let cell = QR_SIDE / modules as f32;
    let (qx, qy) = (PAGE_WIDTH - MARGIN - QR_SIDE, PAGE_HEIGHT - 56.0 - QR_SIDE);
    let mut squares = PathBuilder::new();
    for (i, dark) in qr.to_colors().iter().enumerate() {
        if *dark == qrcode::Color::Dark {
            let (col, row) = (i % modules, i / modules);
            if let Some(r) = Rect::from_xywh(qx + col as f32 * cell, qy + row as f32 * cell, cell, cell) {
                squares.push_rect(r);
            }
        }
    }
    if let Some(path) = squares.finish() {
        surface.set_fill(Some(colour(0, 0, 0)));
        surface.draw_path(&path);
    }
    surface.finish();
    page.finish();
    document.finish().map_err(PdfError::Write)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn certificate(name: &str) -> CertificateText {
        CertificateText {
            lang: Lang::Es,
            name: name.to_owned(),
            role: "mentee".to_owned(),
            program: "Mentoría Inversa 2027 · Piloto".to_owned(),
            starts_on: "2027-01-11".to_owned(),
            ends_on: "2027-06-30".to_owned(),
            hours_tenths: 125,
            issuer: "Rocío Hernández".to_owned(),
            issued_on: "2027-07-01".to_owned(),
            code: "0f3a9c2e7b1d4e6f8a0b2c4d6e8f0a1b".to_owned(),
            verify_url: "https://mentoring.example.com/verify/0f3a9c2e7b1d4e6f8a0b2c4d6e8f0a1b".to_owned(),
        }
    }

    #[test]
    fn an_independent_reader_finds_the_name_with_its_accents_the_program_and_the_code() {
        let pdf = render(&certificate("Íñigo Muñoz-Ortúzar")).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
        for expected in [
            "Íñigo Muñoz-Ortúzar",
            "Mentoría Inversa 2027 · Piloto",
            "0f3a9c2e7b1d4e6f8a0b2c4d6e8f0a1b",
            "12,5",
            "Rocío Hernández",
            "30 de junio de 2027",
        ] {
            assert!(text.contains(expected), "{expected} not in {text}");
        }
    }

    #[test]
    fn a_120_character_name_wraps_inside_the_page() {
        let name = "Maximiliano Alejandro de la Santísima Trinidad Fernández-Villaverde y Martínez de Irujo Ortúzar-Echeverría Sánchez";
        let name = format!("{name} {}", "Ñ".repeat(120 - name.chars().count() - 1));
        assert_eq!(name.chars().count(), 120);
        let (size, lines) = fit(BOLD, &[28.0, 22.0, 17.0, 13.0], &name);
        assert!(lines.len() <= MAX_LINES, "{lines:?}");
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(text_width(BOLD, size, line) <= TEXT_WIDTH, "{line}");
        }
        assert_eq!(lines.join(" "), name);
        // One word longer than a line is cut between characters, never drawn past the margin.
        let word = "Ñ".repeat(120);
        let cut = wrap(BOLD, 28.0, &word, TEXT_WIDTH);
        assert!(cut.len() > 1);
        assert!(cut.iter().all(|l| text_width(BOLD, 28.0, l) <= TEXT_WIDTH));
        assert_eq!(cut.concat(), word);
        // And the whole certificate still renders, with the name in it.
        let pdf = render(&certificate(&name)).unwrap();
        let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
        assert!(text.contains("Maximiliano"), "{text}");
    }

    #[test]
    fn english_certificates_speak_english() {
        let mut c = certificate("James Wilson");
        c.lang = Lang::En;
        c.role = "mentor".into();
        let text = pdf_extract::extract_text_from_mem(&render(&c).unwrap()).unwrap();
        assert!(text.contains("12.5"), "{text}");
        assert!(text.contains("30 June 2027"), "{text}");
    }
}
