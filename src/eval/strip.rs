//! Stripping a TEI letter to plain text, keeping where its entities were.
//!
//! The rules are those the dev corpus's `.txt` files were made with: the
//! content of `<text>` with the tags removed, white space collapsed inside
//! each block (`p`, `dateline`, `salute`, `signed`, `addrLine`, `head`, …),
//! blocks separated by a blank line. Editorial matter (`note`, `del`, `fw`,
//! the `list*` registers, …) is left out, and of a `choice` only the
//! diplomatic reading (`orig`, `sic`, `abbr`) is kept.
//!
//! Entities are located by the non-white-space characters they cover, so that
//! two strippings of the same letter with different blocks or line breaks
//! (the editors' TEI and teikit's) can be compared position by position.

use roxmltree::Node;

use crate::tei::TEI_NS;

/// What an entity is, for scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// `persName`.
    Person,
    /// `placeName`, `geogName`.
    Place,
    /// `orgName`.
    Org,
    /// `date`.
    Date,
    /// `rs`, `name`: scored nowhere, but they hide what they contain.
    Other,
}

impl Category {
    /// The category of an element, if it marks an entity.
    #[must_use]
    pub fn of_element(name: &str) -> Option<Self> {
        match name {
            "persName" => Some(Self::Person),
            "placeName" | "geogName" => Some(Self::Place),
            "orgName" => Some(Self::Org),
            "date" => Some(Self::Date),
            "rs" | "name" => Some(Self::Other),
            _ => None,
        }
    }

    /// The category's name in reports.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Place => "place",
            Self::Org => "org",
            Self::Date => "date",
            Self::Other => "other",
        }
    }
}

/// A top-level entity of a stripped letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// What it is.
    pub category: Category,
    /// Index of its first non-white-space character in the letter.
    pub start: usize,
    /// Index just past its last non-white-space character.
    pub end: usize,
    /// Its text, white space collapsed.
    pub text: String,
    /// A date's normalised value: `when`, `from`/`to`, `notBefore`/`notAfter`
    /// joined as `attr=value` pairs in that order; empty for none.
    pub value: String,
}

/// A letter stripped to plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stripped {
    /// The plain text, blocks separated by a blank line.
    pub text: String,
    /// The top-level entities, in document order.
    pub entities: Vec<Entity>,
}

/// Elements whose content forms its own block.
const BLOCKS: &[&str] = &[
    "p",
    "ab",
    "head",
    "opener",
    "closer",
    "dateline",
    "salute",
    "signed",
    "address",
    "addrLine",
    "postscript",
    "byline",
    "docDate",
    "trailer",
    "lg",
    "l",
    "item",
    "label",
    "div",
    "front",
    "back",
    "body",
    "table",
    "row",
    "cell",
];

/// Elements left out with their content.
const SKIPPED: &[&str] = &[
    "note",
    "del",
    "fw",
    "listPerson",
    "listPlace",
    "listOrg",
    "listBibl",
    "listEvent",
    "teiHeader",
    "facsimile",
    "standOff",
    "figDesc",
    "interp",
    "interpGrp",
    "metamark",
    "surplus",
];

/// Strips a parsed TEI document (its `text` element) to plain text.
#[must_use]
pub fn strip(doc: &roxmltree::Document<'_>) -> Stripped {
    let mut out = Out::default();
    if let Some(text) = doc
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "text" && is_tei(n))
    {
        walk(text, &mut out, 0);
    }
    Stripped {
        text: out.text,
        entities: out.entities,
    }
}

fn is_tei(node: &Node<'_, '_>) -> bool {
    matches!(node.tag_name().namespace(), Some(TEI_NS) | None)
}

#[derive(Default)]
struct Out {
    text: String,
    entities: Vec<Entity>,
    /// Non-white-space characters written so far.
    count: usize,
    block_has_text: bool,
    pending_space: bool,
    /// After `<lb break="no"/>`: white space is dropped until the next character.
    glue: bool,
}

