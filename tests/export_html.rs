//! The HTML reading edition: goldens, no text lost on the shared corpus,
//! the bundled edition's site checked like a user would (the Nu HTML
//! Checker, internal links), determinism, and the command line.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{bundled_letter, collapse, have, parallel, root, shared_dir, teikit, tool_available};
use roxmltree::{Document, Node};
use teikit::export::html::letter_html;
use teikit::export::{write_site, Register};

const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

fn edition() -> PathBuf {
    root().join("editions/thorburn")
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/export")
}

fn parse_html(html: &str) -> Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(html, options).expect("the HTML is well-formed XML too")
}

fn has_class(node: &Node<'_, '_>, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|t| t == class))
}

fn text_of(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// The TEI's text outside the header, the notes moved to the end (as the
/// footnotes are), white space collapsed.
fn tei_reference(doc: &Document<'_>) -> String {
    fn walk(node: Node<'_, '_>, main: &mut String, notes: &mut Vec<String>) {
        for child in node.children() {
            if child.is_text() {
                main.push_str(child.text().unwrap_or(""));
            } else if child.has_tag_name((TEI_NS, "teiHeader")) {
                continue;
            } else if child.has_tag_name((TEI_NS, "note")) {
                notes.push(text_of(child));
            } else if child.is_element() {
                walk(child, main, notes);
            }
        }
    }
    let (mut main, mut notes) = (String::new(), Vec::new());
    walk(doc.root(), &mut main, &mut notes);
    main.push(' ');
    main.push_str(&notes.join(" "));
    collapse(&main)
}

/// The text of a page's reading text and its footnotes, white space collapsed.
fn html_reading(html: &str) -> String {
    let doc = parse_html(html);
    let parts: Vec<String> = doc
        .descendants()
        .filter(|n| {
            (n.has_tag_name("div") && has_class(n, "text"))
                || (n.has_tag_name("section") && has_class(n, "notes"))
        })
        .map(text_of)
        .collect();
    collapse(&parts.join(" "))
}

/// Where `needle` stops being a subsequence of `hay` (None: it is one).
fn not_contained(needle: &str, hay: &str) -> Option<usize> {
    let mut hay = hay.chars();
    for (i, c) in needle.chars().enumerate() {
        if !hay.any(|h| h == c) {
            return Some(i);
        }
    }
    None
}

fn assert_no_text_lost(path: &Path, tei: &str, html: &str) -> Option<String> {
    let doc = teikit::tei::parse_untrusted(tei).expect("well-formed TEI");
    let reference = tei_reference(&doc);
    let got = html_reading(html);
    not_contained(&reference, &got).map(|at| {
        let around: String = reference
            .chars()
            .skip(at.saturating_sub(40))
            .take(80)
            .collect();
        format!("{}: text lost at char {at}: {around}", path.display())
    })
}

#[test]
fn golden_bundled_letter_page() {
    let register = Register::load(&edition().join("register.xml")).unwrap();
    let xml = std::fs::read_to_string(bundled_letter()).unwrap();
    let html = letter_html(
        &xml,
        &bundled_letter(),
        &register,
        "Letters of Michael Thorburn",
    )
    .unwrap();
    insta::assert_snapshot!("html_bundled_letter", html);
}

#[test]
fn golden_editorial_site() {
    let dir = tempfile::tempdir().unwrap();
    let letter = fixtures().join("editorial.xml");
    let register = fixtures().join("register.xml");
    let written = write_site(&[letter], Some(&register), "Fixture letters", dir.path()).unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "editorial.html",
            "index.html",
            "orgs.html",
            "persons.html",
            "places.html",
            "teikit.css"
        ]
    );
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    insta::assert_snapshot!("html_editorial_letter", read("editorial.html"));
    insta::assert_snapshot!("html_editorial_persons", read("persons.html"));
    insta::assert_snapshot!("html_editorial_index", read("index.html"));
}

