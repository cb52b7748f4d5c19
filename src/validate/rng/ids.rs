//! ID, IDREF and IDREFS as the RELAX NG DTD Compatibility specification
//! defines them (and as Jing checks them): which attributes of which
//! elements have an ID-type, the schema rules for them, and, per document,
//! unique IDs and references that resolve.

use std::collections::BTreeMap;
use std::ops::Range;

use super::ast::Loc;
use super::datatype::collapse_cow;
use super::errors::SchemaError;
use super::parse::Loader;
use super::schema::{display_name, FxMap, Grammar, Pat, PatId, Store, NOT_ALLOWED};
use super::stream::Attr;
use super::Violation;
use crate::validate::xsd::IdType;

/// Violation codes of ID checking.
pub(crate) const DUPLICATE_ID: &str = "teikit::validate::duplicate_id";
/// A reference to an ID that no element has.
pub(crate) const UNRESOLVED_IDREF: &str = "teikit::validate::unresolved_idref";

/// An attribute's namespace, local name and ID-type.
pub(crate) type AttrIdType = (String, String, IdType);

/// The ID-types of attributes: (element, attribute) names to their type.
#[derive(Default)]
pub(crate) struct IdMap {
    by_element: FxMap<(String, String), Vec<AttrIdType>>,
}

impl IdMap {
    fn is_empty(&self) -> bool {
        self.by_element.is_empty()
    }

    /// Every element name with its ID-typed attributes, in name order.
    pub(crate) fn entries(&self) -> Vec<(&(String, String), &Vec<AttrIdType>)> {
        let mut out: Vec<_> = self.by_element.iter().collect();
        out.sort_unstable_by(|a, b| a.0.cmp(b.0));
        out
    }

    /// A map holding `entries`.
    pub(crate) fn from_entries(
        entries: impl IntoIterator<Item = ((String, String), Vec<AttrIdType>)>,
    ) -> IdMap {
        IdMap {
            by_element: entries.into_iter().collect(),
        }
    }
}

struct Found {
    elem_nc: u32,
    attr_nc: u32,
    id: IdType,
    loc: Loc,
}

/// Builds the ID-type map, checking the compatibility rules: an ID-typed
/// attribute has one name, on an element with one name, its value is only
/// the ID-typed datatype, and no other attribute pattern for the same names
/// has another ID-type.
pub(crate) fn build(
    g: &Grammar,
    loader: &Loader,
    locs: &FxMap<PatId, Loc>,
    element_locs: &[Loc],
) -> Result<IdMap, SchemaError> {
    let found = collect(g, locs, element_locs);
    if found.iter().all(|f| f.id == IdType::Null) {
        return Ok(IdMap::default());
    }
    let err = |loc: Loc, m: String| SchemaError::IdType {
        location: loader.location(loc),
        message: m,
    };
    let typed = typed_attributes(g, &found).map_err(|(loc, m)| err(loc, m))?;
    for f in found.iter().filter(|f| f.id == IdType::Null) {
        let candidates: Vec<(&(&str, &str), &Vec<TypedAttr>)> = match g.ncs.single(f.elem_nc) {
            Some(key) => typed.get_key_value(&key).into_iter().collect(),
            None => typed
                .iter()
                .filter(|((ns, l), _)| g.ncs.contains(f.elem_nc, ns, l))
                .collect(),
        };
        for ((_, el), attrs) in candidates {
            if let Some(a) = attrs.iter().find(|a| g.ncs.contains(f.attr_nc, a.0, a.1)) {
                return Err(err(
                    f.loc,
                    format!(
                        "attribute `{}` of element `{el}` has an ID-type here but not elsewhere",
                        a.1
                    ),
                ));
            }
        }
    }
    let by_element = typed
        .into_iter()
        .map(|((ns, l), attrs)| {
            let attrs = attrs
                .into_iter()
                .map(|(ns, l, id)| (ns.to_string(), l.to_string(), id))
                .collect();
            ((ns.to_string(), l.to_string()), attrs)
        })
        .collect();
    Ok(IdMap { by_element })
}

/// An attribute's namespace, local name and ID-type, borrowed.
type TypedAttr<'g> = (&'g str, &'g str, IdType);

/// Element names (namespace, local name) to their ID-typed attributes.
type Typed<'g> = FxMap<(&'g str, &'g str), Vec<TypedAttr<'g>>>;

/// Element names to their attributes with an ID-type, borrowed from the
/// grammar; an error (place and message) for an ID-typed attribute without
/// a single name, or with two ID-types.
fn typed_attributes<'g>(g: &'g Grammar, found: &[Found]) -> Result<Typed<'g>, (Loc, String)> {
    let mut typed: Typed = FxMap::default();
    for f in found.iter().filter(|f| f.id != IdType::Null) {
        let (Some(e), Some(a)) = (g.ncs.single(f.elem_nc), g.ncs.single(f.attr_nc)) else {
            return Err((f.loc, "an attribute with an ID-type datatype must have one name, on an element with one name".into()));
        };
        let entry = typed.entry(e).or_default();
        match entry.iter().find(|x| x.0 == a.0 && x.1 == a.1) {
            Some(x) if x.2 != f.id => {
                return Err((
                    f.loc,
                    format!(
                        "conflicting ID-types for attribute `{}` of element `{}`",
                        a.1, e.1
                    ),
                ));
            }
            Some(_) => {}
            None => entry.push((a.0, a.1, f.id)),
        }
    }
    Ok(typed)
}

