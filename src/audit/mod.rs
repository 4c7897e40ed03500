//! What an audit of stored results needs beside [`crate::parse`] and
//! [`crate::Unverified::verify`]: one item verified at the instant the auditor chooses
//! ([`audit_item`]), the instant to judge a result at (a member of the result, or the instant
//! its own signed content states) and a bounded reader of newline-delimited inputs. `vpcheck
//! audit` is built on these, and so can any other batch runner (the Python package's
//! `verify_batch` is).

mod instant;
mod item;
mod ndjson;

pub use instant::{instant_at_field, signed_instant};
pub use item::{audit_item, AuditedItem, JudgeAt};
pub use ndjson::{NdjsonLine, NdjsonLines};
