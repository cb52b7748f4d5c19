//! `teikit register harvest` and `suggest` on a copy of the bundled edition,
//! and `teikit encode --register` linking what the register knows.

mod common;

use std::path::{Path, PathBuf};

use common::teikit;
use teikit::encode::{EntityKind, Register};

fn edition() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("editions/thorburn")
}

/// A copy of the edition with one more letter, whose marks teach the register.
fn copy_with_letter(letter: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["edition.toml", "register.xml"] {
        std::fs::copy(edition().join(f), dir.path().join(f)).unwrap();
    }
    let letters = dir.path().join("letters");
    std::fs::create_dir(&letters).unwrap();
    for e in std::fs::read_dir(edition().join("letters")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, letters.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(letters.join("new.xml"), letter).unwrap();
    dir
}

const LETTER: &str = r##"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><div>
<p>To <persName ref="#kim-jong-il">Comrade Kim</persName> and <persName>Mr. Ri Chol</persName>
in <placeName>Kaesong</placeName>, with <orgName>Korean Friendship Society</orgName>;
again <persName>Mr. Ri Chol</persName> and <placeName>Kaesong</placeName>.</p>
</div></body></text></TEI>"##;

#[test]
fn harvest_adds_variants_and_entries_and_keeps_everything_else() {
    let dir = copy_with_letter(LETTER);
    let path = dir.path().join("register.xml");
    let before_text = std::fs::read_to_string(&path).unwrap();
    let before = Register::load(&path).unwrap();
    let out = teikit(&["register", "harvest", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let after = Register::load(&path).unwrap();
    for old in &before.entries {
        let now = after.entries.iter().find(|e| e.id == old.id).unwrap();
        assert!(
            old.names.iter().all(|n| now.names.contains(n)),
            "{old:?} lost a name"
        );
    }
    assert_eq!(
        after.lookup(EntityKind::Person, "Comrade Kim").unwrap().id,
        "kim-jong-il"
    );
    assert!(after.lookup(EntityKind::Person, "Mr. Ri Chol").is_some());
    assert!(after.lookup(EntityKind::Place, "Kaesong").is_some());
    assert!(after
        .lookup(EntityKind::Org, "Korean Friendship Society")
        .is_some());
    assert_eq!(after.entries.len(), before.entries.len() + 3);
    let after_text = std::fs::read_to_string(&path).unwrap();
    let header_end = before_text.find("<standOff>").unwrap();
    assert_eq!(after_text[..header_end], before_text[..header_end]);
    teikit::tei::parse_untrusted(&after_text).unwrap();
    // Harvesting again finds nothing new.
    let again = teikit(&["register", "harvest", dir.path().to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after_text);
}

#[test]
fn suggest_lists_unlinked_names_with_counts() {
    let dir = copy_with_letter(LETTER);
    let out = teikit(&["register", "suggest", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap();
    assert!(first.starts_with("2\t"), "{stdout}");
    assert!(
        stdout.contains("2\tperson\tmarked\tMr. Ri Chol"),
        "{stdout}"
    );
    assert!(stdout.contains("2\tplace\tmarked\tKaesong"), "{stdout}");
    assert!(!stdout.contains("Comrade Kim"), "{stdout}");
}

#[test]
fn harvest_without_edition_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = teikit(&["register", "harvest", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn encode_links_register_names_and_their_variants() {
    let dir = tempfile::tempdir().unwrap();
    let letter = dir.path().join("l.txt");
    std::fs::write(
        &letter,
        "Dear Comrade,\n\nWe greet Kim Jong-il and the people of the DPRK from the U.S.\n\nMichael Thorburn\n",
    )
    .unwrap();
    let reg = edition().join("register.xml");
    let out = teikit(&[
        "encode",
        letter.to_str().unwrap(),
        "--register",
        reg.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(
        xml.contains(r##"<persName ref="#kim-jong-il">Kim Jong-il</persName>"##),
        "{xml}"
    );
    assert!(
        xml.contains(r##"<placeName ref="#dprk">DPRK</placeName>"##),
        "{xml}"
    );
    assert!(
        xml.contains(r##"<placeName ref="#usa">U.S.</placeName>"##),
        "{xml}"
    );
}
