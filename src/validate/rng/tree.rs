//! A schema document read with quick-xml into a small tree of its own: the
//! RELAX NG elements with their attributes, resolved namespaces, byte
//! positions and (for the elements that hold a value) their text. Foreign
//! elements are kept as leaves without their content, since section 4.1 of
//! the specification drops them anyway; their content is still checked for
//! well-formedness.
//!
//! The input is untrusted: a DOCTYPE is refused, only the predefined and
//! character entities are known, and nesting is bounded.

use std::borrow::Cow;

use quick_xml::encoding::EncodingError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::parse::RNG_NS;

/// How deep elements may nest in a schema document.
const MAX_DEPTH: usize = 512;
/// No node, no binding.
const NONE: u32 = u32::MAX;

/// Why a schema document is not well-formed: a message and a byte offset.
#[derive(Debug)]
pub(crate) struct WfError {
    /// Where, as a byte offset in the text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// A namespace declaration, linked to the one in scope before it.
struct Binding<'t> {
    prefix: &'t str,
    uri: Cow<'t, str>,
    prev: u32,
}

struct Attr<'t> {
    /// The binding of the prefix while reading, then of the namespace.
    ns: u32,
    prefix: &'t str,
    local: &'t str,
    value: Cow<'t, str>,
}

struct Elem<'t> {
    ns: u32,
    local: &'t str,
    pos: u32,
    attrs: (u32, u32),
    first_child: u32,
    next_sibling: u32,
    scope: u32,
    /// The index of the element's text in `Tree::texts`, if it has any.
    text: u32,
    has_text: bool,
}

/// A schema document.
pub(crate) struct Tree<'t> {
    elems: Vec<Elem<'t>>,
    attrs: Vec<Attr<'t>>,
    bindings: Vec<Binding<'t>>,
    texts: Vec<Cow<'t, str>>,
}

/// An element of a [`Tree`].
#[derive(Clone, Copy)]
pub(crate) struct Node<'a, 't> {
    tree: &'a Tree<'t>,
    id: u32,
}

/// An attribute of a [`Node`].
#[derive(Clone, Copy)]
pub(crate) struct AttrRef<'a, 't> {
    tree: &'a Tree<'t>,
    attr: &'a Attr<'t>,
}

impl<'a> AttrRef<'a, '_> {
    /// The namespace URI, if the name has a prefix.
    pub(crate) fn namespace(&self) -> Option<&'a str> {
        self.tree.uri(self.attr.ns)
    }

    /// The local name.
    pub(crate) fn name(&self) -> &'a str {
        self.attr.local
    }

    /// The value, normalised and with references replaced.
    pub(crate) fn value(&self) -> &'a str {
        &self.attr.value
    }
}

impl<'a, 't> Node<'a, 't> {
    fn elem(&self) -> &'a Elem<'t> {
        &self.tree.elems[self.id as usize]
    }

    /// The local name.
    pub(crate) fn name(&self) -> &'a str {
        self.elem().local
    }

    /// The namespace URI.
    pub(crate) fn namespace(&self) -> Option<&'a str> {
        self.tree.uri(self.elem().ns)
    }

    /// Whether the element is in the RELAX NG namespace.
    pub(crate) fn is_rng(&self) -> bool {
        self.namespace() == Some(RNG_NS)
    }

    /// The byte offset of the start tag.
    pub(crate) fn pos(&self) -> usize {
        self.elem().pos as usize
    }

    /// The attributes.
    pub(crate) fn attributes(&self) -> impl Iterator<Item = AttrRef<'a, 't>> + 'a {
        let (from, to) = self.elem().attrs;
        let tree = self.tree;
        tree.attrs[from as usize..to as usize]
            .iter()
            .map(move |attr| AttrRef { tree, attr })
    }

    /// The value of the attribute `name` without a namespace.
    pub(crate) fn attribute(&self, name: &str) -> Option<&'a str> {
        self.attributes()
            .find(|a| a.attr.ns == NONE && a.attr.local == name)
            .map(|a| a.value())
    }

    /// The element children, foreign ones included (as empty leaves).
    pub(crate) fn children(&self) -> impl Iterator<Item = Node<'a, 't>> + 'a {
        let tree = self.tree;
        let mut next = self.elem().first_child;
        std::iter::from_fn(move || {
            let id = next;
            let e = tree.elems.get(id as usize)?;
            next = e.next_sibling;
            Some(Node { tree, id })
        })
    }

    /// The text directly in the element (gathered only for `name`, `value`
    /// and `param`).
    pub(crate) fn text(&self) -> &'a str {
        self.tree
            .texts
            .get(self.elem().text as usize)
            .map_or("", |t| t)
    }

    /// Whether the element directly holds text other than white space.
    pub(crate) fn has_text(&self) -> bool {
        self.elem().has_text
    }

    /// The URI bound to `prefix` here.
    pub(crate) fn lookup_namespace(&self, prefix: &str) -> Option<&'a str> {
        let b = self.tree.lookup(self.elem().scope, prefix)?;
        self.tree.uri(b)
    }

    /// The namespaces in scope: prefix (empty for the default) and URI.
    pub(crate) fn namespaces(&self) -> Vec<(&'a str, &'a str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        let mut b = self.elem().scope;
        while let Some(binding) = self.tree.bindings.get(b as usize) {
            if !out.iter().any(|(p, _)| *p == binding.prefix) {
                out.push((binding.prefix, &binding.uri));
            }
            b = binding.prev;
        }
        out.reverse();
        out
    }
}

