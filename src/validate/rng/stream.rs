//! Validation from quick-xml events: a stack as deep as the document's
//! nesting, the derivative of the current state at each event, and
//! recovery after each violation so that every violation is reported once.

use std::borrow::Cow;
use std::io::BufRead;
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, QName, ResolveResult};
use quick_xml::NsReader;

use super::datatype::is_whitespace;
use super::deriv::Deriv;
use super::explain::{self, did_you_mean, one_of};
use super::ids::IdChecker;
use super::schema::{display_name, Pat, PatId, Store, NOT_ALLOWED};
use super::Violation;
use crate::validate::xsd::NamespaceContext;

/// The deepest nesting accepted.
const MAX_DEPTH: usize = 4096;

/// Codes of the violations.
pub(crate) mod code {
    pub const NOT_WELL_FORMED: &str = "teikit::validate::not_well_formed";
    pub const UNEXPECTED_ELEMENT: &str = "teikit::validate::unexpected_element";
    pub const UNEXPECTED_ATTRIBUTE: &str = "teikit::validate::unexpected_attribute";
    pub const MISSING_ATTRIBUTE: &str = "teikit::validate::missing_attribute";
    pub const BAD_ATTRIBUTE_VALUE: &str = "teikit::validate::bad_attribute_value";
    pub const UNEXPECTED_TEXT: &str = "teikit::validate::unexpected_text";
    pub const BAD_TEXT_VALUE: &str = "teikit::validate::bad_text_value";
    pub const INCOMPLETE_ELEMENT: &str = "teikit::validate::incomplete_element";
}

/// A `BufRead` that remembers where lines start, for line and column.
struct Lines<R> {
    inner: R,
    pos: usize,
    line: u32,
    line_start: usize,
    /// Positions of line feeds not yet passed, from `marks[head]` on.
    marks: Vec<usize>,
    head: usize,
    /// The end of the input searched for line feeds (the buffer of the
    /// inner reader is searched once, when it is filled).
    scanned: usize,
}

impl<R: BufRead> std::io::Read for Lines<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        let buf = self.inner.fill_buf()?;
        let end = self.pos + buf.len();
        if end > self.scanned {
            let from = self.scanned.saturating_sub(self.pos);
            let base = self.pos + from;
            self.marks
                .extend(memchr::memchr_iter(b'\n', &buf[from..]).map(|i| base + i));
            self.scanned = end;
        }
        Ok(buf)
    }
    fn consume(&mut self, n: usize) {
        if self.pos + n > self.scanned {
            // Not seen through `fill_buf` yet.
            let _ = self.fill_buf();
        }
        self.pos += n;
        self.scanned = self.scanned.max(self.pos);
        self.inner.consume(n);
    }
}

impl<R> Lines<R> {
    /// Forgets line starts before `pos` (positions asked later are >= `pos`).
    fn advance(&mut self, pos: usize) {
        while let Some(m) = self.marks.get(self.head).filter(|m| **m < pos) {
            self.line += 1;
            self.line_start = m + 1;
            self.head += 1;
        }
        if self.head == self.marks.len() {
            self.marks.clear();
            self.head = 0;
        }
    }

    /// Line and column (1-based, column in bytes) of `pos`.
    fn line_col(&self, pos: usize) -> (u32, u32) {
        let mut line = self.line;
        let mut start = self.line_start;
        for m in self.marks[self.head..].iter().take_while(|m| **m < pos) {
            line += 1;
            start = m + 1;
        }
        (line, (pos.saturating_sub(start) + 1) as u32)
    }
}

/// An element being validated.
struct Frame {
    /// The name id of the element (see [`Deriv::name_id`]).
    name: u32,
    name_span: Range<usize>,
    text: String,
    text_span: Range<usize>,
    has_child: bool,
}

/// Namespace bindings of the reader, for QName values.
struct Resolver<'a, R>(&'a NsReader<R>);

impl<R> NamespaceContext for Resolver<'_, R> {
    fn namespace_for(&self, prefix: &str) -> Option<&str> {
        let r = if prefix.is_empty() {
            self.0.resolver().resolve_prefix(None, true)
        } else {
            let q = format!("{prefix}:x");
            let prefix = QName(q.as_bytes()).prefix();
            // The result borrows the resolver, not `q`.
            self.0.resolver().resolve_prefix(prefix, true)
        };
        match r {
            ResolveResult::Bound(Namespace(b)) => std::str::from_utf8(b).ok(),
            ResolveResult::Unbound if prefix.is_empty() => Some(""),
            _ if prefix == "xml" => Some(crate::tei::XML_NS),
            _ => None,
        }
    }
}

