//! teikit's RELAX NG engine agrees with Jing on TEI: every file of the
//! shared `tei-valid` corpus is valid against `tei_all.rng`, every file of
//! `tei-invalid` is invalid, deliberately broken copies are invalid with the
//! expected violation, and, when jing is installed, jing gives the same
//! verdict on every one of these files (one jing process for all of them).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use teikit::validate::{Schema, Violation};

fn xml_files(dir: &Path) -> Vec<PathBuf> {
    teikit::files::collect_files(&[dir.to_path_buf()], "xml").expect("corpus folder is readable")
}

fn validate_file(schema: &Schema, path: &Path) -> Vec<Violation> {
    let file = std::fs::File::open(path).expect("corpus file opens");
    schema
        .validate_reader(std::io::BufReader::new(file))
        .expect("corpus file reads")
}

/// A broken copy of a valid document: its name, text and the code expected.
struct Broken {
    name: &'static str,
    text: String,
    code: &'static str,
}

/// The element `<name ...>...</name>` (first one), as a byte range.
fn element_range(xml: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let start = xml
        .find(&format!("<{name}>"))
        .or_else(|| xml.find(&format!("<{name} ")))?;
    let close = format!("</{name}>");
    let end = xml[start..].find(&close)? + start + close.len();
    Some(start..end)
}

/// After the end of the first start tag `<name ...>`.
fn after_start_tag(xml: &str, name: &str) -> Option<usize> {
    let start = xml
        .find(&format!("<{name}>"))
        .or_else(|| xml.find(&format!("<{name} ")))?;
    Some(xml[start..].find('>')? + start + 1)
}

fn break_copies(xml: &str) -> Vec<Broken> {
    let mut out = Vec::new();
    let mut push = |name, text: Option<String>, code| {
        if let Some(text) = text {
            out.push(Broken { name, text, code });
        }
    };
    push(
        "removed-required-child",
        element_range(xml, "publicationStmt")
            .map(|r| format!("{}{}", &xml[..r.start], &xml[r.end..])),
        "teikit::validate::incomplete_element",
    );
    push(
        "unknown-element",
        after_start_tag(xml, "teiHeader")
            .map(|i| format!("{}<fileDescc/>{}", &xml[..i], &xml[i..])),
        "teikit::validate::unexpected_element",
    );
    push(
        "misspelled-attribute",
        after_start_tag(xml, "TEI")
            .map(|i| format!("{} xml:lnag=\"en\">{}", &xml[..i - 1], &xml[i..])),
        "teikit::validate::unexpected_attribute",
    );
    push(
        "bad-attribute-value",
        after_start_tag(xml, "text").map(|i| {
            format!(
                "{} xml:space=\"sometimes\">{}",
                &xml[..i - 1].trim_end_matches('/'),
                &xml[i..]
            )
        }),
        "teikit::validate::bad_attribute_value",
    );
    push(
        "duplicate-id",
        duplicate_id(xml),
        "teikit::validate::duplicate_id",
    );
    push(
        "text-not-allowed",
        after_start_tag(xml, "teiHeader").map(|i| format!("{}stray words{}", &xml[..i], &xml[i..])),
        "teikit::validate::unexpected_text",
    );
    out
}

/// The document with `xml:id="X"` of its first identified element added to
/// the `text` element (which then has the ID twice).
fn duplicate_id(xml: &str) -> Option<String> {
    let at = xml.find(" xml:id=\"")? + 9;
    let id = &xml[at..at + xml[at..].find('"')?];
    let body = xml.find("<body")?;
    let i = body + xml[body..].find('>')?;
    if xml[body..i].contains("xml:id") || xml[body..i].ends_with('/') {
        return None;
    }
    Some(format!("{} xml:id=\"{id}\"{}", &xml[..i], &xml[i..]))
}

/// Files jing finds errors in (one jing process for all files).
fn jing_invalid(schema: &Path, files: &[PathBuf]) -> BTreeMap<PathBuf, usize> {
    let out = Command::new("jing")
        .arg(schema)
        .args(files)
        .output()
        .expect("jing runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut invalid = BTreeMap::new();
    for line in stdout.lines() {
        if let Some(f) = files
            .iter()
            .find(|f| line.starts_with(&format!("{}:", f.display())))
        {
            *invalid.entry(f.clone()).or_insert(0) += 1;
        }
    }
    invalid
}

#[test]
fn teikit_agrees_with_jing_on_tei_all() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let schema_path = shared.join("schemas-ref/tei_all.rng");
    let schema = Schema::load(&schema_path).expect("tei_all.rng compiles");
    let valid = xml_files(&shared.join("corpus/tei-valid"));
    let invalid = xml_files(&shared.join("corpus/tei-invalid"));
    assert!(
        valid.len() > 100 && !invalid.is_empty(),
        "the corpus is there"
    );

    let mut verdicts: BTreeMap<PathBuf, bool> = BTreeMap::new();
    let mut problems = Vec::new();
    for f in &valid {
        let v = validate_file(&schema, f);
        if !v.is_empty() {
            problems.push(format!(
                "{} should be valid: {}:{} {}",
                f.display(),
                v[0].line,
                v[0].column,
                v[0].message
            ));
        }
        verdicts.insert(f.clone(), v.is_empty());
    }
    for f in &invalid {
        let v = validate_file(&schema, f);
        if v.is_empty() {
            problems.push(format!("{} should be invalid", f.display()));
        }
        verdicts.insert(f.clone(), v.is_empty());
    }

    let tmp = tempfile::tempdir().expect("tempdir");
    let mut broken_count = 0;
    for f in valid
        .iter()
        .filter(|f| f.to_string_lossy().contains("sarit"))
        .take(4)
    {
        let xml = std::fs::read_to_string(f).expect("readable");
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for b in break_copies(&xml) {
            broken_count += 1;
            let v = schema.validate_str(&b.text);
            if !v.iter().any(|x| x.code == b.code) {
                let got: Vec<_> = v
                    .iter()
                    .map(|x| format!("{}: {}", x.code, x.message))
                    .collect();
                problems.push(format!(
                    "{stem} {}: expected {}, got {got:?}",
                    b.name, b.code
                ));
            }
            let path = tmp.path().join(format!("{stem}-{}.xml", b.name));
            std::fs::write(&path, &b.text).expect("broken copy written");
            verdicts.insert(path, v.is_empty());
        }
    }
    assert!(
        broken_count >= 20,
        "broken copies were made ({broken_count})"
    );

    if common::jing_available() {
        let files: Vec<PathBuf> = verdicts.keys().cloned().collect();
        let jing = jing_invalid(&schema_path, &files);
        for (f, ours) in &verdicts {
            let theirs = !jing.contains_key(f);
            if *ours != theirs {
                problems.push(format!(
                    "{}: teikit says valid={ours}, jing says valid={theirs}",
                    f.display()
                ));
            }
        }
        println!("jing agreement: {} files compared", files.len());
    }
    println!(
        "tei_all: {} valid, {} invalid, {broken_count} broken copies checked",
        valid.len(),
        invalid.len()
    );
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
