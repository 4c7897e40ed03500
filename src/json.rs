//! The structure pass: everything about a JSON text that serde_json does not check for us.
//!
//! Before any typed parsing, every document (the input, and each JSON document carried as a
//! string inside it, like Trinsic's `resultVp`) goes through [`check_document`]: size, byte order
//! mark, UTF-8, nesting depth, duplicate member names and trailing data, each with its own error.
//! The pass borrows every key from the input and allocates only its stacks.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::error::Error;
use crate::limits::Limits;

/// Object sizes up to this are checked for duplicates by a linear scan on insert; larger ones
/// are sorted once at the end, so a hostile object with 100 000 members costs n log n, not n².
const LINEAR_DUPLICATE_SCAN_MAX: usize = 32;
/// Member names held for duplicate detection before the stack grows.
const KEY_STACK_CAPACITY: usize = 128;
/// Top-level member names recorded for format detection before the list grows.
const ROOT_KEYS_CAPACITY: usize = 64;

/// A JSON document that passed the structure pass.
#[derive(Debug)]
pub(crate) struct CheckedText<'a> {
    /// The text, known to be UTF-8, one JSON value, within limits.
    pub text: &'a str,
    /// The member names of the top-level object, in order (empty when the top level is not an
    /// object). Format detection reads these instead of parsing the document a second time.
    pub root_keys: Vec<Cow<'a, str>>,
    /// Whether the top-level value is an object.
    pub root_is_object: bool,
}

/// Runs the structure pass over `bytes`, naming the document `doc` in errors (`""` for the input
/// itself, a member path such as `resultVp` for a nested document).
pub(crate) fn check_document<'a>(
    doc: &str,
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<CheckedText<'a>, Error> {
    let text = check_text(doc, bytes, limits)?;
    walk(doc, text, limits)
}

/// The structure pass over text that already passed [`check_text`].
pub(crate) fn walk<'a>(doc: &str, text: &'a str, limits: &Limits) -> Result<CheckedText<'a>, Error> {
    let mut state = WalkState {
        doc,
        limit: limits.max_depth,
        depth: 0,
        path: Vec::new(),
        // Sized once for the member names of every open object of a usual document (a claims
        // object with 50 members, inside a few levels): growing it would make the allocation
        // count depend on the number of claims (tests/alloc_budget.rs).
        keys: Vec::with_capacity(KEY_STACK_CAPACITY),
        root_keys: Vec::with_capacity(ROOT_KEYS_CAPACITY),
        root_is_object: false,
        error: None,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let walked = Node { st: &mut state }.deserialize(&mut de);
    if let Some(err) = state.error.take() {
        return Err(err);
    }
    if let Err(err) = walked {
        return Err(syntax_error(doc, &err));
    }
    if de.end().is_err() {
        return Err(Error::TrailingData { field: doc_name(doc) });
    }
    Ok(CheckedText { text, root_keys: state.root_keys, root_is_object: state.root_is_object })
}

/// Size, byte order mark, UTF-8 and emptiness: the checks that come before JSON syntax.
pub(crate) fn check_text<'a>(doc: &str, bytes: &'a [u8], limits: &Limits) -> Result<&'a str, Error> {
    if bytes.len() > limits.max_input_bytes {
        return Err(Error::InputTooLarge { size: bytes.len(), limit: limits.max_input_bytes });
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(Error::ByteOrderMark { field: doc_name(doc) });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::InvalidUtf8 { field: doc_name(doc), offset: e.valid_up_to() })?;
    if text.trim_matches(is_json_whitespace).is_empty() {
        return Err(Error::InputEmpty);
    }
    Ok(text)
}

