//! The restrictions of section 7 of the specification, checked on the
//! simplified schema: prohibited paths (7.1), string sequences and content
//! types (7.2), attribute duplicates and wildcards (7.3), and `interleave`
//! (7.4).

use std::rc::Rc;

use super::ast::Loc;
use super::errors::SchemaError;
use super::parse::Loader;
use super::schema::{FxMap, Grammar, Pat, PatId, Store, NOT_ALLOWED};

const ATTR: u8 = 1;
const OOM: u8 = 2;
const OOM_GROUP: u8 = 4;
const LIST: u8 = 8;
const EXCEPT: u8 = 16;

/// A content type (section 7.2), ordered empty < complex < simple.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ct {
    Empty,
    Complex,
    Simple,
}

/// The attribute name classes a pattern holds outside elements (for 7.3),
/// or its element name classes and whether it holds text (for 7.4).
#[derive(Default)]
struct Parts {
    names: Vec<u32>,
    text: bool,
}

/// Which [`Parts`] of a pattern: attributes, or elements and text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    Attrs,
    Elems,
}

struct Checker<'g, 'l> {
    g: &'g Grammar,
    loader: &'l Loader,
    locs: &'g FxMap<PatId, Loc>,
    /// Per pattern, the contexts of [`Checker::paths`] already checked
    /// (bit `cx`).
    seen: Vec<u32>,
    /// Per pattern, its attributes and its elements and text.
    parts: Vec<[Option<Rc<Parts>>; 2]>,
    none: Rc<Parts>,
    checked: Vec<bool>,
    /// Per pattern, its content type once computed.
    content_types: Vec<Option<Option<Ct>>>,
    /// Per name class, the stamp of the last [`Checker::any_overlap`] that
    /// saw it as a single name on its first side.
    marks: Vec<u32>,
    stamp: u32,
    here: Loc,
}

/// Checks the restrictions of section 7 on every element reachable from
/// the start.
pub(crate) fn check(
    g: &Grammar,
    loader: &Loader,
    locs: &FxMap<PatId, Loc>,
    element_locs: &[Loc],
) -> Result<(), SchemaError> {
    let n = g.pats.len();
    let mut c = Checker {
        g,
        loader,
        locs,
        seen: vec![0; n],
        parts: vec![[None, None]; n],
        none: Rc::default(),
        checked: vec![false; n],
        content_types: vec![None; n],
        marks: Vec::new(),
        stamp: 0,
        here: Loc::default(),
    };
    c.here = locs.get(&g.start).copied().unwrap_or_default();
    c.start(g.start)?;
    let mut todo = Vec::new();
    let mut seen = vec![false; g.pats.len()];
    let mut done = vec![false; g.elements.len()];
    reachable_elements(g, g.start, &mut seen, &mut todo);
    while let Some(slot) = todo.pop() {
        if std::mem::replace(&mut done[slot as usize], true) {
            continue;
        }
        let content = g.elements[slot as usize].content;
        c.here = element_locs.get(slot as usize).copied().unwrap_or_default();
        c.paths(content, 0)?;
        if c.content_type(content).is_none() {
            return Err(c.err(
                "the element's content mixes data with elements or text, or repeats data (section 7.2)",
            ));
        }
        c.duplicates(content)?;
        reachable_elements(g, content, &mut seen, &mut todo);
    }
    Ok(())
}

/// The element slots that `p` refers to outside other elements.
fn reachable_elements(g: &Grammar, p: PatId, seen: &mut [bool], out: &mut Vec<u32>) {
    let mut stack = vec![p];
    while let Some(p) = stack.pop() {
        match seen.get_mut(p as usize) {
            Some(s) if !*s => *s = true,
            _ => continue,
        }
        match g.pats.get(p) {
            Pat::Element(slot) => out.push(slot),
            Pat::Choice(a, b) | Pat::Group(a, b) | Pat::Interleave(a, b) | Pat::After(a, b) => {
                stack.push(a);
                stack.push(b);
            }
            Pat::OneOrMore(a) | Pat::List(a) | Pat::Attribute(_, a) | Pat::Data(_, a) => {
                stack.push(a)
            }
            _ => {}
        }
    }
}

impl Checker<'_, '_> {
    fn err(&self, m: &str) -> SchemaError {
        SchemaError::Restriction {
            location: self.loader.location(self.here),
            message: m.to_string(),
        }
    }

    fn at(&mut self, p: PatId) {
        if let Some(l) = self.locs.get(&p) {
            self.here = *l;
        }
    }

