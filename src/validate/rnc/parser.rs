//! The grammar of the compact syntax (Appendix A.1 of the specification):
//! declarations, patterns, name classes and grammar content, translated as
//! the appendix defines into RELAX NG XML elements, with its constraints.

use super::emit::{apply, apply_wrapped, Anno, RootDecls, XElem};
use super::errors::{span, RncError};
use super::lexer::{Tok, Token};

mod annotations;
mod names;

pub(crate) use names::{Env, Ns};

/// A parsed compact schema: the document element and its declarations.
pub(crate) struct Parsed {
    pub root: XElem,
    pub decls: RootDecls,
}

type Result<T> = std::result::Result<T, RncError>;

/// What a particle turned out to be: the operators after it depend on it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Primary,
    Repeated,
    DataExcept,
}

pub(crate) struct Parser {
    toks: Vec<Token>,
    pos: usize,
    env: Env,
    /// The token index of the `-` of the latest except, for error spans.
    except_at: usize,
    /// How deeply the constructs being parsed are nested.
    depth: usize,
}

/// The deepest nesting of patterns, name classes, grammars and annotation
/// elements accepted; real schemas stay far below it.
const MAX_DEPTH: usize = 200;

/// Parses a whole compact schema.
pub(crate) fn parse(toks: Vec<Token>) -> Result<Parsed> {
    let mut p = Parser {
        toks,
        pos: 0,
        env: Env::new(),
        except_at: 0,
        depth: 0,
    };
    p.preamble()?;
    let start = p.here();
    let elems = if p.looks_like_grammar() {
        let body = p.grammar_body(false)?;
        vec![XElem::rng("grammar", start).with_children(body)]
    } else {
        p.pattern()?
    };
    p.expect_eof()?;
    if elems.len() != 1 {
        return Err(RncError::NotSingleElement {
            count: elems.len(),
            span: span(start, p.toks[p.pos].start),
            src: String::new(),
        });
    }
    let decls = p.env.root_decls();
    let root = elems
        .into_iter()
        .next()
        .ok_or_else(|| p.unexpected("a pattern", None))?;
    Ok(Parsed { root, decls })
}

impl Parser {
    // ---- token access -------------------------------------------------

    fn peek(&self) -> &Tok {
        &self.toks[self.pos].tok
    }

    fn peek_at(&self, k: usize) -> &Tok {
        let i = (self.pos + k).min(self.toks.len() - 1);
        &self.toks[i].tok
    }

    fn here(&self) -> usize {
        self.toks[self.pos].start
    }

