//! The command-line interface: argument parsing, dispatch, exit codes and the
//! printing of diagnostics. Each subcommand lives in its own file and turns
//! its arguments into the library's option structs; no logic lives here.

mod build;
mod encode;
mod eval;
mod export;
mod register;
mod validate;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// teikit: encode plain-text letters as TEI P5, validate TEI, export reading editions.
#[derive(Debug, Parser)]
#[command(name = "teikit", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 success or valid, 1 invalid documents or rule violations found, 2 usage or I/O error.\n\nRun `teikit help <COMMAND>` for the flags of a command and an example."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Encode(encode::Args),
    Validate(validate::Args),
    Export(export::Args),
    Build(build::Args),
    Eval(eval::Args),
    #[command(subcommand)]
    Register(register::Command),
}

/// What a subcommand found, mapped to the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything succeeded (exit 0).
    Success,
    /// Invalid documents or rule violations were found (exit 1).
    Invalid,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    set_report_style();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let result = match &cli.command {
        Command::Encode(args) => encode::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Export(args) => export::run(args),
        Command::Build(args) => build::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Register(cmd) => register::run(cmd),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Invalid) => ExitCode::from(1),
        Err(report) if is_broken_pipe(&report) => ExitCode::SUCCESS,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}

/// Diagnostics wrap to the terminal's width on a terminal, and are not
/// wrapped at all when standard error goes to a file or a pipe, so that a
/// location is never split across lines.
fn set_report_style() {
    use std::io::IsTerminal;
    let terminal = std::io::stderr().is_terminal();
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(
            miette::MietteHandlerOpts::new()
                .wrap_lines(terminal)
                .build(),
        )
    }));
}

/// Writes to standard output; a closed pipe (`teikit encode a.txt | head`)
/// surfaces as an error that [`main`] turns into a quiet, successful exit.
///
/// # Errors
///
/// The I/O error, wrapped as a report.
pub fn print_stdout(text: &str) -> miette::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| miette::Report::new(StdoutError(e)))
}

/// An error writing to standard output.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("cannot write to standard output: {0}")]
#[diagnostic(code(teikit::cli::stdout))]
struct StdoutError(std::io::Error);

fn is_broken_pipe(report: &miette::Report) -> bool {
    report
        .downcast_ref::<StdoutError>()
        .is_some_and(|e| e.0.kind() == std::io::ErrorKind::BrokenPipe)
}
