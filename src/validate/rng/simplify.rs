//! Simplification, steps 4.12 to 4.21 of the specification: grammars and
//! their `combine`d components resolved to one table of definitions, nested
//! grammars and `parentRef` flattened, short forms (`optional`,
//! `zeroOrMore`, `mixed`, many children) expanded, references to
//! definitions that are not elements expanded (refusing loops that pass no
//! element), every element in a definition of its own, and the
//! `notAllowed`/`empty` rules applied as patterns are interned.

use super::ast::{Combine, Comp, DataP, GrammarP, Loc, Nc, ValueP, P};
use super::datatype::{Dt, DtError, DtValue};
use super::errors::SchemaError;
use super::parse::Loader;
use super::schema::{
    self as s, DtSpec, ElementDef, FxMap, Grammar, NameClass, NameClasses, Pat, PatId, Patterns,
    Store, ValueDef,
};

type Res<T> = Result<T, SchemaError>;

/// A datatype's library, name and parameters.
type DtKey<'a> = (&'a str, &'a str, &'a [(String, String)]);

/// A value's datatype, text and (for `QName` and `NOTATION`) namespaces.
type ValueKey<'a> = (u32, &'a str, &'a [(String, String)]);

/// One definition (or a grammar's start) and the scope it belongs to.
struct Def<'a> {
    name: String,
    parts: Vec<(Option<Combine>, &'a P, Loc)>,
    scope: usize,
}

/// The definitions of one grammar.
struct Scope {
    defs: FxMap<String, usize>,
    start: Option<usize>,
    parent: Option<usize>,
    loc: Loc,
}

enum State {
    Todo,
    Busy,
    Done(PatId),
}

/// Builds the simplified schema from the tree of patterns.
pub(crate) struct Simplifier<'a, 'l> {
    loader: &'l Loader,
    scopes: Vec<Scope>,
    grammar_scope: FxMap<usize, usize>,
    defs: Vec<Def<'a>>,
    states: Vec<State>,
    pending: Vec<(usize, &'a P, Option<usize>)>,
    pats: Patterns,
    ncs: NameClasses,
    elements: Vec<ElementDef>,
    dts: Vec<Dt>,
    dt_keys: FxMap<DtKey<'a>, u32>,
    values: Vec<ValueDef>,
    value_keys: FxMap<ValueKey<'a>, u32>,
    /// Name classes of one name, shared by every pattern with that name.
    names: FxMap<(&'a str, &'a str), u32>,
    /// Where each element and attribute pattern was written.
    pub locs: FxMap<PatId, Loc>,
    /// Where each element definition was written.
    pub element_locs: Vec<Loc>,
}

impl<'a, 'l> Simplifier<'a, 'l> {
    /// A simplifier reporting errors through `loader`'s file table.
    pub(crate) fn new(loader: &'l Loader) -> Self {
        Simplifier {
            loader,
            scopes: Vec::new(),
            grammar_scope: FxMap::default(),
            defs: Vec::new(),
            states: Vec::new(),
            pending: Vec::new(),
            pats: Patterns::new(),
            ncs: NameClasses::default(),
            elements: Vec::new(),
            dts: Vec::new(),
            dt_keys: FxMap::default(),
            values: Vec::new(),
            value_keys: FxMap::default(),
            names: FxMap::default(),
            locs: FxMap::default(),
            element_locs: Vec::new(),
        }
    }

    /// Simplifies `root` into a grammar.
    pub(crate) fn run(mut self, root: &'a P) -> Res<(Grammar, FxMap<PatId, Loc>, Vec<Loc>)> {
        self.scan(root, None)?;
        let start = self.conv(root, None)?;
        while let Some((slot, p, scope)) = self.pending.pop() {
            let content = self.conv(p, scope)?;
            self.elements[slot].content = content;
        }
        let main_ns = main_namespace(&self.ncs, &self.elements);
        let g = Grammar {
            pats: self.pats,
            start,
            ncs: self.ncs,
            elements: self.elements,
            dts: self.dts,
            dt_specs: dt_specs(self.dt_keys),
            values: self.values,
            main_ns,
        };
        Ok((g, self.locs, self.element_locs))
    }

