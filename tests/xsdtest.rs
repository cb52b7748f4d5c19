//! The XML Schema datatypes against Jing's `xsdtest.xml` suite: for every
//! datatype, valid lexical forms are accepted and invalid ones rejected,
//! values in one `equiv/class` are equal and values of different classes
//! are not, `length` elements have that length, `lessThan` pairs are
//! ordered and `incomparable` pairs are not.

mod common;

use std::cmp::Ordering;
use teikit::validate::xsd::{Datatype, NamespaceContext, Value};

/// The namespaces in scope at a test element, and the unparsed entities
/// its `internalSubset` declares.
struct Context<'a, 'input> {
    node: roxmltree::Node<'a, 'input>,
    entities: Vec<String>,
}

impl<'a, 'input> Context<'a, 'input> {
    fn new(node: roxmltree::Node<'a, 'input>) -> Self {
        let subset = node.attribute("internalSubset").unwrap_or("");
        let entities = subset
            .split("<!ENTITY")
            .skip(1)
            .filter(|decl| decl.split('>').next().is_some_and(|d| d.contains("NDATA")))
            .filter_map(|decl| decl.split_whitespace().next().map(str::to_owned))
            .collect();
        Context { node, entities }
    }
}

impl NamespaceContext for Context<'_, '_> {
    fn namespace_for(&self, prefix: &str) -> Option<&str> {
        let prefix = (!prefix.is_empty()).then_some(prefix);
        self.node.lookup_namespace_uri(prefix)
    }

    fn is_unparsed_entity(&self, name: &str) -> bool {
        self.entities.iter().any(|e| e == name)
    }
}

fn text(node: roxmltree::Node) -> String {
    node.children().filter_map(|c| c.text()).collect()
}

fn elements<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'input>> {
    node.children().filter(move |n| n.has_tag_name(name))
}

/// Results of one datatype's checks.
#[derive(Default)]
struct Tally {
    passed: usize,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if ok {
            self.passed += 1;
        } else {
            self.failures.push(what());
        }
    }
}

fn value_of(dt: &Datatype, node: roxmltree::Node, tally: &mut Tally, name: &str) -> Option<Value> {
    let s = text(node);
    let value = dt.value(&s, &Context::new(node));
    if value.is_none() {
        tally
            .failures
            .push(format!("{name}: value {s:?} not in the lexical space"));
    }
    value
}

fn run_datatype(node: roxmltree::Node, tally: &mut Tally) {
    let name = node.attribute("name").unwrap_or_default();
    let params: Vec<(String, String)> = elements(node, "param")
        .map(|p| (p.attribute("name").unwrap_or_default().to_owned(), text(p)))
        .collect();
    let dt = match Datatype::new(name, &params) {
        Ok(dt) => dt,
        Err(e) => {
            tally
                .failures
                .push(format!("{name}: datatype rejected: {e}"));
            return;
        }
    };
    for child in node.children().filter(|n| n.is_element()) {
        let s = text(child);
        match child.tag_name().name() {
            "valid" => tally.check(dt.allows(&s, &Context::new(child)), || {
                format!("{name}: valid {s:?} rejected")
            }),
            "invalid" => tally.check(!dt.allows(&s, &Context::new(child)), || {
                format!("{name}: invalid {s:?} accepted")
            }),
            "equiv" => check_equiv(&dt, child, tally, name),
            "length" => check_length(name, child, tally),
            "lessThan" | "incomparable" => check_order(&dt, child, tally, name),
            _ => {}
        }
    }
}

fn check_equiv(dt: &Datatype, equiv: roxmltree::Node, tally: &mut Tally, name: &str) {
    let classes: Vec<Vec<(String, Value)>> = elements(equiv, "class")
        .map(|class| {
            elements(class, "value")
                .filter_map(|v| value_of(dt, v, tally, name).map(|val| (text(v), val)))
                .collect()
        })
        .collect();
    for (i, class) in classes.iter().enumerate() {
        for (s, v) in class {
            for (j, other) in classes.iter().enumerate() {
                for (t, w) in other {
                    let equal = v == w;
                    tally.check(equal == (i == j), || {
                        let verdict = if equal { "equal" } else { "unequal" };
                        format!("{name}: {s:?} and {t:?} are {verdict}")
                    });
                }
            }
        }
    }
}

fn check_length(name: &str, node: roxmltree::Node, tally: &mut Tally) {
    let s = text(node);
    let n: usize = node
        .attribute("value")
        .and_then(|v| v.parse().ok())
        .unwrap_or_default();
    let with_length = |len: usize| {
        Datatype::new(name, &[("length".to_owned(), len.to_string())])
            .map(|dt| dt.allows(&s, &Context::new(node)))
    };
    tally.check(with_length(n).unwrap_or(false), || {
        format!("{name}: {s:?} does not have length {n}")
    });
    tally.check(!with_length(n + 1).unwrap_or(true), || {
        format!("{name}: {s:?} also has length {}", n + 1)
    });
}