    fn next(&mut self) -> Token {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn at(&self, p: &str) -> bool {
        matches!(self.peek(), Tok::Punct(q) if *q == p)
    }

    fn eat(&mut self, p: &str) -> bool {
        let yes = self.at(p);
        if yes {
            self.next();
        }
        yes
    }

    fn expect(&mut self, p: &str) -> Result<()> {
        if self.eat(p) {
            return Ok(());
        }
        Err(self.unexpected(&format!("`{p}`"), None))
    }

    fn expect_eof(&self) -> Result<()> {
        if matches!(self.peek(), Tok::Eof) {
            return Ok(());
        }
        let help = matches!(self.peek(), Tok::Punct("|" | "," | "&" | "-")).then(|| {
            "an operator may not follow here; check the parentheses around the pattern".to_owned()
        });
        Err(self.unexpected("the end of the schema", help))
    }

    fn unexpected(&self, expected: &str, help: Option<String>) -> RncError {
        let t = &self.toks[self.pos];
        let help = help.or_else(|| match &t.tok {
            Tok::Keyword(k) => Some(format!(
                "to use the keyword `{k}` as an identifier, quote it: `\\{k}`"
            )),
            _ => None,
        });
        // The end of the schema is shown just after the last token.
        let (start, end) = match (&t.tok, self.pos.checked_sub(1)) {
            (Tok::Eof, Some(prev)) => (self.toks[prev].end, self.toks[prev].end),
            _ => (t.start, t.end),
        };
        RncError::UnexpectedToken {
            expected: expected.to_owned(),
            found: t.tok.describe(),
            help,
            span: span(start, end),
            src: String::new(),
        }
    }

    /// Runs `f` one level deeper in the nesting of the schema, refusing
    /// nesting deep enough to exhaust the stack.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_DEPTH {
            let t = &self.toks[self.pos];
            return Err(RncError::TooDeep {
                limit: MAX_DEPTH,
                span: span(t.start, t.end),
                src: String::new(),
            });
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// The end offset of the token that starts at `start`.
    fn token_end_at(&self, start: usize) -> usize {
        self.toks
            .iter()
            .find(|t| t.start == start)
            .map_or(start + 1, |t| t.end)
    }

    /// A literal: one or more segments joined by `~`. Returns it with its span.
    fn literal(&mut self) -> Result<(String, usize, usize)> {
        let start = self.here();
        let Tok::Literal(first) = self.peek().clone() else {
            return Err(self.unexpected("a literal in quotes", None));
        };
        self.next();
        let mut value = first;
        let mut end = self.toks[self.pos - 1].end;
        while self.eat("~") {
            let Tok::Literal(more) = self.peek().clone() else {
                return Err(self.unexpected("a literal after `~`", None));
            };
            value.push_str(&more);
            end = self.next().end;
        }
        Ok((value, start, end))
    }

    fn identifier(&mut self) -> Result<String> {
        match self.peek().clone() {
            Tok::Ident(s) | Tok::Quoted(s) => {
                self.next();
                Ok(s)
            }
            _ => Err(self.unexpected("an identifier", None)),
        }
    }

    fn identifier_or_keyword(&mut self) -> Result<String> {
        match self.peek().clone() {
            Tok::Ident(s) | Tok::Quoted(s) => {
                self.next();
                Ok(s)
            }
            Tok::Keyword(k) => {
                self.next();
                Ok(k.to_owned())
            }
            _ => Err(self.unexpected("a name", None)),
        }
    }

    // ---- top level ----------------------------------------------------

    /// Whether the body after the declarations is grammar content (rather
    /// than a single pattern), judged from the first token after any
    /// documentation and bracketed annotation.
    fn looks_like_grammar(&self) -> bool {
        let mut i = self.pos;
        while matches!(self.toks[i].tok, Tok::Doc(_)) {
            i += 1;
        }
        if self.toks[i].tok == Tok::Punct("[") {
            let mut depth = 0usize;
            while i < self.toks.len() - 1 {
                match self.toks[i].tok {
                    Tok::Punct("[") => depth += 1,
                    Tok::Punct("]") => depth = depth.saturating_sub(1),
                    _ => {}
                }
                i += 1;
                if depth == 0 {
                    break;
                }
            }
        }
        let next = &self.toks[(i + 1).min(self.toks.len() - 1)].tok;
        match &self.toks[i].tok {
            Tok::Eof | Tok::Keyword("start" | "div" | "include") => true,
            Tok::Ident(_) | Tok::Quoted(_) => {
                matches!(next, Tok::Punct("=" | "|=" | "&=" | "["))
            }
            Tok::CName(..) => *next == Tok::Punct("["),
            _ => false,
        }
    }

    fn grammar_body(&mut self, in_include: bool) -> Result<Vec<XElem>> {
        self.nested(|p| p.grammar_members(in_include))
    }

    fn grammar_members(&mut self, in_include: bool) -> Result<Vec<XElem>> {
        let mut out = Vec::new();
        loop {
            if matches!(self.peek(), Tok::Eof | Tok::Punct("}")) {
                return Ok(out);
            }
            let name_first = matches!(self.peek(), Tok::Ident(_) | Tok::Quoted(_) | Tok::CName(..));
            if name_first && self.peek_at(1) == &Tok::Punct("[") {
                out.push(self.annotation_element(true)?);
                continue;
            }
            let anno = self.annotations()?;
            let component = self.component(in_include)?;
            out.extend(apply(anno, component));
        }
    }

    fn component(&mut self, in_include: bool) -> Result<XElem> {
        let start = self.here();
        match self.peek().clone() {
            Tok::Keyword("start") => {
                self.next();
                let combine = self.assign_op()?;
                let body = self.pattern()?;
                Ok(with_combine(XElem::rng("start", start), combine).with_children(body))
            }
            Tok::Ident(name) | Tok::Quoted(name) => {
                self.next();
                let combine = self.assign_op()?;
                let body = self.pattern()?;
                let define = XElem::rng("define", start).with_attr("name", &name);
                Ok(with_combine(define, combine).with_children(body))
            }
            Tok::Keyword("div") => {
                self.next();
                self.expect("{")?;
                let body = self.grammar_body(in_include)?;
                self.expect("}")?;
                Ok(XElem::rng("div", start).with_children(body))
            }
            Tok::Keyword("include") if !in_include => self.include(start),
            _ => {
                let what = if in_include {
                    "a definition (`name = pattern`), `start =`, `div` or an annotation element"
                } else {
                    "a definition (`name = pattern`), `start =`, `div`, `include` or an annotation element"
                };
                Err(self.unexpected(what, None))
            }
        }
    }

    fn include(&mut self, start: usize) -> Result<XElem> {
        self.next();
        let href = self.schema_ref()?;
        let mut inc = XElem::rng("include", start).with_attr("href", &href);
        if let Some(ns) = self.opt_inherit()? {
            inc = inc.with_attr("ns", &ns);
        }
        if self.eat("{") {
            let body = self.grammar_body(true)?;
            self.expect("}")?;
            inc = inc.with_children(body);
        }
        Ok(inc)
    }

    fn assign_op(&mut self) -> Result<Option<&'static str>> {
        let combine = match self.peek() {
            Tok::Punct("=") => None,
            Tok::Punct("|=") => Some("choice"),
            Tok::Punct("&=") => Some("interleave"),
            _ => return Err(self.unexpected("`=`, `|=` or `&=`", None)),
        };
        self.next();
        Ok(combine)
    }

