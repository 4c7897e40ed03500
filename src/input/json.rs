//! The structure pass: everything about a JSON text that serde_json does not check for us.
//!
//! Before any typed parsing, every document (the input, and each JSON document carried as a
//! string inside it, like Trinsic's `resultVp`) goes through [`check_document`]: size, byte order
//! mark, UTF-8, nesting depth, duplicate member names and trailing data, each with its own error.
//! The pass borrows every key from the input and allocates only its stacks.
//!
//! It runs in two tiers. [`scan::scan`] accepts the common well-formed document in one pass over
//! the bytes, without serde; whatever it does not accept goes to the reference pass,
//! [`walk_reference`], a serde_json walk that decides the rest and names the member at fault. The
//! scan never accepts what the reference pass rejects (tests below hold them to each other), so
//! the errors are the reference pass's alone. The scan also keeps where each top-level member's
//! value is, and [`parse_root`] reads the vendor object from those members instead of having
//! serde_json parse the whole text a second time.

mod root;
mod scan;
mod typed;

pub(crate) use root::parse_root;
use scan::{KEY_STACK_CAPACITY, LINEAR_DUPLICATE_SCAN_MAX, ROOT_KEYS_CAPACITY};
use typed::{doc_name, syntax_error};
pub(crate) use typed::{join_path, parse_typed, truncated, CheckedText};

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::error::Error;
use crate::limits::Limits;

/// Runs the structure pass over `bytes`, naming the document `doc` in errors (`""` for the input
/// itself, a member path such as `resultVp` for a nested document).
pub(crate) fn check_document<'a>(
    doc: &str,
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<CheckedText<'a>, Error> {
    let text = check_text(doc, bytes, limits)?;
    structure(doc, text, limits, false)
}

/// The structure pass over text that already passed [`check_text`], keeping the top-level
/// members' values for [`parse_root`].
pub(crate) fn walk<'a>(
    doc: &str,
    text: &'a str,
    limits: &Limits,
) -> Result<CheckedText<'a>, Error> {
    structure(doc, text, limits, true)
}

fn structure<'a>(
    doc: &str,
    text: &'a str,
    limits: &Limits,
    keep_root_values: bool,
) -> Result<CheckedText<'a>, Error> {
    match scan::scan(text, limits.max_depth, keep_root_values) {
        Some(scanned) => Ok(CheckedText {
            text,
            root_keys: scanned.root_keys,
            root_is_object: scanned.root_is_object,
            root_values: scanned.root_values,
        }),
        None => walk_reference(doc, text, limits),
    }
}

/// The structure pass as a serde_json walk: the reference for [`scan::scan`], and the pass that
/// decides (and names the error of) every document the scan leaves to it.
fn walk_reference<'a>(doc: &str, text: &'a str, limits: &Limits) -> Result<CheckedText<'a>, Error> {
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
    Ok(CheckedText {
        text,
        root_keys: state.root_keys,
        root_is_object: state.root_is_object,
        root_values: None,
    })
}

/// The two tiers held to each other on one text, for the `json_scan` fuzz target and the tests:
/// a document the scan accepts must pass the reference pass with the same top-level names.
/// `Ok(None)` when the scan leaves the text to the reference pass; `Ok(Some(checked))` with the
/// scan's members when both accept it, for `crate::model::tiers_agree` to read every vendor
/// model from. `Err` says where they disagree.
pub(crate) fn scan_agrees<'a>(
    text: &'a str,
    limits: &Limits,
) -> Result<Option<CheckedText<'a>>, String> {
    let Some(scanned) = scan::scan(text, limits.max_depth, true) else { return Ok(None) };
    let reference = walk_reference("", text, limits)
        .map_err(|e| format!("the scan accepted what the reference pass refuses: {e}"))?;
    if reference.root_keys != scanned.root_keys
        || reference.root_is_object != scanned.root_is_object
    {
        return Err(format!(
            "top-level names: scan {:?}, reference {:?}",
            scanned.root_keys, reference.root_keys
        ));
    }
    let checked = CheckedText {
        text,
        root_keys: scanned.root_keys,
        root_is_object: scanned.root_is_object,
        root_values: scanned.root_values,
    };
    if checked.root_values.as_ref().is_some_and(|values| values.len() != checked.root_keys.len()) {
        return Err("a top-level value for every name".into());
    }
    Ok(Some(checked))
}

