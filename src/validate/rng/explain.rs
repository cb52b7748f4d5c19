//! What a state of the validator allows, in words: the element and
//! attribute names it expects, the values an attribute may take, and "did
//! you mean" suggestions by edit distance.

use std::collections::BTreeSet;

use super::deriv::Deriv;
use super::schema::{FxMap, Pat, PatId, Store};
use crate::validate::rules::edit_distance;

/// The element names that may start in state `p` (and `text` when text may).
pub(crate) fn expected_elements(d: &Deriv, p: PatId) -> Vec<String> {
    let mut out = BTreeSet::new();
    let mut seen = FxMap::default();
    walk_first(d, p, &mut seen, &mut out);
    out.into_iter().collect()
}

fn walk_first(d: &Deriv, p: PatId, seen: &mut FxMap<PatId, ()>, out: &mut BTreeSet<String>) {
    if seen.insert(p, ()).is_some() {
        return;
    }
    match d.st.get(p) {
        Pat::Choice(a, b) | Pat::Interleave(a, b) => {
            walk_first(d, a, seen, out);
            walk_first(d, b, seen, out);
        }
        Pat::Group(a, b) => {
            walk_first(d, a, seen, out);
            if d.nullable(a) {
                walk_first(d, b, seen, out);
            }
        }
        Pat::OneOrMore(a) | Pat::After(a, _) => walk_first(d, a, seen, out),
        Pat::Element(slot) => {
            let mut names = Vec::new();
            d.g.ncs
                .describe(d.g.elements[slot as usize].nc, &d.g.main_ns, &mut names);
            out.extend(names);
        }
        _ => {}
    }
}

/// The attribute names that state `p` still allows.
pub(crate) fn allowed_attributes(d: &Deriv, p: PatId) -> Vec<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![p];
    let mut seen = FxMap::default();
    while let Some(p) = stack.pop() {
        if seen.insert(p, ()).is_some() {
            continue;
        }
        match d.st.get(p) {
            Pat::Choice(a, b) | Pat::Interleave(a, b) | Pat::Group(a, b) => stack.extend([a, b]),
            Pat::OneOrMore(a) | Pat::After(a, _) => stack.push(a),
            Pat::Attribute(nc, _) => {
                let mut names = Vec::new();
                d.g.ncs.describe(nc, "", &mut names);
                out.extend(names);
            }
            _ => {}
        }
    }
    out.into_iter().collect()
}

/// The attributes state `p` needs before the start tag may close.
pub(crate) fn required_attributes(d: &mut Deriv, p: PatId) -> Vec<String> {
    let mut out = BTreeSet::new();
    required(d, p, &mut out, 0);
    out.into_iter().collect()
}

fn required(d: &mut Deriv, p: PatId, out: &mut BTreeSet<String>, depth: u32) {
    if depth > 200 || d.close(p, false) != super::schema::NOT_ALLOWED {
        return;
    }
    match d.st.get(p) {
        Pat::Choice(a, b) | Pat::Interleave(a, b) | Pat::Group(a, b) => {
            required(d, a, out, depth + 1);
            required(d, b, out, depth + 1);
        }
        Pat::OneOrMore(a) | Pat::After(a, _) => required(d, a, out, depth + 1),
        Pat::Attribute(nc, _) => {
            let mut names = Vec::new();
            d.g.ncs.describe(nc, "", &mut names);
            out.extend(names);
        }
        _ => {}
    }
}

/// What the attribute `{ns}local` may hold in state `p`: its values, or
/// the description of its datatypes.
pub(crate) fn attribute_values(d: &Deriv, p: PatId, ns: &str, local: &str) -> Vec<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![p];
    let mut seen = FxMap::default();
    while let Some(p) = stack.pop() {
        if seen.insert(p, ()).is_some() {
            continue;
        }
        match d.st.get(p) {
            Pat::Choice(a, b) | Pat::Interleave(a, b) | Pat::Group(a, b) => stack.extend([a, b]),
            Pat::OneOrMore(a) | Pat::After(a, _) => stack.push(a),
            Pat::Attribute(nc, v) if d.g.ncs.contains(nc, ns, local) => {
                describe_values(d, v, &mut out)
            }
            _ => {}
        }
    }
    out.into_iter().collect()
}

/// The values (quoted) or datatypes that the value pattern `p` allows.
pub(crate) fn describe_values(d: &Deriv, p: PatId, out: &mut BTreeSet<String>) {
    let mut stack = vec![p];
    while let Some(p) = stack.pop() {
        match d.st.get(p) {
            Pat::Choice(a, b) | Pat::Group(a, b) | Pat::Interleave(a, b) => stack.extend([a, b]),
            Pat::OneOrMore(a) => stack.push(a),
            Pat::Value(v) => {
                out.insert(format!("`{}`", d.g.values[v as usize].lexical));
            }
            Pat::Data(dt, _) => {
                out.insert(d.g.dts[dt as usize].describe());
            }
            Pat::List(a) => {
                let mut inner = BTreeSet::new();
                describe_values(d, a, &mut inner);
                let inner: Vec<String> = inner.into_iter().collect();
                out.insert(format!("a list of {}", inner.join(" or ")));
            }
            Pat::Text => {
                out.insert("any text".into());
            }
            _ => {}
        }
    }
}

/// `did you mean `x`?` for the candidate closest to `found`, if close.
pub(crate) fn did_you_mean(found: &str, candidates: &[String]) -> Option<String> {
    let found_plain = found.trim_matches('`');
    let best = candidates
        .iter()
        .map(|c| (edit_distance(found_plain, c.trim_matches('`')), c))
        .filter(|(dist, _)| *dist > 0)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))?;
    let limit = (found_plain.chars().count() / 3).max(1);
    (best.0 <= limit).then(|| format!("did you mean `{}`?", best.1.trim_matches('`')))
}

/// `a`, `b` or `c` as a phrase for messages.
pub(crate) fn one_of(names: &[String]) -> String {
    let quoted: Vec<String> = names
        .iter()
        .map(|n| {
            if n.starts_with('`') || n.contains(' ') {
                n.clone()
            } else {
                format!("`{n}`")
            }
        })
        .collect();
    match quoted.len() {
        0 => "nothing".into(),
        1 => quoted[0].clone(),
        n if n > 12 => format!("one of {}, … ({} in all)", quoted[..12].join(", "), n),
        _ => format!("one of {}", quoted.join(", ")),
    }
}
