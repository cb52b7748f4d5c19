//! Tokens of the compact syntax: newline normalisation, `\x{...}` escapes,
//! comments and documentation lines, literals, names and operators
//! (Appendix A.2 of the specification).

use super::errors::{span, RncError};

/// The keywords of the compact syntax; usable as names only where the grammar
/// says `identifierOrKeyword`, elsewhere they must be quoted with `\`.
pub(crate) const KEYWORDS: [&str; 19] = [
    "attribute",
    "default",
    "datatypes",
    "div",
    "element",
    "empty",
    "external",
    "grammar",
    "include",
    "inherit",
    "list",
    "mixed",
    "namespace",
    "notAllowed",
    "parent",
    "start",
    "string",
    "text",
    "token",
];

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// An NCName that is not a keyword.
    Ident(String),
    /// A keyword, unquoted.
    Keyword(&'static str),
    /// `\name`: an identifier even if it spells a keyword.
    Quoted(String),
    /// `prefix:local`.
    CName(String, String),
    /// `prefix:*`.
    NsName(String),
    /// One literal segment (its value, delimiters removed).
    Literal(String),
    /// A documentation comment (`##`), continuation lines joined by newlines.
    Doc(String),
    /// An operator or bracket.
    Punct(&'static str),
    /// The end of the schema.
    Eof,
}

impl Tok {
    /// How the token is named in messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Tok::Ident(s) | Tok::Quoted(s) => format!("identifier `{s}`"),
            Tok::Keyword(k) => format!("keyword `{k}`"),
            Tok::CName(p, l) => format!("name `{p}:{l}`"),
            Tok::NsName(p) => format!("`{p}:*`"),
            Tok::Literal(s) => format!("literal \"{}\"", s.escape_debug()),
            Tok::Doc(_) => "a `##` documentation comment".to_owned(),
            Tok::Punct(p) => format!("`{p}`"),
            Tok::Eof => "the end of the schema".to_owned(),
        }
    }
}

/// A token and its byte range in the compact source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub tok: Tok,
    /// First byte in the source.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

/// A character after newline normalisation and escape interpretation.
#[derive(Debug, Clone, Copy)]
struct Ch {
    c: char,
    start: usize,
    end: usize,
    /// A newline marker (a raw line end), not a character from an escape.
    newline: bool,
}

/// Whether `c` matches the `Char` production of XML 1.0.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn is_name_start(c: char) -> bool {
    matches!(c, 'A'..='Z' | 'a'..='z' | '_'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Splits a compact schema into tokens, ending with [`Tok::Eof`].
pub(crate) fn tokenize(src: &str) -> Result<Vec<Token>, RncError> {
    let chars = decode(src)?;
    Lexer {
        chars: &chars,
        pos: 0,
        src_len: src.len(),
    }
    .run()
}

/// Newline normalisation, BOM stripping and escape interpretation.
fn decode(src: &str) -> Result<Vec<Ch>, RncError> {
    let mut out = Vec::with_capacity(src.len());
    let mut it = src.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if i == 0 && c == '\u{FEFF}' {
            continue;
        }
        match c {
            '\r' => {
                let mut end = i + 1;
                if let Some(&(_, '\n')) = it.peek() {
                    it.next();
                    end += 1;
                }
                out.push(Ch {
                    c: '\n',
                    start: i,
                    end,
                    newline: true,
                });
            }
            '\n' => out.push(Ch {
                c,
                start: i,
                end: i + 1,
                newline: true,
            }),
            '\\' => out.push(escape(src, i, &mut it)?),
            _ if is_xml_char(c) => out.push(Ch {
                c,
                start: i,
                end: i + c.len_utf8(),
                newline: false,
            }),
            _ => {
                return Err(RncError::BadChar {
                    found: format!("U+{:04X}", u32::from(c)),
                    span: span(i, i + c.len_utf8()),
                    src: String::new(),
                })
            }
        }
    }
    Ok(out)
}

