//! The structure score: how many of the editors' `dateline`, `salute`,
//! `signed` and `postscript` elements teikit finds when it encodes the plain
//! text of their letters.
//!
//! Text is extracted from gold and output alike as the corpus's `.txt` files
//! are made: `note`, `del`, `fw` and `list*` are left out, and in `choice` the
//! diplomatic reading (`orig`, `sic`, `abbr`) is kept. An editor's element
//! counts as found when teikit wrote an element of the same name whose text,
//! compared as lower-case letters and digits, is equal to it (exact) or
//! overlaps it by at least half of the longer of the two (loose).

use std::collections::BTreeMap;
use std::path::Path;

/// The structural elements scored.
pub const ELEMENTS: [&str; 4] = ["dateline", "salute", "signed", "postscript"];

const TEI: &str = "http://www.tei-c.org/ns/1.0";

/// Counts for one element name.
#[derive(Debug, Default, Clone, Copy)]
pub struct Count {
    /// Elements the editors made.
    pub gold: usize,
    /// Of those, found by teikit with the same text.
    pub exact: usize,
    /// Of those, found by teikit with overlapping text.
    pub loose: usize,
    /// Elements teikit made.
    pub made: usize,
}

/// Scores one letter: gold TEI and teikit's TEI for its plain text.
pub fn score(gold_xml: &str, ours_xml: &str, into: &mut BTreeMap<&'static str, Count>) {
    let gold = elements(gold_xml);
    let ours = elements(ours_xml);
    for name in ELEMENTS {
        let g: Vec<&String> = gold
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, t)| t)
            .collect();
        let o: Vec<&String> = ours
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, t)| t)
            .collect();
        let c = into.entry(name).or_default();
        c.gold += g.len();
        c.made += o.len();
        c.exact += g.iter().filter(|t| o.iter().any(|u| u == *t)).count();
        c.loose += g
            .iter()
            .filter(|t| o.iter().any(|u| overlaps(t, u)))
            .count();
    }
}

fn overlaps(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && long.contains(short) && short.len() * 2 >= long.len()
}

/// (element name, normalised text) for every scored element inside `text`.
fn elements(xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed TEI");
    let Some(text) = doc.descendants().find(|n| n.has_tag_name((TEI, "text"))) else {
        return Vec::new();
    };
    text.descendants()
        .filter(|n| n.is_element() && ELEMENTS.contains(&n.tag_name().name()))
        .map(|n| {
            let mut s = String::new();
            reading_text(n, &mut s);
            (n.tag_name().name().to_owned(), normalise(&s))
        })
        .collect()
}

fn reading_text(node: roxmltree::Node<'_, '_>, out: &mut String) {
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or(""));
            continue;
        }
        let name = child.tag_name().name();
        let skipped = matches!(name, "note" | "del" | "fw" | "reg" | "corr" | "expan")
            || name.starts_with("list");
        if !skipped {
            out.push(' ');
            reading_text(child, out);
            out.push(' ');
        }
    }
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Scores every letter of `letters-dev` below `dir`, encoding each `.txt`
/// with `encode` and comparing with its `.xml`.
pub fn score_corpus(dir: &Path, encode: impl Fn(&str) -> String) -> BTreeMap<&'static str, Count> {
    let mut counts = BTreeMap::new();
    let mut files: Vec<_> = walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for txt in files {
        let gold = std::fs::read_to_string(txt.with_extension("xml")).expect("gold xml");
        let plain = std::fs::read_to_string(&txt).expect("plain text");
        score(&gold, &encode(&plain), &mut counts);
    }
    counts
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable corpus").flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The score as a table.
pub fn table(counts: &BTreeMap<&'static str, Count>) -> String {
    let mut out = String::from("element      gold  exact  loose  made\n");
    let mut total = Count::default();
    for name in ELEMENTS {
        let c = counts.get(name).copied().unwrap_or_default();
        out.push_str(&format!(
            "{name:<12} {:>4}  {:>5}  {:>5}  {:>4}\n",
            c.gold, c.exact, c.loose, c.made
        ));
        total.gold += c.gold;
        total.exact += c.exact;
        total.loose += c.loose;
        total.made += c.made;
    }
    out.push_str(&format!(
        "{:<12} {:>4}  {:>5}  {:>5}  {:>4}\n",
        "all", total.gold, total.exact, total.loose, total.made
    ));
    out
}
