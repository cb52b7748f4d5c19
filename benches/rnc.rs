//! Compact-syntax translation speed.
//!
//! Run with `cargo bench --bench rnc`. Translates the TEI letters schema
//! (`schemas/tei_letters.rnc`) and, when the shared data is there, TEI Lite
//! (`schemas-ref/tei_lite.rnc`) into the XML syntax, repeatedly, and prints
//! the time per translation and the throughput in compact-source bytes.

use std::path::PathBuf;
use std::time::Instant;

use teikit::validate::rnc::to_rng;

fn measure(label: &str, src: &str) {
    let first = to_rng(src).expect("the schema translates");
    let rounds = 50;
    let start = Instant::now();
    let mut out = 0;
    for _ in 0..rounds {
        out += to_rng(src).map(|t| t.xml.len()).unwrap_or(0);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{label}: {} bytes of compact syntax -> {} bytes of XML in {:.2} ms ({:.1} MB/s, {} bytes written)",
        src.len(),
        first.xml.len(),
        secs / f64::from(rounds) * 1e3,
        (src.len() * rounds as usize) as f64 / secs / 1e6,
        out
    );
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let letters = std::fs::read_to_string(root.join("schemas/tei_letters.rnc")).expect("schema");
    measure("tei_letters.rnc", &letters);
    let shared =
        std::env::var_os("TEIKIT_SHARED").map_or_else(|| root.join("../shared"), PathBuf::from);
    match std::fs::read_to_string(shared.join("schemas-ref/tei_lite.rnc")) {
        Ok(lite) => measure("tei_lite.rnc", &lite),
        Err(_) => eprintln!(
            "no tei_lite.rnc under {} (set TEIKIT_SHARED)",
            shared.display()
        ),
    }
}
