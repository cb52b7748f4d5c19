//! The simplified pattern model: patterns interned in an arena (hash-consed,
//! `u32` ids), name classes, element definitions, datatypes and values.
//!
//! Interning applies the simplification rules of sections 4.20 and 4.21 of
//! the specification (`notAllowed` and `empty` propagation) and normalises
//! choices (flattened, sorted, deduplicated), so that equal patterns get
//! equal ids and every derivative is computed once.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::datatype::{Dt, DtValue, NsMap};

/// A pattern id in an arena.
pub(crate) type PatId = u32;

/// The id of `empty`.
pub(crate) const EMPTY: PatId = 0;
/// The id of `notAllowed`.
pub(crate) const NOT_ALLOWED: PatId = 1;
/// The id of `text`.
pub(crate) const TEXT: PatId = 2;

/// A simplified pattern (section 4 of the specification), plus `after` of
/// the derivative algorithm.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Pat {
    Empty,
    NotAllowed,
    Text,
    Choice(PatId, PatId),
    Interleave(PatId, PatId),
    Group(PatId, PatId),
    OneOrMore(PatId),
    List(PatId),
    /// A datatype and its `except` pattern (`NOT_ALLOWED` when there is none).
    Data(u32, PatId),
    /// An index into the value table.
    Value(u32),
    /// A name class and the value pattern.
    Attribute(u32, PatId),
    /// An index into the element table.
    Element(u32),
    After(PatId, PatId),
}

/// A fast, deterministic hasher for small keys (the Fx hash).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(word);
            self.add(u64::from_le_bytes(b));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A `HashMap` with the Fx hash (never iterated for output).
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Flags computed once per interned pattern.
#[derive(Clone, Copy, Default)]
pub(crate) struct Flags {
    /// The pattern matches the empty sequence.
    pub nullable: bool,
    /// A text derivative may depend on the string (data, value or list in a
    /// text position).
    pub text_dependent: bool,
}

/// Interned patterns with their flags.
#[derive(Default, Clone)]
pub(crate) struct Patterns {
    pats: Vec<Pat>,
    flags: Vec<Flags>,
    map: FxMap<Pat, PatId>,
}

impl Patterns {
    /// An arena holding `empty`, `notAllowed` and `text`.
    pub(crate) fn new() -> Patterns {
        Patterns::with_capacity(0)
    }

    /// As [`Patterns::new`], with room for `n` patterns.
    pub(crate) fn with_capacity(n: usize) -> Patterns {
        let mut p = Patterns {
            pats: Vec::with_capacity(n),
            flags: Vec::with_capacity(n),
            map: FxMap::with_capacity_and_hasher(n, BuildHasherDefault::default()),
        };
        for pat in [Pat::Empty, Pat::NotAllowed, Pat::Text] {
            let flags = Flags {
                nullable: !matches!(pat, Pat::NotAllowed),
                text_dependent: false,
            };
            p.push(pat, flags);
        }
        p
    }

    fn push(&mut self, pat: Pat, flags: Flags) -> PatId {
        let id = u32::try_from(self.pats.len()).unwrap_or(u32::MAX);
        self.pats.push(pat);
        self.flags.push(flags);
        self.map.insert(pat, id);
        id
    }

    /// The number of patterns.
    pub(crate) fn len(&self) -> usize {
        self.pats.len()
    }

    /// Every pattern, by id.
    pub(crate) fn all(&self) -> &[Pat] {
        &self.pats
    }
}

/// Storage of interned patterns: the schema's arena, or a validation's
/// overlay on top of it.
pub(crate) trait Store {
    /// The pattern with id `id`.
    fn get(&self, id: PatId) -> Pat;
    /// The flags of pattern `id`.
    fn flags(&self, id: PatId) -> Flags;
    /// Looks up an interned pattern.
    fn find(&self, pat: &Pat) -> Option<PatId>;
    /// Adds a pattern that is not interned yet.
    fn add(&mut self, pat: Pat, flags: Flags) -> PatId;

    /// Whether `id` matches the empty sequence.
    fn nullable(&self, id: PatId) -> bool {
        self.flags(id).nullable
    }

    /// Interns `pat` as it is (callers simplify first).
    fn intern(&mut self, pat: Pat) -> PatId {
        if let Some(id) = self.find(&pat) {
            return id;
        }
        let flags = compute_flags(self, pat);
        self.add(pat, flags)
    }
}

