//! The compact-syntax translator against James Clark's `compacttest.xml`,
//! the TEI letters schema, and the error fixtures in
//! `tests/fixtures/validate/rnc/`.
//!
//! The oracle is a small structural canonicaliser (below): both the
//! translation and the suite's XML twin are reduced to their RELAX NG
//! structure (foreign markup dropped, inherited `ns` and `datatypeLibrary`
//! pushed down, QNames resolved, `div` flattened, the `name` attribute and
//! `<name>` child forms made one) and compared.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use roxmltree::{Document, Node};
use teikit::validate::rnc::{to_rng, RncError};

const RNG: &str = "http://relaxng.org/ns/structure/1.0";

/// A RELAX NG element reduced to what the schema means.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Canon {
    name: String,
    attrs: BTreeMap<&'static str, String>,
    text: Option<String>,
    children: Vec<Canon>,
}

impl Canon {
    fn new(name: &str) -> Self {
        Canon {
            name: name.to_owned(),
            attrs: BTreeMap::new(),
            text: None,
            children: Vec::new(),
        }
    }
}

/// The text of an element exactly (for `value` and `param`).
fn exact_text(n: Node) -> String {
    n.children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect()
}

/// Resolves a QName in the context of `n`; unprefixed names take `default`.
fn resolve(n: Node, qname: &str, default: &str) -> (String, String) {
    let qname = qname.trim();
    match qname.split_once(':') {
        Some((prefix, local)) => {
            let uri = match prefix {
                "xml" => "http://www.w3.org/XML/1998/namespace",
                _ => n.lookup_namespace_uri(Some(prefix)).unwrap_or("?unbound"),
            };
            (uri.to_owned(), local.to_owned())
        }
        None => (default.to_owned(), qname.to_owned()),
    }
}

fn name_elem(uri: String, local: String) -> Canon {
    let mut c = Canon::new("name");
    c.attrs.insert("ns", uri);
    c.text = Some(local);
    c
}

/// Drops `.rnc`/`.rng`: the twin refers to the translated file.
fn stem(href: &str) -> String {
    href.trim_end_matches(".rnc")
        .trim_end_matches(".rng")
        .to_owned()
}

/// Canonicalises `n` with the inherited `ns` and `datatypeLibrary`.
fn canon(n: Node, ns: &str, dl: &str) -> Vec<Canon> {
    if !n.is_element() || n.tag_name().namespace() != Some(RNG) {
        return Vec::new();
    }
    let ns_here = n.attribute("ns").unwrap_or(ns);
    let dl_here = n.attribute("datatypeLibrary").unwrap_or(dl);
    let mut kids: Vec<Canon> = n
        .children()
        .flat_map(|c| canon(c, ns_here, dl_here))
        .collect();
    let local = n.tag_name().name();
    let mut c = Canon::new(local);
    match local {
        "div" => return kids,
        "name" => {
            let (uri, l) = resolve(n, &exact_text(n), ns_here);
            return vec![name_elem(uri, l)];
        }
        "element" | "attribute" => name_attribute_as_child(n, ns_here, &mut kids),
        "nsName" => {
            c.attrs.insert("ns", ns_here.to_owned());
        }
        "value" | "data" | "param" => datatype_parts(n, dl_here, &mut c),
        _ => {}
    }
    for key in ["name", "combine"] {
        if let (Some(v), false) = (n.attribute(key), matches!(local, "element" | "attribute")) {
            c.attrs.insert(key, v.trim().to_owned());
        }
    }
    if let Some(href) = n.attribute("href") {
        c.attrs.insert("href", stem(href.trim()));
    }
    c.children = regroup(local, kids);
    if matches!(local, "choice" | "group" | "interleave") && c.children.len() == 1 {
        return c.children;
    }
    vec![c]
}

/// `<element name="q:n">` becomes `<element><name ns="...">n</name>`; an
/// attribute without content gets its implicit `<text/>`.
fn name_attribute_as_child(n: Node, ns_here: &str, kids: &mut Vec<Canon>) {
    let is_element = n.has_tag_name((RNG, "element"));
    if let Some(q) = n.attribute("name") {
        let default = if is_element {
            ns_here
        } else {
            n.attribute("ns").unwrap_or("")
        };
        let (uri, l) = resolve(n, q, default);
        kids.insert(0, name_elem(uri, l));
    }
    if !is_element && kids.len() == 1 {
        kids.push(Canon::new("text"));
    }
}

