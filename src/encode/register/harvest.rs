//! Teaching the register from the edition: harvesting the names editors
//! marked in the letters, and suggesting names nobody has linked yet.
//!
//! Harvest reads every `persName`, `placeName` and `orgName` in the `text`
//! of the edition's TEI letters. A name whose `@ref` points at a register
//! entry becomes a variant of that entry if the entry does not know it yet;
//! a name without `@ref` that no entry knows becomes a new entry (its
//! `xml:id` made from the name, unique). The register file is changed only by
//! inserting text: every existing entry, id and byte stays as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{collapse, EntityKind, Register, RegisterError};
use crate::tei::TEI_NS;

/// An error harvesting a register.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum HarvestError {
    /// The register could not be loaded.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Register(#[from] RegisterError),
    /// A letter could not be read.
    #[error(transparent)]
    #[diagnostic(transparent)]
    File(#[from] crate::files::FileError),
    /// A letter is not well-formed XML.
    #[error("the letter `{path}` is not well-formed XML: {message}")]
    #[diagnostic(
        code(teikit::register::letter_xml),
        help("fix the letter (`teikit validate` locates the error), then harvest again")
    )]
    LetterXml {
        /// The letter.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// The register has no `standOff` or `TEI` element to put new lists in.
    #[error("the register `{path}` has no `<standOff>` to add `<{list}>` to")]
    #[diagnostic(
        code(teikit::register::no_standoff),
        help("put the register's lists in `<standOff>` inside `<TEI>`")
    )]
    NoStandOff {
        /// The register.
        path: PathBuf,
        /// The list that was needed.
        list: &'static str,
    },
}

/// A name marked in a letter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Marked {
    kind: EntityKind,
    name: String,
    /// The `xml:id` its `@ref` points to, if it is a local reference.
    target: Option<String>,
}

/// What a harvest added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Harvest {
    /// The new register text.
    pub text: String,
    /// New variants: (entry id, name).
    pub variants: Vec<(String, String)>,
    /// New entries: (kind, id, name).
    pub entries: Vec<(EntityKind, String, String)>,
}

/// A name for an editor to review, with how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// What it seems to be.
    pub kind: EntityKind,
    /// The name, white space collapsed.
    pub name: String,
    /// How many times it occurs unlinked.
    pub count: usize,
    /// Whether an editor marked it (without `@ref`), rather than teikit finding it.
    pub marked: bool,
}

/// Reads the names marked in the `text` of TEI letters.
fn marked_names(letters: &[PathBuf]) -> Result<Vec<Marked>, HarvestError> {
    let mut out = Vec::new();
    for path in letters {
        let file = crate::files::read_text(path)?;
        let doc = crate::tei::parse_untrusted(&file.text).map_err(|e| HarvestError::LetterXml {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let Some(text) = doc.descendants().find(|n| n.has_tag_name((TEI_NS, "text"))) else {
            continue;
        };
        for node in text
            .descendants()
            .filter(|n| n.tag_name().namespace() == Some(TEI_NS))
        {
            let Some(kind) = EntityKind::from_name_element(node.tag_name().name()) else {
                continue;
            };
            let name = collapse(
                &node
                    .descendants()
                    .filter_map(|d| d.is_text().then(|| d.text()).flatten())
                    .collect::<String>(),
            );
            if name.is_empty() {
                continue;
            }
            let target = node
                .attribute("ref")
                .and_then(|r| r.split_whitespace().next())
                .and_then(|r| r.strip_prefix('#'))
                .map(str::to_owned);
            out.push(Marked { kind, name, target });
        }
    }
    Ok(out)
}

/// Harvests the names marked in `letters` into the register at `path`,
/// returning the new register text (the caller writes it).
///
/// # Errors
///
/// A [`HarvestError`] for an unreadable register or letter.
pub fn harvest(path: &Path, letters: &[PathBuf]) -> Result<Harvest, HarvestError> {
    let file = crate::files::read_text(path)?;
    let mut register = Register::parse(path, &file.text)?;
    let mut result = Harvest::default();
    let mut new_names: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut new_entries: Vec<(EntityKind, String, String)> = Vec::new();
    for m in marked_names(letters)? {
        let by_ref = m
            .target
            .as_ref()
            .and_then(|id| register.entries.iter().position(|e| &e.id == id));
        if let Some(i) = by_ref {
            if register.entries[i].kind == m.kind
                && !register.entries[i]
                    .names
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(&m.name))
            {
                register.entries[i].names.push(m.name.clone());
                register
                    .index
                    .entry((m.kind, m.name.to_lowercase()))
                    .or_insert(i);
                new_names.entry(i).or_default().push(m.name.clone());
                result
                    .variants
                    .push((register.entries[i].id.clone(), m.name));
            }
            continue;
        }
        if m.target.is_some() || register.lookup(m.kind, &m.name).is_some() {
            continue;
        }
        let id = unique_id(&register, &m.name);
        register.insert(super::Entry {
            id: id.clone(),
            kind: m.kind,
            names: vec![m.name.clone()],
        });
        new_entries.push((m.kind, id, m.name));
    }
    result.text = insert_all(path, &file.text, &register, &new_names, &new_entries)?;
    result.entries = new_entries;
    Ok(result)
}

/// An `xml:id` made from a name: lower-case ASCII letters and digits joined by
/// hyphens, starting with a letter, with `-2`, `-3`, … if it is taken.
fn unique_id(register: &Register, name: &str) -> String {
    let mut base = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            base.push(c.to_ascii_lowercase());
        } else if !base.ends_with('-') && !base.is_empty() {
            base.push('-');
        }
    }
    let base = base.trim_end_matches('-');
    let base = if base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        base.to_owned()
    } else {
        format!("n-{base}")
    };
    let taken = |id: &str| register.entries.iter().any(|e| e.id == id);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The white space before the line of `offset` (for indenting insertions).
