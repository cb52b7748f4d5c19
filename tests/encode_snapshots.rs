//! Golden TEI for the fixtures in `tests/fixtures/encode/`, reviewed as diffs.

use std::path::Path;

use teikit::encode::{encode_to_string, Options};

fn encode_fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/encode")
        .join(name);
    let text = teikit::files::read_text(&path).expect("fixture").text;
    encode_to_string(
        &text,
        &Options {
            lang: "en".into(),
            source: name.into(),
            ..Options::default()
        },
    )
}

#[test]
fn hard_wrapped_crlf() {
    insta::assert_snapshot!(encode_fixture("hard-wrapped-crlf.txt"));
}

#[test]
fn dateline_at_the_bottom() {
    insta::assert_snapshot!(encode_fixture("dateline-at-the-bottom.txt"));
}

#[test]
fn title_line() {
    insta::assert_snapshot!(encode_fixture("title-line.txt"));
}