    /// The URI of `include` or `external`, kept exactly as written.
    fn schema_ref(&mut self) -> Result<String> {
        let (uri, start, end) = self.literal()?;
        let reason = if uri.contains('#') {
            Some("it has a fragment identifier")
        } else if uri.chars().any(|c| c.is_whitespace() || c.is_control()) {
            Some("it contains white space or control characters")
        } else {
            None
        };
        match reason {
            Some(reason) => Err(RncError::BadUri {
                uri,
                reason: reason.to_owned(),
                span: span(start, end),
                src: String::new(),
            }),
            None => Ok(uri),
        }
    }

    /// `inherit = prefix`, or by default the default namespace: the `ns`
    /// attribute to pass to the referenced schema (`None`: nothing to pass).
    fn opt_inherit(&mut self) -> Result<Option<String>> {
        if *self.peek() != Tok::Keyword("inherit") {
            return Ok(self.env.default_ns().cloned());
        }
        self.next();
        self.expect("=")?;
        let start = self.here();
        let prefix = self.identifier_or_keyword()?;
        match self
            .env
            .lookup_ns(&prefix, span(start, self.toks[self.pos - 1].end))?
        {
            Ns::Uri(u) => Ok(Some(u)),
            Ns::Inherit => Ok(None),
        }
    }

    // ---- patterns -----------------------------------------------------

    fn pattern(&mut self) -> Result<Vec<XElem>> {
        self.inner_pattern(Anno::default())
    }

    fn inner_pattern(&mut self, anno: Anno) -> Result<Vec<XElem>> {
        self.nested(|p| p.pattern_operators(anno))
    }