impl<'t> Tree<'t> {
    /// The root element.
    pub(crate) fn root(&self) -> Node<'_, 't> {
        Node { tree: self, id: 0 }
    }

    fn uri(&self, b: u32) -> Option<&str> {
        self.bindings
            .get(b as usize)
            .map(|b| &*b.uri)
            .filter(|u| !u.is_empty())
    }

    fn lookup(&self, mut b: u32, prefix: &str) -> Option<u32> {
        while let Some(binding) = self.bindings.get(b as usize) {
            if binding.prefix == prefix {
                return Some(b);
            }
            b = binding.prev;
        }
        None
    }

    /// Reads `text`, refusing what is not well-formed.
    pub(crate) fn parse(text: &'t str) -> Result<Tree<'t>, WfError> {
        if u32::try_from(text.len()).is_err() {
            return Err(WfError {
                offset: 0,
                message: "the schema is larger than 4 GB".into(),
            });
        }
        if let Some(offset) = not_a_char(text) {
            return Err(WfError {
                offset,
                message:
                    "a character that XML does not allow (a control character or U+FFFE/U+FFFF)"
                        .into(),
            });
        }
        // quick-xml skips a byte order mark without counting it: skip it
        // here and shift positions by its length.
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let shift = text.len() - body.len();
        // Every element starts with `<`: size the tables once.
        let tags = memchr::memchr_iter(b'<', body.as_bytes()).count();
        let mut b = Builder {
            text: body,
            shift,
            tree: Tree {
                elems: Vec::with_capacity(tags / 2),
                attrs: Vec::with_capacity(tags / 2),
                texts: Vec::new(),
                bindings: vec![Binding {
                    prefix: "xml",
                    uri: Cow::Borrowed(crate::tei::XML_NS),
                    prev: NONE,
                }],
            },
            open: Vec::new(),
            root_done: false,
        };
        let mut reader = Reader::from_str(body);
        loop {
            let pos = reader.buffer_position() as usize;
            let event = reader.read_event().map_err(|e| WfError {
                offset: reader.error_position() as usize + shift,
                message: e.to_string(),
            })?;
            let result = match event {
                Event::Start(s) => b.start(&s, pos, false),
                Event::Empty(s) => b.start(&s, pos, true),
                Event::End(_) => {
                    b.end();
                    Ok(())
                }
                Event::Text(t) => b.text(&t, || t.xml10_content()),
                Event::CData(t) => b.text(&t, || t.xml10_content()),
                Event::GeneralRef(r) => match reference(&r) {
                    Ok(c) => {
                        let mut buf = [0; 4];
                        let c: &str = c.encode_utf8(&mut buf);
                        b.text(c.as_bytes(), || Ok(Cow::Owned(c.to_string())))
                    }
                    Err(e) => Err(e),
                },
                Event::DocType(_) => Err("a DOCTYPE is not allowed in a schema".into()),
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => Ok(()),
                Event::Eof => break,
            };
            result.map_err(|message| WfError {
                offset: pos + shift,
                message,
            })?;
        }
        let end = text.len();
        match (b.open.is_empty(), b.root_done) {
            (true, true) => Ok(b.tree),
            (_, false) if b.open.is_empty() => Err(WfError {
                offset: end,
                message: "the document has no root element".into(),
            }),
            _ => Err(WfError {
                offset: end,
                message: "unexpected end of the document: an element is not closed".into(),
            }),
        }
    }
}

/// An open element while reading: its node (none for a foreign element
/// and inside one), its last child so far, and the bindings in scope in it.
struct Open {
    id: u32,
    last_child: u32,
    scope: u32,
}

struct Builder<'t> {
    /// The text after any byte order mark, and the length of that mark.
    text: &'t str,
    shift: usize,
    tree: Tree<'t>,
    open: Vec<Open>,
    root_done: bool,
}

