//! TEI elements to HTML: the rules for the elements a letter edition uses,
//! and a generic rule for every other element (a `div` or `span` with the TEI
//! name as class), so that no text of any TEI document is lost.
//!
//! Content is rendered in one of two contexts: *block* (where `div` and `p`
//! may stand) and *inline* (phrasing content only). Blocks
//! ([`vocab::BLOCKS`]) in block context become `div`s (`p` for paragraphs,
//! `h2` for headings); everything else, and blocks inside inline content,
//! become phrasing elements, so the HTML stays valid whatever the nesting.

use roxmltree::Node;

use super::page::{class_token, push_attr, push_text, url_segment};
use crate::export::model::{collapsed_text, is_tei, name_ref, Kind, Register};
use crate::export::vocab::{self, Reading};

/// Nesting deeper than this is rendered as plain text (no stack exhaustion
/// on hostile input).
const MAX_DEPTH: usize = 256;

/// Renders TEI into HTML, gathering notes as footnotes.
pub struct Renderer<'r> {
    register: &'r Register,
    out: String,
    notes: Vec<String>,
    in_link: bool,
    in_note: bool,
    depth: usize,
}

impl<'r> Renderer<'r> {
    /// A renderer resolving names against `register`.
    #[must_use]
    pub fn new(register: &'r Register) -> Self {
        Self {
            register,
            out: String::new(),
            notes: Vec::new(),
            in_link: false,
            in_note: false,
            depth: 0,
        }
    }

    /// Renders `node` (usually the root element) in block context.
    pub fn block(&mut self, node: Node<'_, '_>) {
        self.node(node, true);
    }

    /// Renders `node` in inline context.
    pub fn inline(&mut self, node: Node<'_, '_>) {
        self.node(node, false);
    }

    /// The HTML rendered so far, and the footnotes' contents in order.
    #[must_use]
    pub fn finish(self) -> (String, Vec<String>) {
        (self.out, self.notes)
    }

    fn node(&mut self, node: Node<'_, '_>, block: bool) {
        if node.is_text() {
            push_text(&mut self.out, node.text().unwrap_or(""));
        } else if node.is_element() {
            if self.depth >= MAX_DEPTH {
                push_text(&mut self.out, &all_text(node));
                return;
            }
            self.depth += 1;
            self.element(node, block);
            self.depth -= 1;
        }
    }

    fn children(&mut self, node: Node<'_, '_>, block: bool) {
        for child in node.children() {
            self.node(child, block);
        }
    }

    fn element(&mut self, node: Node<'_, '_>, block: bool) {
        let name = node.tag_name().name();
        if !is_tei(&node) {
            return self.generic(node, block, "ns-other");
        }
        match name {
            "teiHeader" => {}
            "note" => self.note(node),
            "lb" => self.out.push_str("<br/>"),
            "pb" | "cb" | "milestone" => self.milestone(node, name),
            "persName" | "placeName" | "orgName" | "name" | "rs" | "settlement" | "country"
            | "region" => self.name(node),
            "date" => self.date(node),
            "add" => self.wrap(node, "ins", ""),
            "del" => self.wrap(node, "del", ""),
            "emph" => self.wrap(node, "em", ""),
            "ref" | "ptr" => self.reference(node),
            "gap" => self.gap(node),
            "choice" => self.choice(node),
            "p" | "dateline" | "salute" | "signed" if block => self.wrap(node, "p", ""),
            "head" if block => self.wrap(node, "h2", ""),
            "TEI" | "teiCorpus" | "facsimile" | "standOff" | "sourceDoc" if block => {
                self.open("div", node, "");
                self.children(node, true);
                self.close("div");
            }
            _ => self.generic(node, block, ""),
        }
    }

    /// `<tag class="tei-NAME rend-…">` with inline content.
    fn wrap(&mut self, node: Node<'_, '_>, tag: &str, extra: &str) {
        self.open(tag, node, extra);
        self.children(node, false);
        self.close(tag);
    }

