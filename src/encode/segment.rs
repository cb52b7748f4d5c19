//! The structure of a plain-text letter: title line, opener, paragraphs,
//! closer and postscripts.
//!
//! Segmentation works on byte spans of the original text, so nothing is ever
//! rewritten. It runs in two steps. First the text is cut into *blocks*
//! ([`blocks`]): runs of lines separated by blank lines, or by a line indented
//! deeper than the block around it. Then each block is given a role by a small
//! set of named rules, each a function below with its own tests:
//!
//! | rule | decides |
//! |---|---|
//! | [`is_title_line`] | the first block is a title (`head`): "Letter to …" |
//! | [`is_salutation`] | a short greeting block is a `salute` ("Dear Sir,") |
//! | [`is_dateline`] | a short block holding a date (and perhaps a place) is a `dateline` |
//! | [`is_place_line`] | a lone place name right before a dateline joins it |
//! | [`is_address`] | a block of short lines before the salutation is an `address` |
//! | [`is_closing_salutation`] | "Yours truly," and its kin close the letter (`closer/salute`) |
//! | [`split_signature`] | a name at the end, perhaps with titles and organisations, is `signed` |
//! | [`is_postscript_start`] | "P.S." and its kin start a `postscript` |
//! | [`continues_across_break`] | a block that stops mid-sentence and the next one are one paragraph split by a page break (`pb`) |
//! | [`keeps_line_breaks`] | the line breaks of a block carry meaning (verse, lists), so they become `lb` |

use super::recognize::date::{find_dates, FoundDate};

/// A byte range of the letter's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// The text of this span.
    #[must_use]
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// A block: consecutive non-blank lines, trimmed of surrounding white space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Each line, without its indentation and trailing white space.
    pub lines: Vec<Span>,
}

impl Block {
    /// From the start of the first line to the end of the last.
    #[must_use]
    pub fn span(&self) -> Span {
        Span {
            start: self.lines[0].start,
            end: self.lines[self.lines.len() - 1].end,
        }
    }
}

/// A paragraph-level unit of the body or a postscript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Para {
    /// A paragraph (`p`). More than one piece means it was split by page
    /// breaks, each marked with `pb` between the pieces.
    Prose(Vec<Block>),
    /// A block whose line breaks carry meaning: a `p` with `lb` between lines.
    Lines(Block),
}

/// A dateline: the whole line, and the date and place within it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The blocks of the dateline (a place line may precede the date line).
    pub blocks: Vec<Block>,
    /// The date, if one was recognised.
    pub date: Option<FoundDate>,
    /// The place, if one was recognised.
    pub place: Option<Span>,
}

/// A signature: the block, and the signer's name and organisation within it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The whole signature.
    pub span: Span,
    /// The signer's name.
    pub name: Option<Span>,
    /// An organisation named after the name ("…, Secretary, Some Society").
    pub org: Option<Span>,
}

/// A part of the opener or the closer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// `dateline`.
    Dateline(Dateline),
    /// `salute`.
    Salute(Span),
    /// `signed`.
    Signed(Signed),
    /// `address` with one `addrLine` per line.
    Address(Block),
    /// Other short text of the opener or closer (a shelfmark, "Private").
    Other(Block),
}

/// The structure of a letter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letter {
    /// The title line (`head`).
    pub head: Option<Block>,
    /// The opener's parts, in order.
    pub opener: Vec<Part>,
    /// The body's paragraphs.
    pub body: Vec<Para>,
    /// The closer's parts, in order.
    pub closer: Vec<Part>,
    /// The postscripts, each a list of paragraphs.
    pub postscripts: Vec<Vec<Para>>,
}

impl Letter {
    /// The first dateline of the opener or the closer.
    #[must_use]
    pub fn dateline(&self) -> Option<&Dateline> {
        self.opener
            .iter()
            .chain(&self.closer)
            .find_map(|p| match p {
                Part::Dateline(d) => Some(d),
                _ => None,
            })
    }

    /// The signature, if the closer has one.
    #[must_use]
    pub fn signed(&self) -> Option<&Signed> {
        self.closer.iter().find_map(|p| match p {
            Part::Signed(s) => Some(s),
            _ => None,
        })
    }

