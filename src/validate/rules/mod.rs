//! Edition rules: what a schema cannot say about an edition. They run over
//! all the letters of an edition and its register together.
//!
//! | code | severity | checks |
//! |---|---|---|
//! | `unresolved-reference` | error | [`Rule::UnresolvedReference`] |
//! | `duplicate-id` | error | [`Rule::DuplicateId`] |
//! | `invalid-date` | error | [`Rule::InvalidDate`] |
//! | `date-order` | error | [`Rule::DateOrder`] |
//! | `corresp-date` | error | [`Rule::CorrespDate`] |
//! | `corresp-sender` | error | [`Rule::CorrespSender`] |
//! | `unused-entry` | warning | [`Rule::UnusedEntry`] |
//!
//! A document that is not well-formed XML is left to the schema validation,
//! which reports it; the rules skip it.

pub mod dates;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use roxmltree::{Document, Node};

use crate::tei::{parse_untrusted, TEI_NS, XML_NS};

/// An edition rule. Each has a stable code (see [`Rule::code`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// Every `@ref`, `@corresp`, `@target` and `@who` that points into the
    /// edition resolves: `#ID` to an `xml:id` in the same document, the
    /// register or another letter; `FILE.xml#ID` to that id in that file of
    /// the edition. Absolute URIs (`https://…`) and prefixed pointers
    /// (`gnd:…`) point outside and are not checked.
    ///
    /// Why: a broken pointer is a name that links nowhere in the published
    /// edition and silently drops out of its indices.
    ///
    /// Example: `<persName ref="#smtih">` when the register has `smith`.
    /// Instead: point to an existing entry, or add the entry to the register.
    UnresolvedReference,
    /// Every `xml:id` is unique across the edition (letters and register).
    ///
    /// Why: pointers of the form `#ID` resolve across the edition, so two
    /// entries with one id make every pointer to it ambiguous.
    ///
    /// Example: a letter whose `TEI/@xml:id` is `smith`, like a register person.
    /// Instead: give one of them another id (letters often use `L0001`).
    DuplicateId,
    /// Every `@when`, `@notBefore`, `@notAfter`, `@from` and `@to` is an ISO
    /// 8601 date that exists.
    ///
    /// Why: a malformed or impossible date sorts wrongly in the letter index
    /// and breaks CMIF export.
    ///
    /// Example: `<date when="1850-02-30">`. Instead: the real date, or
    /// `notBefore`/`notAfter` when the day is uncertain.
    InvalidDate,
    /// `@notBefore` is not after `@notAfter`, and `@from` not after `@to`.
    ///
    /// Why: a range that ends before it begins contains no day at all.
    ///
    /// Example: `<date notBefore="1851" notAfter="1850-06">`. Instead: swap them.
    DateOrder,
    /// The date in `correspDesc`'s `sent` action agrees with the date of the
    /// letter's dateline.
    ///
    /// Why: the letter index is built from `correspDesc`, the reader sees the
    /// dateline; they must tell the same story.
    ///
    /// Example: `<correspAction type="sent"><date when="1850-03-03"/>` with a
    /// dateline `<date when="1850-03-04">`. Instead: correct whichever is wrong
    /// (a letter written over several days takes `from`/`to`).
    CorrespDate,
    /// The sender in `correspDesc` is the person who signs the letter.
    ///
    /// Why: as for the date; compared by `@ref` when both carry one, by name
    /// otherwise.
    ///
    /// Example: sent by `#smith`, signed by `#brown`. Instead: correct the sender.
    CorrespSender,
    /// A register entry that no letter points to (a warning).
    ///
    /// Why: usually a leftover or a misspelt pointer elsewhere.
    ///
    /// Example: a `person xml:id="jones"` that no `@ref="#jones"` names.
    /// Instead: link the mentions to it, or remove it.
    UnusedEntry,
}

