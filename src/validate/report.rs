//! Validation reports: the problems found in a set of documents, and their
//! rendering for people (miette diagnostics with the source line) and for CI
//! (JSON, GitHub workflow annotations, JUnit XML, SARIF 2.1.0).
//!
//! Every format lists files in the order given and problems in document
//! order, so the same input gives the same bytes.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

pub use super::rules::Severity;

/// One problem at one place in one document: a schema violation or a broken
/// edition rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A stable code, such as `teikit::validate::unexpected_element` or
    /// `teikit::rules::unresolved-reference`.
    pub code: String,
    /// Errors make the document invalid; warnings do not.
    pub severity: Severity,
    /// What is wrong, naming both sides.
    pub message: String,
    /// The byte range in the document.
    pub span: Range<usize>,
    /// 1-based line of the start of the span.
    pub line: u32,
    /// 1-based column (in characters) of the start of the span.
    pub column: u32,
    /// What the schema allowed here, when known.
    pub expected: Vec<String>,
    /// What the document had instead, when known.
    pub found: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
}

/// The problems of one document.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The document, as named on the command line or found in a directory.
    pub path: PathBuf,
    /// Its text, for showing the offending line (absent when unreadable).
    pub text: Option<Arc<str>>,
    /// Its problems, in document order.
    pub problems: Vec<Problem>,
}

impl FileReport {
    /// Whether the document has no error (warnings allowed).
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.errors() == 0
    }

    /// The number of errors.
    #[must_use]
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// The number of warnings.
    #[must_use]
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

/// The outcome of validating a set of documents.
#[derive(Debug, Clone)]
pub struct Report {
    /// The schema the documents were checked against, as shown to the user.
    pub schema: String,
    /// One entry per document, in a stable order.
    pub files: Vec<FileReport>,
}

/// How a [`Report`] is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// miette diagnostics with the offending line, then a summary.
    Human,
    /// One JSON object: files, their problems, and a summary.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`).
    Github,
    /// A JUnit XML report: one test case per document.
    Junit,
    /// A SARIF 2.1.0 log, for code-scanning dashboards.
    Sarif,
}

/// Options for [`Format::Human`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanStyle {
    /// Use colour and Unicode box drawing (on a terminal). Default: no.
    pub color: bool,
    /// Wrap at this width. Default: 100.
    pub width: usize,
}

impl Default for HumanStyle {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
        }
    }
}

impl Report {
    /// Whether every document is valid (no errors; warnings allowed).
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.files.iter().all(FileReport::is_valid)
    }

    /// The number of errors in all documents.
    #[must_use]
    pub fn errors(&self) -> usize {
        self.files.iter().map(FileReport::errors).sum()
    }

    /// The number of warnings in all documents.
    #[must_use]
    pub fn warnings(&self) -> usize {
        self.files.iter().map(FileReport::warnings).sum()
    }

    /// A one-line summary, such as
    /// `3 files checked against tei_letters: 2 valid, 1 invalid (4 errors, 1 warning)`.
    #[must_use]
    pub fn summary(&self) -> String {
        let invalid = self.files.iter().filter(|f| !f.is_valid()).count();
        let mut line = format!(
            "{} checked against {}: {} valid, {} invalid",
            plural(self.files.len(), "file"),
            self.schema,
            self.files.len() - invalid,
            invalid
        );
        let (errors, warnings) = (self.errors(), self.warnings());
        if errors + warnings > 0 {
            let _ = write!(
                line,
                " ({}, {})",
                plural(errors, "error"),
                plural(warnings, "warning")
            );
        }
        line
    }

    /// Renders the report in `format`.
    #[must_use]
    pub fn render(&self, format: Format, style: HumanStyle) -> String {
        match format {
            Format::Human => self.human(style),
            Format::Json => self.json(),
            Format::Github => self.github(),
            Format::Junit => self.junit(),
            Format::Sarif => self.sarif(),
        }
    }

    fn human(&self, style: HumanStyle) -> String {
        use miette::{GraphicalReportHandler, GraphicalTheme};
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_links(false);
        let mut out = String::new();
        for file in &self.files {
            for problem in &file.problems {
                let diagnostic = HumanDiagnostic::new(file, problem);
                let _ = handler.render_report(&mut out, &diagnostic);
                out.push('\n');
            }
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    fn json(&self) -> String {
        let files: Vec<JsonFile<'_>> = self.files.iter().map(JsonFile::new).collect();
        let doc = JsonReport {
            schema: &self.schema,
            valid: self.is_valid(),
            errors: self.errors(),
            warnings: self.warnings(),
            files,
        };
        let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        text.push('\n');
        text
    }

    fn github(&self) -> String {
        let mut out = String::new();
        for file in &self.files {
            for p in &file.problems {
                let command = match p.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let _ = writeln!(
                    out,
                    "::{command} file={},line={},col={},title={}::{}",
                    github_property(&file.path.display().to_string()),
                    p.line,
                    p.column,
                    github_property(&p.code),
                    github_data(&full_message(p))
                );
            }
        }
        out
    }

    fn junit(&self) -> String {
        let failures = self.files.iter().filter(|f| !f.is_valid()).count();
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"teikit validate\" tests=\"{n}\" failures=\"{failures}\">\n  \
             <testsuite name=\"{}\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\">",
            xml_escape(&self.schema),
            n = self.files.len(),
        );
        for file in &self.files {
            junit_case(&mut out, file);
        }
        out.push_str("  </testsuite>\n</testsuites>\n");
        out
    }

    fn sarif(&self) -> String {
        let mut text = serde_json::to_string_pretty(&sarif::log(self)).unwrap_or_default();
        text.push('\n');
        text
    }
}

