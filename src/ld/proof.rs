//! What every JSON-LD proof suite shares: the [`ProofSuite`] trait each suite implements (one
//! file each: [`crate::ld::eddsa`], [`crate::ld::ecdsa`], [`crate::ld::jws2020`], [`crate::ld::bbs2020`]; the
//! registry of this build's suites is [`crate::ld::suites`]), the canonicaliser they read
//! documents through ([`Canonicalize`]), a secured document taken apart for one proof (VC Data
//! Integrity section 4.1), and what a verified proof vouches for ([`VerifiedProof`]).

use serde_json::{Map, Value};

use crate::did::DidDocuments;
use crate::error::Error;
use crate::ld::dataset::Dataset;

/// Turns a JSON-LD document into canonical N-Quads (RDFC-1.0), offline.
pub(crate) trait Canonicalize {
    /// The canonical N-Quads and the canonically labelled dataset.
    ///
    /// # Errors
    /// `context.unavailable` for an unknown context (could not check), `field.invalid` for a
    /// document that is not valid JSON-LD.
    fn canonical(&self, field: &str, document: &Value) -> Result<Canonical, Error>;

    /// The dataset only, with blank node labels of the processor's choosing: what a document
    /// signed as JSON (eddsa-jcs-2022) states.
    ///
    /// # Errors
    /// As [`Canonicalize::canonical`].
    fn dataset(&self, field: &str, document: &Value) -> Result<Dataset, Error>;

    /// RDFC-1.0 over a dataset already read (a deskolemised document, W3C vc-di-ecdsa section
    /// 3.4.9), with the identifiers it issued, charged to the work budget as a document is.
    ///
    /// # Errors
    /// The limits' errors (`limit.*`), `field.invalid` when canonicalisation fails.
    #[cfg_attr(not(feature = "ld"), allow(dead_code))]
    fn canonical_dataset(&self, field: &str, dataset: &Dataset) -> Result<IssuedCanonical, Error>;

    /// Takes `units` of the verification's work budget for `step` (README, "Bounded work"), or
    /// refuses it.
    ///
    /// # Errors
    /// `limit.work`.
    #[cfg_attr(not(feature = "bbs"), allow(dead_code))]
    fn charge(&self, field: &str, step: &'static str, units: u64) -> Result<(), Error>;
}

/// A dataset's canonical N-Quads with the identifiers RDFC-1.0 issued (section 4.4): what the
/// selective-disclosure suites relabel (W3C vc-di-ecdsa section 3.4.1,
/// labelReplacementCanonicalizeNQuads).
#[cfg_attr(not(feature = "ld"), allow(dead_code))]
pub(crate) struct IssuedCanonical {
    /// The canonical N-Quads, one statement a line, each ending in `" .\n"`, sorted.
    pub lines: Vec<String>,
    /// Input blank node label to canonical label (`c14nN`).
    pub issued: std::collections::HashMap<String, String>,
}

/// A document's canonical form (RDFC-1.0 section 4.4) and the dataset it serialises.
pub(crate) struct Canonical {
    pub nquads: String,
    pub dataset: Dataset,
}

/// A secured document taken apart for one of its proofs (VC Data Integrity section 4.1: every
/// proof of a set signs the document without any `proof`).
pub(crate) struct SplitProof {
    /// The document without `proof`.
    pub unsecured: Map<String, Value>,
    /// The proof without its signature member: the proof options.
    pub options: Map<String, Value>,
    /// The signature member removed from the proof (`proofValue`, `jws`).
    pub signature: String,
    /// `proofPurpose`.
    pub purpose: String,
    /// `verificationMethod`.
    pub verification_method: String,
}

/// Takes proof `index` out of `document` and its `signature_member` out of the proof.
///
/// # Errors
/// `field.missing` / `field.invalid` for an absent or mistyped proof or member.
pub(crate) fn split_proof(
    field: &str,
    document: &str,
    index: usize,
    signature_member: &str,
) -> Result<SplitProof, Error> {
    let mut unsecured: Map<String, Value> =
        serde_json::from_str(document).map_err(|e| Error::invalid(field, e.to_string()))?;
    let proof = match unsecured.remove("proof") {
        Some(Value::Array(mut all)) if index < all.len() => all.swap_remove(index),
        Some(one @ Value::Object(_)) if index == 0 => one,
        _ => return Err(Error::missing(field)),
    };
    let Value::Object(mut options) = proof else {
        return Err(Error::invalid(field, "a proof is an object"));
    };
    let signature = take_string(&mut options, field, signature_member)?;
    let member = |options: &Map<String, Value>, name: &str| {
        options
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| Error::missing(format!("{field}.{name}")))
    };
    let purpose = member(&options, "proofPurpose")?;
    let verification_method = member(&options, "verificationMethod")?;
    Ok(SplitProof { unsecured, options, signature, purpose, verification_method })
}