    /// 7.1.5: the start is a choice of elements.
    fn start(&mut self, p: PatId) -> Result<(), SchemaError> {
        match self.g.pats.get(p) {
            Pat::Choice(a, b) => {
                self.start(a)?;
                self.start(b)
            }
            Pat::Element(_) | Pat::NotAllowed => Ok(()),
            _ => {
                self.at(p);
                Err(self.err("the start pattern may only hold elements (section 7.1.5)"))
            }
        }
    }

    /// 7.1.1 to 7.1.4 and the wildcard rule of 7.3.
    fn paths(&mut self, p: PatId, cx: u8) -> Result<(), SchemaError> {
        if let Some(seen) = self.seen.get_mut(p as usize) {
            let bit = 1 << cx;
            if *seen & bit != 0 {
                return Ok(());
            }
            *seen |= bit;
        }
        let pat = self.g.pats.get(p);
        let bad = |m: u8| cx & m != 0;
        let fail = match pat {
            Pat::Attribute(..) => bad(ATTR | OOM_GROUP | LIST | EXCEPT),
            Pat::Element(_) => bad(ATTR | LIST | EXCEPT),
            Pat::Text | Pat::List(_) | Pat::Interleave(..) => bad(LIST | EXCEPT),
            Pat::Group(..) | Pat::OneOrMore(_) | Pat::Empty => bad(EXCEPT),
            _ => false,
        };
        let fail = fail
            || (matches!(pat, Pat::List(_)) && bad(LIST))
            || (matches!(pat, Pat::Interleave(..)) && bad(LIST));
        if fail {
            self.at(p);
            return Err(self.err(&format!(
                "{} is not allowed here (section 7.1)",
                describe(pat)
            )));
        }
        match pat {
            Pat::Attribute(nc, v) => {
                if self.g.ncs.is_infinite(nc) && cx & OOM == 0 {
                    self.at(p);
                    return Err(self.err("an attribute with `anyName` or `nsName` must be repeated by `oneOrMore` (section 7.3)"));
                }
                self.paths(v, cx | ATTR)
            }
            Pat::Choice(a, b) => {
                self.paths(a, cx)?;
                self.paths(b, cx)
            }
            Pat::Group(a, b) | Pat::Interleave(a, b) => {
                let cx = if cx & OOM != 0 { cx | OOM_GROUP } else { cx };
                self.paths(a, cx)?;
                self.paths(b, cx)
            }
            Pat::OneOrMore(a) => self.paths(a, cx | OOM),
            Pat::List(a) => self.paths(a, cx | LIST),
            Pat::Data(_, e) if e != NOT_ALLOWED => self.paths(e, cx | EXCEPT),
            _ => Ok(()),
        }
    }

    fn content_type(&mut self, p: PatId) -> Option<Ct> {
        if let Some(Some(ct)) = self.content_types.get(p as usize) {
            return *ct;
        }
        let ct = self.content_type_uncached(p);
        if let Some(slot) = self.content_types.get_mut(p as usize) {
            *slot = Some(ct);
        }
        ct
    }

    fn content_type_uncached(&mut self, p: PatId) -> Option<Ct> {
        let groupable = |a: Ct, b: Ct| {
            a == Ct::Empty || b == Ct::Empty || (a == Ct::Complex && b == Ct::Complex)
        };
        match self.g.pats.get(p) {
            Pat::Empty | Pat::NotAllowed | Pat::Attribute(..) => Some(Ct::Empty),
            Pat::Text | Pat::Element(_) => Some(Ct::Complex),
            Pat::Data(..) | Pat::Value(_) | Pat::List(_) => Some(Ct::Simple),
            Pat::Choice(a, b) => Some(self.content_type(a)?.max(self.content_type(b)?)),
            Pat::Group(a, b) | Pat::Interleave(a, b) => {
                let (x, y) = (self.content_type(a)?, self.content_type(b)?);
                groupable(x, y).then_some(x.max(y))
            }
            Pat::OneOrMore(a) => {
                let x = self.content_type(a)?;
                groupable(x, x).then_some(x)
            }
            Pat::After(..) => None,
        }
    }

    /// 7.3 and 7.4: no attribute twice in a group or interleave, no element
    /// name and no text on both sides of an interleave.
    fn duplicates(&mut self, p: PatId) -> Result<(), SchemaError> {
        if let Some(done) = self.checked.get_mut(p as usize) {
            if std::mem::replace(done, true) {
                return Ok(());
            }
        }
        match self.g.pats.get(p) {
            Pat::Group(a, b) | Pat::Interleave(a, b) => {
                self.duplicates(a)?;
                self.duplicates(b)?;
                self.no_overlap(p, a, b)
            }
            Pat::Choice(a, b) => {
                self.duplicates(a)?;
                self.duplicates(b)
            }
            Pat::OneOrMore(a) => self.duplicates(a),
            _ => Ok(()),
        }
    }

