//! Export throughput: HTML and plain text on the shared `tei-valid` corpus
//! and on generated files of letters with a footnote in each, with xsltproc
//! running the XSLT twins on the same generated file for comparison.
//!
//! Run with `cargo bench --bench export`. Prints MB/s (1 MB = 10^6 bytes of
//! TEI input) and seconds; the best of three runs is reported.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use teikit::export::html::letter_html;
use teikit::export::{text_of, Register, TextOptions};

fn main() {
    let shared = std::env::var_os("TEIKIT_SHARED").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    );
    let corpus = shared.join("corpus/tei-valid");
    if corpus.is_dir() {
        bench_corpus(&corpus);
    } else {
        eprintln!("no corpus at {} (set TEIKIT_SHARED)", corpus.display());
    }
    let dir = std::env::temp_dir().join(format!("teikit-bench-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    println!("\nGenerated letters, each with a footnote (one TEI file):");
    println!(
        "{:>8} {:>9} {:>10} {:>10} {:>10} {:>10} {:>12} {:>12}",
        "letters", "MB", "html s", "html MB/s", "text s", "text MB/s", "xsl-html s", "xsl-text s"
    );
    for letters in [500, 1000, 2000, 4000] {
        bench_generated(&dir, letters);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The best time of three runs of `f`.
fn best(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn mbps(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64()
}

fn bench_corpus(corpus: &Path) {
    let files =
        teikit::files::collect_files(&[corpus.to_path_buf()], "xml").expect("a readable corpus");
    let docs: Vec<(PathBuf, String)> = files
        .iter()
        .map(|p| {
            (
                p.clone(),
                std::fs::read_to_string(p).expect("a readable file"),
            )
        })
        .collect();
    let bytes: usize = docs.iter().map(|(_, d)| d.len()).sum();
    let register = Register::default();
    let html = best(|| {
        for (path, xml) in &docs {
            std::hint::black_box(letter_html(xml, path, &register, "Corpus").expect("exports"));
        }
    });
    let text = best(|| {
        for (path, xml) in &docs {
            std::hint::black_box(text_of(xml, &TextOptions::default(), path).expect("exports"));
        }
    });
    println!(
        "tei-valid corpus: {} files, {:.1} MB, one core",
        docs.len(),
        bytes as f64 / 1e6
    );
    println!(
        "  html: {:.2} s, {:.0} MB/s",
        html.as_secs_f64(),
        mbps(bytes, html)
    );
    println!(
        "  text: {:.2} s, {:.0} MB/s",
        text.as_secs_f64(),
        mbps(bytes, text)
    );
    if have_xsltproc() {
        let xsl = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("xsl/tei-to-text.xsl");
        let start = Instant::now();
        for path in &files {
            xsltproc(&xsl, path);
        }
        let t = start.elapsed();
        println!(
            "  xsltproc tei-to-text.xsl: {:.2} s, {:.0} MB/s (a process a file)",
            t.as_secs_f64(),
            mbps(bytes, t)
        );
    }
}

/// A TEI file of `n` letters, each with a dateline, names, a footnote and a closer.
fn generate(n: usize) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>Generated letters</title></titleStmt><publicationStmt><p>Generated.</p></publicationStmt><sourceDesc><p>Generated.</p></sourceDesc></fileDesc></teiHeader><text><body>\n");
    for i in 0..n {
        let day = i % 28 + 1;
        xml.push_str(&format!(
            "<div type=\"letter\" n=\"{i}\"><opener><dateline><placeName ref=\"#bath\">Bath</placeName>, <date when=\"1771-03-{day:02}\">{day} March 1771</date></dateline><salute>Dear <persName ref=\"#john\">Sir</persName>,</salute></opener>\
<p>Your letter of the {day}th came safe to hand<note n=\"{i}\">Letter {i} is lost; see the register of <orgName ref=\"#society\">the Society</orgName>.</note>, and I can now tell you that the business at <placeName ref=\"#bath\">Bath</placeName> is done. The <choice><orig>ſeal</orig><reg>seal</reg></choice> was <unclear>broken</unclear> and the rest is well.</p>\
<p>My regards to <persName ref=\"#mary\">Mrs Sample</persName> and the children, who will, I trust, write to me soon with all the news of the town.</p>\
<closer><salute>I am, Sir, your most obedient servant</salute><signed><persName ref=\"#anne\">A. Example</persName></signed></closer></div>\n"
        ));
    }
    xml.push_str("</body></text></TEI>\n");
    xml
}

fn bench_generated(dir: &Path, n: usize) {
    let xml = generate(n);
    let path = dir.join(format!("letters-{n}.xml"));
    std::fs::write(&path, &xml).expect("a writable temporary folder");
    let register = Register::default();
    let html = best(|| {
        std::hint::black_box(letter_html(&xml, &path, &register, "Generated").expect("exports"));
    });
    let text = best(|| {
        std::hint::black_box(text_of(&xml, &TextOptions::default(), &path).expect("exports"));
    });
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (xsl_html, xsl_text) = if have_xsltproc() {
        let h = best(|| xsltproc(&root.join("xsl/tei-to-html.xsl"), &path));
        let t = best(|| xsltproc(&root.join("xsl/tei-to-text.xsl"), &path));
        (
            format!("{:.3}", h.as_secs_f64()),
            format!("{:.3}", t.as_secs_f64()),
        )
    } else {
        ("-".to_owned(), "-".to_owned())
    };
    println!(
        "{:>8} {:>9.2} {:>10.3} {:>10.0} {:>10.3} {:>10.0} {:>12} {:>12}",
        n,
        xml.len() as f64 / 1e6,
        html.as_secs_f64(),
        mbps(xml.len(), html),
        text.as_secs_f64(),
        mbps(xml.len(), text),
        xsl_html,
        xsl_text
    );
}

fn have_xsltproc() -> bool {
    Command::new("xsltproc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn xsltproc(xsl: &Path, input: &Path) {
    let out = Command::new("xsltproc")
        .arg("--nonet")
        .arg(xsl)
        .arg(input)
        .output()
        .expect("xsltproc runs");
    assert!(
        out.status.success(),
        "xsltproc failed on {}",
        input.display()
    );
    std::hint::black_box(out.stdout);
}