/// Removes string member `name` from a proof.
///
/// # Errors
/// `field.missing` when absent, `field.invalid` when not a string.
pub(crate) fn take_string(
    options: &mut Map<String, Value>,
    field: &str,
    name: &str,
) -> Result<String, Error> {
    match options.remove(name) {
        Some(Value::String(v)) => Ok(v),
        Some(_) => Err(Error::invalid(format!("{field}.{name}"), "not a string")),
        None => Err(Error::missing(format!("{field}.{name}"))),
    }
}

/// The data an Ed25519 or JWS 2020 proof signs: SHA-256 of the canonical proof options, then of
/// the canonical document (suite sections "Hashing").
pub(crate) fn hash_data(proof_canonical: &str, document_canonical: &str) -> Vec<u8> {
    hash_data_with(&ring::digest::SHA256, proof_canonical, document_canonical)
}

/// The hash of the canonical proof options, then of the canonical document, with `hash`: SHA-256
/// for the EdDSA suites, the key's curve's for the ECDSA ones (vc-di-ecdsa sections 3.2.4,
/// 3.3.4: SHA-256 for P-256, SHA-384 for P-384).
pub(crate) fn hash_data_with(
    hash: &'static ring::digest::Algorithm,
    proof_canonical: &str,
    document_canonical: &str,
) -> Vec<u8> {
    let mut data = Vec::with_capacity(2 * hash.output_len());
    data.extend_from_slice(ring::digest::digest(hash, proof_canonical.as_bytes()).as_ref());
    data.extend_from_slice(ring::digest::digest(hash, document_canonical.as_bytes()).as_ref());
    data
}

/// How a Data Integrity suite turns the unsecured document and the proof options into the text
/// it hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transform {
    /// RFC 8785 canonical JSON (`eddsa-jcs-2022`, `ecdsa-jcs-2019`).
    Jcs,
    /// RDFC-1.0 canonical N-Quads of the JSON-LD (`eddsa-rdfc-2022`, `ecdsa-rdfc-2019`,
    /// `Ed25519Signature2020`).
    Rdfc,
}

/// The canonical proof options and document of one proof, and what they state.
pub(crate) struct Transformed {
    /// The canonical proof options (proof configuration).
    pub proof_canonical: String,
    /// The canonical unsecured document.
    pub document_canonical: String,
    datasets: Datasets,
}

/// What a proof vouches for: read while canonicalising (RDF suites), or still to be read from
/// the signed JSON (JCS suites), which is done only once its signature verified.
enum Datasets {
    Read { document: Dataset, options: Dataset },
    FromJson { options: Value, unsecured: Value },
}

/// The canonical forms a Data Integrity suite hashes (the "Transformation" and "Proof
/// Configuration" sections of vc-di-eddsa and vc-di-ecdsa, identical for both families).
///
/// # Errors
/// `proof.invalid` when a JCS proof's `@context` is not a prefix of the document's, and the
/// canonicaliser's errors (`proof.not_checked` without one, for the RDF suites).
pub(crate) fn transform(
    field: &str,
    suite: &str,
    how: Transform,
    mut unsecured: Map<String, Value>,
    mut options: Map<String, Value>,
    rdfc: Option<&dyn Canonicalize>,
) -> Result<Transformed, Error> {
    match how {
        Transform::Jcs => {
            // eddsa-jcs-2022 section 3.3.2 and ecdsa-jcs-2019 section 3.3.2 ("Verify Proof"):
            // proof options with an `@context` must be a prefix of the document's, which is
            // then replaced by it.
            if let Some(context) = options.get("@context") {
                let as_list = |v: &Value| match v {
                    Value::Array(a) => a.clone(),
                    other => vec![other.clone()],
                };
                let doc_context = unsecured.get("@context").map(as_list).unwrap_or_default();
                let proof_context = as_list(context);
                if !doc_context.starts_with(&proof_context) {
                    return Err(Error::ProofInvalid {
                        field: field.to_owned(),
                        proof_type: suite.to_owned(),
                        reason: "the proof's @context is not a prefix of the document's".into(),
                    });
                }
                unsecured.insert("@context".into(), context.clone());
            }
            let (options, unsecured) = (Value::Object(options), Value::Object(unsecured));
            Ok(Transformed {
                proof_canonical: jcs(&options)?,
                document_canonical: jcs(&unsecured)?,
                datasets: Datasets::FromJson { options, unsecured },
            })
        }
        Transform::Rdfc => {
            let rdfc = rdfc.ok_or_else(|| no_canonicaliser(field, suite))?;
            // The "Proof Configuration" sections (vc-di-eddsa 3.2.5 / 3.4.5, vc-di-ecdsa 3.2.5):
            // the proof options take the document's `@context`.
            if let Some(context) = unsecured.get("@context") {
                options.insert("@context".into(), context.clone());
            }
            let options = rdfc.canonical(&format!("{field}(options)"), &Value::Object(options))?;
            let document = rdfc.canonical(field, &Value::Object(unsecured))?;
            Ok(Transformed {
                proof_canonical: options.nquads,
                document_canonical: document.nquads,
                datasets: Datasets::Read { document: document.dataset, options: options.dataset },
            })
        }
    }
}

