//! The recursive-descent reader of the XSD regular-expression grammar
//! (XML Schema Part 2, appendix F), writing `regex` crate syntax as it goes.

use super::blocks;
use super::RegexError;
use crate::validate::xsd::xmlchars::{NAME_CHAR, NAME_START};
use std::fmt::Write;

/// The general categories XSD 1.0 allows in `\p{..}` (no `Cs`).
const CATEGORIES: &[&str] = &[
    "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc",
    "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Z", "Zs", "Zl", "Zp", "S", "Sm", "Sc", "Sk", "So", "C",
    "Cc", "Cf", "Co", "Cn",
];

/// What an escape or class item stands for.
enum Item {
    /// One character.
    Char(char),
    /// A set of characters, already in `regex` class syntax (`[...]`, `\p{..}`).
    Class(String),
}

/// How deeply groups and class subtractions may nest.
const MAX_DEPTH: usize = 200;

/// Reads one XSD pattern and writes its translation.
pub struct Translator {
    chars: Vec<char>,
    pos: usize,
    out: String,
    depth: usize,
}

impl Translator {
    /// A translator for `xsd`.
    pub fn new(xsd: &str) -> Translator {
        Translator {
            chars: xsd.chars().collect(),
            pos: 0,
            out: String::with_capacity(xsd.len() * 2),
            depth: 0,
        }
    }

