//! Data Integrity proofs with Ed25519 (W3C VC Data Integrity EdDSA Cryptosuites v1.0,
//! <https://www.w3.org/TR/vc-di-eddsa/>): `eddsa-jcs-2022` (JCS, RFC 8785), `eddsa-rdfc-2022`
//! and `Ed25519Signature2020` (RDF Dataset Canonicalization). Each hashes the canonical proof
//! options and the canonical document with SHA-256 and verifies one Ed25519 signature over the
//! two hashes (sections 3.2.4-3.2.6 and 3.3.4-3.3.6 of the suite specification).

use crate::did::{DidDocuments, PublicKey};
use crate::error::Error;
use crate::ld::proof::{
    hash_data, split_proof, transform, Canonicalize, ProofContext, ProofSuite, SplitProof,
    Transform, VerifiedProof,
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
    let SplitProof { unsecured, options, signature: proof_value, purpose, verification_method: vm } =
        split_proof(field, document, index, "proofValue")?;
    let how = match suite {
        EddsaSuite::Jcs2022 => Transform::Jcs,
        EddsaSuite::Rdfc2022 | EddsaSuite::Ed25519Signature2020 => Transform::Rdfc,
    };
    let transformed = transform(field, suite.name(), how, unsecured, options, rdfc)?;
    let hash_data = hash_data(&transformed.proof_canonical, &transformed.document_canonical);

    let resolved = dids.resolve(&format!("{field}.verificationMethod"), &vm, &purpose)?;
    let key = match &resolved.key {
        PublicKey::Ed25519(k) => *k,
        PublicKey::Jwk(_) | PublicKey::Bls12381G2(_) | PublicKey::Ec { .. } => {
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
    let (document, options) = transformed.datasets(field, suite.name(), rdfc)?;
    Ok(VerifiedProof {
        verification_method: resolved.id,
        controller: resolved.controller,
        document,
        options,
        selective: false,
        presentation_header: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ld")]
    #[test]
    fn eddsa_jcs_2022_vector_and_its_intermediate_hashes() {
        let policy = crate::Policy::at(chrono::DateTime::UNIX_EPOCH);
        let e = crate::ld::with_rdfc(&policy, |rdfc| {
            let rdfc = Some(rdfc);
            let doc = include_str!("../../test-vectors/ld/vc-di-eddsa/eddsa-jcs-2022-signed.json");
            let v = verify_eddsa("proof", doc, 0, EddsaSuite::Jcs2022, &DidDocuments::new(), rdfc)
                .unwrap();
            assert!(!v.document.statements().is_empty() && !v.options.statements().is_empty());
            assert!(v.verification_method.starts_with("did:key:z6Mkr"));
            // Tampering any signed member breaks it.
            let tampered = doc.replace("The School of Examples", "The School of Forgeries");
            verify_eddsa("proof", &tampered, 0, EddsaSuite::Jcs2022, &DidDocuments::new(), rdfc)
                .unwrap_err()
        });
        assert_eq!(e.code(), "proof.invalid");
    }
}
