//! The edition's register of persons, places and organisations.
//!
//! A register is a TEI document (or fragment) holding `listPerson`,
//! `listPlace` and `listOrg` entries, each with an `xml:id` and one or more
//! names (`persName`, `placeName`, `orgName`); every name of an entry is a
//! variant it is known by. The encoder links names it finds to these entries
//! with `@ref="#ID"`.

mod harvest;
mod matcher;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use harvest::{harvest, suggest, Candidate, Harvest, HarvestError};
pub use matcher::RegisterMatch;

use crate::tei::{TEI_NS, XML_NS};

/// The kind of a register entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// A person (`person`, named by `persName`).
    Person,
    /// A place (`place`, named by `placeName`).
    Place,
    /// An organisation (`org`, named by `orgName`).
    Org,
}

impl EntityKind {
    /// The kind a naming element (`persName`, `placeName`, `orgName`) names.
    #[must_use]
    pub fn from_name_element(name: &str) -> Option<Self> {
        match name {
            "persName" => Some(Self::Person),
            "placeName" => Some(Self::Place),
            "orgName" => Some(Self::Org),
            _ => None,
        }
    }

    /// The entry element of this kind in a register (`person`, `place`, `org`).
    #[must_use]
    pub fn entry_element(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Place => "place",
            Self::Org => "org",
        }
    }

    /// The list element holding entries of this kind (`listPerson`, …).
    #[must_use]
    pub fn list_element(self) -> &'static str {
        match self {
            Self::Person => "listPerson",
            Self::Place => "listPlace",
            Self::Org => "listOrg",
        }
    }

    /// The TEI element that names an entity of this kind in running text.
    #[must_use]
    pub fn name_element(self) -> &'static str {
        match self {
            Self::Person => "persName",
            Self::Place => "placeName",
            Self::Org => "orgName",
        }
    }

    /// The kind of a register entry element (`person`, `place`, `org`).
    #[must_use]
    pub fn from_entry_element(name: &str) -> Option<Self> {
        match name {
            "person" => Some(Self::Person),
            "place" => Some(Self::Place),
            "org" => Some(Self::Org),
            _ => None,
        }
    }
}

/// One entry of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry's `xml:id`.
    pub id: String,
    /// What it is.
    pub kind: EntityKind,
    /// Its names, the preferred one first, white space collapsed.
    pub names: Vec<String>,
}

/// An edition's register, loaded from TEI.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    /// The entries in document order.
    pub entries: Vec<Entry>,
    /// (kind, lowercased name) → index into `entries`.
    index: BTreeMap<(EntityKind, String), usize>,
    /// Every name of every entry, built on first use.
    matcher: matcher::Matcher,
}

/// An error loading a register.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum RegisterError {
    /// The file could not be read.
    #[error("cannot read the register `{path}`")]
    #[diagnostic(code(teikit::register::read))]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The file is not well-formed XML.
    #[error("the register `{path}` is not well-formed XML: {message}")]
    #[diagnostic(code(teikit::register::xml))]
    Xml {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        message: String,
        /// The source, for the label.
        #[source_code]
        src: miette::NamedSource<String>,
        /// Where.
        #[label("here")]
        span: miette::SourceSpan,
    },
    /// An entry has no `xml:id`, so nothing can point to it.
    #[error("register entry `<{element}>` at line {line} has no `xml:id`")]
    #[diagnostic(
        code(teikit::register::missing_id),
        help(
            "give every person, place and org an `xml:id` so letters can point to it with `@ref`"
        )
    )]
    MissingId {
        /// The entry element.
        element: String,
        /// Its line.
        line: u32,
    },
}