impl Transformed {
    /// The statements of the document and of the proof options, in that order; call only once
    /// the signature verified.
    ///
    /// # Errors
    /// The canonicaliser's (`proof.not_checked` without one).
    pub(crate) fn datasets(
        self,
        field: &str,
        suite: &str,
        rdfc: Option<&dyn Canonicalize>,
    ) -> Result<(Dataset, Dataset), Error> {
        match self.datasets {
            Datasets::Read { document, options } => Ok((document, options)),
            // The JSON is signed; what it states is its dataset, read with the same contexts as
            // the RDF suites' (the proof options take the document's `@context`).
            Datasets::FromJson { mut options, unsecured } => {
                let rdfc = rdfc.ok_or_else(|| no_canonicaliser(field, suite))?;
                if let (Some(context), Some(o)) =
                    (unsecured.get("@context"), options.as_object_mut())
                {
                    o.entry("@context").or_insert_with(|| context.clone());
                }
                Ok((
                    rdfc.dataset(field, &unsecured)?,
                    rdfc.dataset(&format!("{field}(options)"), &options)?,
                ))
            }
        }
    }
}

/// RFC 8785 canonical JSON.
pub(crate) fn jcs(value: &Value) -> Result<String, Error> {
    serde_json_canonicalizer::to_string(value).map_err(|e| Error::invalid("(jcs)", e.to_string()))
}

/// The "could not check" of an RDF suite in a build without the `ld` feature.
pub(crate) fn no_canonicaliser(field: &str, suite: &str) -> Error {
    Error::ProofNotChecked {
        field: field.to_owned(),
        proof_type: suite.to_owned(),
        reason: "this build has no JSON-LD canonicalisation (the `ld` feature is off)".into(),
    }
}

/// What a verified proof was checked with, and what it vouches for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VerifiedProof {
    pub verification_method: String,
    pub controller: String,
    /// The statements of the document the proof signs (for a derived proof, the revealed ones):
    /// the only source of the claims and of every value a check reads.
    pub document: Dataset,
    /// The statements of the proof options (`created`, ...), signed with the document.
    pub options: Dataset,
    /// Whether the proof discloses a selection of what the issuer signed (a derived BBS+ proof):
    /// what it withholds cannot be checked.
    pub selective: bool,
    /// A bbs-2023 derived proof's presentation header (vc-di-bbs createDisclosureData; the IETF BBS
    /// `ProofGen` input `ph`): bound into the proof's challenge, so signed by the holder who
    /// derived it. `None` for every other proof.
    pub presentation_header: Option<Vec<u8>>,
}

/// What a suite may read to verify one proof: the policy's keys, algorithms, instant and
/// limits, the canonicaliser, and the expanded-key cache.
pub(crate) struct ProofContext<'a> {
    /// Keys: `did:key` and the caller's DID documents.
    pub dids: &'a DidDocuments,
    /// The canonicaliser, when this build has one (feature `ld`).
    pub rdfc: Option<&'a dyn Canonicalize>,
    /// The verification instant (a JWK's `nbf`/`exp` window is judged at it).
    pub at: chrono::DateTime<chrono::Utc>,
    /// The JWS algorithms the policy allows.
    pub algorithms: &'a [crate::jose::alg::Algorithm],
    /// The policy's limits.
    pub limits: &'a crate::limits::Limits,
    /// Expanded BBS+ issuer keys ([`crate::Caches`]).
    #[cfg(feature = "bbs")]
    pub bbs_keys: &'a crate::ld::bbs2020::blst::KeyCache,
    /// The IETF BBS generators of bbs-2023 ([`crate::Caches`]).
    #[cfg(feature = "bbs")]
    pub bbs2023_generators: &'a crate::ld::bbs2023::core::GeneratorCache,
}

/// A proof suite: verifies proof `index` of `document` (the whole secured document, JSON text
/// through the structure pass) and says what it vouches for. One implementation per suite
/// specification, each in its own file.
pub(crate) trait ProofSuite: Sync {
    /// Verifies the proof.
    ///
    /// # Errors
    /// `proof.invalid` when the signature does not verify, `field.*` for proof members of the
    /// wrong shape, the key resolution errors of [`DidDocuments`], the canonicaliser's errors,
    /// and `proof.not_checked` when this build cannot check the suite (no canonicaliser).
    fn verify(
        &self,
        field: &str,
        document: &str,
        index: usize,
        cx: &ProofContext<'_>,
    ) -> Result<VerifiedProof, Error>;
}
