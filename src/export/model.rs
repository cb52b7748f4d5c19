//! The view of an edition the HTML exporter works from: the register's
//! entries (persons, places, organisations) and, for each letter, what its
//! `correspDesc` says and which entries it mentions.

use std::collections::BTreeMap;
use std::path::Path;

use roxmltree::{Document, Node};

use super::ExportError;
use crate::files;
use crate::tei::{parse_untrusted, TEI_NS};

/// The kind of a register entry, and so the index page it is listed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A person (`person`, `persName`).
    Person,
    /// A place (`place`, `placeName`).
    Place,
    /// An organisation (`org`, `orgName`).
    Org,
}

impl Kind {
    /// Every kind, in the order of the index pages.
    pub const ALL: [Kind; 3] = [Kind::Person, Kind::Place, Kind::Org];

    /// The kind a TEI name element (`persName`, `placeName`, `orgName`, or
    /// `name`/`rs` with `@type`) refers to.
    #[must_use]
    pub fn of_name(node: Node<'_, '_>) -> Option<Kind> {
        match node.tag_name().name() {
            "persName" => Some(Kind::Person),
            "placeName" | "settlement" | "country" | "region" => Some(Kind::Place),
            "orgName" => Some(Kind::Org),
            "name" | "rs" => match node.attribute("type") {
                Some("person") => Some(Kind::Person),
                Some("place") => Some(Kind::Place),
                Some("org" | "organisation" | "organization") => Some(Kind::Org),
                _ => None,
            },
            _ => None,
        }
    }

    /// The file name of the kind's index page.
    #[must_use]
    pub fn page(self) -> &'static str {
        match self {
            Kind::Person => "persons.html",
            Kind::Place => "places.html",
            Kind::Org => "orgs.html",
        }
    }

    /// The heading of the kind's index page.
    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            Kind::Person => "Persons",
            Kind::Place => "Places",
            Kind::Org => "Organisations",
        }
    }
}

/// An entry of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry's `xml:id`.
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Its names, the preferred one first.
    pub names: Vec<String>,
    /// Authority identifiers (`idno`): type and value.
    pub idnos: Vec<(String, String)>,
    /// A short description (`occupation`, `desc`, `note`), if any.
    pub note: Option<String>,
}

/// The register of an edition: entries by `xml:id`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    /// The register's file name (for `@ref="register.xml#id"`).
    pub file_name: Option<String>,
    /// The entries, by id.
    pub entries: BTreeMap<String, Entry>,
}

impl Register {
    /// Reads a register (`listPerson`/`listPlace`/`listOrg` anywhere in a TEI file).
    ///
    /// # Errors
    ///
    /// [`ExportError::File`] when it cannot be read, [`ExportError::Malformed`]
    /// when it is not well-formed XML.
    pub fn load(path: &Path) -> Result<Register, ExportError> {
        let file = files::read_text(path)?;
        let doc = parse_untrusted(&file.text).map_err(|e| ExportError::malformed(path, &e))?;
        let mut register = Register::from_document(&doc);
        register.file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        Ok(register)
    }

    /// The entries of a parsed register.
    #[must_use]
    pub fn from_document(doc: &Document<'_>) -> Register {
        let mut entries = BTreeMap::new();
        for node in doc.descendants().filter(is_tei) {
            let kind = match node.tag_name().name() {
                "person" | "personGrp" => Kind::Person,
                "place" => Kind::Place,
                "org" => Kind::Org,
                _ => continue,
            };
            let Some(id) = node.attribute((crate::tei::XML_NS, "id")) else {
                continue;
            };
            entries
                .entry(id.to_owned())
                .or_insert_with(|| entry(node, id, kind));
        }
        Register {
            file_name: None,
            entries,
        }
    }

    /// The id an `@ref` points to in this register, or in the edition when
    /// the register does not know it: `#id`, `register.xml#id` (any relative
    /// file before the `#`). Absolute URLs are not the edition's.
    #[must_use]
    pub fn ref_id<'a>(&self, reference: &'a str) -> Option<&'a str> {
        let first = reference.split_whitespace().next()?;
        let (file, id) = first.split_once('#')?;
        if id.is_empty() || file.contains(':') {
            return None;
        }
        let local = file.rsplit('/').next().unwrap_or(file);
        let ours = file.is_empty()
            || self.file_name.as_deref().is_none_or(|name| name == local)
            || local.ends_with(".xml");
        ours.then_some(id)
    }
}