impl Rule {
    /// The rule's stable code, such as `unresolved-reference`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::UnresolvedReference => "unresolved-reference",
            Self::DuplicateId => "duplicate-id",
            Self::InvalidDate => "invalid-date",
            Self::DateOrder => "date-order",
            Self::CorrespDate => "corresp-date",
            Self::CorrespSender => "corresp-sender",
            Self::UnusedEntry => "unused-entry",
        }
    }

    /// How serious a finding of this rule is.
    #[must_use]
    pub fn severity(self) -> Severity {
        match self {
            Self::UnusedEntry => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "teikit::rules::{}", self.code())
    }
}

/// How serious a finding is: errors make a document invalid, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The edition breaks the rule.
    Error,
    /// Worth a look; does not make the edition invalid.
    Warning,
}

/// A document of the edition: its path and text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// A rule broken at a place in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// The document.
    pub path: PathBuf,
    /// The byte range (an attribute's value where one is at fault).
    pub span: Range<usize>,
    /// 1-based line of the start of the span.
    pub line: u32,
    /// 1-based column of the start of the span.
    pub column: u32,
    /// What is wrong, naming both sides.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

struct Parsed<'a> {
    path: &'a Path,
    doc: Document<'a>,
    register: bool,
}

/// Runs every rule over the letters and the register of an edition. Findings
/// come in a stable order: by file, then by position, then by rule.
#[must_use]
pub fn check(letters: &[Source], register: Option<&Source>) -> Vec<Finding> {
    let mut docs: Vec<Parsed<'_>> = Vec::new();
    for (src, is_register) in letters
        .iter()
        .map(|s| (s, false))
        .chain(register.map(|r| (r, true)))
    {
        if let Ok(doc) = parse_untrusted(&src.text) {
            docs.push(Parsed {
                path: &src.path,
                doc,
                register: is_register,
            });
        }
    }
    let mut out = Vec::new();
    let ids = duplicate_ids(&docs, &mut out);
    references(&docs, &ids, &mut out);
    for d in &docs {
        dating(d, &mut out);
        if !d.register {
            corresp(d, &mut out);
        }
    }
    unused_entries(&docs, &mut out);
    out.sort_by(|a, b| (&a.path, a.span.start, a.rule).cmp(&(&b.path, b.span.start, b.rule)));
    out
}

fn finding(
    d: &Parsed<'_>,
    rule: Rule,
    span: Range<usize>,
    message: String,
    help: Option<String>,
) -> Finding {
    let pos = d.doc.text_pos_at(span.start);
    Finding {
        rule,
        path: d.path.to_path_buf(),
        span,
        line: pos.row,
        column: pos.col,
        message,
        help,
    }
}

fn tei_elements<'a>(doc: &'a Document<'a>) -> impl Iterator<Item = Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().namespace() == Some(TEI_NS))
}

/// id → documents (by index) that define it; reports duplicates.
fn duplicate_ids(docs: &[Parsed<'_>], out: &mut Vec<Finding>) -> BTreeMap<String, Vec<usize>> {
    let mut first: BTreeMap<String, (usize, u32)> = BTreeMap::new();
    let mut ids: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, d) in docs.iter().enumerate() {
        for node in d.doc.descendants().filter(Node::is_element) {
            let Some(attr) = node
                .attributes()
                .find(|a| a.namespace() == Some(XML_NS) && a.name() == "id")
            else {
                continue;
            };
            let id = attr.value().to_owned();
            if let Some((doc, line)) = first.get(&id) {
                let other = docs[*doc].path.display();
                out.push(finding(
                    d,
                    Rule::DuplicateId,
                    attr.range_value(),
                    format!("`xml:id=\"{id}\"` is already used in {other} at line {line}"),
                    Some(
                        "give one of them another id; ids are unique across the whole edition"
                            .into(),
                    ),
                ));
            } else {
                first.insert(
                    id.clone(),
                    (k, d.doc.text_pos_at(attr.range_value().start).row),
                );
            }
            ids.entry(id).or_default().push(k);
        }
    }
    ids
}

const POINTERS: [&str; 4] = ["ref", "corresp", "target", "who"];

/// Whether a pointer leaves the edition: it has a URI scheme or a prefix.
fn is_external(pointer: &str) -> bool {
    let head = pointer.split(['/', '#', '?']).next().unwrap_or("");
    head.contains(':')
}