fn check_order(dt: &Datatype, node: roxmltree::Node, tally: &mut Tally, name: &str) {
    let values: Vec<roxmltree::Node> = elements(node, "value").collect();
    let [a, b] = values.as_slice() else {
        tally
            .failures
            .push(format!("{name}: an order check needs two values"));
        return;
    };
    let (Some(x), Some(y)) = (value_of(dt, *a, tally, name), value_of(dt, *b, tally, name)) else {
        return;
    };
    let (sa, sb) = (text(*a), text(*b));
    let (forward, backward) = (x.partial_cmp(&y), y.partial_cmp(&x));
    if node.has_tag_name("lessThan") {
        let ok = forward == Some(Ordering::Less) && backward == Some(Ordering::Greater);
        tally.check(ok, || {
            format!("{name}: {sa:?} is not less than {sb:?} ({forward:?})")
        });
    } else {
        let ok = forward != Some(Ordering::Less) && forward != Some(Ordering::Greater);
        tally.check(ok, || {
            format!("{name}: {sa:?} and {sb:?} compare as {forward:?}")
        });
    }
}

#[test]
fn xsdtest_suite_passes_whole() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let path = shared.join("relaxng-spectest/xsdtest.xml");
    let xml = std::fs::read_to_string(&path).expect("xsdtest.xml is readable");
    let doc = roxmltree::Document::parse(&xml).expect("xsdtest.xml is well-formed");
    let mut tally = Tally::default();
    let mut datatypes = 0;
    for node in doc.descendants().filter(|n| n.has_tag_name("datatype")) {
        datatypes += 1;
        run_datatype(node, &mut tally);
    }
    println!(
        "xsdtest.xml: {datatypes} datatypes, {} checks passed, {} failed",
        tally.passed,
        tally.failures.len()
    );
    assert!(
        tally.failures.is_empty(),
        "xsdtest failures:\n{}",
        tally.failures.join("\n")
    );
    assert!(
        datatypes >= 40 && tally.passed > 400,
        "the suite is smaller than expected"
    );
}

/// The verdict teikit gives: `S` when the datatype cannot be built.
fn verdict(name: &str, params: &[(String, String)], value: &str) -> char {
    match Datatype::new(name, params) {
        Err(_) => 'S',
        Ok(dt) if dt.allows(value, &teikit::validate::xsd::EmptyContext) => 'V',
        Ok(_) => 'I',
    }
}

#[test]
fn verdicts_agree_with_jing() {
    let mut failures = Vec::new();
    let mut total = 0;
    for fixture in ["xsd-jing-verdicts.txt", "xsd-jing-fuzz.txt"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/validate")
            .join(fixture);
        let cases = std::fs::read_to_string(&path).expect("the fixture is readable");
        for line in cases
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let fields: Vec<&str> = line.splitn(4, '|').collect();
            let [expected, name, params, value] = fields[..] else {
                panic!("malformed line in {fixture}: {line:?}");
            };
            let params: Vec<(String, String)> = params
                .split(" && ")
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.split_once('='))
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect();
            total += 1;
            let got = verdict(name, &params, value);
            if !expected.starts_with(got) {
                failures.push(format!(
                    "{name} {params:?} {value:?}: jing says {expected}, teikit {got}"
                ));
            }
        }
    }
    println!(
        "jing-recorded verdicts: {} of {total} agree",
        total - failures.len()
    );
    assert!(
        failures.is_empty(),
        "verdicts differ from jing:\n{}",
        failures.join("\n")
    );
    assert!(
        total > 2000,
        "the fixtures have over 2000 cases, found {total}"
    );
}

#[test]
fn value_equality_agrees_with_jing() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/validate/xsd-jing-values.txt");
    let cases = std::fs::read_to_string(&path).expect("the fixture is readable");
    let ctx = teikit::validate::xsd::EmptyContext;
    let mut failures = Vec::new();
    let mut total = 0;
    for line in cases
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let fields: Vec<&str> = line.splitn(4, '|').collect();
        let [expected, name, a, b] = fields[..] else {
            panic!("malformed fixture line {line:?}");
        };
        total += 1;
        let dt = Datatype::new(name, &[]).expect("a built-in type");
        let equal = match (dt.value(a, &ctx), dt.value(b, &ctx)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        };
        if equal != (expected == "V") {
            failures.push(format!(
                "{name}: {a:?} and {b:?}: jing says {expected}, teikit equal={equal}"
            ));
        }
    }
    println!(
        "xsd-jing-values.txt: {} of {total} comparisons agree with jing",
        total - failures.len()
    );
    assert!(
        failures.is_empty(),
        "value equality differs from jing:\n{}",
        failures.join("\n")
    );
    assert!(total > 400, "the fixture has over 400 cases, found {total}");
}

