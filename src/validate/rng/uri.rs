//! URIs in schemas: `datatypeLibrary` values (absolute, no fragment) and
//! `href`/`xml:base` references resolved to local files (nothing is fetched).

use std::path::{Path, PathBuf};

/// Whether `s` is an absolute URI without a fragment (for `datatypeLibrary`).
pub(crate) fn is_absolute_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    scheme_ok && !rest.is_empty() && !s.contains('#') && uri_chars_ok(rest)
}

pub(crate) fn uri_chars_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
                if !hex(i + 1) || !hex(i + 2) {
                    return false;
                }
                i += 3;
                continue;
            }
            b' ' | b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'\\' | b'^' | b'`' => return false,
            c if c < 0x20 || c == 0x7f => return false,
            _ => {}
        }
        i += 1;
    }
    true
}

/// Resolves `href` against the file `base`: relative references and
/// `file:` URIs only (nothing is fetched from a network).
pub(crate) fn resolve_href(base: &Path, href: &str) -> Option<PathBuf> {
    let href = href.trim();
    if !uri_chars_ok(href) {
        return None;
    }
    let decoded = percent_decode(href)?;
    if let Some(rest) = decoded.strip_prefix("file://") {
        return Some(PathBuf::from(rest));
    }
    if let Some(rest) = decoded.strip_prefix("file:") {
        return Some(PathBuf::from(rest));
    }
    if decoded.contains("://")
        || decoded
            .split('/')
            .next()
            .is_some_and(|s| s.contains(':') && !s.contains('.'))
    {
        return None;
    }
    let dir = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base.parent().unwrap_or(Path::new("."))
    };
    Some(normalize(&dir.join(decoded)))
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
