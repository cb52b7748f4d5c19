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