    fn err(&self, loc: Loc, m: impl Into<String>) -> SchemaError {
        self.loader.syntax(loc, m)
    }

    /// Finds every grammar under `p`, building its scope.
    fn scan(&mut self, p: &'a P, scope: Option<usize>) -> Res<()> {
        match p {
            P::Element(_, c, _) | P::Attribute(_, c, _) => self.scan(c, scope),
            P::Group(v, _) | P::Interleave(v, _) | P::Choice(v, _) => {
                v.iter().try_for_each(|c| self.scan(c, scope))
            }
            P::Optional(c)
            | P::ZeroOrMore(c)
            | P::OneOrMore(c, _)
            | P::List(c, _)
            | P::Mixed(c) => self.scan(c, scope),
            P::Data(d) => {
                self.datatype(&d.lib, &d.name, &d.params, d.loc)?;
                d.except.as_ref().map_or(Ok(()), |e| self.scan(e, scope))
            }
            P::Value(v) => self.value(v).map(|_| ()),
            P::Grammar(g) => self.scan_grammar(g, scope),
            P::Ref(name, loc) => match scope {
                None => Err(self.err(*loc, format!("`<ref name=\"{name}\">` outside a grammar"))),
                Some(_) => Ok(()),
            },
            P::ParentRef(name, loc) => match scope.and_then(|s| self.scopes[s].parent) {
                None => Err(self.err(
                    *loc,
                    format!("`<parentRef name=\"{name}\">` has no parent grammar"),
                )),
                Some(_) => Ok(()),
            },
            P::Empty | P::Text | P::NotAllowed => Ok(()),
        }
    }

    fn scan_grammar(&mut self, g: &'a GrammarP, parent: Option<usize>) -> Res<()> {
        let id = self.scopes.len();
        self.scopes.push(Scope {
            defs: FxMap::default(),
            start: None,
            parent,
            loc: g.loc,
        });
        self.grammar_scope.insert(g as *const GrammarP as usize, id);
        let mut starts = Vec::new();
        let mut defines = Defines::default();
        collect(&g.comps, &mut starts, &mut defines);
        if starts.is_empty() {
            return Err(self.err(g.loc, "a grammar needs a `<start>`"));
        }
        self.check_combine("start", &starts)?;
        let d = self.add_def("start".into(), starts, id);
        self.scopes[id].start = Some(d);
        for (name, parts) in defines.list {
            self.check_combine(name, &parts)?;
            let d = self.add_def(name.to_string(), parts, id);
            self.scopes[id].defs.insert(name.to_string(), d);
        }
        let bodies: Vec<&'a P> = self
            .defs
            .iter()
            .filter(|d| d.scope == id)
            .flat_map(|d| d.parts.iter().map(|p| p.1))
            .collect();
        for body in bodies {
            self.scan(body, Some(id))?;
        }
        self.check_refs(id)
    }