/// The character a `&...;` reference stands for: a character reference or
/// one of the five predefined entities.
fn reference(r: &quick_xml::events::BytesRef) -> Result<char, String> {
    let name = std::str::from_utf8(r).map_err(|e| e.to_string())?;
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        let mut buf = [0; 4];
        if not_a_char(c.encode_utf8(&mut buf)).is_some() {
            return Err(format!("`&{name};` is a character that XML does not allow"));
        }
        return Ok(c);
    }
    match name {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        _ => Err(format!("unknown entity `&{name};`")),
    }
}

/// The byte offset of the first character outside XML 1.0's `Char`
/// production: C0 controls other than tab, line feed and carriage return,
/// and the non-characters U+FFFE and U+FFFF.
fn not_a_char(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let bad = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    // Whole blocks first (a loop without early exit, which vectorises).
    let control = bytes
        .chunks(64)
        .position(|block| block.iter().fold(false, |acc, &b| acc | bad(b)))
        .and_then(|k| {
            let at = k * 64;
            bytes[at..].iter().position(|&b| bad(b)).map(|i| at + i)
        });
    let nonchar = memchr::memmem::find_iter(bytes, "\u{fffe}".as_bytes())
        .chain(memchr::memmem::find_iter(bytes, "\u{ffff}".as_bytes()))
        .min();
    control.into_iter().chain(nonchar).min()
}

/// An attribute value, white space normalised (CDATA rules) and unescaped.
fn attribute_value(raw: &str) -> Result<Cow<'_, str>, String> {
    if raw.contains('<') {
        return Err("`<` is not allowed in an attribute value: write `&lt;`".into());
    }
    let special = |b: &u8| matches!(b, b'\t' | b'\n' | b'\r' | b'&');
    if !raw.as_bytes().iter().any(special) {
        return Ok(Cow::Borrowed(raw));
    }
    let text = if raw.contains(['\t', '\n', '\r']) {
        Cow::Owned(raw.replace("\r\n", " ").replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(raw)
    };
    if !text.contains('&') {
        return Ok(text);
    }
    let value = quick_xml::escape::unescape(&text).map_err(|e| e.to_string())?;
    if not_a_char(&value).is_some() {
        return Err("a character reference to a character that XML does not allow".into());
    }
    Ok(Cow::Owned(value.into_owned()))
}

/// Splits a QName into prefix (empty if none) and local name.
fn split_qname(qn: &str) -> (&str, &str) {
    qn.split_once(':').unwrap_or(("", qn))
}

impl<'t> Builder<'t> {
    /// The bindings in scope in the innermost open element.
    fn scope(&self) -> u32 {
        self.open.last().map_or(0, |o| o.scope)
    }

