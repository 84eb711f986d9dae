//! A module's Markdown as safe HTML: rendered with `pulldown-cmark`, then cleaned by `ammonia`,
//! so no raw HTML, script, event handler, `javascript:` link or image written by HR reaches a
//! page. Links open with `rel="noopener noreferrer nofollow"`.

use std::collections::HashSet;

use pulldown_cmark::{Options, Parser, html};

/// The HTML for `markdown` (CommonMark with tables and strikethrough), sanitised.
pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    ammonia::Builder::default()
        .rm_tags(["img"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn markdown_becomes_html() {
        let html = to_safe_html("## Escucha\n\n- uno\n- **dos**\n\n[guía](https://example.com/a?b=1&c=2)");
        assert!(html.contains("<h2>Escucha</h2>"), "{html}");
        assert!(html.contains("<li><strong>dos</strong></li>"), "{html}");
        assert!(
            html.contains(
                r#"<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">guía</a>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn nothing_active_survives() {
        for (input, banned) in [
            ("<script>alert(1)</script>", "<script"),
            ("<img src=x onerror=alert(1)>", "onerror"),
            ("[x](javascript:alert(1))", "javascript:"),
            ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
            ("![logo](https://tracker.example/p.gif)", "<img"),
            ("<a href=\"https://x\" onclick=\"steal()\">x</a>", "onclick"),
            ("<iframe src=\"https://evil\"></iframe>", "<iframe"),
            ("<style>body{display:none}</style>", "<style"),
            ("<div style=\"position:fixed\">x</div>", "style="),
            ("[x](JaVaScRiPt:alert(1))", "alert"),
        ] {
            let html = to_safe_html(input).to_ascii_lowercase();
            assert!(!html.contains(banned), "{input} -> {html}");
        }
    }
}
