//! The plain reading text of a TEI document, streamed from quick-xml events.
//!
//! The text is read as a stream, so a document of any size is exported in
//! memory bounded by its longest paragraph and its notes. The rules, which
//! `xsl/tei-to-text.xsl` follows too:
//!
//! - the `teiHeader` is left out (see [`TextOptions::header`] for a short
//!   metadata block instead);
//! - every block ([`vocab::BLOCKS`]) is a paragraph, with a blank line
//!   between paragraphs; inline markup never breaks a line, and runs of XML
//!   white space (space, tab, line feed, carriage return) become one space.
//!   No other character is changed: a long s stays a long s, a no-break
//!   space stays a no-break space;
//! - `lb`, `pb` and `cb` are a space, unless `@break="no"`: then the word
//!   goes on across the break, and the white space around it (the source's
//!   line layout) is dropped;
//! - a `note` leaves a marker `[1]` where it stands, and its text follows
//!   the reading text as `[1] ...`, one note a line, numbered in document order;
//! - a `choice` gives one reading ([`Reading`]), the other is left out;
//! - a deletion (`del`) is left out: the reading text is the text as the
//!   writer left it (the HTML shows deletions struck through).

use std::io::{BufRead, Write};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::vocab::{self, Reading};
use super::ExportError;
use crate::tei::TEI_NS;

/// Options for the plain-text export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// Which reading of a `choice` to give (default: [`Reading::Reg`]).
    pub reading: Reading,
    /// Whether to begin with a short metadata block from the `teiHeader`
    /// (title, and sender, addressee, place and date from `correspDesc`).
    /// Default: no.
    pub header: bool,
}

/// Streams the reading text of the TEI document read from `input` to `out`.
///
/// `path` names the input in error messages only.
///
/// # Errors
///
/// [`ExportError::Malformed`] when the input is not well-formed XML (or uses
/// an entity other than the five predefined ones), [`ExportError::Output`]
/// when `out` fails.
pub fn write_text<R: BufRead, W: Write>(
    input: R,
    out: W,
    options: &TextOptions,
    path: &Path,
) -> Result<(), ExportError> {
    let mut reader = NsReader::from_reader(input);
    reader.config_mut().check_end_names = true;
    let mut state = State::new(out, *options);
    let mut buf = Vec::new();
    loop {
        let at = reader.buffer_position();
        let (ns, event) = reader
            .read_resolved_event_into(&mut buf)
            .map_err(|e| malformed(path, at, &e.to_string()))?;
        let tei = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == TEI_NS.as_bytes());
        if matches!(event, Event::Eof) {
            if !state.stack.is_empty() || !state.seen_root {
                let message = "the document ends before its root element is closed";
                return Err(malformed(path, at, message));
            }
            break;
        }
        state
            .event(tei, &event)
            .map_err(|message| malformed(path, at, &message))?;
        state
            .flush_out()
            .map_err(|e| ExportError::output(path, e))?;
        buf.clear();
    }
    state.finish().map_err(|e| ExportError::output(path, e))
}

/// The reading text of the TEI document `xml` (see [`write_text`]).
///
/// # Errors
///
/// As [`write_text`].
pub fn text_of(xml: &str, options: &TextOptions, path: &Path) -> Result<String, ExportError> {
    let mut out = Vec::with_capacity(xml.len() / 2);
    write_text(xml.as_bytes(), &mut out, options, path)?;
    String::from_utf8(out).map_err(|e| malformed(path, 0, &e.to_string()))
}

fn malformed(path: &Path, offset: u64, message: &str) -> ExportError {
    ExportError::Malformed {
        path: path.to_path_buf(),
        message: format!("{message} (at byte {offset})"),
    }
}

fn resolve_ref(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if r.is_char_ref() {
        return r.resolve_char_ref().ok().flatten().map(String::from);
    }
    let name = std::str::from_utf8(r).ok()?;
    quick_xml::escape::resolve_predefined_entity(name).map(str::to_owned)
}

/// What an open element means for the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// An element whose content is left out, or any element inside one.
    Skipped,
    /// A block.
    Block,
    /// A `note`.
    Note,
    /// A `choice`.
    Choice,
    /// Anything else.
    Inline,
}

/// A paragraph or note being gathered: text with white space collapsed.
#[derive(Debug, Default)]
struct Gather {
    text: String,
    /// White space is pending before the next word.
    space: bool,
    /// A break inside a word (`@break="no"`): white space is dropped until
    /// the next word.
    join: bool,
}

impl Gather {
    fn push(&mut self, s: &str) {
        let mut first = true;
        for piece in s.split(['\u{20}', '\t', '\n', '\r']) {
            if !first && !self.join {
                self.space = true;
            }
            first = false;
            if !piece.is_empty() {
                self.word(piece);
            }
        }
    }

    /// Appends `s` (which has no white space), after a pending space.
    fn word(&mut self, s: &str) {
        if self.space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.space = false;
        self.join = false;
        self.text.push_str(s);
    }

    /// A break inside a word: the white space before it and after it goes.
    fn join(&mut self) {
        self.space = false;
        self.join = true;
    }
}

struct State<W: Write> {
    out: W,
    options: TextOptions,
    stack: Vec<Open>,
    skip: usize,
    para: Gather,
    notes: Vec<String>,
    open_notes: Vec<(usize, Gather)>,
    header: Option<super::header::HeaderFields>,
    pending: String,
    wrote: bool,
    seen_root: bool,
}

