//! Derivatives of patterns (James Clark, "An algorithm for RELAX NG
//! validation"): start-tag-open, attribute, start-tag-close, text and
//! end-tag derivatives, memoised per validation cache, plus the recovery
//! variants the validator uses to go on after a violation.

use std::sync::Arc;

use super::datatype::{is_whitespace, is_xml_space};
use super::schema::{
    self as s, alternatives, choice_all, FxMap, Grammar, Overlay, Pat, PatId, Patterns, Store,
    EMPTY, NOT_ALLOWED,
};
use crate::validate::xsd::NamespaceContext;

/// Memo tables larger than this are emptied (memory stays bounded).
const MEMO_LIMIT: usize = 1 << 18;

/// Strings up to this length (in bytes) have their text derivatives of
/// string-dependent patterns memoised: attribute values and data content
/// repeat ("italic", "1850-03-02"); longer strings rarely do.
const SHORT_TEXT: usize = 64;

/// The memo of short strings is emptied past this many entries (a few MB:
/// unique values such as IDs fill it without being asked again).
const SHORT_TEXT_LIMIT: usize = 1 << 16;

/// What a validation keeps between documents: derived patterns and memos.
#[derive(Default)]
pub(crate) struct Cache {
    pub local: Patterns,
    names: Names,
    sto: FxMap<(PatId, u32), PatId>,
    att: FxMap<(PatId, u32, u32), PatId>,
    values: FxMap<Box<str>, u32>,
    att_values: FxMap<(PatId, u32), Arc<[PatId]>>,
    close: FxMap<PatId, PatId>,
    close_rec: FxMap<PatId, PatId>,
    end: FxMap<PatId, PatId>,
    text: FxMap<PatId, PatId>,
    /// Text derivatives of string-dependent patterns by short strings.
    short_text: FxMap<PatId, FxMap<Box<str>, PatId>>,
    short_text_len: usize,
}

impl Cache {
    /// Whether the cache grew past what is worth keeping.
    pub(crate) fn too_big(&self) -> bool {
        self.local.len() > 4 * MEMO_LIMIT || self.att.len() > MEMO_LIMIT
    }
}

/// Local names of one namespace to their ids.
type LocalNames = FxMap<Box<str>, u32>;

/// Ids for element and attribute names: a table of local names per
/// namespace (documents use few namespaces), and the names by id.
#[derive(Default)]
struct Names {
    by_ns: Vec<(Box<str>, LocalNames)>,
    list: Vec<(u32, Box<str>)>,
}

impl Names {
    fn id(&mut self, ns: &str, local: &str) -> u32 {
        let n = match self.by_ns.iter().position(|(u, _)| &**u == ns) {
            Some(n) => n,
            None => {
                self.by_ns.push((Box::from(ns), FxMap::default()));
                self.by_ns.len() - 1
            }
        };
        if let Some(id) = self.by_ns[n].1.get(local) {
            return *id;
        }
        let id = self.list.len() as u32;
        self.list.push((n as u32, Box::from(local)));
        self.by_ns[n].1.insert(Box::from(local), id);
        id
    }

    fn get(&self, id: u32) -> (&str, &str) {
        match self.list.get(id as usize) {
            Some((n, local)) => (&self.by_ns[*n as usize].0, local),
            None => ("", ""),
        }
    }
}

/// A function applied after an element's content (`applyAfter`).
#[derive(Clone, Copy)]
enum Then {
    InterleaveLeft(PatId),
    InterleaveRight(PatId),
    GroupWith(PatId),
    Repeat(PatId),
    After(PatId),
}

/// The derivative engine of one validation.
pub(crate) struct Deriv<'g> {
    pub g: &'g Grammar,
    pub st: Overlay<'g>,
    c: Cache,
    /// No datatype of the grammar reads the namespace context, so text
    /// derivatives depend only on the pattern and the string.
    context_free: bool,
}

