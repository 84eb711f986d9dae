//! The built files pages link to (`/pkg/…`): their names, content-hashed when the build hashed
//! them, and how long browsers may keep them.
//!
//! With `hash-files = true` in the workspace's leptos metadata, cargo-leptos renames every file
//! of `pkg/` to `<stem>.<hash>.<ext>` (the hash is the file's MD5 in unpadded base64url, 22
//! characters) and writes the new names to `hash.txt` beside the server binary, one
//! `<kind>: <hash>` line each (`js`, `wasm`, `css`, `manifest`, `split`). A hashed name never
//! changes meaning, so browsers may keep the file for a year without asking again; a new build
//! gets new names.

use std::path::{Path, PathBuf};

/// `Cache-Control` of a content-hashed file: a year, never revalidated (RFC 8246 `immutable`).
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of a built file whose name does not change with its content: revalidated on
/// every use (the server answers `304 Not Modified` while it is unchanged).
pub const REVALIDATE: &str = "no-cache";

/// Name of the hash file cargo-leptos writes beside the server binary.
pub const HASH_FILE: &str = "hash.txt";

/// Where the running binary's hash file is, when the build wrote one: `hash.txt` in the
/// executable's directory (as leptos itself looks for it). `None` for a build without hashed
/// names, and in tests.
pub fn hash_file_beside_executable() -> Option<PathBuf> {
    let path = std::env::current_exe().ok()?.parent()?.join(HASH_FILE);
    path.is_file().then_some(path)
}

/// The names, under the site's `pkg` directory, of the three files every page loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetNames {
    /// The JavaScript that loads the WebAssembly, e.g. `inversa.js` or `inversa.Ab3….js`.
    pub js: String,
    /// The main WebAssembly bundle.
    pub wasm: String,
    /// The style sheet.
    pub css: String,
}

impl AssetNames {
    /// The plain names of `output_name`'s files (a build without hashed names).
    pub fn plain(output_name: &str) -> Self {
        Self {
            js: format!("{output_name}.js"),
            wasm: format!("{output_name}.wasm"),
            css: format!("{output_name}.css"),
        }
    }

    /// The names a hash file's text gives `output_name`'s files; a kind missing from it keeps
    /// its plain name.
    pub fn from_hashes(output_name: &str, hashes: &str) -> Self {
        let mut names = Self::plain(output_name);
        for (kind, hash) in hashes.lines().filter_map(|l| l.split_once(':')) {
            let hash = hash.trim();
            if hash.is_empty() {
                continue;
            }
            let slot = match kind.trim() {
                "js" => &mut names.js,
                "wasm" => &mut names.wasm,
                "css" => &mut names.css,
                _ => continue,
            };
            let ext = slot.rsplit('.').next().unwrap_or_default().to_owned();
            *slot = format!("{output_name}.{hash}.{ext}");
        }
        names
    }

    /// The names for a site built with `output_name`: read from `hash_file` when given (a file
    /// that cannot be read falls back to the plain names, with an error in the log).
    pub fn read(output_name: &str, hash_file: Option<&Path>) -> Self {
        match hash_file.map(std::fs::read_to_string) {
            None => Self::plain(output_name),
            Some(Ok(text)) => Self::from_hashes(output_name, &text),
            Some(Err(e)) => {
                leptos::logging::error!("cannot read the hash file ({e}); linking plain file names");
                Self::plain(output_name)
            }
        }
    }
}

/// Whether a file name carries its content's hash (`<stem>.<22 base64url characters>.<ext>`),
/// so that it may be cached for good. The all-underscore placeholder wasm-split writes before
/// hashing does not count.
pub fn is_content_hashed(file_name: &str) -> bool {
    let parts: Vec<&str> = file_name.split('.').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1].iter().any(|p| {
            p.len() == 22
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && p.bytes().any(|b| b != b'_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASHES: &str = "js: 5lbbA3Ngx0l2dw0kqgbPvA\nwasm: hvJ4cVCnIUg4tOQ3SI_-ZA\ncss: \
                          Qn1Z0Yd6XcfoIdRWwRY0gw\nmanifest: z7s2hUxZy5PWVyu9xOmQGQ\nsplit: \
                          0X3N8y6yT3wJ1V9OfoA-6A\n";

    #[test]
    fn a_hash_file_names_the_hashed_files() {
        assert_eq!(
            AssetNames::from_hashes("inversa", HASHES),
            AssetNames {
                js: "inversa.5lbbA3Ngx0l2dw0kqgbPvA.js".into(),
                wasm: "inversa.hvJ4cVCnIUg4tOQ3SI_-ZA.wasm".into(),
                css: "inversa.Qn1Z0Yd6XcfoIdRWwRY0gw.css".into(),
            }
        );
    }

    #[test]
    fn without_a_hash_file_the_names_are_plain() {
        assert_eq!(AssetNames::read("inversa", None), AssetNames::plain("inversa"));
        assert_eq!(AssetNames::plain("inversa").wasm, "inversa.wasm");
        let missing = Path::new("/nonexistent/hash.txt");
        assert_eq!(
            AssetNames::read("inversa", Some(missing)),
            AssetNames::plain("inversa")
        );
        assert_eq!(
            AssetNames::from_hashes("inversa", "css:\n"),
            AssetNames::plain("inversa")
        );
    }

    #[test]
    fn only_hashed_names_are_cached_for_good() {
        assert!(is_content_hashed("inversa.5lbbA3Ngx0l2dw0kqgbPvA.js"));
        assert!(is_content_hashed(
            "split_people_pages.hvJ4cVCnIUg4tOQ3SI_-ZA.wasm"
        ));
        assert!(is_content_hashed("__wasm_split.0X3N8y6yT3wJ1V9OfoA-6A.js"));
        assert!(is_content_hashed("inversa.5lbbA3Ngx0l2dw0kqgbPvA.js.br"));
        assert!(!is_content_hashed("__wasm_split.______________________.js"));
        assert!(!is_content_hashed("inversa.js"));
        assert!(!is_content_hashed("inversa_bg.wasm"));
        assert!(!is_content_hashed("favicon.ico"));
        assert!(!is_content_hashed("inversa.short.js"));
        assert!(!is_content_hashed("inversa.5lbbA3Ngx0l2dw0kqg/PvA.js"));
    }
}