/// Size, byte order mark, UTF-8 and emptiness: the checks that come before JSON syntax.
pub(crate) fn check_text<'a>(
    doc: &str,
    bytes: &'a [u8],
    limits: &Limits,
) -> Result<&'a str, Error> {
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

    /// Holds the scan to the reference pass on `text`: whatever the scan accepts, the reference
    /// pass accepts too, with the same top-level names. Whether the scan accepted.
    fn scan_agrees(text: &str, limits: &Limits) -> bool {
        let reference = walk_reference("", text, limits);
        let Some(scanned) = scan::scan(text, limits.max_depth, true) else { return false };
        match reference {
            Ok(r) => {
                assert_eq!(scanned.root_keys, r.root_keys, "top-level names differ: {text:?}");
                assert_eq!(scanned.root_is_object, r.root_is_object, "{text:?}");
            }
            Err(e) => panic!("the scan accepted what the reference pass rejects ({e:?}): {text:?}"),
        }
        true
    }

    #[test]
    fn scan_accepts_plain_documents_and_leaves_the_rest_to_the_reference() {
        let limits = Limits::default();
        // (text, the scan accepts it, the reference pass accepts it)
        let table: &[(&str, bool, bool)] = &[
            ("{}", true, true),
            (" [ ] ", true, true),
            ("\"\"", true, true),
            ("0", true, true),
            ("-0", true, true),
            ("-0.5", true, true),
            ("123.456", true, true),
            ("[true,false,null]", true, true),
            (r#"{"a":[1,{"b":"\u00e9\"\\\/\b\f\n\r\t"}],"c":{}}"#, true, true),
            ("\"\\ud83d\\ude00\\uD83D\\uDE00\"", true, true),
            ("\"\u{7f}é\u{10FFFF}\"", true, true),
            (r#"{"a\u0062":1,"ab2":2}"#, true, true),
            (r#"[{"a":1},{"a":1}]"#, true, true),
            // Exponents and surrogate escapes the scan does not judge: the reference does.
            ("1e5", false, true),
            ("[1E-5]", false, true),
            ("1e400", false, false),
            ("[0.5e+1]", false, true),
            // Errors.
            (r#"{"a":1,"a":2}"#, false, false),
            (r#"{"ab":1,"a\u0062":2}"#, false, false),
            (r#"{"x":[{"ok":1},{"y":{"b":1,"b":1}}]}"#, false, false),
            ("[1,]", false, false),
            (r#"{"a":1,}"#, false, false),
            ("[,1]", false, false),
            ("01", false, false),
            ("-01", false, false),
            ("1.", false, false),
            ("1.e5", false, false),
            ("-", false, false),
            (".5", false, false),
            ("+1", false, false),
            ("[1 2]", false, false),
            (r#"{"a" 1}"#, false, false),
            (r#"{"a":}"#, false, false),
            ("{1:2}", false, false),
            ("{'a':1}", false, false),
            ("tru", false, false),
            ("nul", false, false),
            ("truex", false, false),
            ("nan", false, false),
            ("{} {}", false, false),
            ("\"unterminated", false, false),
            ("\"a\\\"", false, false),
            ("\"\\ud800\"", false, false),
            ("\"\\udc00\"", false, false),
            ("\"\\ud800\\u0041\"", false, false),
            ("\"\\ud800\\ud800\"", false, false),
            ("\"\\ud800x\"", false, false),
            ("\"\\x\"", false, false),
            ("\"\\u12g4\"", false, false),
            ("\"\\u12\"", false, false),
            ("\"a\tb\"", false, false),
            ("\"a\u{1}b\"", false, false),
            ("\"a\nb\"", false, false),
            ("[1]\u{0}", false, false),
            ("\u{a0}1", false, false),
        ];
        for (text, scanned, accepted) in table {
            assert_eq!(scan_agrees(text, &limits), *scanned, "scan of {text:?}");
            assert_eq!(
                walk_reference("", text, &limits).is_ok(),
                *accepted,
                "reference pass on {text:?}"
            );
        }
    }

    #[test]
    fn scan_follows_the_depth_limit_and_leaves_deep_documents_to_the_reference() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let limits = Limits::default();
        assert!(scan_agrees(&nested(64), &limits));
        assert!(!scan_agrees(&nested(65), &limits));
        assert_eq!(code(&nested(65)), "input.too_deep");
        // Past the scan's own depth, under a raised limit: the reference pass decides.
        let raised = Limits { max_depth: 200, ..Limits::default() };
        assert!(scan_agrees(&nested(scan::MAX_SCAN_DEPTH), &raised));
        assert!(!scan_agrees(&nested(scan::MAX_SCAN_DEPTH + 1), &raised));
        assert!(walk("", &nested(scan::MAX_SCAN_DEPTH + 1), &raised).is_ok());
        let objects = format!("{}1{}", r#"{"a":"#.repeat(64), "}".repeat(64));
        assert!(scan_agrees(&objects, &limits));
        assert!(!scan_agrees(&format!("[{objects}]"), &limits));
    }

    #[test]
    fn scan_leaves_long_numbers_to_the_reference() {
        let limits = Limits::default();
        let long = "9".repeat(scan::MAX_PLAIN_NUMBER_LEN);
        assert!(scan_agrees(&long, &limits));
        assert!(!scan_agrees(&format!("{long}9"), &limits));
        assert!(walk("", &format!("{long}9"), &limits).is_ok());
        assert!(walk("", &"9".repeat(400), &limits).is_err());
    }

    #[test]
    fn scan_checks_large_objects_and_keeps_top_level_names_in_order() {
        let limits = Limits::default();
        let mut members: Vec<String> = (0..200).rev().map(|i| format!("\"k{i}\":{i}")).collect();
        let doc = |m: &[String]| format!("{{{}}}", m.join(","));
        assert!(scan_agrees(&doc(&members), &limits));
        let text = doc(&members);
        let scanned = scan::scan(&text, limits.max_depth, true).unwrap();
        assert_eq!(scanned.root_keys.first().map(|k| k.as_ref()), Some("k199"));
        assert_eq!(scanned.root_keys.len(), 200);
        members.push("\"k7\":0".into());
        assert!(!scan_agrees(&doc(&members), &limits));
        let nested = format!("{{\"a\":{},\"b\":1}}", doc(&members));
        assert!(!scan_agrees(&nested, &limits));
        assert_eq!(code(&nested), "input.duplicate_member");
        members.pop();
        // An escaped spelling of a name among many.
        members.push(r#""k\u0037":0"#.into());
        assert!(!scan_agrees(&doc(&members), &limits));
    }

    /// Files under `dir` (recursively), sorted.
    fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(d) = pending.pop() {
            for entry in std::fs::read_dir(&d).unwrap().map(Result::unwrap) {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    out.push(path);
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn scan_agrees_with_the_reference_on_every_vector_and_corpus_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let limits = Limits::default();
        let mut checked = 0;
        for path in files_under(&root.join("test-vectors")) {
            let Ok(text) = std::str::from_utf8(&std::fs::read(&path).unwrap()).map(str::to_owned)
            else {
                continue;
            };
            let accepted = scan_agrees(&text, &limits);
            // The fast path is the one taken for every well-formed committed document; the
            // third-party suites in external/ are edge cases (exponents, huge numbers) that the
            // scan leaves to the reference pass by design, so there the tiers only have to agree.
            let external = path.starts_with(root.join("test-vectors/external"));
            if !external
                && walk_reference("", &text, &limits).is_ok()
                && path.extension().is_some_and(|e| e == "json")
            {
                assert!(
                    accepted,
                    "the scan leaves a valid vector to the reference pass: {}",
                    path.display()
                );
            }
            checked += 1;
        }
        for target in ["parse", "verify", "ld_proof", "jws_compact", "jws_verify", "audit_lines"] {
            let files = files_under(&root.join("fuzz/corpus").join(target));
            assert!(!files.is_empty(), "fuzz/corpus/{target} is empty");
            for path in files {
                let bytes = std::fs::read(&path).unwrap();
                let Ok(text) = std::str::from_utf8(&bytes) else { continue };
                scan_agrees(text, &limits);
                for line in text.lines() {
                    scan_agrees(line, &limits);
                }
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked} files");
    }

    #[test]
    fn scan_agrees_with_the_reference_on_mutated_vectors() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let limits = Limits { max_depth: 6, ..Limits::default() };
        let replacements: &[&[u8]] = &[
            b"", b"\"", b"\\", b"{", b"}", b"[", b"]", b",", b":", b"0", b"e", b"u", b" ", b"\x01",
            b"-", b".", b"\\u", b"\"\"",
        ];
        let mut accepted = 0;
        for vector in [
            "trinsic-connect/session-success.json",
            "hopae/userinfo-valid.json",
            "ld/vc-di-eddsa/eddsa-jcs-2022-signed.json",
        ] {
            let bytes = std::fs::read(root.join("test-vectors").join(vector)).unwrap();
            for at in 0..bytes.len() {
                for with in replacements {
                    for keep in [0, 1] {
                        // Replace the byte at `at` (keep 0) or insert before it (keep 1).
                        let mut mutated = bytes.get(..at).unwrap().to_vec();
                        mutated.extend_from_slice(with);
                        mutated.extend_from_slice(bytes.get(at + 1 - keep..).unwrap());
                        if let Ok(text) = std::str::from_utf8(&mutated) {
                            accepted += usize::from(scan_agrees(text, &limits));
                        }
                    }
                }
            }
        }
        assert!(accepted > 1000, "{accepted}");
    }

    /// Holds the members path to serde_json on `text` for every top-level vendor model: what it
    /// reads, serde_json reads too, into an equal model.
    fn members_agree(text: &str) -> bool {
        use crate::model::{hopae, incode, regula, trinsic_connect, trinsic_sessions};
        fn one<'a, T: serde::Deserialize<'a> + fmt::Debug>(checked: &CheckedText<'a>) -> bool {
            let Some(fast) = root::from_members::<T>(checked) else { return false };
            let Ok(fast) = fast else { return false };
            match parse_typed::<T>("", checked.text) {
                Ok(full) => {
                    assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{}", checked.text)
                }
                Err(e) => panic!(
                    "the members path read what serde_json rejects ({e:?}): {}",
                    checked.text
                ),
            }
            true
        }
        let limits = Limits::default();
        let Ok(checked) =
            check_text("", text.as_bytes(), &limits).and_then(|text| walk("", text, &limits))
        else {
            return false;
        };
        [
            one::<trinsic_connect::UnverifiedConnectSession<'_>>(&checked),
            one::<trinsic_sessions::UnverifiedSessionResult<'_>>(&checked),
            one::<trinsic_sessions::Session<'_>>(&checked),
            one::<hopae::UnverifiedUserinfo<'_>>(&checked),
            one::<hopae::UnverifiedEvidence<'_>>(&checked),
            one::<hopae::UnverifiedVerification<'_>>(&checked),
            one::<incode::UnverifiedIncodeResult<'_>>(&checked),
            one::<incode::UnverifiedIncodeUserinfo<'_>>(&checked),
            one::<regula::UnverifiedRegulaSession<'_>>(&checked),
        ]
        .contains(&true)
    }

    #[test]
    fn members_path_reads_what_serde_json_reads() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for path in files_under(&root.join("test-vectors")) {
            if let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) {
                read += usize::from(members_agree(&text));
            }
        }
        // The path runs: on the vendor vectors, every model that reads them.
        assert!(read > 50, "{read} vectors read from their members");
        for vector in [
            "trinsic-connect/session-success.json",
            "hopae/userinfo-valid.json",
            "trinsic-sessions/result-success.json",
            "incode/scores-ok.json",
        ] {
            assert!(
                members_agree(
                    &std::fs::read_to_string(root.join("test-vectors").join(vector)).unwrap()
                ),
                "{vector}"
            );
        }
        for target in ["parse", "verify"] {
            for path in files_under(&root.join("fuzz/corpus").join(target)) {
                if let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) {
                    members_agree(&text);
                }
            }
        }
        // Each top-level member's value replaced by values of every JSON type, in the vectors
        // (not the third-party suites, nor the hostile documents of hundreds of kilobytes, whose
        // top-level members are a credential's: 88 re-serialisations of a megabyte add nothing).
        let small_vector = |p: &std::path::Path| {
            p.extension().is_some_and(|e| e == "json")
                && !p.starts_with(root.join("test-vectors/external"))
                && std::fs::metadata(p).is_ok_and(|m| m.len() < 64 * 1024)
        };
        for path in files_under(&root.join("test-vectors")).into_iter().filter(|p| small_vector(p))
        {
            let Ok(serde_json::Value::Object(doc)) =
                serde_json::from_slice(&std::fs::read(&path).unwrap())
            else {
                continue;
            };
            for key in doc.keys() {
                for with in [
                    "null",
                    "true",
                    "0",
                    "-1",
                    "1.5",
                    "\"\"",
                    "\"x\\ny\"",
                    "[]",
                    "[null]",
                    "{}",
                    r#"{"a":null}"#,
                ] {
                    let mut mutated = doc.clone();
                    mutated.insert(key.clone(), serde_json::from_str(with).unwrap());
                    members_agree(&serde_json::to_string(&mutated).unwrap());
                }
            }
        }
        // Mutations of the members' values and names.
        for vector in [
            "trinsic-connect/session-success.json",
            "hopae/userinfo-valid.json",
            "trinsic-sessions/result-success.json",
            "incode/scores-ok.json",
        ] {
            let text = std::fs::read_to_string(root.join("test-vectors").join(vector)).unwrap();
            for at in (0..text.len()).filter(|at| text.is_char_boundary(*at)) {
                for with in
                    ["", "\"", "1", "null", "[]", "{}", "\\u00e9", "\\\"", "\\ud83d\\ude00", "_"]
                {
                    let mut mutated = String::from(text.get(..at).unwrap());
                    mutated.push_str(with);
                    mutated.push_str(text.get(at..).unwrap());
                    members_agree(&mutated);
                }
            }
        }
    }

    #[test]
    fn members_path_reads_escapes_as_serde_json_does() {
        for inner in [
            "",
            "plain",
            r#"\"quoted\""#,
            r#"\\ \/ \b \f \n \r \t"#,
            r#"\u0000\u001f\u0041\u00e9\u20ac\uffff\uFFFD"#,
            r#"\ud83d\ude00\uD83D\uDE00 x \ud800\udc00\udbff\udfff"#,
            r#"{\"@context\":[\"https://www.w3.org/2018/credentials/v1\"],\"a\":\"b\\\\c\"}"#,
            "é ü 日本 \u{10FFFF}",
            r#"12345678\"12345678\\1234567\n"#,
        ] {
            let expected: String = serde_json::from_str(&format!("\"{inner}\"")).unwrap();
            assert_eq!(
                root::unescape_for_tests(inner).as_deref(),
                Some(expected.as_str()),
                "{inner}"
            );
        }
        // A lone surrogate is not a char: the path declines, serde_json decides.
        for inner in [r#"\ud800"#, r#"\udc00"#, r#"\ud800\u0041"#, r#"\ud800x"#, r#"\x"#, r#"\u12"#]
        {
            assert_eq!(root::unescape_for_tests(inner), None, "{inner}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 4000, ..Default::default() })]
        /// Token soup: mostly-JSON sequences, well-formed or nearly.
        #[test]
        fn scan_agrees_with_the_reference_on_token_soup(tokens in proptest::collection::vec(proptest::sample::select(vec![
            "{", "}", "[", "]", ",", ":", " ", "\"a\"", "\"b\"", "\"a\\u0062\"", "\"ab\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\u00e9\"",
            "\"", "\\", "\\\"", "1", "0", "-", ".", "e", "-0.5", "12", "true", "null", "fals", "\"\t\"", "\n", "é",
        ]), 0..24)) {
            let text: String = tokens.concat();
            scan_agrees(&text, &Limits { max_depth: 4, ..Limits::default() });
        }

        /// Any string, escaped as serde_json writes it, and with `\u` escapes of its own.
        #[test]
        fn members_path_unescapes_any_string(s in "\\PC*", units in proptest::collection::vec(0u32..0x11_0000, 0..8)) {
            let mut inner = serde_json::to_string(&s).unwrap();
            inner.pop();
            inner.remove(0);
            let mut expected = s.clone();
            for unit in units.iter().filter_map(|u| char::from_u32(*u)) {
                let mut pair = [0; 2];
                for half in unit.encode_utf16(&mut pair) {
                    inner.push_str(&format!("\\u{half:04x}"));
                }
                expected.push(unit);
            }
            proptest::prop_assert_eq!(root::unescape_for_tests(&inner), Some(expected));
        }
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
