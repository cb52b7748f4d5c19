//! Declarations and the environment they build: namespace and datatype
//! prefixes, the default namespace, and the constraints on them.

use std::collections::{BTreeMap, BTreeSet};

use miette::SourceSpan;

use super::{Parser, Result};
use crate::validate::rnc::emit::{RootDecls, XName, ANNOTATIONS_NS, XML_NS};
use crate::validate::rnc::errors::{span, RncError};
use crate::validate::rnc::lexer::Tok;

/// The XML Schema datatypes library, predeclared as `xsd`.
pub(crate) const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema-datatypes";

/// A namespace binding: a URI, or `inherit` (from the referencing schema).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ns {
    Inherit,
    Uri(String),
}

/// The declarations in force (they all precede the body of a schema).
#[derive(Debug)]
pub(crate) struct Env {
    ns: BTreeMap<String, Ns>,
    pub default: Ns,
    datatypes: BTreeMap<String, String>,
    declared: BTreeSet<(&'static str, String)>,
    doc_prefix: String,
    /// Whether a `##` comment made an `a:documentation` element.
    pub doc_used: bool,
}

impl Env {
    pub(crate) fn new() -> Self {
        Env {
            ns: BTreeMap::from([("xml".to_owned(), Ns::Uri(XML_NS.to_owned()))]),
            default: Ns::Inherit,
            datatypes: BTreeMap::from([("xsd".to_owned(), XSD_NS.to_owned())]),
            declared: BTreeSet::new(),
            doc_prefix: "a".to_owned(),
            doc_used: false,
        }
    }

    pub(crate) fn lookup_ns(&self, prefix: &str, at: SourceSpan) -> Result<Ns> {
        self.ns
            .get(prefix)
            .cloned()
            .ok_or_else(|| RncError::UnknownPrefix {
                kind: "namespace",
                declaration: "namespace",
                prefix: prefix.to_owned(),
                span: at,
                src: String::new(),
            })
    }

    pub(crate) fn lookup_datatypes(&self, prefix: &str, at: SourceSpan) -> Result<String> {
        self.datatypes
            .get(prefix)
            .cloned()
            .ok_or_else(|| RncError::UnknownPrefix {
                kind: "datatypes",
                declaration: "datatypes",
                prefix: prefix.to_owned(),
                span: at,
                src: String::new(),
            })
    }

    /// The default namespace, unless it is inherited.
    pub(crate) fn default_ns(&self) -> Option<&String> {
        match &self.default {
            Ns::Uri(u) => Some(u),
            Ns::Inherit => None,
        }
    }

    /// The name of `a:documentation`, with a prefix that is free or bound to its URI.
    pub(crate) fn doc_name(&self) -> XName {
        XName {
            prefix: Some(self.doc_prefix.clone()),
            uri: ANNOTATIONS_NS.into(),
            local: "documentation".into(),
        }
    }

    /// The prefix to write a foreign name with (`None`: unprefixed, no namespace).
    pub(crate) fn output_prefix(prefix: &str, uri: &str) -> Option<String> {
        (!uri.is_empty()).then(|| prefix.to_owned())
    }

    /// Chooses the documentation prefix once the declarations are known.
    fn settle(&mut self) {
        let bound = |p: &str| self.ns.get(p);
        if let Some((p, _)) = self
            .ns
            .iter()
            .find(|(_, n)| **n == Ns::Uri(ANNOTATIONS_NS.to_owned()))
        {
            self.doc_prefix = p.clone();
            return;
        }
        let mut i = 0;
        let mut candidate = "a".to_owned();
        while bound(&candidate).is_some() {
            i += 1;
            candidate = format!("a{i}");
        }
        self.doc_prefix = candidate;
    }

    /// The namespace declarations of the document element: every declared
    /// prefix bound to a non-empty URI, and the documentation prefix.
    pub(crate) fn root_decls(&self) -> RootDecls {
        let mut prefixes: Vec<(String, String)> = self
            .ns
            .iter()
            .filter(|(p, _)| *p != "xml")
            .filter_map(|(p, n)| match n {
                Ns::Uri(u) if !u.is_empty() => Some((p.clone(), u.clone())),
                _ => None,
            })
            .collect();
        if self.doc_used && !self.ns.contains_key(&self.doc_prefix) {
            prefixes.push((self.doc_prefix.clone(), ANNOTATIONS_NS.to_owned()));
        }
        RootDecls {
            prefixes,
            default_ns: self.default_ns().cloned(),
        }
    }