fn compute_flags<S: Store + ?Sized>(s: &S, pat: Pat) -> Flags {
    let f = |id| s.flags(id);
    let (nullable, text_dependent) = match pat {
        Pat::Empty | Pat::Text => (true, false),
        Pat::NotAllowed | Pat::Element(_) | Pat::Attribute(..) => (false, false),
        Pat::Choice(a, b) => (
            f(a).nullable || f(b).nullable,
            f(a).text_dependent || f(b).text_dependent,
        ),
        Pat::Group(a, b) | Pat::Interleave(a, b) => (
            f(a).nullable && f(b).nullable,
            f(a).text_dependent || f(b).text_dependent,
        ),
        Pat::OneOrMore(a) => (f(a).nullable, f(a).text_dependent),
        Pat::After(a, _) => (false, f(a).text_dependent),
        Pat::List(_) | Pat::Data(..) | Pat::Value(_) => (false, true),
    };
    Flags {
        nullable,
        text_dependent,
    }
}

impl Store for Patterns {
    fn get(&self, id: PatId) -> Pat {
        self.pats[id as usize]
    }
    fn flags(&self, id: PatId) -> Flags {
        self.flags[id as usize]
    }
    fn find(&self, pat: &Pat) -> Option<PatId> {
        self.map.get(pat).copied()
    }
    fn add(&mut self, pat: Pat, flags: Flags) -> PatId {
        self.push(pat, flags)
    }
}

/// A validation's patterns: the schema's arena, read-only, and the patterns
/// that derivatives create, with ids after the schema's.
pub(crate) struct Overlay<'s> {
    base: &'s Patterns,
    local: Patterns,
}

impl<'s> Overlay<'s> {
    /// An overlay over `base`, reusing `local` (emptied when it is too big).
    pub(crate) fn new(base: &'s Patterns, local: Patterns) -> Overlay<'s> {
        Overlay { base, local }
    }

    /// The patterns added by derivatives (to keep for the next validation).
    pub(crate) fn into_local(self) -> Patterns {
        self.local
    }
}

impl Store for Overlay<'_> {
    fn get(&self, id: PatId) -> Pat {
        let n = self.base.pats.len();
        match (id as usize).checked_sub(n) {
            Some(i) => self.local.pats[i],
            None => self.base.pats[id as usize],
        }
    }
    fn flags(&self, id: PatId) -> Flags {
        let n = self.base.pats.len();
        match (id as usize).checked_sub(n) {
            Some(i) => self.local.flags[i],
            None => self.base.flags[id as usize],
        }
    }
    fn find(&self, pat: &Pat) -> Option<PatId> {
        self.base.find(pat).or_else(|| {
            let n = self.base.pats.len() as u32;
            self.local.map.get(pat).map(|i| i + n)
        })
    }
    fn add(&mut self, pat: Pat, flags: Flags) -> PatId {
        let n = self.base.pats.len() as u32;
        self.local.pats.push(pat);
        self.local.flags.push(flags);
        let id = n + self.local.pats.len() as u32 - 1;
        self.local.map.insert(pat, id - n);
        id
    }
}

/// `choice`, flattened, sorted and without duplicates or `notAllowed`.
pub(crate) fn choice<S: Store + ?Sized>(s: &mut S, a: PatId, b: PatId) -> PatId {
    if a == b || b == NOT_ALLOWED {
        return a;
    }
    if a == NOT_ALLOWED {
        return b;
    }
    let is_choice = |id| matches!(s.get(id), Pat::Choice(..));
    if !is_choice(a) && !is_choice(b) {
        let (x, y) = if a < b { (a, b) } else { (b, a) };
        return s.intern(Pat::Choice(x, y));
    }
    let mut alts = Vec::new();
    collect_choice(s, a, &mut alts);
    collect_choice(s, b, &mut alts);
    alts.sort_unstable();
    alts.dedup();
    let mut iter = alts.into_iter().rev();
    let mut acc = iter.next().unwrap_or(NOT_ALLOWED);
    for alt in iter {
        acc = s.intern(Pat::Choice(alt, acc));
    }
    acc
}

fn collect_choice<S: Store + ?Sized>(s: &S, id: PatId, out: &mut Vec<PatId>) {
    let mut id = id;
    loop {
        match s.get(id) {
            Pat::Choice(x, y) => {
                collect_choice(s, x, out);
                id = y;
            }
            _ => {
                out.push(id);
                return;
            }
        }
    }
}