impl Register {
    /// Loads a register from a TEI file.
    ///
    /// # Errors
    ///
    /// A [`RegisterError`] for an unreadable or malformed file or an entry
    /// without `xml:id`.
    pub fn load(path: &Path) -> Result<Self, RegisterError> {
        let text = std::fs::read_to_string(path).map_err(|source| RegisterError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(path, &text)
    }

    /// Parses the text of a register.
    ///
    /// # Errors
    ///
    /// As [`Register::load`], without the read error.
    pub fn parse(path: &Path, text: &str) -> Result<Self, RegisterError> {
        let doc = crate::tei::parse_untrusted(text).map_err(|e| {
            let pos = e.pos();
            let offset = line_col_to_offset(text, pos.row, pos.col);
            RegisterError::Xml {
                path: path.to_path_buf(),
                message: e.to_string(),
                src: miette::NamedSource::new(path.display().to_string(), text.to_owned()),
                span: offset.into(),
            }
        })?;
        let mut register = Self::default();
        for node in doc
            .descendants()
            .filter(|n| n.tag_name().namespace() == Some(TEI_NS))
        {
            let Some(kind) = EntityKind::from_entry_element(node.tag_name().name()) else {
                continue;
            };
            let Some(id) = node.attribute((XML_NS, "id")) else {
                return Err(RegisterError::MissingId {
                    element: node.tag_name().name().to_owned(),
                    line: doc.text_pos_at(node.range().start).row,
                });
            };
            let names = node
                .children()
                .filter(|c| {
                    c.tag_name().namespace() == Some(TEI_NS)
                        && c.tag_name().name() == kind.name_element()
                })
                .map(|c| {
                    collapse(
                        &c.descendants()
                            .filter(roxmltree::Node::is_text)
                            .filter_map(|d| d.text())
                            .collect::<String>(),
                    )
                })
                .filter(|n| !n.is_empty())
                .collect();
            register.insert(Entry {
                id: id.to_owned(),
                kind,
                names,
            });
        }
        Ok(register)
    }

    /// Adds an entry; names already taken by an earlier entry keep pointing there.
    pub fn insert(&mut self, entry: Entry) {
        self.matcher = matcher::Matcher::default();
        let at = self.entries.len();
        for name in &entry.names {
            self.index
                .entry((entry.kind, name.to_lowercase()))
                .or_insert(at);
        }
        self.entries.push(entry);
    }

    /// The entry of this kind known by `name` (case-insensitive, white space
    /// collapsed), if any.
    #[must_use]
    pub fn lookup(&self, kind: EntityKind, name: &str) -> Option<&Entry> {
        self.index
            .get(&(kind, collapse(name).to_lowercase()))
            .map(|&i| &self.entries[i])
    }
}

/// Collapses runs of white space to one space and trims the ends.
#[must_use]
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn line_col_to_offset(text: &str, row: u32, col: u32) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(row.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let line = &text[line_start.min(text.len())..];
    line_start
        + line
            .char_indices()
            .nth(col.saturating_sub(1) as usize)
            .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: &str = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><standOff>
      <listPerson><person xml:id="kim"><persName>Kim Jong Il</persName><persName>Kim  Jong-il</persName></person></listPerson>
      <listPlace><place xml:id="pyongyang"><placeName>Pyongyang</placeName></place></listPlace>
    </standOff></TEI>"#;

    #[test]
    fn names_and_variants_are_found() {
        let r = Register::parse(Path::new("r.xml"), REG).unwrap();
        assert_eq!(
            r.lookup(EntityKind::Person, "kim jong-il").unwrap().id,
            "kim"
        );
        assert_eq!(
            r.lookup(EntityKind::Person, "Kim\nJong Il").unwrap().id,
            "kim"
        );
        assert_eq!(
            r.lookup(EntityKind::Place, "Pyongyang").unwrap().id,
            "pyongyang"
        );
        assert!(r.lookup(EntityKind::Person, "Pyongyang").is_none());
    }

    #[test]
    fn missing_id_is_an_error() {
        let err = Register::parse(
            Path::new("r.xml"),
            r#"<listPerson xmlns="http://www.tei-c.org/ns/1.0">
<person><persName>X</persName></person></listPerson>"#,
        )
        .unwrap_err();
        assert!(
            matches!(err, RegisterError::MissingId { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn malformed_xml_is_located() {
        let err =
            Register::parse(Path::new("r.xml"), "<listPerson>\n<person></listPerson>").unwrap_err();
        assert!(matches!(err, RegisterError::Xml { .. }), "{err:?}");
    }
}