fn entry(node: Node<'_, '_>, id: &str, kind: Kind) -> Entry {
    let child_text = |names: &[&str]| {
        node.children()
            .filter(|c| c.is_element() && names.contains(&c.tag_name().name()))
            .map(|c| collapsed_text(c))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
    };
    let names = child_text(&["persName", "placeName", "orgName", "name"]);
    let idnos = node
        .children()
        .filter(|c| c.has_tag_name((TEI_NS, "idno")))
        .map(|c| {
            let kind = c.attribute("type").unwrap_or("id").to_owned();
            (kind, collapsed_text(c))
        })
        .collect();
    let note = child_text(&["occupation", "desc", "note"])
        .into_iter()
        .next();
    Entry {
        id: id.to_owned(),
        kind,
        names,
        idnos,
        note,
    }
}

/// Whether `node` is an element in the TEI namespace.
pub(crate) fn is_tei(node: &Node<'_, '_>) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(TEI_NS)
}

/// The text content of `node`, white space collapsed.
pub(crate) fn collapsed_text(node: Node<'_, '_>) -> String {
    let mut words = Vec::new();
    for text in node
        .descendants()
        .filter_map(|n| n.text().filter(|_| n.is_text()))
    {
        words.extend(text.split_whitespace());
    }
    words.join(" ")
}

/// A name in a letter: its text and what it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRef {
    /// The name as written.
    pub text: String,
    /// The register id it refers to, if any.
    pub id: Option<String>,
    /// Its kind, if known.
    pub kind: Option<Kind>,
}

/// What the index pages need to know about one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterView {
    /// The output file stem (`NAME` of `NAME.xml`).
    pub stem: String,
    /// The document's title.
    pub title: String,
    /// The date of sending as ISO 8601 (`@when`), for ordering.
    pub when: Option<String>,
    /// The date as written.
    pub date: Option<String>,
    /// Senders.
    pub from: Vec<NameRef>,
    /// Addressees.
    pub to: Vec<NameRef>,
    /// Places of sending.
    pub place: Vec<NameRef>,
    /// The entries the letter mentions, with their kind and the name first used.
    pub mentions: BTreeMap<String, (Kind, String)>,
}

impl LetterView {
    /// Reads the view of a parsed letter.
    #[must_use]
    pub fn of(doc: &Document<'_>, stem: &str, register: &Register) -> LetterView {
        let mut view = LetterView {
            stem: stem.to_owned(),
            title: title(doc).unwrap_or_else(|| stem.to_owned()),
            when: None,
            date: None,
            from: Vec::new(),
            to: Vec::new(),
            place: Vec::new(),
            mentions: BTreeMap::new(),
        };
        for action in doc
            .descendants()
            .filter(|n| n.has_tag_name((TEI_NS, "correspAction")))
        {
            view.read_action(action, register);
        }
        for node in doc.descendants().filter(is_tei) {
            let Some(name) = name_ref(node, register) else {
                continue;
            };
            if let (Some(id), Some(kind)) = (name.id, name.kind) {
                view.mentions.entry(id).or_insert((kind, name.text));
            }
        }
        view
    }

    fn read_action(&mut self, action: Node<'_, '_>, register: &Register) {
        let sent = match action.attribute("type") {
            Some("sent") => true,
            Some("received") => false,
            _ => return,
        };
        for child in action.children().filter(is_tei) {
            if child.tag_name().name() == "date" && sent && self.date.is_none() {
                self.when = child.attribute("when").map(str::to_owned);
                let text = collapsed_text(child);
                self.date = Some(if text.is_empty() {
                    self.when.clone().unwrap_or_default()
                } else {
                    text
                });
                continue;
            }
            let Some(name) = name_ref(child, register) else {
                continue;
            };
            match (sent, name.kind) {
                (true, Some(Kind::Place)) => self.place.push(name),
                (true, _) => self.from.push(name),
                (false, Some(Kind::Place)) => {}
                (false, _) => self.to.push(name),
            }
        }
    }
}