/// The state of one validation.
pub(crate) struct Validator<'g> {
    d: Deriv<'g>,
    ids: IdChecker<'g>,
    cur: PatId,
    stack: Vec<Frame>,
    skip: usize,
    seen_root: bool,
    root_done: bool,
    out: Vec<Violation>,
    /// Text buffers of closed elements, for reuse.
    spare: Vec<String>,
}

/// An attribute of the start tag being read.
pub(crate) struct Attr<'a> {
    /// The namespace URI.
    pub ns: Cow<'a, str>,
    /// The local name.
    pub local: Cow<'a, str>,
    /// The value, normalised and unescaped.
    pub value: Cow<'a, str>,
    /// The value's byte range.
    pub span: Range<usize>,
    /// The qualified name's byte range.
    pub key: Range<usize>,
}

type Reader<R> = NsReader<Lines<R>>;

impl<'g> Validator<'g> {
    /// A validator in the start state.
    pub(crate) fn new(d: Deriv<'g>, ids: IdChecker<'g>) -> Validator<'g> {
        let cur = d.g.start;
        Validator {
            d,
            ids,
            cur,
            stack: Vec::new(),
            skip: 0,
            seen_root: false,
            root_done: false,
            out: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// Validates the document read from `input`.
    pub(crate) fn run<R: BufRead>(
        mut self,
        input: R,
    ) -> std::io::Result<(Vec<Violation>, Deriv<'g>)> {
        let lines = Lines {
            inner: input,
            pos: 0,
            line: 1,
            line_start: 0,
            marks: Vec::new(),
            head: 0,
            scanned: 0,
        };
        let mut reader = NsReader::from_reader(lines);
        reader.config_mut().expand_empty_elements = false;
        reader.config_mut().check_end_names = true;
        let mut buf = Vec::new();
        loop {
            let start = reader.buffer_position() as usize;
            reader.get_mut().advance(start);
            buf.clear();
            let event = match reader.read_event_into(&mut buf) {
                Ok(e) => e,
                Err(quick_xml::Error::Io(e)) => {
                    return Err(std::io::Error::new(e.kind(), e.to_string()))
                }
                Err(e) => {
                    let pos = reader.error_position() as usize;
                    self.fail(&reader, pos, &e.to_string());
                    break;
                }
            };
            let end = reader.buffer_position() as usize;
            if !self.event(&mut reader, event, start..end) {
                break;
            }
        }
        self.finish(&reader);
        let Validator {
            mut out, d, ids, ..
        } = self;
        // After a well-formedness error the IDs seen so far are partial.
        if !out.iter().any(|v| v.code == code::NOT_WELL_FORMED) {
            let id_lines = |pos| reader.get_ref().line_col(pos);
            out.extend(ids.finish(id_lines));
        }
        Ok((out, d))
    }

    /// Handles one event; false stops the validation.
    fn event<R: BufRead>(
        &mut self,
        reader: &mut Reader<R>,
        event: Event<'_>,
        span: Range<usize>,
    ) -> bool {
        match event {
            Event::Start(e) => self.start(reader, &e, span.start, false),
            Event::Empty(e) => self.start(reader, &e, span.start, true),
            Event::End(_) => {
                self.end(reader, span);
                true
            }
            Event::Text(t) => match t.xml10_content() {
                Ok(s) => self.text(reader, &s, span),
                Err(e) => self.fail(reader, span.start, &e.to_string()),
            },
            Event::CData(t) => {
                let s = lossy(&t).into_owned();
                self.text(reader, &s, span)
            }
            Event::GeneralRef(r) => {
                let name = lossy(&r).into_owned();
                match resolve_ref(&name) {
                    Some(c) => self.text(reader, &c.to_string(), span),
                    None => self.fail(reader, span.start, &format!("undefined entity `&{name};`")),
                }
            }
            Event::Eof => false,
            _ => true,
        }
    }

    fn report(&mut self, reader: &Reader<impl BufRead>, v: Partial) {
        let (line, column) = reader.get_ref().line_col(v.span.start);
        self.out.push(Violation {
            code: v.code,
            message: v.message,
            span: v.span,
            line,
            column,
            expected: v.expected,
            found: v.found,
            help: v.help,
        });
    }

    /// A well-formedness error: reported, and the validation stops.
    fn fail(&mut self, reader: &Reader<impl BufRead>, pos: usize, message: &str) -> bool {
        self.report(
            reader,
            Partial::new(
                code::NOT_WELL_FORMED,
                format!("not well-formed: {message}"),
                pos..pos,
            ),
        );
        self.stack.clear();
        self.root_done = true;
        false
    }

    fn text<R: BufRead>(&mut self, reader: &Reader<R>, s: &str, span: Range<usize>) -> bool {
        if self.skip > 0 {
            return true;
        }
        match self.stack.last_mut() {
            Some(f) => {
                if f.text.is_empty() {
                    f.text_span = span;
                } else {
                    f.text_span.end = span.end;
                }
                f.text.push_str(s);
                true
            }
            None if is_whitespace(s) => true,
            None => self.fail(reader, span.start, "text outside the root element"),
        }
    }

    /// Text before a child element or the end tag of a parent with children.
    fn flush_text<R: BufRead>(&mut self, reader: &Reader<R>) {
        let Some(f) = self.stack.last_mut() else {
            return;
        };
        if is_whitespace(&f.text) {
            f.text.clear();
            return;
        }
        let mut text = std::mem::take(&mut f.text);
        let span = f.text_span.clone();
        let d = self.d.text(self.cur, &text, &Resolver(reader));
        if d == NOT_ALLOWED {
            let v = self.text_violation(&text, span);
            self.report(reader, v);
        } else {
            self.cur = d;
        }
        text.clear();
        if let Some(f) = self.stack.last_mut() {
            f.text = text;
        }
    }

    /// Closes the innermost element, keeping its text buffer for reuse.
    fn pop(&mut self) -> Option<Frame> {
        let mut frame = self.stack.pop()?;
        self.recycle(std::mem::take(&mut frame.text));
        Some(frame)
    }

    /// Keeps a text buffer for the next element.
    fn recycle(&mut self, mut text: String) {
        if text.capacity() > 0 {
            text.clear();
            self.spare.push(text);
        }
    }

    fn text_violation(&mut self, text: &str, span: Range<usize>) -> Partial {
        let name = self.stack.last().map(|f| self.name(f)).unwrap_or_default();
        let mut values = std::collections::BTreeSet::new();
        if let Pat::After(inner, _) = self.d.st.get(self.cur) {
            explain::describe_values(&self.d, inner, &mut values);
        }
        values.remove("any text");
        let shown = shorten(text);
        if values.is_empty() {
            let expected = explain::expected_elements(&self.d, self.cur);
            let mut p = Partial::new(
                code::UNEXPECTED_TEXT,
                format!("text is not allowed here in `{name}`, found `{shown}`"),
                span,
            );
            p.help = Some(if expected.is_empty() {
                format!("`{name}` takes no text here; remove it")
            } else {
                format!(
                    "`{name}` takes elements here ({}); remove the text or wrap it in one of them",
                    one_of(&expected)
                )
            });
            p.expected = expected;
            p.found = Some(text.to_string());
            p
        } else {
            let expected: Vec<String> = values.into_iter().collect();
            let mut p = Partial::new(
                code::BAD_TEXT_VALUE,
                format!(
                    "invalid content of `{name}`: expected {}, found `{shown}`",
                    one_of(&expected)
                ),
                span,
            );
            p.help = did_you_mean(text.trim(), &expected);
            p.expected = expected;
            p.found = Some(text.to_string());
            p
        }
    }

    fn start<R: BufRead>(
        &mut self,
        reader: &Reader<R>,
        e: &BytesStart,
        pos: usize,
        empty: bool,
    ) -> bool {
        if self.stack.len() + self.skip >= MAX_DEPTH {
            return self.fail(reader, pos, "the document is nested too deeply");
        }
        if self.skip > 0 {
            self.skip += usize::from(!empty);
            return true;
        }
        if self.root_done && self.stack.is_empty() {
            return self.fail(reader, pos, "a second root element");
        }
        if self.stack.len() >= MAX_DEPTH {
            return self.fail(reader, pos, "the document is nested too deeply");
        }
        self.flush_text(reader);
        let name_span = pos + 1..pos + 1 + e.name().as_ref().len();
        let (res, local) = reader.resolve_element(e.name());
        let local = lossy(local.into_inner());
        let Some(ns) = resolved(res) else {
            let qname = lossy(e.name().into_inner());
            return self.fail(
                reader,
                pos,
                &format!("undeclared namespace prefix in `{qname}`"),
            );
        };
        if let Some(f) = self.stack.last_mut() {
            f.has_child = true;
        }
        self.seen_root = true;
        let nid = self.d.name_id(&ns, &local);
        let after_open = self.d.start_tag_open(self.cur, nid, &ns, &local);
        if after_open == NOT_ALLOWED {
            self.unexpected_element(reader, &ns, &local, name_span);
            self.skip = usize::from(!empty);
            if self.stack.is_empty() {
                self.root_done = true;
            }
            return true;
        }
        let elem = (&*ns, &*local, nid);
        let Some(state) = self.attributes(reader, e, pos, after_open, elem, name_span.clone())
        else {
            return false;
        };
        self.stack.push(Frame {
            name: nid,
            name_span,
            text: self.spare.pop().unwrap_or_default(),
            text_span: 0..0,
            has_child: false,
        });
        self.cur = state;
        if empty {
            self.end(reader, pos..pos);
        }
        true
    }

    /// The name of the element of `frame`, as messages show it.
    fn name(&self, frame: &Frame) -> String {
        let (ns, local) = self.d.name_of(frame.name);
        display_name(ns, local, &self.d.g.main_ns)
    }

    fn unexpected_element<R: BufRead>(
        &mut self,
        reader: &Reader<R>,
        ns: &str,
        local: &str,
        span: Range<usize>,
    ) {
        let found = display_name(ns, local, &self.d.g.main_ns);
        let expected = explain::expected_elements(&self.d, self.cur);
        let message = match self.stack.last() {
            Some(f) if expected.is_empty() => format!(
                "element `{found}` is not allowed here: `{}` takes no more elements",
                self.name(f)
            ),
            Some(_) => format!("expected {}, found `{found}`", one_of(&expected)),
            None => format!(
                "expected root element {}, found `{found}`",
                one_of(&expected)
            ),
        };
        let mut p = Partial::new(code::UNEXPECTED_ELEMENT, message, span);
        p.help = did_you_mean(&found, &expected);
        p.expected = expected;
        p.found = Some(found);
        self.report(reader, p);
    }

    /// The attributes of a start tag (namespace declarations left out);
    /// `None` after a well-formedness error.
    fn read_attributes<'r, R: BufRead>(
        &mut self,
        reader: &'r Reader<R>,
        e: &'r BytesStart,
        pos: usize,
    ) -> Option<Vec<Attr<'r>>> {
        let base = e.as_ptr() as usize;
        let mut attrs = Vec::new();
        for attr in e.attributes().with_checks(true) {
            let attr = match attr {
                Ok(a) => a,
                Err(err) => {
                    self.fail(reader, pos, &err.to_string());
                    return None;
                }
            };
            let key = attr.key;
            if key.as_namespace_binding().is_some() {
                continue;
            }
            let raw: &[u8] = &attr.value;
            let vstart = pos + 1 + (raw.as_ptr() as usize).saturating_sub(base);
            let span = vstart..vstart + raw.len();
            let value = match attribute_value(attr.value) {
                Ok(v) => v,
                Err(err) => {
                    self.fail(reader, vstart, &err);
                    return None;
                }
            };
            let (res, local) = reader.resolve_attribute(key);
            let Some(ns) = resolved(res) else {
                let qname = lossy(key.as_ref());
                self.fail(
                    reader,
                    pos,
                    &format!("undeclared namespace prefix in `{qname}`"),
                );
                return None;
            };
            let kstart = pos + 1 + (key.as_ref().as_ptr() as usize).saturating_sub(base);
            attrs.push(Attr {
                ns,
                local: lossy(local.into_inner()),
                value,
                span,
                key: kstart..kstart + key.as_ref().len(),
            });
        }
        Some(attrs)
    }

    /// Derives by every attribute, then closes the start tag.
    fn attributes<R: BufRead>(
        &mut self,
        reader: &Reader<R>,
        e: &BytesStart,
        pos: usize,
        mut state: PatId,
        elem: (&str, &str, u32),
        name_span: Range<usize>,
    ) -> Option<PatId> {
        let attrs = self.read_attributes(reader, e, pos)?;
        for a in &attrs {
            state = self.attribute(reader, state, a, (elem.0, elem.1));
        }
        let lines = reader.get_ref();
        self.ids
            .element((elem.0, elem.1), elem.2, &attrs, |p| lines.line_col(p));
        let closed = self.d.close(state, false);
        if closed != NOT_ALLOWED {
            return Some(closed);
        }
        let missing = explain::required_attributes(&mut self.d, state);
        let name = display_name(elem.0, elem.1, &self.d.g.main_ns);
        let mut p = Partial::new(
            code::MISSING_ATTRIBUTE,
            format!(
                "element `{name}` lacks required attribute {}",
                one_of(&missing)
            ),
            name_span,
        );
        p.help = Some(format!("add {} to `{name}`", one_of(&missing)));
        p.expected = missing;
        self.report(reader, p);
        Some(self.d.close(state, true))
    }

    fn attribute<R: BufRead>(
        &mut self,
        reader: &Reader<R>,
        state: PatId,
        a: &Attr,
        elem: (&str, &str),
    ) -> PatId {
        let name = (&*a.ns, &*a.local);
        let value = &*a.value;
        let nid = self.d.name_id(name.0, name.1);
        let next = self.d.att(state, nid, name, Some(value), &Resolver(reader));
        if next != NOT_ALLOWED {
            return next;
        }
        let shown = display_name(name.0, name.1, "");
        let by_name = self.d.att(state, nid, name, None, &Resolver(reader));
        if by_name != NOT_ALLOWED {
            let expected = explain::attribute_values(&self.d, state, name.0, name.1);
            let mut p = Partial::new(
                code::BAD_ATTRIBUTE_VALUE,
                format!(
                    "invalid value of attribute `{shown}`: expected {}, found `{}`",
                    one_of(&expected),
                    shorten(value)
                ),
                a.span.clone(),
            );
            p.help = did_you_mean(value, &expected);
            p.expected = expected;
            p.found = Some(value.to_string());
            self.report(reader, p);
            return by_name;
        }
        let expected = explain::allowed_attributes(&self.d, state);
        let elem = display_name(elem.0, elem.1, &self.d.g.main_ns);
        let mut p = Partial::new(
            code::UNEXPECTED_ATTRIBUTE,
            format!("attribute `{shown}` is not allowed here on `{elem}`"),
            a.key.clone(),
        );
        p.help = did_you_mean(&shown, &expected);
        p.expected = expected;
        p.found = Some(shown);
        self.report(reader, p);
        state
    }

    fn end<R: BufRead>(&mut self, reader: &Reader<R>, span: Range<usize>) {
        if self.skip > 0 {
            self.skip -= 1;
            if self.skip == 0 && self.stack.is_empty() {
                self.root_done = true;
            }
            return;
        }
        let Some(frame) = self.stack.last_mut() else {
            return;
        };
        if frame.has_child {
            self.flush_text(reader);
        } else {
            let text = std::mem::take(&mut frame.text);
            let tspan = if text.is_empty() {
                span.clone()
            } else {
                frame.text_span.clone()
            };
            let d = self.d.text(self.cur, &text, &Resolver(reader));
            let next = if is_whitespace(&text) {
                super::schema::choice(&mut self.d.st, self.cur, d)
            } else {
                d
            };
            if next == NOT_ALLOWED {
                let v = self.text_violation(&text, tspan);
                self.report(reader, v);
                // The content was reported: close the element without more.
                self.recycle(text);
                self.pop();
                self.cur = self.d.end(self.cur, true);
                self.root_done |= self.stack.is_empty();
                return;
            }
            self.cur = next;
            self.recycle(text);
        }
        let Some(frame) = self.pop() else {
            return;
        };
        let after = self.d.end(self.cur, false);
        self.cur = if after == NOT_ALLOWED {
            self.incomplete(reader, &frame, span);
            self.d.end(self.cur, true)
        } else {
            after
        };
        if self.stack.is_empty() {
            self.root_done = true;
        }
    }

    fn incomplete<R: BufRead>(&mut self, reader: &Reader<R>, frame: &Frame, span: Range<usize>) {
        let mut expected = explain::expected_elements(&self.d, self.cur);
        if expected.is_empty() {
            let mut values = std::collections::BTreeSet::new();
            for alt in super::schema::alternatives(&self.d.st, self.cur) {
                if let Pat::After(inner, _) = self.d.st.get(alt) {
                    explain::describe_values(&self.d, inner, &mut values);
                }
            }
            expected = values.into_iter().collect();
        }
        let name = &self.name(frame);
        let message = format!(
            "element `{name}` is incomplete: expected {}",
            one_of(&expected)
        );
        let span = if span.is_empty() {
            frame.name_span.clone()
        } else {
            span
        };
        let mut p = Partial::new(code::INCOMPLETE_ELEMENT, message, span);
        p.help = Some(format!(
            "add {} before the end of `{name}`",
            one_of(&expected)
        ));
        p.expected = expected;
        self.report(reader, p);
    }

    fn finish<R: BufRead>(&mut self, reader: &Reader<R>) {
        let pos = reader.buffer_position() as usize;
        if !self.stack.is_empty() {
            let name = self.stack.last().map(|f| self.name(f)).unwrap_or_default();
            self.fail(reader, pos, &format!("the document ends inside `{name}`"));
        } else if !self.seen_root {
            self.fail(reader, pos, "no root element");
        }
    }
}

