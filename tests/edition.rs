//! The bundled edition and `teikit build`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::teikit;

fn edition() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("editions/thorburn")
}

#[test]
fn corrected_letters_keep_the_text_of_their_sources() {
    let letters = teikit::files::collect_files(&[edition().join("letters")], "xml").unwrap();
    assert!(!letters.is_empty());
    for letter in letters {
        let source = edition()
            .join("sources")
            .join(letter.file_name().unwrap())
            .with_extension("txt");
        let text = teikit::files::read_text(&source).unwrap().text;
        assert_eq!(
            common::body_text(&fs::read_to_string(&letter).unwrap()),
            common::collapse(&text),
            "{}",
            letter.display()
        );
    }
}

#[test]
fn every_reference_points_into_the_register() {
    let register = teikit::encode::Register::load(&edition().join("register.xml")).unwrap();
    let ids: Vec<&str> = register.entries.iter().map(|e| e.id.as_str()).collect();
    for letter in teikit::files::collect_files(&[edition().join("letters")], "xml").unwrap() {
        let xml = fs::read_to_string(&letter).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let refs: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("ref"))
            .collect();
        assert!(refs.len() > 10, "the letter links its names");
        for r in refs {
            let id = r.strip_prefix('#').expect("a local reference");
            assert!(ids.contains(&id), "{r} in {}", letter.display());
        }
    }
}

#[test]
fn edition_files_are_valid_against_tei_all() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    if !common::jing_available() {
        return;
    }
    let mut files = teikit::files::collect_files(&[edition().join("letters")], "xml").unwrap();
    files.push(edition().join("register.xml"));
    common::assert_jing_valid(&shared.join("schemas-ref/tei_all.rng"), &files);
}

/// Copies the bundled edition into a temporary folder.
fn copy_edition() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["sources", "letters"] {
        fs::create_dir_all(dir.path().join(sub)).unwrap();
        for f in fs::read_dir(edition().join(sub)).unwrap() {
            let f = f.unwrap().path();
            fs::copy(&f, dir.path().join(sub).join(f.file_name().unwrap())).unwrap();
        }
    }
    for f in ["edition.toml", "register.xml"] {
        fs::copy(edition().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

#[test]
fn build_encodes_new_letters_and_keeps_corrected_ones() {
    let dir = copy_edition();
    let letter = dir
        .path()
        .join("letters/thorburn-to-kim-jong-il-2003-07-26.xml");
    let before = fs::read(&letter).unwrap();
    fs::write(
        dir.path().join("sources/new.txt"),
        "London, March 3, 1850\n\nDear Kim Jong Il,\n\nA new letter.\n\nYours truly,\n\nMichael Thorburn",
    )
    .unwrap();
    let out = dir.path().join("site");
    let run = teikit(&[
        "build",
        dir.path().to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        fs::read(&letter).unwrap(),
        before,
        "a corrected letter is never overwritten"
    );
    let new = fs::read_to_string(dir.path().join("letters/new.xml")).unwrap();
    assert!(
        new.contains(r##"<persName ref="#thorburn">Michael Thorburn</persName>"##),
        "{new}"
    );
    assert!(new.contains(r#"<date when="1850-03-03">"#), "{new}");
    assert!(
        new.contains("<publisher>teikit</publisher>"),
        "edition.toml reaches the header"
    );
    for f in [
        "new.xml",
        "thorburn-to-kim-jong-il-2003-07-26.xml",
        "register.xml",
    ] {
        assert!(out.join("tei").join(f).is_file(), "{f} in the TEI set");
    }
    for f in [
        "index.html",
        "new.html",
        "persons.html",
        "places.html",
        "teikit.css",
    ] {
        assert!(out.join(f).is_file(), "{f} in the reading edition");
    }
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("new.html"), "the new letter is in the index");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains(&out.join("tei").display().to_string())
            && stdout.contains(&out.join("index.html").display().to_string()),
        "says where the output went: {stdout}"
    );
}

#[test]
fn build_publishes_nothing_from_an_invalid_edition() {
    let dir = copy_edition();
    let letter = dir
        .path()
        .join("letters/thorburn-to-kim-jong-il-2003-07-26.xml");
    let text = fs::read_to_string(&letter).unwrap();
    fs::write(
        &letter,
        text.replacen("ref=\"#pyongyang\"", "ref=\"#pjongjang\"", 1),
    )
    .unwrap();
    let out = dir.path().join("site");
    let run = teikit(&[
        "build",
        dir.path().to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("unresolved-reference"), "{stderr}");
    assert!(stderr.contains("nothing was published"), "{stderr}");
    assert!(!out.join("index.html").exists() && !out.join("tei").exists());
}

#[test]
fn build_without_edition_toml_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = teikit(&["build", dir.path().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("edition.toml"));
}

#[test]
fn the_bundled_edition_keeps_the_edition_rules() {
    use teikit::validate::rules::{check, Source};
    let read = |p: PathBuf| Source {
        text: fs::read_to_string(&p).unwrap(),
        path: p,
    };
    let letters: Vec<Source> = teikit::files::collect_files(&[edition().join("letters")], "xml")
        .unwrap()
        .into_iter()
        .map(read)
        .collect();
    let findings = check(&letters, Some(&read(edition().join("register.xml"))));
    assert_eq!(findings, vec![]);
}