/// No text of any valid TEI document is lost: the page's text, white space
/// collapsed, contains every character of the TEI text outside the header,
/// in order (notes as footnotes, at the end).
#[test]
fn no_text_lost_on_the_corpus() {
    let Some(shared) = shared_dir() else { return };
    let mut files = vec![bundled_letter(), fixtures().join("editorial.xml")];
    files.extend(teikit::files::collect_files(&[shared.join("corpus/tei-valid")], "xml").unwrap());
    assert!(files.len() > 100, "the corpus is there");
    let register = Register::default();
    let lost = parallel(&files, |path| {
        let tei = std::fs::read_to_string(path).unwrap();
        let html = letter_html(&tei, path, &register, "Corpus").unwrap();
        assert_no_text_lost(path, &tei, &html)
    });
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

fn bundled_site(dir: &Path) -> Vec<PathBuf> {
    let letters = teikit::files::collect_files(&[edition().join("letters")], "xml").unwrap();
    write_site(
        &letters,
        Some(&edition().join("register.xml")),
        "Letters of Michael Thorburn",
        dir,
    )
    .unwrap()
}

#[test]
fn site_is_byte_stable() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (wa, wb) = (bundled_site(a.path()), bundled_site(b.path()));
    assert_eq!(wa.len(), wb.len());
    for (pa, pb) in wa.iter().zip(&wb) {
        assert_eq!(
            std::fs::read(pa).unwrap(),
            std::fs::read(pb).unwrap(),
            "{}",
            pa.display()
        );
    }
}

/// Every internal link of the bundled edition's site leads to a file that
/// exists and, with a fragment, to an element with that id.
#[test]
fn site_has_no_broken_internal_links() {
    let dir = tempfile::tempdir().unwrap();
    let written = bundled_site(dir.path());
    let pages: Vec<&PathBuf> = written
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut links = Vec::new();
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let html = std::fs::read_to_string(page).unwrap();
        let doc = parse_html(&html);
        let page_ids = doc
            .descendants()
            .filter_map(|n| n.attribute("id").map(str::to_owned))
            .collect();
        ids.insert(name.clone(), page_ids);
        for node in doc
            .descendants()
            .filter(|n| n.has_tag_name("a") || n.has_tag_name("link"))
        {
            let href = node.attribute("href").expect("every link has a target");
            if !href.starts_with("https://") && !href.starts_with("http://") {
                links.push((name.clone(), href.to_owned()));
            }
        }
    }
    assert!(
        links.len() > 50,
        "the site links its pages: {}",
        links.len()
    );
    let mut broken = Vec::new();
    for (from, href) in &links {
        let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
        let file = if file.is_empty() { from.as_str() } else { file };
        let ok = dir.path().join(file).is_file()
            && (fragment.is_empty() || ids.get(file).is_some_and(|set| set.contains(fragment)));
        if !ok {
            broken.push(format!("{from} -> {href}"));
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // Back-links: the person index lists the letter that mentions Kim Jong Il.
    let persons = std::fs::read_to_string(dir.path().join("persons.html")).unwrap();
    let kim = persons
        .split("id=\"kim-jong-il\"")
        .nth(1)
        .expect("an entry for kim-jong-il");
    let kim = kim.split("</section>").next().unwrap();
    assert!(
        kim.contains("href=\"thorburn-to-kim-jong-il-2003-07-26.html\""),
        "{kim}"
    );
}

/// The jar of the Nu HTML Checker: `$TEIKIT_VNU_JAR`, or where `.ci/run` installs it.
fn vnu_jar() -> Option<PathBuf> {
    let jar = std::env::var_os("TEIKIT_VNU_JAR")
        .map(PathBuf::from)
        .or_else(|| {
            let home = std::env::var_os("HOME")?;
            Some(
                PathBuf::from(home)
                    .join(".cache/teikit-ci/node_modules/vnu-jar/build/dist/vnu.jar"),
            )
        });
    let found = jar.filter(|j| j.is_file()).filter(|_| have("java"));
    assert!(
        found.is_some() || std::env::var_os("CI").is_none(),
        "the Nu HTML Checker is required under CI: java and vnu.jar (see .ci/run, TEIKIT_VNU_JAR)"
    );
    if found.is_none() {
        eprintln!("skipped: no vnu.jar or java (set TEIKIT_VNU_JAR)");
    }
    found
}

/// The Nu HTML Checker finds no error in the bundled edition's site (HTML and CSS).
#[test]
fn nu_html_checker_finds_no_errors() {
    let Some(jar) = vnu_jar() else { return };
    let dir = tempfile::tempdir().unwrap();
    let written = bundled_site(dir.path());
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--also-check-css"])
        .args(&written)
        .output()
        .expect("java runs");
    assert!(
        out.status.success(),
        "vnu found errors:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn cli_html_with_register_and_stylesheet_instruction() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let run = teikit(&[
        "export",
        "html",
        fixtures().to_str().unwrap(),
        "--register",
        fixtures().join("register.xml").to_str().unwrap(),
        "--xml-stylesheet",
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let tei = std::fs::read_to_string(out.join("editorial.xml")).unwrap();
    assert!(tei.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"tei-to-html.xsl\"?>\n<TEI"));
    assert!(out.join("tei-to-html.xsl").is_file());
    // The register lies in the folder given, but it is not a letter.
    assert!(out.join("editorial.html").is_file() && !out.join("register.html").exists());
    let persons = std::fs::read_to_string(out.join("persons.html")).unwrap();
    assert!(
        persons.contains("id=\"john\"")
            && persons.contains("Merchant")
            && persons.contains("12345")
    );
}

#[test]
fn cli_html_refuses_a_letter_named_like_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let letter = dir.path().join("index.xml");
    std::fs::copy(fixtures().join("editorial.xml"), &letter).unwrap();
    let out = dir.path().join("site");
    let run = teikit(&[
        "export",
        "html",
        letter.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("teikit::export::name_clash"));
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());
}