/// Reads `\x{N}` (one or more `x`) at `start`, or a plain backslash.
fn escape(
    src: &str,
    start: usize,
    it: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Result<Ch, RncError> {
    let rest = &src[start + 1..];
    let xs = rest.bytes().take_while(|&b| b == b'x').count();
    if xs == 0 || rest.as_bytes().get(xs) != Some(&b'{') {
        return Ok(Ch {
            c: '\\',
            start,
            end: start + 1,
            newline: false,
        });
    }
    let body = &rest[xs + 1..];
    let digits = body.bytes().take_while(u8::is_ascii_hexdigit).count();
    let closed = body.as_bytes().get(digits) == Some(&b'}');
    let end = start + 1 + xs + 1 + digits + usize::from(closed);
    let bad = |end: usize| RncError::BadEscape {
        found: format!("`{}`", &src[start..end]),
        span: span(start, end),
        src: String::new(),
    };
    if digits == 0 || !closed {
        return Err(bad(end));
    }
    let c = u32::from_str_radix(&body[..digits], 16)
        .ok()
        .and_then(char::from_u32)
        .filter(|&c| is_xml_char(c))
        .ok_or_else(|| bad(end))?;
    while it.peek().is_some_and(|&(i, _)| i < end) {
        it.next();
    }
    Ok(Ch {
        c,
        start,
        end,
        newline: false,
    })
}

struct Lexer<'a> {
    chars: &'a [Ch],
    pos: usize,
    src_len: usize,
}

