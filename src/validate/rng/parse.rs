//! The RELAX NG XML syntax read into a tree of patterns: syntax checks,
//! foreign elements and attributes dropped, `ns`, `datatypeLibrary` and
//! `xml:base` inherited, QNames resolved, `externalRef` and `include` loaded
//! (with their overrides applied), and the short forms of section 4.8 made
//! explicit. These are steps 4.1 to 4.11 of the specification's
//! simplification; the rest is in `simplify`.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::tree::{Node, Tree};

use super::ast::{Combine, Comp, DataP, GrammarP, Loc, Nc, ValueP, P};
use super::datatype::NsMap;
use super::errors::{SchemaError, SchemaLocation};
use super::uri::{is_absolute_uri, resolve_href};
use crate::validate::rnc;

/// The RELAX NG namespace.
pub(crate) const RNG_NS: &str = "http://relaxng.org/ns/structure/1.0";
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns";

/// What a schema element inherits from its ancestors.
#[derive(Clone)]
struct Inh {
    ns: Rc<str>,
    lib: Rc<str>,
    base: Rc<Path>,
}

/// Reads schema files and the documents they reference.
pub(crate) struct Loader {
    /// Every file read, indexed by `Loc::file`.
    pub files: Vec<PathBuf>,
    /// The text of every file read (what `Loc::offset` points into).
    sources: Vec<String>,
    /// Files being read (to refuse loops of references).
    open: Vec<PathBuf>,
}

type Res<T> = Result<T, SchemaError>;

impl Loader {
    /// A loader that has read nothing yet.
    pub(crate) fn new() -> Loader {
        Loader {
            files: Vec::new(),
            sources: Vec::new(),
            open: Vec::new(),
        }
    }

    /// Every file read (the schema first, then what it includes or
    /// references) with the text read from it.
    pub(crate) fn sources(&self) -> Vec<(PathBuf, &str)> {
        self.files
            .iter()
            .cloned()
            .zip(self.sources.iter().map(String::as_str))
            .collect()
    }

    /// The location of `loc` for an error.
    pub(crate) fn location(&self, loc: Loc) -> SchemaLocation {
        let text = self
            .sources
            .get(loc.file as usize)
            .map_or("", String::as_str);
        let (line, column) = line_column(text, loc.offset as usize);
        SchemaLocation {
            file: self
                .files
                .get(loc.file as usize)
                .cloned()
                .unwrap_or_default(),
            line,
            column,
        }
    }

    /// A syntax error at `loc`.
    pub(crate) fn syntax(&self, loc: Loc, message: impl Into<String>) -> SchemaError {
        SchemaError::Syntax {
            location: self.location(loc),
            message: message.into(),
            help: None,
        }
    }

    /// Reads the schema `text` of file `path`.
    pub(crate) fn load_str(&mut self, text: &str, path: &Path) -> Res<P> {
        let inh = Inh {
            ns: Rc::from(""),
            lib: Rc::from(""),
            base: Rc::from(path),
        };
        self.open.push(path.to_path_buf());
        let result = self.document(text, path, &inh);
        self.open.pop();
        result
    }

    fn load_file(&mut self, path: &Path, inh: &Inh, from: Loc) -> Res<P> {
        if self.open.iter().any(|p| p == path) {
            return Err(self.syntax(
                from,
                format!(
                    "`{}` references itself (a loop of includes or externalRefs)",
                    path.display()
                ),
            ));
        }
        let text = crate::files::read_text(path).map_err(|e| SchemaError::Io {
            location: self.location(from),
            message: format!("`{}`: {e}", path.display()),
        })?;
        let inh = Inh {
            base: Rc::from(path),
            ..inh.clone()
        };
        self.open.push(path.to_path_buf());
        let result = self.document(&text.text, path, &inh);
        self.open.pop();
        result
    }

