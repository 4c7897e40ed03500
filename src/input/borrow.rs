//! Deserialization helpers that borrow from the input wherever serde's defaults would copy.
//!
//! serde borrows a `Cow<'a, str>` only when it is the field's whole type; inside an `Option`, a
//! `Vec` or as a map key it silently allocates. These helpers keep strings borrowed in those
//! positions too (a string with escapes still has to be unescaped into an owned copy).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::error::Error;

struct CowVisitor;

impl<'a> Visitor<'a> for CowVisitor {
    type Value = Cow<'a, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E>(self, v: &'a str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// A string, borrowed when it has no escapes.
pub(crate) fn cow<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Cow<'a, str>, D::Error> {
    d.deserialize_str(CowVisitor)
}

/// An optional string: absent or `null` is `None`.
pub(crate) fn opt_cow<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Cow<'a, str>>, D::Error> {
    struct V;
    impl<'a> Visitor<'a> for V {
        type Value = Option<Cow<'a, str>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or null")
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'a>>(self, d: D) -> Result<Self::Value, D::Error> {
            cow(d).map(Some)
        }
    }
    d.deserialize_option(V)
}

/// A JSON string held in a raw value, borrowed from the input when it has no escapes.
pub(crate) fn str_from_raw<'a>(field: &str, raw: &'a RawValue) -> Result<Cow<'a, str>, Error> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    cow(&mut de).map_err(|_| Error::invalid(field, "expected a string"))
}

/// A newtype for a borrowed string in positions serde cannot borrow by itself (sequences).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text<'a>(pub Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        cow(d).map(Text)
    }
}

/// JSON-LD's "one or many": a single string or an array of strings (`type`, `@context` terms).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OneOrMany<'a>(pub Vec<Cow<'a, str>>);

impl<'a> OneOrMany<'a> {
    /// Whether `value` is one of the entries.
    pub fn contains(&self, value: &str) -> bool {
        self.0.iter().any(|v| v == value)
    }
    /// The entries.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|v| v.as_ref())
    }
}

impl Serialize for OneOrMany<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for OneOrMany<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'a> Visitor<'a> for V {
            type Value = OneOrMany<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an array of strings")
            }
            fn visit_borrowed_str<E>(self, v: &'a str) -> Result<Self::Value, E> {
                Ok(OneOrMany(vec![Cow::Borrowed(v)]))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(OneOrMany(vec![Cow::Owned(v.to_owned())]))
            }
            fn visit_seq<A: SeqAccess<'a>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(Text(t)) = seq.next_element()? {
                    out.push(t);
                }
                Ok(OneOrMany(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// An object's members in document order, keys borrowed from the input. Duplicates cannot reach
/// here: the structure pass rejected them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Members<'a, V>(pub Vec<(Cow<'a, str>, V)>);

impl<'a, V> Members<'a, V> {
    /// The value of member `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// The member names, in document order.
    pub fn keys(&self) -> impl Iterator<Item = &str> + Clone {
        self.0.iter().map(|(k, _)| k.as_ref())
    }
    /// The members, in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }
    /// How many members.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: Serialize> Serialize for Members<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de: 'a, 'a, V: Deserialize<'de>> Deserialize<'de> for Members<'a, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct M<V>(PhantomData<V>);
        impl<'de: 'a, 'a, V: Deserialize<'de>> Visitor<'de> for M<(&'a (), V)> {
            type Value = Members<'a, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                // Sized once from the members the structure pass found, when the deserializer
                // knows them (one allocation whatever their number), and never trusting a hint
                // beyond a bound.
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
                while let Some(key) = map.next_key_seed(KeySeed)? {
                    out.push((key, map.next_value()?));
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(M::<(&'a (), V)>(PhantomData))
    }
}

struct KeySeed;

impl<'a> DeserializeSeed<'a> for KeySeed {
    type Value = Cow<'a, str>;
    fn deserialize<D: Deserializer<'a>>(self, d: D) -> Result<Cow<'a, str>, D::Error> {
        d.deserialize_str(CowVisitor)
    }
}

/// A value that may be a string or a number (ids and dates some vendors send either way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextOrNumber<'a> {
    /// Sent as a string.
    Text(Cow<'a, str>),
    /// Sent as an integer.
    Number(i64),
}

impl fmt::Display for TextOrNumber<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextOrNumber::Text(t) => f.write_str(t),
            TextOrNumber::Number(n) => write!(f, "{n}"),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for TextOrNumber<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'a> Visitor<'a> for V {
            type Value = TextOrNumber<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an integer")
            }
            fn visit_borrowed_str<E>(self, v: &'a str) -> Result<Self::Value, E> {
                Ok(TextOrNumber::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TextOrNumber::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(TextOrNumber::Number(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                i64::try_from(v)
                    .map(TextOrNumber::Number)
                    .map_err(|_| E::custom(format!("{v} is out of range")))
            }
        }
        d.deserialize_any(V)
    }
}
