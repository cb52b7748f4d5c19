//! Structure score and encoding speed on the shared `letters-dev` corpus.
//!
//! Run with `cargo bench --bench structure`. Prints how many of the editors'
//! `dateline`, `salute`, `signed` and `postscript` elements teikit finds when
//! it encodes the plain text of their letters, and how many letters a second
//! one core encodes.

#[path = "../tests/common/structure.rs"]
mod structure;

use std::path::PathBuf;
use std::time::Instant;

use teikit::encode::{encode_to_string, Options};

fn main() {
    let shared = std::env::var_os("TEIKIT_SHARED").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    );
    let dir = shared.join("corpus/letters-dev");
    if !dir.is_dir() {
        eprintln!("no corpus at {} (set TEIKIT_SHARED)", dir.display());
        std::process::exit(2);
    }
    let options = Options {
        lang: "en".into(),
        source: "letter.txt".into(),
        ..Options::default()
    };
    let encode = |text: &str| encode_to_string(text, &options);
    println!(
        "Structure found in the letters-dev corpus ({}):\n",
        dir.display()
    );
    print!(
        "{}",
        structure::table(&structure::score_corpus(&dir, encode))
    );

    let letters: Vec<String> = teikit::files::collect_files(&[dir], "txt")
        .expect("readable corpus")
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable letter"))
        .collect();
    let bytes: usize = letters.iter().map(String::len).sum();
    let rounds = 200;
    let start = Instant::now();
    let mut out = 0;
    for _ in 0..rounds {
        for letter in &letters {
            out += encode(letter).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = (rounds * letters.len()) as f64;
    println!(
        "\nEncoding (structure and header, one core): {:.0} letters/s, {:.1} MB/s of plain text ({} bytes of TEI written)",
        n / secs,
        (rounds * bytes) as f64 / secs / 1e6,
        out
    );
}