    fn document(&mut self, text: &str, path: &Path, inh: &Inh) -> Res<P> {
        let file = self.files.len() as u32;
        self.files.push(path.to_path_buf());
        self.sources.push(text.to_string());
        let compact = path.extension().is_some_and(|e| e == "rnc");
        let translated = if compact {
            Some(rnc::to_rng(text).map_err(|e| compact_error(path, text, e))?)
        } else {
            None
        };
        let xml = translated.as_ref().map_or(text, |t| t.xml.as_str());
        let doc = Tree::parse(xml).map_err(|e| {
            let (line, column) = line_column(xml, e.offset);
            SchemaError::NotWellFormed {
                location: SchemaLocation {
                    file: path.to_path_buf(),
                    line,
                    column,
                },
                message: format!("{} at {line}:{column}", e.message),
            }
        })?;
        let cx = Cx {
            map: translated.as_ref(),
            file,
        };
        let root = doc.root();
        if !root.is_rng() {
            return Err(self.syntax(cx.loc(root), "the root element is not a RELAX NG pattern"));
        }
        self.pattern(&cx, root, inh)
    }
}

/// The line and column (1-based, the column in characters) of byte
/// `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = text
        .get(start..offset)
        .map_or(offset - start, |s| s.chars().count())
        + 1;
    (line as u32, column as u32)
}

/// An error of the compact reader, located in the `.rnc` file.
fn compact_error(path: &Path, text: &str, error: rnc::RncError) -> SchemaError {
    let (line, column) = line_column(text, error.span().offset());
    SchemaError::Compact {
        location: SchemaLocation {
            file: path.to_path_buf(),
            line,
            column,
        },
        error,
    }
}

/// The document being read: its index in the file table and, for a
/// compact schema, the map from the translated XML back to the `.rnc` text
/// (which positions refer to).
struct Cx<'t> {
    map: Option<&'t rnc::Translated>,
    file: u32,
}

impl Cx<'_> {
    fn loc(&self, node: Node) -> Loc {
        let pos = node.pos();
        let pos = self.map.map_or(pos, |t| t.source_offset(pos));
        Loc {
            file: self.file,
            offset: u32::try_from(pos).unwrap_or(u32::MAX),
        }
    }
}

const PATTERNS: &[&str] = &[
    "element",
    "attribute",
    "group",
    "interleave",
    "choice",
    "optional",
    "zeroOrMore",
    "oneOrMore",
    "list",
    "mixed",
    "ref",
    "parentRef",
    "empty",
    "text",
    "value",
    "data",
    "notAllowed",
    "externalRef",
    "grammar",
];

impl Loader {
    /// The RELAX NG element children of `node` (foreign ones dropped);
    /// text other than white space is an error unless `text_ok`.
    fn children<'a, 't>(
        &self,
        cx: &Cx,
        node: Node<'a, 't>,
        text_ok: bool,
    ) -> Res<Vec<Node<'a, 't>>> {
        if text_ok {
            if let Some(child) = node.children().next() {
                return Err(self.syntax(
                    cx.loc(child),
                    format!("`<{}>` holds only text", node.name()),
                ));
            }
            return Ok(Vec::new());
        }
        if node.has_text() {
            return Err(self.syntax(
                cx.loc(node),
                format!("text is not allowed in `<{}>`", node.name()),
            ));
        }
        Ok(node.children().filter(Node::is_rng).collect())
    }