    /// The opening salutation, if there is one.
    #[must_use]
    pub fn salute(&self) -> Option<Span> {
        self.opener.iter().find_map(|p| match p {
            Part::Salute(s) => Some(*s),
            _ => None,
        })
    }
}

/// Cuts `text` into blocks: blank lines separate blocks, and so does a line
/// indented deeper than the line before it (a paragraph marked by
/// indentation alone).
#[must_use]
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut current: Vec<(usize, Span)> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let indent = indent_width(&line[..line.len() - trimmed.len()]);
        let content = trimmed.trim_end();
        let start = offset + (line.len() - trimmed.len());
        offset += raw.len();
        if content.is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        if let Some(&(prev_indent, _)) = current.last() {
            if indent > prev_indent {
                flush(&mut current, &mut out);
            }
        }
        current.push((
            indent,
            Span {
                start,
                end: start + content.len(),
            },
        ));
    }
    flush(&mut current, &mut out);
    out
}

fn indent_width(ws: &str) -> usize {
    ws.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

fn flush(current: &mut Vec<(usize, Span)>, out: &mut Vec<Block>) {
    if !current.is_empty() {
        out.push(Block {
            lines: current.drain(..).map(|(_, s)| s).collect(),
        });
    }
}

/// Segments a letter.
#[must_use]
pub fn segment(text: &str) -> Letter {
    let all = blocks(text);
    let mut letter = Letter::default();
    let mut rest: &[Block] = &all;
    if let Some((first, tail)) = rest.split_first() {
        if !tail.is_empty() && is_title_line(first.span().of(text)) {
            letter.head = Some(first.clone());
            rest = tail;
        }
    }
    let opener_len = take_opener(text, rest, &mut letter.opener);
    rest = &rest[opener_len..];
    let (main, postscripts) = split_postscripts(text, rest);
    let closer_start = find_closer(text, main);
    letter.closer = closer_parts(text, &main[closer_start..]);
    letter.body = paragraphs(text, &main[..closer_start], &all);
    letter.postscripts = postscripts
        .iter()
        .map(|ps| paragraphs(text, ps, &all))
        .collect();
    letter
}

/// Rule: the first block is a title line when it is a single line that
/// describes the document ("Letter to …", "Letter from …", "Copy of a letter …").
#[must_use]
pub fn is_title_line(block: &str) -> bool {
    if block.contains('\n') || block.len() > 200 {
        return false;
    }
    let lower = block.to_lowercase();
    [
        "letter to ",
        "letter from ",
        "copy of a letter",
        "copy of letter",
        "an open letter",
        "open letter to ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

const SALUTE_STARTS: &[&str] = &[
    "dear",
    "my dear",
    "my dearest",
    "dearest",
    "sir",
    "sirs",
    "madam",
    "madame",
    "gentlemen",
    "ladies",
    "comrade",
    "comrades",
    "friend",
    "friends",
    "my friend",
    "honoured",
    "honored",
    "respected",
    "esteemed",
    "hon.",
    "most honoured",
    "to whom it may concern",
    "hello",
    "hi",
    "greetings",
    "brother",
    "sister",
    "my lord",
    "your excellency",
    "mon cher",
    "ma chère",
    "lieber",
    "liebe",
    "lieben",
    "sehr geehrter",
    "sehr geehrte",
    "verehrter",
    "verehrte",
    "hochgeehrter",
    "hochverehrter",
    "theurer",
    "teurer",
    "werther",
];

/// Rule: a salutation is a short block (at most 80 characters and 10 words,
/// not ending a sentence with `.`) that begins with a greeting word ("Dear",
/// "My dear", "Sir", "Madam", "Gentlemen", "Comrades", "Lieber", …).
#[must_use]
pub fn is_salutation(block: &str) -> bool {
    let words = block.split_whitespace().count();
    if block.len() > 80
        || words > 10
        || block.trim_end().ends_with('.') && !block.trim_end().ends_with(" .") && words > 3
    {
        return false;
    }
    let lower = block.to_lowercase();
    SALUTE_STARTS.iter().any(|s| {
        lower.starts_with(s)
            && lower[s.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphabetic())
    })
}

/// Rule: a dateline is a short block (at most 100 characters, one or two
/// lines) that holds a recognised date, where the words around the date are
/// few (a place, a weekday) and no sentence is being told.
#[must_use]
pub fn is_dateline(block: &str) -> Option<FoundDate> {
    if block.len() > 100 || block.lines().count() > 2 {
        return None;
    }
    let date = find_dates(block).into_iter().next()?;
    let outside = format!("{} {}", &block[..date.start], &block[date.end..]);
    let words = outside
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    (words <= 6 && !outside.trim_end().ends_with(['?', '!'])).then_some(date)
}

/// Rule: a place line is a lone short line of one to four words, each
/// capitalised (or a joining word such as "on", "upon", "de"), with no
/// sentence punctuation: "Edgeworthtown", "Zambesi River", "Stratford upon Avon".
#[must_use]
pub fn is_place_line(block: &str) -> bool {
    let block = block.trim_end_matches([',', ' ']);
    let words: Vec<&str> = block.split_whitespace().collect();
    !block.contains('\n')
        && (1..=4).contains(&words.len())
        && !block.ends_with(['.', '!', '?', ':', ';'])
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    *w,
                    "on" | "upon"
                        | "under"
                        | "de"
                        | "la"
                        | "le"
                        | "am"
                        | "an"
                        | "der"
                        | "bei"
                        | "of"
                        | "near"
                )
        })
}