/// `group` with the `empty` and `notAllowed` rules.
pub(crate) fn group<S: Store + ?Sized>(s: &mut S, a: PatId, b: PatId) -> PatId {
    if a == NOT_ALLOWED || b == NOT_ALLOWED {
        NOT_ALLOWED
    } else if a == EMPTY {
        b
    } else if b == EMPTY {
        a
    } else {
        s.intern(Pat::Group(a, b))
    }
}

/// `interleave` with the `empty` and `notAllowed` rules.
pub(crate) fn interleave<S: Store + ?Sized>(s: &mut S, a: PatId, b: PatId) -> PatId {
    if a == NOT_ALLOWED || b == NOT_ALLOWED {
        NOT_ALLOWED
    } else if a == EMPTY {
        b
    } else if b == EMPTY {
        a
    } else {
        s.intern(Pat::Interleave(a, b))
    }
}

/// `after` of the derivative algorithm.
pub(crate) fn after<S: Store + ?Sized>(s: &mut S, a: PatId, b: PatId) -> PatId {
    if a == NOT_ALLOWED || b == NOT_ALLOWED {
        NOT_ALLOWED
    } else {
        s.intern(Pat::After(a, b))
    }
}

/// `oneOrMore` with the `empty` and `notAllowed` rules.
pub(crate) fn one_or_more<S: Store + ?Sized>(s: &mut S, a: PatId) -> PatId {
    if a == NOT_ALLOWED || a == EMPTY || matches!(s.get(a), Pat::OneOrMore(_)) {
        a
    } else {
        s.intern(Pat::OneOrMore(a))
    }
}

/// `list` with the `notAllowed` rule.
pub(crate) fn list<S: Store + ?Sized>(s: &mut S, a: PatId) -> PatId {
    if a == NOT_ALLOWED {
        NOT_ALLOWED
    } else {
        s.intern(Pat::List(a))
    }
}

/// `attribute` with the `notAllowed` rule.
pub(crate) fn attribute<S: Store + ?Sized>(s: &mut S, nc: u32, a: PatId) -> PatId {
    if a == NOT_ALLOWED {
        NOT_ALLOWED
    } else {
        s.intern(Pat::Attribute(nc, a))
    }
}

/// A name class (simplified: names carry their namespace URI).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NameClass {
    /// `anyName`, with an optional `except`.
    Any(Option<u32>),
    /// `nsName`, with an optional `except`.
    NsName(String, Option<u32>),
    /// A namespace URI and a local name.
    Name(String, String),
    Choice(u32, u32),
}

/// The name classes of a schema.
#[derive(Default, Clone, Debug)]
pub(crate) struct NameClasses {
    items: Vec<NameClass>,
}

impl NameClasses {
    /// Adds a name class, returning its index.
    pub(crate) fn add(&mut self, nc: NameClass) -> u32 {
        self.items.push(nc);
        (self.items.len() - 1) as u32
    }

    /// Every name class, by index.
    pub(crate) fn items(&self) -> &[NameClass] {
        &self.items
    }

    /// Name classes holding `items`, by index.
    pub(crate) fn from_items(items: Vec<NameClass>) -> NameClasses {
        NameClasses { items }
    }

    /// The name class at `i`.
    pub(crate) fn get(&self, i: u32) -> &NameClass {
        &self.items[i as usize]
    }

    /// Whether name class `i` contains the name `{ns}local`.
    pub(crate) fn contains(&self, i: u32, ns: &str, local: &str) -> bool {
        match self.get(i) {
            NameClass::Any(except) => except.is_none_or(|e| !self.contains(e, ns, local)),
            NameClass::NsName(n, except) => {
                n == ns && except.is_none_or(|e| !self.contains(e, ns, local))
            }
            NameClass::Name(n, l) => n == ns && l == local,
            NameClass::Choice(a, b) => self.contains(*a, ns, local) || self.contains(*b, ns, local),
        }
    }

    /// Whether some name belongs to both name classes (the algorithm of
    /// section 7 restrictions: test representative names of each).
    pub(crate) fn overlap(&self, a: u32, b: u32) -> bool {
        let mut reps = Vec::new();
        self.representatives(a, &mut reps);
        self.representatives(b, &mut reps);
        reps.iter()
            .any(|(ns, l)| self.contains(a, ns, l) && self.contains(b, ns, l))
    }

