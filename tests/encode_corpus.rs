//! Encoding the plain text of real letters (`letters-dev` in the shared
//! corpus): nothing is lost, the structure is found, and every output is
//! valid TEI.

mod common;

#[path = "common/structure.rs"]
mod structure;

use std::path::PathBuf;

use teikit::encode::{encode_to_string, Options};

fn dev_letters() -> Option<Vec<PathBuf>> {
    let dir = common::shared_dir()?.join("corpus/letters-dev");
    let files = teikit::files::collect_files(&[dir], "txt").expect("letters-dev is readable");
    assert!(files.len() >= 20, "letters-dev has {} letters", files.len());
    Some(files)
}

fn encode(text: &str) -> String {
    let options = Options {
        lang: "en".into(),
        source: "letter.txt".into(),
        ..Options::default()
    };
    encode_to_string(text, &options)
}

#[test]
fn no_character_of_a_real_letter_is_lost_or_changed() {
    let Some(files) = dev_letters() else { return };
    for path in files {
        let text = teikit::files::read_text(&path)
            .expect("readable letter")
            .text;
        assert_eq!(
            common::body_text(&encode(&text)),
            common::collapse(&text),
            "{}",
            path.display()
        );
    }
}

#[test]
fn encoding_is_deterministic() {
    let Some(files) = dev_letters() else { return };
    for path in files.iter().take(5) {
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(encode(&text), encode(&text));
    }
}

#[test]
fn structure_score_on_real_letters() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let counts = structure::score_corpus(&shared.join("corpus/letters-dev"), encode);
    let table = structure::table(&counts);
    println!("{table}");
    let gold: usize = counts.values().map(|c| c.gold).sum();
    let loose: usize = counts.values().map(|c| c.loose).sum();
    assert!(gold > 0, "the gold letters have structure elements");
    // A regression floor, below the figure the README reports.
    assert!(
        loose * 100 >= gold * 60,
        "structure found for {loose} of {gold} elements:\n{table}"
    );
}

#[test]
fn every_output_is_valid_against_tei_all() {
    let Some(files) = dev_letters() else { return };
    if !common::jing_available() {
        return;
    }
    let shared = common::shared_dir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for path in &files {
        let text = teikit::files::read_text(path).unwrap().text;
        let out = dir
            .path()
            .join(path.file_name().unwrap())
            .with_extension("xml");
        std::fs::write(&out, encode(&text)).unwrap();
        outputs.push(out);
    }
    let letter =
        std::fs::read_to_string(shared.join("letters/thorburn-to-kim-jong-il-2003-07-26.txt"))
            .unwrap();
    let out = dir.path().join("thorburn.xml");
    std::fs::write(&out, encode(&letter)).unwrap();
    outputs.push(out);
    common::assert_jing_valid(&shared.join("schemas-ref/tei_all.rng"), &outputs);
}
