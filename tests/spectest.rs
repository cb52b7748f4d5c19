//! The RELAX NG test suite (James Clark's `spectest.xml`, 385 cases):
//! every incorrect schema is rejected, every correct one compiles, and its
//! valid and invalid instances are classified as such.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use roxmltree::{Document, Node, NodeType, ParsingOptions};
use teikit::validate::Schema;

/// The element name the suite's one entity (`&dii;`) stands for; roxmltree
/// refuses it in a DTD, so it is put back after serialisation.
const DII: &str = "<\u{E14}\u{E35}/>";
const DII_STAND_IN: &str = "<dii-stand-in></dii-stand-in>";

/// The suite's file, with its internal DTD (one entity) expanded by hand.
fn suite(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("relaxng-spectest/spectest.xml"))
        .expect("spectest.xml is readable");
    let body = text.find("<testSuite>").expect("a testSuite");
    text[body..].replace("&dii;", "<dii-stand-in/>")
}

fn escape(s: &str, attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\r' => out.push_str("&#xD;"),
            '\t' if attr => out.push_str("&#x9;"),
            '\n' if attr => out.push_str("&#xA;"),
            c => out.push(c),
        }
    }
    out
}

fn prefix_for(node: Node, uri: &str, attr: bool) -> Option<String> {
    if uri == "http://www.w3.org/XML/1998/namespace" {
        return Some("xml".into());
    }
    let mut found = None;
    for ns in node.namespaces() {
        if ns.uri() == uri {
            match ns.name() {
                Some(p) => return Some(p.to_string()),
                None if !attr => found = Some(String::new()),
                None => {}
            }
        }
    }
    found
}

/// Serialises an element with every in-scope namespace declared on it.
fn serialize(node: Node, out: &mut String, top: bool) {
    match node.node_type() {
        NodeType::Text => out.push_str(&escape(node.text().unwrap_or(""), false)),
        NodeType::Comment => {
            let _ = write!(out, "<!--{}-->", node.text().unwrap_or(""));
        }
        NodeType::PI => {
            if let Some(pi) = node.pi() {
                let _ = write!(out, "<?{} {}?>", pi.target, pi.value.unwrap_or(""));
            }
        }
        NodeType::Element => {
            let tag = node.tag_name();
            let prefix = tag
                .namespace()
                .and_then(|u| prefix_for(node, u, false))
                .unwrap_or_default();
            let name = if prefix.is_empty() {
                tag.name().to_string()
            } else {
                format!("{prefix}:{}", tag.name())
            };
            out.push('<');
            out.push_str(&name);
            let same_as_parent = |n: &roxmltree::Namespace| {
                !top && node.parent_element().is_some_and(|p| {
                    p.namespaces()
                        .any(|m| m.name() == n.name() && m.uri() == n.uri())
                })
            };
            for ns in node.namespaces() {
                if same_as_parent(ns) {
                    continue;
                }
                match ns.name() {
                    Some(p) => {
                        let _ = write!(out, " xmlns:{p}=\"{}\"", escape(ns.uri(), true));
                    }
                    None if tag.namespace().is_some()
                        || prefix_for(node, ns.uri(), false).is_some() =>
                    {
                        let _ = write!(out, " xmlns=\"{}\"", escape(ns.uri(), true));
                    }
                    None => {}
                }
            }
            if tag.namespace().is_none() && node.namespaces().any(|n| n.name().is_none()) {
                out.push_str(" xmlns=\"\"");
            }
            for a in node.attributes() {
                let an = match a.namespace().and_then(|u| prefix_for(node, u, true)) {
                    Some(p) => format!("{p}:{}", a.name()),
                    None => a.name().to_string(),
                };
                let _ = write!(out, " {an}=\"{}\"", escape(a.value(), true));
            }
            out.push('>');
            for c in node.children() {
                serialize(c, out, false);
            }
            let _ = write!(out, "</{name}>");
        }
        _ => {}
    }
}

fn first_element<'a, 'i>(node: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.is_element())
}

fn element_text(node: Node) -> String {
    let mut s = String::new();
    if let Some(e) = first_element(node) {
        serialize(e, &mut s, true);
        s = s.replace(DII_STAND_IN, DII);
    } else {
        s = node.text().unwrap_or("").to_string();
    }
    s
}

fn write_resources(node: Node, dir: &Path) {
    for c in node.children().filter(|c| c.is_element()) {
        let name = c.attribute("name").unwrap_or("unnamed");
        match c.tag_name().name() {
            "resource" => {
                std::fs::write(dir.join(name), element_text(c)).expect("resource written")
            }
            "dir" => {
                let sub = dir.join(name);
                std::fs::create_dir_all(&sub).expect("dir created");
                write_resources(c, &sub);
            }
            _ => {}
        }
    }
}

/// Runs one test case; returns its failures.
fn run_case(case: Node, number: usize, failures: &mut Vec<String>) -> usize {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_resources(case, tmp.path());
    let schema_path = tmp.path().join("__schema__.rng");
    let line = case.document().text_pos_at(case.range().start).row;
    let mut checks = 0;
    for c in case.children().filter(|c| c.is_element()) {
        let kind = c.tag_name().name();
        if kind != "correct" && kind != "incorrect" {
            continue;
        }
        checks += 1;
        std::fs::write(&schema_path, element_text(c)).expect("schema written");
        let result = Schema::load(&schema_path);
        match (kind, result) {
            ("incorrect", Ok(_)) => failures.push(format!(
                "case {number} (line {line}): incorrect schema accepted"
            )),
            ("incorrect", Err(_)) => {}
            ("correct", Err(e)) => failures.push(format!(
                "case {number} (line {line}): correct schema rejected: {e}"
            )),
            (_, Ok(schema)) => {
                for inst in case.children().filter(|c| c.is_element()) {
                    let want_valid = match inst.tag_name().name() {
                        "valid" => true,
                        "invalid" => false,
                        _ => continue,
                    };
                    checks += 1;
                    let doc = element_text(inst);
                    let violations = schema.validate_str(&doc);
                    if violations.is_empty() != want_valid {
                        let first = violations
                            .first()
                            .map(|v| v.message.clone())
                            .unwrap_or_default();
                        let what = if want_valid { "valid" } else { "invalid" };
                        failures.push(format!("case {number} (line {line}): {what} instance misclassified: {doc} {first}"));
                    }
                }
            }
            _ => {}
        }
    }
    checks
}

#[test]
fn every_case_of_the_relax_ng_test_suite_passes() {
    let Some(dir) = common::shared_dir() else {
        return;
    };
    let text = suite(&dir);
    let doc = Document::parse_with_options(&text, ParsingOptions::default())
        .expect("spectest.xml parses");
    let cases: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testCase"))
        .collect();
    let mut failures = Vec::new();
    let mut checks = 0;
    for (i, case) in cases.iter().enumerate() {
        checks += run_case(*case, i + 1, &mut failures);
    }
    println!(
        "spectest: {} cases, {} checks, {} failed",
        cases.len(),
        checks,
        failures.len()
    );
    for f in &failures {
        println!("  {f}");
    }
    assert_eq!(cases.len(), 385, "the suite has 385 cases");
    assert!(
        failures.is_empty(),
        "{} of {checks} checks failed",
        failures.len()
    );
}
