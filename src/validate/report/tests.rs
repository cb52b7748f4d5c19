use super::*;

fn problem(code: &str, severity: Severity, span: Range<usize>, line: u32, column: u32) -> Problem {
    Problem {
        code: code.to_owned(),
        severity,
        message: "expected `persName`, found `persNme`".to_owned(),
        span,
        line,
        column,
        expected: vec!["persName".to_owned()],
        found: Some("`persNme`".to_owned()),
        help: Some("did you mean `persName`?".to_owned()),
    }
}

fn sample() -> Report {
    let text = "<TEI>\n  <persNme>Jo</persNme>\n</TEI>\n".to_owned();
    Report {
        schema: "tei_letters".to_owned(),
        files: vec![
            FileReport {
                path: PathBuf::from("letters/a,b.xml"),
                text: Some(text.into()),
                problems: vec![
                    problem(
                        "teikit::validate::unexpected_element",
                        Severity::Error,
                        9..16,
                        2,
                        4,
                    ),
                    problem("teikit::rules::unused-entry", Severity::Warning, 0..4, 1, 1),
                ],
            },
            FileReport {
                path: PathBuf::from("letters/ok.xml"),
                text: None,
                problems: Vec::new(),
            },
        ],
    }
}

#[test]
fn counts_and_summary() {
    let report = sample();
    assert!(!report.is_valid());
    assert_eq!((report.errors(), report.warnings()), (1, 1));
    assert_eq!(
        report.summary(),
        "2 files checked against tei_letters: 1 valid, 1 invalid (1 error, 1 warning)"
    );
}

#[test]
fn warnings_alone_leave_a_document_valid() {
    let mut report = sample();
    report.files[0].problems.remove(0);
    assert!(report.is_valid());
}

#[test]
fn human_shows_the_line_the_label_and_the_help() {
    let out = sample().render(Format::Human, HumanStyle::default());
    assert!(
        out.contains("teikit::validate::unexpected_element"),
        "{out}"
    );
    assert!(out.contains("<persNme>Jo</persNme>"), "{out}");
    assert!(out.contains("found `persNme`"), "{out}");
    assert!(out.contains("did you mean `persName`?"), "{out}");
    assert!(out.contains("letters/a,b.xml:2:4"), "{out}");
    assert!(out.ends_with("(1 error, 1 warning)\n"), "{out}");
}

#[test]
fn github_escapes_properties_and_data() {
    let out = sample().render(Format::Github, HumanStyle::default());
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "::error file=letters/a%2Cb.xml,line=2,col=4,title=teikit%3A%3Avalidate%3A%3Aunexpected_element::expected `persName`, found `persNme` (did you mean `persName`?)"
    );
    assert!(
        out.lines().nth(1).unwrap().starts_with("::warning "),
        "{out}"
    );
}

#[test]
fn json_is_parseable_and_complete() {
    let out = sample().render(Format::Json, HumanStyle::default());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["files"][0]["problems"][0]["line"], 2);
    assert_eq!(v["files"][0]["problems"][0]["start"], 9);
    assert_eq!(v["files"][0]["problems"][0]["expected"][0], "persName");
    assert_eq!(v["files"][1]["valid"], true);
}

#[test]
fn junit_has_a_case_per_file_and_a_failure_per_invalid_file() {
    let out = sample().render(Format::Junit, HumanStyle::default());
    let doc = roxmltree::Document::parse(&out).unwrap();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].attribute("name"), Some("letters/a,b.xml"));
    assert!(cases[0].children().any(|n| n.has_tag_name("failure")));
    assert!(!cases[1].children().any(|n| n.has_tag_name("failure")));
}

#[test]
fn sarif_has_results_with_regions_and_rules() {
    let out = sample().render(Format::Sarif, HumanStyle::default());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "teikit");
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 2);
    let result = &run["results"][0];
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 2);
    assert_eq!(region["byteLength"], 7);
}

#[test]
fn rendering_is_deterministic() {
    for format in [
        Format::Human,
        Format::Json,
        Format::Github,
        Format::Junit,
        Format::Sarif,
    ] {
        assert_eq!(
            sample().render(format, HumanStyle::default()),
            sample().render(format, HumanStyle::default())
        );
    }
}
