//! Tests of the edition rules: each rule caught where it applies and quiet
//! where it does not.

use super::*;

fn letter(name: &str, body: &str) -> Source {
    Source {
        path: PathBuf::from(format!("/edition/letters/{name}")),
        text: format!(r#"<TEI xmlns="http://www.tei-c.org/ns/1.0">{body}</TEI>"#),
    }
}

fn register() -> Source {
    Source {
        path: PathBuf::from("/edition/register.xml"),
        text: r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><standOff>
<listPerson><person xml:id="smith"><persName>John Smith</persName></person>
<person xml:id="brown"><persName>Ann Brown</persName></person></listPerson>
<listPlace><place xml:id="london"><placeName>London</placeName></place></listPlace>
</standOff></TEI>"#
            .into(),
    }
}

fn rules(findings: &[Finding]) -> Vec<(Rule, u32)> {
    findings.iter().map(|f| (f.rule, f.line)).collect()
}

const GOOD: &str = r##"<teiHeader><profileDesc><correspDesc>
<correspAction type="sent"><persName ref="#smith">John Smith</persName><date when="1850-03-03"/></correspAction>
</correspDesc></profileDesc></teiHeader>
<text><body><div><opener><dateline><placeName ref="#london">London</placeName>, <date when="1850-03-03">3 March 1850</date></dateline></opener>
<p>To <persName ref="#brown">Ann</persName>, see <ref target="https://example.org/x">x</ref> and <persName ref="gnd:118">G</persName>.</p>
<closer><signed><persName ref="#smith">John Smith</persName></signed></closer></div></body></text>"##;

#[test]
fn a_good_edition_has_no_findings() {
    assert_eq!(check(&[letter("a.xml", GOOD)], Some(&register())), vec![]);
}

#[test]
fn unresolved_reference_points_at_the_value_with_a_suggestion() {
    let src = letter(
        "a.xml",
        &GOOD.replace(
            r##"<persName ref="#brown">"##,
            r##"<persName ref="#browne">"##,
        ),
    );
    let found = check(std::slice::from_ref(&src), Some(&register()));
    let f = found
        .iter()
        .find(|f| f.rule == Rule::UnresolvedReference)
        .expect("found");
    assert_eq!(&src.text[f.span.clone()], "#browne");
    assert_eq!(f.help.as_deref(), Some("did you mean `#brown`?"));
    assert_eq!(f.line, 5);
    // brown is now unused in the register
    assert!(found
        .iter()
        .any(|f| f.rule == Rule::UnusedEntry && f.message.contains("`brown`")));
}

#[test]
fn pointers_into_other_files() {
    let a = letter("a.xml", &GOOD.replace(r#"<p>"#, r##"<p><ref target="b.xml#p1">b</ref> <ref target="b.xml#nope">c</ref> <ref target="missing.xml">d</ref>"##));
    let b = letter("b.xml", r#"<text><body><p xml:id="p1">x</p></body></text>"#);
    let found = check(&[a, b], Some(&register()));
    let msgs: Vec<&str> = found
        .iter()
        .filter(|f| f.rule == Rule::UnresolvedReference)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].contains("has no `xml:id=\"nope\"`"), "{msgs:?}");
    assert!(msgs[1].contains("`missing.xml` does not exist"), "{msgs:?}");
}

#[test]
fn duplicate_ids_across_files() {
    let a = letter("a.xml", &GOOD.replace("<text>", r#"<text xml:id="smith">"#));
    let found = check(&[a], Some(&register()));
    let f: Vec<&Finding> = found
        .iter()
        .filter(|f| f.rule == Rule::DuplicateId)
        .collect();
    assert_eq!(f.len(), 1);
    assert!(
        f[0].path.ends_with("register.xml") && f[0].message.contains("a.xml"),
        "{:?}",
        f[0]
    );
}

#[test]
fn impossible_dates_and_reversed_ranges() {
    let a = letter(
        "a.xml",
        &GOOD.replace("<p>", r#"<p><date when="1850-02-30">x</date> <date notBefore="1851" notAfter="1850-06">y</date> <date from="1850" to="1850-06">z</date>"#),
    );
    let found = check(&[a], Some(&register()));
    assert_eq!(
        found
            .iter()
            .map(|f| f.rule)
            .filter(|r| matches!(r, Rule::InvalidDate | Rule::DateOrder))
            .collect::<Vec<_>>(),
        [Rule::InvalidDate, Rule::DateOrder]
    );
    assert!(
        found[0].message.contains("day 30 in a month of 28 days"),
        "{found:?}"
    );
}

#[test]
fn corresp_desc_must_agree_with_the_letter() {
    let a = letter(
        "a.xml",
        &GOOD
            .replace(
                r#"<date when="1850-03-03"/>"#,
                r#"<date when="1850-03-04"/>"#,
            )
            .replacen("#smith", "#brown", 1),
    );
    let found = check(&[a], Some(&register()));
    assert_eq!(
        rules(&found),
        [(Rule::CorrespSender, 2), (Rule::CorrespDate, 2)]
    );
}

#[test]
fn not_well_formed_documents_are_left_to_the_schema() {
    let bad = Source {
        path: "/edition/letters/bad.xml".into(),
        text: "<TEI><p></TEI>".into(),
    };
    assert_eq!(
        rules(&check(&[bad, letter("a.xml", GOOD)], Some(&register()))),
        []
    );
}

#[test]
fn edit_distance_counts_edits() {
    assert_eq!(edit_distance("persNme", "persName"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
}