/// The XSLT twin gives comparable HTML: the letter's names and dates as
/// links and `<time>`, and, like teikit's pages, no text lost on the bundled
/// edition, the fixtures and every file of the corpus.
#[test]
fn xslt_html_twin_is_comparable() {
    if !tool_available("xsltproc") {
        return;
    }
    let xsltproc = |path: &Path| {
        let out = Command::new("xsltproc")
            .arg("--nonet")
            .arg(root().join("xsl/tei-to-html.xsl"))
            .arg(path)
            .output()
            .expect("xsltproc runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let letters = [bundled_letter(), fixtures().join("editorial.xml")];
    for path in &letters {
        let html = xsltproc(path);
        assert!(
            html.contains("<time class=\"tei-date\" datetime=\""),
            "dates become <time>"
        );
        assert!(
            html.contains("class=\"tei-persName person\""),
            "names carry their kind"
        );
    }
    let mut files = letters.to_vec();
    if let Some(shared) = shared_dir() {
        files.extend(
            teikit::files::collect_files(&[shared.join("corpus/tei-valid")], "xml").unwrap(),
        );
    }
    let lost = parallel(&files, |path| {
        let tei = std::fs::read_to_string(path).unwrap();
        assert_no_text_lost(path, &tei, &xsltproc(path))
    });
    assert!(lost.is_empty(), "{}", lost.join("\n"));
}

#[test]
fn a_bad_letter_leaves_the_site_folder_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("a-good.xml");
    std::fs::copy(fixtures().join("editorial.xml"), &good).unwrap();
    let bad = dir.path().join("b-bad.xml");
    std::fs::write(&bad, "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text>").unwrap();
    let out = dir.path().join("site");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("index.html"), "the old index").unwrap();
    let err = write_site(&[good.clone(), bad], None, "Site", &out).unwrap_err();
    assert!(err.to_string().contains("b-bad.xml"), "{err}");
    let left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        ["index.html"],
        "no page of the good letter was written"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "the old index"
    );
    assert!(write_site(&[good], None, "Site", &out).unwrap().len() > 3);
}