/// The datatype of `data` and `value` (a value without one is a `token`),
/// and the exact text of `value` and `param`.
fn datatype_parts(n: Node, dl_here: &str, c: &mut Canon) {
    let local = n.tag_name().name();
    if local != "param" {
        let (ty, lib) = match n.attribute("type") {
            Some(t) => (t.trim(), dl_here),
            None => ("token", ""),
        };
        c.attrs.insert("type", ty.to_owned());
        c.attrs.insert("datatypeLibrary", lib.to_owned());
    }
    if local != "data" {
        c.text = Some(exact_text(n));
    }
}

/// Section 4.12 of RELAX NG: the patterns of an element, a definition or a
/// repetition form a group (an except's, a choice), however written.
fn regroup(local: &str, mut kids: Vec<Canon>) -> Vec<Canon> {
    let (skip, wrapper) = match local {
        "element" => (1, "group"),
        "define" | "oneOrMore" | "zeroOrMore" | "optional" | "list" | "mixed" => (0, "group"),
        "except" => (0, "choice"),
        _ => return kids,
    };
    if kids.len() < skip {
        return kids;
    }
    let mut patterns = kids.split_off(skip);
    if patterns.len() == 1 && patterns[0].name == wrapper && wrapper == "group" {
        patterns = std::mem::take(&mut patterns[0].children);
    }
    if patterns.len() > 1 {
        let mut g = Canon::new(wrapper);
        g.children = patterns;
        patterns = vec![g];
    }
    kids.extend(patterns);
    kids
}

fn canon_root(root: Node) -> Canon {
    let mut all = canon(root, "", "");
    assert_eq!(all.len(), 1, "one RELAX NG document element");
    all.remove(0)
}

/// Translates `compact` and canonicalises the result (which must be well-formed XML).
fn translate_canon(compact: &str) -> Result<Canon, String> {
    let t = to_rng(compact).map_err(|e| format!("rejected: {e}"))?;
    let doc = Document::parse(&t.xml).map_err(|e| format!("not well-formed ({e}):\n{}", t.xml))?;
    Ok(canon_root(doc.root_element()))
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name(name))
}

/// Runs one `testCase`; `Err` says why it fails.
fn run_case(case: Node) -> Result<(), String> {
    let compact = child(case, "compact").ok_or("no compact schema")?;
    if let Some(bad) = child(compact, "incorrect") {
        return match to_rng(&exact_text(bad)) {
            Ok(t) => Err(format!("accepted an incorrect schema:\n{}", t.xml)),
            Err(_) => Ok(()),
        };
    }
    let good = child(compact, "correct").ok_or("no correct schema")?;
    let xml = child(case, "xml").ok_or("no XML twin")?;
    let twin = child(xml, "correct")
        .and_then(|c| c.first_element_child())
        .ok_or("empty twin")?;
    let ours = translate_canon(&exact_text(good))?;
    let expected = canon_root(twin);
    if ours != expected {
        return Err(format!(
            "differs:\nours     {ours:?}\nexpected {expected:?}"
        ));
    }
    for res in compact.children().filter(|c| c.has_tag_name("resource")) {
        let name = stem(res.attribute("name").unwrap_or_default());
        let twin_res = xml
            .children()
            .find(|c| {
                c.has_tag_name("resource") && c.attribute("name").map(stem) == Some(name.clone())
            })
            .and_then(|r| r.first_element_child());
        let Some(twin_res) = twin_res else {
            // The suite gives some included files in the compact form only.
            translate_canon(&exact_text(res))?;
            continue;
        };
        if translate_canon(&exact_text(res))? != canon_root(twin_res) {
            return Err(format!("resource {name} differs"));
        }
    }
    Ok(())
}

#[test]
fn every_compacttest_case_passes() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let path = shared.join("relaxng-spectest/compacttest.xml");
    let text = std::fs::read_to_string(&path).expect("compacttest.xml is readable");
    let doc = Document::parse(&text).expect("compacttest.xml is well-formed");
    let cases: Vec<Node> = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name("testCase"))
        .collect();
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        if let Err(why) = run_case(*case) {
            let line = doc.text_pos_at(case.range().start).row;
            failures.push(format!("case {} (line {line}): {why}", i + 1));
        }
    }
    println!(
        "compacttest: {} of {} cases pass",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert_eq!(
        cases.len(),
        87,
        "the suite has 87 test cases (and 3 more commented out)"
    );
}

