//! Compiled schemas kept on disk: the simplified patterns and tables of a
//! schema, stored in a cache folder and reused for as long as every file
//! the schema was compiled from is unchanged (same length, same content
//! hash). Reading a stored schema takes a few milliseconds where compiling
//! `tei_all.rng` takes tens, which is what makes one process per document
//! cheap.
//!
//! A stored schema is trusted no further than a document is: every index in
//! it is checked before use, a body checksum catches truncation, and any
//! mismatch (another teikit version, a changed or missing source, a damaged
//! file) makes it a miss, never an error: the schema is compiled again.

use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::datatype::{Dt, NsMap};
use super::ids::{AttrIdType, IdMap};
use super::schema::{
    DtSpec, ElementDef, FxHasher, Grammar, NameClass, NameClasses, Pat, PatId, Patterns, Store,
    ValueDef,
};
use crate::validate::xsd::IdType;

/// The first bytes of a stored schema.
const MAGIC: &[u8; 8] = b"TEIKITRS";
/// The layout of a stored schema; bumped whenever it changes.
const FORMAT: u32 = 1;

/// The file in `dir` that holds the compiled form of the schema at `path`
/// (an absolute, canonical path), named by a hash of that path.
fn slot(dir: &Path, path: &Path) -> PathBuf {
    let h = hash_bytes(path.as_os_str().as_encoded_bytes());
    dir.join("schemas").join(format!("{h:016x}.bin"))
}

/// A 64-bit hash of `bytes` (the Fx hash, word by word: fast, and any
/// change of a single word changes it).
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// What tells one build of teikit from another: its version and the size
/// and date of the running program, so that a rebuilt teikit, whose
/// simplification may differ, never reads what an earlier build stored.
fn build_stamp() -> u64 {
    let mut h = FxHasher::default();
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
        h.write_u64(meta.len());
        if let Ok(since) = meta
            .modified()
            .map(|m| m.duration_since(SystemTime::UNIX_EPOCH))
        {
            h.write_u64(since.map_or(0, |d| d.as_nanos() as u64));
        }
    }
    h.finish()
}

/// The compiled schema stored under `key` (the schema's canonical path) in
/// `dir`, when every source file it was compiled from still reads as the
/// same text.
pub(crate) fn read(dir: &Path, key: &Path) -> Option<(Grammar, IdMap)> {
    let bytes = std::fs::read(slot(dir, key)).ok()?;
    let mut r = Reader::new(&bytes);
    if r.take(MAGIC.len())? != MAGIC || r.u32()? != FORMAT || r.u64()? != build_stamp() {
        return None;
    }
    if r.str()? != key.to_string_lossy() {
        return None;
    }
    for _ in 0..r.u32()? {
        let source = PathBuf::from(r.str()?);
        let (len, hash) = (r.u64()?, r.u64()?);
        let text = crate::files::read_text(&source).ok()?.text;
        if text.len() as u64 != len || hash_bytes(text.as_bytes()) != hash {
            return None;
        }
    }
    let checksum = r.u64()?;
    let body = r.rest();
    if hash_bytes(body) != checksum {
        return None;
    }
    decode(&mut Reader::new(body))
}

/// Stores the compiled schema under `key` in `dir`, with the `sources` it
/// was compiled from: each file and the text the compiler read from it (so
/// a file changed while it compiled makes the store stale, never wrong). A
/// failure to write is no error: the cache is only a cache.
pub(crate) fn write(
    dir: &Path,
    key: &Path,
    sources: &[(PathBuf, &str)],
    grammar: &Grammar,
    ids: &IdMap,
) {
    let mut w = Writer::default();
    w.bytes(MAGIC);
    w.u32(FORMAT);
    w.u64(build_stamp());
    w.str(&key.to_string_lossy());
    w.u32(sources.len() as u32);
    for (path, text) in sources {
        w.str(&path.to_string_lossy());
        w.u64(text.len() as u64);
        w.u64(hash_bytes(text.as_bytes()));
    }
    let mut body = Writer::default();
    encode(&mut body, grammar, ids);
    w.u64(hash_bytes(&body.out));
    w.bytes(&body.out);
    let _ = crate::files::write_atomic(&slot(dir, key), &w.out);
}