    fn pattern_operators(&mut self, anno: Anno) -> Result<Vec<XElem>> {
        let start = self.here();
        let (first, kind) = self.particle()?;
        let op = match self.peek() {
            Tok::Punct(p @ ("|" | "," | "&")) => *p,
            _ => {
                return Ok(match kind {
                    Kind::Repeated => apply_first(anno, first),
                    _ => apply_wrapped(anno, "group", first),
                })
            }
        };
        if kind == Kind::DataExcept {
            return Err(self.mixed("-", op));
        }
        let mut items = first;
        while let Tok::Punct(p @ ("|" | "," | "&")) = self.peek() {
            let p = *p;
            if p != op {
                return Err(self.mixed(op, p));
            }
            self.next();
            let (more, kind) = self.particle()?;
            if kind == Kind::DataExcept {
                self.pos = self.except_at;
                return Err(self.mixed(op, "-"));
            }
            items.extend(more);
        }
        let local = match op {
            "|" => "choice",
            "," => "group",
            _ => "interleave",
        };
        Ok(apply(anno, XElem::rng(local, start).with_children(items)))
    }

    fn mixed(&self, first: &str, second: &str) -> RncError {
        let t = &self.toks[self.pos];
        RncError::MixedOperators {
            first: first.to_owned(),
            second: second.to_owned(),
            span: span(t.start, t.end),
            src: String::new(),
        }
    }

    fn particle(&mut self) -> Result<(Vec<XElem>, Kind)> {
        let start = self.here();
        let (mut lead, is_except) = self.lead_annotated_primary(true)?;
        lead.extend(self.follow_annotations()?);
        let rep = match self.peek() {
            Tok::Punct("*") => "zeroOrMore",
            Tok::Punct("+") => "oneOrMore",
            Tok::Punct("?") => "optional",
            _ => {
                return Ok((
                    lead,
                    if is_except {
                        Kind::DataExcept
                    } else {
                        Kind::Primary
                    },
                ))
            }
        };
        if is_except {
            let op = if let Tok::Punct(p) = self.peek() {
                *p
            } else {
                "?"
            };
            return Err(self.mixed("-", op));
        }
        self.next();
        let mut out = vec![XElem::rng(rep, start).with_children(lead)];
        out.extend(self.follow_annotations()?);
        Ok((out, Kind::Repeated))
    }

    /// Annotations, then a primary or a parenthesised pattern. The flag says
    /// whether it was a data except (`datatype - pattern`).
    fn lead_annotated_primary(&mut self, allow_except: bool) -> Result<(Vec<XElem>, bool)> {
        let anno = self.annotations()?;
        if self.eat("(") {
            let inner = self.inner_pattern(anno)?;
            self.expect(")")?;
            return Ok((inner, false));
        }
        let (prim, is_except) = self.primary(allow_except)?;
        Ok((apply(anno, prim), is_except))
    }

    fn primary(&mut self, allow_except: bool) -> Result<(XElem, bool)> {
        let start = self.here();
        match self.peek().clone() {
            Tok::Keyword(k @ ("string" | "token")) => {
                self.next();
                self.datatype(String::new(), k.to_owned(), start, allow_except)
            }
            Tok::CName(prefix, local) => {
                let t = self.next();
                let lib = self.env.lookup_datatypes(&prefix, span(t.start, t.end))?;
                self.datatype(lib, local, start, allow_except)
            }
            Tok::Literal(_) => {
                let (value, ..) = self.literal()?;
                Ok((XElem::rng("value", start).with_text(value), false))
            }
            Tok::Ident(name) | Tok::Quoted(name) => {
                self.next();
                Ok((XElem::rng("ref", start).with_attr("name", &name), false))
            }
            Tok::Keyword(k) => Ok((self.keyword_primary(k, start)?, false)),
            _ => Err(self.unexpected("a pattern", None)),
        }
    }