    fn generic(&mut self, node: Node<'_, '_>, block: bool, extra: &str) {
        let is_block = is_tei(&node) && vocab::is_block(node.tag_name().name());
        if is_block && block {
            self.open("div", node, extra);
            self.children(node, true);
            self.close("div");
        } else {
            let extra = if is_block { "block" } else { extra };
            self.wrap(node, "span", extra);
        }
    }

    fn open(&mut self, tag: &str, node: Node<'_, '_>, extra: &str) {
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push_str(" class=\"");
        self.out.push_str(&classes(node, extra));
        self.out.push_str("\">");
    }

    fn close(&mut self, tag: &str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    fn milestone(&mut self, node: Node<'_, '_>, name: &str) {
        self.out.push_str("<span class=\"tei-");
        self.out.push_str(name);
        self.out.push('"');
        if let Some(n) = node.attribute("n") {
            self.out.push_str(" data-n=\"");
            push_attr(&mut self.out, n);
            self.out.push('"');
        }
        let what = match name {
            "pb" => "page break",
            "cb" => "column break",
            _ => "milestone",
        };
        self.out.push_str(" title=\"");
        self.out.push_str(what);
        if let Some(n) = node.attribute("n") {
            self.out.push_str(", ");
            push_attr(&mut self.out, n);
        }
        self.out.push_str("\"></span>");
    }

    fn note(&mut self, node: Node<'_, '_>) {
        if self.in_note {
            return self.wrap(node, "span", "inline-note");
        }
        let n = self.notes.len() + 1;
        self.notes.push(String::new());
        self.out
            .push_str(&format!("<sup class=\"noteref\" id=\"noteref-{n}\">"));
        if self.in_link {
            self.out.push_str(&format!("{n}</sup>"));
        } else {
            self.out.push_str(&format!(
                "<a href=\"#note-{n}\" aria-label=\"Note {n}\">{n}</a></sup>"
            ));
        }
        let outer = std::mem::take(&mut self.out);
        let in_link = std::mem::replace(&mut self.in_link, false);
        self.in_note = true;
        self.children(node, true);
        self.in_note = false;
        self.in_link = in_link;
        self.notes[n - 1] = std::mem::replace(&mut self.out, outer);
    }

    fn name(&mut self, node: Node<'_, '_>) {
        let name = name_ref(node, self.register);
        let kind = name.as_ref().and_then(|n| n.kind);
        let kind_class = kind.map_or("", kind_class);
        let target = match (&name, kind) {
            (Some(n), Some(kind)) => {
                n.id.as_ref()
                    .map(|id| format!("{}#{}", kind.page(), url_segment(id)))
            }
            _ => None,
        }
        .or_else(|| {
            node.attribute("ref")
                .filter(|r| is_web(r))
                .map(str::to_owned)
        });
        match target {
            Some(href) if !self.in_link => self.link(node, &href, kind_class),
            _ => self.wrap(node, "span", kind_class),
        }
    }

    fn link(&mut self, node: Node<'_, '_>, href: &str, extra: &str) {
        self.out.push_str("<a class=\"");
        self.out.push_str(&classes(node, extra));
        self.out.push_str("\" href=\"");
        push_attr(&mut self.out, href);
        self.out.push_str("\">");
        self.in_link = true;
        self.children(node, false);
        self.in_link = false;
        self.out.push_str("</a>");
    }

    fn reference(&mut self, node: Node<'_, '_>) {
        let target = node.attribute("target").filter(|t| is_web(t));
        match target {
            Some(href) if !self.in_link => {
                if node.has_children() {
                    self.link(node, href, "");
                } else {
                    self.out.push_str("<a class=\"tei-ptr\" href=\"");
                    push_attr(&mut self.out, href);
                    self.out.push_str("\">");
                    push_text(&mut self.out, href);
                    self.out.push_str("</a>");
                }
            }
            _ => self.wrap(node, "span", ""),
        }
    }

    fn date(&mut self, node: Node<'_, '_>) {
        match node.attribute("when").filter(|w| valid_datetime(w)) {
            Some(when) => {
                self.out.push_str("<time class=\"");
                self.out.push_str(&classes(node, ""));
                self.out.push_str("\" datetime=\"");
                push_attr(&mut self.out, when);
                self.out.push_str("\">");
                self.children(node, false);
                self.out.push_str("</time>");
            }
            None => self.wrap(node, "span", ""),
        }
    }

    fn gap(&mut self, node: Node<'_, '_>) {
        let mut title = String::from("gap");
        for attr in ["reason", "quantity", "unit", "extent"] {
            if let Some(v) = node.attribute(attr) {
                title.push_str(&format!(", {attr} {v}"));
            }
        }
        self.out.push_str("<span class=\"tei-gap\" title=\"");
        push_attr(&mut self.out, &title);
        self.out.push_str("\">[…]");
        self.children(node, false);
        self.out.push_str("</span>");
    }

    /// The regular reading shows; the source's reading (`orig`, `sic`,
    /// `abbr`) shows on hover (CSS) and in the title.
    fn choice(&mut self, node: Node<'_, '_>) {
        let other: Vec<String> = node
            .children()
            .filter(|c| is_tei(c) && Reading::Reg.dropped().contains(&c.tag_name().name()))
            .map(collapsed_text)
            .collect();
        self.out.push_str("<span class=\"tei-choice\"");
        if !other.is_empty() {
            self.out.push_str(" title=\"");
            push_attr(&mut self.out, &format!("source: {}", other.join(" / ")));
            self.out.push('"');
        }
        self.out.push('>');
        self.children(node, false);
        self.out.push_str("</span>");
    }
}

/// The class attribute of a rendered TEI element: `tei-NAME`, a token per
/// `@rend`/`@type` value, and `extra`.
fn classes(node: Node<'_, '_>, extra: &str) -> String {
    let mut classes = format!("tei-{}", class_token(node.tag_name().name()));
    for (attr, prefix) in [("rend", "rend-"), ("type", "type-")] {
        for token in node
            .attribute(attr)
            .unwrap_or("")
            .split_whitespace()
            .take(4)
        {
            classes.push(' ');
            classes.push_str(prefix);
            classes.push_str(&class_token(token));
        }
    }
    if !extra.is_empty() {
        classes.push(' ');
        classes.push_str(extra);
    }
    let mut out = String::with_capacity(classes.len());
    push_attr(&mut out, &classes);
    out
}

/// The class of a name's kind.
pub fn kind_class(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Place => "place",
        Kind::Org => "org",
    }
}

fn is_web(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(char::is_whitespace)
}

fn all_text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// Whether `value` is a date HTML's `datetime` takes: `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD` (a real day), the forms TEI's `@when` uses for letters.
#[must_use]
pub fn valid_datetime(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    match parts.as_slice() {
        [y] => digits(y, 4) && num(y) > 0,
        [y, m] => digits(y, 4) && num(y) > 0 && digits(m, 2) && (1..=12).contains(&num(m)),
        [y, m, d] => {
            if !(digits(y, 4) && num(y) > 0 && digits(m, 2) && digits(d, 2)) {
                return false;
            }
            let (y, m, d) = (num(y), num(m), num(d));
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => 0,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes() {
        for ok in ["2003", "2003-07", "2003-07-26", "2000-02-29"] {
            assert!(valid_datetime(ok), "{ok}");
        }
        for bad in [
            "1900-02-29",
            "2003-13",
            "03-07-26",
            "2003-07-32",
            "0000",
            "-0044",
            "",
        ] {
            assert!(!valid_datetime(bad), "{bad}");
        }
    }
}
