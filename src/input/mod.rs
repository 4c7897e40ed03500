//! The input layer: bytes in, a checked JSON structure (or a compact JWS) out, and the format it
//! is. Size, encoding, nesting depth, duplicate member names and trailing data are decided here,
//! once, for the input and for every JSON document carried inside it. This layer knows no vendor
//! model: the models borrow from what it checked.

pub(crate) mod borrow;
pub(crate) mod detect;
pub(crate) mod json;