    /// Checks the attributes of `node` and computes what its children inherit.
    fn attrs(&self, cx: &Cx, node: Node, allowed: &[&str], inh: &Inh) -> Res<Inh> {
        let mut out = inh.clone();
        for a in node.attributes() {
            match a.namespace() {
                None => {
                    let n = a.name();
                    if !allowed.contains(&n) && n != "ns" && n != "datatypeLibrary" {
                        return Err(self.syntax(
                            cx.loc(node),
                            format!("attribute `{n}` is not allowed on `<{}>`", node.name()),
                        ));
                    }
                }
                Some(RNG_NS) => {
                    return Err(self.syntax(
                        cx.loc(node),
                        format!(
                            "attribute `{}` in the RELAX NG namespace is not allowed",
                            a.name()
                        ),
                    ))
                }
                Some(crate::tei::XML_NS) if a.name() == "base" => {
                    let base = resolve_href(&out.base, a.value())
                        .ok_or_else(|| self.syntax(cx.loc(node), "bad `xml:base`"))?;
                    // A base ending in `/` names a folder: resolve against a file in it.
                    out.base = Rc::from(if a.value().ends_with('/') {
                        base.join("_")
                    } else {
                        base
                    });
                }
                Some(_) => {}
            }
        }
        if let Some(ns) = node.attribute("ns") {
            out.ns = Rc::from(ns);
        }
        if let Some(lib) = node.attribute("datatypeLibrary") {
            if !lib.is_empty() && !is_absolute_uri(lib) {
                return Err(self.syntax(
                    cx.loc(node),
                    format!("`datatypeLibrary` must be an absolute URI without a fragment, found `{lib}`"),
                ));
            }
            out.lib = Rc::from(lib);
        }
        Ok(out)
    }

    fn required<'a>(&self, cx: &Cx, node: Node<'a, '_>, name: &str) -> Res<&'a str> {
        node.attribute(name).map(trim).ok_or_else(|| {
            self.syntax(
                cx.loc(node),
                format!("`<{}>` needs a `{name}` attribute", node.name()),
            )
        })
    }

    fn ncname_attr(&self, cx: &Cx, node: Node, name: &str) -> Res<String> {
        let v = self.required(cx, node, name)?;
        if is_ncname(v) {
            Ok(v.to_string())
        } else {
            Err(self.syntax(
                cx.loc(node),
                format!("`{name}` must be an NCName, found `{v}`"),
            ))
        }
    }

    fn no_children(&self, cx: &Cx, node: Node) -> Res<()> {
        if self.children(cx, node, false)?.is_empty() {
            Ok(())
        } else {
            Err(self.syntax(cx.loc(node), format!("`<{}>` must be empty", node.name())))
        }
    }

    /// A pattern element.
    fn pattern(&mut self, cx: &Cx, node: Node, inh: &Inh) -> Res<P> {
        let name = node.name();
        let loc = cx.loc(node);
        if !node.is_rng() || !PATTERNS.contains(&name) {
            return Err(self.syntax(loc, format!("expected a pattern, found `<{name}>`")));
        }
        match name {
            "element" | "attribute" => self.named(cx, node, inh),
            "group" | "interleave" | "choice" | "optional" | "zeroOrMore" | "oneOrMore"
            | "list" | "mixed" => {
                let inh = self.attrs(cx, node, &[], inh)?;
                let ps = self.patterns(cx, node, &inh, 0)?;
                Ok(match name {
                    "group" => P::Group(ps, loc),
                    "interleave" => P::Interleave(ps, loc),
                    "choice" => P::Choice(ps, loc),
                    _ => {
                        let p = Box::new(group_of(ps, loc));
                        match name {
                            "optional" => P::Optional(p),
                            "zeroOrMore" => P::ZeroOrMore(p),
                            "oneOrMore" => P::OneOrMore(p, loc),
                            "list" => P::List(p, loc),
                            _ => P::Mixed(p),
                        }
                    }
                })
            }
            "ref" | "parentRef" => {
                self.attrs(cx, node, &["name"], inh)?;
                let n = self.ncname_attr(cx, node, "name")?;
                self.no_children(cx, node)?;
                Ok(if name == "ref" {
                    P::Ref(n, loc)
                } else {
                    P::ParentRef(n, loc)
                })
            }
            "empty" | "text" | "notAllowed" => {
                self.attrs(cx, node, &[], inh)?;
                self.no_children(cx, node)?;
                Ok(match name {
                    "empty" => P::Empty,
                    "text" => P::Text,
                    _ => P::NotAllowed,
                })
            }
            "value" => self.value(cx, node, inh),
            "data" => self.data(cx, node, inh),
            "externalRef" => self.external_ref(cx, node, inh),
            _ => self.grammar(cx, node, inh).map(|g| P::Grammar(Box::new(g))),
        }
    }