impl<'g> Deriv<'g> {
    /// An engine over `g`, reusing `cache`.
    pub(crate) fn new(g: &'g Grammar, mut cache: Cache) -> Deriv<'g> {
        let local = std::mem::take(&mut cache.local);
        Deriv {
            g,
            st: Overlay::new(&g.pats, local),
            c: cache,
            context_free: g.dts.iter().all(|d| !d.context_dependent()),
        }
    }

    /// The cache to keep for the next validation.
    pub(crate) fn into_cache(self) -> Cache {
        let mut c = self.c;
        c.local = self.st.into_local();
        c
    }

    /// An id for the name `{ns}local`, stable within the cache.
    pub(crate) fn name_id(&mut self, ns: &str, local: &str) -> u32 {
        self.c.names.id(ns, local)
    }

    /// The namespace and local name of the name id `id`.
    pub(crate) fn name_of(&self, id: u32) -> (&str, &str) {
        self.c.names.get(id)
    }

    /// Whether `p` matches the empty sequence.
    pub(crate) fn nullable(&self, p: PatId) -> bool {
        self.st.nullable(p)
    }

    fn apply_after(&mut self, p: PatId, f: Then) -> PatId {
        match self.st.get(p) {
            Pat::After(a, b) => {
                let b = match f {
                    Then::InterleaveLeft(x) => s::interleave(&mut self.st, b, x),
                    Then::InterleaveRight(x) => s::interleave(&mut self.st, x, b),
                    Then::GroupWith(x) => s::group(&mut self.st, b, x),
                    Then::Repeat(x) => {
                        let more = s::one_or_more(&mut self.st, x);
                        let rest = s::choice(&mut self.st, more, EMPTY);
                        s::group(&mut self.st, b, rest)
                    }
                    Then::After(x) => s::after(&mut self.st, b, x),
                };
                s::after(&mut self.st, a, b)
            }
            Pat::Choice(..) => {
                let alts: Vec<PatId> = alternatives(&self.st, p)
                    .into_iter()
                    .map(|a| self.apply_after(a, f))
                    .collect();
                choice_all(&mut self.st, &alts)
            }
            _ => NOT_ALLOWED,
        }
    }

    /// The start-tag-open derivative for the element name `{ns}local`.
    pub(crate) fn start_tag_open(&mut self, p: PatId, nid: u32, ns: &str, local: &str) -> PatId {
        if let Some(r) = self.c.sto.get(&(p, nid)) {
            return *r;
        }
        let r = match self.st.get(p) {
            Pat::Choice(..) => {
                let alts: Vec<PatId> = alternatives(&self.st, p)
                    .into_iter()
                    .map(|a| self.start_tag_open(a, nid, ns, local))
                    .collect();
                choice_all(&mut self.st, &alts)
            }
            Pat::Element(slot) => {
                let e = &self.g.elements[slot as usize];
                if self.g.ncs.contains(e.nc, ns, local) {
                    s::after(&mut self.st, e.content, EMPTY)
                } else {
                    NOT_ALLOWED
                }
            }
            Pat::Interleave(a, b) => {
                let da = self.start_tag_open(a, nid, ns, local);
                let x = self.apply_after(da, Then::InterleaveLeft(b));
                let db = self.start_tag_open(b, nid, ns, local);
                let y = self.apply_after(db, Then::InterleaveRight(a));
                s::choice(&mut self.st, x, y)
            }
            Pat::OneOrMore(a) => {
                let da = self.start_tag_open(a, nid, ns, local);
                self.apply_after(da, Then::Repeat(a))
            }
            Pat::Group(a, b) => {
                let da = self.start_tag_open(a, nid, ns, local);
                let x = self.apply_after(da, Then::GroupWith(b));
                if self.nullable(a) {
                    let y = self.start_tag_open(b, nid, ns, local);
                    s::choice(&mut self.st, x, y)
                } else {
                    x
                }
            }
            Pat::After(a, b) => {
                let da = self.start_tag_open(a, nid, ns, local);
                self.apply_after(da, Then::After(b))
            }
            _ => NOT_ALLOWED,
        };
        self.c.sto.insert((p, nid), r);
        r
    }

    /// The attribute derivative; `value: None` matches any value (recovery
    /// after a bad value).
    pub(crate) fn att(
        &mut self,
        p: PatId,
        nid: u32,
        name: (&str, &str),
        value: Option<&str>,
        cx: &dyn NamespaceContext,
    ) -> PatId {
        if self.c.att.len() > MEMO_LIMIT || self.c.att_values.len() > MEMO_LIMIT {
            self.c.att.clear();
            self.c.values.clear();
            self.c.att_values.clear();
        }
        let Some(v) = value else {
            return self.att_memo(p, nid, u32::MAX, name, None, cx);
        };
        // The value matters only through the value patterns of the
        // attributes with this name: when all of them (or none) accept it,
        // the derivative by name alone (or `notAllowed`) is the answer.
        let vps = self.att_value_patterns(p, nid, name);
        let ok = vps
            .iter()
            .filter(|vp| self.value_match(**vp, v, cx))
            .count();
        if ok == vps.len() {
            return self.att_memo(p, nid, u32::MAX, name, None, cx);
        }
        if ok == 0 {
            return NOT_ALLOWED;
        }
        let vid = match self.c.values.get(v) {
            Some(id) => *id,
            None => {
                let id = self.c.values.len() as u32;
                self.c.values.insert(Box::from(v), id);
                id
            }
        };
        self.att_memo(p, nid, vid, name, value, cx)
    }

    /// The value patterns of the attributes named `name` in `p`.
    fn att_value_patterns(&mut self, p: PatId, nid: u32, name: (&str, &str)) -> Arc<[PatId]> {
        if let Some(v) = self.c.att_values.get(&(p, nid)) {
            return Arc::clone(v);
        }
        let mut out = Vec::new();
        let mut stack = vec![p];
        let mut seen = FxMap::default();
        while let Some(q) = stack.pop() {
            if seen.insert(q, ()).is_some() {
                continue;
            }
            match self.st.get(q) {
                Pat::Choice(a, b) | Pat::Group(a, b) | Pat::Interleave(a, b) => {
                    stack.extend([a, b])
                }
                Pat::OneOrMore(a) | Pat::After(a, _) => stack.push(a),
                Pat::Attribute(nc, v) if self.g.ncs.contains(nc, name.0, name.1) => out.push(v),
                _ => {}
            }
        }
        out.sort_unstable();
        out.dedup();
        let out: Arc<[PatId]> = out.into();
        self.c.att_values.insert((p, nid), Arc::clone(&out));
        out
    }

    fn att_memo(
        &mut self,
        p: PatId,
        nid: u32,
        vid: u32,
        name: (&str, &str),
        value: Option<&str>,
        cx: &dyn NamespaceContext,
    ) -> PatId {
        if let Some(r) = self.c.att.get(&(p, nid, vid)) {
            return *r;
        }
        let r = self.att_uncached(p, (nid, vid), name, value, cx);
        self.c.att.insert((p, nid, vid), r);
        r
    }

    fn att_uncached(
        &mut self,
        p: PatId,
        (nid, vid): (u32, u32),
        name: (&str, &str),
        value: Option<&str>,
        cx: &dyn NamespaceContext,
    ) -> PatId {
        match self.st.get(p) {
            Pat::After(a, b) => {
                let da = self.att_memo(a, nid, vid, name, value, cx);
                s::after(&mut self.st, da, b)
            }
            Pat::Choice(..) => {
                let alts: Vec<PatId> = alternatives(&self.st, p)
                    .into_iter()
                    .map(|a| self.att_memo(a, nid, vid, name, value, cx))
                    .collect();
                choice_all(&mut self.st, &alts)
            }
            Pat::Group(a, b) | Pat::Interleave(a, b) => {
                let is_group = matches!(self.st.get(p), Pat::Group(..));
                let da = self.att_memo(a, nid, vid, name, value, cx);
                let db = self.att_memo(b, nid, vid, name, value, cx);
                let (x, y) = if is_group {
                    (s::group(&mut self.st, da, b), s::group(&mut self.st, a, db))
                } else {
                    (
                        s::interleave(&mut self.st, da, b),
                        s::interleave(&mut self.st, a, db),
                    )
                };
                s::choice(&mut self.st, x, y)
            }
            Pat::OneOrMore(a) => {
                let da = self.att_memo(a, nid, vid, name, value, cx);
                let more = s::one_or_more(&mut self.st, a);
                let rest = s::choice(&mut self.st, more, EMPTY);
                s::group(&mut self.st, da, rest)
            }
            Pat::Attribute(nc, v) => {
                let ok = self.g.ncs.contains(nc, name.0, name.1)
                    && value.is_none_or(|s| self.value_match(v, s, cx));
                if ok {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            _ => NOT_ALLOWED,
        }
    }

    /// Whether the string `s` matches the value pattern `p`.
    pub(crate) fn value_match(&mut self, p: PatId, s: &str, cx: &dyn NamespaceContext) -> bool {
        (self.nullable(p) && is_whitespace(s)) || {
            let d = self.text(p, s, cx);
            self.nullable(d)
        }
    }

    /// The start-tag-close derivative; with `recover`, missing attributes
    /// are forgiven.
    pub(crate) fn close(&mut self, p: PatId, recover: bool) -> PatId {
        let memo = if recover {
            &self.c.close_rec
        } else {
            &self.c.close
        };
        if let Some(r) = memo.get(&p) {
            return *r;
        }
        let r = match self.st.get(p) {
            Pat::After(a, b) => {
                let a = self.close(a, recover);
                s::after(&mut self.st, a, b)
            }
            Pat::Choice(..) => {
                let alts: Vec<PatId> = alternatives(&self.st, p)
                    .into_iter()
                    .map(|a| self.close(a, recover))
                    .collect();
                choice_all(&mut self.st, &alts)
            }
            Pat::Group(a, b) => {
                let (a, b) = (self.close(a, recover), self.close(b, recover));
                s::group(&mut self.st, a, b)
            }
            Pat::Interleave(a, b) => {
                let (a, b) = (self.close(a, recover), self.close(b, recover));
                s::interleave(&mut self.st, a, b)
            }
            Pat::OneOrMore(a) => {
                let a = self.close(a, recover);
                s::one_or_more(&mut self.st, a)
            }
            Pat::Attribute(..) if recover => EMPTY,
            Pat::Attribute(..) => NOT_ALLOWED,
            _ => p,
        };
        let memo = if recover {
            &mut self.c.close_rec
        } else {
            &mut self.c.close
        };
        memo.insert(p, r);
        r
    }

    /// The text derivative for the string `text`.
    pub(crate) fn text(&mut self, p: PatId, text: &str, cx: &dyn NamespaceContext) -> PatId {
        if !self.context_free || text.len() > SHORT_TEXT || !self.st.flags(p).text_dependent {
            return self.text_in(p, text, cx);
        }
        if let Some(r) = self.c.short_text.get(&p).and_then(|m| m.get(text)) {
            return *r;
        }
        let r = self.text_in(p, text, cx);
        if self.c.short_text_len >= SHORT_TEXT_LIMIT {
            self.c.short_text.clear();
            self.c.short_text_len = 0;
        }
        self.c.short_text_len += 1;
        self.c
            .short_text
            .entry(p)
            .or_default()
            .insert(Box::from(text), r);
        r
    }

    /// The text derivative, memoised only when it cannot depend on `text`.
    fn text_in(&mut self, p: PatId, text: &str, cx: &dyn NamespaceContext) -> PatId {
        let cacheable = !self.st.flags(p).text_dependent;
        if cacheable {
            if let Some(r) = self.c.text.get(&p) {
                return *r;
            }
        }
        let r = self.text_uncached(p, text, cx);
        if cacheable {
            self.c.text.insert(p, r);
        }
        r
    }

    fn text_uncached(&mut self, p: PatId, text: &str, cx: &dyn NamespaceContext) -> PatId {
        match self.st.get(p) {
            Pat::Choice(..) => {
                let alts: Vec<PatId> = alternatives(&self.st, p)
                    .into_iter()
                    .map(|a| self.text_in(a, text, cx))
                    .collect();
                choice_all(&mut self.st, &alts)
            }
            Pat::Interleave(a, b) => {
                let da = self.text_in(a, text, cx);
                let x = s::interleave(&mut self.st, da, b);
                let db = self.text_in(b, text, cx);
                let y = s::interleave(&mut self.st, a, db);
                s::choice(&mut self.st, x, y)
            }
            Pat::Group(a, b) => {
                let da = self.text_in(a, text, cx);
                let x = s::group(&mut self.st, da, b);
                if self.nullable(a) {
                    let y = self.text_in(b, text, cx);
                    s::choice(&mut self.st, x, y)
                } else {
                    x
                }
            }
            Pat::After(a, b) => {
                let da = self.text_in(a, text, cx);
                s::after(&mut self.st, da, b)
            }
            Pat::OneOrMore(a) => {
                let da = self.text_in(a, text, cx);
                let more = s::one_or_more(&mut self.st, a);
                let rest = s::choice(&mut self.st, more, EMPTY);
                s::group(&mut self.st, da, rest)
            }
            Pat::Text => p,
            Pat::Value(v) => {
                let def = &self.g.values[v as usize];
                let dt = &self.g.dts[def.dt as usize];
                if dt.value(text, cx).is_some_and(|x| x == def.value) {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            Pat::Data(dt, except) => {
                let ok = self.g.dts[dt as usize].allows(text, cx)
                    && (except == NOT_ALLOWED || {
                        let d = self.text_in(except, text, cx);
                        !self.nullable(d)
                    });
                if ok {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            Pat::List(a) => {
                let mut d = a;
                for token in text.split(is_xml_space).filter(|t| !t.is_empty()) {
                    d = self.text_in(d, token, cx);
                    if d == NOT_ALLOWED {
                        break;
                    }
                }
                if self.nullable(d) {
                    EMPTY
                } else {
                    NOT_ALLOWED
                }
            }
            _ => NOT_ALLOWED,
        }
    }

    /// The end-tag derivative; with `recover`, unfinished content is forgiven.
    pub(crate) fn end(&mut self, p: PatId, recover: bool) -> PatId {
        if !recover {
            if let Some(r) = self.c.end.get(&p) {
                return *r;
            }
        }
        let r = match self.st.get(p) {
            Pat::Choice(..) => {
                let alts: Vec<PatId> = alternatives(&self.st, p)
                    .into_iter()
                    .map(|a| self.end(a, recover))
                    .collect();
                choice_all(&mut self.st, &alts)
            }
            Pat::After(a, b) if recover || self.nullable(a) => b,
            _ => NOT_ALLOWED,
        };
        if !recover {
            self.c.end.insert(p, r);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::Schema;

    fn schema(body: &str) -> Schema {
        let rng = format!(
            r#"<element name="r" xmlns="http://relaxng.org/ns/structure/1.0"
                datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">{body}</element>"#
        );
        Schema::from_rng_str(&rng, std::path::Path::new("t.rng")).expect("compiles")
    }

    #[test]
    fn a_memoised_value_is_judged_by_each_pattern() {
        let s = schema(
            r#"<zeroOrMore><choice>
                 <element name="n"><attribute name="v"><data type="integer"/></attribute></element>
                 <element name="w"><attribute name="v"><data type="NCName"/></attribute></element>
               </choice></zeroOrMore>"#,
        );
        // The same short string, accepted by one pattern and refused by
        // the other, in both orders, and again after it was memoised.
        let doc = r#"<r><n v="12"/><w v="12"/><w v="ab"/><n v="ab"/><n v="12"/><w v="ab"/></r>"#;
        let bad: Vec<usize> = s.validate_str(doc).iter().map(|v| v.span.start).collect();
        assert_eq!(
            bad,
            [
                doc.find(r#"<w v="12""#).unwrap() + 6,
                doc.find(r#"<n v="ab""#).unwrap() + 6
            ]
        );
    }

    #[test]
    fn qname_values_follow_the_bindings_in_scope() {
        let s = schema(
            r#"<zeroOrMore><element name="e"><attribute name="v">
                 <value type="QName" ns="urn:a">a</value>
               </attribute></element></zeroOrMore>"#,
        );
        let doc = r#"<r><e xmlns:p="urn:a" v="p:a"/><e xmlns:p="urn:b" v="p:a"/><e xmlns:p="urn:a" v="p:a"/></r>"#;
        let v = s.validate_str(doc);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].code, "teikit::validate::bad_attribute_value");
        assert_eq!(v[0].span.start, doc.find(r#"urn:b" v=""#).unwrap() + 10);
    }
}