fn encode(w: &mut Writer, g: &Grammar, ids: &IdMap) {
    w.str(&g.main_ns);
    w.u32(g.start);
    let pats = g.pats.all();
    w.u32(pats.len() as u32);
    for p in pats {
        encode_pat(w, *p);
    }
    w.u32(g.ncs.items().len() as u32);
    for nc in g.ncs.items() {
        encode_nc(w, nc);
    }
    w.u32(g.elements.len() as u32);
    for e in &g.elements {
        w.u32(e.nc);
        w.u32(e.content);
    }
    w.u32(g.dt_specs.len() as u32);
    for (lib, name, params) in &g.dt_specs {
        w.str(lib);
        w.str(name);
        w.pairs(params);
    }
    w.u32(g.values.len() as u32);
    for v in &g.values {
        w.u32(v.dt);
        w.str(&v.lexical);
        // Only a QName or NOTATION value depends on the namespaces in scope.
        let qname = g
            .dt_specs
            .get(v.dt as usize)
            .is_some_and(|(_, name, _)| matches!(name.as_str(), "QName" | "NOTATION"));
        w.pairs(if qname { &v.ns.0 } else { &[] });
    }
    let entries = ids.entries();
    w.u32(entries.len() as u32);
    for ((ns, local), attrs) in entries {
        w.str(ns);
        w.str(local);
        w.u32(attrs.len() as u32);
        for (ns, local, id) in attrs {
            w.str(ns);
            w.str(local);
            w.u8(match id {
                IdType::Null => 0,
                IdType::Id => 1,
                IdType::Idref => 2,
                IdType::Idrefs => 3,
            });
        }
    }
}

fn encode_pat(w: &mut Writer, p: Pat) {
    let (tag, a, b) = match p {
        Pat::Empty => (0, 0, 0),
        Pat::NotAllowed => (1, 0, 0),
        Pat::Text => (2, 0, 0),
        Pat::Choice(a, b) => (3, a, b),
        Pat::Interleave(a, b) => (4, a, b),
        Pat::Group(a, b) => (5, a, b),
        Pat::OneOrMore(a) => (6, a, 0),
        Pat::List(a) => (7, a, 0),
        Pat::Data(dt, except) => (8, dt, except),
        Pat::Value(v) => (9, v, 0),
        Pat::Attribute(nc, a) => (10, nc, a),
        Pat::Element(e) => (11, e, 0),
        Pat::After(a, b) => (12, a, b),
    };
    w.u8(tag);
    w.u32(a);
    w.u32(b);
}

fn encode_nc(w: &mut Writer, nc: &NameClass) {
    let opt = |e: &Option<u32>| e.map_or(u32::MAX, |e| e);
    match nc {
        NameClass::Any(e) => {
            w.u8(0);
            w.u32(opt(e));
        }
        NameClass::NsName(ns, e) => {
            w.u8(1);
            w.str(ns);
            w.u32(opt(e));
        }
        NameClass::Name(ns, local) => {
            w.u8(2);
            w.str(ns);
            w.str(local);
        }
        NameClass::Choice(a, b) => {
            w.u8(3);
            w.u32(*a);
            w.u32(*b);
        }
    }
}

/// The grammar and ID map in `r`, or None when anything is out of place.
fn decode(r: &mut Reader) -> Option<(Grammar, IdMap)> {
    let main_ns = r.str()?.to_string();
    let start = r.u32()?;
    let raw: Vec<(u8, u32, u32)> = r.list(|r| Some((r.u8()?, r.u32()?, r.u32()?)))?;
    let ncs = decode_ncs(r)?;
    let elements: Vec<ElementDef> = r.list(|r| {
        Some(ElementDef {
            nc: r.u32()?,
            content: r.u32()?,
        })
    })?;
    let dt_specs: Vec<DtSpec> =
        r.list(|r| Some((r.str()?.to_string(), r.str()?.to_string(), r.pairs()?)))?;
    // The patterns compiled when the schema was stored: compile them only
    // when a document needs them.
    let dts = crate::validate::xsd::regex::deferred(|| {
        dt_specs
            .iter()
            .map(|(lib, name, params)| Dt::new(lib, name, params).ok())
            .collect::<Option<Vec<Dt>>>()
    })?;
    let values = r.list(|r| {
        let dt = r.u32()?;
        let lexical = r.str()?.to_string();
        let ns = NsMap(r.pairs()?);
        let value = dts.get(dt as usize)?.value(&lexical, &ns)?;
        Some(ValueDef {
            dt,
            lexical,
            value,
            ns,
        })
    })?;
    let ids = IdMap::from_entries(r.list(|r| {
        let key = (r.str()?.to_string(), r.str()?.to_string());
        let attrs: Vec<AttrIdType> = r.list(|r| {
            let (ns, local) = (r.str()?.to_string(), r.str()?.to_string());
            let id = match r.u8()? {
                0 => IdType::Null,
                1 => IdType::Id,
                2 => IdType::Idref,
                3 => IdType::Idrefs,
                _ => return None,
            };
            Some((ns, local, id))
        })?;
        Some((key, attrs))
    })?);
    let sizes = Sizes {
        ncs: ncs.items().len(),
        elements: elements.len(),
        dts: dts.len(),
        values: values.len(),
    };
    let pats = decode_pats(&raw, &sizes)?;
    let n = pats.len() as u32;
    if start >= n
        || elements
            .iter()
            .any(|e| e.content >= n || e.nc as usize >= sizes.ncs)
    {
        return None;
    }
    let grammar = Grammar {
        pats,
        start,
        ncs,
        elements,
        dts,
        dt_specs,
        values,
        main_ns,
    };
    Some((grammar, ids))
}

