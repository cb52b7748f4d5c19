//! The RELAX NG XML syntax written out: the element tree the parser builds
//! (as Appendix A of the compact specification defines it), a tidying pass
//! that makes it read like hand-written RELAX NG, and the serialiser that
//! records where each element came from in the compact source.

use std::borrow::Cow;

/// The RELAX NG structure namespace.
pub(crate) const RNG_NS: &str = "http://relaxng.org/ns/structure/1.0";
/// The XML namespace, bound to the prefix `xml` without a declaration.
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of `a:documentation` (RELAX NG DTD compatibility annotations).
pub(crate) const ANNOTATIONS_NS: &str = "http://relaxng.org/ns/compatibility/annotations/1.0";

/// A string that is usually a constant (RELAX NG names), so that building
/// the tree does not allocate one per element.
pub(crate) type Str = Cow<'static, str>;

/// An element or attribute name: namespace URI, local name, and the prefix
/// to write it with (`None`: unprefixed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XName {
    pub prefix: Option<String>,
    pub uri: Str,
    pub local: Str,
}

impl XName {
    /// A name in no namespace (RELAX NG's own attributes).
    pub(crate) fn plain(local: &'static str) -> Self {
        XName {
            prefix: None,
            uri: Cow::Borrowed(""),
            local: Cow::Borrowed(local),
        }
    }
}

/// An attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XAttr {
    pub name: XName,
    pub value: String,
}

/// A child of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum XNode {
    Elem(XElem),
    Text(String),
}

/// An element of the translated schema, with the offset in the compact
/// source of the construct it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XElem {
    pub name: XName,
    pub attrs: Vec<XAttr>,
    pub children: Vec<XNode>,
    pub src: usize,
}

impl XElem {
    /// A RELAX NG element.
    pub(crate) fn rng(local: &'static str, src: usize) -> Self {
        XElem {
            name: XName {
                prefix: None,
                uri: Cow::Borrowed(RNG_NS),
                local: Cow::Borrowed(local),
            },
            attrs: Vec::new(),
            children: Vec::new(),
            src,
        }
    }

    /// Whether this is the RELAX NG element `local`.
    pub(crate) fn is(&self, local: &str) -> bool {
        self.name.local == local && self.name.prefix.is_none() && self.name.uri == RNG_NS
    }

    fn is_rng(&self) -> bool {
        self.name.uri == RNG_NS && self.name.prefix.is_none()
    }

    /// Adds an unprefixed attribute.
    pub(crate) fn with_attr(mut self, local: &'static str, value: &str) -> Self {
        self.attrs.push(XAttr {
            name: XName::plain(local),
            value: value.to_owned(),
        });
        self
    }

    /// Adds child elements.
    pub(crate) fn with_children(mut self, children: Vec<XElem>) -> Self {
        self.children.extend(children.into_iter().map(XNode::Elem));
        self
    }

    /// Adds a text child, unless the text is empty.
    pub(crate) fn with_text(mut self, text: String) -> Self {
        if !text.is_empty() {
            self.children.push(XNode::Text(text));
        }
        self
    }

    /// The value of an unprefixed attribute.
    pub(crate) fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.uri.is_empty() && a.name.local == local)
            .map(|a| a.value.as_str())
    }

    /// The element children.
    pub(crate) fn elems(&self) -> impl Iterator<Item = &XElem> {
        self.children.iter().filter_map(|c| match c {
            XNode::Elem(e) => Some(e),
            XNode::Text(_) => None,
        })
    }
}

/// Initial annotations: foreign attributes, and documentation and foreign
/// elements that become the first children.
#[derive(Debug, Default, Clone)]
pub(crate) struct Anno {
    pub attrs: Vec<XAttr>,
    pub elems: Vec<XElem>,
}

impl Anno {
    pub(crate) fn is_empty(&self) -> bool {
        self.attrs.is_empty() && self.elems.is_empty()
    }
}

/// `applyAnnotations`: the attributes join the element and the elements
/// become its first children; an element with text content (`value`,
/// `param`, `name`) cannot have element children, so they follow it instead.
pub(crate) fn apply(anno: Anno, mut e: XElem) -> Vec<XElem> {
    e.attrs.extend(anno.attrs);
    if e.is("value") || e.is("param") || e.is("name") {
        let mut out = vec![e];
        out.extend(anno.elems);
        return out;
    }
    let mut children: Vec<XNode> = anno.elems.into_iter().map(XNode::Elem).collect();
    children.append(&mut e.children);
    e.children = children;
    vec![e]
}

/// `applyAnnotationsGroup` / `applyAnnotationsChoice`: annotations on a
/// parenthesised sequence wrap it in `wrapper`; without annotations the
/// sequence is returned as it is.
pub(crate) fn apply_wrapped(anno: Anno, wrapper: &'static str, items: Vec<XElem>) -> Vec<XElem> {
    if anno.is_empty() {
        return items;
    }
    let src = items.first().map_or(0, |e| e.src);
    apply(anno, XElem::rng(wrapper, src).with_children(items))
}

