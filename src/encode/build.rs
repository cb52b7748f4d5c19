//! Assembling the TEI document from the segmented letter.

use super::header;
use super::recognize::Mention;
use super::segment::{Block, Letter, Para, Part, Span};
use super::Options;
use crate::tei::{Element, TEI_NS};

/// The whole TEI document.
pub(super) fn document(text: &str, letter: &Letter, options: &Options<'_>) -> Element {
    let mut root = Element::new("TEI").attr("xmlns", TEI_NS);
    if !options.lang.is_empty() {
        root = root.attr("xml:lang", options.lang.clone());
    }
    root.child(header::header(text, letter, options)).child(
        Element::new("text").child(Element::new("body").child(letter_div(text, letter, options))),
    )
}

fn letter_div(text: &str, letter: &Letter, options: &Options<'_>) -> Element {
    let mut div = Element::new("div").attr("type", "letter");
    if let Some(head) = &letter.head {
        div.push(inline_block(Element::new("head"), text, head, &[]));
    }
    if !letter.opener.is_empty() {
        div.push(parts(Element::new("opener"), text, &letter.opener, options));
    }
    for para in &letter.body {
        div.push(paragraph(text, para));
    }
    if letter.body.is_empty() {
        div.push(Element::new("p"));
    }
    if !letter.closer.is_empty() {
        div.push(parts(Element::new("closer"), text, &letter.closer, options));
    }
    for ps in &letter.postscripts {
        let mut el = Element::new("postscript");
        for para in ps {
            el.push(paragraph(text, para));
        }
        div.push(el);
    }
    div
}

fn parts(mut el: Element, text: &str, parts: &[Part], options: &Options<'_>) -> Element {
    for part in parts {
        let child = match part {
            Part::Dateline(d) => {
                let mut marks = Vec::new();
                if let Some(place) = d.place {
                    marks.push(name_mark(
                        text,
                        place,
                        "placeName",
                        super::EntityKind::Place,
                        options,
                    ));
                }
                if let Some(date) = &d.date {
                    marks.push(date.to_mention());
                }
                let mut dl = Element::new("dateline");
                for (k, b) in d.blocks.iter().enumerate() {
                    if k > 0 {
                        dl.push_text("\n");
                        dl.push(Element::new("lb"));
                    }
                    dl = inline_block(dl, text, b, &marks);
                }
                dl
            }
            Part::Salute(span) => inline_span(Element::new("salute"), text, *span, &[]),
            Part::Signed(s) => {
                let mut marks = Vec::new();
                if let Some(name) = s.name {
                    marks.push(name_mark(
                        text,
                        name,
                        "persName",
                        super::EntityKind::Person,
                        options,
                    ));
                }
                if let Some(org) = s.org {
                    marks.push(name_mark(
                        text,
                        org,
                        "orgName",
                        super::EntityKind::Org,
                        options,
                    ));
                }
                inline_span(Element::new("signed"), text, s.span, &marks)
            }
            Part::Address(b) => {
                let mut address = Element::new("address");
                for line in &b.lines {
                    address.push(inline_span(Element::new("addrLine"), text, *line, &[]));
                }
                address
            }
            Part::Other(b) => inline_block(Element::new("seg"), text, b, &[]),
        };
        el.push(child);
    }
    el
}

/// A name mark, linked to the register when the register knows the name.
pub(super) fn name_mark(
    text: &str,
    span: Span,
    element: &'static str,
    kind: super::EntityKind,
    options: &Options<'_>,
) -> Mention {
    let attrs = options
        .register
        .and_then(|r| r.lookup(kind, span.of(text)))
        .map(|e| vec![("ref", format!("#{}", e.id))])
        .unwrap_or_default();
    Mention {
        start: span.start,
        end: span.end,
        element,
        attrs,
    }
}

fn paragraph(text: &str, para: &Para) -> Element {
    match para {
        Para::Prose(pieces) => {
            let mut p = Element::new("p");
            for (k, piece) in pieces.iter().enumerate() {
                if k > 0 {
                    p.push_text("\n");
                    p.push(Element::new("pb"));
                }
                p = inline_block(p, text, piece, &[]);
            }
            p
        }
        Para::Lines(block) => {
            let mut p = Element::new("p");
            for (k, line) in block.lines.iter().enumerate() {
                if k > 0 {
                    p.push_text("\n");
                    p.push(Element::new("lb"));
                }
                p = inline_span(p, text, *line, &[]);
            }
            p
        }
    }
}

/// Appends a block's text to `el`, its lines joined by a space (the hard
/// wrapping of prose carries no meaning), with the marks that fall inside it.
fn inline_block(el: Element, text: &str, block: &Block, marks: &[Mention]) -> Element {
    inline_span(el, text, block.span(), marks)
}

/// Appends the text of `span` to `el`, wrapping each mark that lies inside
/// the span in its element. Line breaks inside the span become spaces.
pub(super) fn inline_span(mut el: Element, text: &str, span: Span, marks: &[Mention]) -> Element {
    let mut at = span.start;
    let mut inside: Vec<&Mention> = marks
        .iter()
        .filter(|m| m.start >= span.start && m.end <= span.end && m.start < m.end)
        .collect();
    inside.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    for mark in inside {
        if mark.start < at {
            continue;
        }
        el.push_text(join_lines(&text[at..mark.start]));
        let mut child = Element::new(mark.element);
        for (k, v) in &mark.attrs {
            child = child.attr(k, v.clone());
        }
        el.push(child.text(join_lines(&text[mark.start..mark.end])));
        at = mark.end;
    }
    el.push_text(join_lines(&text[at..span.end]));
    el
}

/// Replaces each line break, with the indentation around it, by one space.
fn join_lines(s: &str) -> String {
    if !s.contains('\n') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for (k, line) in s.split('\n').enumerate() {
        if k > 0 {
            let trimmed_len = out.trim_end_matches([' ', '\t']).len();
            out.truncate(trimmed_len);
            out.push(' ');
            out.push_str(line.trim_start_matches([' ', '\t']));
        } else {
            out.push_str(line);
        }
    }
    out
}
