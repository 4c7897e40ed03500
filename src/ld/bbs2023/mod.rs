//! The W3C bbs-2023 cryptosuite (Data Integrity BBS Cryptosuites v1.0,
//! <https://www.w3.org/TR/vc-di-bbs/>): what a proof asks the BBS scheme to verify, from the
//! document and its proof ([`inputs`], on the selective-disclosure machinery of
//! [`crate::ld::sd`]), and the BBS signature core, the IETF BBS signature scheme
//! (draft-irtf-cfrg-bbs-signatures, ciphersuite BLS12-381-SHA-256), in [`core`].
//!
//! A base proof is verified as a holder does before deriving from it (section 3.4.4, the BBS
//! `Verify` of the non-mandatory statements under `proofHash || mandatoryHash`); a derived proof
//! as a verifier does (section 3.4.7, createVerifyData then `ProofVerify` of the disclosed
//! statements). The holder-binding and pseudonym variants (section 3.3.6) are answered "could
//! not check" naming the feature ([`inputs`]).

pub(crate) mod core;
pub(crate) mod inputs;

use crate::did::PublicKey;
use crate::error::Error;
use crate::ld::proof::{no_canonicaliser, split_proof, ProofContext, ProofSuite, VerifiedProof};
use crate::ld::sd::BBS_2023;

use self::core::CoreError;
use self::inputs::{bbs_inputs, BbsInput};

/// The `bbs-2023` suite, with the issuer's BLS12-381 G2 key from the verification method (a
/// Multikey `zUC7...`, multicodec `bls12_381-g2-pub`, section 2.1.1).
pub(crate) struct Bbs2023;

impl ProofSuite for Bbs2023 {
    fn verify(
        &self,
        field: &str,
        document: &str,
        index: usize,
        cx: &ProofContext<'_>,
    ) -> Result<VerifiedProof, Error> {
        let rdfc = cx.rdfc.ok_or_else(|| no_canonicaliser(field, BBS_2023))?;
        // The key first, from the proof's own members: a proof by an unknown or mistyped key
        // costs no canonicalisation.
        let split = split_proof(field, document, index, "proofValue")?;
        let vm = split.verification_method.clone();
        let vm_field = format!("{field}.verificationMethod");
        let resolved = cx.dids.resolve(&vm_field, &vm, &split.purpose)?;
        let key = match &resolved.key {
            PublicKey::Bls12381G2(key) => key.clone(),
            PublicKey::Ed25519(_) | PublicKey::Jwk(_) | PublicKey::Ec { .. } => {
                return Err(Error::KeyAlgMismatch {
                    field: field.to_owned(),
                    alg: BBS_2023.to_owned(),
                    kid: vm,
                    reason: "the suite needs a BLS12-381 G2 key".into(),
                })
            }
        };
        if !resolved.window.contains(cx.at) {
            return Err(Error::KeyOutsideWindow {
                field: vm_field,
                kid: vm,
                at: cx.at,
                window: resolved.window,
            });
        }
        let invalid = |reason: String| Error::ProofInvalid {
            field: field.to_owned(),
            proof_type: BBS_2023.to_owned(),
            reason,
        };
        let core_error = |e: CoreError| match e {
            CoreError::Invalid(_) => invalid(e.to_string()),
            CoreError::TooManyMessages { count } => Error::TooManyBbsMessages {
                field: format!("{field}.proofValue"),
                count,
                limit: core::MAX_MESSAGES,
            },
            CoreError::PublicKey(_) => {
                Error::KeyInvalid { field: vm.clone(), reason: e.to_string() }
            }
            CoreError::Signature(_) | CoreError::Proof(_) | CoreError::Indexes(_) => {
                Error::invalid(format!("{field}.proofValue"), e.to_string())
            }
        };
        // Each signed message costs a generator (a hash to G1, cached) and a scalar
        // multiplication: charged before the pairing work, as the BBS+ 2020 suite charges its key
        // expansion (README, "Bounded work").
        let charge = |messages: usize| {
            if messages > core::MAX_MESSAGES {
                return Err(core_error(CoreError::TooManyMessages { count: messages }));
            }
            rdfc.charge(
                field,
                "BBS signature check",
                crate::budget::units(messages, crate::budget::UNITS_PER_BBS_MESSAGE),
            )
        };
        let (document, options, selective) = match bbs_inputs(field, split, rdfc)? {
            BbsInput::Base(base) => {
                // The base proof value carries the issuer's key (section 3.3.1); it must be the
                // verification method's, or the proof names one key and is checked with another.
                if base.public_key != key {
                    return Err(invalid(
                        "the base proof's public key is not the verification method's".into(),
                    ));
                }
                charge(base.messages.len())?;
                let messages: Vec<&[u8]> = base.messages.iter().map(Vec::as_slice).collect();
                core::verify(cx.bbs2023_generators, &key, &base.signature, &base.header, &messages)
                    .map_err(core_error)?;
                (base.document, base.options, false)
            }
            BbsInput::Derived(derived) => {
                let undisclosed = core::undisclosed_count(derived.proof.len()).unwrap_or(0);
                charge(undisclosed.saturating_add(derived.disclosed.len()))?;
                let disclosed: Vec<(usize, &[u8])> =
                    derived.disclosed.iter().map(|(i, m)| (*i, m.as_slice())).collect();
                core::proof_verify(
                    cx.bbs2023_generators,
                    &key,
                    &derived.proof,
                    &derived.header,
                    &derived.presentation_header,
                    &disclosed,
                )
                .map_err(core_error)?;
                (derived.document, derived.options, true)
            }
        };
        Ok(VerifiedProof {
            verification_method: resolved.id,
            controller: resolved.controller,
            document,
            options,
            selective,
        })
    }
}