/// Rule: an address is a block of two to eight short lines (each at most 60
/// characters, none ending a sentence with `.`, `?` or `!` save the last),
/// standing before the salutation or after the signature.
#[must_use]
pub fn is_address(text: &str, block: &Block) -> bool {
    let n = block.lines.len();
    (2..=8).contains(&n)
        && block.lines.iter().all(|l| l.end - l.start <= 60)
        && block.lines[..n - 1]
            .iter()
            .all(|l| !l.of(text).ends_with(['?', '!']) && !ends_sentence(l.of(text)))
}

/// Whether a line ends a sentence with a full stop (and not an abbreviation
/// or an initial such as "Mr." or "J.").
fn ends_sentence(line: &str) -> bool {
    let Some(before) = line.strip_suffix('.') else {
        return false;
    };
    let last = before
        .rsplit(|c: char| c.is_whitespace() || c == '.')
        .next()
        .unwrap_or("");
    last.chars().count() > 3 || last.chars().all(|c| c.is_lowercase())
}

const CLOSING_STARTS: &[&str] = &[
    "yours",
    "your",
    "yrs",
    "yr",
    "ever yours",
    "ever your",
    "ever",
    "believe me",
    "i am",
    "i remain",
    "i have the honour",
    "i have the honor",
    "with love",
    "with best",
    "with kind",
    "with warm",
    "with every",
    "with respect",
    "with sincere",
    "with great",
    "with fraternal",
    "with comradely",
    "in solidarity",
    "best wishes",
    "kind regards",
    "regards",
    "sincerely",
    "faithfully",
    "truly",
    "most truly",
    "very truly",
    "affectionately",
    "your affectionate",
    "love",
    "respectfully",
    "cordially",
    "fraternally",
    "adieu",
    "farewell",
    "god bless",
    "ihr",
    "dein",
    "deine",
    "euer",
    "mit",
    "hochachtungsvoll",
    "ergebenst",
];

/// Rule: a closing salutation is a short block (at most 160 characters) that
/// begins with a closing formula ("Yours truly", "Believe me", "I am, Sir",
/// "I have the honour to be", "Your affectionate", "In solidarity", …).
#[must_use]
pub fn is_closing_salutation(block: &str) -> bool {
    if block.len() > 160 {
        return false;
    }
    let lower = block.to_lowercase();
    CLOSING_STARTS.iter().any(|s| {
        lower.starts_with(s)
            && lower[s.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphabetic())
    })
}

const TITLE_WORDS: &[&str] = &[
    "Mr", "Mrs", "Miss", "Ms", "Dr", "Sir", "Lady", "Lord", "Rev", "Revd", "Prof", "Comrade",
    "Capt", "Col", "Gen", "Hon", "Esq", "Jr", "Sr", "Jun", "Sen", "von", "van", "de", "du", "la",
    "le", "der", "St",
];