fn indent_at(text: &str, offset: usize) -> &str {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Applies the insertions to the register's text.
fn insert_all(
    path: &Path,
    text: &str,
    register: &Register,
    new_names: &BTreeMap<usize, Vec<String>>,
    new_entries: &[(EntityKind, String, String)],
) -> Result<String, HarvestError> {
    if new_names.is_empty() && new_entries.is_empty() {
        return Ok(text.to_owned());
    }
    let doc = crate::tei::parse_untrusted(text).map_err(|e| {
        HarvestError::Register(RegisterError::Xml {
            path: path.to_path_buf(),
            message: e.to_string(),
            src: miette::NamedSource::new(path.display().to_string(), text.to_owned()),
            span: 0.into(),
        })
    })?;
    let mut inserts: Vec<(usize, String)> = Vec::new();
    let entry_nodes: Vec<roxmltree::Node<'_, '_>> = doc
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some(TEI_NS))
        .filter(|n| EntityKind::from_entry_element(n.tag_name().name()).is_some())
        .collect();
    for (i, names) in new_names {
        let Some(node) = entry_nodes.get(*i) else {
            continue;
        };
        let kind = register.entries[*i].kind;
        let last_name = node
            .children()
            .rfind(|c| c.has_tag_name((TEI_NS, kind.name_element())));
        let at = last_name.map_or_else(|| open_tag_end(text, node), |n| n.range().end);
        let indent = indent_at(
            text,
            last_name.map_or(node.range().start, |n| n.range().start),
        );
        let el = kind.name_element();
        let pad = if last_name.is_some() {
            indent.to_owned()
        } else {
            format!("{indent}  ")
        };
        for name in names {
            inserts.push((at, format!("\n{pad}<{el}>{}</{el}>", escape(name))));
        }
    }
    for kind in [EntityKind::Person, EntityKind::Place, EntityKind::Org] {
        let mine: Vec<_> = new_entries.iter().filter(|e| e.0 == kind).collect();
        if !mine.is_empty() {
            inserts.push(list_insertion(path, text, &doc, kind, &mine)?);
        }
    }
    inserts.sort_by_key(|(at, _)| *at);
    let mut out = text.to_owned();
    for (at, s) in inserts.into_iter().rev() {
        out.insert_str(at, &s);
    }
    Ok(out)
}

/// The offset just after an element's start tag.
fn open_tag_end(text: &str, node: &roxmltree::Node<'_, '_>) -> usize {
    let r = node.range();
    text[r.start..r.end]
        .find('>')
        .map_or(r.end, |i| r.start + i + 1)
}

