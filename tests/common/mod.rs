//! Helpers shared by the integration tests: where the shared corpora are,
//! and how to run the `teikit` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The shared test data (`../shared` beside the repository, or `$TEIKIT_SHARED`).
///
/// Returns `None` when it is missing, so a local run without it skips the
/// tests that need it; under CI (`CI` set) a missing folder is a failure.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TEIKIT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the shared test data is missing at {} (set TEIKIT_SHARED)",
        dir.display()
    );
    eprintln!("skipped: no shared test data at {}", dir.display());
    None
}

/// Runs the `teikit` binary with `args`, returning its output.
pub fn teikit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_teikit"))
        .env("TEIKIT_CACHE_DIR", cache_dir())
        .args(args)
        .output()
        .expect("the teikit binary runs")
}

/// The compiled-schema cache of the tests' `teikit` runs, inside the
/// build folder rather than the user's own cache.
pub fn cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("teikit-cache")
}

/// Whether a program is on the PATH (for cross-checks with jing, xsltproc).
pub fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program} >/dev/null 2>&1")])
        .status()
        .is_ok_and(|s| s.success())
}

/// Collapses runs of white space into one space and trims the ends.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that jing finds every file valid against the schema.
pub fn assert_jing_valid(schema: &Path, files: &[PathBuf]) {
    let out = Command::new("jing")
        .arg(schema)
        .args(files)
        .output()
        .expect("jing runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.trim().is_empty(),
        "jing found errors:\n{stdout}"
    );
}

/// The text content of a TEI document's `body`, white space collapsed.
pub fn body_text(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name("body"))
        .expect("a body");
    let text: String = body
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    collapse(&text)
}

/// Whether `program` (jing, xsltproc) is there for a cross-check; under CI
/// its absence is a failure, since `.ci/run` installs it.
pub fn tool_available(program: &str) -> bool {
    if have(program) {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{program} is required under CI (see .ci/run)"
    );
    eprintln!("skipped: {program} is not installed");
    false
}

/// Whether jing is there for a cross-check (see [`tool_available`]).
pub fn jing_available() -> bool {
    tool_available("jing")
}

/// The repository's folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled edition's letter, in TEI.
pub fn bundled_letter() -> PathBuf {
    root().join("editions/thorburn/letters/thorburn-to-kim-jong-il-2003-07-26.xml")
}

/// Runs `check` over `files` on two threads, gathering what it reports.
pub fn parallel(files: &[PathBuf], check: impl Fn(&Path) -> Option<String> + Sync) -> Vec<String> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let found = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                if let Some(report) = check(path) {
                    found.lock().unwrap().push(report);
                }
            });
        }
    });
    let mut found = found.into_inner().unwrap();
    found.sort();
    found
}
