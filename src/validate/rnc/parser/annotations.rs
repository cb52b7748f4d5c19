//! Annotations: `##` documentation, `[ ... ]` initial annotations,
//! `>>` following annotations and annotation elements in grammars, turned
//! into foreign attributes and elements (section 5 of the specification).

use miette::SourceSpan;

use super::{Env, Ns, Parser, Result};
use crate::validate::rnc::emit::{Anno, XAttr, XElem, XName, XNode, RNG_NS};
use crate::validate::rnc::errors::{span, RncError};
use crate::validate::rnc::lexer::Tok;

/// The namespace URIs an attribute may never be in (the XML Namespaces one
/// as the compact specification spells it, and as XML spells it).
const XMLNS_URIS: [&str; 2] = [
    "http://www.w3.org/2000/xmlns",
    "http://www.w3.org/2000/xmlns/",
];

fn bad(message: String, help: &str, at: SourceSpan) -> RncError {
    RncError::BadAnnotation {
        message,
        help: help.to_owned(),
        span: at,
        src: String::new(),
    }
}

impl Parser {
    /// Documentation comments, then an optional `[ attributes elements ]`.
    pub(super) fn annotations(&mut self) -> Result<Anno> {
        let mut anno = Anno::default();
        while let Tok::Doc(text) = self.peek().clone() {
            let t = self.next();
            self.env.doc_used = true;
            let doc = XElem {
                name: self.env.doc_name(),
                attrs: vec![],
                children: vec![],
                src: t.start,
            };
            anno.elems.push(doc.with_text(text));
        }
        if !self.eat("[") {
            return Ok(anno);
        }
        loop {
            if self.eat("]") {
                return Ok(anno);
            }
            let is_name = matches!(
                self.peek(),
                Tok::Ident(_) | Tok::Keyword(_) | Tok::Quoted(_) | Tok::CName(..)
            );
            match self.peek_at(1) {
                Tok::Punct("=")
                    if is_name && anno.elems.iter().all(|e| e.name == self.env.doc_name()) =>
                {
                    let (a, at) = self.annotation_attr(true)?;
                    push_attr(&mut anno.attrs, a, at)?;
                }
                Tok::Punct("[") if is_name => anno.elems.push(self.annotation_element(true)?),
                _ => {
                    return Err(self.unexpected(
                        "an annotation (`prefix:name = \"value\"` or `name [ ... ]`) or `]`",
                        None,
                    ));
                }
            }
        }
    }

    /// `>> element [ ... ]`, any number of times.
    pub(super) fn follow_annotations(&mut self) -> Result<Vec<XElem>> {
        let mut out = Vec::new();
        while self.eat(">>") {
            out.push(self.annotation_element(true)?);
        }
        Ok(out)
    }

    /// The name of an annotation element or attribute, resolved; `outer`
    /// marks one that sits directly on a RELAX NG element.
    fn annotation_name(&mut self, attribute: bool, outer: bool) -> Result<(XName, SourceSpan)> {
        let t = self.toks[self.pos].clone();
        let at = span(t.start, t.end);
        let (prefix, local) = match t.tok {
            Tok::Ident(s) | Tok::Quoted(s) => (None, s),
            Tok::Keyword(k) => (None, k.to_owned()),
            Tok::CName(p, l) => (Some(p), l),
            _ => return Err(self.unexpected("an annotation name", None)),
        };
        self.next();
        let Some(prefix) = prefix else {
            check_unprefixed(&local, attribute, outer, at)?;
            return Ok((
                XName {
                    prefix: None,
                    uri: "".into(),
                    local: local.into(),
                },
                at,
            ));
        };
        let uri = match self.env.lookup_ns(&prefix, at)? {
            Ns::Uri(u) => u,
            Ns::Inherit => {
                return Err(bad(
                    format!("prefix `{prefix}` is bound to `inherit`, expected a namespace URI in an annotation"),
                    "bind the prefix to a URI for use in annotations",
                    at,
                ))
            }
        };
        self.check_annotation_uri(&prefix, &uri, attribute, outer, at)?;
        Ok((
            XName {
                prefix: Env::output_prefix(&prefix, &uri),
                uri: uri.into(),
                local: local.into(),
            },
            at,
        ))
    }

