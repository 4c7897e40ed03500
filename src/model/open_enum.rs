//! Open enums: vendors add values over time, so an unknown value is kept and reported, never a
//! parse error (Trinsic, for one, renumbered its fail codes in 2023 and renamed its states in its
//! 2024 REST API), and never mistaken for a known one.

/// A value of an open enum as sent: a name or a number (proto3 JSON allows enum numbers).
pub use crate::input::borrow::TextOrNumber as OpenValue;

/// Declares an open enum: known variants with their names (canonical first, then other
/// spellings) and optionally their number, plus `Unknown(OpenValue)`.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident $(= $num:literal)? => [$first:literal $(, $alias:literal)*] ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum $name<'a> {
            $( $(#[$vmeta])* $variant, )*
            /// A value this library does not know, kept as sent.
            Unknown($crate::model::open_enum::OpenValue<'a>),
        }

        impl<'a> $name<'a> {
            /// The canonical name of a known value, or the value as sent.
            pub fn name(&self) -> std::borrow::Cow<'_, str> {
                match self {
                    $( Self::$variant => std::borrow::Cow::Borrowed($first), )*
                    Self::Unknown($crate::model::open_enum::OpenValue::Text(n)) => std::borrow::Cow::Borrowed(n.as_ref()),
                    Self::Unknown(v) => std::borrow::Cow::Owned(v.to_string()),
                }
            }

            /// Whether this value is one this library knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }

            /// The OpenAPI placeholder `""` stands for an absent value.
            #[allow(dead_code)]
            pub(crate) fn is_placeholder(&self) -> bool {
                matches!(self, Self::Unknown($crate::model::open_enum::OpenValue::Text(n)) if n.is_empty())
            }

            fn from_name(s: &str) -> Option<Self> {
                match s {
                    $( $first $(| $alias)* => Some(Self::$variant), )*
                    _ => None,
                }
            }

            #[allow(unused_variables)]
            fn from_number(n: i64) -> Option<Self> {
                $( $( if n == $num { return Some(Self::$variant); } )? )*
                None
            }
        }

        impl<'de: 'a, 'a> serde::Deserialize<'de> for $name<'a> {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = $crate::model::open_enum::OpenValue::deserialize(d)?;
                let known = match &raw {
                    $crate::model::open_enum::OpenValue::Text(s) => Self::from_name(s),
                    $crate::model::open_enum::OpenValue::Number(n) => Self::from_number(*n),
                };
                Ok(known.unwrap_or(Self::Unknown(raw)))
            }
        }

        impl std::fmt::Display for $name<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.name())
            }
        }
    };
}

pub(crate) use open_enum;
