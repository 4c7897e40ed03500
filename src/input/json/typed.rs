//! What the structure pass hands on ([`CheckedText`]) and the typed reading of a checked text
//! ([`parse_typed`]), with the member paths and bounded quotes errors name. A leaf of the JSON
//! layer: the structure pass (`super`), the scan and the top-level reader use it.

use std::borrow::Cow;

use serde::Deserialize;

use crate::error::Error;

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
    /// The text of each top-level member's value, in the order of `root_keys`, when the scan
    /// accepted the document and `super::walk` asked for them (`None` otherwise): `super::parse_root` reads
    /// the top-level object from these instead of parsing the document again.
    pub root_values: Option<Vec<&'a str>>,
}

/// Parses `text` (already through `super::check_document`) into `T`, naming the member at fault.
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

/// `text` cut to at most `max` characters, marked with an ellipsis when cut: attacker-sized
/// values are quoted in error messages at a bounded length.
pub(crate) fn truncated(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}...", text.get(..at).unwrap_or_default()),
        None => text.to_owned(),
    }
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

pub(crate) fn doc_name(doc: &str) -> String {
    join_path(doc, "")
}

pub(crate) fn strip_position(message: &str) -> &str {
    message.rfind(" at line ").map_or(message, |at| message.get(..at).unwrap_or(message))
}

pub(crate) fn syntax_error(doc: &str, err: &serde_json::Error) -> Error {
    Error::JsonSyntax {
        field: doc_name(doc),
        line: err.line(),
        column: err.column(),
        message: strip_position(&err.to_string()).to_owned(),
    }
}