    fn check_annotation_uri(
        &self,
        prefix: &str,
        uri: &str,
        attribute: bool,
        outer: bool,
        at: SourceSpan,
    ) -> Result<()> {
        if attribute && XMLNS_URIS.contains(&uri) {
            return Err(bad(
                format!("annotation attribute in the namespace of `xmlns` (prefix `{prefix}`), expected any other namespace"),
                "that namespace holds namespace declarations only; choose another",
                at,
            ));
        }
        if outer && uri == RNG_NS {
            return Err(bad(
                format!("annotation in the RELAX NG namespace (prefix `{prefix}`), expected a foreign namespace"),
                "annotations must be foreign to RELAX NG: use another namespace",
                at,
            ));
        }
        if outer && attribute && uri.is_empty() {
            return Err(bad(
                format!("annotation attribute with prefix `{prefix}` bound to no namespace, expected a foreign namespace"),
                "attributes on RELAX NG elements need a non-empty namespace URI",
                at,
            ));
        }
        Ok(())
    }

    fn annotation_attr(&mut self, outer: bool) -> Result<(XAttr, SourceSpan)> {
        let (name, at) = self.annotation_name(true, outer)?;
        self.expect("=")?;
        let (value, ..) = self.literal()?;
        Ok((XAttr { name, value }, at))
    }

    /// `name [ attributes content ]`.
    pub(super) fn annotation_element(&mut self, outer: bool) -> Result<XElem> {
        self.nested(|p| p.annotation_element_body(outer))
    }

    fn annotation_element_body(&mut self, outer: bool) -> Result<XElem> {
        let start = self.here();
        let (name, _) = self.annotation_name(false, outer)?;
        self.expect("[")?;
        let mut e = XElem {
            name,
            attrs: vec![],
            children: vec![],
            src: start,
        };
        let is_name = |t: &Tok| {
            matches!(
                t,
                Tok::Ident(_) | Tok::Keyword(_) | Tok::Quoted(_) | Tok::CName(..)
            )
        };
        while is_name(self.peek()) && self.peek_at(1) == &Tok::Punct("=") {
            let (a, at) = self.annotation_attr(false)?;
            push_attr(&mut e.attrs, a, at)?;
        }
        loop {
            match self.peek() {
                Tok::Punct("]") => {
                    self.next();
                    return Ok(e);
                }
                Tok::Literal(_) => {
                    let (text, ..) = self.literal()?;
                    if !text.is_empty() {
                        e.children.push(XNode::Text(text));
                    }
                }
                t if is_name(t) && self.peek_at(1) == &Tok::Punct("[") => {
                    let child = self.annotation_element(false)?;
                    e.children.push(XNode::Elem(child));
                }
                _ => {
                    return Err(
                        self.unexpected("a literal, a nested annotation element or `]`", None)
                    )
                }
            }
        }
    }
}

/// An unprefixed annotation name is in no namespace: not allowed for an
/// attribute on a RELAX NG element, and never `xmlns` for an attribute.
fn check_unprefixed(local: &str, attribute: bool, outer: bool, at: SourceSpan) -> Result<()> {
    if attribute && outer {
        return Err(bad(
            format!("annotation attribute `{local}` has no prefix, expected a name in a foreign namespace"),
            "attributes on RELAX NG elements need a namespace: declare one and write `prefix:name`",
            at,
        ));
    }
    if attribute && local == "xmlns" {
        return Err(bad(
            "annotation attribute named `xmlns`, expected any name other than the namespace declaration".to_owned(),
            "choose another attribute name",
            at,
        ));
    }
    Ok(())
}

/// Adds an attribute, refusing a second one with the same namespace and local name.
fn push_attr(attrs: &mut Vec<XAttr>, a: XAttr, at: SourceSpan) -> Result<()> {
    if attrs
        .iter()
        .any(|b| b.name.uri == a.name.uri && b.name.local == a.name.local)
    {
        let shown = match &a.name.prefix {
            Some(p) => format!("{p}:{}", a.name.local),
            None => a.name.local.to_string(),
        };
        return Err(bad(
            format!("annotation attribute `{shown}` given twice, expected each attribute once"),
            "remove one of them (two prefixes for one namespace name the same attribute)",
            at,
        ));
    }
    attrs.push(a);
    Ok(())
}