    /// The pattern children of `node` from index `skip` on (at least one).
    fn patterns(&mut self, cx: &Cx, node: Node, inh: &Inh, skip: usize) -> Res<Vec<P>> {
        let kids = self.children(cx, node, false)?;
        if kids.len() <= skip {
            return Err(self.syntax(
                cx.loc(node),
                format!("`<{}>` needs at least one pattern", node.name()),
            ));
        }
        kids[skip..]
            .iter()
            .map(|k| self.pattern(cx, *k, inh))
            .collect()
    }

    fn named(&mut self, cx: &Cx, node: Node, inh: &Inh) -> Res<P> {
        let is_attr = node.name() == "attribute";
        let loc = cx.loc(node);
        let inh = self.attrs(cx, node, &["name"], inh)?;
        let kids = self.children(cx, node, false)?;
        let (nc, skip) = match node.attribute("name") {
            Some(qn) => {
                let default_ns = if is_attr && node.attribute("ns").is_none() {
                    ""
                } else {
                    &*inh.ns
                };
                (self.qname(cx, node, trim(qn), default_ns)?, 0)
            }
            None => {
                let first = kids
                    .first()
                    .ok_or_else(|| self.syntax(loc, "a name class is needed"))?;
                (self.name_class(cx, *first, &inh)?, 1)
            }
        };
        if is_attr {
            check_attribute_nc(&nc).map_err(|m| self.syntax(loc, m))?;
            let content = match kids.len() - skip {
                0 => P::Text,
                1 => self.pattern(cx, kids[skip], &inh)?,
                _ => return Err(self.syntax(loc, "`<attribute>` takes at most one pattern")),
            };
            Ok(P::Attribute(nc, Box::new(content), loc))
        } else {
            let ps = self.patterns(cx, node, &inh, skip)?;
            Ok(P::Element(nc, Box::new(group_of(ps, loc)), loc))
        }
    }

    /// Resolves a QName against the in-scope namespaces of `node`.
    fn qname(&self, cx: &Cx, node: Node, qn: &str, default_ns: &str) -> Res<Nc> {
        match qn.split_once(':') {
            Some((prefix, local)) if is_ncname(prefix) && is_ncname(local) => {
                let ns = if prefix == "xml" {
                    Some(crate::tei::XML_NS)
                } else {
                    node.lookup_namespace(prefix)
                };
                match ns {
                    Some(ns) => Ok(Nc::Name(ns.to_string(), local.to_string())),
                    None => {
                        Err(self.syntax(cx.loc(node), format!("prefix `{prefix}` is not declared")))
                    }
                }
            }
            None if is_ncname(qn) => Ok(Nc::Name(default_ns.to_string(), qn.to_string())),
            _ => Err(self.syntax(cx.loc(node), format!("`{qn}` is not a QName"))),
        }
    }

    fn name_class(&mut self, cx: &Cx, node: Node, inh: &Inh) -> Res<Nc> {
        let loc = cx.loc(node);
        let inh = self.attrs(cx, node, &[], inh)?;
        match node.name() {
            "name" => {
                if !self.children(cx, node, true)?.is_empty() {
                    return Err(self.syntax(loc, "`<name>` holds only a QName"));
                }
                self.qname(cx, node, trim(node.text()), &inh.ns)
            }
            "anyName" => Ok(Nc::Any(self.nc_except(cx, node, &inh)?)),
            "nsName" => Ok(Nc::NsName(
                inh.ns.to_string(),
                self.nc_except(cx, node, &inh)?,
            )),
            "choice" => {
                let kids = self.children(cx, node, false)?;
                if kids.is_empty() {
                    return Err(self.syntax(loc, "`<choice>` needs at least one name class"));
                }
                let ncs = kids
                    .iter()
                    .map(|k| self.name_class(cx, *k, &inh))
                    .collect::<Res<_>>()?;
                Ok(Nc::Choice(ncs))
            }
            other => Err(self.syntax(loc, format!("expected a name class, found `<{other}>`"))),
        }
    }