    /// A primary pattern that starts with a keyword (other than a datatype).
    fn keyword_primary(&mut self, k: &'static str, start: usize) -> Result<XElem> {
        if !matches!(
            k,
            "element"
                | "attribute"
                | "mixed"
                | "list"
                | "empty"
                | "text"
                | "notAllowed"
                | "grammar"
                | "external"
                | "parent"
        ) {
            return Err(self.unexpected("a pattern", None));
        }
        self.next();
        let e = XElem::rng(k, start);
        Ok(match k {
            "element" | "attribute" => {
                let nc = self.name_class(k == "element")?;
                e.with_children(nc).with_children(self.braced_pattern()?)
            }
            "mixed" | "list" => e.with_children(self.braced_pattern()?),
            "grammar" => {
                self.expect("{")?;
                let body = self.grammar_body(false)?;
                self.expect("}")?;
                e.with_children(body)
            }
            "external" => {
                let href = self.schema_ref()?;
                let e = XElem::rng("externalRef", start).with_attr("href", &href);
                match self.opt_inherit()? {
                    Some(ns) => e.with_attr("ns", &ns),
                    None => e,
                }
            }
            "parent" => XElem::rng("parentRef", start).with_attr("name", &self.identifier()?),
            _ => e,
        })
    }

    fn braced_pattern(&mut self) -> Result<Vec<XElem>> {
        self.expect("{")?;
        let body = self.pattern()?;
        self.expect("}")?;
        Ok(body)
    }

    /// After a datatype name: a value, or `data` with parameters and an except.
    fn datatype(
        &mut self,
        lib: String,
        ty: String,
        start: usize,
        allow_except: bool,
    ) -> Result<(XElem, bool)> {
        if matches!(self.peek(), Tok::Literal(_)) {
            let (value, vstart, vend) = self.literal()?;
            self.env
                .check_value(&lib, &ty, &value, span(vstart, vend))?;
            let e = XElem::rng("value", start)
                .with_attr("datatypeLibrary", &lib)
                .with_attr("type", &ty)
                .with_text(value);
            return Ok((e, false));
        }
        let mut data = XElem::rng("data", start)
            .with_attr("datatypeLibrary", &lib)
            .with_attr("type", &ty);
        if self.eat("{") {
            while !self.eat("}") {
                let param = self.param()?;
                data = data.with_children(param);
            }
        }
        if allow_except && self.at("-") {
            self.except_at = self.pos;
            let ex_start = self.next().start;
            let (ex, _) = self.lead_annotated_primary(false)?;
            data = data.with_children(vec![XElem::rng("except", ex_start).with_children(ex)]);
            return Ok((data, true));
        }
        Ok((data, false))
    }

    fn param(&mut self) -> Result<Vec<XElem>> {
        let anno = self.annotations()?;
        let start = self.here();
        let name = self.identifier_or_keyword()?;
        self.expect("=")?;
        let (value, ..) = self.literal()?;
        let p = XElem::rng("param", start)
            .with_attr("name", &name)
            .with_text(value);
        Ok(apply(anno, p))
    }

    // ---- name classes -------------------------------------------------

    fn name_class(&mut self, is_elem: bool) -> Result<Vec<XElem>> {
        self.inner_name_class(is_elem, Anno::default())
    }

    fn inner_name_class(&mut self, is_elem: bool, anno: Anno) -> Result<Vec<XElem>> {
        self.nested(|p| p.name_class_choice(is_elem, anno))
    }

    fn name_class_choice(&mut self, is_elem: bool, anno: Anno) -> Result<Vec<XElem>> {
        let start = self.here();
        let (first, is_except) = self.annotated_name_class(is_elem)?;
        if !self.at("|") {
            return Ok(apply_wrapped(anno, "choice", first));
        }
        if is_except {
            return Err(self.mixed("-", "|"));
        }
        let mut items = first;
        while self.eat("|") {
            let (more, is_except) = self.annotated_name_class(is_elem)?;
            if is_except {
                self.pos = self.except_at;
                return Err(self.mixed("|", "-"));
            }
            items.extend(more);
        }
        Ok(apply(
            anno,
            XElem::rng("choice", start).with_children(items),
        ))
    }