/// Every attribute pattern of every element, with the ID-type of its value.
fn collect(g: &Grammar, locs: &FxMap<PatId, Loc>, element_locs: &[Loc]) -> Vec<Found> {
    let mut out = Vec::new();
    // The slot + 1 of the element whose content last visited a pattern.
    let mut seen = vec![0u32; g.pats.len()];
    let mut stack = Vec::new();
    for (slot, e) in g.elements.iter().enumerate() {
        stack.push(e.content);
        let mark = slot as u32 + 1;
        while let Some(p) = stack.pop() {
            match seen.get_mut(p as usize) {
                Some(m) if *m == mark => continue,
                Some(m) => *m = mark,
                None => {}
            }
            match g.pats.get(p) {
                Pat::Choice(a, b) | Pat::Group(a, b) | Pat::Interleave(a, b) => {
                    stack.extend([a, b])
                }
                Pat::OneOrMore(a) => stack.push(a),
                Pat::Attribute(nc, v) => {
                    let loc = locs
                        .get(&p)
                        .or(element_locs.get(slot))
                        .copied()
                        .unwrap_or_default();
                    out.push(Found {
                        elem_nc: e.nc,
                        attr_nc: nc,
                        id: value_id_type(g, v),
                        loc,
                    });
                }
                _ => {}
            }
        }
    }
    out
}

fn value_id_type(g: &Grammar, v: PatId) -> IdType {
    match g.pats.get(v) {
        Pat::Data(dt, e) if e == NOT_ALLOWED => g.dts[dt as usize].id_type(),
        Pat::Value(x) => g.dts[g.values[x as usize].dt as usize].id_type(),
        _ => IdType::Null,
    }
}

/// The IDs and references of one document.
pub(crate) struct IdChecker<'m> {
    map: &'m IdMap,
    /// The ID-typed attributes of elements by name id, looked up once.
    types: FxMap<u32, Option<&'m [AttrIdType]>>,
    ids: FxMap<String, ()>,
    refs: Vec<(String, Range<usize>, (u32, u32))>,
    out: Vec<Violation>,
    main_ns: &'m str,
}

impl<'m> IdChecker<'m> {
    /// A checker for one document.
    pub(crate) fn new(map: &'m IdMap, main_ns: &'m str) -> IdChecker<'m> {
        IdChecker {
            map,
            types: FxMap::default(),
            ids: FxMap::default(),
            refs: Vec::new(),
            out: Vec::new(),
            main_ns,
        }
    }

    /// The ID-typed attributes of the element `elem` with name id `nid`.
    fn types_of(&mut self, elem: (&str, &str), nid: u32) -> Option<&'m [AttrIdType]> {
        let map = self.map;
        *self.types.entry(nid).or_insert_with(|| {
            map.by_element
                .get(&(elem.0.to_string(), elem.1.to_string()))
                .map(Vec::as_slice)
        })
    }

    /// Records the ID-typed attributes of an element (`nid` is its name id).
    pub(crate) fn element(
        &mut self,
        elem: (&str, &str),
        nid: u32,
        attrs: &[Attr],
        line_col: impl Fn(usize) -> (u32, u32),
    ) {
        if self.map.is_empty() || attrs.is_empty() {
            return;
        }
        let Some(types) = self.types_of(elem, nid) else {
            return;
        };
        for Attr {
            ns,
            local,
            value,
            span,
            ..
        } in attrs
        {
            let Some(t) = types
                .iter()
                .find(|t| t.0 == *ns && t.1 == *local)
                .map(|t| t.2)
            else {
                continue;
            };
            let value = collapse_cow(value);
            match t {
                IdType::Id => {
                    if !self.ids.contains_key(&*value) {
                        self.ids.insert(value.into_owned(), ());
                    } else {
                        let (line, column) = line_col(span.start);
                        let name = display_name(ns, local, self.main_ns);
                        self.out.push(Violation {
                            code: DUPLICATE_ID,
                            message: format!("duplicate ID `{value}` in attribute `{name}`"),
                            span: span.clone(),
                            line,
                            column,
                            expected: Vec::new(),
                            found: Some(value.into_owned()),
                            help: Some(
                                "every ID must be unique in the document; rename one of them"
                                    .into(),
                            ),
                        });
                    }
                }
                IdType::Idref => {
                    self.refs
                        .push((value.into_owned(), span.clone(), line_col(span.start)))
                }
                IdType::Idrefs => {
                    for v in value.split(' ').filter(|v| !v.is_empty()) {
                        self.refs
                            .push((v.to_string(), span.clone(), line_col(span.start)));
                    }
                }
                IdType::Null => {}
            }
        }
    }

    /// The ID violations of the document, after its end.
    pub(crate) fn finish(self, _line_col: impl Fn(usize) -> (u32, u32)) -> Vec<Violation> {
        let mut out = self.out;
        let known: BTreeMap<&str, ()> = self.ids.keys().map(|k| (k.as_str(), ())).collect();
        for (value, span, (line, column)) in self.refs {
            if known.contains_key(value.as_str()) {
                continue;
            }
            let candidates: Vec<String> = known.keys().map(|k| k.to_string()).collect();
            out.push(Violation {
                code: UNRESOLVED_IDREF,
                message: format!("reference to `{value}`, but no element has this ID"),
                span,
                line,
                column,
                expected: Vec::new(),
                found: Some(value.clone()),
                help: super::explain::did_you_mean(&value, &candidates),
            });
        }
        out
    }
}