/// Makes the formal translation read like hand-written RELAX NG without
/// changing its meaning: a single name becomes a `name` attribute where the
/// inherited `ns` gives it the same namespace, and a `group` that is the only
/// pattern of an element that groups its children anyway is dissolved.
///
/// `prefixes` are the namespace declarations in scope (those of the document
/// element), used to write a name in another namespace as a QName.
pub(crate) fn tidy(e: &mut XElem, inherited: Option<&str>, prefixes: &[(String, String)]) {
    if !e.is_rng() {
        return;
    }
    let own = e.attr("ns").map(str::to_owned);
    let here = own.as_deref().or(inherited);
    if e.is("element") || e.is("attribute") {
        name_shorthand(e, here, prefixes);
    }
    if [
        "element",
        "define",
        "oneOrMore",
        "zeroOrMore",
        "optional",
        "list",
        "mixed",
    ]
    .iter()
    .any(|l| e.is(l))
    {
        dissolve_group(e);
    }
    for c in &mut e.children {
        if let XNode::Elem(child) = c {
            tidy(child, here, prefixes);
        }
    }
}

fn name_shorthand(e: &mut XElem, inherited: Option<&str>, prefixes: &[(String, String)]) {
    let Some(i) = e
        .children
        .iter()
        .position(|c| matches!(c, XNode::Elem(x) if x.is_rng()))
    else {
        return;
    };
    let XNode::Elem(name) = &e.children[i] else {
        return;
    };
    let [XNode::Text(local)] = name.children.as_slice() else {
        return;
    };
    if !name.is("name")
        || name
            .attrs
            .iter()
            .any(|a| a.name.local != "ns" || !a.name.uri.is_empty())
    {
        return;
    }
    let ns = name.attr("ns");
    // An unprefixed `name` attribute takes the inherited `ns` on an element
    // and no namespace on an attribute (unless it has an `ns` of its own).
    let unprefixed = if e.is("element") {
        ns == inherited
    } else {
        ns == Some("") && e.attr("ns").is_none()
    };
    let qname = if unprefixed {
        Some(local.clone())
    } else {
        ns.filter(|u| !u.is_empty())
            .and_then(|u| prefixes.iter().find(|(_, v)| v == u))
            .map(|(p, _)| format!("{p}:{local}"))
    };
    if let Some(qname) = qname {
        e.children.remove(i);
        e.attrs.insert(
            0,
            XAttr {
                name: XName::plain("name"),
                value: qname,
            },
        );
    }
}

fn dissolve_group(e: &mut XElem) {
    let skip = usize::from(e.is("element") && e.attr("name").is_none());
    let patterns: Vec<usize> = e
        .children
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, XNode::Elem(x) if x.is_rng()))
        .map(|(i, _)| i)
        .skip(skip)
        .collect();
    let [i] = patterns.as_slice() else { return };
    let XNode::Elem(g) = &e.children[*i] else {
        return;
    };
    if !g.is("group") || !g.attrs.is_empty() || g.elems().any(|c| !c.is_rng()) {
        return;
    }
    let XNode::Elem(g) = e.children.remove(*i) else {
        return;
    };
    e.children.splice(*i..*i, g.children);
}

/// Namespace declarations and the `ns` attribute for the document element.
pub(crate) struct RootDecls {
    /// `xmlns:prefix` declarations, in order.
    pub prefixes: Vec<(String, String)>,
    /// The default namespace for element names, when the schema declares one.
    pub default_ns: Option<String>,
}

/// Writes the schema as an XML document, returning it with the map from
/// element starts to compact offsets.
pub(crate) fn serialize(mut root: XElem, decls: &RootDecls) -> (String, Vec<(usize, usize)>) {
    let mut xmlns = vec![XAttr {
        name: XName::plain("xmlns"),
        value: RNG_NS.to_owned(),
    }];
    for (p, uri) in &decls.prefixes {
        xmlns.push(XAttr {
            name: XName {
                prefix: Some("xmlns".into()),
                uri: Cow::Borrowed(""),
                local: Cow::Owned(p.clone()),
            },
            value: uri.clone(),
        });
    }
    if let Some(ns) = &decls.default_ns {
        if root.is_rng() && root.attr("ns").is_none() {
            root.attrs.insert(
                0,
                XAttr {
                    name: XName::plain("ns"),
                    value: ns.clone(),
                },
            );
        }
    }
    let mut in_scope = decls.prefixes.clone();
    in_scope.push(("xml".to_owned(), XML_NS.to_owned()));
    tidy(&mut root, None, &in_scope);
    let mut w = Writer {
        out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        map: Vec::new(),
    };
    w.element(&root, 0, RNG_NS, &xmlns, false);
    w.out.push('\n');
    (w.out, w.map)
}