/// The datatype library of a RELAX NG element: its own or its nearest ancestor's.
fn datatype_library<'a>(node: roxmltree::Node<'a, '_>) -> &'a str {
    node.ancestors()
        .find_map(|n| n.attribute("datatypeLibrary"))
        .unwrap_or("")
}

/// Builds every XML Schema `data` and `value` of a RELAX NG schema: returns
/// how many built and what failed.
fn build_schema_datatypes(xml: &str) -> (usize, Vec<String>) {
    const XSD: &str = "http://www.w3.org/2001/XMLSchema-datatypes";
    let doc = roxmltree::Document::parse(xml).expect("the schema is well-formed");
    let mut built = 0;
    let mut failures = Vec::new();
    for node in doc
        .descendants()
        .filter(|n| n.has_tag_name("data") || n.has_tag_name("value"))
    {
        let Some(name) = node.attribute("type") else {
            continue;
        };
        if datatype_library(node) != XSD {
            continue;
        }
        let params: Vec<(String, String)> = elements(node, "param")
            .map(|p| (p.attribute("name").unwrap_or_default().to_owned(), text(p)))
            .collect();
        match Datatype::new(name, &params) {
            Ok(dt)
                if node.has_tag_name("value")
                    && dt.value(&text(node), &Context::new(node)).is_none() =>
            {
                failures.push(format!(
                    "<value type={name:?}>{:?} is not a value of its type",
                    text(node)
                ));
            }
            Ok(_) => built += 1,
            Err(e) => failures.push(format!("{name} {params:?}: {e}")),
        }
    }
    (built, failures)
}

#[test]
fn every_tei_all_datatype_builds() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let xml = std::fs::read_to_string(shared.join("schemas-ref/tei_all.rng"))
        .expect("tei_all.rng is readable");
    let (built, failures) = build_schema_datatypes(&xml);
    println!("tei_all.rng: {built} XML Schema datatypes and values build");
    assert!(
        failures.is_empty(),
        "tei_all.rng datatypes rejected:\n{}",
        failures.join("\n")
    );
    assert!(
        built > 500,
        "tei_all.rng uses XML Schema datatypes throughout, found {built}"
    );
}

#[test]
fn every_tei_letters_datatype_builds() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/tei_letters.rng");
    let xml = std::fs::read_to_string(&path).expect("tei_letters.rng is readable");
    let (built, failures) = build_schema_datatypes(&xml);
    println!("tei_letters.rng: {built} XML Schema datatypes and values build");
    assert!(
        failures.is_empty(),
        "tei_letters.rng datatypes rejected:\n{}",
        failures.join("\n")
    );
    assert!(
        built > 100,
        "tei_letters.rng uses XML Schema datatypes throughout, found {built}"
    );
}

mod never_panics {
    use proptest::prelude::*;
    use teikit::validate::xsd::regex::Pattern;
    use teikit::validate::xsd::{Datatype, EmptyContext};

    const TYPES: &[&str] = &[
        "string",
        "token",
        "language",
        "Name",
        "NCName",
        "NMTOKENS",
        "IDREFS",
        "ENTITY",
        "QName",
        "anyURI",
        "boolean",
        "decimal",
        "integer",
        "long",
        "unsignedByte",
        "float",
        "double",
        "duration",
        "dateTime",
        "date",
        "time",
        "gYearMonth",
        "gYear",
        "gMonthDay",
        "gDay",
        "gMonth",
        "hexBinary",
        "base64Binary",
    ];

    proptest! {
        #[test]
        fn any_text_of_any_type(text in "[-+0-9:.TZPYMDHSa-fA-F= \\t\\n\u{e9}\u{10400}]{0,40}") {
            for name in TYPES {
                let dt = Datatype::new(name, &[]).expect("a built-in type");
                let value = dt.value(&text, &EmptyContext);
                prop_assert_eq!(value.is_some(), dt.allows(&text, &EmptyContext));
                // Every type but string collapses white space: padding changes nothing.
                if *name != "string" {
                    let padded = format!(" \t{text}\n ");
                    prop_assert_eq!(dt.value(&padded, &EmptyContext), value, "{} {:?}", name, text);
                }
            }
        }

        #[test]
        fn any_pattern_compiles_or_is_rejected(xsd in "[-\\[\\]\\\\(){}|?*+.^$a-c0-9,pPIisdw]{0,24}", s in "[a-c0-9 ]{0,8}") {
            if let Ok(p) = Pattern::new(&xsd) {
                let _ = p.is_match(&s);
            }
        }

        #[test]
        fn any_param_value(facet in "(length|minLength|maxLength|minInclusive|maxExclusive|totalDigits|fractionDigits|pattern)", value in "[-+0-9.eE PYT:]{0,12}") {
            for name in ["decimal", "string", "duration", "date", "double"] {
                let _ = Datatype::new(name, &[(facet.clone(), value.clone())]);
            }
        }
    }
}
