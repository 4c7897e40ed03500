//! vpcheck verifies BBS+ proofs with its own equations on blst (`src/ld/bbs2020/blst.rs`); the `bbs` 0.4
//! crate, on which the reference implementation is built, is the oracle here. Every BBS+ proof
//! among the shared (`bbs2020/`) and generated (`trinsic-bbs/`) vectors, and a few thousand
//! mutations of their proof values, nonces and messages, must get the same verdict from both.
#![cfg(feature = "bbs")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use bbs::prelude::{
    DeterministicPublicKey, HashElem, PoKOfSignatureProof, ProofNonce, ProofRequest, Signature,
    SignatureMessage, SignatureProof, ToVariableLengthBytes, Verifier,
};
use chrono::{TimeZone, Utc};
use vpcheck::testing::{bbs_proof_inputs, verify_bbs_proof_inputs, BbsProofInputs};
use vpcheck::{DidDocuments, Policy};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// The reference verdict: bbs 0.4 as mattrglobal/jsonld-signatures-bbs calls it. bbs 0.4 panics
/// on some malformed proofs (slicing by an unchecked length): that is a refusal, and its message
/// is kept out of the test output.
fn reference(inputs: &BbsProofInputs) -> bool {
    static QUIET_BBS_PANICS: std::sync::Once = std::sync::Once::new();
    QUIET_BBS_PANICS.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.location().is_some_and(|l| l.file().contains("/bbs-0.4")) {
                default(info);
            }
        }));
    });
    std::panic::catch_unwind(|| reference_unguarded(inputs)).unwrap_or(false)
}

fn reference_unguarded(inputs: &BbsProofInputs) -> bool {
    let Ok(key) = DeterministicPublicKey::try_from(inputs.public_key.as_slice()) else {
        return false;
    };
    let messages = |statements: &[String]| {
        statements.iter().map(|s| SignatureMessage::hash(s.as_bytes())).collect::<Vec<_>>()
    };
    match &inputs.nonce {
        None => {
            let Ok(signature) = Signature::try_from(inputs.proof_value.as_slice()) else {
                return false;
            };
            if inputs.proof_value.len() != bbs::prelude::SIGNATURE_COMPRESSED_SIZE {
                return false;
            }
            let Ok(public_key) = key.to_public_key(inputs.statements.len()) else { return false };
            signature.verify(&messages(&inputs.statements), &public_key).unwrap_or(false)
        }
        Some(nonce) => {
            let value = &inputs.proof_value;
            if value.len() < 2 {
                return false;
            }
            let count = usize::from(u16::from_be_bytes([value[0], value[1]]));
            let bitvector_len = count / 8 + 1;
            if count == 0 || value.len() < 2 + bitvector_len {
                return false;
            }
            let mut revealed = BTreeSet::new();
            for (i, byte) in value[2..2 + bitvector_len].iter().rev().enumerate() {
                for bit in 0..8 {
                    if byte >> bit & 1 == 1 {
                        revealed.insert(i * 8 + bit);
                    }
                }
            }
            if revealed.len() != inputs.statements.len() || revealed.iter().any(|i| *i >= count) {
                return false;
            }
            let Ok(proof) =
                PoKOfSignatureProof::from_bytes_compressed_form(&value[2 + bitvector_len..])
            else {
                return false;
            };
            let Ok(public_key) = key.to_public_key(count) else { return false };
            let revealed_messages: BTreeMap<usize, SignatureMessage> =
                revealed.iter().copied().zip(messages(&inputs.statements)).collect();
            let request =
                ProofRequest { revealed_messages: revealed, verification_key: public_key };
            Verifier::verify_signature_pok(
                &request,
                &SignatureProof { revealed_messages, proof },
                &ProofNonce::hash(nonce),
            )
            .is_ok()
        }
    }
}

