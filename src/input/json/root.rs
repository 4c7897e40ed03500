//! The typed parse of a top-level object from the members the scan split it into.
//!
//! [`super::typed::parse_typed`] hands the whole text to serde_json, which reads every member name and
//! value again after the structure pass. When the scan accepted the document it already knows
//! where each top-level member's value is ([`CheckedText::root_values`]), so [`parse_root`] gives
//! the model's `Deserialize` (the same derived code) those members directly:
//!
//! - member names are the scan's (borrowed, or unescaped as serde_json unescapes them);
//! - a string value read as a string (`deserialize_str`, `_string`, `_any`) is borrowed when it
//!   has no escapes and unescaped here otherwise: Trinsic's `resultVp`, a JSON document in a
//!   string with hundreds of escapes, costs a quarter of what serde_json's string reader takes;
//! - an ignored value (a member the model does not name) is skipped: the scan checked it;
//! - everything else is serde_json itself, reading the value's text.
//!
//! Any error abandons this path and the whole text is parsed again by [`super::typed::parse_typed`], so
//! that errors (their codes, messages and member paths) are serde_json's, as they were. Only a
//! success is taken from here; `src/input/json.rs`'s tests hold its models to serde_json's on every
//! committed vector, the fuzz corpora and mutations of the vectors.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::typed::{parse_typed, CheckedText};
use crate::error::Error;

/// Parses the top-level object of `checked` into `T`, naming the document `doc` in errors: from
/// the scan's members when it has them, else (and on any error) as [`parse_typed`] does.
///
/// # Errors
/// As [`parse_typed`].
pub(crate) fn parse_root<'a, T: Deserialize<'a>>(
    doc: &str,
    checked: &CheckedText<'a>,
) -> Result<T, Error> {
    if let Some(values) = checked.root_values.as_deref() {
        if checked.root_is_object && values.len() == checked.root_keys.len() {
            if let Ok(value) = T::deserialize(Root { keys: &checked.root_keys, values }) {
                return Ok(value);
            }
        }
    }
    parse_typed(doc, checked.text)
}

/// The model read from the scanned members alone, without the fallback: `None` when the scan
/// has none. For the tests that hold this path to serde_json's.
#[cfg(test)]
pub(super) fn from_members<'a, T: Deserialize<'a>>(checked: &CheckedText<'a>) -> Option<Result<T>> {
    let values = checked.root_values.as_deref()?;
    (checked.root_is_object && values.len() == checked.root_keys.len())
        .then(|| T::deserialize(Root { keys: &checked.root_keys, values }))
}

/// [`unescape`], for the tests.
#[cfg(test)]
pub(super) fn unescape_for_tests(inner: &str) -> Option<String> {
    unescape(inner)
}

/// The reason this path gives up; never shown, the full parse runs instead.
#[derive(Debug)]
struct Fallback;

impl fmt::Display for Fallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not read from the scanned members")
    }
}

/// An error from serde_json or from a visitor: either way, the full parse takes over.
type Result<T, E = serde_json::Error> = std::result::Result<T, E>;

/// Methods that leave the value to the full parse.
macro_rules! fallback {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'a>>(self, _: V) -> Result<V::Value> {
                Err(de::Error::custom(Fallback))
            }
        )*
    };
}

/// Methods with a type name that leave the value to the full parse.
macro_rules! fallback_named {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'a>>(self, _: &'static str, _: V) -> Result<V::Value> {
                Err(de::Error::custom(Fallback))
            }
        )*
    };
}

/// The top-level object, as its members.
struct Root<'c, 'a> {
    keys: &'c [Cow<'a, str>],
    values: &'c [&'a str],
}

impl<'a> Deserializer<'a> for Root<'_, 'a> {
    type Error = serde_json::Error;

    /// An object is a map to serde_json's `deserialize_any`, `_map` and `_struct` alike.
    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_map(RootMembers {
            keys: self.keys.iter(),
            values: self.values.iter(),
            value: None,
        })
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    // Any other request of a top-level object: not this path's to answer.
    fallback! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_option
        deserialize_unit deserialize_seq deserialize_identifier deserialize_ignored_any
    }
    fallback_named! { deserialize_unit_struct deserialize_newtype_struct }

    fn deserialize_tuple<V: Visitor<'a>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(de::Error::custom(Fallback))
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value> {
        Err(de::Error::custom(Fallback))
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value> {
        Err(de::Error::custom(Fallback))
    }
}

struct RootMembers<'c, 'a> {
    keys: std::slice::Iter<'c, Cow<'a, str>>,
    values: std::slice::Iter<'c, &'a str>,
    value: Option<&'a str>,
}

impl<'a> MapAccess<'a> for RootMembers<'_, 'a> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(key) = self.keys.next() else { return Ok(None) };
        self.value = self.values.next().copied();
        seed.deserialize(Key(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value> {
        let value = self.value.take().ok_or_else(|| de::Error::custom(Fallback))?;
        seed.deserialize(Value(value))
    }

    /// The members left: a model that keeps every member sizes its list once.
    fn size_hint(&self) -> Option<usize> {
        Some(self.keys.len())
    }
}

/// A member name, as serde_json's map keys read it: borrowed (`visit_borrowed_str`) unless it
/// had escapes (`visit_str`).
struct Key<'c, 'a>(&'c Cow<'a, str>);

impl<'a> Deserializer<'a> for Key<'_, 'a> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Cow::Borrowed(name) => visitor.visit_borrowed_str(name),
            Cow::Owned(name) => visitor.visit_str(name),
        }
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    // Names read as numbers, bytes, options or enums (serde_json has rules of its own for
    // those): not this path's to answer.
    fallback! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_option deserialize_unit deserialize_seq deserialize_map
    }
    fallback_named! { deserialize_unit_struct deserialize_newtype_struct }

    fn deserialize_tuple<V: Visitor<'a>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(de::Error::custom(Fallback))
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value> {
        Err(de::Error::custom(Fallback))
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value> {
        Err(de::Error::custom(Fallback))
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value> {
        Err(de::Error::custom(Fallback))
    }
}

/// A member's value: its text, one JSON value without surrounding whitespace.
struct Value<'a>(&'a str);