/// The name `node` stands for, when it is a TEI name element.
#[must_use]
pub fn name_ref(node: Node<'_, '_>, register: &Register) -> Option<NameRef> {
    if !is_tei(&node) {
        return None;
    }
    let own_kind = Kind::of_name(node);
    let is_name = own_kind.is_some() || matches!(node.tag_name().name(), "name" | "rs");
    if !is_name {
        return None;
    }
    let id = node
        .attribute("ref")
        .or_else(|| node.attribute("key"))
        .and_then(|r| register.ref_id(r))
        .map(str::to_owned);
    let kind = id
        .as_ref()
        .and_then(|id| register.entries.get(id))
        .map(|e| e.kind)
        .or(own_kind);
    Some(NameRef {
        text: collapsed_text(node),
        id,
        kind,
    })
}

/// The main title of a document (the first `titleStmt/title` that is not a
/// subtitle).
#[must_use]
pub fn title(doc: &Document<'_>) -> Option<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name((TEI_NS, "title")))
        .filter(|n| {
            n.parent()
                .is_some_and(|p| p.has_tag_name((TEI_NS, "titleStmt")))
        })
        .find(|n| matches!(n.attribute("type"), None | Some("main")))
        .map(collapsed_text)
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGISTER: &str = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><standOff>
        <listPerson><person xml:id="anne"><persName>Anne</persName><persName>A.</persName><idno type="VIAF">1</idno></person></listPerson>
        <listPlace><place xml:id="bath"><placeName>Bath</placeName></place></listPlace>
        <listOrg><org xml:id="rs"><orgName>Royal Society</orgName><desc>A society</desc></org></listOrg>
      </standOff></TEI>"#;

    fn register() -> Register {
        let doc = parse_untrusted(REGISTER).unwrap();
        let mut register = Register::from_document(&doc);
        register.file_name = Some("register.xml".into());
        register
    }

    #[test]
    fn register_entries_by_kind() {
        let register = register();
        let kinds: Vec<(&str, Kind)> = register
            .entries
            .values()
            .map(|e| (e.id.as_str(), e.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("anne", Kind::Person),
                ("bath", Kind::Place),
                ("rs", Kind::Org)
            ]
        );
        let anne = &register.entries["anne"];
        assert_eq!(anne.names, ["Anne", "A."]);
        assert_eq!(anne.idnos, [("VIAF".to_owned(), "1".to_owned())]);
        assert_eq!(register.entries["rs"].note.as_deref(), Some("A society"));
    }

    #[test]
    fn refs_into_the_edition() {
        let register = register();
        assert_eq!(register.ref_id("#anne"), Some("anne"));
        assert_eq!(register.ref_id("register.xml#anne"), Some("anne"));
        assert_eq!(register.ref_id("../register.xml#anne #other"), Some("anne"));
        assert_eq!(register.ref_id("https://viaf.org/1#x"), None);
        assert_eq!(register.ref_id("anne"), None);
        assert_eq!(register.ref_id("#"), None);
    }

    #[test]
    fn letter_view_reads_corresp_desc_and_mentions() {
        let letter = r##"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
            <title type="sub">Sub</title><title>Main</title></titleStmt></fileDesc>
            <profileDesc><correspDesc>
              <correspAction type="sent"><persName ref="#anne">Anne</persName><placeName ref="#bath">Bath</placeName><date when="1771-03-02">2 March</date></correspAction>
              <correspAction type="received"><orgName ref="register.xml#rs">the Society</orgName></correspAction>
            </correspDesc></profileDesc></teiHeader>
            <text><body><p><rs type="place" ref="#london">London</rs> <persName>Nobody</persName></p></body></text></TEI>"##;
        let doc = parse_untrusted(letter).unwrap();
        let view = LetterView::of(&doc, "l", &register());
        assert_eq!(view.title, "Main");
        assert_eq!(view.when.as_deref(), Some("1771-03-02"));
        assert_eq!(view.date.as_deref(), Some("2 March"));
        assert_eq!(view.from[0].id.as_deref(), Some("anne"));
        assert_eq!(view.place[0].kind, Some(Kind::Place));
        assert_eq!(view.to[0].id.as_deref(), Some("rs"));
        let mentions: Vec<&str> = view.mentions.keys().map(String::as_str).collect();
        assert_eq!(mentions, ["anne", "bath", "london", "rs"]);
    }
}