/// The sizes of the tables patterns point into.
struct Sizes {
    ncs: usize,
    elements: usize,
    dts: usize,
    values: usize,
}

/// Interns the stored patterns again, in order: each must refer only to
/// patterns before it and to table entries that exist, and must get its
/// stored id back (so the flags are recomputed, not trusted).
fn decode_pats(raw: &[(u8, u32, u32)], sizes: &Sizes) -> Option<Patterns> {
    let mut pats = Patterns::with_capacity(raw.len());
    for (i, &(tag, a, b)) in raw.iter().enumerate() {
        let i = i as u32;
        let before = |id: PatId| (id < i).then_some(id);
        let within = |x: u32, n: usize| ((x as usize) < n).then_some(x);
        let pat = match tag {
            0 => Pat::Empty,
            1 => Pat::NotAllowed,
            2 => Pat::Text,
            3 => Pat::Choice(before(a)?, before(b)?),
            4 => Pat::Interleave(before(a)?, before(b)?),
            5 => Pat::Group(before(a)?, before(b)?),
            6 => Pat::OneOrMore(before(a)?),
            7 => Pat::List(before(a)?),
            8 => Pat::Data(within(a, sizes.dts)?, before(b)?),
            9 => Pat::Value(within(a, sizes.values)?),
            10 => Pat::Attribute(within(a, sizes.ncs)?, before(b)?),
            11 => Pat::Element(within(a, sizes.elements)?),
            12 => Pat::After(before(a)?, before(b)?),
            _ => return None,
        };
        if pats.intern(pat) != i {
            return None;
        }
    }
    Some(pats)
}

/// Name classes, each referring only to name classes before it.
fn decode_ncs(r: &mut Reader) -> Option<NameClasses> {
    let n = r.u32()?;
    let mut items = Vec::new();
    for i in 0..n {
        let except = |e: u32| match e {
            u32::MAX => Some(None),
            e if e < i => Some(Some(e)),
            _ => None,
        };
        let nc = match r.u8()? {
            0 => NameClass::Any(except(r.u32()?)?),
            1 => {
                let ns = r.str()?.to_string();
                NameClass::NsName(ns, except(r.u32()?)?)
            }
            2 => NameClass::Name(r.str()?.to_string(), r.str()?.to_string()),
            3 => {
                let (a, b) = (r.u32()?, r.u32()?);
                if a >= i || b >= i {
                    return None;
                }
                NameClass::Choice(a, b)
            }
            _ => return None,
        };
        items.push(nc);
    }
    Some(NameClasses::from_items(items))
}

/// Little-endian output.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.out.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.bytes(s.as_bytes());
    }
    fn pairs(&mut self, pairs: &[(String, String)]) {
        self.u32(pairs.len() as u32);
        for (a, b) in pairs {
            self.str(a);
            self.str(b);
        }
    }
}