    fn nc_except(&mut self, cx: &Cx, node: Node, inh: &Inh) -> Res<Option<Box<Nc>>> {
        let kids = self.children(cx, node, false)?;
        let Some(except) = kids.first() else {
            return Ok(None);
        };
        if kids.len() > 1 || except.name() != "except" {
            return Err(self.syntax(cx.loc(node), "only one `<except>` may follow"));
        }
        let inh = self.attrs(cx, *except, &[], inh)?;
        let parts = self.children(cx, *except, false)?;
        if parts.is_empty() {
            return Err(self.syntax(cx.loc(*except), "`<except>` needs a name class"));
        }
        let ncs: Vec<Nc> = parts
            .iter()
            .map(|k| self.name_class(cx, *k, &inh))
            .collect::<Res<_>>()?;
        let is_any = node.name() == "anyName";
        for nc in &ncs {
            if contains_wildcard(nc, is_any) {
                let what = if is_any {
                    "`anyName`"
                } else {
                    "`anyName` or `nsName`"
                };
                return Err(self.syntax(
                    cx.loc(*except),
                    format!("this `<except>` may not contain {what}"),
                ));
            }
        }
        Ok(Some(Box::new(Nc::Choice(ncs))))
    }

    fn value(&mut self, cx: &Cx, node: Node, inh: &Inh) -> Res<P> {
        let loc = cx.loc(node);
        let inh = self.attrs(cx, node, &["type"], inh)?;
        if !self.children(cx, node, true)?.is_empty() {
            return Err(self.syntax(loc, "`<value>` holds only text"));
        }
        let text = node.text().to_string();
        let (lib, name) = match node.attribute("type") {
            Some(t) => (
                inh.lib.to_string(),
                self.ncname_attr(cx, node, "type")
                    .map(|_| trim(t).to_string())?,
            ),
            None => (String::new(), "token".to_string()),
        };
        // Only `QName` and `NOTATION` values read prefixes: keep the
        // namespaces in scope for those alone.
        let ns = if matches!(name.as_str(), "QName" | "NOTATION") {
            NsMap(
                node.namespaces()
                    .into_iter()
                    .map(|(p, u)| (p.to_string(), u.to_string()))
                    .chain(std::iter::once((String::new(), inh.ns.to_string())))
                    .collect(),
            )
        } else {
            NsMap::default()
        };
        Ok(P::Value(Box::new(ValueP {
            lib,
            name,
            text,
            ns,
            loc,
        })))
    }

    fn data(&mut self, cx: &Cx, node: Node, inh: &Inh) -> Res<P> {
        let loc = cx.loc(node);
        let inh = self.attrs(cx, node, &["type"], inh)?;
        let name = self.ncname_attr(cx, node, "type")?;
        let mut params = Vec::new();
        let mut except = None;
        for kid in self.children(cx, node, false)? {
            match kid.name() {
                "param" if except.is_none() => {
                    self.attrs(cx, kid, &["name"], &inh)?;
                    let n = self.ncname_attr(cx, kid, "name")?;
                    if !self.children(cx, kid, true)?.is_empty() {
                        return Err(self.syntax(cx.loc(kid), "`<param>` holds only text"));
                    }
                    params.push((n, kid.text().to_string()));
                }
                "except" if except.is_none() => {
                    let einh = self.attrs(cx, kid, &[], &inh)?;
                    let ps = self.patterns(cx, kid, &einh, 0)?;
                    except = Some(P::Choice(ps, cx.loc(kid)));
                }
                other => {
                    return Err(self.syntax(
                        cx.loc(kid),
                        format!("`<{other}>` is not allowed in `<data>`"),
                    ))
                }
            }
        }
        Ok(P::Data(Box::new(DataP {
            lib: inh.lib.to_string(),
            name,
            params,
            except,
            loc,
        })))
    }