    /// The checks of [`Checker::duplicates`] for the two sides of group or
    /// interleave `p`; elements and text are only gathered for interleave.
    fn no_overlap(&mut self, p: PatId, a: PatId, b: PatId) -> Result<(), SchemaError> {
        let (x, y) = (self.parts_of(a, Side::Attrs), self.parts_of(b, Side::Attrs));
        if self.any_overlap(&x.names, &y.names) {
            self.at(p);
            return Err(self.err("the same attribute may occur twice (section 7.3)"));
        }
        if !matches!(self.g.pats.get(p), Pat::Interleave(..)) {
            return Ok(());
        }
        let (x, y) = (self.parts_of(a, Side::Elems), self.parts_of(b, Side::Elems));
        if self.any_overlap(&x.names, &y.names) {
            self.at(p);
            return Err(
                self.err("an element name occurs on both sides of `interleave` (section 7.4)")
            );
        }
        if x.text && y.text {
            self.at(p);
            return Err(self.err("`text` occurs on both sides of `interleave` (section 7.4)"));
        }
        Ok(())
    }

    /// Whether a name is in a name class of `xs` and one of `ys`. Name
    /// classes of one name are shared (equal names, equal ids), so single
    /// names are compared by id, with marks instead of a set per call.
    fn any_overlap(&mut self, xs: &[u32], ys: &[u32]) -> bool {
        if xs.is_empty() || ys.is_empty() {
            return false;
        }
        let ncs = &self.g.ncs;
        self.stamp += 1;
        let stamp = self.stamp;
        let mut wild = Vec::new();
        for &x in xs {
            if ncs.single(x).is_some() {
                let i = x as usize;
                if i >= self.marks.len() {
                    self.marks.resize(i + 1, 0);
                }
                self.marks[i] = stamp;
            } else {
                wild.push(x);
            }
        }
        let marks = &self.marks;
        ys.iter().any(|&y| match ncs.single(y) {
            Some(n) => {
                marks.get(y as usize) == Some(&stamp)
                    || wild.iter().any(|&w| ncs.contains(w, n.0, n.1))
            }
            None => xs.iter().any(|&x| ncs.overlap(x, y)),
        })
    }

    /// The attributes, or the elements and text, that `p` holds outside
    /// elements; shared, and not copied when one side of a pair is empty.
    fn parts_of(&mut self, p: PatId, side: Side) -> Rc<Parts> {
        if let Some(Some(parts)) = self.parts.get(p as usize).map(|s| &s[side as usize]) {
            return parts.clone();
        }
        let one = |names: Vec<u32>, text: bool| Rc::new(Parts { names, text });
        let parts = match (self.g.pats.get(p), side) {
            (Pat::Attribute(nc, _), Side::Attrs) => one(vec![nc], false),
            (Pat::Element(slot), Side::Elems) => {
                one(vec![self.g.elements[slot as usize].nc], false)
            }
            (Pat::Text, Side::Elems) => one(Vec::new(), true),
            (Pat::Choice(a, b) | Pat::Group(a, b) | Pat::Interleave(a, b), _) => {
                let (x, y) = (self.parts_of(a, side), self.parts_of(b, side));
                join(x, y)
            }
            (Pat::OneOrMore(a), _) => return self.parts_of(a, side),
            _ => self.none.clone(),
        };
        if let Some(slot) = self.parts.get_mut(p as usize) {
            slot[side as usize] = Some(parts.clone());
        }
        parts
    }
}

/// The parts of both `x` and `y`, reusing one when the other is empty.
fn join(x: Rc<Parts>, y: Rc<Parts>) -> Rc<Parts> {
    let empty = |p: &Parts| p.names.is_empty() && !p.text;
    if empty(&y) {
        return x;
    }
    if empty(&x) {
        return y;
    }
    Rc::new(Parts {
        names: x.names.iter().chain(&y.names).copied().collect(),
        text: x.text || y.text,
    })
}

fn describe(p: Pat) -> &'static str {
    match p {
        Pat::Attribute(..) => "`attribute`",
        Pat::Element(_) => "an element",
        Pat::Text => "`text`",
        Pat::List(_) => "`list`",
        Pat::Interleave(..) => "`interleave`",
        Pat::Group(..) => "`group`",
        Pat::OneOrMore(_) => "`oneOrMore`",
        Pat::Empty => "`empty`",
        _ => "this pattern",
    }
}
