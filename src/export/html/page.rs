//! The frame every page shares (doctype, head, site navigation) and the
//! escaping of text, attribute values and URLs.

use crate::export::model::Kind;

/// The file name of the site's style sheet.
pub const CSS_FILE: &str = "teikit.css";

/// The file name of the letters index.
pub const INDEX_FILE: &str = "index.html";

/// Appends `text` to `out`, escaped for HTML text.
pub fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// Appends `value` to `out`, escaped for a double-quoted attribute value.
pub fn push_attr(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// `text` escaped for HTML text.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_text(&mut out, text);
    out
}

/// `value` escaped for an attribute value.
#[must_use]
pub fn escape_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_attr(&mut out, value);
    out
}

/// A file name or fragment as a URL path segment: every byte outside the
/// unreserved set is percent-encoded.
#[must_use]
pub fn url_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A string made safe as a class name token (letters, digits, `-`, `_`).
#[must_use]
pub fn class_token(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// A whole page in English: `title` in the head, `main` as the content of `<main>`.
#[must_use]
pub fn page(site_title: &str, title: &str, main: &str) -> String {
    page_in("en", site_title, title, main)
}

/// Whether `tag` looks like a BCP 47 language tag (`en`, `de-CH`, `sa-Latn`).
#[must_use]
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A whole page in the language `lang` (a BCP 47 tag).
#[must_use]
pub fn page_in(lang: &str, site_title: &str, title: &str, main: &str) -> String {
    let mut out = String::with_capacity(main.len() + 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    push_attr(&mut out, lang);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    out.push_str("<meta name=\"generator\" content=\"teikit\"/>\n<title>");
    push_text(&mut out, title);
    if title != site_title {
        out.push_str(" · ");
        push_text(&mut out, site_title);
    }
    out.push_str("</title>\n<link rel=\"stylesheet\" href=\"");
    out.push_str(CSS_FILE);
    out.push_str(
        "\"/>\n</head>\n<body>\n<header class=\"site\">\n<p class=\"site-title\"><a href=\"",
    );
    out.push_str(INDEX_FILE);
    out.push_str("\">");
    push_text(&mut out, site_title);
    out.push_str("</a></p>\n<nav aria-label=\"Indices\">\n<ul>\n<li><a href=\"");
    out.push_str(INDEX_FILE);
    out.push_str("\">Letters</a></li>\n");
    for kind in Kind::ALL {
        out.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>\n",
            kind.page(),
            kind.heading()
        ));
    }
    out.push_str("</ul>\n</nav>\n</header>\n<main>\n");
    out.push_str(main);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape("a<b & c>"), "a&lt;b &amp; c&gt;");
        assert_eq!(escape_attr("say \"x\""), "say &quot;x&quot;");
        assert_eq!(url_segment("a b/é"), "a%20b%2F%C3%A9");
        assert_eq!(class_token("rend:it alic"), "rend-it-alic");
        assert!(is_language_tag("en") && is_language_tag("de-CH") && is_language_tag("sa-Latn"));
        assert!(!is_language_tag("") && !is_language_tag("e") && !is_language_tag("en_GB"));
    }
}
