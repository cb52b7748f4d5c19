//! `teikit validate` as a process: verdicts, exit codes, the edition rules
//! and every output format.

mod common;

use std::path::{Path, PathBuf};

use common::{shared_dir, teikit};

const EDITION: &str = "editions/thorburn";

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn bundled_letter() -> PathBuf {
    let dir = Path::new(EDITION).join("letters");
    let mut letters: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    letters.sort();
    letters.remove(0)
}

/// A copy of the bundled letter with `from` replaced by `to` (once).
fn broken_letter(dir: &Path, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(bundled_letter()).unwrap();
    assert!(text.contains(from), "the bundled letter has no {from:?}");
    let path = dir.join("broken.xml");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path.to_str().unwrap().to_owned()
}

/// A copy of the bundled edition whose letter has `from` replaced by `to`.
fn broken_edition(dir: &Path, from: &str, to: &str) -> String {
    let root = dir.join("edition");
    std::fs::create_dir_all(root.join("letters")).unwrap();
    for name in ["edition.toml", "register.xml"] {
        std::fs::copy(Path::new(EDITION).join(name), root.join(name)).unwrap();
    }
    let letter = bundled_letter();
    let text = std::fs::read_to_string(&letter).unwrap();
    assert!(text.contains(from));
    std::fs::write(
        root.join("letters").join(letter.file_name().unwrap()),
        text.replacen(from, to, 1),
    )
    .unwrap();
    root.to_str().unwrap().to_owned()
}

#[test]
fn the_bundled_edition_is_valid() {
    let out = teikit(&["validate", EDITION]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 invalid"), "{}", stdout(&out));
}

#[test]
fn a_misspelt_element_is_located_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let file = broken_letter(dir.path(), "<dateline>", "<datelin>");
    let file = {
        // keep it well-formed: rename the matching end tag too
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("</dateline>", "</datelin>", 1)).unwrap();
        file
    };
    let out = teikit(&["validate", &file]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("teikit::validate::unexpected_element"),
        "{text}"
    );
    assert!(text.contains("found `datelin`"), "{text}");
    assert!(text.contains("did you mean `dateline`?"), "{text}");
    assert!(text.contains("1 invalid"), "{text}");
}

#[test]
fn edition_rules_run_with_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let edition = broken_edition(dir.path(), "ref=\"#thorburn\"", "ref=\"#thorburnn\"");
    let out = teikit(&["validate", &edition, "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.lines().any(|l| l.starts_with("::error file=")
            && l.contains("unresolved-reference")
            && l.contains("did you mean `#thorburn`?")),
        "{text}"
    );
}

