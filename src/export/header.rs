//! The few metadata fields of a `teiHeader` that the plain-text export can
//! print before the text: the title, and sender, addressee, place and date
//! from `correspDesc`. Gathered from streamed events.

use quick_xml::events::BytesStart;

/// Which field an element's text goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    From,
    To,
    Place,
    Date,
}

/// An element whose text is being gathered into a field.
#[derive(Debug)]
struct Capture {
    field: Field,
    depth: usize,
    text: String,
    /// What to use when the element has no text (a date's `@when`).
    fallback: String,
}

/// The header fields gathered so far, fed with the events inside one
/// `teiHeader`.
#[derive(Debug, Default)]
pub struct HeaderFields {
    path: Vec<String>,
    action: Option<bool>,
    capture: Option<Capture>,
    title: Option<String>,
    from: Vec<String>,
    to: Vec<String>,
    place: Vec<String>,
    date: Vec<String>,
}

impl HeaderFields {
    /// An element starts.
    pub fn start(&mut self, name: &str, e: &BytesStart<'_>) {
        let attr = |key: &str| {
            e.try_get_attribute(key)
                .ok()
                .flatten()
                .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
        };
        if name == "correspAction" {
            self.action = match attr("type").as_deref() {
                Some("sent") => Some(true),
                Some("received") => Some(false),
                _ => None,
            };
        }
        if self.capture.is_none() {
            let parent = self.path.last().map(String::as_str);
            let field = match (name, self.action) {
                ("title", _) if parent == Some("titleStmt") && self.title.is_none() => {
                    matches!(attr("type").as_deref(), None | Some("main")).then_some(Field::Title)
                }
                ("persName" | "orgName" | "name", Some(true)) => Some(Field::From),
                ("persName" | "orgName" | "name", Some(false)) => Some(Field::To),
                ("placeName" | "settlement", Some(true)) => Some(Field::Place),
                ("date", Some(true)) => Some(Field::Date),
                _ => None,
            };
            if let Some(field) = field {
                self.capture = Some(Capture {
                    field,
                    depth: self.path.len(),
                    text: String::new(),
                    fallback: attr("when").unwrap_or_default(),
                });
            }
        }
        self.path.push(name.to_owned());
    }

    /// Text inside the header.
    pub fn text(&mut self, s: &str) {
        if let Some(capture) = &mut self.capture {
            capture.text.push_str(s);
        }
    }

    /// An element ends.
    pub fn end(&mut self) {
        self.path.pop();
        if !self.path.iter().any(|n| n == "correspAction") {
            self.action = None;
        }
        if self
            .capture
            .as_ref()
            .is_some_and(|c| c.depth == self.path.len())
        {
            if let Some(capture) = self.capture.take() {
                self.store(capture);
            }
        }
    }

    fn store(&mut self, capture: Capture) {
        let mut text = capture
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            text = capture.fallback;
        }
        if text.is_empty() {
            return;
        }
        match capture.field {
            Field::Title => self.title = Some(text),
            Field::From => self.from.push(text),
            Field::To => self.to.push(text),
            Field::Place => self.place.push(text),
            Field::Date => self.date.push(text),
        }
    }

    /// The metadata block: one `Label: value` line a field that has a value,
    /// then a blank line; empty when no field has one.
    #[must_use]
    pub fn block(&self) -> String {
        let mut out = String::new();
        let mut line = |label: &str, values: &[String]| {
            if !values.is_empty() {
                out.push_str(&format!("{label}: {}\n", values.join("; ")));
            }
        };
        line("Title", self.title.as_slice());
        line("From", &self.from);
        line("To", &self.to);
        line("Place", &self.place);
        line("Date", &self.date);
        out
    }
}
