//! Data Integrity proofs with Ed25519 (W3C VC Data Integrity EdDSA Cryptosuites v1.0,
//! <https://www.w3.org/TR/vc-di-eddsa/>): `eddsa-jcs-2022` (JCS, RFC 8785), `eddsa-rdfc-2022`
//! and `Ed25519Signature2020` (RDF Dataset Canonicalization). Each hashes the canonical proof
//! options and the canonical document with SHA-256 and verifies one Ed25519 signature over the
//! two hashes (sections 3.2.4-3.2.6 and 3.3.4-3.3.6 of the suite specification).

use serde_json::Value;

use crate::did::{DidDocuments, PublicKey};
use crate::error::Error;
use crate::ld::dataset::Dataset;
use crate::ld::proof::{
    hash_data, no_canonicaliser, split_proof, Canonicalize, ProofContext, ProofSuite, SplitProof,
    VerifiedProof,
};

/// The suites of the EdDSA cryptosuites specification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EddsaSuite {
    Jcs2022,
    Rdfc2022,
    Ed25519Signature2020,
}

impl EddsaSuite {
    pub(crate) fn name(self) -> &'static str {
        match self {
            EddsaSuite::Jcs2022 => "DataIntegrityProof/eddsa-jcs-2022",
            EddsaSuite::Rdfc2022 => "DataIntegrityProof/eddsa-rdfc-2022",
            EddsaSuite::Ed25519Signature2020 => "Ed25519Signature2020",
        }
    }
}

impl ProofSuite for EddsaSuite {
    fn verify(
        &self,
        field: &str,
        document: &str,
        index: usize,
        cx: &ProofContext<'_>,
    ) -> Result<VerifiedProof, Error> {
        verify_eddsa(field, document, index, *self, cx.dids, cx.rdfc)
    }
}

/// Verifies proof `index` of `document` (the whole secured document, JSON text through the
/// structure pass) under `suite`.
///
/// # Errors
/// `proof.invalid` when the signature does not verify, `proof.purpose`, `field.*` for proof
/// members of the wrong shape, the key resolution errors of [`DidDocuments`], and the
/// canonicaliser's errors.
pub(crate) fn verify_eddsa(
    field: &str,
    document: &str,
    index: usize,
    suite: EddsaSuite,
    dids: &DidDocuments,
    rdfc: Option<&dyn Canonicalize>,
) -> Result<VerifiedProof, Error> {
    let invalid = |reason: &str| Error::ProofInvalid {
        field: field.to_owned(),
        proof_type: suite.name().to_owned(),
        reason: reason.to_owned(),
    };
    let SplitProof {
        mut unsecured,
        mut options,
        signature: proof_value,
        purpose,
        verification_method: vm,
    } = split_proof(field, document, index, "proofValue")?;

    // The RDF suites' datasets come with their canonical forms; a JCS-signed document's are
    // read from the JSON once its signature verified (below), not for a proof that fails.
    let (proof_canonical, document_canonical, datasets) = match suite {
        EddsaSuite::Jcs2022 => {
            // eddsa-jcs-2022 section 3.3.2: proof options with an `@context` must be a prefix of
            // the document's, which is then replaced by it.
            if let Some(context) = options.get("@context") {
                let as_list = |v: &Value| match v {
                    Value::Array(a) => a.clone(),
                    other => vec![other.clone()],
                };
                let doc_context = unsecured.get("@context").map(as_list).unwrap_or_default();
                let proof_context = as_list(context);
                if !doc_context.starts_with(&proof_context) {
                    return Err(invalid("the proof's @context is not a prefix of the document's"));
                }
                unsecured.insert("@context".into(), context.clone());
            }
            let (options, unsecured) = (Value::Object(options), Value::Object(unsecured));
            (jcs(&options)?, jcs(&unsecured)?, Datasets::FromJson { options, unsecured })
        }
        EddsaSuite::Rdfc2022 | EddsaSuite::Ed25519Signature2020 => {
            let rdfc = rdfc.ok_or_else(|| no_canonicaliser(field, suite.name()))?;
            // Sections 3.2.5 / 3.4.5 ("Proof Configuration"): the proof options take the
            // document's `@context`.
            if let Some(context) = unsecured.get("@context") {
                options.insert("@context".into(), context.clone());
            }
            let options = rdfc.canonical(&format!("{field}(options)"), &Value::Object(options))?;
            let document = rdfc.canonical(field, &Value::Object(unsecured))?;
            (
                options.nquads,
                document.nquads,
                Datasets::Read { document: document.dataset, options: options.dataset },
            )
        }
    };
    let hash_data = hash_data(&proof_canonical, &document_canonical);

    let resolved = dids.resolve(&format!("{field}.verificationMethod"), &vm, &purpose)?;
    let key = match &resolved.key {
        PublicKey::Ed25519(k) => *k,
        PublicKey::Jwk(_) | PublicKey::Bls12381G2(_) => {
            return Err(Error::KeyAlgMismatch {
                field: field.to_owned(),
                alg: suite.name().to_owned(),
                kid: vm,
                reason: "the suite needs an Ed25519 key".into(),
            })
        }
    };
    // Multibase base58btc (`z`), 64 bytes (section 2.2.1, "proofValue").
    let signature = proof_value
        .strip_prefix('z')
        .and_then(|b| bs58::decode(b.as_bytes()).into_vec().ok())
        .filter(|s| s.len() == 64)
        .ok_or_else(|| {
            Error::invalid(
                format!("{field}.proofValue"),
                "not a base58btc multibase Ed25519 signature",
            )
        })?;
    let key = ed25519_dalek::VerifyingKey::from_bytes(&key).map_err(|_| Error::KeyInvalid {
        field: vm.clone(),
        reason: "not an Ed25519 point".into(),
    })?;
    let signature = ed25519_dalek::Signature::from_slice(&signature)
        .map_err(|_| invalid("malformed signature"))?;
    key.verify_strict(&hash_data, &signature)
        .map_err(|_| invalid("the Ed25519 signature does not verify"))?;
    let (document, options) = match datasets {
        Datasets::Read { document, options } => (document, options),
        // The JSON is signed; what it states is its dataset, read with the same contexts as the
        // RDF suites' (the proof options take the document's `@context`).
        Datasets::FromJson { mut options, unsecured } => {
            let rdfc = rdfc.ok_or_else(|| no_canonicaliser(field, suite.name()))?;
            if let (Some(context), Some(o)) = (unsecured.get("@context"), options.as_object_mut()) {
                o.entry("@context").or_insert_with(|| context.clone());
            }
            (
                rdfc.dataset(field, &unsecured)?,
                rdfc.dataset(&format!("{field}(options)"), &options)?,
            )
        }
    };
    Ok(VerifiedProof {
        verification_method: resolved.id,
        controller: resolved.controller,
        document,
        options,
        selective: false,
    })
}

