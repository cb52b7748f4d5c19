//! Cases for the plain-text export.

use super::*;

fn text(body: &str, options: &TextOptions) -> String {
    let xml = format!(
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc></teiHeader><text><body>{body}</body></text></TEI>"
    );
    text_of(&xml, options, Path::new("t.xml")).unwrap()
}

fn reg(body: &str) -> String {
    text(body, &TextOptions::default())
}

#[test]
fn blocks_are_paragraphs_and_inline_markup_keeps_the_line() {
    assert_eq!(
        reg("<p>Dear <persName>Sir</persName>,\n   I <hi>write</hi>.</p><p>Yours</p>"),
        "Dear Sir, I write.\n\nYours\n"
    );
}

#[test]
fn header_is_left_out_unless_asked() {
    assert_eq!(reg("<p>x</p>"), "x\n");
    let with = text(
        "<p>x</p>",
        &TextOptions {
            header: true,
            ..TextOptions::default()
        },
    );
    assert_eq!(with, "Title: T\n\nx\n");
}

#[test]
fn notes_are_numbered_and_collected() {
    assert_eq!(
        reg("<p>One<note>First <note>inner</note> note.</note> two<note><p>Second</p></note>.</p>"),
        "One[1] two[3].\n\n[1] First [2] note.\n[2] inner\n[3] Second\n"
    );
}

#[test]
fn choice_follows_the_reading() {
    let body = "<p><choice><orig>ſome</orig><reg>some</reg></choice> <choice><abbr>Dr</abbr><expan>Doctor</expan></choice></p>";
    assert_eq!(reg(body), "some Doctor\n");
    let orig = text(
        body,
        &TextOptions {
            reading: Reading::Orig,
            header: false,
        },
    );
    assert_eq!(orig, "ſome Dr\n");
}

#[test]
fn breaks_are_spaces_unless_words_run_on() {
    assert_eq!(
        reg("<p>a<lb/>b<lb break=\"no\"/>c<pb n=\"2\"/>d</p>"),
        "a bc d\n"
    );
}

#[test]
fn white_space_around_a_break_inside_a_word_goes() {
    assert_eq!(
        reg("<p>Philadel-\n    <lb break=\"no\"/>phia and Lon\n<lb break=\"no\"/>\n  don</p>"),
        "Philadel-phia and London\n"
    );
    assert_eq!(
        reg("<p><hi>Edin </hi>\n<pb break=\"no\" n=\"2\"/> <hi>burgh</hi> is <lb/> far</p>"),
        "Edinburgh is far\n"
    );
    assert_eq!(
        reg("<p>Lon<lb break=\"no\"/><del>x</del> don</p>"),
        "London\n",
        "a deletion is left out, the word goes on"
    );
}

#[test]
fn characters_are_never_changed() {
    assert_eq!(
        reg("<p>ſ\u{a0}x &amp; &lt; &#x17F;</p>"),
        "ſ\u{a0}x & < ſ\n"
    );
}

#[test]
fn other_namespaces_are_text_only() {
    let body = "<p>a <eg:note xmlns:eg=\"http://www.tei-c.org/ns/Examples\">b</eg:note></p>";
    assert_eq!(reg(body), "a b\n");
}

#[test]
fn malformed_input_is_an_error_not_a_panic() {
    let err = text_of(
        "<TEI><p>x</TEI>",
        &TextOptions::default(),
        Path::new("bad.xml"),
    );
    assert!(matches!(err, Err(ExportError::Malformed { .. })), "{err:?}");
    let err = text_of(
        "<TEI>&nbsp;</TEI>",
        &TextOptions::default(),
        Path::new("bad.xml"),
    );
    assert!(matches!(err, Err(ExportError::Malformed { .. })), "{err:?}");
}