fn crate_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn the_tei_letters_schema_translates_to_its_xml_twin() {
    let rnc =
        std::fs::read_to_string(crate_path("schemas/tei_letters.rnc")).expect("schema readable");
    let ours = translate_canon(&rnc).expect("tei_letters.rnc translates");
    let rng =
        std::fs::read_to_string(crate_path("schemas/tei_letters.rng")).expect("schema readable");
    let doc = Document::parse(&rng).expect("tei_letters.rng is well-formed");
    let twin = canon_root(doc.root_element());
    assert_eq!(
        ours.children.len(),
        twin.children.len(),
        "same number of definitions"
    );
    for (a, b) in ours.children.iter().zip(&twin.children) {
        assert_eq!(a, b, "definition {:?} differs", b.attrs.get("name"));
    }
}

/// `(line, column)`, both from 1, of a byte offset (columns count characters).
fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn render(e: RncError) -> String {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .render_report(&mut out, &e)
        .expect("renders");
    out
}

/// Each `_err_` fixture states `# expect: LINE:COL CODE` on its first line.
#[test]
fn error_fixtures_point_at_the_right_place() {
    let dir = crate_path("tests/fixtures/validate/rnc");
    let mut seen = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rnc"))
    {
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let src = std::fs::read_to_string(path).expect("fixture readable");
        if !file.contains("_err_") {
            to_rng(&src).unwrap_or_else(|e| panic!("{file}: {}", render(e)));
            continue;
        }
        seen += 1;
        let expect = src
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .expect("an expect line");
        let (pos, code) = expect.split_once(' ').expect("LINE:COL CODE");
        let err = to_rng(&src)
            .err()
            .unwrap_or_else(|| panic!("{file}: accepted"));
        let (line, col) = line_col(&src, err.span().offset());
        assert_eq!(format!("{line}:{col}"), pos, "{file}: position ({err})");
        let got = miette::Diagnostic::code(&err)
            .map(|c| c.to_string())
            .unwrap_or_default();
        assert_eq!(got, code.trim(), "{file}: code");
        let shown = render(err);
        assert!(
            shown.contains(&format!("{line}:{col}")),
            "{file}: rendering names the place:\n{shown}"
        );
    }
    assert!(seen >= 8, "error fixtures found: {seen}");
}

/// Runs jing on `files` with `args` before the schema, returning its report.
fn jing(args: &[&str], schema: &Path, files: &[PathBuf]) -> (String, bool) {
    let out = std::process::Command::new("jing")
        .args(args)
        .arg(schema)
        .args(files)
        .output()
        .expect("jing runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.success(),
    )
}