/// Whether `s` looks like a personal name: one to six words, each a
/// capitalised word, an initial ("J.", "R.H.") or a title or particle.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=6).contains(&words.len())
        && words.iter().any(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                || w.chars().all(|c| c.is_uppercase())
        })
        && words.iter().all(|w| {
            let core = w.trim_end_matches(['.', ',', '-', '—']);
            let first = core.chars().next();
            TITLE_WORDS.contains(&core)
                || (first.is_some_and(char::is_uppercase)
                    && core
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-')))
        })
}

const ORG_WORDS: &[&str] = &[
    "Party",
    "Society",
    "Company",
    "Church",
    "College",
    "University",
    "Committee",
    "Government",
    "Board",
    "Bank",
    "Railway",
    "Association",
    "Union",
    "Council",
    "League",
    "Club",
    "Institute",
    "Institution",
    "Academy",
    "Museum",
    "Library",
    "Ministry",
    "Department",
    "Office",
    "Office",
    "Federation",
    "Foundation",
    "Trust",
    "Corporation",
    "Co.",
    "Ltd",
    "Inc",
    "Brotherhood",
    "Mission",
    "Army",
    "Navy",
    "Parliament",
    "Congress",
    "Senate",
    "School",
    "Hospital",
];

/// Rule: a signature is a short block ending the letter whose text, up to
/// its first comma, looks like a personal name ("David Livingstone", "J G
/// Lockhart", "RLE"); what follows the name are titles and organisations
/// ("Michael Thorburn, First Secretary, Workers Party U.S.A."). The segment
/// that holds an organisation word (Party, Society, Committee, …) is taken as
/// the organisation. Returns the name's and the organisation's spans,
/// relative to the block.
#[must_use]
pub fn split_signature(block: &str) -> Option<(Span, Option<Span>)> {
    if block.len() > 160 || block.lines().count() > 4 {
        return None;
    }
    let segments: Vec<(usize, &str)> = split_keep_offsets(block, ',');
    let (offset, first) = segments[0];
    let name = first
        .trim()
        .trim_end_matches([' ', '-', '—', '–'])
        .trim_end();
    if !looks_like_name(name) {
        return None;
    }
    let lead = first.len() - first.trim_start().len();
    let name_span = Span {
        start: offset + lead,
        end: offset + lead + name.len(),
    };
    let org = segments[1..].iter().find_map(|&(off, seg)| {
        let trimmed = seg.trim().trim_end_matches('.');
        let has_org = seg
            .split_whitespace()
            .any(|w| ORG_WORDS.contains(&w.trim_end_matches([',', '.'])));
        let lead = seg.len() - seg.trim_start().len();
        let core = seg.trim();
        let len = if trimmed.len() < core.len()
            && !core.ends_with("..")
            && core.ends_with('.')
            && !core[..core.len() - 1].ends_with(|c: char| c.is_uppercase())
        {
            trimmed.len()
        } else {
            core.len()
        };
        has_org.then_some(Span {
            start: off + lead,
            end: off + lead + len,
        })
    });
    Some((name_span, org))
}

