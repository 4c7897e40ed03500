//! What an audit of stored results needs beside [`crate::parse`] and
//! [`crate::Unverified::verify`]: the instant to judge each result at (a member of the result, or
//! the instant its own signed content states) and a bounded reader of newline-delimited inputs.
//! `vpcheck audit` is built on these, and so can any other batch runner.

mod instant;
mod ndjson;

pub use instant::{instant_at_field, signed_instant};
pub use ndjson::{NdjsonLine, NdjsonLines};