fn references(docs: &[Parsed<'_>], ids: &BTreeMap<String, Vec<usize>>, out: &mut Vec<Finding>) {
    for d in docs {
        let dir = d.path.parent().unwrap_or(Path::new(""));
        for node in tei_elements(&d.doc) {
            for attr in node
                .attributes()
                .filter(|a| a.namespace().is_none() && POINTERS.contains(&a.name()))
            {
                for pointer in attr.value().split_whitespace().filter(|p| !is_external(p)) {
                    if let Some(problem) = resolve(pointer, dir, docs, ids) {
                        out.push(finding(
                            d,
                            Rule::UnresolvedReference,
                            attr.range_value(),
                            format!("`@{}` points to `{pointer}`, {problem}", attr.name()),
                            suggestion(pointer, ids),
                        ));
                    }
                }
            }
        }
    }
}

/// Why `pointer` does not resolve, or `None` when it does.
fn resolve(
    pointer: &str,
    dir: &Path,
    docs: &[Parsed<'_>],
    ids: &BTreeMap<String, Vec<usize>>,
) -> Option<String> {
    let (file, id) = pointer.split_once('#').unwrap_or((pointer, ""));
    if file.is_empty() {
        return (!ids.contains_key(id))
            .then(|| "but no document of the edition has that `xml:id`".to_owned());
    }
    let target = normalise(&dir.join(file));
    let Some(k) = docs.iter().position(|d| normalise(d.path) == target) else {
        return (!target.exists()).then(|| format!("but `{file}` does not exist"));
    };
    if id.is_empty() || ids.get(id).is_some_and(|v| v.contains(&k)) {
        None
    } else {
        Some(format!("but `{file}` has no `xml:id=\"{id}\"`"))
    }
}

fn normalise(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// "did you mean `#smith`?" from the closest id by edit distance.
fn suggestion(pointer: &str, ids: &BTreeMap<String, Vec<usize>>) -> Option<String> {
    let id = pointer.rsplit('#').next().unwrap_or(pointer);
    let (best, dist) = ids
        .keys()
        .map(|k| (k, edit_distance(id, k)))
        .min_by_key(|(k, d)| (*d, (*k).clone()))?;
    (dist <= 2.max(id.len() / 4)).then(|| format!("did you mean `#{best}`?"))
}

/// Levenshtein distance in characters.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

const DATING: [&str; 5] = ["when", "notBefore", "notAfter", "from", "to"];

fn dating(d: &Parsed<'_>, out: &mut Vec<Finding>) {
    for node in tei_elements(&d.doc) {
        let mut parsed: BTreeMap<&str, (dates::IsoDate, Range<usize>)> = BTreeMap::new();
        for attr in node
            .attributes()
            .filter(|a| a.namespace().is_none() && DATING.contains(&a.name()))
        {
            match dates::parse(attr.value()) {
                Ok(date) => {
                    parsed.insert(attr.name(), (date, attr.range_value()));
                }
                Err(problem) => {
                    let why = match problem {
                        dates::DateProblem::Form => {
                            "is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)".to_owned()
                        }
                        dates::DateProblem::Month(m) => {
                            format!("has month {m}, which no calendar has")
                        }
                        dates::DateProblem::Day { day, max } => {
                            format!("has day {day} in a month of {max} days")
                        }
                    };
                    out.push(finding(
                        d,
                        Rule::InvalidDate,
                        attr.range_value(),
                        format!("`@{}=\"{}\"` {why}", attr.name(), attr.value()),
                        Some("write the date as it is meant, or use `notBefore`/`notAfter` for an uncertain one".into()),
                    ));
                }
            }
        }
        for (lo, hi) in [("notBefore", "notAfter"), ("from", "to")] {
            if let (Some((a, span)), Some((b, _))) = (parsed.get(lo), parsed.get(hi)) {
                if a.after(b) == Some(true) {
                    out.push(finding(
                        d,
                        Rule::DateOrder,
                        span.clone(),
                        format!("`@{lo}` is after `@{hi}`: the range holds no day"),
                        Some(format!("swap `@{lo}` and `@{hi}`")),
                    ));
                }
            }
        }
    }
}

fn named<'a>(node: Node<'a, 'a>, names: &[&str]) -> Option<Node<'a, 'a>> {
    node.descendants().find(|n| {
        n.is_element()
            && n.tag_name().namespace() == Some(TEI_NS)
            && names.contains(&n.tag_name().name())
    })
}

fn collapsed(node: Node<'_, '_>) -> String {
    let text: String = node
        .descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect();
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn corresp(d: &Parsed<'_>, out: &mut Vec<Finding>) {
    let Some(sent) = tei_elements(&d.doc)
        .find(|n| n.tag_name().name() == "correspAction" && n.attribute("type") == Some("sent"))
    else {
        return;
    };
    let body = tei_elements(&d.doc).find(|n| n.tag_name().name() == "body");
    let Some(body) = body else { return };
    let dateline_date = tei_elements(&d.doc)
        .filter(|n| n.tag_name().name() == "dateline" && body.range().contains(&n.range().start))
        .find_map(|dl| named(dl, &["date"]))
        .and_then(|n| n.attribute("when"));
    if let (Some(date), Some(written)) = (named(sent, &["date"]), dateline_date) {
        if let Some(attr) = date.attributes().find(|a| a.name() == "when") {
            if attr.value() != written {
                out.push(finding(
                    d,
                    Rule::CorrespDate,
                    attr.range_value(),
                    format!("`correspDesc` says the letter was sent on {}, its dateline says {written}", attr.value()),
                    Some("correct whichever is wrong; a letter written over several days takes `from`/`to`".into()),
                ));
            }
        }
    }
    let signer = tei_elements(&d.doc)
        .filter(|n| n.tag_name().name() == "signed" && body.range().contains(&n.range().start))
        .find_map(|s| named(s, &["persName", "name"]));
    if let (Some(sender), Some(signer)) = (named(sent, &["persName"]), signer) {
        let differs = match (sender.attribute("ref"), signer.attribute("ref")) {
            (Some(a), Some(b)) => a != b,
            _ => collapsed(sender) != collapsed(signer),
        };
        if differs {
            let span = sender
                .attributes()
                .find(|a| a.name() == "ref")
                .map_or_else(|| sender.range(), |a| a.range_value());
            out.push(finding(
                d,
                Rule::CorrespSender,
                span,
                format!(
                    "`correspDesc` names `{}` as the sender, but `{}` signs the letter",
                    sender
                        .attribute("ref")
                        .map_or_else(|| collapsed(sender), str::to_owned),
                    signer
                        .attribute("ref")
                        .map_or_else(|| collapsed(signer), str::to_owned),
                ),
                Some(
                    "the sender of a letter is the person who signs it; correct one of the two"
                        .into(),
                ),
            ));
        }
    }
}

fn unused_entries(docs: &[Parsed<'_>], out: &mut Vec<Finding>) {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for d in docs.iter().filter(|d| !d.register) {
        for node in tei_elements(&d.doc) {
            for attr in node
                .attributes()
                .filter(|a| a.namespace().is_none() && POINTERS.contains(&a.name()))
            {
                used.extend(
                    attr.value()
                        .split_whitespace()
                        .filter(|p| !is_external(p))
                        .filter_map(|p| p.rsplit_once('#').map(|(_, id)| id)),
                );
            }
        }
    }
    for d in docs.iter().filter(|d| d.register) {
        for node in tei_elements(&d.doc)
            .filter(|n| matches!(n.tag_name().name(), "person" | "place" | "org"))
        {
            let Some(attr) = node
                .attributes()
                .find(|a| a.namespace() == Some(XML_NS) && a.name() == "id")
            else {
                continue;
            };
            if !used.contains(attr.value()) {
                out.push(finding(
                    d,
                    Rule::UnusedEntry,
                    attr.range_value(),
                    format!("no letter points to register entry `{}`", attr.value()),
                    Some(format!(
                        "link its mentions with `ref=\"#{}\"`, or remove the entry",
                        attr.value()
                    )),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests;
