//! Unit tests of the engine: diagnostics (codes, spans, expected names,
//! help), recovery without cascades, IDs, well-formedness and schema errors.

use std::path::Path;

use super::{Schema, Violation};

const SCHEMA: &str = r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start>
    <element name="doc">
      <attribute name="version"><choice><value>1</value><value>2</value></choice></attribute>
      <oneOrMore><ref name="p"/></oneOrMore>
      <element name="date"><data type="date"/></element>
    </element>
  </start>
  <define name="p">
    <element name="p">
      <optional><attribute name="xml:id"><data type="ID"/></attribute></optional>
      <optional><attribute name="ref"><data type="IDREF"/></attribute></optional>
      <zeroOrMore><choice><text/><element name="persName"><text/></element></choice></zeroOrMore>
    </element>
  </define>
</grammar>"#;

fn schema() -> Schema {
    Schema::from_rng_str(SCHEMA, Path::new("test.rng")).expect("the test schema compiles")
}

fn codes(v: &[Violation]) -> Vec<&'static str> {
    v.iter().map(|v| v.code).collect()
}

const VALID: &str = r#"<doc version="1"><p xml:id="a">Hi <persName>Ann</persName></p><p ref="a"/><date>1850-02-03</date></doc>"#;

#[test]
fn a_valid_document_has_no_violations() {
    assert_eq!(schema().validate_str(VALID), vec![]);
}

#[test]
fn an_unknown_element_is_reported_at_its_name_with_a_suggestion() {
    let doc = r#"<doc version="1"><p>Hi <persNme>Ann</persNme></p><date>1850-02-03</date></doc>"#;
    let v = schema().validate_str(doc);
    assert_eq!(codes(&v), ["teikit::validate::unexpected_element"]);
    assert_eq!(&doc[v[0].span.clone()], "persNme");
    assert_eq!(v[0].found.as_deref(), Some("persNme"));
    assert!(
        v[0].expected.contains(&"persName".to_string()),
        "{:?}",
        v[0].expected
    );
    assert_eq!(v[0].help.as_deref(), Some("did you mean `persName`?"));
    assert!(v[0].message.contains("found `persNme`"), "{}", v[0].message);
}

#[test]
fn every_violation_is_reported_once_without_cascades() {
    let doc = r#"<doc version="1"><p><bad/>text<bad2><p/></bad2></p><p><persNme/></p><date>1850-02-03</date></doc>"#;
    let v = schema().validate_str(doc);
    let found: Vec<_> = v
        .iter()
        .map(|v| v.found.clone().unwrap_or_default())
        .collect();
    assert_eq!(found, ["bad", "bad2", "persNme"], "{v:#?}");
}

#[test]
fn a_bad_attribute_value_is_reported_at_the_value() {
    let doc = r#"<doc version="3"><p/><date>1850-02-03</date></doc>"#;
    let v = schema().validate_str(doc);
    assert_eq!(codes(&v), ["teikit::validate::bad_attribute_value"]);
    assert_eq!(&doc[v[0].span.clone()], "3");
    assert_eq!(v[0].expected, ["`1`", "`2`"]);
}

#[test]
fn a_misspelled_attribute_gets_a_suggestion_and_the_missing_one_is_named() {
    let doc = r#"<doc verison="1"><p/><date>1850-02-03</date></doc>"#;
    let v = schema().validate_str(doc);
    assert_eq!(
        codes(&v),
        [
            "teikit::validate::unexpected_attribute",
            "teikit::validate::missing_attribute"
        ]
    );
    assert_eq!(&doc[v[0].span.clone()], "verison");
    assert_eq!(v[0].help.as_deref(), Some("did you mean `version`?"));
    assert_eq!(v[1].expected, ["version"]);
}

#[test]
fn a_missing_child_is_reported_at_the_parent_end_tag() {
    let doc = r#"<doc version="1"><p/></doc>"#;
    let v = schema().validate_str(doc);
    assert_eq!(codes(&v), ["teikit::validate::incomplete_element"]);
    assert_eq!(&doc[v[0].span.clone()], "</doc>");
    assert!(
        v[0].expected.contains(&"date".to_string()),
        "{:?}",
        v[0].expected
    );
}

#[test]
fn text_where_none_is_allowed_and_bad_data_are_reported() {
    let doc = "<doc version=\"1\">stray<p/><date>March</date></doc>";
    let v = schema().validate_str(doc);
    assert_eq!(
        codes(&v),
        [
            "teikit::validate::unexpected_text",
            "teikit::validate::bad_text_value"
        ]
    );
    assert_eq!(&doc[v[0].span.clone()], "stray");
    assert_eq!(&doc[v[1].span.clone()], "March");
}

