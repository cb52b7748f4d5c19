//! The TEI letters schema (`schemas/tei_letters.rng`) narrows `tei_all.rng`
//! and never widens it, and it accepts everything teikit writes.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use roxmltree::{Document, Node};
use teikit::encode::{encode_to_string, Options};

const RNG: &str = "http://relaxng.org/ns/structure/1.0";

fn defines<'a>(doc: &'a Document<'a>) -> BTreeMap<&'a str, Node<'a, 'a>> {
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name((RNG, "define")))
        .map(|n| (n.attribute("name").unwrap(), n))
        .collect()
}

fn is_element_define(d: Option<&Node<'_, '_>>) -> bool {
    d.and_then(|d| d.children().find(Node::is_element))
        .is_some_and(|c| c.has_tag_name((RNG, "element")))
}

/// Whether `ours` is `theirs` with some references to element definitions
/// replaced by `notAllowed` and foreign annotations removed. Replacing a
/// pattern with `notAllowed` can only shrink the language, so this proves
/// the narrowing.
fn narrows(
    ours: Node<'_, '_>,
    theirs: Node<'_, '_>,
    all: &BTreeMap<&str, Node<'_, '_>>,
) -> Result<(), String> {
    if ours.has_tag_name((RNG, "notAllowed")) && theirs.has_tag_name((RNG, "ref")) {
        let target = theirs.attribute("name").unwrap();
        return if is_element_define(all.get(target)) {
            Ok(())
        } else {
            Err(format!(
                "notAllowed replaces `{target}`, which is not an element"
            ))
        };
    }
    if ours.tag_name() != theirs.tag_name() {
        return Err(format!(
            "`{:?}` where tei_all has `{:?}`",
            ours.tag_name(),
            theirs.tag_name()
        ));
    }
    let attrs = |n: Node<'_, '_>| {
        n.attributes()
            .map(|a| (a.name().to_owned(), a.value().to_owned()))
            .collect::<Vec<_>>()
    };
    if attrs(ours) != attrs(theirs) {
        return Err(format!("attributes differ on `{}`", ours.tag_name().name()));
    }
    let kids = |n: Node<'_, '_>| -> Vec<String> {
        n.children()
            .filter(|c| c.is_text() && !c.text().unwrap().trim().is_empty())
            .map(|c| c.text().unwrap().trim().to_owned())
            .collect()
    };
    if kids(ours) != kids(theirs) {
        return Err(format!("text differs in `{}`", ours.tag_name().name()));
    }
    let ours_el: Vec<Node<'_, '_>> = ours.children().filter(Node::is_element).collect();
    let theirs_el: Vec<Node<'_, '_>> = theirs
        .children()
        .filter(|c| c.is_element() && c.tag_name().namespace() == Some(RNG))
        .collect();
    if ours_el.len() != theirs_el.len() {
        return Err(format!(
            "`{}` has {} children, tei_all {}",
            ours.tag_name().name(),
            ours_el.len(),
            theirs_el.len()
        ));
    }
    ours_el
        .iter()
        .zip(&theirs_el)
        .try_for_each(|(o, t)| narrows(*o, *t, all))
}

fn start<'a>(d: &'a Document<'a>) -> Node<'a, 'a> {
    d.root_element()
        .children()
        .find(|n| n.has_tag_name((RNG, "start")))
        .unwrap()
}

fn tei_all(shared: &Path) -> String {
    std::fs::read_to_string(shared.join("schemas-ref/tei_all.rng")).unwrap()
}

#[test]
fn every_definition_narrows_tei_all() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let theirs_text = tei_all(&shared);
    let theirs = Document::parse(&theirs_text).unwrap();
    let ours = Document::parse(teikit::tei::LETTERS_SCHEMA_RNG).unwrap();
    let all = defines(&theirs);
    let ours_defs = defines(&ours);
    assert!(ours_defs.len() > 300, "the schema has its definitions");
    for (name, def) in &ours_defs {
        let twin = all
            .get(name)
            .unwrap_or_else(|| panic!("`{name}` is not a tei_all definition"));
        narrows(*def, *twin, &all).unwrap_or_else(|e| panic!("define `{name}`: {e}"));
    }
    narrows(start(&ours), start(&theirs), &all).unwrap();
    for (k, v) in [
        ("ns", "http://www.tei-c.org/ns/1.0"),
        (
            "datatypeLibrary",
            "http://www.w3.org/2001/XMLSchema-datatypes",
        ),
    ] {
        assert_eq!(ours.root_element().attribute(k), Some(v));
    }
}

#[test]
fn the_narrowing_check_catches_a_widened_definition() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let theirs_text = tei_all(&shared);
    let theirs = Document::parse(&theirs_text).unwrap();
    let all = defines(&theirs);
    let widened = teikit::tei::LETTERS_SCHEMA_RNG
        .replacen("<empty />", "<text />", 1)
        .replacen("<empty/>", "<text/>", 1);
    assert_ne!(widened, teikit::tei::LETTERS_SCHEMA_RNG);
    let ours = Document::parse(&widened).unwrap();
    let failures = defines(&ours)
        .iter()
        .filter(|(name, def)| narrows(**def, all[*name], &all).is_err())
        .count();
    assert_eq!(failures, 1);
}

fn encoded_documents(dir: &Path) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs =
        teikit::files::collect_files(&[root.join("tests/fixtures/encode")], "txt").unwrap();
    if let Some(shared) = common::shared_dir() {
        inputs.extend(
            teikit::files::collect_files(
                &[shared.join("corpus/letters-dev"), shared.join("letters")],
                "txt",
            )
            .unwrap(),
        );
    }
    let mut out = Vec::new();
    for (k, input) in inputs.iter().enumerate() {
        let text = teikit::files::read_text(input).unwrap().text;
        let path = dir.join(format!("{k}.xml"));
        std::fs::write(
            &path,
            encode_to_string(
                &text,
                &Options {
                    lang: "en".into(),
                    ..Options::default()
                },
            ),
        )
        .unwrap();
        out.push(path);
    }
    out.extend(teikit::files::collect_files(&[root.join("editions")], "xml").unwrap());
    out
}

#[test]
fn everything_teikit_writes_is_valid_against_both_schemas() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    if !common::jing_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docs = encoded_documents(dir.path());
    assert!(docs.len() > 25);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::assert_jing_valid(&root.join("schemas/tei_letters.rng"), &docs);
    common::assert_jing_valid(&shared.join("schemas-ref/tei_all.rng"), &docs);
    let out = std::process::Command::new("jing")
        .arg("-c")
        .arg(root.join("schemas/tei_letters.rnc"))
        .args(&docs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the compact twin agrees: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_schema_rejects_what_tei_all_allows_but_letters_do_not_need() {
    if !common::jing_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("drama.xml");
    std::fs::write(&doc, r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader><text><body><sp><speaker>A</speaker><p>Line</p></sp></body></text></TEI>"#).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new("jing")
        .arg(root.join("schemas/tei_letters.rng"))
        .arg(&doc)
        .output()
        .unwrap();
    assert!(!out.status.success(), "`sp` is not a letter element");
}