fn split_keep_offsets(s: &str, sep: char) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == sep {
            out.push((start, &s[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &s[start..]));
    out
}

/// Rule: a postscript starts with "P.S.", "PS", "P. S.", "P.P.S.", "PPS",
/// "Postscript" or "N.B." followed by punctuation or white space.
#[must_use]
pub fn is_postscript_start(block: &str) -> bool {
    let head: String = block
        .chars()
        .take(12)
        .filter(|c| !c.is_whitespace())
        .collect();
    let lower = head.to_lowercase();
    [
        "p.p.s",
        "pps",
        "p.s",
        "ps.",
        "ps:",
        "ps-",
        "ps—",
        "ps,",
        "postscript",
        "n.b.",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        || (lower == "ps" || (lower.starts_with("ps") && block.starts_with("PS ")))
}

const OPEN_ENDINGS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "but", "our",
    "their", "his", "her", "its", "my", "your", "that", "which", "who", "from", "into", "as", "is",
    "are", "was", "were", "be", "this", "these", "those", "not", "than", "upon", "under", "over",
];

/// Rule: a paragraph runs on across a page break when its block ends without
/// closing punctuation and either the next block begins in lower case or the
/// block ends on a word that cannot end a sentence ("the", "of", "and", …).
#[must_use]
pub fn continues_across_break(this: &str, next: &str) -> bool {
    let end = this.trim_end();
    if end.ends_with([
        '.', '!', '?', ':', ';', '"', '”', '’', ')', ']', '»', '—', '-', ',',
    ]) {
        return false;
    }
    if next.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    let last = end
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    OPEN_ENDINGS.contains(&last.as_str())
}

/// Rule: a block's line breaks carry meaning, and are kept as `lb`, when it
/// has several lines and every line but the last is much shorter (under
/// six tenths) than the letter's longest line. Hard-wrapped prose fills its
/// lines nearly to the wrapping width, so its breaks are dropped; verse, lists
/// and lines broken on purpose in an otherwise unwrapped letter stay short.
#[must_use]
pub fn keeps_line_breaks(text: &str, block: &Block, wrap_width: usize) -> bool {
    let n = block.lines.len();
    n >= 2
        && block.lines[..n - 1]
            .iter()
            .all(|l| l.of(text).chars().count() * 10 < wrap_width * 6)
}

/// The letter's wrapping width: the length of its longest line, in characters.
fn wrap_width(all: &[Block], text: &str) -> usize {
    all.iter()
        .flat_map(|b| b.lines.iter())
        .map(|l| l.of(text).chars().count())
        .max()
        .unwrap_or(0)
}

fn paragraphs(text: &str, blocks: &[Block], all: &[Block]) -> Vec<Para> {
    let width = wrap_width(all, text);
    let mut out: Vec<Para> = Vec::new();
    for block in blocks {
        if let Some(Para::Prose(pieces)) = out.last_mut() {
            let prev = pieces.last().map(|b| b.span().of(text)).unwrap_or("");
            if continues_across_break(prev, block.span().of(text)) {
                pieces.push(block.clone());
                continue;
            }
        }
        if keeps_line_breaks(text, block, width) {
            out.push(Para::Lines(block.clone()));
        } else {
            out.push(Para::Prose(vec![block.clone()]));
        }
    }
    out
}

/// Takes the opener's blocks from the start of `blocks` into `parts`,
/// returning how many were taken. The opener is the run of datelines,
/// salutations, addresses and short notes before the first paragraph; short
/// notes count only when a dateline or salutation follows them.
fn take_opener(text: &str, blocks: &[Block], parts: &mut Vec<Part>) -> usize {
    let limit = blocks.len().saturating_sub(1).min(6);
    let mut taken = 0;
    let mut pending: Vec<Part> = Vec::new();
    let mut i = 0;
    while i < limit {
        let block = &blocks[i];
        let s = block.span().of(text);
        if is_salutation(s) {
            parts.append(&mut pending);
            parts.push(Part::Salute(block.span()));
            return i + 1;
        }
        if let Some(d) = dateline_at(text, blocks, i) {
            i += d.blocks.len();
            parts.append(&mut pending);
            parts.push(Part::Dateline(d));
            taken = i;
            continue;
        }
        if is_address(text, block) {
            pending.push(Part::Address(block.clone()));
        } else if s.len() <= 60 && !ends_sentence(s) && block.lines.len() == 1 {
            pending.push(Part::Other(block.clone()));
        } else {
            break;
        }
        i += 1;
    }
    taken
}

/// A dateline starting at block `i`: a date block, or a place line followed by one.
fn dateline_at(text: &str, blocks: &[Block], i: usize) -> Option<Dateline> {
    let s = blocks[i].span().of(text);
    if let Some(date) = is_dateline(s) {
        let base = blocks[i].span().start;
        let before = s[..date.start].trim_end_matches([',', ' ', '\n']);
        let place = (!before.is_empty() && is_place_line(before)).then(|| Span {
            start: base,
            end: base + before.len(),
        });
        let date = FoundDate {
            start: base + date.start,
            end: base + date.end,
            when: date.when,
        };
        return Some(Dateline {
            blocks: vec![blocks[i].clone()],
            date: Some(date),
            place,
        });
    }
    let next = blocks.get(i + 1)?;
    let n = next.span().of(text);
    let date = is_dateline(n)?;
    if !is_place_line(s) || date.start != 0 {
        return None;
    }
    let base = next.span().start;
    Some(Dateline {
        blocks: vec![blocks[i].clone(), next.clone()],
        date: Some(FoundDate {
            start: base + date.start,
            end: base + date.end,
            when: date.when,
        }),
        place: Some(blocks[i].span()),
    })
}

/// Splits off the postscripts: each block that starts one opens a new one,
/// and so does prose after the signature ([`is_unmarked_postscript`]).
fn split_postscripts<'b>(text: &str, blocks: &'b [Block]) -> (&'b [Block], Vec<&'b [Block]>) {
    let mut starts: Vec<usize> = (1..blocks.len())
        .filter(|&i| is_postscript_start(blocks[i].span().of(text)))
        .collect();
    let main_end = starts.first().copied().unwrap_or(blocks.len());
    if let Some(k) = is_unmarked_postscript(text, &blocks[..main_end]) {
        starts.insert(0, k);
    }
    let Some(&first) = starts.first() else {
        return (blocks, Vec::new());
    };
    let mut ps = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(blocks.len());
        ps.push(&blocks[s..e]);
    }
    (&blocks[..first], ps)
}

