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
        let (document, options, presentation_header) = match bbs_inputs(field, split, rdfc)? {
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
                (base.document, base.options, None)
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
                (derived.document, derived.options, Some(derived.presentation_header))
            }
        };
        Ok(VerifiedProof {
            verification_method: resolved.id,
            controller: resolved.controller,
            document,
            options,
            // A derived proof discloses a selection of what the issuer signed.
            selective: presentation_header.is_some(),
            presentation_header,
        })
    }
}

/// A verifier's nonce bound through a derived proof's presentation header, end to end: the W3C
/// windsurf credential derived again, by the test prover of [`core`], from its honestly issued
/// base signature with the same disclosure and a chosen presentation header.
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    use ciborium::Value as Cbor;
    use serde_json::{json, Value};

    use super::core::prove_from_signature;
    use super::inputs::{bbs_inputs, BbsInput};
    use crate::ld::proof::split_proof;
    use crate::{DidDocuments, Limits, Policy, TrustedIssuer};

    macro_rules! vector {
        ($name:literal) => {
            include_str!(concat!("../../../test-vectors/ld/vc-di-bbs-2023/", $name))
        };
    }

    const ISSUER: &str = "https://vc.example/windsurf/racecommittee";
    const NONCE: &str = "n-4d2f9c1e-verifier-request-17";

    /// The policy under which the windsurf vectors verify (`expected.json`), at the nonce
    /// `nonce` when given.
    fn policy(nonce: Option<&str>) -> Policy {
        let base: Value = serde_json::from_str(vector!("addSignedSDBase.json")).unwrap();
        let vm = base["proof"]["verificationMethod"].as_str().unwrap().to_owned();
        let mut dids = DidDocuments::new();
        dids.add_json(json!({"id": ISSUER, "assertionMethod": [vm]}).to_string().as_bytes())
            .unwrap();
        let policy = Policy::at("2024-06-01T00:00:00Z".parse().unwrap())
            .with_did_documents(dids)
            .trust_issuer(TrustedIssuer::from_did_url(ISSUER, false))
            .trust_embedded_context(
                json!({"@vocab": "https://windsurf.grotto-networking.com/selective#"}),
            )
            .allow_withheld("validUntil");
        match nonce {
            Some(n) => policy.expect_nonce(n),
            None => policy,
        }
    }

    fn inputs(document: &str) -> BbsInput {
        crate::ld::with_rdfc(&policy(None), |rdfc| {
            bbs_inputs("proof", split_proof("proof", document, 0, "proofValue")?, rdfc)
        })
        .unwrap()
    }

    /// The W3C derived document with its proof value's BBS proof made again for presentation
    /// header `ph` (what a holder asked for `ph` derives), and `stated` written as the proof
    /// value's presentation header (`ph` itself, unless a test lies about it).
    fn derive(ph: &[u8], stated: &[u8]) -> String {
        let BbsInput::Base(base) = inputs(vector!("addSignedSDBase.json")) else { panic!() };
        let BbsInput::Derived(derived) = inputs(vector!("derivedRevealDocument.json")) else {
            panic!()
        };
        let disclosed: Vec<usize> = derived.disclosed.iter().map(|(i, _)| *i).collect();
        let proof = prove_from_signature(
            &base.public_key,
            &base.signature,
            &base.header,
            ph,
            &base.messages,
            &disclosed,
        );
        let mut doc: Value = serde_json::from_str(vector!("derivedRevealDocument.json")).unwrap();
        let value = doc["proof"]["proofValue"].as_str().unwrap();
        let bytes = URL_SAFE_NO_PAD.decode(&value[1..]).unwrap();
        let (header, rest) = bytes.split_at(3);
        let Cbor::Array(mut items) = ciborium::de::from_reader::<Cbor, _>(rest).unwrap() else {
            panic!("not an array")
        };
        items[0] = Cbor::Bytes(proof);
        items[4] = Cbor::Bytes(stated.to_vec());
        let mut out = header.to_vec();
        ciborium::ser::into_writer(&Cbor::Array(items), &mut out).unwrap();
        doc["proof"]["proofValue"] = Value::String(format!("u{}", URL_SAFE_NO_PAD.encode(out)));
        doc.to_string()
    }

    /// The verdict, the codes of the errors, and the challenge check's detail.
    fn run(document: &str, policy: &Policy) -> (Vec<&'static str>, Option<String>) {
        let parsed = crate::parse(document.as_bytes(), &Limits::default()).unwrap();
        let report = match parsed.verify(policy) {
            Ok(v) => v.into_report(),
            Err(r) => r.into_report(),
        };
        let codes = report.errors().iter().map(|e| e.code()).collect();
        let detail = report
            .checks()
            .iter()
            .find(|c| c.name == "proof.challenge" && c.status == crate::CheckStatus::Passed)
            .map(|c| c.detail.clone());
        (codes, detail)
    }

    #[test]
    fn the_derived_proof_binds_the_nonce_through_its_presentation_header() {
        let nonce = NONCE.as_bytes();
        let bound = derive(nonce, nonce);
        // The test prover makes the W3C proof again: with the vector's own presentation header
        // the derived document verifies as the shipped one does.
        let ph = [0x11, 0x33, 0x77, 0xaa];
        assert_eq!(run(&derive(&ph, &ph), &policy(None)).0, Vec::<&str>::new());

        // Verified at the nonce it binds; the check says where the challenge came from.
        let (codes, detail) = run(&bound, &policy(Some(NONCE)));
        assert_eq!(codes, Vec::<&str>::new());
        let detail = detail.expect("a passed proof.challenge check");
        assert!(detail.contains("presentation header is the expected challenge"), "{detail}");
        // Without an expected nonce the header is not read: verified as any bare credential.
        assert_eq!(run(&bound, &policy(None)).0, Vec::<&str>::new());

        // The attacks: a proof made for another verifier's nonce, replayed here.
        let other = derive(b"n-another-verifier", b"n-another-verifier");
        assert_eq!(run(&other, &policy(Some(NONCE))).0, ["proof.challenge"]);
        // The W3C proof (its header is no nonce), and its header rewritten to this nonce
        // without a new proof: the BBS challenge no longer matches.
        assert_eq!(
            run(vector!("derivedRevealDocument.json"), &policy(Some(NONCE))).0,
            ["proof.challenge"]
        );
        // (With the proof refused, the nonce was judged by nothing: `policy.unconsumed` too.)
        assert_eq!(
            run(&derive(&ph, nonce), &policy(Some(NONCE))).0,
            ["proof.invalid", "policy.unconsumed"]
        );
        // A prefix, an extension and another case of the nonce are other bytes.
        for near in [&NONCE[..NONCE.len() - 1], &format!("{NONCE}0"), &NONCE.to_uppercase()] {
            assert_eq!(
                run(&derive(near.as_bytes(), near.as_bytes()), &policy(Some(NONCE))).0,
                ["proof.challenge"],
                "{near}"
            );
        }
        // An empty header (what a holder asked for nothing derives) binds nothing, even to an
        // empty expected nonce.
        assert_eq!(run(&derive(b"", b""), &policy(Some(""))).0, ["proof.challenge"]);
        // The bound proof under another nonce than its own.
        assert_eq!(run(&bound, &policy(Some("n-something-else"))).0, ["proof.challenge"]);
    }
}