#[test]
fn ids_are_unique_and_references_resolve() {
    let doc = r#"<doc version="1"><p xml:id="a"/><p xml:id="a"/><p ref="b"/><date>1850-02-03</date></doc>"#;
    let v = schema().validate_str(doc);
    assert_eq!(
        codes(&v),
        [
            "teikit::validate::duplicate_id",
            "teikit::validate::unresolved_idref"
        ]
    );
    assert_eq!(&doc[v[1].span.clone()], "b");
}

#[test]
fn lines_and_columns_point_at_the_span() {
    let doc = "<doc version=\"1\">\n  <p/>\n  <q/>\n  <date>1850-02-03</date>\n</doc>";
    let v = schema().validate_str(doc);
    assert_eq!((v[0].line, v[0].column), (3, 4));
    let streamed = schema().validate_reader(std::io::BufReader::with_capacity(7, doc.as_bytes()));
    assert_eq!(streamed.expect("reads"), v);
}

#[test]
fn malformed_xml_is_a_violation() {
    for doc in [
        "<doc version=\"1\"><p></doc>",
        "",
        "<doc version=\"1\"><p/><date>1850-02-03</date></doc><doc/>",
    ] {
        let v = schema().validate_str(doc);
        assert_eq!(
            codes(&v).last(),
            Some(&"teikit::validate::not_well_formed"),
            "{doc}: {v:?}"
        );
    }
}

#[test]
fn entities_declared_in_a_doctype_are_not_expanded() {
    let doc = "<!DOCTYPE doc [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<doc version=\"1\"><p>&b;</p><date>1850-02-03</date></doc>";
    let v = schema().validate_str(doc);
    assert_eq!(codes(&v), ["teikit::validate::not_well_formed"]);
}

#[test]
fn deep_nesting_is_bounded() {
    let doc = format!("<doc version=\"1\">{}", "<p>".repeat(100_000));
    let v = schema().validate_str(&doc);
    assert!(v
        .iter()
        .any(|v| v.code == "teikit::validate::not_well_formed"));
}

#[test]
fn schema_errors_carry_file_line_and_column() {
    let text = "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\">\n  <start>\n    <ref name=\"missing\"/>\n  </start>\n</grammar>";
    let err = Schema::from_rng_str(text, Path::new("broken.rng")).expect_err("a broken reference");
    let loc = err.location();
    assert_eq!(
        (loc.file.as_path(), loc.line, loc.column),
        (Path::new("broken.rng"), 3, 5)
    );
    assert!(err.to_string().contains("missing"), "{err}");
}

#[test]
fn unknown_datatypes_and_restrictions_are_schema_errors() {
    let unknown = r#"<element name="a" xmlns="http://relaxng.org/ns/structure/1.0"><data type="nope" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"/></element>"#;
    assert!(matches!(
        Schema::from_rng_str(unknown, Path::new("s.rng")),
        Err(super::SchemaError::Datatype { .. })
    ));
    let list_in_list = r#"<element name="a" xmlns="http://relaxng.org/ns/structure/1.0"><list><list><text/></list></list></element>"#;
    assert!(matches!(
        Schema::from_rng_str(list_in_list, Path::new("s.rng")),
        Err(super::SchemaError::Restriction { .. })
    ));
}

#[test]
fn the_letters_schema_compiles_and_is_strict() {
    let s = Schema::letters();
    let v = s.validate_str("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><tei/></TEI>");
    assert!(!v.is_empty());
    assert!(v
        .iter()
        .all(|v| v.code != "teikit::validate::not_well_formed"));
}

#[test]
fn a_schema_is_shared_across_threads() {
    let s = schema();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let s = s.clone();
            std::thread::spawn(move || s.validate_str(VALID).is_empty())
        })
        .collect();
    assert!(handles.into_iter().all(|h| h.join().unwrap_or(false)));
}

#[test]
fn the_bundled_edition_is_valid_against_the_letters_schema() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("editions/thorburn/letters");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the bundled edition is there") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "xml") {
            let text = std::fs::read_to_string(&path).expect("readable");
            let v = Schema::letters().validate_str(&text);
            assert_eq!(v, vec![], "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 0, "no letters in {}", dir.display());
}

#[test]
fn an_unexpected_attribute_names_its_element_and_spans_its_name() {
    let doc = r#"<doc version="1"><p xmlns:x="urn:x" x:lang="en"/><date>1850-02-03</date></doc>"#;
    let v = schema().validate_str(doc);
    assert_eq!(codes(&v), ["teikit::validate::unexpected_attribute"]);
    assert_eq!(&doc[v[0].span.clone()], "x:lang");
    assert!(v[0].message.contains("on `p`"), "{}", v[0].message);
}