impl Out {
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.pending_space |= self.block_has_text && !self.glue;
                continue;
            }
            self.glue = false;
            if !self.block_has_text && !self.text.is_empty() {
                self.text.push_str("\n\n");
            } else if self.pending_space {
                self.text.push(' ');
            }
            self.text.push(c);
            self.count += 1;
            self.block_has_text = true;
            self.pending_space = false;
        }
    }

    fn break_block(&mut self) {
        self.block_has_text = false;
        self.pending_space = false;
    }
}

fn walk(node: Node<'_, '_>, out: &mut Out, depth: usize) {
    for child in node.children() {
        if child.is_text() {
            out.push_text(child.text().unwrap_or(""));
            continue;
        }
        if !child.is_element() || !is_tei(&child) {
            continue;
        }
        let name = child.tag_name().name();
        if SKIPPED.contains(&name) {
            continue;
        }
        if name == "lb" && child.attribute("break") == Some("no") {
            out.pending_space = false;
            out.glue = true;
            continue;
        }
        if matches!(name, "lb" | "pb" | "cb") && !out.glue {
            out.push_text(" ");
        }
        if name == "choice" {
            choice(child, out, depth);
            continue;
        }
        let block = BLOCKS.contains(&name);
        if block {
            out.break_block();
        }
        match Category::of_element(name) {
            Some(category) => entity(child, category, out, depth),
            None => walk(child, out, depth),
        }
        if block {
            out.break_block();
        }
    }
}

/// Of a `choice`, only the diplomatic reading: `orig`, `sic` or `abbr`
/// (else the first reading), without the white space between readings.
fn choice(node: Node<'_, '_>, out: &mut Out, depth: usize) {
    let readings: Vec<Node<'_, '_>> = node.children().filter(Node::is_element).collect();
    let diplomatic = readings
        .iter()
        .find(|r| matches!(r.tag_name().name(), "orig" | "sic" | "abbr"))
        .or_else(|| readings.first());
    if let Some(r) = diplomatic {
        walk_one(*r, out, depth);
    }
}

/// Walks one element as if it were the only child of its parent.
fn walk_one(node: Node<'_, '_>, out: &mut Out, depth: usize) {
    match Category::of_element(node.tag_name().name()) {
        Some(category) => entity(node, category, out, depth),
        None => walk(node, out, depth),
    }
}

fn entity(node: Node<'_, '_>, category: Category, out: &mut Out, depth: usize) {
    let (start, at) = (out.count, out.text.len());
    walk(node, out, depth + 1);
    if depth > 0 || out.count == start {
        return;
    }
    let text = out.text[at..].trim_start().to_owned();
    out.entities.push(Entity {
        category,
        start,
        end: out.count,
        text,
        value: date_value(node),
    });
}

/// The normalised value of a date element, as [`Entity::value`] describes.
#[must_use]
pub fn date_value(node: Node<'_, '_>) -> String {
    ["when", "from", "to", "notBefore", "notAfter"]
        .iter()
        .filter_map(|a| node.attribute(*a).map(|v| format!("{a}={v}")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip_str(xml: &str) -> Stripped {
        let doc = roxmltree::Document::parse(xml).unwrap();
        strip(&doc)
    }

    #[test]
    fn blocks_collapse_and_entities_keep_their_place() {
        let s = strip_str(
            r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><title>x</title></teiHeader>
            <text><body><opener>Private <dateline> <placeName>Paris</placeName>,
            <date when="1850-01-02">2 Jan. 1850</date></dateline></opener>
            <p>To <persName>Mr <choice><abbr>W.</abbr><expan>William</expan></choice>
            Smith</persName><note>who?</note> at <placeName>Rome <geogName>x</geogName></placeName>.</p>
            </body></text></TEI>"#,
        );
        assert_eq!(
            s.text,
            "Private\n\nParis, 2 Jan. 1850\n\nTo Mr W. Smith at Rome x."
        );
        let found: Vec<(&str, Category, &str)> = s
            .entities
            .iter()
            .map(|e| (e.text.as_str(), e.category, e.value.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("Paris", Category::Place, ""),
                ("2 Jan. 1850", Category::Date, "when=1850-01-02"),
                ("Mr W. Smith", Category::Person, ""),
                ("Rome x", Category::Place, ""),
            ]
        );
        assert_eq!((s.entities[0].start, s.entities[0].end), (7, 12));
    }
}