/// JSON's four whitespace characters (RFC 8259 section 2), nothing else.
pub(crate) fn is_json_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Parses `text` (already through [`check_document`]) into `T`, naming the member at fault.
///
/// The common case, a document that fits `T`, takes serde_json alone; only a failure is parsed
/// again with path tracking, which roughly doubles the cost of a parse (measured with callgrind
/// on `benches/jose.rs`), to name the member.
pub(crate) fn parse_typed<'a, T: Deserialize<'a>>(doc: &str, text: &'a str) -> Result<T, Error> {
    if let Ok(value) = T::deserialize(&mut serde_json::Deserializer::from_str(text)) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let field = join_path(doc, if path == "." { "" } else { &path });
        let message = inner.to_string();
        if let Some(rest) = message.strip_prefix("duplicate field `") {
            // Two spellings of one member (`resultVp` and `result_vp`): a duplicate all the same.
            let name = rest.split('`').next().unwrap_or_default().to_owned();
            Error::DuplicateMember { field, name }
        } else if let Some(rest) = message.strip_prefix("missing field `") {
            let name = rest.split('`').next().unwrap_or_default();
            Error::missing(join_path(&field, name))
        } else if inner.is_syntax() || inner.is_eof() {
            syntax_error(doc, &inner)
        } else {
            Error::invalid(field, strip_position(&message))
        }
    })
}

/// `doc` and `member` joined with a dot, either side possibly empty.
pub(crate) fn join_path(doc: &str, member: &str) -> String {
    match (doc.is_empty(), member.is_empty()) {
        (true, true) => "(document)".to_owned(),
        (true, false) => member.to_owned(),
        (false, true) => doc.to_owned(),
        (false, false) => format!("{doc}.{member}"),
    }
}

fn doc_name(doc: &str) -> String {
    join_path(doc, "")
}

fn strip_position(message: &str) -> &str {
    message.rfind(" at line ").map_or(message, |at| message.get(..at).unwrap_or(message))
}

fn syntax_error(doc: &str, err: &serde_json::Error) -> Error {
    Error::JsonSyntax {
        field: doc_name(doc),
        line: err.line(),
        column: err.column(),
        message: strip_position(&err.to_string()).to_owned(),
    }
}

enum Segment<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

struct WalkState<'d, 'a> {
    doc: &'d str,
    limit: usize,
    depth: usize,
    path: Vec<Segment<'a>>,
    /// The keys of every open object, innermost last; each object owns the tail from its start.
    keys: Vec<Cow<'a, str>>,
    root_keys: Vec<Cow<'a, str>>,
    root_is_object: bool,
    error: Option<Error>,
}

impl WalkState<'_, '_> {
    fn path_string(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Segment::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Segment::Index(i) => {
                    let _ = write!(out, "[{i}]");
                }
            }
        }
        join_path(self.doc, &out)
    }

    fn fail<E: de::Error>(&mut self, err: Error) -> E {
        self.error = Some(err);
        E::custom("structure check failed")
    }

    fn enter<E: de::Error>(&mut self) -> Result<(), E> {
        if self.depth >= self.limit {
            let field = self.path_string();
            return Err(self.fail(Error::InputTooDeep { field, limit: self.limit }));
        }
        self.depth += 1;
        Ok(())
    }
}

struct Node<'s, 'd, 'a> {
    st: &'s mut WalkState<'d, 'a>,
}

impl<'a> DeserializeSeed<'a> for Node<'_, '_, 'a> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'a>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'a> Visitor<'a> for Node<'_, '_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'a>>(self, mut seq: A) -> Result<(), A::Error> {
        self.st.enter()?;
        let mut index = 0;
        loop {
            self.st.path.push(Segment::Index(index));
            let more = seq.next_element_seed(Node { st: &mut *self.st })?;
            self.st.path.pop();
            if more.is_none() {
                break;
            }
            index += 1;
        }
        self.st.depth -= 1;
        Ok(())
    }

    fn visit_map<A: MapAccess<'a>>(self, mut map: A) -> Result<(), A::Error> {
        let is_root = self.st.depth == 0;
        if is_root {
            self.st.root_is_object = true;
        }
        self.st.enter()?;
        let start = self.st.keys.len();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let members = self.st.keys.get(start..).unwrap_or_default();
            if members.len() < LINEAR_DUPLICATE_SCAN_MAX && members.contains(&key) {
                let field = self.st.path_string();
                return Err(self.st.fail(Error::DuplicateMember { field, name: key.into_owned() }));
            }
            if is_root {
                self.st.root_keys.push(key.clone());
            }
            self.st.path.push(Segment::Key(key.clone()));
            map.next_value_seed(Node { st: &mut *self.st })?;
            self.st.path.pop();
            self.st.keys.push(key);
        }
        // This object's names are dropped from the stack next: sorting them in place costs no
        // allocation.
        let members = self.st.keys.get_mut(start..).unwrap_or_default();
        if members.len() > LINEAR_DUPLICATE_SCAN_MAX {
            members.sort_unstable();
            if let Some(pair) = members.windows(2).find(|w| w.first() == w.get(1)) {
                let name = pair.first().map(|s| s.as_ref().to_owned()).unwrap_or_default();
                let field = self.st.path_string();
                return Err(self.st.fail(Error::DuplicateMember { field, name }));
            }
        }
        self.st.keys.truncate(start);
        self.st.depth -= 1;
        Ok(())
    }
}

