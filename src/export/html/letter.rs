//! The page of one letter: its title, the metadata block from `correspDesc`
//! (from, to, where, when, with links to the register), the text, and the
//! notes as numbered footnotes with back-links.

use roxmltree::Document;

use super::page::{is_language_tag, page_in, push_attr, push_text, url_segment};
use super::render::{kind_class, valid_datetime, Renderer};
use crate::export::model::{LetterView, NameRef, Register};

/// The HTML page of the letter `doc`.
#[must_use]
pub fn letter_page(
    doc: &Document<'_>,
    view: &LetterView,
    register: &Register,
    site_title: &str,
) -> String {
    let mut renderer = Renderer::new(register);
    renderer.block(doc.root_element());
    let (text, notes) = renderer.finish();
    let mut main = String::with_capacity(text.len() + 2048);
    main.push_str("<article class=\"letter\">\n<h1>");
    push_text(&mut main, &view.title);
    main.push_str("</h1>\n");
    main.push_str(&metadata(view));
    main.push_str("<div class=\"text\">\n");
    main.push_str(&text);
    main.push_str("\n</div>\n");
    main.push_str(&footnotes(&notes));
    main.push_str("</article>\n");
    let lang = doc
        .root_element()
        .attribute((crate::tei::XML_NS, "lang"))
        .filter(|l| is_language_tag(l))
        .unwrap_or("en");
    page_in(lang, site_title, &view.title, &main)
}

/// The metadata block, or nothing when the letter has no `correspDesc`.
fn metadata(view: &LetterView) -> String {
    let mut out = String::new();
    for (label, names) in [
        ("From", &view.from),
        ("To", &view.to),
        ("Place", &view.place),
    ] {
        if names.is_empty() {
            continue;
        }
        out.push_str(&format!("<dt>{label}</dt>\n<dd>"));
        let linked: Vec<String> = names.iter().map(name_html).collect();
        out.push_str(&linked.join(", "));
        out.push_str("</dd>\n");
    }
    if let Some(date) = &view.date {
        out.push_str("<dt>Date</dt>\n<dd>");
        out.push_str(&date_html(view.when.as_deref(), date));
        out.push_str("</dd>\n");
    }
    if out.is_empty() {
        return out;
    }
    format!("<dl class=\"correspondence\">\n{out}</dl>\n")
}

/// A name, linked to its register entry when it has one.
pub fn name_html(name: &NameRef) -> String {
    let mut out = String::new();
    match (&name.id, name.kind) {
        (Some(id), Some(kind)) => {
            out.push_str(&format!(
                "<a class=\"{}\" href=\"{}#{}\">",
                kind_class(kind),
                kind.page(),
                url_segment(id)
            ));
            push_text(&mut out, &name.text);
            out.push_str("</a>");
        }
        _ => push_text(&mut out, &name.text),
    }
    out
}

/// A date as `<time>` when its `@when` is one HTML takes.
pub fn date_html(when: Option<&str>, text: &str) -> String {
    let mut out = String::new();
    match when.filter(|w| valid_datetime(w)) {
        Some(when) => {
            out.push_str("<time datetime=\"");
            push_attr(&mut out, when);
            out.push_str("\">");
            push_text(&mut out, text);
            out.push_str("</time>");
        }
        None => push_text(&mut out, text),
    }
    out
}

fn footnotes(notes: &[String]) -> String {
    if notes.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section class=\"notes\">\n<h2>Notes</h2>\n<ol>\n");
    for (i, note) in notes.iter().enumerate() {
        let n = i + 1;
        out.push_str(&format!("<li id=\"note-{n}\">"));
        out.push_str(note);
        out.push_str(&format!(
            " <a class=\"back\" href=\"#noteref-{n}\" aria-label=\"Back to the text of note {n}\">↩</a></li>\n"
        ));
    }
    out.push_str("</ol>\n</section>\n");
    out
}