    fn href(&self, cx: &Cx, node: Node, inh: &Inh) -> Res<PathBuf> {
        let href = self.required(cx, node, "href")?;
        if href.contains('#') {
            return Err(self.syntax(
                cx.loc(node),
                format!("`href` may not have a fragment: `{href}`"),
            ));
        }
        resolve_href(&inh.base, href).ok_or_else(|| {
            self.syntax(
                cx.loc(node),
                format!("cannot resolve `{href}` to a local file"),
            )
        })
    }

    fn external_ref(&mut self, cx: &Cx, node: Node, inh: &Inh) -> Res<P> {
        let inh = self.attrs(cx, node, &["href"], inh)?;
        self.no_children(cx, node)?;
        let path = self.href(cx, node, &inh)?;
        self.load_file(&path, &inh, cx.loc(node))
    }

    fn grammar(&mut self, cx: &Cx, node: Node, inh: &Inh) -> Res<GrammarP> {
        let inh = self.attrs(cx, node, &[], inh)?;
        let comps = self.components(cx, node, &inh, true)?;
        Ok(GrammarP {
            comps,
            loc: cx.loc(node),
        })
    }

    fn components(&mut self, cx: &Cx, node: Node, inh: &Inh, include_ok: bool) -> Res<Vec<Comp>> {
        let mut out = Vec::new();
        for kid in self.children(cx, node, false)? {
            let loc = cx.loc(kid);
            let comp = match kid.name() {
                "start" => {
                    let kinh = self.attrs(cx, kid, &["combine"], inh)?;
                    let combine = self.combine(cx, kid)?;
                    let mut ps = self.patterns(cx, kid, &kinh, 0)?;
                    if ps.len() != 1 {
                        return Err(self.syntax(loc, "`<start>` takes exactly one pattern"));
                    }
                    Comp::Start(combine, ps.remove(0), loc)
                }
                "define" => {
                    let kinh = self.attrs(cx, kid, &["name", "combine"], inh)?;
                    let name = self.ncname_attr(cx, kid, "name")?;
                    let combine = self.combine(cx, kid)?;
                    let ps = self.patterns(cx, kid, &kinh, 0)?;
                    Comp::Define(name, combine, group_of(ps, loc), loc)
                }
                "div" => {
                    let kinh = self.attrs(cx, kid, &[], inh)?;
                    Comp::Div(self.components(cx, kid, &kinh, include_ok)?)
                }
                "include" if include_ok => self.include(cx, kid, inh)?,
                other => {
                    return Err(self.syntax(loc, format!("`<{other}>` is not allowed here")));
                }
            };
            out.push(comp);
        }
        Ok(out)
    }

    fn combine(&self, cx: &Cx, node: Node) -> Res<Option<Combine>> {
        match node.attribute("combine").map(trim) {
            None => Ok(None),
            Some("choice") => Ok(Some(Combine::Choice)),
            Some("interleave") => Ok(Some(Combine::Interleave)),
            Some(other) => Err(self.syntax(
                cx.loc(node),
                format!("`combine` must be `choice` or `interleave`, found `{other}`"),
            )),
        }
    }

    fn include(&mut self, cx: &Cx, node: Node, inh: &Inh) -> Res<Comp> {
        let loc = cx.loc(node);
        let inh = self.attrs(cx, node, &["href"], inh)?;
        let path = self.href(cx, node, &inh)?;
        let overrides = self.components(cx, node, &inh, false)?;
        let P::Grammar(g) = self.load_file(&path, &inh, loc)? else {
            return Err(self.syntax(loc, format!("`{}` is not a grammar", path.display())));
        };
        let mut comps = g.comps;
        let mut names = Vec::new();
        let mut start = false;
        override_names(&overrides, &mut start, &mut names);
        if start && !remove_start(&mut comps) {
            return Err(self.syntax(loc, "the included grammar has no `<start>` to override"));
        }
        for name in &names {
            if !remove_define(&mut comps, name) {
                return Err(self.syntax(
                    loc,
                    format!("the included grammar has no definition `{name}` to override"),
                ));
            }
        }
        Ok(Comp::Div(vec![Comp::Div(comps), Comp::Div(overrides)]))
    }
}