impl<'a> Value<'a> {
    fn json(&self) -> serde_json::Deserializer<serde_json::de::StrRead<'a>> {
        serde_json::Deserializer::from_str(self.0)
    }

    /// The contents of a string value: borrowed without escapes, unescaped otherwise. `None` for
    /// any other value, or an escape this does not read (left to serde_json).
    fn string(&self) -> Option<Cow<'a, str>> {
        let inner = self.0.strip_prefix('"')?.strip_suffix('"')?;
        if !inner.contains('\\') {
            return Some(Cow::Borrowed(inner));
        }
        unescape(inner).map(Cow::Owned)
    }

    /// A value of digits alone that fits a `u64` (a JWT's NumericDate, say): serde_json reads it
    /// as that `u64` too (`visit_u64`), but with its `arbitrary_precision` feature on (which any
    /// crate beside vpcheck may switch on) only after copying the digits into a `String`.
    fn unsigned(&self) -> Option<u64> {
        if self.0.bytes().all(|b| b.is_ascii_digit()) {
            self.0.parse().ok()
        } else {
            None
        }
    }

    fn visit_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.string() {
            Some(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Some(Cow::Owned(s)) => visitor.visit_string(s),
            None => self.json().deserialize_any(visitor),
        }
    }
}

/// Forwards each named method to serde_json reading the value's text.
macro_rules! to_serde_json {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
                self.json().$method(visitor)
            }
        )*
    };
}

impl<'a> Deserializer<'a> for Value<'a> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        if self.0.starts_with('"') {
            self.visit_string(visitor)
        } else if let Some(n) = self.unsigned() {
            visitor.visit_u64(n)
        } else {
            self.json().deserialize_any(visitor)
        }
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        if self.0.starts_with('"') {
            self.visit_string(visitor)
        } else {
            self.json().deserialize_str(visitor)
        }
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    /// `null` is `None`; anything else is `Some` of the value, as in serde_json.
    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        if self.0 == "null" {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// A member the model does not read: the scan checked it, nothing to parse.
    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    to_serde_json! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.json().deserialize_unit_struct(name, visitor)
    }

    /// serde_json's `RawValue` among them: it borrows the value's text.
    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.json().deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, len: usize, visitor: V) -> Result<V::Value> {
        self.json().deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.json().deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.json().deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.json().deserialize_enum(name, variants, visitor)
    }
}

/// The contents of a JSON string (RFC 8259 section 7) that the scan checked, unescaped as
/// serde_json unescapes a string: a `\u` escape of a high surrogate joins the low one after it.
/// `None` for anything else (a lone surrogate, which the scan does not accept either).
///
/// Eight bytes are copied at a time and the copy cut back at the first backslash among them;
/// the output is never longer than `inner`, so its buffer is allocated once, at that length.
fn unescape(inner: &str) -> Option<String> {
    let bytes = inner.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut pos = 0;
    loop {
        while let Some(chunk) = bytes.get(pos..).and_then(<[u8]>::first_chunk::<8>) {
            out.extend_from_slice(chunk);
            let word = u64::from_le_bytes(*chunk) ^ (ONES * u64::from(b'\\'));
            let backslashes = word.wrapping_sub(ONES) & !word & HIGHS;
            if backslashes != 0 {
                // Bytes before the first backslash (the lowest flagged byte is exact).
                let plain = usize::try_from(backslashes.trailing_zeros() / 8).unwrap_or(0);
                out.truncate(out.len() - (8 - plain));
                pos += plain;
                break;
            }
            pos += 8;
        }
        while let Some(&b) = bytes.get(pos) {
            if b == b'\\' {
                break;
            }
            out.push(b);
            pos += 1;
        }
        if pos == bytes.len() {
            return String::from_utf8(out).ok();
        }
        // A backslash at `pos`.
        let byte = match *bytes.get(pos + 1)? {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let unit = hex4(bytes.get(pos + 2..pos + 6)?)?;
                let (ch, len) = if (0xD800..=0xDBFF).contains(&unit) {
                    if bytes.get(pos + 6..pos + 8)? != b"\\u" {
                        return None;
                    }
                    let low = hex4(bytes.get(pos + 8..pos + 12)?)?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return None;
                    }
                    (char::from_u32(0x1_0000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?, 12)
                } else {
                    // A lone low surrogate is no char: `None`.
                    (char::from_u32(unit)?, 6)
                };
                out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                pos += len;
                continue;
            }
            _ => return None,
        };
        out.push(byte);
        pos += 2;
    }
}

/// `0x0101...01`: one in each byte of a word.
const ONES: u64 = u64::MAX / 255;
/// `0x8080...80`: the high bit of each byte of a word.
const HIGHS: u64 = ONES << 7;

/// Four hex digits, either case.
fn hex4(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0, |unit, &d| Some(unit * 16 + char::from(d).to_digit(16)?))
}
