//! Built files (`/pkg/…`, `/favicon.ico`) as a browser gets them: the brotli or gzip file the
//! build wrote beside each one is sent as it is to a browser that accepts it (never compressed
//! again per request), the plain file to one that accepts neither; a content-hashed name may be
//! kept for a year, any other name is revalidated; pages are never cached as files are.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use clap::Parser;
use http_body_util::BodyExt;
use server::config::Cli;
use tower::ServiceExt;

const HASHED: &str = "inversa.5lbbA3Ngx0l2dw0kqgbPvA.js";
const PLAIN: &str = "__wasm_split.______________________.js";

/// A site whose files each come with a `.br` and a `.gz` twin of different, recognisable
/// content, so the test sees which one was sent.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for name in [HASHED, PLAIN] {
        std::fs::write(pkg.join(name), format!("plain {name} ").repeat(200)).unwrap();
        std::fs::write(pkg.join(format!("{name}.br")), b"BROTLI").unwrap();
        std::fs::write(pkg.join(format!("{name}.gz")), b"GZIP").unwrap();
    }
    std::fs::write(dir.path().join("favicon.ico"), b"icon").unwrap();
    dir
}

async fn router(site: &std::path::Path) -> axum::Router {
    support::watch_panics();
    let site = site.to_string_lossy().into_owned();
    let cli = Cli::try_parse_from(["inversa", "--database", "mem://", "--site-root", site.as_str()]).unwrap();
    let state = server::build_state(&cli.config).await.unwrap();
    server::routes::router(state)
}

struct Got {
    status: StatusCode,
    encoding: Option<String>,
    cache: Option<String>,
    body: Vec<u8>,
}

async fn get(router: &axum::Router, path: &str, accept: Option<&str>) -> Got {
    let mut req = Request::get(path);
    if let Some(a) = accept {
        req = req.header(header::ACCEPT_ENCODING, a);
    }
    let res = router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let value = |name| {
        res.headers()
            .get(name)
            .map(|v: &header::HeaderValue| v.to_str().unwrap().to_owned())
    };
    Got {
        status: res.status(),
        encoding: value(header::CONTENT_ENCODING),
        cache: value(header::CACHE_CONTROL),
        body: res.into_body().collect().await.unwrap().to_bytes().to_vec(),
    }
}

#[tokio::test]
async fn the_precompressed_file_is_sent_as_it_is_to_a_browser_that_accepts_it() {
    let site = site();
    let router = router(site.path()).await;
    let path = format!("/pkg/{HASHED}");

    let br = get(&router, &path, Some("gzip, deflate, br, zstd")).await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(br.encoding.as_deref(), Some("br"));
    assert_eq!(br.body, b"BROTLI");

    let gz = get(&router, &path, Some("gzip")).await;
    assert_eq!(gz.encoding.as_deref(), Some("gzip"));
    assert_eq!(gz.body, b"GZIP");

    let plain = get(&router, &path, None).await;
    assert_eq!(plain.encoding, None);
    assert_eq!(plain.body, format!("plain {HASHED} ").repeat(200).into_bytes());
}

#[tokio::test]
async fn hashed_names_are_kept_for_a_year_and_other_files_revalidated() {
    let site = site();
    let router = router(site.path()).await;

    let hashed = get(&router, &format!("/pkg/{HASHED}"), Some("br")).await;
    assert_eq!(
        hashed.cache.as_deref(),
        Some("public, max-age=31536000, immutable")
    );

    let plain = get(&router, &format!("/pkg/{PLAIN}"), Some("br")).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.cache.as_deref(), Some("no-cache"));

    let icon = get(&router, "/favicon.ico", None).await;
    assert_eq!(icon.body, b"icon");
    assert_eq!(icon.cache.as_deref(), Some("no-cache"));

    let missing = get(&router, "/pkg/inversa.AAAAAAAAAAAAAAAAAAAAAA.js", Some("br")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.cache, None, "a 404 is not cached for a year");

    let page = get(&router, "/login", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_ne!(page.cache.as_deref(), Some("public, max-age=31536000, immutable"));
}

#[tokio::test]
async fn a_file_built_without_compressed_twins_is_compressed_as_it_is_sent() {
    let site = site();
    let name = "inversa.css";
    std::fs::write(
        site.path().join("pkg").join(name),
        "body { color: black; }\n".repeat(100),
    )
    .unwrap();
    let router = router(site.path()).await;
    let got = get(&router, &format!("/pkg/{name}"), Some("gzip")).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.encoding.as_deref(), Some("gzip"));
    assert!(got.body.len() < 2_300, "compressed: {} bytes", got.body.len());
}