/// Bounds-checked reading of what [`Writer`] wrote.
struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    fn new(bytes: &'b [u8]) -> Reader<'b> {
        Reader { bytes, pos: 0 }
    }
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let out = self.bytes.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(out)
    }
    fn rest(&mut self) -> &'b [u8] {
        let out = &self.bytes[self.pos.min(self.bytes.len())..];
        self.pos = self.bytes.len();
        out
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn str(&mut self) -> Option<&'b str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn pairs(&mut self) -> Option<Vec<(String, String)>> {
        self.list(|r| Some((r.str()?.to_string(), r.str()?.to_string())))
    }
    /// A count, then that many items (the count bounded by the bytes left,
    /// so a damaged count cannot ask for a huge allocation).
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.u32()? as usize;
        if n > self.bytes.len() - self.pos {
            return None;
        }
        (0..n).map(|_| item(self)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Schema;
    use super::*;

    /// A schema with something of every kind a stored schema holds:
    /// datatypes with params and patterns, values (a QName among them),
    /// name classes with exceptions, lists, interleave, ID and IDREF.
    const SCHEMA: &str = r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    xmlns:ex="http://example.org/ex" ns="http://example.org/ns"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="doc"><interleave>
    <zeroOrMore><ref name="item"/></zeroOrMore>
    <optional><element name="any"><ref name="anything"/></element></optional>
  </interleave></element></start>
  <define name="item"><element name="item">
    <attribute name="id"><data type="ID"/></attribute>
    <optional><attribute name="see"><data type="IDREF"/></attribute></optional>
    <optional><attribute name="code"><data type="token"><param name="pattern">[A-Z]{2}\d</param></data></attribute></optional>
    <optional><attribute name="kind"><choice><value type="QName">ex:a</value><value type="token">b c</value></choice></attribute></optional>
    <optional><attribute name="n"><data type="integer"><param name="minInclusive">1</param><param name="maxInclusive">12</param></data></attribute></optional>
    <optional><attribute name="dims"><list><oneOrMore><data type="decimal"/></oneOrMore></list></attribute></optional>
    <text/>
  </element></define>
  <define name="anything"><zeroOrMore><choice>
    <attribute><anyName><except><nsName ns=""/></except></anyName></attribute>
    <element><anyName><except><name>doc</name></except></anyName><ref name="anything"/></element>
    <text/>
  </choice></zeroOrMore></define>
</grammar>"#;

    const DOCS: &[&str] = &[
        r#"<doc xmlns="http://example.org/ns" xmlns:ex="http://example.org/ex"><item id="a" code="AB1" kind="ex:a" n="3" dims="1 2.5">x</item><item id="b" see="a" kind=" b   c "/></doc>"#,
        r#"<doc xmlns="http://example.org/ns"><item id="a" code="ab1" n="13" dims="x"/><item id="a" see="z"/><any><doc/></any></doc>"#,
        r#"<doc xmlns="http://example.org/ns" xmlns:q="urn:q"><any q:x="1" y="2"><q:b>t</q:b></any><item/></doc>"#,
    ];

    /// A schema file in a fresh folder, dated in the past (a file changed
    /// in the last seconds is not stored).
    fn schema_file(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join("schema.rng");
        std::fs::write(&path, text).unwrap();
        let past = SystemTime::now() - std::time::Duration::from_secs(3600);
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(past).unwrap();
        std::fs::canonicalize(path).unwrap()
    }

    fn same(a: &Grammar, b: &Grammar) -> bool {
        let elements = |g: &Grammar| -> Vec<(u32, u32)> {
            g.elements.iter().map(|e| (e.nc, e.content)).collect()
        };
        let values = |g: &Grammar| -> Vec<(u32, String)> {
            g.values.iter().map(|v| (v.dt, v.lexical.clone())).collect()
        };
        a.pats.all() == b.pats.all()
            && a.start == b.start
            && a.ncs.items() == b.ncs.items()
            && elements(a) == elements(b)
            && a.dt_specs == b.dt_specs
            && values(a) == values(b)
            && a.values
                .iter()
                .zip(&b.values)
                .all(|(x, y)| x.value == y.value)
            && a.main_ns == b.main_ns
    }

    #[test]
    fn a_stored_schema_reads_back_equal_and_validates_alike() {
        let dir = tempfile::tempdir().unwrap();
        let path = schema_file(dir.path(), SCHEMA);
        let cache = dir.path().join("cache");
        let compiled = Schema::load_cached(&path, &cache).unwrap();
        let (grammar, ids) = read(&cache, &path).expect("stored after the first load");
        assert!(same(&grammar, &compiled.inner.grammar));
        assert_eq!(ids.entries(), compiled.inner.ids.entries());
        assert_eq!(ids.entries().len(), 1, "item has ID-typed attributes");
        let stored = Schema::load_cached(&path, &cache).unwrap();
        for doc in DOCS {
            assert_eq!(
                stored.validate_str(doc),
                compiled.validate_str(doc),
                "{doc}"
            );
        }
        assert!(stored.validate_str(DOCS[0]).is_empty());
        assert!(stored.validate_str(DOCS[1]).len() >= 5);
    }

    #[test]
    fn a_changed_source_is_compiled_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = schema_file(dir.path(), SCHEMA);
        let cache = dir.path().join("cache");
        let doc = r#"<doc xmlns="http://example.org/ns"><item id="a" n="12"/></doc>"#;
        assert!(Schema::load_cached(&path, &cache).unwrap().is_valid(doc));
        schema_file(dir.path(), &SCHEMA.replace(">12<", ">11<"));
        assert!(read(&cache, &path).is_none(), "the stored schema is stale");
        assert!(!Schema::load_cached(&path, &cache).unwrap().is_valid(doc));
        assert!(read(&cache, &path).is_some(), "stored again");
    }

    #[test]
    fn a_source_replaced_with_its_old_date_and_length_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let path = schema_file(dir.path(), SCHEMA);
        let cache = dir.path().join("cache");
        Schema::load_cached(&path, &cache).unwrap();
        let same_length = SCHEMA.replace("AB1", "AB2").replace(">12<", ">11<");
        assert_eq!(same_length.len(), SCHEMA.len());
        schema_file(dir.path(), &same_length);
        assert!(read(&cache, &path).is_none(), "content, not dates, decides");
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_schema_resolves_its_references_beside_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let grammar = |body: &str| {
            format!(r#"<grammar xmlns="http://relaxng.org/ns/structure/1.0">{body}</grammar>"#)
        };
        let main = grammar(
            r#"<include href="part.rng"/><start><element name="a"><ref name="body"/></element></start>"#,
        );
        std::fs::create_dir(dir.path().join("shared")).unwrap();
        std::fs::create_dir(dir.path().join("project")).unwrap();
        schema_file(&dir.path().join("shared"), &main);
        let part = |content: &str| grammar(&format!(r#"<define name="body">{content}</define>"#));
        std::fs::write(dir.path().join("shared/part.rng"), part("<empty/>")).unwrap();
        std::fs::write(dir.path().join("project/part.rng"), part("<text/>")).unwrap();
        let link = dir.path().join("project/schema.rng");
        std::os::unix::fs::symlink(dir.path().join("shared/schema.rng"), &link).unwrap();
        let cache = dir.path().join("cache");
        for _ in 0..2 {
            let cached = Schema::load_cached(&link, &cache).unwrap();
            assert!(
                cached.is_valid("<a>text</a>"),
                "project/part.rng, as without a cache"
            );
            assert!(Schema::load(&link).unwrap().is_valid("<a>text</a>"));
        }
    }

    #[test]
    fn a_damaged_store_is_a_miss_never_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = schema_file(dir.path(), SCHEMA);
        let cache = dir.path().join("cache");
        let reference = Schema::load_cached(&path, &cache).unwrap();
        let file = slot(&cache, &path);
        let good = std::fs::read(&file).unwrap();
        let cuts = [0, 7, good.len() / 3, good.len() / 2, good.len() - 1];
        let damaged =
            cuts.iter()
                .map(|&n| good[..n].to_vec())
                .chain((0..good.len()).step_by(97).map(|i| {
                    let mut b = good.clone();
                    b[i] ^= 0x5a;
                    b
                }));
        for bytes in damaged {
            std::fs::write(&file, &bytes).unwrap();
            let schema = Schema::load_cached(&path, &cache).unwrap();
            for doc in DOCS {
                assert_eq!(schema.validate_str(doc), reference.validate_str(doc));
            }
        }
    }

    #[test]
    fn damaged_bodies_never_make_a_schema_that_panics() {
        let dir = tempfile::tempdir().unwrap();
        let path = schema_file(dir.path(), SCHEMA);
        let g = Schema::load(&path).unwrap();
        let mut body = Writer::default();
        encode(&mut body, &g.inner.grammar, &g.inner.ids);
        assert!(decode(&mut Reader::new(&body.out)).is_some());
        // The checksum keeps damaged stores out; past it, every single-byte
        // change is refused or decodes to a schema that validates without
        // panicking (indices checked, patterns pointing backwards only).
        let mut refused = 0;
        for i in 0..body.out.len() {
            let mut b = body.out.clone();
            b[i] = b[i].wrapping_add(0x41);
            match decode(&mut Reader::new(&b)) {
                None => refused += 1,
                Some((grammar, ids)) => {
                    let schema = Schema::from_parts(grammar, ids);
                    for doc in DOCS {
                        let _ = schema.validate_str(doc);
                    }
                }
            }
        }
        assert!(
            refused > body.out.len() / 4,
            "{refused} of {} refused",
            body.out.len()
        );
    }
}