#[test]
fn warnings_alone_keep_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    // An unused register entry is a warning, not an error.
    let edition = broken_edition(dir.path(), "ref=\"#pyongyang\"", "");
    let out = teikit(&["validate", &edition, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["valid"], true, "{v}");
    assert!(v["warnings"].as_u64().unwrap() >= 1, "{v}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn machine_formats_parse_and_agree() {
    let dir = tempfile::tempdir().unwrap();
    let file = broken_letter(dir.path(), "type=\"sent\"", "type=\"sent\" typo=\"x\"");
    let json = stdout(&teikit(&["validate", &file, "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let problem = &v["files"][0]["problems"][0];
    assert_eq!(problem["code"], "teikit::validate::unexpected_attribute");
    let line = problem["line"].as_u64().unwrap();

    let sarif = stdout(&teikit(&["validate", &file, "--format", "sarif"]));
    let s: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let region = &s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"].as_u64(), Some(line));

    let junit = stdout(&teikit(&["validate", &file, "--format", "junit"]));
    let doc = roxmltree::Document::parse(&junit).unwrap();
    assert!(doc.descendants().any(|n| n.has_tag_name("failure")));
}

#[test]
fn every_violation_in_a_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = broken_letter(dir.path(), "type=\"sent\"", "type=\"sent\" typo=\"x\"");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("type=\"received\"", "type=\"received\" oops=\"y\"", 1),
    )
    .unwrap();
    let json = stdout(&teikit(&["validate", &file, "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["errors"], 2, "{v}");
}

#[test]
fn schema_and_path_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.rng");
    std::fs::write(
        &bad,
        "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\">\n  <start><ref name=\"nowhere\"/></start>\n</grammar>\n",
    )
    .unwrap();
    let out = teikit(&["validate", EDITION, "--schema", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nowhere") && err.contains("bad.rng"), "{err}");

    let out = teikit(&["validate", "/nonexistent/letters"]);
    assert_eq!(out.status.code(), Some(2));
    let out = teikit(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an empty folder has nothing to validate"
    );
}

#[test]
fn a_user_schema_from_a_file() {
    let Some(shared) = shared_dir() else { return };
    let tei_all = shared.join("schemas-ref/tei_all.rng");
    let out = teikit(&["validate", EDITION, "--schema", tei_all.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn compact_schemas_validate_like_their_xml_twins() {
    let letters = Path::new("schemas/tei_letters.rnc").to_str().unwrap();
    let out = teikit(&["validate", EDITION, "--schema", letters]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    let dir = tempfile::tempdir().unwrap();
    let file = broken_letter(dir.path(), "<dateline>", "<datelin>");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("</dateline>", "</datelin>", 1)).unwrap();
    let json = |schema: &str| {
        let out = teikit(&["validate", &file, "--schema", schema, "--format", "json"]);
        assert_eq!(out.status.code(), Some(1));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        v["files"][0]["problems"].clone()
    };
    assert_eq!(json(letters), json("schemas/tei_letters.rng"));
}

#[test]
fn a_compact_schema_includes_compact_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.rnc"),
        "default namespace = \"urn:x\"\ninclude \"parts.rnc\"\nstart = element doc { item+ }\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("parts.rnc"),
        "default namespace = \"urn:x\"\nitem = element item { xsd:integer }\n",
    )
    .unwrap();
    let doc = dir.path().join("doc.xml");
    let schema = dir.path().join("main.rnc");
    let schema = schema.to_str().unwrap();
    std::fs::write(&doc, "<doc xmlns=\"urn:x\"><item>1</item></doc>").unwrap();
    let out = teikit(&["validate", doc.to_str().unwrap(), "--schema", schema]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    std::fs::write(&doc, "<doc xmlns=\"urn:x\"><item>one</item></doc>").unwrap();
    let out = teikit(&["validate", doc.to_str().unwrap(), "--schema", schema]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn an_incorrect_compact_schema_is_located_in_the_rnc_file() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("bad.rnc");
    std::fs::write(&schema, "start =\n  element a { ref-x }\n").unwrap();
    let out = teikit(&["validate", EDITION, "--schema", schema.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.rnc:2:15") && err.contains("ref-x"),
        "{err}"
    );

    std::fs::write(&schema, "start = element a { text\n").unwrap();
    let out = teikit(&["validate", EDITION, "--schema", schema.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.rnc:1:") && err.contains("expected `}`"),
        "{err}"
    );
}

/// Writes `text` to `path`, dated an hour ago (a schema file changed in the
/// last seconds is compiled but not kept).
fn write_dated(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
}

#[test]
fn a_compiled_schema_is_kept_and_follows_changes_to_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let rng = r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0">
      <include href="part.rng"/>
      <start><element name="note"><ref name="body"/></element></start></grammar>"#;
    write_dated(&dir.path().join("main.rng"), rng);
    let part = |content: &str| {
        format!(
            r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0"><define name="body">{content}</define></grammar>"#
        )
    };
    write_dated(&dir.path().join("part.rng"), &part("<text/>"));
    let doc = dir.path().join("note.xml");
    std::fs::write(&doc, "<note>hi</note>").unwrap();
    let cache = dir.path().join("cache");
    let run = |extra: &[&str], cache: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_teikit"))
            .env("TEIKIT_CACHE_DIR", cache)
            .args(["validate", "--schema"])
            .arg(dir.path().join("main.rng"))
            .arg(&doc)
            .args(extra)
            .output()
            .unwrap()
    };
    let stored = |cache: &Path| std::fs::read_dir(cache.join("schemas")).map_or(0, |d| d.count());
    assert_eq!(run(&[], &cache).status.code(), Some(0));
    assert_eq!(stored(&cache), 1, "the compiled schema is kept");
    assert_eq!(run(&[], &cache).status.code(), Some(0), "and read back");
    write_dated(&dir.path().join("part.rng"), &part("<empty/>"));
    let out = run(&[], &cache);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an included file changed: {}",
        stdout(&out)
    );
    let fresh = dir.path().join("other-cache");
    assert_eq!(run(&["--no-cache"], &fresh).status.code(), Some(1));
    assert_eq!(stored(&fresh), 0, "--no-cache keeps nothing");
}