/// Rule: prose that follows the signature is a postscript even without
/// "P.S.": when a block closes the letter with a formula and a name ("Ever
/// faithfully yours, J G Lockhart"), and a block of prose (over 100
/// characters) comes after it, the postscript starts there. Returns the
/// index of that block.
fn is_unmarked_postscript(text: &str, blocks: &[Block]) -> Option<usize> {
    let signed = (1..blocks.len())
        .rev()
        .find(|&i| closing_with_signature(blocks[i].span().of(text)).is_some())?;
    (signed + 1..blocks.len()).find(|&i| {
        let s = blocks[i].span().of(text);
        s.len() > 100 && is_dateline(s).is_none()
    })
}

/// Where the closer begins: walking back from the end over signatures,
/// datelines, addresses and closing salutations, stopping at prose.
fn find_closer(text: &str, blocks: &[Block]) -> usize {
    let mut start = blocks.len();
    while start > 1 {
        let b = &blocks[start - 1];
        let s = b.span().of(text);
        let closerish = is_closing_salutation(s)
            || closing_with_signature(s).is_some()
            || is_dateline(s).is_some()
            || (start == blocks.len() || start + 2 >= blocks.len()) && split_signature(s).is_some()
            || is_place_line(s)
                && blocks
                    .get(start)
                    .is_some_and(|n| is_dateline(n.span().of(text)).is_some())
            || (start + 3 >= blocks.len()
                && s.len() <= 40
                && b.lines.len() == 1
                && !ends_sentence(s))
            || is_address(text, b) && start + 2 >= blocks.len();
        if !closerish {
            break;
        }
        start -= 1;
    }
    while start < blocks.len() && !opens_closer(text, blocks, start) {
        start += 1;
    }
    start
}

/// Whether block `i` can open the closer: a closing salutation, a
/// signature, or a dateline (perhaps led by its place line). Addresses and
/// short lines can only follow these.
fn opens_closer(text: &str, blocks: &[Block], i: usize) -> bool {
    let s = blocks[i].span().of(text);
    is_closing_salutation(s)
        || split_signature(s).is_some() && !is_address_word(s)
        || dateline_at(text, blocks, i).is_some()
}

/// Words of a closing formula that are capitalised but are no part of the
/// signer's name ("your obliged Servt Maria Edgeworth").
const CLOSING_NOUNS: &[&str] = &[
    "servt",
    "servant",
    "sert",
    "friend",
    "son",
    "daughter",
    "brother",
    "sister",
    "yours",
    "yrs",
    "obedt",
    "humble",
    "affectionate",
    "comrade",
    "wife",
    "husband",
    "father",
    "mother",
];

/// Rule (part of [`split_signature`]): a block that begins with a closing
/// formula and ends with a name ("I am Dr. Sir Yours truly obliged Maria
/// Edgeworth") holds both the closing salutation and the signature; returns
/// the offset where the name begins.
fn closing_with_signature(block: &str) -> Option<usize> {
    if !is_closing_salutation(block) || block.len() > 200 {
        return None;
    }
    let words: Vec<(usize, &str)> = block
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - block.as_ptr() as usize, w))
        .collect();
    let mut best = None;
    for k in (words.len().saturating_sub(4)..words.len()).rev() {
        if k == 0 {
            break;
        }
        let tail = &block[words[k].0..];
        let name = tail.trim_end_matches([' ', '-', '—', '.']);
        let word = words[k].1.trim_end_matches(['.', ',']).to_lowercase();
        if CLOSING_NOUNS.contains(&word.as_str()) {
            break;
        }
        if looks_like_name(name)
            && !TITLE_WORDS.contains(&words[k].1.trim_end_matches('.'))
            && !matches!(words[k].1, "Sir" | "Madam" | "I")
        {
            best = Some(words[k].0);
        } else {
            break;
        }
    }
    best
}