    fn add_def(
        &mut self,
        name: String,
        parts: Vec<(Option<Combine>, &'a P, Loc)>,
        scope: usize,
    ) -> usize {
        self.defs.push(Def { name, parts, scope });
        self.states.push(State::Todo);
        self.defs.len() - 1
    }

    /// Section 4.17: at most one component without `combine`, one method.
    fn check_combine(&self, name: &str, parts: &[(Option<Combine>, &'a P, Loc)]) -> Res<()> {
        let bare: Vec<_> = parts.iter().filter(|p| p.0.is_none()).collect();
        if bare.len() > 1 {
            return Err(self.err(
                bare[1].2,
                format!("`{name}` is defined twice without `combine`"),
            ));
        }
        let mut methods = parts.iter().filter_map(|p| p.0.map(|c| (c, p.2)));
        if let Some((first, _)) = methods.next() {
            if let Some((_, loc)) = methods.find(|(c, _)| *c != first) {
                return Err(self.err(
                    loc,
                    format!("`{name}` is combined by both `choice` and `interleave`"),
                ));
            }
        }
        Ok(())
    }

    /// Every `ref` and `parentRef` in the grammar's own patterns resolves.
    fn check_refs(&self, scope: usize) -> Res<()> {
        for d in self.defs.iter().filter(|d| d.scope == scope) {
            for (_, body, _) in &d.parts {
                self.check_refs_in(body, scope)?;
            }
        }
        Ok(())
    }

    fn check_refs_in(&self, p: &P, scope: usize) -> Res<()> {
        match p {
            P::Element(_, c, _) | P::Attribute(_, c, _) => self.check_refs_in(c, scope),
            P::Group(v, _) | P::Interleave(v, _) | P::Choice(v, _) => {
                v.iter().try_for_each(|c| self.check_refs_in(c, scope))
            }
            P::Optional(c)
            | P::ZeroOrMore(c)
            | P::OneOrMore(c, _)
            | P::List(c, _)
            | P::Mixed(c) => self.check_refs_in(c, scope),
            P::Data(d) => d
                .except
                .as_ref()
                .map_or(Ok(()), |e| self.check_refs_in(e, scope)),
            P::Ref(name, loc) => self.lookup(scope, name, *loc).map(|_| ()),
            P::ParentRef(name, loc) => {
                let parent = self.scopes[scope]
                    .parent
                    .ok_or_else(|| self.err(*loc, "no parent grammar"))?;
                self.lookup(parent, name, *loc).map(|_| ())
            }
            P::Grammar(_) | P::Empty | P::Text | P::NotAllowed | P::Value(_) => Ok(()),
        }
    }

    fn lookup(&self, scope: usize, name: &str, loc: Loc) -> Res<usize> {
        self.scopes[scope].defs.get(name).copied().ok_or_else(|| {
            let g = self.loader.location(self.scopes[scope].loc);
            SchemaError::Syntax {
                location: self.loader.location(loc),
                message: format!(
                    "no definition `{name}` in the grammar at {}:{}",
                    g.line, g.column
                ),
                help: None,
            }
        })
    }

    /// The pattern of definition `d`, computed once.
    fn def_pattern(&mut self, d: usize, loc: Loc) -> Res<PatId> {
        match self.states[d] {
            State::Done(id) => return Ok(id),
            State::Busy => {
                let name = self.defs[d].name.clone();
                return Err(self.err(
                    loc,
                    format!("`{name}` refers to itself without an element in between"),
                ));
            }
            State::Todo => {}
        }
        self.states[d] = State::Busy;
        let scope = Some(self.defs[d].scope);
        let parts = &self.defs[d].parts;
        let method = parts.iter().find_map(|p| p.0).unwrap_or(Combine::Choice);
        let mut ids = Vec::with_capacity(parts.len());
        for i in 0..parts.len() {
            let body = self.defs[d].parts[i].1;
            ids.push(self.conv(body, scope)?);
        }
        let id = match method {
            Combine::Choice => s::choice_all(&mut self.pats, &ids),
            Combine::Interleave => ids
                .into_iter()
                .reduce(|a, b| s::interleave(&mut self.pats, a, b))
                .unwrap_or(s::NOT_ALLOWED),
        };
        self.states[d] = State::Done(id);
        Ok(id)
    }

    fn conv(&mut self, p: &'a P, scope: Option<usize>) -> Res<PatId> {
        let id = match p {
            P::Empty => s::EMPTY,
            P::Text => s::TEXT,
            P::NotAllowed => s::NOT_ALLOWED,
            P::Element(nc, content, loc) => {
                let nc = self.name_class(nc);
                let slot = self.elements.len();
                self.elements.push(ElementDef {
                    nc,
                    content: s::NOT_ALLOWED,
                });
                self.element_locs.push(*loc);
                self.pending.push((slot, content, scope));
                let id = self.pats.intern(Pat::Element(slot as u32));
                self.locs.insert(id, *loc);
                id
            }
            P::Attribute(nc, content, loc) => {
                let nc = self.name_class(nc);
                let c = self.conv(content, scope)?;
                let id = s::attribute(&mut self.pats, nc, c);
                self.locs.entry(id).or_insert(*loc);
                id
            }
            P::Choice(v, loc) => {
                let alts = v
                    .iter()
                    .map(|c| self.conv(c, scope))
                    .collect::<Res<Vec<_>>>()?;
                let id = s::choice_all(&mut self.pats, &alts);
                self.locs.entry(id).or_insert(*loc);
                id
            }
            P::Group(v, loc) | P::Interleave(v, loc) => {
                let mut acc: Option<PatId> = None;
                for c in v {
                    let id = self.conv(c, scope)?;
                    acc = Some(match (acc, p) {
                        (None, _) => id,
                        (Some(a), P::Group(..)) => s::group(&mut self.pats, a, id),
                        (Some(a), _) => s::interleave(&mut self.pats, a, id),
                    });
                }
                let id = acc.unwrap_or(s::NOT_ALLOWED);
                self.locs.entry(id).or_insert(*loc);
                id
            }
            P::Optional(c) => {
                let c = self.conv(c, scope)?;
                s::choice(&mut self.pats, c, s::EMPTY)
            }
            P::ZeroOrMore(c) => {
                let c = self.conv(c, scope)?;
                let m = s::one_or_more(&mut self.pats, c);
                s::choice(&mut self.pats, m, s::EMPTY)
            }
            P::OneOrMore(c, loc) => {
                let c = self.conv(c, scope)?;
                let id = s::one_or_more(&mut self.pats, c);
                self.locs.entry(id).or_insert(*loc);
                id
            }
            P::List(c, loc) => {
                let c = self.conv(c, scope)?;
                let id = s::list(&mut self.pats, c);
                self.locs.entry(id).or_insert(*loc);
                id
            }
            P::Mixed(c) => {
                let c = self.conv(c, scope)?;
                s::interleave(&mut self.pats, c, s::TEXT)
            }
            P::Ref(name, loc) => {
                let sc = scope.ok_or_else(|| self.err(*loc, "`ref` outside a grammar"))?;
                let d = self.lookup(sc, name, *loc)?;
                self.def_pattern(d, *loc)?
            }
            P::ParentRef(name, loc) => {
                let sc = scope.and_then(|s| self.scopes[s].parent);
                let sc =
                    sc.ok_or_else(|| self.err(*loc, "`parentRef` without a parent grammar"))?;
                let d = self.lookup(sc, name, *loc)?;
                self.def_pattern(d, *loc)?
            }
            P::Data(d) => self.data(d, scope)?,
            P::Value(v) => self.value(v)?,
            P::Grammar(g) => {
                let sc = self.grammar_scope[&(&**g as *const GrammarP as usize)];
                let d = self.scopes[sc].start.unwrap_or_default();
                self.def_pattern(d, g.loc)?
            }
        };
        Ok(id)
    }

    fn name_class(&mut self, nc: &'a Nc) -> u32 {
        let n = match nc {
            Nc::Name(ns, l) => {
                if let Some(&id) = self.names.get(&(ns.as_str(), l.as_str())) {
                    return id;
                }
                let id = self.ncs.add(NameClass::Name(ns.clone(), l.clone()));
                self.names.insert((ns, l), id);
                return id;
            }
            Nc::Any(e) => NameClass::Any(e.as_ref().map(|e| self.name_class(e))),
            Nc::NsName(ns, e) => {
                NameClass::NsName(ns.clone(), e.as_ref().map(|e| self.name_class(e)))
            }
            Nc::Choice(v) => {
                let mut ids: Vec<u32> = v.iter().map(|c| self.name_class(c)).collect();
                let mut acc = ids.pop().unwrap_or_default();
                while let Some(prev) = ids.pop() {
                    acc = self.ncs.add(NameClass::Choice(prev, acc));
                }
                return acc;
            }
        };
        self.ncs.add(n)
    }

    fn datatype(
        &mut self,
        lib: &'a str,
        name: &'a str,
        params: &'a [(String, String)],
        loc: Loc,
    ) -> Res<u32> {
        let key = (lib, name, params);
        if let Some(i) = self.dt_keys.get(&key) {
            return Ok(*i);
        }
        let dt = Dt::new(lib, name, params).map_err(|e| {
            let message = match e {
                DtError::UnknownLibrary => format!("unknown datatype library `{lib}`"),
                DtError::UnknownType => format!("unknown datatype `{name}` in library `{lib}`"),
                DtError::ParamsNotAllowed => format!("datatype `{name}` takes no parameters"),
                DtError::Xsd(e) => format!("datatype `{name}`: {e}"),
            };
            SchemaError::Datatype {
                location: self.loader.location(loc),
                message,
            }
        })?;
        self.dts.push(dt);
        let i = (self.dts.len() - 1) as u32;
        self.dt_keys.insert(key, i);
        Ok(i)
    }

    fn data(&mut self, d: &'a DataP, scope: Option<usize>) -> Res<PatId> {
        let dt = self.datatype(&d.lib, &d.name, &d.params, d.loc)?;
        let except = match &d.except {
            Some(e) => self.conv(e, scope)?,
            None => s::NOT_ALLOWED,
        };
        let id = self.pats.intern(Pat::Data(dt, except));
        self.locs.entry(id).or_insert(d.loc);
        Ok(id)
    }

    fn value(&mut self, v: &'a ValueP) -> Res<PatId> {
        let dt = self.datatype(&v.lib, &v.name, &[], v.loc)?;
        // Only `QName` and `NOTATION` values carry their namespaces.
        let key = (dt, v.text.as_str(), v.ns.0.as_slice());
        let idx = match self.value_keys.get(&key) {
            Some(i) => *i,
            None => {
                let value: DtValue =
                    self.dts[dt as usize].value(&v.text, &v.ns).ok_or_else(|| {
                        SchemaError::Datatype {
                            location: self.loader.location(v.loc),
                            message: format!("`{}` is not a valid `{}`", v.text, v.name),
                        }
                    })?;
                self.values.push(ValueDef {
                    dt,
                    lexical: v.text.clone(),
                    value,
                    ns: v.ns.clone(),
                });
                let i = (self.values.len() - 1) as u32;
                self.value_keys.insert(key, i);
                i
            }
        };
        let id = self.pats.intern(Pat::Value(idx));
        self.locs.entry(id).or_insert(v.loc);
        Ok(id)
    }
}

/// The library, name and params of each datatype, by index.
fn dt_specs(keys: FxMap<DtKey, u32>) -> Vec<DtSpec> {
    let mut specs: Vec<(u32, DtKey)> = keys.into_iter().map(|(k, i)| (i, k)).collect();
    specs.sort_unstable_by_key(|(i, _)| *i);
    specs
        .into_iter()
        .map(|(_, (lib, name, params))| (lib.to_string(), name.to_string(), params.to_vec()))
        .collect()
}

type Parts<'a> = Vec<(Option<Combine>, &'a P, Loc)>;

/// The definitions of a grammar, in the order they are first defined.
#[derive(Default)]
struct Defines<'a> {
    list: Vec<(&'a str, Parts<'a>)>,
    index: FxMap<&'a str, usize>,
}

fn collect<'a>(comps: &'a [Comp], starts: &mut Parts<'a>, defines: &mut Defines<'a>) {
    for c in comps {
        match c {
            Comp::Start(comb, p, loc) => starts.push((*comb, p, *loc)),
            Comp::Define(name, comb, p, loc) => match defines.index.get(name.as_str()) {
                Some(&i) => defines.list[i].1.push((*comb, p, *loc)),
                None => {
                    defines.index.insert(name, defines.list.len());
                    defines.list.push((name, vec![(*comb, p, *loc)]));
                }
            },
            Comp::Div(inner) => collect(inner, starts, defines),
        }
    }
}

/// The namespace most element names use (for short names in messages).
fn main_namespace(ncs: &NameClasses, elements: &[ElementDef]) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for e in elements {
        if let NameClass::Name(ns, _) = ncs.get(e.nc) {
            *counts.entry(ns.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(ns, _)| ns.to_string())
        .unwrap_or_default()
}