impl Lexer<'_> {
    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.pos + k).map(|c| c.c)
    }

    fn offset(&self, pos: usize) -> usize {
        self.chars.get(pos).map_or(self.src_len, |c| c.start)
    }

    fn end_offset(&self) -> usize {
        if self.pos == 0 {
            return 0;
        }
        self.chars.get(self.pos - 1).map_or(self.src_len, |c| c.end)
    }

    /// A line end: a newline marker or a `\x{A}` character.
    fn at_line_end(&self) -> bool {
        self.chars
            .get(self.pos)
            .is_some_and(|c| c.newline || c.c == '\n')
    }

    fn run(mut self) -> Result<Vec<Token>, RncError> {
        let mut out = Vec::new();
        loop {
            self.skip_space();
            let start = self.offset(self.pos);
            let Some(c) = self.peek(0) else {
                out.push(Token {
                    tok: Tok::Eof,
                    start,
                    end: start,
                });
                return Ok(out);
            };
            let tok = match c {
                '#' if self.peek(1) == Some('#') => Some(self.doc()),
                '#' => {
                    self.skip_line();
                    None
                }
                '"' | '\'' => Some(self.literal(c)?),
                '\\' => Some(self.quoted()?),
                _ if is_name_start(c) => Some(self.name()),
                _ => Some(self.punct()?),
            };
            if let Some(tok) = tok {
                out.push(Token {
                    tok,
                    start,
                    end: self.end_offset(),
                });
            }
        }
    }

    fn skip_space(&mut self) {
        while self
            .chars
            .get(self.pos)
            .is_some_and(|c| c.newline || matches!(c.c, ' ' | '\t' | '\n'))
        {
            self.pos += 1;
        }
    }

    fn skip_line(&mut self) {
        while self.pos < self.chars.len() && !self.at_line_end() {
            self.pos += 1;
        }
    }

    fn rest_of_line(&mut self) -> String {
        let mut s = String::new();
        while self.pos < self.chars.len() && !self.at_line_end() {
            s.push(self.chars[self.pos].c);
            self.pos += 1;
        }
        s
    }

    /// `##` lines; directly following `##` lines (only indentation between) join.
    fn doc(&mut self) -> Tok {
        let mut text = self.doc_line();
        loop {
            let save = self.pos;
            if !self.at_line_end() {
                break;
            }
            self.pos += 1;
            while matches!(self.peek(0), Some(' ' | '\t')) && !self.at_line_end() {
                self.pos += 1;
            }
            if self.peek(0) == Some('#') && self.peek(1) == Some('#') {
                text.push('\n');
                text.push_str(&self.doc_line());
            } else {
                self.pos = save;
                break;
            }
        }
        Tok::Doc(text)
    }

    fn doc_line(&mut self) -> String {
        self.pos += 2;
        while self.peek(0) == Some('#') {
            self.pos += 1;
        }
        if self.peek(0) == Some(' ') {
            self.pos += 1;
        }
        self.rest_of_line()
    }

    fn literal(&mut self, q: char) -> Result<Tok, RncError> {
        let start = self.pos;
        if self.peek(1) == Some(q) && self.peek(2) == Some(q) {
            self.pos += 3;
            let mut s = String::new();
            while !(self.peek(0) == Some(q) && self.peek(1) == Some(q) && self.peek(2) == Some(q)) {
                let Some(ch) = self.chars.get(self.pos) else {
                    return Err(self.unterminated(start, format!("`{q}{q}{q}`")));
                };
                s.push(ch.c);
                self.pos += 1;
            }
            self.pos += 3;
            return Ok(Tok::Literal(s));
        }
        self.pos += 1;
        let mut s = String::new();
        loop {
            match self.chars.get(self.pos) {
                Some(ch) if ch.c == q && !ch.newline => break,
                Some(ch) if !ch.newline => s.push(ch.c),
                _ => return Err(self.unterminated(start, format!("`{q}`"))),
            }
            self.pos += 1;
        }
        self.pos += 1;
        Ok(Tok::Literal(s))
    }

    fn unterminated(&self, start: usize, delimiter: String) -> RncError {
        let found = if self.pos < self.chars.len() {
            "a newline"
        } else {
            "the end of the schema"
        };
        RncError::UnterminatedLiteral {
            delimiter,
            found: found.to_owned(),
            span: span(self.offset(start), self.offset(self.pos)),
            src: String::new(),
        }
    }

    fn ncname(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek(0).filter(|&c| is_name_char(c)) {
            s.push(c);
            self.pos += 1;
        }
        s
    }

    fn quoted(&mut self) -> Result<Tok, RncError> {
        if !self.peek(1).is_some_and(is_name_start) {
            return Err(self.bad_char());
        }
        self.pos += 1;
        Ok(Tok::Quoted(self.ncname()))
    }

    fn name(&mut self) -> Tok {
        let first = self.ncname();
        if self.peek(0) == Some(':') {
            if self.peek(1) == Some('*') {
                self.pos += 2;
                return Tok::NsName(first);
            }
            if self.peek(1).is_some_and(is_name_start) {
                self.pos += 1;
                let local = self.ncname();
                return Tok::CName(first, local);
            }
        }
        match KEYWORDS.iter().find(|k| **k == first) {
            Some(k) => Tok::Keyword(k),
            None => Tok::Ident(first),
        }
    }

    fn punct(&mut self) -> Result<Tok, RncError> {
        const TWO: [&str; 3] = ["|=", "&=", ">>"];
        const ONE: [&str; 15] = [
            "{", "}", "(", ")", "[", "]", "=", ",", "&", "|", "?", "*", "+", "-", "~",
        ];
        let (a, b) = (self.peek(0).unwrap_or(' '), self.peek(1).unwrap_or(' '));
        if let Some(p) = TWO.iter().find(|p| p.starts_with(a) && p.ends_with(b)) {
            self.pos += 2;
            return Ok(Tok::Punct(p));
        }
        if let Some(p) = ONE.iter().find(|p| p.starts_with(a)) {
            self.pos += 1;
            return Ok(Tok::Punct(p));
        }
        Err(self.bad_char())
    }

    fn bad_char(&self) -> RncError {
        let ch = self.chars[self.pos];
        RncError::BadChar {
            found: format!("`{}`", ch.c.escape_debug()),
            span: span(ch.start, ch.end),
            src: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        tokenize(src)
            .expect("tokenizes")
            .into_iter()
            .map(|t| t.tok)
            .collect()
    }

    fn lit(s: &str) -> Tok {
        Tok::Literal(s.to_owned())
    }

    #[test]
    fn escapes_are_replaced_before_tokenizing() {
        assert_eq!(
            toks(r"\x{65}l\xxx{65}ment"),
            [Tok::Keyword("element"), Tok::Eof]
        );
        assert_eq!(toks(r#""\x{10300}""#), [lit("\u{10300}"), Tok::Eof]);
        // An escaped `\` does not start another escape.
        assert_eq!(toks(r#""\x{5C}x{5C}""#), [lit(r"\x{5C}"), Tok::Eof]);
        // A backslash not followed by x...{ is a quoted identifier.
        assert_eq!(
            toks(r"\xx\x{66}oo"),
            [Tok::Quoted("xxfoo".into()), Tok::Eof]
        );
    }

    #[test]
    fn escaped_newlines_are_characters_not_line_ends() {
        assert_eq!(toks(r#""z\x{A}""#), [lit("z\n"), Tok::Eof]);
        assert_eq!(toks(r#""z\x{D}""#), [lit("z\r"), Tok::Eof]);
        // An escaped carriage return is not white space.
        assert!(matches!(
            tokenize("element \\x{D}foo"),
            Err(RncError::BadChar { .. })
        ));
    }

    #[test]
    fn malformed_escapes_are_errors() {
        for bad in [
            r#""\x{D800}""#,
            r#""\x{110000}""#,
            r"\x{7d",
            r#""\x{}""#,
            r"\x{zz}",
        ] {
            assert!(
                matches!(tokenize(bad), Err(RncError::BadEscape { .. })),
                "{bad}"
            );
        }
        let Err(e) = tokenize("a \\x{7d b") else {
            panic!("accepted")
        };
        assert_eq!(e.span(), span(2, 7));
    }

    #[test]
    fn literals_single_triple_and_newlines() {
        assert_eq!(
            toks(r#""'" ~ '"'"#),
            [lit("'"), Tok::Punct("~"), lit("\""), Tok::Eof]
        );
        assert_eq!(toks("\"\"\"z\n\"\"\""), [lit("z\n"), Tok::Eof]);
        assert_eq!(
            toks(r#"""""'""" '''x''""y'''"#),
            [lit("\"'"), lit("x''\"\"y"), Tok::Eof]
        );
        assert_eq!(toks(r#""""#), [lit(""), Tok::Eof]);
        assert!(matches!(
            tokenize("\"x\ny\""),
            Err(RncError::UnterminatedLiteral { .. })
        ));
        assert!(matches!(
            tokenize("'''x"),
            Err(RncError::UnterminatedLiteral { .. })
        ));
    }

    #[test]
    fn comments_and_documentation() {
        assert_eq!(
            toks("# a comment\nfoo #\n#"),
            [Tok::Ident("foo".into()), Tok::Eof]
        );
        assert_eq!(
            toks("#### one\n  ######## two\n\n## three\nx"),
            [
                Tok::Doc("one\ntwo".into()),
                Tok::Doc("three".into()),
                Tok::Ident("x".into()),
                Tok::Eof
            ]
        );
        assert_eq!(toks("##no space"), [Tok::Doc("no space".into()), Tok::Eof]);
    }

    #[test]
    fn keywords_names_and_operators() {
        assert_eq!(
            toks("start |= \\start xsd:string eg:* a.b-c &= >> -"),
            [
                Tok::Keyword("start"),
                Tok::Punct("|="),
                Tok::Quoted("start".into()),
                Tok::CName("xsd".into(), "string".into()),
                Tok::NsName("eg".into()),
                Tok::Ident("a.b-c".into()),
                Tok::Punct("&="),
                Tok::Punct(">>"),
                Tok::Punct("-"),
                Tok::Eof
            ]
        );
        assert!(matches!(tokenize("a > b"), Err(RncError::BadChar { .. })));
    }

    #[test]
    fn spans_are_byte_offsets_in_the_original_source() {
        let t = tokenize("\r\n  é \\x{66}oo").expect("tokenizes");
        assert_eq!((t[0].start, t[0].end), (4, 6));
        assert_eq!(t[1].tok, Tok::Ident("foo".into()));
        assert_eq!((t[1].start, t[1].end), (7, 15));
    }
}