fn closer_parts(text: &str, blocks: &[Block]) -> Vec<Part> {
    let signature = signature_index(text, blocks);
    let mut parts = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let span = b.span();
        let s = span.of(text);
        if let Some(d) = dateline_at(text, blocks, i) {
            i += d.blocks.len();
            parts.push(Part::Dateline(d));
            continue;
        }
        if signature.is_some_and(|k| i > k) && !is_closing_salutation(s) {
            let lines = address_run(text, &blocks[i..]);
            if lines > 0 {
                let all = blocks[i..i + lines]
                    .iter()
                    .flat_map(|b| b.lines.iter().copied())
                    .collect();
                parts.push(Part::Address(Block { lines: all }));
                i += lines;
                continue;
            }
        }
        if Some(i) == signature {
            if let Some(at) = closing_with_signature(s) {
                let salute_end = span.start + s[..at].trim_end().len();
                parts.push(Part::Salute(Span {
                    start: span.start,
                    end: salute_end,
                }));
                let name = Span {
                    start: span.start + at,
                    end: span.end,
                };
                parts.push(Part::Signed(signed_at(text, name)));
            } else {
                parts.push(Part::Signed(signed_at(text, span)));
            }
        } else if is_closing_salutation(s) {
            parts.push(Part::Salute(span));
        } else if is_address(text, b) {
            parts.push(Part::Address(b.clone()));
        } else {
            parts.push(Part::Other(b.clone()));
        }
        i += 1;
    }
    parts
}

/// Rule (part of [`split_signature`]): which block of the closer is the
/// signature. A closing formula that ends with a name wins; otherwise the
/// first name after the last closing salutation; otherwise the first name.
fn signature_index(text: &str, blocks: &[Block]) -> Option<usize> {
    let of = |i: usize| blocks[i].span().of(text);
    let is_name = |i: usize| split_signature(of(i)).is_some() && !is_address_word(of(i));
    if let Some(k) = (0..blocks.len())
        .rev()
        .find(|&i| closing_with_signature(of(i)).is_some())
    {
        return Some(k);
    }
    let after = (0..blocks.len())
        .rev()
        .find(|&i| is_closing_salutation(of(i)))
        .map_or(0, |c| c + 1);
    (after..blocks.len())
        .find(|&i| is_name(i))
        .or_else(|| (0..blocks.len()).find(|&i| is_name(i)))
}

/// Words that open an address on the outside of a letter, or that name no
/// one by themselves ("A Monsieur", "To", "Sir").
fn is_address_word(block: &str) -> bool {
    let first = block.split_whitespace().next().unwrap_or("");
    block.split_whitespace().count() == 1
        && matches!(
            first,
            "Monsieur" | "Madame" | "Sir" | "Madam" | "Mr" | "Mrs"
        )
        || matches!(
            first,
            "To" | "A" | "a" | "À" | "An" | "Care" | "Per" | "Favoured" | "Favored"
        )
}

/// How many blocks from the start of `blocks` form an address written after
/// the signature: short lines (at most 60 characters each) that are not a
/// dateline, a closing salutation or prose.
fn address_run(text: &str, blocks: &[Block]) -> usize {
    blocks
        .iter()
        .take_while(|b| {
            let s = b.span().of(text);
            b.lines.iter().all(|l| l.end - l.start <= 60)
                && b.lines.len() <= 8
                && is_dateline(s).is_none()
                && !is_closing_salutation(s)
        })
        .count()
}

fn signed_at(text: &str, span: Span) -> Signed {
    let s = span.of(text);
    let shift = |r: Span| Span {
        start: span.start + r.start,
        end: span.start + r.end,
    };
    match split_signature(s) {
        Some((name, org)) => Signed {
            span,
            name: Some(shift(name)),
            org: org.map(shift),
        },
        None => Signed {
            span,
            name: None,
            org: None,
        },
    }
}

#[cfg(test)]
mod tests;
