//! Properties of encoding, over generated letters: the output is
//! well-formed TEI whose body text equals the input's (white space
//! collapsed), and encoding is deterministic.

mod common;

use std::path::Path;

use proptest::prelude::*;
use teikit::encode::{encode_to_string, Options};

fn encode(text: &str) -> String {
    encode_to_string(
        text,
        &Options {
            lang: "en".into(),
            source: "x.txt".into(),
            ..Options::default()
        },
    )
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,9}",
        "[A-Z][a-z]{1,8}",
        Just("U.S.".to_owned()),
        Just("&".to_owned()),
        Just("<tag>".to_owned()),
        Just("\"quoted\"".to_owned()),
        Just("Mr.".to_owned()),
        Just("the".to_owned()),
        Just("ſeine".to_owned()),
        Just("Zürich".to_owned()),
        Just("1853".to_owned()),
        Just("26th".to_owned()),
        Just("July".to_owned()),
        "[0-9]{1,4}",
        "\\PC{1,3}",
    ]
}

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(word(), 1..14),
        prop::sample::select(vec![".", "!", "?", ",", "", " -", ";"]),
    )
        .prop_map(|(words, end)| format!("{}{end}", words.join(" ")))
}

/// A paragraph, hard-wrapped or not, perhaps indented.
fn paragraph() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(sentence(), 1..5),
        0usize..3,
        any::<bool>(),
    )
        .prop_map(|(s, wrap, indent)| {
            let text = s.join(" ");
            let text = if wrap > 0 {
                let words: Vec<&str> = text.split(' ').collect();
                words
                    .chunks(4 + wrap * 3)
                    .map(|c| c.join(" "))
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                text
            };
            if indent {
                format!("    {text}")
            } else {
                text
            }
        })
}

fn letter() -> impl Strategy<Value = String> {
    let opt = |s: &'static [&'static str]| prop::sample::select(s.to_vec());
    (
        opt(&[
            "",
            "Letter to Comrade Kim Jong Il, General Secretary",
            "Copy of a letter from J. Smith",
        ]),
        opt(&["", "12 High Street\nLondon", "Edgeworthtown"]),
        opt(&[
            "",
            "July 26, 2003",
            "Jan.y 2d 1835",
            "Zambesi River 5th Octr 1858",
        ]),
        opt(&["", "Dear Sir,", "My dear Miss Edgeworth", "Comrades:"]),
        prop::collection::vec(paragraph(), 1..6),
        opt(&[
            "",
            "Yours truly,",
            "I am Sir your obliged Servt Maria Edgeworth",
            "Believe me",
        ]),
        opt(&[
            "",
            "David Livingstone",
            "Michael Thorburn, First Secretary, Workers Party U.S.A.",
        ]),
        opt(&["", "P.S. Burn this.", "PS: the 3d inst."]),
        prop::sample::select(vec!["\n\n", "\n\n\n", "\r\n\r\n", "\n \n"]),
    )
        .prop_map(|(head, addr, date, salute, paras, closing, sig, ps, sep)| {
            let parts: Vec<String> = [head, addr, date, salute]
                .into_iter()
                .map(str::to_owned)
                .chain(paras)
                .chain([closing, sig, ps].into_iter().map(str::to_owned))
                .filter(|s| !s.is_empty())
                .collect();
            parts.join(sep)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_letters_keep_every_character(text in letter(), bom in any::<bool>()) {
        let raw = if bom { format!("\u{feff}{text}") } else { text };
        let decoded = teikit::files::decode_text(Path::new("x.txt"), raw.as_bytes());
        let Ok(decoded) = decoded else { return Ok(()); };
        let xml = encode(&decoded);
        prop_assert_eq!(common::body_text(&xml), common::collapse(&decoded));
        prop_assert_eq!(xml, encode(&decoded));
    }

    #[test]
    fn any_text_keeps_every_character(text in "\\PC{1,300}(\n{1,3}\\PC{1,200}){0,6}") {
        let Ok(decoded) = teikit::files::decode_text(Path::new("x.txt"), text.as_bytes()) else { return Ok(()); };
        prop_assert_eq!(common::body_text(&encode(&decoded)), common::collapse(&decoded));
    }
}