    /// A simple name class (or one with an except), with its annotations.
    fn annotated_name_class(&mut self, is_elem: bool) -> Result<(Vec<XElem>, bool)> {
        let anno = self.annotations()?;
        if self.eat("(") {
            let mut inner = self.inner_name_class(is_elem, anno)?;
            self.expect(")")?;
            inner.extend(self.follow_annotations()?);
            return Ok((inner, false));
        }
        let (mut nc, can_except) = self.simple_name_class(is_elem)?;
        let mut is_except = false;
        if can_except && self.at("-") {
            self.except_at = self.pos;
            let ex_start = self.next().start;
            let ex = self.lead_simple_name_class(is_elem)?;
            self.check_except(&nc, &ex)?;
            nc = nc.with_children(vec![XElem::rng("except", ex_start).with_children(ex)]);
            is_except = true;
        }
        let mut out = apply(anno, nc);
        out.extend(self.follow_annotations()?);
        Ok((out, is_except))
    }

    fn lead_simple_name_class(&mut self, is_elem: bool) -> Result<Vec<XElem>> {
        let anno = self.annotations()?;
        if self.eat("(") {
            let inner = self.inner_name_class(is_elem, anno)?;
            self.expect(")")?;
            return Ok(inner);
        }
        let (nc, _) = self.simple_name_class(is_elem)?;
        Ok(apply(anno, nc))
    }

    /// A name, `prefix:*` or `*`; the flag says whether an except may follow.
    fn simple_name_class(&mut self, is_elem: bool) -> Result<(XElem, bool)> {
        let t = self.toks[self.pos].clone();
        let here = span(t.start, t.end);
        let name = |ns: Ns, local: &str| {
            let e = XElem::rng("name", t.start);
            let e = match ns {
                Ns::Uri(u) => e.with_attr("ns", &u),
                Ns::Inherit => e,
            };
            e.with_text(local.to_owned())
        };
        let out = match &t.tok {
            Tok::Ident(s) | Tok::Quoted(s) => {
                let ns = if is_elem {
                    self.env.default.clone()
                } else {
                    Ns::Uri(String::new())
                };
                (name(ns, s), false)
            }
            Tok::Keyword(k) => {
                let ns = if is_elem {
                    self.env.default.clone()
                } else {
                    Ns::Uri(String::new())
                };
                (name(ns, k), false)
            }
            Tok::CName(p, l) => (name(self.env.lookup_ns(p, here)?, l), false),
            Tok::NsName(p) => {
                let e = XElem::rng("nsName", t.start);
                let e = match self.env.lookup_ns(p, here)? {
                    Ns::Uri(u) => e.with_attr("ns", &u),
                    Ns::Inherit => e,
                };
                (e, true)
            }
            Tok::Punct("*") => (XElem::rng("anyName", t.start), true),
            _ => return Err(self.unexpected("a name class (a name, `prefix:*` or `*`)", None)),
        };
        self.next();
        Ok(out)
    }

    /// RELAX NG section 7.1's restrictions on name-class excepts.
    fn check_except(&self, nc: &XElem, except: &[XElem]) -> Result<()> {
        let banned: &[&str] = if nc.is("anyName") {
            &["anyName"]
        } else {
            &["anyName", "nsName"]
        };
        let mut stack: Vec<&XElem> = except.iter().collect();
        while let Some(e) = stack.pop() {
            if let Some(b) = banned.iter().find(|b| e.is(b)) {
                let outer = if nc.is("anyName") {
                    "`*`"
                } else {
                    "`prefix:*`"
                };
                let inner = if *b == "anyName" { "`*`" } else { "`prefix:*`" };
                return Err(RncError::BadExcept {
                    message: format!("an except of {outer} contains {inner}, expected only names that {outer} matches"),
                    span: span(e.src, self.token_end_at(e.src)),
                    src: String::new(),
                });
            }
            stack.extend(e.elems());
        }
        Ok(())
    }
}

fn with_combine(e: XElem, combine: Option<&str>) -> XElem {
    match combine {
        Some(c) => e.with_attr("combine", c),
        None => e,
    }
}

/// Applies annotations to the first element of a sequence (a repeated
/// primary followed by its following annotations).
fn apply_first(anno: Anno, mut items: Vec<XElem>) -> Vec<XElem> {
    if anno.is_empty() || items.is_empty() {
        return items;
    }
    let first = items.remove(0);
    let mut out = apply(anno, first);
    out.extend(items);
    out
}