impl Problem {
    /// The problem an edition rule found.
    #[must_use]
    pub fn from_finding(finding: &super::rules::Finding) -> Self {
        Self {
            code: finding.rule.to_string(),
            severity: finding.rule.severity(),
            message: finding.message.clone(),
            span: finding.span.clone(),
            line: finding.line,
            column: finding.column,
            expected: Vec::new(),
            found: None,
            help: finding.help.clone(),
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The message with its help appended, for one-line formats.
fn full_message(p: &Problem) -> String {
    match &p.help {
        Some(help) => format!("{} ({help})", p.message),
        None => p.message.clone(),
    }
}

/// Escapes a GitHub workflow command's message.
fn github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a GitHub workflow command's property value.
fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn xml_escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

fn junit_case(out: &mut String, file: &FileReport) {
    let name = xml_escape(&file.path.display().to_string());
    let errors: Vec<&Problem> = file
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        let _ = writeln!(
            out,
            "    <testcase classname=\"teikit.validate\" name=\"{name}\"/>"
        );
        return;
    }
    let _ = writeln!(
        out,
        "    <testcase classname=\"teikit.validate\" name=\"{name}\">\n      \
         <failure message=\"{}\" type=\"{}\">",
        xml_escape(&plural(errors.len(), "error")),
        xml_escape(&errors[0].code)
    );
    for p in errors {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} [{}]",
            name,
            p.line,
            p.column,
            xml_escape(&full_message(p)),
            xml_escape(&p.code)
        );
    }
    out.push_str("      </failure>\n    </testcase>\n");
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'a str,
    valid: bool,
    errors: usize,
    warnings: usize,
    files: Vec<JsonFile<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    valid: bool,
    problems: Vec<JsonProblem<'a>>,
}