/// Jing reading TEI Lite's compact schema itself and jing reading our
/// translation report exactly the same errors on the same documents.
#[test]
fn jing_agrees_on_tei_lite_read_directly_or_through_the_translation() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    if !common::jing_available() {
        return;
    }
    let rnc_path = shared.join("schemas-ref/tei_lite.rnc");
    let rnc = std::fs::read_to_string(&rnc_path).expect("tei_lite.rnc readable");
    let translated = to_rng(&rnc).unwrap_or_else(|e| panic!("{}", render(e)));
    let dir = tempfile::tempdir().expect("temporary folder");
    let rng_path = dir.path().join("tei_lite.rng");
    std::fs::write(&rng_path, &translated.xml).expect("written");
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in ["corpus/tei-invalid", "corpus/letters-dev"] {
        let mut stack = vec![shared.join(sub)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("corpus folder") {
                let p = e.expect("entry").path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "xml") {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    assert!(files.len() > 10, "documents to validate: {}", files.len());
    let (direct, _) = jing(&["-c"], &rnc_path, &files);
    let (ours, _) = jing(&[], &rng_path, &files);
    assert!(
        direct.lines().count() > 10,
        "the documents give jing something to report:\n{direct}"
    );
    assert_eq!(ours, direct, "jing's reports differ");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A fixture that exercises most of the syntax, to mutate.
    fn base() -> String {
        std::fs::read_to_string(crate_path(
            "tests/fixtures/validate/rnc/tei_annotations_ok.rnc",
        ))
        .expect("fixture")
    }

    /// A translation is well-formed XML with one RELAX NG document element;
    /// an error has a span inside the source and renders.
    fn check(src: &str) -> Result<(), TestCaseError> {
        match to_rng(src) {
            Ok(t) => {
                let doc = Document::parse(&t.xml)
                    .map_err(|e| TestCaseError::fail(format!("{e}:\n{}", t.xml)))?;
                prop_assert_eq!(canon(doc.root_element(), "", "").len(), 1);
                prop_assert!(t.map.windows(2).all(|w| w[0].0 < w[1].0));
                prop_assert!(t.map.iter().all(|&(_, c)| c <= src.len()));
                prop_assert_eq!(to_rng(src).ok(), Some(t), "translation is deterministic");
            }
            Err(e) => {
                let s = e.span();
                prop_assert!(
                    s.offset() + s.len() <= src.len(),
                    "span {s:?} outside {} bytes",
                    src.len()
                );
                prop_assert!(src.is_char_boundary(s.offset()));
                render(e);
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn mutated_schemas_translate_or_fail_cleanly(
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0..3u8, prop::sample::select(
                vec!['{', '}', '[', ']', '(', ')', '"', '\'', '#', '\\', ':', '*', '-', '|', ',', '&', '?', '+', '=', '~', '>', 'x', 'a', ' ', '\n', '\r', 'é'],
            )), 1..4)
        ) {
            let mut chars: Vec<char> = base().chars().collect();
            for (at, op, c) in edits {
                let i = at.index(chars.len() + 1);
                match op {
                    0 if i < chars.len() => { chars.remove(i); }
                    1 if i < chars.len() => chars[i] = c,
                    _ => chars.insert(i, c),
                }
            }
            check(&chars.into_iter().collect::<String>())?;
        }

        #[test]
        fn arbitrary_text_translates_or_fails_cleanly(src in "[ -~\\n\\t\u{e9}\u{10300}]{0,80}") {
            check(&src)?;
        }
    }
}

/// The `(uri, local)` of every `name` in a canonical tree, in document order.
fn names(c: &Canon, out: &mut Vec<(String, String)>) {
    if c.name == "name" {
        out.push((
            c.attrs.get("ns").cloned().unwrap_or_default(),
            c.text.clone().unwrap_or_default(),
        ));
    }
    for k in &c.children {
        names(k, out);
    }
}

fn find<'c>(c: &'c Canon, name: &str) -> Option<&'c Canon> {
    if c.name == name {
        return Some(c);
    }
    c.children.iter().find_map(|k| find(k, name))
}

#[test]
fn namespaces_reach_names_includes_and_external_references() {
    let src = r#"
default namespace tei = "http://www.tei-c.org/ns/1.0"
namespace x = "http://example.org/x"
namespace local = ""
include "core.rnc" inherit = x {
  p = element p { attribute rend { text }, element x:hi { empty } }
}
include "more.rnc"
start = element * - (local:* | x:*) { external "other.rnc" inherit = local }
"#;
    let c = translate_canon(src).expect("translates");
    let mut got = Vec::new();
    names(&c, &mut got);
    let tei = "http://www.tei-c.org/ns/1.0".to_owned();
    let x = "http://example.org/x".to_owned();
    let expect = [
        (tei.clone(), "p"),
        (String::new(), "rend"),
        (x.clone(), "hi"),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(u, l)| (u.clone(), (*l).to_owned()))
        .collect();
    assert_eq!(got, expect);
    let includes: Vec<&Canon> = c.children.iter().filter(|k| k.name == "include").collect();
    let t = to_rng(src).expect("translates").xml;
    assert!(
        t.contains(r#"<include href="core.rnc" ns="http://example.org/x">"#),
        "{t}"
    );
    assert!(
        t.contains(r#"<include href="more.rnc" ns="http://www.tei-c.org/ns/1.0"/>"#),
        "{t}"
    );
    assert!(
        t.contains(r#"<externalRef href="other.rnc" ns=""/>"#),
        "{t}"
    );
    assert_eq!(includes.len(), 2);
    let except = find(&c, "except").expect("an except");
    let ns: Vec<&str> = except.children[0]
        .children
        .iter()
        .map(|n| n.attrs["ns"].as_str())
        .collect();
    assert_eq!(ns, ["", "http://example.org/x"]);
}

#[test]
fn without_a_default_namespace_element_names_inherit_it() {
    let t = to_rng("start = element p { attribute n { text } }\ninclude \"x.rnc\"")
        .expect("translates");
    assert!(t.xml.contains(r#"<element name="p">"#), "{}", t.xml);
    assert!(t.xml.contains(r#"<include href="x.rnc"/>"#), "{}", t.xml);
    assert!(
        !t.xml.contains(" ns="),
        "nothing fixes a namespace:\n{}",
        t.xml
    );
}
