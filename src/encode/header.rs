//! The `teiHeader`: file description, encoding description and the
//! `correspDesc` built from what segmentation found.
//!
//! `correspDesc` follows the Correspondence SIG and CMIF conventions: a
//! `correspAction type="sent"` with the signer, the dateline's place and the
//! dateline's date (`@when`), and a `correspAction type="received"` with the
//! addressee taken from the title line ("Letter to …") or the salutation
//! ("Dear Mr. Curtis"). Generic forms of address ("Dear Sir") name nobody and
//! are not recorded. An action with nothing known is left out.

use super::build::name_mark;
use super::recognize::Mention;
use super::segment::{Letter, Span};
use super::{EntityKind, Options};
use crate::tei::Element;

/// Honorifics dropped from the front of an addressee's name in `correspDesc`.
const HONORIFICS: &[&str] = &[
    "Comrade",
    "Comrades",
    "Mr",
    "Mrs",
    "Miss",
    "Ms",
    "Dr",
    "Prof",
    "Professor",
    "Rev",
    "Revd",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Prof.",
    "Rev.",
    "Revd.",
    "Herr",
    "Frau",
    "Fräulein",
    "Monsieur",
    "Madame",
    "Mademoiselle",
];

/// Words of address that name nobody in particular.
const GENERIC: &[&str] = &[
    "sir",
    "sirs",
    "madam",
    "madame",
    "gentlemen",
    "ladies",
    "friend",
    "friends",
    "comrade",
    "comrades",
    "mother",
    "father",
    "brother",
    "sister",
    "son",
    "daughter",
    "aunt",
    "uncle",
    "cousin",
    "love",
    "child",
    "children",
    "colleague",
    "colleagues",
    "all",
    "wife",
    "husband",
    "lord",
    "lady",
    "doctor",
    "professor",
    "editor",
    "brethren",
    "freund",
    "freunde",
    "herr",
];

pub(super) fn header(
    text: &str,
    letter: &Letter,
    options: &Options<'_>,
    marks: &[Mention],
) -> Element {
    let corresp = Corresp::find(text, letter, marks);
    let mut profile = Element::new("profileDesc");
    if let Some(desc) = corresp.element(text, options) {
        profile.push(desc);
    }
    if !options.lang.is_empty() {
        profile.push(
            Element::new("langUsage").child(
                Element::new("language")
                    .attr("ident", options.lang.clone())
                    .text(language_name(&options.lang)),
            ),
        );
    }
    Element::new("teiHeader")
        .child(file_desc(&corresp.title(text), options))
        .child(encoding_desc())
        .child(profile)
}

fn file_desc(title: &str, options: &Options<'_>) -> Element {
    let publication = match &options.publication {
        Some(p) => {
            let mut licence = Element::new("licence").text(p.licence.clone());
            if let Some(url) = &p.licence_url {
                licence = licence.attr("target", url.clone());
            }
            Element::new("publicationStmt")
                .child(Element::new("publisher").text(p.publisher.clone()))
                .child(Element::new("availability").child(licence))
        }
        None => Element::new("publicationStmt").child(
            Element::new("p").text("Unpublished: encoded with teikit, not yet part of an edition."),
        ),
    };
    let mut title_stmt = Element::new("titleStmt").child(Element::new("title").text(title));
    if let Some(p) = &options.publication {
        title_stmt.push(
            Element::new("title")
                .attr("type", "sub")
                .text(p.edition.clone()),
        );
    }
    Element::new("fileDesc")
        .child(title_stmt)
        .child(publication)
        .child(
            Element::new("sourceDesc").child(Element::new("p").text(format!(
                "Encoded from the plain-text transcription {}.",
                options.source
            ))),
        )
}

fn encoding_desc() -> Element {
    Element::new("encodingDesc").child(
        Element::new("appInfo").child(
            Element::new("application")
                .attr("ident", "teikit")
                .attr("version", crate::VERSION)
                .child(Element::new("label").text("teikit"))
                .child(Element::new("p").text(
                    "Structure, correspondence metadata and names encoded automatically from plain text; \
                     the text of the letter is unchanged.",
                )),
        ),
    )
}

fn language_name(tag: &str) -> &'static str {
    match tag.split('-').next().unwrap_or("") {
        "en" => "English",
        "de" => "German",
        "fr" => "French",
        "it" => "Italian",
        "es" => "Spanish",
        "la" => "Latin",
        "nl" => "Dutch",
        _ => "",
    }
}

/// What the letter says about its correspondents.
struct Corresp {
    sender: Option<Span>,
    org: Option<Span>,
    place: Option<Span>,
    /// The dateline's date: its words, `@when` and `@cert`.
    date: Option<(Span, Option<String>, Option<String>)>,
    addressee: Option<Span>,
}

impl Corresp {
    /// What `letter` says; the dateline's date as the body marks it (the
    /// recognisers may have read more of it than segmentation did, such as
    /// a two-digit year).
    fn find(text: &str, letter: &Letter, marks: &[Mention]) -> Self {
        let signed = letter.signed();
        let dateline = letter.dateline();
        let addressee = letter
            .head
            .as_ref()
            .and_then(|h| addressee_in_title(text, h.span()))
            .or_else(|| letter.salute().and_then(|s| addressee_in_salute(text, s)));
        Self {
            sender: signed.and_then(|s| s.name),
            org: signed.and_then(|s| s.org),
            place: dateline.and_then(|d| d.place),
            date: dateline.and_then(|d| d.date.as_ref()).map(|d| {
                let attr = |m: &Mention, k: &str| {
                    m.attrs
                        .iter()
                        .find(|(n, _)| *n == k)
                        .map(|(_, v)| v.clone())
                };
                match marks
                    .iter()
                    .find(|m| m.element == "date" && m.start <= d.start && d.end <= m.end)
                {
                    Some(m) => (
                        Span {
                            start: m.start,
                            end: m.end,
                        },
                        attr(m, "when"),
                        attr(m, "cert"),
                    ),
                    None => (
                        Span {
                            start: d.start,
                            end: d.end,
                        },
                        d.when.clone(),
                        None,
                    ),
                }
            }),
            addressee,
        }
    }

