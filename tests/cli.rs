//! The command line tested as a process: exit codes, stdout and stderr.

mod common;

use common::teikit;

#[test]
fn help_explains_each_command() {
    for cmd in ["encode", "validate", "export", "build"] {
        let out = teikit(&[cmd, "--help"]);
        assert!(out.status.success(), "{cmd}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Usage:"), "{cmd}: {text}");
        assert!(
            text.contains("teikit ") && text.contains("xample"),
            "{cmd} has no example: {text}"
        );
    }
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = teikit(&["encode", "--frobnicate", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_input_is_an_io_error() {
    let out = teikit(&["encode", "/nonexistent/letter.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/letter.txt"), "{err}");
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_owned()
}

#[test]
fn bad_input_gets_a_located_error_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "latin1.txt",
            b"Dear Sir,\n\nCaf\xe9 noir.",
            "line 3, column 4",
        ),
        ("binary.txt", b"PK\x03\x04\x00\x00", "binary"),
        ("empty.txt", b"\n  \n", "empty"),
    ];
    for (name, bytes, expected) in cases {
        let path = write(dir.path(), name, bytes);
        let out = teikit(&["encode", &path]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(name) && err.contains(expected),
            "{name}: {err}"
        );
    }
}

#[test]
fn output_over_its_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", b"Dear Sir,\n\nHello.");
    let out = teikit(&["encode", &path, "-o", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("also an input"));
    assert_eq!(std::fs::read(&path).unwrap(), b"Dear Sir,\n\nHello.");
}

#[test]
fn several_letters_need_an_output_directory() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", b"Dear Sir,\n\nOne.");
    let b = write(dir.path(), "b.txt", b"Dear Sir,\n\nTwo.");
    assert_eq!(teikit(&["encode", &a, &b]).status.code(), Some(2));
    assert_eq!(
        teikit(&["encode", &a, &b, "-o", "x.xml"]).status.code(),
        Some(2)
    );
    let out_dir = dir.path().join("out");
    let out = teikit(&["encode", &a, &b, "--out-dir", out_dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let b_xml = std::fs::read_to_string(out_dir.join("b.xml")).unwrap();
    assert!(b_xml.contains("<p>Two.</p>"), "{b_xml}");
    assert!(out_dir.join("a.xml").is_file());
}

#[test]
fn one_letter_goes_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(
        dir.path(),
        "a.txt",
        b"\xEF\xBB\xBFDear Sir,\r\n\r\nOne & two.\r\n",
    );
    let out = teikit(&["encode", &a, "--lang", "de"]);
    assert!(out.status.success());
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:lang=\"de\">"));
    assert!(
        xml.contains("<salute>Dear Sir,</salute>") && xml.contains("<p>One &amp; two.</p>"),
        "{xml}"
    );
    assert!(!xml.contains('\r') && !xml.contains('\u{feff}'));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let big = "Dear Sir,\n\n".to_owned() + &"A sentence of the letter. ".repeat(40_000);
    let a = write(dir.path(), "big.txt", big.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_teikit"))
        .args(["encode", &a])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "exit {status:?}: {err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn the_period_dates_a_two_digit_year_in_the_header_and_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let letter = write(
        dir.path(),
        "letter.txt",
        b"Edgeworthstown Jan 23d 44\n\nDear Fanny,\n\nI wrote on the 15 instant.\n\nYours\nMaria\n",
    );
    let with = teikit(&["encode", &letter, "--period", "1768-1849"]);
    assert_eq!(with.status.code(), Some(0));
    let tei = String::from_utf8(with.stdout).unwrap();
    let doc = roxmltree::Document::parse(&tei).unwrap();
    let whens: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("date"))
        .filter_map(|n| n.attribute("when"))
        .collect();
    assert_eq!(
        whens,
        ["1844-01-23", "1844-01-23", "1844-01-15"],
        "correspDesc, dateline, text"
    );
    let without = String::from_utf8(teikit(&["encode", &letter]).stdout).unwrap();
    assert!(!without.contains("1844"), "no period, no century");
    let bad = teikit(&["encode", &letter, "--period", "1849-1768"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("ends before it begins"));
}