    /// A value of `QName` or `NOTATION` must use a declared prefix: its
    /// context is the schema's namespace declarations.
    pub(crate) fn check_value(
        &self,
        lib: &str,
        ty: &str,
        value: &str,
        at: SourceSpan,
    ) -> Result<()> {
        if lib != XSD_NS || !matches!(ty, "QName" | "NOTATION") {
            return Ok(());
        }
        let Some((prefix, _)) = value.trim().split_once(':') else {
            return Ok(());
        };
        match self.ns.get(prefix) {
            Some(Ns::Uri(u)) if !u.is_empty() => Ok(()),
            _ => Err(RncError::BadValue {
                value: value.to_owned(),
                datatype: format!("xsd:{ty}"),
                reason: format!("its prefix `{prefix}` is not declared with `namespace`"),
                span: at,
                src: String::new(),
            }),
        }
    }
}

fn bad_decl(message: String, help: &str, at: SourceSpan) -> RncError {
    RncError::BadDeclaration {
        message,
        help: help.to_owned(),
        span: at,
        src: String::new(),
    }
}

/// Whether `uri` may be a `datatypeLibrary`: empty, or an absolute URI without a fragment.
fn is_datatype_library(uri: &str) -> bool {
    if uri.is_empty() {
        return true;
    }
    let Some((scheme, _)) = uri.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !uri.contains('#')
        && !uri.chars().any(char::is_whitespace)
}

impl Parser {
    /// `namespace`, `default namespace` and `datatypes` declarations.
    pub(super) fn preamble(&mut self) -> Result<()> {
        loop {
            let start = self.here();
            match self.peek() {
                Tok::Keyword("namespace") => {
                    self.next();
                    let prefix = self.identifier_or_keyword()?;
                    self.expect("=")?;
                    let uri = self.namespace_uri()?;
                    self.bind_prefix(prefix, uri, self.decl_span(start))?;
                }
                Tok::Keyword("default") => {
                    self.next();
                    if *self.peek() != Tok::Keyword("namespace") {
                        return Err(self.unexpected("`namespace` after `default`", None));
                    }
                    self.next();
                    let prefix = if self.at("=") {
                        None
                    } else {
                        Some(self.identifier_or_keyword()?)
                    };
                    self.expect("=")?;
                    let uri = self.namespace_uri()?;
                    self.bind_default(prefix, uri, self.decl_span(start))?;
                }
                Tok::Keyword("datatypes") => {
                    self.next();
                    let prefix = self.identifier_or_keyword()?;
                    self.expect("=")?;
                    let (uri, ..) = self.literal()?;
                    self.bind_datatypes(prefix, uri, self.decl_span(start))?;
                }
                _ => break,
            }
        }
        self.env.settle();
        Ok(())
    }

    fn decl_span(&self, start: usize) -> SourceSpan {
        span(start, self.toks[self.pos.saturating_sub(1)].end)
    }

    fn namespace_uri(&mut self) -> Result<Ns> {
        if *self.peek() == Tok::Keyword("inherit") {
            self.next();
            return Ok(Ns::Inherit);
        }
        Ok(Ns::Uri(self.literal()?.0))
    }

    fn declare(&mut self, kind: &'static str, prefix: &str, at: SourceSpan) -> Result<()> {
        if self.env.declared.insert((kind, prefix.to_owned())) {
            return Ok(());
        }
        let what = match kind {
            "default" => "the default namespace is declared twice".to_owned(),
            _ => format!("{kind} prefix `{prefix}` is declared twice"),
        };
        Err(bad_decl(
            what,
            "keep one declaration and remove the other",
            at,
        ))
    }

    fn bind_prefix(&mut self, prefix: String, uri: Ns, at: SourceSpan) -> Result<()> {
        if prefix == "xmlns" {
            return Err(bad_decl(
                "prefix `xmlns` is declared, but XML reserves it for namespace declarations"
                    .to_owned(),
                "choose another prefix",
                at,
            ));
        }
        let is_xml_uri = uri == Ns::Uri(XML_NS.to_owned());
        if prefix == "xml" && !is_xml_uri {
            return Err(bad_decl(
                format!("prefix `xml` is bound to another namespace, expected `{XML_NS}`"),
                "the `xml` prefix is predeclared: remove this declaration",
                at,
            ));
        }
        if prefix != "xml" && is_xml_uri {
            return Err(bad_decl(
                format!("the XML namespace is bound to prefix `{prefix}`, expected only `xml`"),
                "use the predeclared prefix `xml` for this namespace",
                at,
            ));
        }
        self.declare("namespace", &prefix, at)?;
        self.env.ns.insert(prefix, uri);
        Ok(())
    }

    fn bind_default(&mut self, prefix: Option<String>, uri: Ns, at: SourceSpan) -> Result<()> {
        if uri == Ns::Uri(XML_NS.to_owned()) && prefix.as_deref() != Some("xml") {
            return Err(bad_decl(
                "the XML namespace is declared as the default namespace, expected it only with prefix `xml`".to_owned(),
                "element names in the XML namespace take the prefix `xml`",
                at,
            ));
        }
        self.declare("default", "", at)?;
        if let Some(p) = prefix {
            self.bind_prefix(p, uri.clone(), at)?;
        }
        self.env.default = uri;
        Ok(())
    }

    fn bind_datatypes(&mut self, prefix: String, uri: String, at: SourceSpan) -> Result<()> {
        if prefix == "xsd" && uri != XSD_NS {
            return Err(bad_decl(
                format!("datatypes prefix `xsd` is bound to `{uri}`, expected `{XSD_NS}`"),
                "choose another prefix for this library; `xsd` is predeclared",
                at,
            ));
        }
        if !is_datatype_library(&uri) {
            return Err(bad_decl(
                format!("`{uri}` is not a datatype library URI, expected an absolute URI without a fragment"),
                "write the library's full URI, for example `http://www.w3.org/2001/XMLSchema-datatypes`",
                at,
            ));
        }
        self.declare("datatypes", &prefix, at)?;
        self.env.datatypes.insert(prefix, uri);
        Ok(())
    }
}