/// Every BBS+-proved document among the vectors, with the policy that resolves its issuer.
fn corpus() -> Vec<(String, BbsProofInputs)> {
    let now = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
    let mut shared = DidDocuments::new();
    for entry in std::fs::read_dir(root().join("dids")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_str().unwrap().starts_with("did_example") {
            shared.add_json(&std::fs::read(path).unwrap()).unwrap();
        }
    }
    let mut shared = Policy::at(now).with_did_documents(shared);
    for (url, file) in [
        ("https://schema.org", "contexts/schemaOrg.json"),
        ("https://schema.org/", "contexts/schemaOrg.json"),
        ("http://schema.org/", "contexts/schemaOrg.json"),
        ("https://www.w3.org/ns/odrl.jsonld", "contexts/odrl.json"),
    ] {
        shared = shared.with_context(url, read(file));
    }
    let mut trinsic = DidDocuments::new();
    for file in ["trinsic-bbs/issuer.did.json", "trinsic-bbs/other-issuer.did.json"] {
        trinsic.add_json(read(file).as_bytes()).unwrap();
    }
    let trinsic = Policy::at(now).with_did_documents(trinsic);

    let mut documents: Vec<(String, String, &Policy)> = Vec::new();
    for dir in ["bbs2020/proofs", "bbs2020/derivedProofs"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.contains("document") {
                documents.push((format!("{dir}/{name}"), read(&format!("{dir}/{name}")), &shared));
            }
        }
    }
    for entry in std::fs::read_dir(root().join("trinsic-bbs")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let text = read(&format!("trinsic-bbs/{name}"));
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        if name.starts_with("credential")
            || name.starts_with("revocation")
            || name.starts_with("suspension")
        {
            documents.push((format!("trinsic-bbs/{name}"), text, &trinsic));
        } else if let Some(vp) = json["resultVp"].as_str() {
            let vp: serde_json::Value = serde_json::from_str(vp).unwrap();
            for (i, credential) in vp["verifiableCredential"].as_array().unwrap().iter().enumerate()
            {
                documents.push((
                    format!("trinsic-bbs/{name} credential {i}"),
                    credential.to_string(),
                    &trinsic,
                ));
            }
        }
    }
    documents
        .into_iter()
        .filter_map(|(name, text, policy)| match bbs_proof_inputs(&text, policy) {
            Ok(inputs) => Some((name, inputs)),
            // Documents whose first proof is not BBS+ (none today) or whose key does not resolve.
            Err(e) => {
                eprintln!("{name}: no BBS+ inputs ({e})");
                None
            }
        })
        .collect()
}

fn same_verdict(name: &str, inputs: &BbsProofInputs) -> bool {
    let expected = reference(inputs);
    let got = verify_bbs_proof_inputs(inputs);
    assert_eq!(got.is_ok(), expected, "{name}: bbs 0.4 says {expected}, vpcheck says {got:?}");
    expected
}

#[test]
fn every_vector_gets_the_reference_verdict() {
    let corpus = corpus();
    let derived = corpus.iter().filter(|(_, i)| i.nonce.is_some()).count();
    assert!(
        corpus.len() >= 30 && derived >= 20,
        "{} documents, {derived} derived: the corpus went missing",
        corpus.len()
    );
    let verified = corpus.iter().filter(|(name, inputs)| same_verdict(name, inputs)).count();
    // The shared vectors' documents all carry valid proofs (their negatives are about keys and
    // contexts), and so do most generated ones.
    eprintln!("{verified} of {} documents verify", corpus.len());
    assert!(verified >= 15, "only {verified} of {} verify", corpus.len());
    assert!(verified < corpus.len(), "no negative among the vectors");
}

