//! Validation speed and memory against `tei_all.rng`: schema compile time,
//! throughput over the shared `tei-valid` corpus in one process, time per
//! file when each file gets its own `teikit validate` process (with and
//! without the compiled-schema cache),
//! jing run the same ways when it is installed, and peak memory while
//! streaming a large generated document.
//!
//! `cargo bench --bench validate`; `TEIKIT_BENCH_MB` sets the size of the
//! generated document (default 500).

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use teikit::validate::Schema;

fn shared() -> PathBuf {
    std::env::var_os("TEIKIT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

fn xml_files(dir: &Path) -> Vec<PathBuf> {
    teikit::files::collect_files(&[dir.to_path_buf()], "xml").unwrap_or_default()
}

/// A synthetic TEI document of about `size` bytes, generated as it is read.
struct Synthetic {
    head: Vec<u8>,
    unit: Vec<u8>,
    tail: Vec<u8>,
    units_left: usize,
    buf: Vec<u8>,
    pos: usize,
    stage: u8,
}

impl Synthetic {
    fn new(size: usize) -> Synthetic {
        let head = br#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Synthetic</title></titleStmt><publicationStmt><p>Generated.</p></publicationStmt><sourceDesc><p>None.</p></sourceDesc></fileDesc></teiHeader><text><body><div>"#.to_vec();
        let unit = b"\n<p>Dear <persName>Anna</persName>, the letter of <date when=\"1850-03-02\">2 March</date> came <hi rend=\"italic\">today</hi>; more &amp; more text follows here.</p>".to_vec();
        let tail = b"</div></body></text></TEI>\n".to_vec();
        Synthetic {
            units_left: size / unit.len(),
            head,
            unit,
            tail,
            buf: Vec::new(),
            pos: 0,
            stage: 0,
        }
    }
}

impl Read for Synthetic {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let b = self.fill_buf()?;
            let n = b.len().min(out.len());
            out[..n].copy_from_slice(&b[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Synthetic {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.buf.len() {
            self.buf.clear();
            self.pos = 0;
            match self.stage {
                0 => {
                    self.buf.extend_from_slice(&self.head);
                    self.stage = 1;
                }
                1 if self.units_left > 0 => {
                    let n = self.units_left.min(512);
                    for _ in 0..n {
                        self.buf.extend_from_slice(&self.unit);
                    }
                    self.units_left -= n;
                }
                1 => {
                    self.buf.extend_from_slice(&self.tail);
                    self.stage = 2;
                }
                _ => {}
            }
        }
        Ok(&self.buf[self.pos..])
    }
    fn consume(&mut self, n: usize) {
        self.pos += n;
    }
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let shared = shared();
    let schema_path = shared.join("schemas-ref/tei_all.rng");
    if !schema_path.is_file() {
        println!("skipped: no shared data at {}", shared.display());
        return;
    }
    let have_jing = Command::new("sh")
        .args(["-c", "command -v jing >/dev/null"])
        .status()
        .is_ok_and(|s| s.success());

    // Peak memory first, before the corpus and the caches grow the heap.
    let mb: usize = std::env::var("TEIKIT_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let schema = Schema::load(&schema_path).expect("tei_all.rng compiles");
    let before = peak_rss_mb().unwrap_or(0.0);
    let t = Instant::now();
    let violations = schema
        .validate_reader(Synthetic::new(mb << 20))
        .expect("generated document reads");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "generated document: {mb} MB in {secs:.2} s ({:.1} MB/s), {} violations, peak RSS {:.1} MB (before: {before:.1} MB)",
        mb as f64 / secs,
        violations.len(),
        peak_rss_mb().unwrap_or(0.0)
    );

    let compile: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            let s = Schema::load(&schema_path).expect("compiles");
            let d = t.elapsed();
            drop(s);
            d
        })
        .collect();
    println!(
        "tei_all.rng compile: median {:.1} ms",
        median(compile).as_secs_f64() * 1e3
    );
    let stored = tempfile::tempdir().expect("temporary folder");
    Schema::load_cached(&schema_path, stored.path()).expect("compiles");
    let reread: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            let s = Schema::load_cached(&schema_path, stored.path()).expect("reads");
            let d = t.elapsed();
            drop(s);
            d
        })
        .collect();
    println!(
        "tei_all.rng read back compiled from the cache: median {:.1} ms",
        median(reread).as_secs_f64() * 1e3
    );

    let files = xml_files(&shared.join("corpus/tei-valid"));
    let bytes: u64 = files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    let mb_total = bytes as f64 / 1e6;
    let validate_all = |schema: &Schema| {
        for f in &files {
            let file = std::fs::File::open(f).expect("opens");
            let v = schema
                .validate_reader(std::io::BufReader::new(file))
                .expect("reads");
            assert!(v.is_empty(), "{} is valid", f.display());
        }
    };
    validate_all(&schema);
    // Medians of three, here and for jing: this machine's speed varies.
    let ours = median(
        (0..3)
            .map(|_| {
                let t = Instant::now();
                validate_all(&schema);
                t.elapsed()
            })
            .collect(),
    )
    .as_secs_f64();
    println!(
        "one process, one thread: {} files, {mb_total:.1} MB in {:.2} s = {:.1} MB/s (median of 3)",
        files.len(),
        ours,
        mb_total / ours
    );

    // One process per file, as CI scripts and editors' save hooks run it:
    // the `teikit` binary, with its compiled-schema cache (primed by the
    // first run) and without it.
    let cache = tempfile::tempdir().expect("temporary folder");
    let run_teikit = |f: &Path, cached: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_teikit"));
        cmd.env("TEIKIT_CACHE_DIR", cache.path())
            .arg("validate")
            .arg("--schema")
            .arg(&schema_path)
            .arg(f);
        if !cached {
            cmd.arg("--no-cache");
        }
        let out = cmd.output().expect("teikit runs");
        assert!(out.status.success(), "{} is valid", f.display());
    };
    let per_process = |fs: &[&PathBuf], cached: bool| {
        let t = Instant::now();
        for f in fs {
            run_teikit(f, cached);
        }
        t.elapsed().as_secs_f64() / fs.len() as f64
    };
    let all: Vec<&PathBuf> = files.iter().collect();
    run_teikit(&files[0], true);
    let per_file = per_process(&all, true);
    let per_file_cold = per_process(&all, false);
    println!(
        "one process per file (teikit validate --schema): {:.1} ms per file with the compiled schema cached, {:.1} ms with --no-cache",
        per_file * 1e3,
        per_file_cold * 1e3
    );

    if !have_jing {
        println!("jing: not installed, no comparison");
        return;
    }
    let mut status = None;
    let jing_all = median(
        (0..3)
            .map(|_| {
                let t = Instant::now();
                let out = Command::new("jing")
                    .arg(&schema_path)
                    .args(&files)
                    .output()
                    .expect("jing runs");
                status = Some(out.status);
                t.elapsed()
            })
            .collect(),
    )
    .as_secs_f64();
    println!(
        "jing one process: {:.2} s = {:.1} MB/s (median of 3; {:.1}x teikit's time; exit {:?})",
        jing_all,
        mb_total / jing_all,
        jing_all / ours,
        status
    );
    let sample: Vec<&PathBuf> = files.iter().step_by(4).collect();
    let t = Instant::now();
    for f in &sample {
        Command::new("jing")
            .arg(&schema_path)
            .arg(f)
            .output()
            .expect("jing runs");
    }
    let jing_per = t.elapsed().as_secs_f64() / sample.len() as f64;
    let ours_sample = per_process(&sample, true);
    let ours_sample_cold = per_process(&sample, false);
    println!(
        "jing one process per file: {:.0} ms per file ({} files sampled; teikit on the same files: {:.1} ms cached = {:.1}x faster, {:.1} ms with --no-cache = {:.1}x)",
        jing_per * 1e3,
        sample.len(),
        ours_sample * 1e3,
        jing_per / ours_sample,
        ours_sample_cold * 1e3,
        jing_per / ours_sample_cold
    );
}