/// What a verified Ed25519 proof vouches for: read while canonicalising (RDF suites), or still
/// to be read from the signed JSON (eddsa-jcs-2022).
enum Datasets {
    Read { document: Dataset, options: Dataset },
    FromJson { options: Value, unsecured: Value },
}

/// RFC 8785 canonical JSON.
fn jcs(value: &Value) -> Result<String, Error> {
    serde_json_canonicalizer::to_string(value).map_err(|e| Error::invalid("(jcs)", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ld")]
    #[test]
    fn eddsa_jcs_2022_vector_and_its_intermediate_hashes() {
        let policy = crate::Policy::at(chrono::DateTime::UNIX_EPOCH);
        let budget = crate::budget::Budget::new(policy.limits().max_work);
        let rdfc = crate::ld::canonicalizer(
            policy.ld_contexts(),
            *policy.limits(),
            &budget,
            policy.caches().ld(),
        )
        .unwrap();
        let rdfc: Option<&dyn Canonicalize> = Some(&rdfc);
        let doc = include_str!("../../test-vectors/ld/vc-di-eddsa/eddsa-jcs-2022-signed.json");
        let v =
            verify_eddsa("proof", doc, 0, EddsaSuite::Jcs2022, &DidDocuments::new(), rdfc).unwrap();
        assert!(!v.document.statements().is_empty() && !v.options.statements().is_empty());
        assert!(v.verification_method.starts_with("did:key:z6Mkr"));
        // Tampering any signed member breaks it.
        let tampered = doc.replace("The School of Examples", "The School of Forgeries");
        let e =
            verify_eddsa("proof", &tampered, 0, EddsaSuite::Jcs2022, &DidDocuments::new(), rdfc)
                .unwrap_err();
        assert_eq!(e.code(), "proof.invalid");
    }
}