    /// The part `part` of the tag `s` (which starts at byte `pos`), as a
    /// slice of the text.
    fn slice(&self, s: &BytesStart, pos: usize, part: &[u8]) -> Result<&'t str, String> {
        let within = (part.as_ptr() as usize).wrapping_sub(s.as_ptr() as usize);
        let from = pos + 1 + within;
        self.text
            .get(from..from + part.len())
            .filter(|t| t.as_bytes() == part)
            .ok_or_else(|| "malformed tag".to_string())
    }

    fn start(&mut self, s: &BytesStart, pos: usize, empty: bool) -> Result<(), String> {
        if self.open.is_empty() && self.root_done {
            return Err("only one root element is allowed".into());
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(format!("elements nest more than {MAX_DEPTH} deep"));
        }
        let from = self.tree.attrs.len();
        let scope = self.declarations(s, pos)?;
        for i in from..self.tree.attrs.len() {
            let ns = match self.tree.attrs[i].prefix {
                "" => NONE,
                p => self.tree.lookup(scope, p).ok_or_else(|| undeclared(p))?,
            };
            self.tree.attrs[i].ns = ns;
        }
        let (prefix, local) = split_qname(self.slice(s, pos, s.name().into_inner())?);
        let ns = match self.tree.lookup(scope, prefix) {
            Some(b) => b,
            None if prefix.is_empty() => NONE,
            None => return Err(undeclared(prefix)),
        };
        let id = match self.open.last() {
            Some(o) if o.id == NONE => {
                self.tree.attrs.truncate(from);
                NONE
            }
            _ => self.add_element(ns, local, pos, scope, from),
        };
        let foreign = self.tree.uri(ns) != Some(RNG_NS);
        self.open.push(Open {
            id: if foreign { NONE } else { id },
            last_child: NONE,
            scope,
        });
        if empty {
            self.end();
        }
        Ok(())
    }

    /// Reads the attributes of `s`: namespace declarations become bindings,
    /// the others are added to the table (their prefixes not yet
    /// resolved); returns the bindings in scope in the element.
    fn declarations(&mut self, s: &BytesStart, pos: usize) -> Result<u32, String> {
        let mut scope = self.scope();
        for a in s.attributes() {
            let a = a.map_err(|e| e.to_string())?;
            let (prefix, local) = split_qname(self.slice(s, pos, a.key.into_inner())?);
            let value = attribute_value(self.slice(s, pos, &a.value)?)?;
            if prefix.is_empty() && local == "xmlns" {
                scope = self.bind("", value, scope)?;
            } else if prefix == "xmlns" {
                if value.is_empty() {
                    return Err(format!("prefix `{local}` may not be bound to an empty URI"));
                }
                scope = self.bind(local, value, scope)?;
            } else {
                self.tree.attrs.push(Attr {
                    ns: NONE,
                    prefix,
                    local,
                    value,
                });
            }
        }
        Ok(scope)
    }

    fn bind(&mut self, prefix: &'t str, uri: Cow<'t, str>, prev: u32) -> Result<u32, String> {
        let xml = crate::tei::XML_NS;
        if (prefix == "xml") != (uri == xml) || prefix == "xmlns" {
            return Err(format!("prefix `{prefix}` may not be bound to `{uri}`"));
        }
        self.tree.bindings.push(Binding { prefix, uri, prev });
        Ok(self.tree.bindings.len() as u32 - 1)
    }

    /// Adds an element whose attributes start at `from` in the table, as
    /// the last child of the innermost open element.
    fn add_element(&mut self, ns: u32, local: &'t str, pos: usize, scope: u32, from: usize) -> u32 {
        let id = self.tree.elems.len() as u32;
        self.tree.elems.push(Elem {
            ns,
            local,
            pos: (pos + self.shift) as u32,
            attrs: (from as u32, self.tree.attrs.len() as u32),
            first_child: NONE,
            next_sibling: NONE,
            scope,
            text: NONE,
            has_text: false,
        });
        if let Some(parent) = self.open.last_mut() {
            match parent.last_child {
                NONE => self.tree.elems[parent.id as usize].first_child = id,
                last => self.tree.elems[last as usize].next_sibling = id,
            }
            parent.last_child = id;
        }
        id
    }

    fn end(&mut self) {
        if self.open.pop().is_some() && self.open.is_empty() {
            self.root_done = true;
        }
    }

    /// Text `t` (raw, `decode` gives its characters): only white space
    /// outside the root element, gathered for the elements that hold a
    /// value, noted when not white space for the others.
    fn text(
        &mut self,
        t: &[u8],
        decode: impl FnOnce() -> Result<Cow<'t, str>, EncodingError>,
    ) -> Result<(), String> {
        let blank = t.iter().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        let Some(open) = self.open.last() else {
            return if blank {
                Ok(())
            } else {
                Err("text is not allowed outside the root element".into())
            };
        };
        let Some(e) = self.tree.elems.get_mut(open.id as usize) else {
            return Ok(());
        };
        e.has_text |= !blank;
        if !matches!(e.local, "name" | "value" | "param") {
            return Ok(());
        }
        let t = decode().map_err(|e| e.to_string())?;
        match self.tree.texts.get_mut(e.text as usize) {
            Some(old) => old.to_mut().push_str(&t),
            None => {
                e.text = self.tree.texts.len() as u32;
                self.tree.texts.push(t);
            }
        }
        Ok(())
    }
}