    fn representatives(&self, i: u32, out: &mut Vec<(String, String)>) {
        const ILLEGAL: &str = "\u{0}";
        match self.get(i) {
            NameClass::Any(except) => {
                out.push((ILLEGAL.into(), ILLEGAL.into()));
                if let Some(e) = except {
                    self.representatives(*e, out);
                }
            }
            NameClass::NsName(ns, except) => {
                out.push((ns.clone(), ILLEGAL.into()));
                if let Some(e) = except {
                    self.representatives(*e, out);
                }
            }
            NameClass::Name(ns, l) => out.push((ns.clone(), l.clone())),
            NameClass::Choice(a, b) => {
                self.representatives(*a, out);
                self.representatives(*b, out);
            }
        }
    }

    /// Whether name class `i` contains infinitely many names.
    pub(crate) fn is_infinite(&self, i: u32) -> bool {
        match self.get(i) {
            NameClass::Any(_) | NameClass::NsName(..) => true,
            NameClass::Name(..) => false,
            NameClass::Choice(a, b) => self.is_infinite(*a) || self.is_infinite(*b),
        }
    }

    /// The single name of name class `i`, when it is one name.
    pub(crate) fn single(&self, i: u32) -> Option<(&str, &str)> {
        match self.get(i) {
            NameClass::Name(ns, l) => Some((ns, l)),
            _ => None,
        }
    }

    /// Human names for diagnostics (`p`, `tei:p` style is not needed: local
    /// names, with `{ns}` only for names outside `main_ns`).
    pub(crate) fn describe(&self, i: u32, main_ns: &str, out: &mut Vec<String>) {
        match self.get(i) {
            NameClass::Any(_) => out.push("any element or attribute".into()),
            NameClass::NsName(ns, _) => out.push(format!("any name in `{ns}`")),
            NameClass::Name(ns, l) => out.push(display_name(ns, l, main_ns)),
            NameClass::Choice(a, b) => {
                self.describe(*a, main_ns, out);
                self.describe(*b, main_ns, out);
            }
        }
    }
}

/// A name as shown in diagnostics: `xml:id` for the XML namespace, the local
/// name in the schema's main namespace or none, `{ns}local` otherwise.
pub(crate) fn display_name(ns: &str, local: &str, main_ns: &str) -> String {
    if ns == crate::tei::XML_NS {
        format!("xml:{local}")
    } else if ns.is_empty() || ns == main_ns {
        local.to_string()
    } else {
        format!("{{{ns}}}{local}")
    }
}

/// An element definition: its name class and content.
#[derive(Clone, Debug)]
pub(crate) struct ElementDef {
    pub nc: u32,
    pub content: PatId,
}

/// A `value` pattern: its datatype, lexical form and value.
#[derive(Clone, Debug)]
pub(crate) struct ValueDef {
    pub dt: u32,
    pub lexical: String,
    pub value: DtValue,
    #[allow(dead_code)]
    pub ns: NsMap,
}

/// A datatype as written: library URI, local name and params in order.
pub(crate) type DtSpec = (String, String, Vec<(String, String)>);

/// A compiled, simplified schema: the start pattern and its tables.
pub(crate) struct Grammar {
    pub pats: Patterns,
    pub start: PatId,
    pub ncs: NameClasses,
    pub elements: Vec<ElementDef>,
    pub dts: Vec<Dt>,
    /// How each datatype was written: library, name and params.
    pub dt_specs: Vec<DtSpec>,
    pub values: Vec<ValueDef>,
    /// The namespace of most element names (for short names in messages).
    pub main_ns: String,
}

/// The choice of all `alts` (flattened, sorted, without duplicates).
pub(crate) fn choice_all<S: Store + ?Sized>(s: &mut S, alts: &[PatId]) -> PatId {
    let mut flat = Vec::with_capacity(alts.len());
    for &a in alts {
        if a != NOT_ALLOWED {
            collect_choice(s, a, &mut flat);
        }
    }
    flat.sort_unstable();
    flat.dedup();
    let mut iter = flat.into_iter().rev();
    let mut acc = iter.next().unwrap_or(NOT_ALLOWED);
    for alt in iter {
        acc = s.intern(Pat::Choice(alt, acc));
    }
    acc
}

/// The alternatives of a choice (the pattern itself when it is no choice).
pub(crate) fn alternatives<S: Store + ?Sized>(s: &S, id: PatId) -> Vec<PatId> {
    let mut out = Vec::new();
    collect_choice(s, id, &mut out);
    out
}
