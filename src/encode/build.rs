//! Assembling the TEI document from the segmented letter.

use super::header;
use super::recognize::{self, Mention};
use super::segment::{Block, Letter, Para, Part, Span};
use super::Options;
use crate::tei::{Element, TEI_NS};

/// The whole TEI document.
pub(super) fn document(text: &str, letter: &Letter, options: &Options<'_>) -> Element {
    let mut root = Element::new("TEI").attr("xmlns", TEI_NS);
    if !options.lang.is_empty() {
        root = root.attr("xml:lang", options.lang.clone());
    }
    let marks = marks(text, letter, options);
    root.child(header::header(text, letter, options, &marks))
        .child(
            Element::new("text")
                .child(Element::new("body").child(letter_div(text, letter, &marks))),
        )
}

/// Every mark of the letter: what segmentation found in the dateline and the
/// signature, then what the recognisers found elsewhere.
fn marks(text: &str, letter: &Letter, options: &Options<'_>) -> Vec<Mention> {
    let mut marks = Vec::new();
    for part in letter.opener.iter().chain(&letter.closer) {
        marks.extend(part_marks(text, part, options));
    }
    let anchor = letter
        .dateline()
        .and_then(|d| d.date.as_ref())
        .and_then(|d| {
            let when = d.when.as_deref()?;
            let year = when.get(..4)?.parse().ok()?;
            let month = when.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
            Some((year, month, when.get(8..10).and_then(|d| d.parse().ok())))
        });
    let ctx = recognize::Context {
        register: options.register,
        anchor,
        period: options.period,
        seeds: &marks,
    };
    let found = recognize::recognize(text, &ctx);
    let segment_marks = marks.len();
    for m in found {
        let clash = marks[..segment_marks]
            .iter()
            .position(|k| k.start < m.end && m.start < k.end);
        match clash {
            None => marks.push(m),
            // A recognised date that holds the dateline's date knows more
            // (a two-digit year, the year of the letter): it replaces it.
            Some(k)
                if m.element == "date"
                    && marks[k].element == "date"
                    && m.start <= marks[k].start
                    && marks[k].end <= m.end =>
            {
                let mut m = m;
                if m.attrs.is_empty() {
                    m.attrs = std::mem::take(&mut marks[k].attrs);
                }
                marks[k] = m;
            }
            Some(_) => {}
        }
    }
    marks
}

fn letter_div(text: &str, letter: &Letter, marks: &[Mention]) -> Element {
    let mut div = Element::new("div").attr("type", "letter");
    if let Some(head) = &letter.head {
        div.push(inline_block(Element::new("head"), text, head, marks));
    }
    if !letter.opener.is_empty() {
        div.push(parts(Element::new("opener"), text, &letter.opener, marks));
    }
    for para in &letter.body {
        div.push(paragraph(text, para, marks));
    }
    if letter.body.is_empty() {
        div.push(Element::new("p"));
    }
    if !letter.closer.is_empty() {
        div.push(parts(Element::new("closer"), text, &letter.closer, marks));
    }
    for ps in &letter.postscripts {
        let mut el = Element::new("postscript");
        for para in ps {
            el.push(paragraph(text, para, marks));
        }
        div.push(el);
    }
    div
}

/// The marks segmentation found in a part: the dateline's place and date,
/// the signer's name and organisation.
fn part_marks(text: &str, part: &Part, options: &Options<'_>) -> Vec<Mention> {
    let mut marks = Vec::new();
    match part {
        Part::Dateline(d) => {
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
        }
        Part::Signed(s) => {
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
        }
        _ => {}
    }
    marks
}

fn parts(mut el: Element, text: &str, parts: &[Part], marks: &[Mention]) -> Element {
    for part in parts {
        let child = match part {
            Part::Dateline(d) => {
                let mut dl = Element::new("dateline");
                for (k, b) in d.blocks.iter().enumerate() {
                    if k > 0 {
                        dl.push_text("\n");
                        dl.push(Element::new("lb"));
                    }
                    dl = inline_block(dl, text, b, marks);
                }
                dl
            }
            Part::Salute(span) => inline_span(Element::new("salute"), text, *span, marks),
            Part::Signed(s) => inline_span(Element::new("signed"), text, s.span, marks),
            Part::Address(b) => {
                let mut address = Element::new("address");
                for line in &b.lines {
                    address.push(inline_span(Element::new("addrLine"), text, *line, marks));
                }
                address
            }
            Part::Other(b) => inline_block(Element::new("seg"), text, b, marks),
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

fn paragraph(text: &str, para: &Para, marks: &[Mention]) -> Element {
    match para {
        Para::Prose(pieces) => {
            let mut p = Element::new("p");
            for (k, piece) in pieces.iter().enumerate() {
                if k > 0 {
                    p.push_text("\n");
                    p.push(Element::new("pb"));
                }
                p = inline_block(p, text, piece, marks);
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
                p = inline_span(p, text, *line, marks);
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