/// A violation before its line and column are known.
struct Partial {
    code: &'static str,
    message: String,
    span: Range<usize>,
    expected: Vec<String>,
    found: Option<String>,
    help: Option<String>,
}

impl Partial {
    fn new(code: &'static str, message: String, span: Range<usize>) -> Partial {
        Partial {
            code,
            message,
            span,
            expected: Vec::new(),
            found: None,
            help: None,
        }
    }
}

fn resolved(r: ResolveResult<'_>) -> Option<Cow<'_, str>> {
    match r {
        ResolveResult::Bound(Namespace(b)) => Some(lossy(b)),
        ResolveResult::Unbound => Some(Cow::Borrowed("")),
        ResolveResult::Unknown(p) if p == b"xml" => Some(Cow::Borrowed(crate::tei::XML_NS)),
        ResolveResult::Unknown(_) => None,
    }
}

/// The character of a predefined entity or character reference.
fn resolve_ref(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\u{0}')
        }
    }
}

/// `b` as text, invalid UTF-8 replaced (borrowed when valid: checking is
/// cheaper than the lossy conversion's scan).
fn lossy(b: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(b) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(b),
    }
}

/// An attribute value, white space normalised (CDATA rules) and unescaped.
fn attribute_value(raw: Cow<'_, [u8]>) -> Result<Cow<'_, str>, String> {
    let text = match raw {
        Cow::Borrowed(b) => lossy(b),
        Cow::Owned(b) => Cow::Owned(lossy(&b).into_owned()),
    };
    let text = if text.contains(['\t', '\n', '\r']) {
        Cow::Owned(text.replace("\r\n", " ").replace(['\t', '\n', '\r'], " "))
    } else {
        text
    };
    if !text.contains('&') {
        return Ok(text);
    }
    quick_xml::escape::unescape(&text)
        .map(|v| Cow::Owned(v.into_owned()))
        .map_err(|e| e.to_string())
}

/// Long text cut for messages.
fn shorten(s: &str) -> String {
    let t = s.trim();
    if t.chars().count() > 40 {
        format!("{}…", t.chars().take(40).collect::<String>())
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::Schema;

    #[test]
    fn the_text_of_an_element_stays_with_it() {
        let s = Schema::from_rng_str(
            r#"<element name="r" xmlns="http://relaxng.org/ns/structure/1.0">
                 <oneOrMore><element name="a"><text/></element><element name="b"><empty/></element></oneOrMore>
               </element>"#,
            std::path::Path::new("t.rng"),
        )
        .expect("compiles");
        assert!(s.is_valid("<r><a>x</a><b/><a>y<!-- -->z</a><b></b><a/><b/></r>"));
        let bad = "<r><a>x</a><b>y</b></r>";
        let v = s.validate_str(bad);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].found.as_deref(), Some("y"));
        assert_eq!(&bad[v[0].span.clone()], "y");
    }

    #[test]
    fn lines_are_counted_across_buffer_refills() {
        let s = Schema::from_rng_str(
            r#"<element name="r" xmlns="http://relaxng.org/ns/structure/1.0"><zeroOrMore><element name="a"><empty/></element></zeroOrMore></element>"#,
            std::path::Path::new("t.rng"),
        )
        .expect("compiles");
        let doc = "<r>\n<a/>\n\n  <a\n/>\n<b/>\n</r>\n";
        let v = s
            .validate_reader(std::io::BufReader::with_capacity(3, doc.as_bytes()))
            .expect("reads");
        assert_eq!((v.len(), v[0].line, v[0].column), (1, 6, 2), "{v:?}");
    }
}
