//! The plain-text export: goldens, the command line, and the twin test
//! against `xsl/tei-to-text.xsl` run by xsltproc on the shared corpus.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{bundled_letter, collapse, parallel, root, shared_dir, teikit, tool_available};
use teikit::export::{text_of, Reading, TextOptions};

fn fixture() -> PathBuf {
    root().join("tests/fixtures/export/editorial.xml")
}

fn export(path: &Path, options: &TextOptions) -> String {
    let xml = std::fs::read_to_string(path).unwrap();
    text_of(&xml, options, path).unwrap()
}

fn xsltproc(path: &Path, reading: &str) -> String {
    let out = Command::new("xsltproc")
        .args(["--nonet", "--stringparam", "reading", reading])
        .arg(root().join("xsl/tei-to-text.xsl"))
        .arg(path)
        .output()
        .expect("xsltproc runs");
    assert!(
        out.status.success(),
        "xsltproc failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("xsltproc writes UTF-8")
}

#[test]
fn golden_bundled_letter() {
    let options = TextOptions {
        header: true,
        ..TextOptions::default()
    };
    insta::assert_snapshot!("text_bundled_letter", export(&bundled_letter(), &options));
}

#[test]
fn golden_editorial_fixture() {
    insta::assert_snapshot!(
        "text_editorial_reg",
        export(&fixture(), &TextOptions::default())
    );
    let orig = TextOptions {
        reading: Reading::Orig,
        header: false,
    };
    insta::assert_snapshot!("text_editorial_orig", export(&fixture(), &orig));
}

#[test]
fn cli_writes_one_text_per_input_and_refuses_bad_xml() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let fixtures = root().join("tests/fixtures/export");
    let run = teikit(&[
        "export",
        "text",
        fixtures.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--reading",
        "orig",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(out.join("editorial.txt")).unwrap();
    assert!(
        text.contains("Lr of the 20th") && text.contains("vvell"),
        "{text}"
    );
    assert!(out.join("register.txt").exists());

    let bad = dir.path().join("bad.xml");
    std::fs::write(&bad, "<TEI><p>unclosed</TEI>").unwrap();
    let run = teikit(&[
        "export",
        "text",
        bad.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("teikit::export::malformed") && stderr.contains("bad.xml"),
        "{stderr}"
    );
    assert!(!out.join("bad.txt").exists());
}

#[test]
fn cli_refuses_to_overwrite_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt.xml");
    std::fs::copy(fixture(), &input).unwrap();
    // `a.txt.xml` exports to `a.txt.txt`: fine. An input named like an output is not.
    let clash = dir.path().join("b.xml");
    std::fs::copy(fixture(), &clash).unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(fixture(), sub.join("b.xml")).unwrap();
    let run = teikit(&[
        "export",
        "text",
        dir.path().to_str().unwrap(),
        "--out-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("name_clash"));
}

#[test]
fn export_is_deterministic() {
    let a = export(&fixture(), &TextOptions::default());
    let b = export(&fixture(), &TextOptions::default());
    assert_eq!(a, b);
}

/// Two implementations, one truth: the Rust export and the XSLT twin give
/// the same text (white space normalised) on every file of the corpus, the
/// bundled edition and the fixtures, in both readings.
#[test]
fn xslt_twin_agrees_on_the_corpus() {
    if !tool_available("xsltproc") {
        return;
    }
    let mut files = vec![bundled_letter(), fixture()];
    if let Some(shared) = shared_dir() {
        let corpus = shared.join("corpus/tei-valid");
        files.extend(teikit::files::collect_files(&[corpus], "xml").unwrap());
    }
    let mismatches: Vec<String> = parallel(&files, |path| {
        let rust = collapse(&export(path, &TextOptions::default()));
        let xslt = collapse(&xsltproc(path, "reg"));
        (rust != xslt).then(|| first_difference(path, &rust, &xslt))
    });
    assert!(
        mismatches.is_empty(),
        "{} files differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    let orig = TextOptions {
        reading: Reading::Orig,
        header: false,
    };
    for path in [fixture(), bundled_letter()] {
        assert_eq!(
            collapse(&export(&path, &orig)),
            collapse(&xsltproc(&path, "orig"))
        );
    }
}

fn first_difference(path: &Path, rust: &str, xslt: &str) -> String {
    let at = rust
        .chars()
        .zip(xslt.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let around = |s: &str| {
        s.chars()
            .skip(at.saturating_sub(40))
            .take(100)
            .collect::<String>()
    };
    format!(
        "{}: differs at char {at}\n  teikit: {}\n  xslt:   {}",
        path.display(),
        around(rust),
        around(xslt)
    )
}

/// A TEI document of `n` letters, produced piece by piece as it is read, so
/// the whole document never exists in memory.
struct Generated {
    next: usize,
    n: usize,
    chunk: Vec<u8>,
    at: usize,
}

impl Generated {
    fn new(n: usize) -> Self {
        let head = "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader/><text><body>";
        Generated {
            next: 0,
            n,
            chunk: head.as_bytes().to_vec(),
            at: 0,
        }
    }
}

impl std::io::Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.chunk.len() {
            self.at = 0;
            self.chunk = match self.next {
                i if i < self.n => format!(
                    "<div><p>Letter {i} with a note<note>on letter {i}</note> and ſome text.</p></div>\n"
                )
                .into_bytes(),
                i if i == self.n => b"</body></text></TEI>".to_vec(),
                _ => Vec::new(),
            };
            self.next += 1;
        }
        let len = buf.len().min(self.chunk.len() - self.at);
        buf[..len].copy_from_slice(&self.chunk[self.at..self.at + len]);
        self.at += len;
        Ok(len)
    }
}

/// The text export streams: it reads any `BufRead` and writes as it goes.
#[test]
fn text_export_streams_a_large_document() {
    let n = 100_000;
    let input = std::io::BufReader::new(Generated::new(n));
    let mut out = Vec::new();
    teikit::export::write_text(
        input,
        &mut out,
        &TextOptions::default(),
        Path::new("big.xml"),
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("Letter 0 with a note[1] and ſome text.\n\nLetter 1 with a note[2]"));
    assert!(text.contains(&format!(
        "Letter {} with a note[{n}] and ſome text.\n\n[1] on letter 0\n",
        n - 1
    )));
    assert!(text.ends_with(&format!("[{n}] on letter {}\n", n - 1)));
    assert_eq!(text.lines().filter(|l| l.starts_with('[')).count(), n);
}

/// Words broken across lines and pages with `break="no"`: the Rust export
/// and the XSLT twin join them alike, across inline markup, comments,
/// deletions and other breaks, and never across a block.
#[test]
fn both_exports_join_words_broken_across_breaks() {
    if !tool_available("xsltproc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("breaks.xml");
    std::fs::write(
        &path,
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
<p>Philadel-
   <lb break="no"/>phia, Lon<lb break="no"/><del>x</del> don, <hi>Edin </hi>
   <pb break="no" n="2"/> <hi>burgh</hi>, Bir<lb break="no"/><!-- a note to self -->
   <hi> mingham</hi> and Leeds <lb/> and York.</p>
<p>End<lb break="no"/></p><p> next</p>
</body></text></TEI>"#,
    )
    .unwrap();
    let rust = collapse(&export(&path, &TextOptions::default()));
    assert_eq!(
        rust,
        "Philadel-phia, London, Edinburgh, Birmingham and Leeds and York. End next"
    );
    assert_eq!(collapse(&xsltproc(&path, "reg")), rust);
}
