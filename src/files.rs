//! Reading inputs safely and writing outputs atomically.
//!
//! Inputs are read whole and checked before anything else sees them: a file
//! that is empty, binary or not UTF-8 is refused with its location. Outputs are
//! written to a temporary file beside the target and renamed into place, so a
//! failure never leaves a half-written file, and an output path that names its
//! own input is refused before anything is written.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// An error reading an input or writing an output.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum FileError {
    /// The file could not be read.
    #[error("cannot read `{path}`")]
    #[diagnostic(code(teikit::files::read))]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The file has no content (or only white space).
    #[error("`{path}` is empty: there is no letter to encode")]
    #[diagnostic(
        code(teikit::files::empty),
        help("check that the path names the transcription, not an empty placeholder")
    )]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file holds a NUL byte or other control bytes, so it is not text.
    #[error("`{path}` looks binary, not text: byte {byte:#04x} at line {line}, column {column}")]
    #[diagnostic(
        code(teikit::files::binary),
        help("teikit reads plain-text letters saved as UTF-8; export the transcription as plain text")
    )]
    Binary {
        /// The file.
        path: PathBuf,
        /// The offending byte.
        byte: u8,
        /// 1-based line of the byte.
        line: usize,
        /// 1-based column (in characters) of the byte.
        column: usize,
    },
    /// The file is not valid UTF-8.
    #[error(
        "`{path}` is not valid UTF-8: invalid byte {byte:#04x} at line {line}, column {column}"
    )]
    #[diagnostic(
        code(teikit::files::not_utf8),
        help("re-save the file as UTF-8 (for example `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`)")
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// The first byte that is not part of a UTF-8 sequence.
        byte: u8,
        /// 1-based line of the byte.
        line: usize,
        /// 1-based column (in characters) of the byte.
        column: usize,
    },
    /// An output path names one of the inputs.
    #[error("refusing to write `{path}`: it is also an input and would be overwritten")]
    #[diagnostic(
        code(teikit::files::output_is_input),
        help("write the output to another file or directory (`-o` / `--out-dir`)")
    )]
    OutputIsInput {
        /// The path given as both input and output.
        path: PathBuf,
    },
    /// The output could not be written.
    #[error("cannot write `{path}`")]
    #[diagnostic(code(teikit::files::write))]
    Write {
        /// The output file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

/// A plain-text file read and checked by [`read_text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFile {
    /// The path it was read from.
    pub path: PathBuf,
    /// The text, without a leading byte order mark and with CRLF and lone CR
    /// line endings turned into LF.
    pub text: String,
}

/// Reads a plain-text file, refusing empty, binary and non-UTF-8 content.
///
/// A UTF-8 byte order mark is dropped and line endings are normalised to LF,
/// as an XML parser would do; no other character is changed.
///
/// # Errors
///
/// [`FileError::Read`], [`FileError::Empty`], [`FileError::Binary`] or
/// [`FileError::NotUtf8`], each naming the file and, where it applies, the line
/// and column of the offending byte.
pub fn read_text(path: &Path) -> Result<TextFile, FileError> {
    let bytes = fs::read(path).map_err(|source| FileError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = decode_text(path, &bytes)?;
    Ok(TextFile {
        path: path.to_path_buf(),
        text,
    })
}

/// Checks and decodes the bytes of a plain-text file (see [`read_text`]).
///
/// # Errors
///
/// As [`read_text`], without [`FileError::Read`].
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<String, FileError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let at = err.valid_up_to();
            let (line, column) = line_column(&bytes[..at]);
            return Err(FileError::NotUtf8 {
                path: path.to_path_buf(),
                byte: bytes[at],
                line,
                column,
            });
        }
    };
    if let Some(at) = find_binary(text) {
        let (line, column) = line_column(&bytes[..at]);
        return Err(FileError::Binary {
            path: path.to_path_buf(),
            byte: bytes[at],
            line,
            column,
        });
    }
    if text.trim().is_empty() {
        return Err(FileError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(normalize_newlines(text))
}

/// Control characters that never occur in a transcription (and that XML 1.0
/// cannot carry): everything below U+0020 except tab, LF, CR and form feed,
/// and the noncharacters U+FFFE and U+FFFF.
fn is_binary_char(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0C')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// The byte offset of the first [`is_binary_char`], scanning bytes (the
/// control characters are ASCII, U+FFFE and U+FFFF start with `EF BF`).
fn find_binary(text: &str) -> Option<usize> {
    let suspect = |b: u8| (b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0xEF;
    let mut start = 0;
    // Whole chunks are tested without branching, which the compiler vectorises.
    for chunk in text.as_bytes().chunks(64) {
        if chunk.iter().fold(false, |acc, &b| acc | suspect(b)) {
            let at = start + chunk.iter().position(|&b| suspect(b)).unwrap_or(0);
            return text[at..].find(is_binary_char).map(|i| at + i);
        }
        start += chunk.len();
    }
    None
}

/// Turns CRLF and lone CR into LF, and form feeds (page breaks in some
/// exports) into LF as well, since XML cannot carry them.
fn normalize_newlines(text: &str) -> String {
    if !text.as_bytes().contains(&b'\r') && !text.as_bytes().contains(&0x0C) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\x0C' => out.push('\n'),
            c => out.push(c),
        }
    }
    out
}

/// 1-based line and column (in characters) of the position just after `before`.
fn line_column(before: &[u8]) -> (usize, usize) {
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Refuses an output path that is the same file as one of the inputs.
///
/// Paths are compared after resolving symbolic links and `..`, so
/// `letters/../letters/a.xml` and `letters/a.xml` are the same file.
///
/// # Errors
///
/// [`FileError::OutputIsInput`] when `output` names one of `inputs`.
pub fn check_not_input(output: &Path, inputs: &[PathBuf]) -> Result<(), FileError> {
    let out = resolve(output);
    if inputs.iter().any(|input| resolve(input) == out) {
        return Err(FileError::OutputIsInput {
            path: output.to_path_buf(),
        });
    }
    Ok(())
}

/// The canonical form of a path that may not exist yet: its parent is
/// canonicalised and its file name appended.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let parent = parent
        .canonicalize()
        .unwrap_or_else(|_| parent.to_path_buf());
    match path.file_name() {
        Some(name) => parent.join(name),
        None => parent,
    }
}

/// Writes `contents` to `path` atomically: into a temporary file in the same
/// directory, flushed to disk, then renamed over the target. Missing parent
/// directories are created.
///
/// # Errors
///
/// [`FileError::Write`] when the directory, the temporary file or the rename fails;
/// the target is then left as it was.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), FileError> {
    let err = |source| FileError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(err)?;
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let mut tmp = tempfile_in(dir, &name).map_err(err)?;
    let result = tmp
        .1
        .write_all(contents)
        .and_then(|()| tmp.1.sync_all())
        .and_then(|()| fs::rename(&tmp.0, path));
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp.0);
        return Err(err(e));
    }
    Ok(())
}