    fn title(&self, text: &str) -> String {
        let mut title = String::from("Letter");
        if let Some(s) = self.sender {
            title.push_str(&format!(" from {}", collapse(s.of(text))));
        }
        if let Some(a) = self.addressee {
            title.push_str(&format!(" to {}", collapse(a.of(text))));
        }
        match &self.date {
            Some((_, Some(when), _)) if !when.starts_with("--") => {
                title.push_str(&format!(", {when}"))
            }
            Some((span, ..)) => title.push_str(&format!(", {}", collapse(span.of(text)))),
            None => {}
        }
        title
    }

    fn element(&self, text: &str, options: &Options<'_>) -> Option<Element> {
        let mut sent = Element::new("correspAction").attr("type", "sent");
        if let Some(s) = self.sender {
            sent.push(named(
                text,
                name_mark(text, s, "persName", EntityKind::Person, options),
            ));
        }
        if let Some(o) = self.org {
            sent.push(named(
                text,
                name_mark(text, o, "orgName", EntityKind::Org, options),
            ));
        }
        if let Some(p) = self.place {
            sent.push(named(
                text,
                name_mark(text, p, "placeName", EntityKind::Place, options),
            ));
        }
        if let Some((span, when, cert)) = &self.date {
            let mut date = Element::new("date");
            if let Some(w) = when {
                date = date.attr("when", w.clone());
            }
            if let Some(c) = cert {
                date = date.attr("cert", c.clone());
            }
            sent.push(date.text(collapse(span.of(text))));
        }
        let mut received = Element::new("correspAction").attr("type", "received");
        if let Some(a) = self.addressee {
            received.push(named(
                text,
                name_mark(text, a, "persName", EntityKind::Person, options),
            ));
        }
        let actions: Vec<Element> = [sent, received]
            .into_iter()
            .filter(|a| !a.children.is_empty())
            .collect();
        if actions.is_empty() {
            return None;
        }
        let mut desc = Element::new("correspDesc");
        for a in actions {
            desc.push(a);
        }
        Some(desc)
    }
}

/// A `correspAction` child: the mark's element holding the collapsed text.
fn named(text: &str, mark: Mention) -> Element {
    let mut el = Element::new(mark.element);
    for (k, v) in mark.attrs {
        el = el.attr(k, v);
    }
    el.text(collapse(&text[mark.start..mark.end]))
}

fn collapse(s: &str) -> String {
    super::collapse(s)
}

/// "Letter to Comrade Kim Jong Il, General Secretary of …" → "Kim Jong Il".
fn addressee_in_title(text: &str, head: Span) -> Option<Span> {
    let s = head.of(text);
    let lower = s.to_lowercase();
    let at = lower.find(" to ").map(|i| i + 4)?;
    let rest = &s[at..];
    let end = rest.find([',', ';', '(', ':']).unwrap_or(rest.len());
    name_after_honorifics(
        text,
        Span {
            start: head.start + at,
            end: head.start + at + end,
        },
    )
}

/// "Dear Mr. Curtis," → "Mr. Curtis"; "Dear Sir," → nobody.
fn addressee_in_salute(text: &str, salute: Span) -> Option<Span> {
    let s = salute.of(text);
    let mut at = 0;
    for w in s.split_inclusive(char::is_whitespace) {
        let word = w.trim().trim_end_matches([',', ':', '!']).to_lowercase();
        if matches!(
            word.as_str(),
            "dear"
                | "my"
                | "dearest"
                | "most"
                | "much"
                | "honoured"
                | "honored"
                | "respected"
                | "esteemed"
                | "beloved"
                | "good"
                | "kind"
                | "old"
        ) {
            at += w.len();
        } else {
            break;
        }
    }
    let rest = &s[at..];
    let end = rest
        .trim_end()
        .trim_end_matches([',', ':', '!', '-', '—', '.', ' '])
        .len();
    let span = Span {
        start: salute.start + at,
        end: salute.start + at + end,
    };
    let words: Vec<&str> = span.of(text).split_whitespace().collect();
    if words.is_empty()
        || words.iter().all(|w| {
            GENERIC.contains(&w.trim_end_matches('.').to_lowercase().as_str())
                || HONORIFICS.contains(w)
        })
    {
        return None;
    }
    if !words
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    Some(span)
}

fn name_after_honorifics(text: &str, span: Span) -> Option<Span> {
    let s = span.of(text);
    let mut at = s.len() - s.trim_start().len();
    loop {
        let rest = &s[at..];
        let word = rest.split_whitespace().next()?;
        if HONORIFICS.contains(&word) && rest.len() > word.len() {
            at += word.len();
            at += s[at..].len() - s[at..].trim_start().len();
        } else {
            break;
        }
    }
    let name = s[at..].trim_end();
    (!name.is_empty()).then_some(Span {
        start: span.start + at,
        end: span.start + at + name.len(),
    })
}
