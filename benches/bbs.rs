//! BBS+ derived-proof verification (`BbsBlsSignatureProof2020`): vpcheck end to end (parse,
//! offline JSON-LD expansion and canonicalisation of proof options and document, key resolution,
//! proof of knowledge on blst) next to that proof-of-knowledge check alone, the `bbs` 0.4 crate's
//! own check of the same messages (the reference implementation's backend), the key expansion a
//! first-seen issuer key costs, and the canonicalisation alone. Two documents: a Trinsic-shaped session
//! (`test-vectors/trinsic-bbs/session-valid-selective.json`: the session envelope, its
//! `resultVp` and one `IdentityDocument_v0` credential with three claims withheld), and the
//! shared ldp-bbs2020 vector `bbs2020/derivedProofs/4-derived.document.json`.
//!
//! Run: `cargo bench --bench bbs -- --noplot`. Numbers are in the README ("BBS+").

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};

use bbs::prelude::*;
use chrono::{TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use vpcheck::{parse, DidDocuments, Limits, Policy};

fn load(path: &str) -> String {
    std::fs::read_to_string(format!("{}/test-vectors/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn bbs(c: &mut Criterion) {
    // The Trinsic-shaped session: end to end is the whole session (envelope checks, resultVp,
    // credential, proof); the floor is the proof of knowledge of its one credential.
    let mut dids = DidDocuments::new();
    dids.add_json(load("trinsic-bbs/issuer.did.json").as_bytes()).unwrap();
    let policy = Policy::at(Utc.with_ymd_and_hms(2026, 10, 1, 10, 0, 0).unwrap())
        .with_did_documents(dids)
        .expect_session_id("urn:trinsic:idvsession:7d6f0c2e-5b1a-4c3e-9f7a-2b8d1e4c6a90");
    let session = load("trinsic-bbs/session-valid-selective.json");
    let envelope: serde_json::Value = serde_json::from_str(&session).unwrap();
    let vp: serde_json::Value =
        serde_json::from_str(envelope["resultVp"].as_str().unwrap()).unwrap();
    let credential = vp["verifiableCredential"][0].to_string();
    group(c, "bbs_trinsic_session", &session, &credential, &policy);

    // The credential alone, as benches/peers/mattr-bbs.mjs verifies it with MATTR's reference
    // implementation (BENCHMARKS.md).
    let mut dids = DidDocuments::new();
    dids.add_json(load("trinsic-bbs/issuer.did.json").as_bytes()).unwrap();
    let plain =
        Policy::at(Utc.with_ymd_and_hms(2026, 10, 1, 10, 0, 0).unwrap()).with_did_documents(dids);
    c.bench_function("bbs_trinsic_credential/vpcheck", |b| {
        b.iter(|| {
            let u = parse(black_box(credential.as_bytes()), &Limits::default()).unwrap();
            assert!(u.verify(&plain).is_ok());
        })
    });

    // A partially disclosed credential under credentials v1, citizenship v1 and security
    // v3-unstable, from the shared ldp-bbs2020 vectors.
    let mut dids = DidDocuments::new();
    for d in ["dids/did_example_489398593.json", "dids/did_example_489398593_test.json"] {
        dids.add_json(load(d).as_bytes()).unwrap();
    }
    let policy =
        Policy::at(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap()).with_did_documents(dids);
    let document = load("bbs2020/derivedProofs/4-derived.document.json");
    group(c, "bbs_derived_proof", &document, &document, &policy);
}

/// `input` end to end, the canonicalisation and key resolution of `credential`'s proof, and the
/// bare proof-of-knowledge check of its messages.
fn group(c: &mut Criterion, name: &str, input: &str, credential: &str, policy: &Policy) {
    let inputs = vpcheck::testing::bbs_proof_inputs(credential, policy).unwrap();
    let mut group = c.benchmark_group(name);
    group.sample_size(20);

    group.bench_function("vpcheck", |b| {
        b.iter(|| {
            let u = parse(black_box(input.as_bytes()), &Limits::default()).unwrap();
            assert!(u.verify(policy).is_ok());
        })
    });

    // vpcheck's check of the same inputs without the JSON-LD work: messages hashed, the issuer
    // key's expansion from the cache, the proof of knowledge on blst.
    group.bench_function("proof_of_knowledge_blst", |b| {
        b.iter(|| vpcheck::testing::verify_bbs_proof_inputs(black_box(&inputs)).unwrap())
    });

    // What a first-seen issuer key (or message count) adds: bbs 0.4's expansion of the key into
    // its message generators, one hash to G1 each.
    let count = if inputs.nonce.is_some() {
        usize::from(u16::from_be_bytes([inputs.proof_value[0], inputs.proof_value[1]]))
    } else {
        inputs.statements.len()
    };
    group.bench_function("key_expansion_bbs", |b| {
        b.iter(|| {
            DeterministicPublicKey::try_from(black_box(inputs.public_key.as_slice()))
                .unwrap()
                .to_public_key(count)
                .unwrap()
        })
    });

    group.bench_function("canonicalise_and_resolve", |b| {
        b.iter(|| vpcheck::testing::bbs_proof_inputs(black_box(credential), policy).unwrap())
    });

    // The former floor, and the reference implementation's own check: decode the proof value as
    // the suite specifies and run the `bbs` 0.4 proof-of-knowledge check of the same messages,
    // key expansion included.
    let pk_bytes = inputs.public_key.clone();
    let statements = inputs.statements.clone();
    let proof_value = inputs.proof_value.clone();
    let nonce = inputs.nonce.clone().unwrap();
    group.bench_function("bare_proof_of_knowledge_bbs", |b| {
        b.iter(|| {
            let count = usize::from(u16::from_be_bytes([proof_value[0], proof_value[1]]));
            let bitvector_len = count / 8 + 1;
            let bitvector = &proof_value[2..2 + bitvector_len];
            let mut revealed = BTreeSet::new();
            for (i, byte) in bitvector.iter().rev().enumerate() {
                for bit in 0..8 {
                    if byte >> bit & 1 == 1 {
                        revealed.insert(i * 8 + bit);
                    }
                }
            }
            let proof =
                PoKOfSignatureProof::from_bytes_compressed_form(&proof_value[2 + bitvector_len..])
                    .unwrap();
            let key = DeterministicPublicKey::try_from(pk_bytes.as_slice())
                .unwrap()
                .to_public_key(count)
                .unwrap();
            let messages: BTreeMap<usize, SignatureMessage> = revealed
                .iter()
                .copied()
                .zip(statements.iter().map(|s| SignatureMessage::hash(s.as_bytes())))
                .collect();
            let request = ProofRequest { revealed_messages: revealed, verification_key: key };
            Verifier::verify_signature_pok(
                &request,
                &SignatureProof { revealed_messages: messages, proof },
                &ProofNonce::hash(&nonce),
            )
            .unwrap();
        })
    });
    group.finish();
}

/// The IETF BBS core of bbs-2023 (draft-irtf-cfrg-bbs-signatures, BLS12-381-SHA-256) on the
/// draft's fixtures: `Verify` of a ten-message signature (signature004) and `ProofVerify` of a
/// proof disclosing four of ten (proof003), generators cached; and one hash to G1, the cost of
/// each generator the first time a message count is seen.
fn bbs2023_core(c: &mut Criterion) {
    let fixture = |name: &str| -> serde_json::Value {
        serde_json::from_str(&load(&format!(
            "external/cfrg-bbs-fixtures/tooling/fixtures/fixture_data/bls12-381-sha-256/{name}"
        )))
        .unwrap()
    };
    let hex = |v: &serde_json::Value| hex::decode(v.as_str().unwrap()).unwrap();
    let mut group = c.benchmark_group("bbs2023_core");

    let sig = fixture("signature/signature004.json");
    let (pk, signature, header) =
        (hex(&sig["signerKeyPair"]["publicKey"]), hex(&sig["signature"]), hex(&sig["header"]));
    let messages: Vec<Vec<u8>> = sig["messages"].as_array().unwrap().iter().map(hex).collect();
    let messages: Vec<&[u8]> = messages.iter().map(Vec::as_slice).collect();
    group.bench_function("verify_10_messages", |b| {
        b.iter(|| {
            vpcheck::testing::bbs_core_verify(
                black_box(&pk),
                black_box(&signature),
                &header,
                &messages,
            )
            .unwrap()
        })
    });

    let proof = fixture("proof/proof003.json");
    let (pk, bytes, header, ph) = (
        hex(&proof["signerPublicKey"]),
        hex(&proof["proof"]),
        hex(&proof["header"]),
        hex(&proof["presentationHeader"]),
    );
    let messages: Vec<Vec<u8>> = proof["messages"].as_array().unwrap().iter().map(hex).collect();
    let disclosed: Vec<(usize, &[u8])> = proof["disclosedIndexes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let i = usize::try_from(i.as_u64().unwrap()).unwrap();
            (i, messages[i].as_slice())
        })
        .collect();
    group.bench_function("proof_verify_4_of_10", |b| {
        b.iter(|| {
            vpcheck::testing::bbs_core_proof_verify(
                black_box(&pk),
                black_box(&bytes),
                &header,
                &ph,
                &disclosed,
            )
            .unwrap()
        })
    });

    group.bench_function("hash_to_curve_g1", |b| {
        b.iter(|| {
            blstrs::G1Projective::hash_to_curve(
                black_box(&[7u8; 48]),
                b"BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_H2G_HM2S_SIG_GENERATOR_DST_",
                &[],
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bbs, bbs2023_core);
criterion_main!(benches);