/// Mutations of one document's inputs: bits of the proof value (every 5th bit, so that each
/// byte's positions are all hit across the bytes), its length, the nonce, the statements.
fn mutations(inputs: &BbsProofInputs) -> Vec<(String, BbsProofInputs)> {
    let mut out = Vec::new();
    let value = &inputs.proof_value;
    for bit in (0..value.len() * 8).step_by(5) {
        let mut m = inputs.clone();
        m.proof_value[bit / 8] ^= 1 << (bit % 8);
        out.push((format!("bit {bit} flipped"), m));
    }
    for len in [0, 1, 2, value.len() / 2, value.len() - 32, value.len() - 1] {
        let mut m = inputs.clone();
        m.proof_value.truncate(len);
        out.push((format!("cut to {len} bytes"), m));
    }
    let mut m = inputs.clone();
    m.proof_value.extend_from_slice(&[0; 32]);
    out.push(("32 zero bytes appended".into(), m));
    if let Some(nonce) = &inputs.nonce {
        let mut m = inputs.clone();
        m.nonce = Some([nonce.as_slice(), b"x"].concat());
        out.push(("nonce extended".into(), m));
        let mut m = inputs.clone();
        m.nonce = Some(Vec::new());
        out.push(("nonce emptied".into(), m));
    }
    let last = inputs.statements.len() - 1;
    let mut m = inputs.clone();
    m.statements.swap(0, last);
    out.push(("first and last statements swapped".into(), m));
    let mut m = inputs.clone();
    m.statements[last].push(' ');
    out.push(("last statement changed".into(), m));
    let mut m = inputs.clone();
    m.statements.pop();
    out.push(("last statement dropped".into(), m));
    let mut m = inputs.clone();
    m.statements.push(inputs.statements[0].clone());
    out.push(("a statement repeated".into(), m));
    let mut m = inputs.clone();
    m.public_key[95] ^= 1;
    out.push(("key bit flipped".into(), m));
    out
}

#[test]
fn mutated_proofs_get_the_reference_verdict() {
    let corpus = corpus();
    // One signature and one derived proof from each source, and the selective Trinsic session.
    let picks = [
        "bbs2020/proofs/1-signed.document.json",
        "bbs2020/derivedProofs/4-derived.document.json",
        "trinsic-bbs/credential-signed.json",
        "trinsic-bbs/session-valid-selective.json credential 0",
    ];
    let mut total = 0;
    let mut verified = 0;
    for pick in picks {
        let (_, inputs) = corpus
            .iter()
            .find(|(name, _)| name == pick)
            .unwrap_or_else(|| panic!("{pick} missing"));
        assert!(same_verdict(pick, inputs), "{pick} must verify unmutated");
        for (what, mutated) in mutations(inputs) {
            total += 1;
            if what.ends_with("appended") && inputs.nonce.is_some() {
                // bbs 0.4 ignores bytes after the second sub-proof's responses; vpcheck refuses
                // them (no prover writes any): stricter, never laxer.
                assert!(verify_bbs_proof_inputs(&mutated).is_err(), "{pick}, {what}");
                continue;
            }
            verified += usize::from(same_verdict(&format!("{pick}, {what}"), &mutated));
        }
    }
    // A flipped bit in a compressed point's sort flag can leave a valid encoding of the same
    // point's negation, never a verifying proof; so no mutation verifies.
    assert!(total > 1500, "only {total} mutations");
    assert_eq!(verified, 0, "{verified} of {total} mutations verified");
}

#[test]
fn issuer_keys_that_are_not_g2_points_are_named_key_invalid() {
    let corpus = corpus();
    for pick in [
        "trinsic-bbs/session-valid-selective.json credential 0",
        "trinsic-bbs/credential-signed.json",
    ] {
        let (_, inputs) = corpus
            .iter()
            .find(|(name, _)| name == pick)
            .unwrap_or_else(|| panic!("{pick} missing"));
        let mut identity = [0u8; 96];
        identity[0] = 0xc0;
        let mut off_curve = inputs.public_key.clone();
        off_curve[95] ^= 1;
        for (what, key) in [
            ("all bits set", vec![0xff; 96]),
            ("the identity", identity.to_vec()),
            ("x off the curve or subgroup", off_curve),
        ] {
            let mut bad = inputs.clone();
            bad.public_key = key;
            let err = verify_bbs_proof_inputs(&bad).expect_err(what);
            assert_eq!(err.code(), "key.invalid", "{pick}, {what}: {err}");
            assert!(!reference(&bad), "{pick}, {what}: bbs 0.4 must refuse it too");
        }
    }
}
