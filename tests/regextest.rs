//! XSD regular expressions against Jing's `regextest.xml` suite: correct
//! patterns compile, incorrect ones are rejected, valid strings match and
//! invalid ones do not. Also: every `pattern` param of `tei_all.rng` compiles.

mod common;

use teikit::validate::xsd::regex::Pattern;

fn text(node: roxmltree::Node) -> String {
    node.children().filter_map(|c| c.text()).collect()
}

#[test]
fn regextest_suite_passes_whole() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let path = shared.join("relaxng-spectest/regextest.xml");
    let xml = std::fs::read_to_string(&path).expect("regextest.xml is readable");
    let doc = roxmltree::Document::parse(&xml).expect("regextest.xml is well-formed");
    let mut failures = Vec::new();
    let mut passed = 0;
    for case in doc.descendants().filter(|n| n.has_tag_name("testCase")) {
        let mut pattern = None;
        for child in case.children().filter(|n| n.is_element()) {
            let body = text(child);
            let name = child.tag_name().name();
            let ok = match name {
                "correct" => match Pattern::new(&body) {
                    Ok(p) => {
                        pattern = Some(p);
                        true
                    }
                    Err(e) => {
                        failures.push(format!("correct pattern {body:?} rejected: {e}"));
                        continue;
                    }
                },
                "incorrect" => Pattern::new(&body).is_err(),
                "valid" | "invalid" => match &pattern {
                    Some(p) => p.is_match(&body) == (name == "valid"),
                    None => continue,
                },
                _ => continue,
            };
            if ok {
                passed += 1;
            } else {
                let source = pattern.as_ref().map_or("", |p| p.source());
                failures.push(format!("{name} {body:?} (pattern {source:?})"));
            }
        }
    }
    println!(
        "regextest.xml: {passed} checks passed, {} failed",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "regextest failures:\n{}",
        failures.join("\n")
    );
    assert!(
        passed > 100,
        "the suite has well over 100 checks, found {passed}"
    );
}

#[test]
fn every_tei_all_pattern_compiles() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let path = shared.join("schemas-ref/tei_all.rng");
    let xml = std::fs::read_to_string(&path).expect("tei_all.rng is readable");
    let doc = roxmltree::Document::parse(&xml).expect("tei_all.rng is well-formed");
    let patterns: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("param") && n.attribute("name") == Some("pattern"))
        .map(text)
        .collect();
    let failures: Vec<String> = patterns
        .iter()
        .filter_map(|p| Pattern::new(p).err().map(|e| format!("{p:?}: {e}")))
        .collect();
    println!(
        "tei_all.rng: {} of {} patterns compile",
        patterns.len() - failures.len(),
        patterns.len()
    );
    assert!(
        failures.is_empty(),
        "TEI patterns rejected:\n{}",
        failures.join("\n")
    );
    assert!(!patterns.is_empty(), "tei_all.rng has pattern params");
}

#[test]
fn tei_patterns_match_what_tei_means() {
    // teidata.pointer-like and teidata.version patterns from tei_all.rng.
    let version = Pattern::new(r"[\d]+(\.[\d]+){0,2}").expect("compiles");
    assert!(version.is_match("3.6.0"));
    assert!(!version.is_match("3.6.0.1"));
    let duration = Pattern::new(r"[0-9.,DHMPRSTWYZ/:+\-]+").expect("compiles");
    assert!(duration.is_match("P1Y2M"));
    assert!(!duration.is_match("one year"));
}

#[test]
fn random_patterns_match_as_in_jing() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/validate/xsd-jing-patterns.tsv");
    let cases = std::fs::read_to_string(&path).expect("the fixture is readable");
    let mut failures = Vec::new();
    let mut total = 0;
    for line in cases
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        let [expected, xsd, s] = fields[..] else {
            panic!("malformed fixture line {line:?}");
        };
        total += 1;
        match (Pattern::new(xsd), expected) {
            (Err(_), "S") => {}
            (Ok(p), "V" | "I") if p.is_match(s) == (expected == "V") => {}
            (Ok(_), _) => failures.push(format!("{xsd:?} on {s:?}: jing says {expected}")),
            (Err(e), _) => failures.push(format!("{xsd:?} rejected ({e}), jing says {expected}")),
        }
    }
    println!(
        "xsd-jing-patterns.tsv: {} of {total} matches agree with jing",
        total - failures.len()
    );
    assert!(
        failures.is_empty(),
        "matches differ from jing:\n{}",
        failures.join("\n")
    );
    assert!(
        total > 3000,
        "the fixture has over 3000 cases, found {total}"
    );
}
