//! JSON-LD to canonical N-Quads, offline (RDF Dataset Canonicalization, RDFC-1.0). Filled in by
//! the `ld` feature; without it, suites that need canonicalisation are reported unchecked.

use crate::data_integrity::Canonicalize;
use crate::policy::Policy;

/// The canonicaliser for `policy`'s contexts, when this build has one.
pub(crate) fn canonicalizer(_policy: &Policy) -> Option<NoCanonicalizer> {
    None
}

/// Placeholder until the `ld` feature lands.
pub(crate) struct NoCanonicalizer;

impl Canonicalize for NoCanonicalizer {
    fn canonical_nquads(&self, field: &str, _document: &serde_json::Value) -> Result<String, crate::error::Error> {
        Err(crate::error::Error::ProofNotChecked {
            field: field.to_owned(),
            proof_type: "JSON-LD".into(),
            reason: "no canonicaliser in this build".into(),
        })
    }
}
