//! JSON-LD and its proofs: the offline context loader and canonicalisation ([`canon`]), the
//! signed statements' dataset and the checks that the JSON read matches it ([`dataset`],
//! [`surface`]), the cost bounds every step is charged against ([`cost`]), the Data Integrity
//! suites behind one trait ([`proof`]), BBS+ 2020 ([`bbs2020`]), and status lists.

#[cfg(feature = "bbs")]
pub(crate) mod bbs2020;
pub(crate) mod canon;
#[cfg(feature = "ld")]
pub(crate) mod cost;
pub(crate) mod dataset;
pub(crate) mod proof;
pub(crate) mod status_list;
pub(crate) mod surface;

pub(crate) use canon::canonicalizer;
pub use canon::SHIPPED_CONTEXTS;
#[cfg(feature = "ld")]
pub(crate) use canon::{rdfc10, suite};
pub use surface::TRINSIC_VOCAB_CONTEXT;
