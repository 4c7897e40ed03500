//! The proof suites this build verifies, by the `type` (and, for a `DataIntegrityProof`, the
//! `cryptosuite`) a proof states. A suite not listed is "could not check" when it is a published
//! standard this build lacks, and refused when unknown: the caller decides which
//! (`verify::jsonld`).

use crate::ld::proof::ProofSuite;

/// The suite that verifies a proof of `proof_type` and `cryptosuite`, when this build has it.
pub(crate) fn find(
    proof_type: Option<&str>,
    cryptosuite: Option<&str>,
) -> Option<&'static dyn ProofSuite> {
    use crate::ld::ecdsa::EcdsaSuite;
    use crate::ld::eddsa::EddsaSuite;
    match (proof_type, cryptosuite) {
        (Some("DataIntegrityProof"), Some("eddsa-jcs-2022")) => Some(&EddsaSuite::Jcs2022),
        (Some("DataIntegrityProof"), Some("eddsa-rdfc-2022")) => Some(&EddsaSuite::Rdfc2022),
        (Some("DataIntegrityProof"), Some("ecdsa-rdfc-2019")) => Some(&EcdsaSuite::Rdfc2019),
        (Some("DataIntegrityProof"), Some("ecdsa-jcs-2019")) => Some(&EcdsaSuite::Jcs2019),
        (Some("Ed25519Signature2020"), _) => Some(&EddsaSuite::Ed25519Signature2020),
        #[cfg(feature = "ld")]
        (Some("DataIntegrityProof"), Some("ecdsa-sd-2023")) => {
            Some(&crate::ld::ecdsa_sd::EcdsaSd2023)
        }
        #[cfg(feature = "bbs")]
        (Some("DataIntegrityProof"), Some("bbs-2023")) => Some(&crate::ld::bbs2023::Bbs2023),
        (Some("JsonWebSignature2020"), _) => Some(&crate::ld::jws2020::JsonWebSignature2020),
        #[cfg(feature = "bbs")]
        (Some("BbsBlsSignature2020"), _) => Some(&crate::ld::bbs2020::BbsSuite::Signature),
        #[cfg(feature = "bbs")]
        (Some("BbsBlsSignatureProof2020"), _) => Some(&crate::ld::bbs2020::BbsSuite::DerivedProof),
        _ => None,
    }
}
