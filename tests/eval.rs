//! `teikit eval`: the stripping reproduces the dev corpus's plain text and
//! gold spans, the scores are computed from real comparisons, and the
//! command line reports them.

mod common;

use std::path::{Path, PathBuf};

use common::{shared_dir, teikit};
use teikit::eval::{self, Category};

fn dev_letters(shared: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for source in ["melp", "livingstone", "escher"] {
        let dir = shared.join("corpus/letters-dev").join(source);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

fn category(name: &str) -> Option<Category> {
    match name {
        "person" => Some(Category::Person),
        "place" => Some(Category::Place),
        "org" => Some(Category::Org),
        "date" => Some(Category::Date),
        "other" => Some(Category::Other),
        _ => None,
    }
}

/// The corpus's `.txt` and `.gold.json` are what `strip` makes of each `.xml`.
#[test]
fn stripping_reproduces_the_corpus_text_and_gold_spans() {
    let Some(shared) = shared_dir() else { return };
    let letters = dev_letters(&shared);
    assert_eq!(letters.len(), 25);
    for xml_path in letters {
        let xml = std::fs::read_to_string(&xml_path).unwrap();
        let doc = teikit::tei::parse_untrusted(&xml).unwrap();
        let stripped = eval::strip::strip(&doc);
        let txt = std::fs::read_to_string(xml_path.with_extension("txt")).unwrap();
        assert_eq!(stripped.text, txt.trim_end(), "{}", xml_path.display());
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(xml_path.with_extension("gold.json")).unwrap(),
        )
        .unwrap();
        let expected: Vec<(Category, String)> = gold["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["parent"].is_null())
            .map(|e| {
                (
                    category(e["category"].as_str().unwrap()).unwrap(),
                    e["text"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let found: Vec<(Category, String)> = stripped
            .entities
            .iter()
            .map(|e| (e.category, e.text.clone()))
            .collect();
        assert_eq!(found, expected, "{}", xml_path.display());
    }
}

#[test]
fn a_perfect_encoding_scores_one_and_a_missing_one_zero() {
    let gold = r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
      <p>I went to <placeName>France</placeName> with <persName>Mr. Curtis</persName>.</p>
      <p>We met the <orgName>Xq</orgName> there.</p></body></text></TEI>"#;
    let letter = eval::evaluate_text(Path::new("g.xml"), gold, None, None).unwrap();
    let c = &letter.comparison.counts;
    assert_eq!(c[&Category::Place].exact, 1);
    assert_eq!(c[&Category::Person].exact, 1);
    assert_eq!(c[&Category::Org].gold, 1);
    assert_eq!(c[&Category::Org].gold_overlapped, 0);
    assert_eq!(
        letter.gold.text,
        "I went to France with Mr. Curtis.\n\nWe met the Xq there."
    );
}

#[test]
fn cli_prints_a_table_and_json() {
    let Some(shared) = shared_dir() else { return };
    let dir = shared.join("corpus/letters-dev/melp");
    let table = teikit(&["eval", dir.to_str().unwrap()]);
    assert_eq!(table.status.code(), Some(0), "{table:?}");
    let stdout = String::from_utf8(table.stdout).unwrap();
    assert!(stdout.starts_with("10 letters"), "{stdout}");
    assert!(stdout.contains("micro (names)"), "{stdout}");
    let json = teikit(&["eval", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["letters"], 10);
    let micro = &v["categories"]["micro"]["exact"]["f1"];
    assert!(micro.as_f64().is_some_and(|f| (0.0..=1.0).contains(&f)));
}

#[test]
fn cli_reports_missing_and_malformed_files() {
    let out = teikit(&["eval", "/nonexistent/gold.xml"]);
    assert_eq!(out.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.xml");
    std::fs::write(&bad, "<TEI><text>").unwrap();
    let out = teikit(&["eval", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("teikit::eval::xml"));
}

/// Every dev letter, German included, encodes without changing its text, and
/// the English letters stay above the issue's exact-span, overlap and date
/// targets.
#[test]
fn dev_letters_evaluate_and_meet_the_span_and_date_targets() {
    let Some(shared) = shared_dir() else { return };
    let letters = dev_letters(&shared);
    let all = eval::evaluate(&letters, None, None).unwrap();
    assert_eq!(all.letters.len(), 25);
    let english: Vec<PathBuf> = letters
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains("escher"))
        .collect();
    let report = eval::evaluate(&english, None, None).unwrap();
    let micro = report.names().exact();
    assert!(micro.f1 >= 0.70, "exact-span micro-F1 {:.3}", micro.f1);
    let overlap = report.names().overlap();
    assert!(overlap.f1 >= 0.85, "overlap micro-F1 {:.3}", overlap.f1);
    let dates = report.category(Category::Date).overlap();
    assert!(dates.recall >= 0.95, "date recall {:.3}", dates.recall);
}