struct Writer {
    out: String,
    map: Vec<(usize, usize)>,
}

impl Writer {
    fn element(
        &mut self,
        e: &XElem,
        depth: usize,
        default_ns: &str,
        extra: &[XAttr],
        inline: bool,
    ) {
        self.map.push((self.out.len(), e.src));
        let (tag, inner_default) = self.start_tag(e, default_ns, extra);
        if e.children.is_empty() {
            self.out.push_str("/>");
            return;
        }
        self.out.push('>');
        let inline = inline || e.children.iter().any(|c| matches!(c, XNode::Text(_)));
        for c in &e.children {
            match c {
                XNode::Text(t) => escape_into(&mut self.out, t, false),
                XNode::Elem(child) => {
                    if !inline {
                        self.newline(depth + 1);
                    }
                    self.element(child, depth + 1, inner_default, &[], inline);
                }
            }
        }
        if !inline {
            self.newline(depth);
        }
        self.out.push_str("</");
        self.out.push_str(&tag);
        self.out.push('>');
    }

    /// Writes `<tag attributes` (declaring the default namespace where it
    /// changes); returns the tag and the default namespace inside.
    fn start_tag<'e>(
        &mut self,
        e: &'e XElem,
        default_ns: &'e str,
        extra: &[XAttr],
    ) -> (String, &'e str) {
        let tag = match &e.name.prefix {
            Some(p) => format!("{p}:{}", e.name.local),
            None => e.name.local.to_string(),
        };
        self.out.push('<');
        self.out.push_str(&tag);
        for a in extra {
            self.attribute(a);
        }
        let mut inner_default = default_ns;
        if e.name.prefix.is_none() && e.name.uri != default_ns {
            self.attribute(&XAttr {
                name: XName::plain("xmlns"),
                value: e.name.uri.to_string(),
            });
            inner_default = &e.name.uri;
        }
        for a in &e.attrs {
            self.attribute(a);
        }
        (tag, inner_default)
    }

    fn newline(&mut self, depth: usize) {
        self.out.push('\n');
        self.out.extend(std::iter::repeat_n(' ', depth * 2));
    }

    fn attribute(&mut self, a: &XAttr) {
        self.out.push(' ');
        if let Some(p) = &a.name.prefix {
            self.out.push_str(p);
            self.out.push(':');
        }
        self.out.push_str(&a.name.local);
        self.out.push_str("=\"");
        escape_into(&mut self.out, &a.value, true);
        self.out.push('"');
    }
}

/// Escapes text for XML content or a double-quoted attribute value, keeping
/// carriage returns (and, in attributes, tabs and newlines) as they are.
fn escape_into(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#xA;"),
            '\t' if attribute => out.push_str("&#x9;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(ns: Option<&str>, local: &str) -> XElem {
        let mut n = XElem::rng("name", 0).with_text(local.to_owned());
        if let Some(ns) = ns {
            n = n.with_attr("ns", ns);
        }
        n
    }

    #[test]
    fn names_shorten_only_where_the_namespace_is_kept() {
        let inner = XElem::rng("element", 5)
            .with_children(vec![name(Some("urn:x"), "b"), XElem::rng("empty", 6)]);
        let outer = XElem::rng("element", 1).with_children(vec![name(Some("urn:d"), "a"), inner]);
        let decls = RootDecls {
            prefixes: vec![],
            default_ns: Some("urn:d".into()),
        };
        let (xml, map) = serialize(outer, &decls);
        assert!(
            xml.contains(
                r#"<element xmlns="http://relaxng.org/ns/structure/1.0" name="a" ns="urn:d">"#
            ),
            "{xml}"
        );
        assert!(xml.contains(r#"<name ns="urn:x">b</name>"#), "{xml}");
        assert_eq!(map.iter().map(|m| m.1).collect::<Vec<_>>(), [1, 5, 0, 6]);
        assert!(map.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn annotations_on_text_elements_follow_them() {
        let doc = XElem {
            name: XName {
                prefix: Some("a".into()),
                uri: ANNOTATIONS_NS.into(),
                local: "documentation".into(),
            },
            attrs: vec![],
            children: vec![],
            src: 0,
        };
        let anno = Anno {
            attrs: vec![],
            elems: vec![doc.clone()],
        };
        let out = apply(anno.clone(), XElem::rng("value", 0));
        assert!(out[0].is("value") && out[1] == doc);
        let out = apply(anno, XElem::rng("empty", 0));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].children, [XNode::Elem(doc)]);
    }

    #[test]
    fn escapes_markup_and_line_ends() {
        let mut s = String::new();
        escape_into(&mut s, "a<&>\"\r\n", false);
        assert_eq!(s, "a&lt;&amp;&gt;\"&#xD;\n");
        s.clear();
        escape_into(&mut s, "\"\n\t", true);
        assert_eq!(s, "&quot;&#xA;&#x9;");
    }
}
