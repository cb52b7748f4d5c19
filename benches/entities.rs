//! Entity recognition on the shared `letters-dev` corpus: the `teikit eval`
//! figures, cold and warm, and the speed of encoding with recognition.
//!
//! Run with `cargo bench --bench entities`.
//!
//! - **Cold**: no register, the English dev letters (melp, livingstone).
//! - **Warm**: leave-one-out. Each letter is encoded with a register built
//!   from the names the editors marked in the *other* dev letters (never from
//!   the letter itself), as `teikit register harvest` would build it.
//! - **German** (escher): cold, for information only (English rules).
//! - **Speed**: letters encoded per second on one core, with recognition.

use std::path::{Path, PathBuf};
use std::time::Instant;

use teikit::encode::{encode_to_string, EntityKind, Entry, Options, Register};
use teikit::eval::{self, Category, Report};

fn letters(dir: &Path, sources: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for s in sources {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(s))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "xml"));
        files.sort();
        out.extend(files);
    }
    out
}

fn kind(c: Category) -> Option<EntityKind> {
    match c {
        Category::Person => Some(EntityKind::Person),
        Category::Place => Some(EntityKind::Place),
        Category::Org => Some(EntityKind::Org),
        _ => None,
    }
}

/// A register of the names marked in `gold` letters.
fn register_from(golds: &[&eval::Stripped]) -> Register {
    let mut names: Vec<(EntityKind, String)> = golds
        .iter()
        .flat_map(|g| g.entities.iter())
        .filter_map(|e| Some((kind(e.category)?, e.text.clone())))
        .collect();
    names.sort();
    names.dedup();
    let mut r = Register::default();
    for (n, (kind, name)) in names.into_iter().enumerate() {
        if r.lookup(kind, &name).is_none() {
            r.insert(Entry {
                id: format!("e{n}"),
                kind,
                names: vec![name],
            });
        }
    }
    r
}

fn print(title: &str, report: &Report) {
    println!("{title}\n");
    print!("{}", report.table());
    println!();
}

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
    let english = letters(&dir, &["melp", "livingstone"]);
    let cold = eval::evaluate(&english, None, None).expect("the dev letters evaluate");
    print("Cold (no register), English dev letters:", &cold);
    // The sources' letters were written between 1768 (Edgeworth) and 1873
    // (Livingstone): the period an edition of them would give.
    let dated = eval::evaluate(&english, None, Some((1768, 1873))).expect("evaluates");
    print(
        "Cold, with the period 1768-1873, English dev letters:",
        &dated,
    );

    let mut warm = Vec::new();
    for (k, path) in english.iter().enumerate() {
        let others: Vec<&eval::Stripped> = cold
            .letters
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k)
            .map(|(_, l)| &l.gold)
            .collect();
        let register = register_from(&others);
        let xml = std::fs::read_to_string(path).expect("readable");
        warm.push(eval::evaluate_text(path, &xml, Some(&register), None).expect("evaluates"));
    }
    print(
        "Warm (register from the other letters, leave-one-out), English dev letters:",
        &Report::new(warm),
    );

    let german = letters(&dir, &["escher"]);
    if let Ok(report) = eval::evaluate(&german, None, None) {
        print("Cold, German dev letters (escher; English rules):", &report);
    }

    let texts: Vec<String> = cold.letters.iter().map(|l| l.gold.text.clone()).collect();
    let options = Options {
        lang: "en".into(),
        source: "letter.txt".into(),
        ..Options::default()
    };
    let _ = encode_to_string(&texts[0], &options);
    let rounds = 50;
    let (wall, cpu) = (Instant::now(), thread_cpu_ns());
    for _ in 0..rounds {
        for t in &texts {
            std::hint::black_box(encode_to_string(t, &options));
        }
    }
    let secs = wall.elapsed().as_secs_f64();
    let n = rounds * texts.len();
    println!(
        "Speed: {n} letters encoded with recognition in {secs:.3} s wall time: {:.0} letters/s",
        n as f64 / secs
    );
    if let (Some(a), Some(b)) = (cpu, thread_cpu_ns()) {
        let cpu_secs = (b - a) as f64 / 1e9;
        println!(
            "       {cpu_secs:.3} s on the CPU: {:.0} letters/s per core (other work on the machine does not count)",
            n as f64 / cpu_secs
        );
    }
}

/// Nanoseconds this thread has run on a CPU (Linux), if known.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}