/// Deserializes a member name, borrowing it from the input unless it has escapes.
struct KeySeed;

impl<'a> DeserializeSeed<'a> for KeySeed {
    type Value = Cow<'a, str>;
    fn deserialize<D: de::Deserializer<'a>>(self, d: D) -> Result<Cow<'a, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'a> Visitor<'a> for KeySeed {
    type Value = Cow<'a, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_borrowed_str<E>(self, v: &'a str) -> Result<Cow<'a, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'a, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'a, str>, E> {
        Ok(Cow::Owned(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<CheckedText<'_>, Error> {
        check_document("", text.as_bytes(), &Limits::default())
    }

    fn code(text: &str) -> &'static str {
        match check(text) {
            Ok(_) => "ok",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn accepts_plain_documents_and_records_root_keys() {
        let checked = check(r#"{"a": 1, "b": {"a": [1, {"a": null}]}, "c\u0041": "x"}"#).unwrap();
        let keys: Vec<&str> = checked.root_keys.iter().map(|k| k.as_ref()).collect();
        assert_eq!(keys, ["a", "b", "cA"]);
        assert!(checked.root_is_object);
        assert!(matches!(checked.root_keys.first(), Some(Cow::Borrowed(_))));
    }

    #[test]
    fn rejects_duplicates_at_any_depth_with_their_path() {
        assert_eq!(code(r#"{"a":1,"a":2}"#), "input.duplicate_member");
        match check(r#"{"x":[{"ok":1},{"y":{"b":1,"b":1}}]}"#) {
            Err(Error::DuplicateMember { field, name }) => {
                assert_eq!(field, "x[1].y");
                assert_eq!(name, "b");
            }
            other => panic!("{other:?}"),
        }
        // An escaped spelling of the same name is the same member.
        assert_eq!(code(r#"{"ab":1,"a\u0062":2}"#), "input.duplicate_member");
        // The same name in sibling objects is fine.
        assert_eq!(code(r#"[{"a":1},{"a":1}]"#), "ok");
    }

    #[test]
    fn rejects_duplicates_in_large_objects() {
        let mut text = String::from("{");
        for i in 0..200 {
            text.push_str(&format!("\"k{i}\":{i},"));
        }
        assert_eq!(code(&format!("{text}\"z\":0}}")), "ok");
        assert_eq!(code(&format!("{text}\"k7\":0}}")), "input.duplicate_member");
    }

    #[test]
    fn depth_limit_is_exact() {
        let at_limit = format!("{}{}", "[".repeat(64), "]".repeat(64));
        let over = format!("{}{}", "[".repeat(65), "]".repeat(65));
        assert_eq!(code(&at_limit), "ok");
        assert_eq!(code(&over), "input.too_deep");
        let very_deep = "[".repeat(100_000);
        assert_eq!(code(&very_deep), "input.too_deep");
    }

    #[test]
    fn byte_level_rejections() {
        assert_eq!(code("\u{FEFF}{}"), "input.bom");
        assert_eq!(code(" \n\t"), "input.empty");
        assert_eq!(code("{} x"), "input.trailing_data");
        assert_eq!(code("{}{}"), "input.trailing_data");
        assert_eq!(code("{\"a\":}"), "input.json_syntax");
        assert_eq!(code("{\"a\":1"), "input.json_syntax");
        let bad = check_document("", b"{\"a\":\"\xff\"}", &Limits::default());
        assert_eq!(bad.unwrap_err(), Error::InvalidUtf8 { field: "(document)".into(), offset: 6 });
        let limits = Limits { max_input_bytes: 4, ..Limits::default() };
        let big = check_document("", b"[1,2]", &limits);
        assert_eq!(big.unwrap_err(), Error::InputTooLarge { size: 5, limit: 4 });
    }
}