/// Creates a new, uniquely named hidden file in `dir` for [`write_atomic`].
fn tempfile_in(dir: &Path, name: &str) -> std::io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    let mut attempt = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 1000 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Collects the files below `paths` whose extension is `ext` (directories are
/// walked recursively, files are taken as given), sorted and without duplicates.
///
/// # Errors
///
/// [`FileError::Read`] for a path that does not exist or a directory that
/// cannot be listed.
pub fn collect_files(paths: &[PathBuf], ext: &str) -> Result<Vec<PathBuf>, FileError> {
    let mut out = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|source| FileError::Read {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk(path, ext, &mut out)?;
        } else {
            out.push(path.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> Result<(), FileError> {
    let read_err = |source| FileError::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(read_err)?
        .collect::<Result<_, _>>()
        .map_err(read_err)?;
    entries.sort_by_key(fs::DirEntry::path);
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, ext, out)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<String, FileError> {
        decode_text(Path::new("a.txt"), bytes)
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFDear Sir,\r\n\r\nYes.\rNo.").unwrap(),
            "Dear Sir,\n\nYes.\nNo."
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decode(b"Dear Sir,\nCaf\xE9 au lait").unwrap_err();
        match err {
            FileError::NotUtf8 {
                byte, line, column, ..
            } => {
                assert_eq!((byte, line, column), (0xE9, 2, 4));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn nul_byte_is_binary() {
        let err = decode(b"ab\ncd\0ef").unwrap_err();
        assert!(
            matches!(
                err,
                FileError::Binary {
                    byte: 0,
                    line: 2,
                    column: 3,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn empty_and_blank_are_refused() {
        assert!(matches!(decode(b""), Err(FileError::Empty { .. })));
        assert!(matches!(decode(b" \n\t\n"), Err(FileError::Empty { .. })));
    }

    #[test]
    fn output_equal_to_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        fs::write(&input, "x").unwrap();
        let twisted = dir.path().join(".").join("a.txt");
        assert!(check_not_input(&twisted, std::slice::from_ref(&input)).is_err());
        assert!(check_not_input(&dir.path().join("a.xml"), &[input]).is_ok());
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("sub").join("o.xml");
        write_atomic(&out, b"one").unwrap();
        write_atomic(&out, b"two").unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("o.xml")]);
    }

    #[test]
    fn collect_walks_sorted() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("b")).unwrap();
        fs::write(dir.path().join("b/2.xml"), "").unwrap();
        fs::write(dir.path().join("1.xml"), "").unwrap();
        fs::write(dir.path().join("3.txt"), "").unwrap();
        let got = collect_files(&[dir.path().to_path_buf()], "xml").unwrap();
        assert_eq!(
            got,
            vec![dir.path().join("1.xml"), dir.path().join("b/2.xml")]
        );
    }
}