impl<'a> JsonFile<'a> {
    fn new(file: &'a FileReport) -> Self {
        Self {
            path: file.path.display().to_string(),
            valid: file.is_valid(),
            problems: file.problems.iter().map(JsonProblem::new).collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    code: &'a str,
    severity: &'static str,
    message: &'a str,
    line: u32,
    column: u32,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    expected: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    found: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

impl<'a> JsonProblem<'a> {
    fn new(p: &'a Problem) -> Self {
        Self {
            code: &p.code,
            severity: severity_name(p.severity),
            message: &p.message,
            line: p.line,
            column: p.column,
            start: p.span.start,
            end: p.span.end,
            expected: &p.expected,
            found: p.found.as_deref(),
            help: p.help.as_deref(),
        }
    }
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A problem as a miette diagnostic over its document's text.
#[derive(Debug)]
struct HumanDiagnostic {
    problem: Problem,
    source: Option<miette::NamedSource<Arc<str>>>,
}

impl HumanDiagnostic {
    fn new(file: &FileReport, problem: &Problem) -> Self {
        let name = file.path.display().to_string();
        let source = file
            .text
            .clone()
            .map(|text| miette::NamedSource::new(name, text));
        Self {
            problem: problem.clone(),
            source,
        }
    }
}

impl std::fmt::Display for HumanDiagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.problem.message)
    }
}

impl std::error::Error for HumanDiagnostic {}

impl miette::Diagnostic for HumanDiagnostic {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(&self.problem.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.problem.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.problem
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let p = &self.problem;
        let label = match &p.found {
            Some(found) => format!("found {found}"),
            None => "here".to_owned(),
        };
        let len = p.span.end.saturating_sub(p.span.start);
        Some(Box::new(std::iter::once(miette::LabeledSpan::new(
            Some(label),
            p.span.start,
            len,
        ))))
    }
}

mod sarif {
    //! The SARIF 2.1.0 log of a report.

    use std::collections::BTreeSet;

    use serde::Serialize;

    use super::{full_message, severity_name, Report};

    const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

    #[derive(Serialize)]
    pub(super) struct Log<'a> {
        #[serde(rename = "$schema")]
        schema: &'static str,
        version: &'static str,
        runs: Vec<Run<'a>>,
    }

    #[derive(Serialize)]
    struct Run<'a> {
        tool: Tool<'a>,
        results: Vec<SarifResult>,
    }

    #[derive(Serialize)]
    struct Tool<'a> {
        driver: Driver<'a>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Driver<'a> {
        name: &'static str,
        version: &'static str,
        rules: Vec<RuleDescriptor<'a>>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct RuleDescriptor<'a> {
        id: &'a str,
        short_description: Text,
    }

    #[derive(Serialize)]
    struct Text {
        text: String,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct SarifResult {
        rule_id: String,
        level: &'static str,
        message: Text,
        locations: Vec<Location>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Location {
        physical_location: PhysicalLocation,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct PhysicalLocation {
        artifact_location: ArtifactLocation,
        region: Region,
    }

    #[derive(Serialize)]
    struct ArtifactLocation {
        uri: String,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Region {
        start_line: u32,
        start_column: u32,
        byte_offset: usize,
        byte_length: usize,
    }

    /// Builds the log: one run, one rule descriptor per code used.
    pub(super) fn log(report: &Report) -> Log<'_> {
        let mut rules: BTreeSet<&str> = BTreeSet::new();
        let mut results = Vec::new();
        for file in &report.files {
            let uri = file.path.display().to_string().replace('\\', "/");
            for p in &file.problems {
                rules.insert(&p.code);
                results.push(SarifResult {
                    rule_id: p.code.clone(),
                    level: severity_name(p.severity),
                    message: Text {
                        text: full_message(p),
                    },
                    locations: vec![Location {
                        physical_location: PhysicalLocation {
                            artifact_location: ArtifactLocation { uri: uri.clone() },
                            region: Region {
                                start_line: p.line,
                                start_column: p.column,
                                byte_offset: p.span.start,
                                byte_length: p.span.end.saturating_sub(p.span.start),
                            },
                        },
                    }],
                });
            }
        }
        let rules = rules
            .into_iter()
            .map(|id| RuleDescriptor {
                id,
                short_description: Text { text: describe(id) },
            })
            .collect();
        Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: vec![Run {
                tool: Tool {
                    driver: Driver {
                        name: "teikit",
                        version: env!("CARGO_PKG_VERSION"),
                        rules,
                    },
                },
                results,
            }],
        }
    }

    /// A rule's short description from its code: `teikit::rules::duplicate-id`
    /// becomes "duplicate id".
    fn describe(code: &str) -> String {
        let last = code.rsplit("::").next().unwrap_or(code);
        last.replace(['-', '_'], " ")
    }
}

#[cfg(test)]
mod tests;