fn override_names(comps: &[Comp], start: &mut bool, names: &mut Vec<String>) {
    for c in comps {
        match c {
            Comp::Start(..) => *start = true,
            Comp::Define(n, ..) => {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
            Comp::Div(inner) => override_names(inner, start, names),
        }
    }
}

fn remove_start(comps: &mut Vec<Comp>) -> bool {
    let before = comps.len();
    comps.retain(|c| !matches!(c, Comp::Start(..)));
    let mut found = comps.len() != before;
    for c in comps.iter_mut() {
        if let Comp::Div(inner) = c {
            found |= remove_start(inner);
        }
    }
    found
}

fn remove_define(comps: &mut Vec<Comp>, name: &str) -> bool {
    let before = comps.len();
    comps.retain(|c| !matches!(c, Comp::Define(n, ..) if n == name));
    let mut found = comps.len() != before;
    for c in comps.iter_mut() {
        if let Comp::Div(inner) = c {
            found |= remove_define(inner, name);
        }
    }
    found
}

/// One pattern, or a `group` of several.
fn group_of(mut ps: Vec<P>, loc: Loc) -> P {
    if ps.len() == 1 {
        ps.remove(0)
    } else {
        P::Group(ps, loc)
    }
}

fn contains_wildcard(nc: &Nc, any_only: bool) -> bool {
    match nc {
        Nc::Any(_) => true,
        Nc::NsName(..) => !any_only,
        Nc::Name(..) => false,
        Nc::Choice(v) => v.iter().any(|n| contains_wildcard(n, any_only)),
    }
}

/// Section 4.16: attribute names may not be `xmlns` or in the xmlns namespace.
fn check_attribute_nc(nc: &Nc) -> Result<(), String> {
    match nc {
        Nc::Name(ns, local) if ns.is_empty() && local == "xmlns" => {
            Err("an attribute may not be named `xmlns`".into())
        }
        Nc::Name(ns, _) | Nc::NsName(ns, _) if ns == XMLNS_NS => {
            Err("an attribute may not be in the `xmlns` namespace".into())
        }
        Nc::Choice(v) => v.iter().try_for_each(check_attribute_nc),
        Nc::Any(Some(e)) | Nc::NsName(_, Some(e)) => check_attribute_nc(e),
        _ => Ok(()),
    }
}

fn trim(s: &str) -> &str {
    s.trim_matches(super::datatype::is_xml_space)
}

/// Whether `s` is an XML NCName (XML Schema's `NCName`).
pub(crate) fn is_ncname(s: &str) -> bool {
    // Nearly every name in a schema is ASCII: decide those without the
    // datatype machinery.
    let b = s.as_bytes();
    if b.is_ascii() {
        let start = |c: u8| c.is_ascii_alphabetic() || c == b'_';
        let rest = |c: u8| start(c) || c.is_ascii_digit() || c == b'-' || c == b'.';
        return b.first().is_some_and(|&c| start(c)) && b[1..].iter().all(|&c| rest(c));
    }
    static NCNAME: std::sync::OnceLock<Option<crate::validate::xsd::Datatype>> =
        std::sync::OnceLock::new();
    let dt = NCNAME.get_or_init(|| crate::validate::xsd::Datatype::new("NCName", &[]).ok());
    !s.is_empty()
        && !s.contains(super::datatype::is_xml_space)
        && dt.as_ref().is_some_and(|d| d.allows(s, &NsMap::default()))
}