    /// The translation of the whole pattern (not yet anchored).
    pub fn translate(mut self) -> Result<String, RegexError> {
        self.reg_exp()?;
        match self.peek() {
            None => Ok(self.out),
            Some(c) => Err(self.error(format!("unexpected `{c}`: there is no `(` it closes"))),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn error(&self, message: String) -> RegexError {
        RegexError::Syntax {
            message,
            position: self.pos + 1,
        }
    }

    fn found(&self) -> String {
        self.peek()
            .map_or_else(|| "the end of the pattern".to_owned(), |c| format!("`{c}`"))
    }

    fn reg_exp(&mut self) -> Result<(), RegexError> {
        self.branch()?;
        while self.peek() == Some('|') {
            self.pos += 1;
            self.out.push('|');
            self.branch()?;
        }
        Ok(())
    }

    fn branch(&mut self) -> Result<(), RegexError> {
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.atom()?;
            self.quantifier()?;
        }
        Ok(())
    }

    fn atom(&mut self) -> Result<(), RegexError> {
        let Some(c) = self.peek() else {
            return Err(self.error("expected an atom, found the end of the pattern".to_owned()));
        };
        match c {
            '(' => self.group()?,
            '[' => {
                let class = self.class_expr()?;
                self.out.push_str(&class);
            }
            '\\' => match self.escape()? {
                Item::Char(c) => self
                    .out
                    .push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
                Item::Class(class) => self.out.push_str(&class),
            },
            '.' => {
                self.pos += 1;
                self.out.push_str(r"[^\n\r]");
            }
            '?' | '*' | '+' | '{' => {
                return Err(self.error(format!("quantifier `{c}` has nothing to repeat")));
            }
            ']' | '}' => {
                return Err(self.error(format!("`{c}` must be escaped as `\\{c}`")));
            }
            c => {
                self.pos += 1;
                self.out
                    .push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
            }
        }
        Ok(())
    }

    /// A parenthesized regular expression, at its `(` (never capturing).
    fn group(&mut self) -> Result<(), RegexError> {
        self.enter()?;
        self.pos += 1;
        self.out.push_str("(?:");
        self.reg_exp()?;
        self.depth -= 1;
        if self.peek() != Some(')') {
            return Err(self.error(format!("expected `)`, found {}", self.found())));
        }
        self.pos += 1;
        self.out.push(')');
        Ok(())
    }

    fn enter(&mut self) -> Result<(), RegexError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!(
                "groups and classes nest more than {MAX_DEPTH} deep"
            )));
        }
        Ok(())
    }

    fn quantifier(&mut self) -> Result<(), RegexError> {
        match self.peek() {
            Some(c @ ('?' | '*' | '+')) => {
                self.pos += 1;
                self.out.push(c);
            }
            Some('{') => {
                self.pos += 1;
                let quantity = self.quantity()?;
                self.out.push_str(&quantity);
            }
            _ => {}
        }
        Ok(())
    }

    /// `{n}`, `{n,}` or `{n,m}` after the `{`: plain digits, no spaces, n ≤ m.
    fn quantity(&mut self) -> Result<String, RegexError> {
        let min = self.number()?;
        let max = if self.peek() == Some(',') {
            self.pos += 1;
            if self.peek() == Some('}') {
                None
            } else {
                Some(self.number()?)
            }
        } else {
            Some(min)
        };
        if self.peek() != Some('}') {
            return Err(self.error(format!(
                "expected `}}` or `,` in a quantifier, found {}",
                self.found()
            )));
        }
        self.pos += 1;
        match max {
            Some(max) if max < min => Err(self.error(format!(
                "quantifier `{{{min},{max}}}` has its minimum above its maximum"
            ))),
            Some(max) if max == min => Ok(format!("{{{min}}}")),
            Some(max) => Ok(format!("{{{min},{max}}}")),
            None => Ok(format!("{{{min},}}")),
        }
    }

    fn number(&mut self) -> Result<u32, RegexError> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if start == self.pos {
            return Err(self.error(format!(
                "expected a digit in a quantifier, found {}",
                self.found()
            )));
        }
        let digits: String = self.chars[start..self.pos].iter().collect();
        digits
            .parse()
            .map_err(|_| self.error(format!("quantifier count `{digits}` is too large")))
    }

    /// An escape after `\`: a single character or a character class.
    fn escape(&mut self) -> Result<Item, RegexError> {
        self.pos += 1;
        let Some(c) = self.peek() else {
            return Err(self.error(
                "expected a character after `\\`, found the end of the pattern".to_owned(),
            ));
        };
        self.pos += 1;
        let single = match c {
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            '\\' | '|' | '.' | '?' | '*' | '+' | '(' | ')' | '{' | '}' | '-' | '[' | ']' | '^' => {
                Some(c)
            }
            _ => None,
        };
        if let Some(single) = single {
            return Ok(Item::Char(single));
        }
        let class = match c {
            's' => r"[\t\n\r ]".to_owned(),
            'S' => r"[^\t\n\r ]".to_owned(),
            'i' => ranges_class(NAME_START, false),
            'I' => ranges_class(NAME_START, true),
            'c' => ranges_class(NAME_CHAR, false),
            'C' => ranges_class(NAME_CHAR, true),
            'd' => r"\p{Nd}".to_owned(),
            'D' => r"\P{Nd}".to_owned(),
            'w' => r"[^\p{P}\p{Z}\p{C}]".to_owned(),
            'W' => r"[\p{P}\p{Z}\p{C}]".to_owned(),
            'p' => self.property(false)?,
            'P' => self.property(true)?,
            _ => {
                self.pos -= 1;
                return Err(self.error(format!("`\\{c}` is not an XML Schema escape")));
            }
        };
        Ok(Item::Class(class))
    }

    /// `{Name}` after `\p` or `\P`: a general category or an `Is` block.
    fn property(&mut self, negated: bool) -> Result<String, RegexError> {
        if self.peek() != Some('{') {
            return Err(self.error(format!("expected `{{` after `\\p`, found {}", self.found())));
        }
        self.pos += 1;
        let start = self.pos;
        while self.peek().is_some_and(|c| c != '}') {
            self.pos += 1;
        }
        if self.peek().is_none() {
            return Err(
                self.error("expected `}` closing `\\p{`, found the end of the pattern".to_owned())
            );
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        self.pos += 1;
        if CATEGORIES.contains(&name.as_str()) {
            let p = if negated { 'P' } else { 'p' };
            return Ok(format!(r"\{p}{{{name}}}"));
        }
        if let Some(ranges) = name.strip_prefix("Is").and_then(blocks::block) {
            return Ok(ranges_class(ranges, negated));
        }
        self.pos = start;
        Err(self.error(format!(
            "unknown property `{name}`: expected a general category (`L`, `Nd`, ...) or `Is` and an XML Schema 1.0 block name"
        )))
    }

    /// A character class expression `[...]`, at its `[`.
    fn class_expr(&mut self) -> Result<String, RegexError> {
        self.pos += 1;
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut items = String::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error(
                    "expected `]` closing a character class, found the end of the pattern"
                        .to_owned(),
                ));
            };
            match c {
                ']' if first => {
                    return Err(self.error(
                        "empty character class: expected a character, found `]`".to_owned(),
                    ));
                }
                ']' => {
                    self.pos += 1;
                    return Ok(group(&items, negated));
                }
                '-' if !first && self.peek_at(1) == Some('[') => {
                    return self.subtraction(&group(&items, negated));
                }
                '-' => {
                    return Err(self.error(
                        "`-` inside a character class must be escaped as `\\-` unless it makes a range or a subtraction".to_owned(),
                    ));
                }
                _ => self.class_item(&mut items)?,
            }
            first = false;
        }
    }

    /// `-[...]]` after the group `minuend`: the subtracted class must close
    /// the whole class expression.
    fn subtraction(&mut self, minuend: &str) -> Result<String, RegexError> {
        self.pos += 1;
        self.enter()?;
        let subtracted = self.class_expr()?;
        self.depth -= 1;
        if self.peek() != Some(']') {
            return Err(self.error(format!(
                "expected `]` after a class subtraction, found {}",
                self.found()
            )));
        }
        self.pos += 1;
        Ok(format!("[{minuend}--{subtracted}]"))
    }

    /// One character, range or class escape inside `[...]`.
    fn class_item(&mut self, items: &mut String) -> Result<(), RegexError> {
        let start = match self.class_char()? {
            Item::Class(class) => {
                items.push_str(&class);
                return Ok(());
            }
            Item::Char(c) => c,
        };
        let is_range = self.peek() == Some('-') && self.peek_at(1) != Some('[');
        if !is_range {
            push_char(items, start);
            return Ok(());
        }
        self.pos += 1;
        if let Some(c @ ('-' | ']')) = self.peek() {
            return Err(self.error(format!(
                "a range must end in a character, found `{c}` (escape it as `\\{c}`)"
            )));
        }
        let end = match self.class_char()? {
            Item::Char(c) => c,
            Item::Class(_) => {
                return Err(self.error(
                    "a range must end in a single character, not a class escape".to_owned(),
                ));
            }
        };
        if end < start {
            return Err(self.error(format!("range `{start}-{end}` is backwards")));
        }
        push_char(items, start);
        items.push('-');
        push_char(items, end);
        Ok(())
    }

    /// A character or escape inside `[...]`; `[` must be escaped there.
    fn class_char(&mut self) -> Result<Item, RegexError> {
        match self.peek() {
            Some('\\') => self.escape(),
            Some('[') => {
                Err(self.error("`[` inside a character class must be escaped as `\\[`".to_owned()))
            }
            Some(c) => {
                self.pos += 1;
                Ok(Item::Char(c))
            }
            None => Err(self.error(
                "expected `]` closing a character class, found the end of the pattern".to_owned(),
            )),
        }
    }
}

/// `[items]` or `[^items]`.
fn group(items: &str, negated: bool) -> String {
    if negated {
        format!("[^{items}]")
    } else {
        format!("[{items}]")
    }
}

fn push_char(out: &mut String, c: char) {
    let _ = write!(out, r"\x{{{:X}}}", u32::from(c));
}

/// A `regex` class of sorted `ranges`, or of their complement.
fn ranges_class(ranges: &[(char, char)], negated: bool) -> String {
    let mut items = String::with_capacity(ranges.len() * 20);
    for &(lo, hi) in ranges {
        push_char(&mut items, lo);
        if hi != lo {
            items.push('-');
            push_char(&mut items, hi);
        }
    }
    group(&items, negated)
}