impl<W: Write> State<W> {
    /// Takes one event; the error is a message about malformed input.
    fn event(&mut self, tei: bool, event: &Event<'_>) -> Result<(), String> {
        match event {
            Event::Start(e) => self.start(tei, e, false),
            Event::Empty(e) => self.start(tei, e, true),
            Event::End(_) => self.end(),
            Event::Text(e) => self.text(&e.xml10_content().map_err(|e| e.to_string())?),
            Event::CData(e) => self.text(&e.xml10_content().map_err(|e| e.to_string())?),
            Event::GeneralRef(r) => {
                let text = resolve_ref(r)
                    .ok_or_else(|| format!("unknown entity `&{};`", String::from_utf8_lossy(r)))?;
                self.text(&text);
            }
            _ => {}
        }
        Ok(())
    }

    fn new(out: W, options: TextOptions) -> Self {
        Self {
            out,
            options,
            stack: Vec::new(),
            skip: 0,
            para: Gather::default(),
            notes: Vec::new(),
            open_notes: Vec::new(),
            header: None,
            pending: String::new(),
            wrote: false,
            seen_root: false,
        }
    }

    fn start(&mut self, tei: bool, e: &BytesStart<'_>, empty: bool) {
        let local = e.local_name();
        let name = std::str::from_utf8(local.as_ref()).unwrap_or("");
        self.seen_root = true;
        let open = self.classify(tei, name);
        if let Some(header) = &mut self.header {
            header.start(name, e);
        }
        match open {
            Open::Skipped => self.skip += 1,
            Open::Block => self.block_edge(),
            Open::Note => self.open_note(),
            Open::Inline | Open::Choice => {
                if tei && vocab::BREAKS.contains(&name) {
                    if breaks_no(e) {
                        self.current().join();
                    } else {
                        self.current().push(" ");
                    }
                }
            }
        }
        self.stack.push(open);
        if empty {
            self.end();
        }
    }

    fn classify(&mut self, tei: bool, name: &str) -> Open {
        if self.skip > 0 {
            return Open::Skipped;
        }
        if !tei {
            return Open::Inline;
        }
        if name == "teiHeader" {
            if self.options.header {
                self.header = Some(super::header::HeaderFields::default());
            }
            return Open::Skipped;
        }
        if name == "del" {
            return Open::Skipped;
        }
        if self.stack.last() == Some(&Open::Choice)
            && self.options.reading.dropped().contains(&name)
        {
            return Open::Skipped;
        }
        match name {
            "note" => Open::Note,
            "choice" => Open::Choice,
            _ if vocab::is_block(name) => Open::Block,
            _ => Open::Inline,
        }
    }

    fn end(&mut self) {
        if let Some(header) = &mut self.header {
            header.end();
        }
        match self.stack.pop() {
            Some(Open::Skipped) => {
                self.skip -= 1;
                if self.skip == 0 {
                    self.header_done();
                }
            }
            Some(Open::Block) => self.block_edge(),
            Some(Open::Note) => self.close_note(),
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if let Some(header) = &mut self.header {
            header.text(s);
        }
        if self.skip == 0 {
            self.current().push(s);
        }
    }

    fn current(&mut self) -> &mut Gather {
        match self.open_notes.last_mut() {
            Some((_, note)) => note,
            None => &mut self.para,
        }
    }

    /// A block starts or ends: the paragraph ends (inside a note, a space).
    fn block_edge(&mut self) {
        if let Some((_, note)) = self.open_notes.last_mut() {
            note.space = true;
            return;
        }
        let para = std::mem::take(&mut self.para);
        if !para.text.is_empty() {
            self.paragraph(&para.text);
        }
    }

    fn paragraph(&mut self, text: &str) {
        if self.wrote {
            self.pending.push('\n');
        }
        self.pending.push_str(text);
        self.pending.push('\n');
        self.wrote = true;
    }

    fn open_note(&mut self) {
        self.notes.push(String::new());
        let n = self.notes.len();
        self.current().word(&format!("[{n}]"));
        self.open_notes.push((n, Gather::default()));
    }

    fn close_note(&mut self) {
        if let Some((n, note)) = self.open_notes.pop() {
            self.notes[n - 1] = note.text;
        }
    }

    fn header_done(&mut self) {
        if let Some(header) = self.header.take() {
            let block = header.block();
            if !block.is_empty() {
                self.pending.push_str(&block);
                self.wrote = true;
            }
        }
    }

    fn flush_out(&mut self) -> std::io::Result<()> {
        if self.pending.len() > 1 << 16 {
            self.out.write_all(self.pending.as_bytes())?;
            self.pending.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.block_edge();
        if !self.notes.is_empty() {
            if self.wrote {
                self.pending.push('\n');
            }
            for (i, note) in self.notes.iter().enumerate() {
                let line = format!("[{}] {}\n", i + 1, note);
                self.pending.push_str(&line);
            }
        }
        self.out.write_all(self.pending.as_bytes())?;
        self.out.flush()
    }
}

fn breaks_no(e: &BytesStart<'_>) -> bool {
    e.try_get_attribute("break")
        .ok()
        .flatten()
        .is_some_and(|a| a.value.as_ref() == b"no")
}

#[cfg(test)]
mod tests;