/// Where and what to insert for the new entries of one kind: after the last
/// entry of its list, or in a new list at the end of `standOff`.
fn list_insertion(
    path: &Path,
    text: &str,
    doc: &roxmltree::Document<'_>,
    kind: EntityKind,
    entries: &[&(EntityKind, String, String)],
) -> Result<(usize, String), HarvestError> {
    let (ent, name_el, list_el) = (
        kind.entry_element(),
        kind.name_element(),
        kind.list_element(),
    );
    let list = doc
        .descendants()
        .find(|n| n.has_tag_name((TEI_NS, list_el)));
    let parent = match list {
        Some(l) => l,
        None => doc
            .descendants()
            .find(|n| n.has_tag_name((TEI_NS, "standOff")))
            .ok_or_else(|| HarvestError::NoStandOff {
                path: path.to_path_buf(),
                list: list_el,
            })?,
    };
    let at = parent
        .children()
        .rfind(roxmltree::Node::is_element)
        .map_or_else(|| open_tag_end(text, &parent), |c| c.range().end);
    let outer = indent_at(text, parent.range().start);
    let indent = if list.is_some() {
        format!("{outer}  ")
    } else {
        format!("{outer}    ")
    };
    let mut s = String::new();
    for (_, id, name) in entries {
        s.push_str(&format!(
            "\n{indent}<{ent} xml:id=\"{id}\">\n{indent}  <{name_el}>{}</{name_el}>\n{indent}</{ent}>",
            escape(name)
        ));
    }
    if list.is_none() {
        s = format!("\n{outer}  <{list_el}>{s}\n{outer}  </{list_el}>");
    }
    Ok((at, s))
}

/// Names in the edition's letters that no register entry links: those the
/// editors marked without a resolvable `@ref`, and those teikit's recognisers
/// find that are neither marked nor known to the register. Most frequent first.
///
/// # Errors
///
/// A [`HarvestError`] for an unreadable register or letter.
pub fn suggest(register_path: &Path, letters: &[PathBuf]) -> Result<Vec<Candidate>, HarvestError> {
    let register = Register::load(register_path)?;
    let mut counts: BTreeMap<(EntityKind, String), (usize, bool)> = BTreeMap::new();
    for m in marked_names(letters)? {
        let linked = m
            .target
            .as_ref()
            .is_some_and(|id| register.entries.iter().any(|e| &e.id == id));
        if !linked && register.lookup(m.kind, &m.name).is_none() {
            let c = counts.entry((m.kind, m.name)).or_insert((0, true));
            c.0 += 1;
        }
    }
    for path in letters {
        let file = crate::files::read_text(path)?;
        let Ok(doc) = crate::tei::parse_untrusted(&file.text) else {
            continue;
        };
        let stripped = crate::eval::strip::strip(&doc);
        let marked: Vec<(usize, usize)> =
            stripped.entities.iter().map(|e| (e.start, e.end)).collect();
        for (kind, name, nonws) in found_names(&stripped.text) {
            let known = register.lookup(kind, &name).is_some();
            let is_marked = marked.iter().any(|&(s, e)| s < nonws.1 && nonws.0 < e);
            if !known && !is_marked {
                counts.entry((kind, name)).or_insert((0, false)).0 += 1;
            }
        }
    }
    let mut out: Vec<Candidate> = counts
        .into_iter()
        .map(|((kind, name), (count, marked))| Candidate {
            kind,
            name,
            count,
            marked,
        })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| (a.kind, &a.name).cmp(&(b.kind, &b.name)))
    });
    Ok(out)
}

/// The names teikit's recognisers find in plain text, each with its span in
/// non-white-space characters.
fn found_names(text: &str) -> Vec<(EntityKind, String, (usize, usize))> {
    let mentions =
        crate::encode::recognize::recognize(text, &crate::encode::recognize::Context::default());
    let nonws_before = |at: usize| text[..at].chars().filter(|c| !c.is_whitespace()).count();
    mentions
        .iter()
        .filter_map(|m| {
            let kind = EntityKind::from_name_element(m.element)?;
            let span = (nonws_before(m.start), nonws_before(m.end));
            Some((kind, collapse(&text[m.start..m.end]), span))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs_and_unique() {
        let mut r = Register::default();
        assert_eq!(unique_id(&r, "Mr. W. Smith"), "mr-w-smith");
        assert_eq!(unique_id(&r, "1848 Club"), "n-1848-club");
        r.insert(super::super::Entry {
            id: "bath".into(),
            kind: EntityKind::Place,
            names: vec!["Bath".into()],
        });
        assert_eq!(unique_id(&r, "Bath"), "bath-2");
    }
}