fn undeclared(prefix: &str) -> String {
    format!("namespace prefix `{prefix}` is not declared")
}

#[cfg(test)]
mod tests {
    use super::Tree;

    const RNG: &str = "xmlns=\"http://relaxng.org/ns/structure/1.0\"";

    fn refused(text: &str) -> super::WfError {
        match Tree::parse(text) {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => e,
        }
    }

    #[test]
    fn foreign_elements_are_leaves_and_namespaces_resolve() {
        let text = format!(
            "<grammar {RNG} xmlns:a=\"urn:a\" a:x=\"1\">\n<a:doc>skipped <b>deep</b></a:doc><start><value type=\"QName\">a:b &amp; &#x41;</value></start></grammar>"
        );
        let tree = Tree::parse(&text).expect("well-formed");
        let root = tree.root();
        assert!(root.is_rng());
        let attr = root.attributes().next().expect("a:x");
        assert_eq!(
            (attr.namespace(), attr.name(), attr.value()),
            (Some("urn:a"), "x", "1")
        );
        let kids: Vec<_> = root.children().collect();
        assert_eq!(kids.len(), 2);
        assert_eq!((kids[0].name(), kids[0].is_rng()), ("doc", false));
        assert_eq!(kids[0].children().count(), 0);
        assert_eq!(kids[0].pos(), text.find("<a:doc").expect("there"));
        let value = kids[1].children().next().expect("value");
        assert_eq!(value.text(), "a:b & A");
        assert_eq!(value.lookup_namespace("a"), Some("urn:a"));
        assert!(value.namespaces().contains(&("a", "urn:a")));
    }

    #[test]
    fn what_is_not_well_formed_is_refused_with_its_place() {
        let doctype = format!("<!DOCTYPE x [<!ENTITY e \"boom\">]><element {RNG}/>");
        assert_eq!(refused(&doctype).offset, 0);
        let entity = format!("<element {RNG}>&e;</element>");
        assert!(refused(&entity).message.contains("`&e;`"));
        let mismatch = format!("<element {RNG}><text></empty></element>");
        assert!(refused(&mismatch).offset > 0);
        let unclosed = format!("<element {RNG}><text/>");
        assert_eq!(refused(&unclosed).offset, unclosed.len());
        assert!(refused("<a:element xmlns=\"x\"/>").message.contains("`a`"));
        assert!(refused(&format!("<empty {RNG}/><empty {RNG}/>"))
            .message
            .contains("root"));
        assert!(refused("").message.contains("no root"));
        let lt = format!("<element {RNG} name=\"a<b\"/>");
        assert!(refused(&lt).message.contains("`<`"));
        let control = format!("<element {RNG}>\u{1}</element>");
        assert_eq!(refused(&control).offset, control.find('\u{1}').unwrap());
        let charref = format!("<element {RNG}><name>a&#1;</name></element>");
        assert!(refused(&charref).message.contains("`&#1;`"));
        let in_attribute = format!("<element {RNG} name=\"a&#xFFFE;\"/>");
        assert!(refused(&in_attribute).message.contains("does not allow"));
        let nonchar = format!("<element {RNG} name=\"\u{ffff}\"/>");
        assert_eq!(refused(&nonchar).offset, nonchar.find('\u{ffff}').unwrap());
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_positions_still_point_into_the_text() {
        let text = format!("\u{feff}<element {RNG} name=\"a\"><text/></element>");
        let tree = Tree::parse(&text).expect("well-formed");
        let text_node = tree.root().children().next().expect("text");
        assert_eq!(text_node.pos(), text.find("<text").expect("there"));
        assert_eq!(tree.root().attribute("name"), Some("a"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("<group {RNG}>{}", "<group>".repeat(10_000));
        assert!(refused(&deep).message.contains("nest"));
    }
}
