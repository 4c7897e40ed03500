//! Adversarial review 23, through the public API: the changes after review 22. A `bbs-2023`
//! derived proof binds the policy's nonce through its presentation header (`90c52483`); a
//! method's stated controller must be the DID whose document defines it, and a proof naming a
//! `previousProof` is `proof.not_checked` (`edae931d`); a `publicKeyJwk` with private members
//! is `key.invalid`, and relative DID URLs resolve against the document's DID (`4a28efa4`).
//! Credentials are signed here with the W3C vc-di-ecdsa P-256 key (`support/ld_review.rs`,
//! shared with review 22) and with JsonWebSignature2020; the bbs-2023 cases edit the W3C
//! vc-di-bbs vectors (a new derived proof needs the BBS prover, which is the library's unit-test
//! code only: the end-to-end nonce binding is tested there, `src/ld/bbs2023/mod.rs`).
//!
//! Findings (both fixed after the review; the tests assert the fix):
//!
//! 1. (`finding_1_a_published_hmac_secret_signs`) a DID document's (or a method document's)
//!    `publicKeyJwk` of `kty: oct` carried its secret `k` (a member of the "Private" information
//!    class, RFC 7518 section 7.6.2, which DID Core section 5.2.1 forbids there, like `d`), and a
//!    JsonWebSignature2020 proof with `alg: HS256` made with that published secret verified:
//!    `did:example:a`'s credential, `Ok` with the subject's names, signed by anyone who read the
//!    document. `Jwk::parse` counts `d p q dp dq qi oth` as private, not `k`; the default policy
//!    allows HS256. Now `key.invalid`: a DID document's JWK may be neither symmetric nor carry a
//!    `k` (an EC JWK with a stray `k` verified too).
//! 2. (`finding_2_a_published_secret_key_member_is_ignored`) a verification method that
//!    published its secret key beside the public one, `secretKeyMultibase` (the W3C P-256 key
//!    pair's own secret), `privateKeyMultibase`, `privateKeyJwk` or `privateKeyBase58`, verified
//!    like any other: the members were not read. Now `key.invalid`.
//!
//! The other tests are attacks that held, each asserting its code. Observed, not changed: a
//! `publicKeyJwk` member `"d": null` is no private member (the key verifies); a `previousProof`
//! statement inside a `@graph`-container member of the proof (a trusted context's terms) is not
//! read as a chain and the proof verifies (no spelling of the proof's own `previousProof` got
//! through); a method defined and listed under the empty fragment (`#`) resolves as
//! `did:example:a#`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

#[path = "support/ld_review.rs"]
mod ld_review;
#[path = "support/proof_value.rs"]
mod proof_value;
mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ciborium::Value as Cbor;
use ld_review::*;
use proof_value::edit_proof_value;
use serde_json::{json, Value};
use support::{at, json_vector, outcome_codes};
use vpcheck::{DidDocuments, Policy, TrustedIssuer};

// ---------------------------------------------------------------------------------------------
// 90c52483: a bbs-2023 derived proof binds the nonce through its presentation header.

const NONCE: &str = "n-4d2f9c1e-verifier-request-17";

/// Held: where the presentation header may stand for the challenge, and where it may not. The
/// W3C derived proof (header `11 33 77 aa`, no nonce's UTF-8) under a nonce, a base proof (no
/// header), a header rewritten to the nonce (or emptied) without a new BBS proof, a `challenge`
/// member added to the proof (the options the issuer signed change), a `domain` expected (a
/// derived proof cannot carry the verifier's), the credential inside an unsigned presentation,
/// a proof set of two derived proofs (each proof answers for itself), a derived proof beside an
/// ECDSA proof that carries the challenge (the derived one still fails), BBS+ 2020 and
/// ecdsa-sd-2023 derived proofs (no header is read: `proof.challenge`).
#[test]
fn bbs_presentation_header_binds_only_where_it_should() {
    let nonce = || bbs_policy().expect_nonce(NONCE);
    assert!(run(&bbs_derived(), &bbs_policy()).is_ok());
    let ph = |bytes: &[u8]| {
        let bytes = bytes.to_vec();
        edit_proof_value(&bbs_derived(), move |_, items| items[4] = Cbor::Bytes(bytes))
    };
    let unconsumed = ["proof.invalid", "policy.unconsumed"].as_slice();
    let mut bare = bbs_derived();
    bare.as_object_mut().unwrap().remove("proof");
    let ec = Signing::new(Suite::Rdfc, Curve::P256)
        .with("challenge", json!(NONCE))
        .proof(&bare, &nonce());
    let cases: Vec<(&str, Value, Policy, &[&str])> = vec![
        ("the W3C derived proof under a nonce", bbs_derived(), nonce(), &["proof.challenge"]),
        ("the W3C base proof under a nonce", bbs_base(), nonce(), &["proof.challenge"]),
        ("the header rewritten to the nonce", ph(NONCE.as_bytes()), nonce(), unconsumed),
        ("the header emptied, the nonce empty", ph(b""), bbs_policy().expect_nonce(""), unconsumed),
        (
            "a challenge member added to the derived proof",
            edit(&bbs_derived(), |d| d["proof"]["challenge"] = json!(NONCE)),
            nonce(),
            unconsumed,
        ),
        (
            "the header rewritten and a challenge member added",
            edit(&ph(NONCE.as_bytes()), |d| d["proof"]["challenge"] = json!(NONCE)),
            nonce(),
            unconsumed,
        ),
        (
            "an audience expected",
            bbs_derived(),
            bbs_policy().expect_audience("https://verifier.example"),
            &["proof.domain"],
        ),
        (
            "inside an unsigned presentation",
            json!({"@context": ["https://www.w3.org/2018/credentials/v1"],
                "type": ["VerifiablePresentation"], "verifiableCredential": [bbs_derived()]}),
            nonce(),
            &["proof.missing"],
        ),
        (
            "a proof set of the derived proof twice",
            edit(&bbs_derived(), |d| d["proof"] = json!([d["proof"].clone(), d["proof"].clone()])),
            nonce(),
            &["proof.challenge", "proof.challenge"],
        ),
        (
            "beside an ECDSA proof carrying the challenge",
            edit(&bbs_derived(), |d| d["proof"] = json!([d["proof"].clone(), ec.clone()])),
            nonce().trust_issuer(TrustedIssuer::from_did_url(SIGNER, false)),
            &["proof.challenge", "binding.issuer"],
        ),
        (
            "a BBS+ 2020 derived credential under a nonce",
            json_vector("trinsic-bbs/credential-signed.json"),
            support::trinsic_policy().expect_nonce(NONCE),
            &["proof.challenge", "binding.session_id"],
        ),
    ];
    for (name, doc, policy, expected) in cases {
        let r = run(&doc, &policy);
        assert!(r.is_err(), "{name}: {r:?}");
        assert_eq!(outcome_codes(&r), expected, "{name}: {r:?}");
    }
    // An unsigned presentation of the derived credential, no nonce expected: verified (control).
    let vp = json!({"@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiablePresentation"], "verifiableCredential": [bbs_derived()]});
    assert!(run(&vp, &bbs_policy()).is_ok());
    // ecdsa-sd-2023: a derived proof has no presentation header to stand for the challenge.
    let dir = "ld/ecdsa-sd-2023-reference/";
    let sd = json_vector(&format!("{dir}derived.json"));
    let sdp = Policy::at(at("2026-12-01T00:00:00Z"))
        .trust_issuer(TrustedIssuer::from_did_url(SIGNER, false))
        .trust_embedded_context(json_vector(&format!("{dir}schema-org-terms-context.json")));
    assert!(run(&sd, &sdp).is_ok());
    assert_eq!(outcome_codes(&run(&sd, &sdp.expect_nonce(NONCE))), ["proof.challenge"]);
}

// ---------------------------------------------------------------------------------------------
// edae931d and 4a28efa4: controllers, relative DID URLs, method ids.

const A_K: &str = "did:example:a#k";

/// `did:example:a`'s document with `methods` and the relationships given.
fn a_doc(methods: Value, relationships: &[(&str, Value)]) -> Value {
    let mut d = json!({"id": DID_A, "verificationMethod": methods});
    for (r, v) in relationships {
        d[*r] = v.clone();
    }
    d
}

/// The P-256 JWK method `id`.
fn m(id: &str, controller: Option<&str>) -> Value {
    jwk_method(id, controller, Curve::P256)
}

/// A policy with `docs`, trusting `did:example:a`; the first document refused, as its code.
fn try_policy(docs: &[Value]) -> Result<Policy, &'static str> {
    let mut dids = DidDocuments::new();
    for d in docs {
        dids.add_json(d.to_string().as_bytes()).map_err(|e| e.code())?;
    }
    Ok(Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(TrustedIssuer::from_did_url(DID_A, false)))
}

/// Held: ways for a key to be used for a purpose its DID document did not grant, or for a
/// document to define or list another DID's method. Query and fragment document ids, relative
/// references that are not `#fragment` (kept as written, so they name nothing), method ids in
/// another case, with spaces, percent-encoded or relative, a method defined twice (embedded under
/// a relationship and in `verificationMethod`, or in a DID document and a method document),
/// controllers written relatively.
#[test]
fn did_documents_grant_only_what_they_list() {
    let a_listed = || a_doc(json!([m(A_K, Some(DID_A))]), &[("assertionMethod", json!([A_K]))]);
    let a_relative = || a_doc(json!([m("#k", Some(DID_A))]), &[("assertionMethod", json!(["#k"]))]);
    let query = "did:example:a?x";
    let cases: Vec<(&str, Vec<Value>, &str, &[&str])> = vec![
        ("control", vec![a_listed()], A_K, &[]),
        (
            "a document for did:example:a?x, its own #k",
            vec![json!({"id": query, "verificationMethod": [m("#k", Some(query))],
                "assertionMethod": ["#k"]})],
            "did:example:a?x#k",
            &["binding.issuer"],
        ),
        (
            "the same beside a's document",
            vec![
                json!({"id": query, "verificationMethod": [m("#k", Some(query))],
                    "assertionMethod": ["#k"]}),
                a_doc(json!([]), &[("assertionMethod", json!([]))]),
            ],
            "did:example:a?x#k",
            &["binding.issuer"],
        ),
        (
            "a document for did:example:a?x, its #k controlled by a",
            vec![json!({"id": query, "verificationMethod": [m("#k", Some(DID_A))],
                "assertionMethod": ["#k"]})],
            "did:example:a?x#k",
            &["proof.purpose", "binding.issuer"],
        ),
        (
            "a document did:example:a#x lists #k, a method document defines it, a's document not",
            vec![
                json!({"id": "did:example:a#x", "assertionMethod": ["#k"]}),
                m("did:example:a#x#k", Some(DID_A)),
            ],
            "did:example:a#x#k",
            // The method id's second `#` is a fragment character the JSON-LD reading refuses.
            &["ld.unsigned_member"],
        ),
        (
            "the same with a's document, which does not list it",
            vec![
                json!({"id": "did:example:a#x", "assertionMethod": ["#k"]}),
                m("did:example:a#x#k", Some(DID_A)),
                a_listed(),
            ],
            "did:example:a#x#k",
            &["proof.purpose"],
        ),
        (
            "a lists ?versionId=1#k",
            vec![a_doc(
                json!([m(A_K, Some(DID_A))]),
                &[("assertionMethod", json!(["?versionId=1#k"]))],
            )],
            A_K,
            &["proof.purpose"],
        ),
        (
            "a lists //b#k",
            vec![a_doc(json!([m(A_K, Some(DID_A))]), &[("assertionMethod", json!(["//b#k"]))])],
            A_K,
            &["proof.purpose"],
        ),
        (
            "b defines #k, a lists #k (its own a#k)",
            vec![
                json!({"id": DID_B, "verificationMethod": [m("#k", Some(DID_B))],
                    "assertionMethod": ["#k"]}),
                json!({"id": DID_A, "assertionMethod": ["#k"]}),
            ],
            "did:example:b#k",
            &["binding.issuer"],
        ),
        (
            "b defines #k, a lists #k, the proof names a#k",
            vec![
                json!({"id": DID_B, "verificationMethod": [m("#k", Some(DID_B))],
                    "assertionMethod": ["#k"]}),
                json!({"id": DID_A, "assertionMethod": ["#k"]}),
            ],
            A_K,
            &["key.not_found"],
        ),
        (
            "a method embedded under authentication and defined again identically",
            vec![a_doc(
                json!([m(A_K, Some(DID_A))]),
                &[("authentication", json!([m("#k", Some(DID_A))]))],
            )],
            A_K,
            &["proof.purpose"],
        ),
        (
            "a method document identical to a's #k",
            vec![m(A_K, Some(DID_A)), a_relative()],
            A_K,
            &[],
        ),
        (
            "a's controller written \"#\"",
            vec![a_doc(json!([m("#k", Some("#"))]), &[("assertionMethod", json!(["#k"]))])],
            A_K,
            &["proof.purpose"],
        ),
        (
            "a's controller written \"\"",
            vec![a_doc(json!([m("#k", Some(""))]), &[("assertionMethod", json!(["#k"]))])],
            A_K,
            &["proof.purpose"],
        ),
        (
            "a's controller with a trailing space",
            vec![a_doc(
                json!([m("#k", Some("did:example:a "))]),
                &[("assertionMethod", json!(["#k"]))],
            )],
            A_K,
            &["proof.purpose"],
        ),
        (
            "a method document with the relative id #k, a listing #k",
            vec![m("#k", None), json!({"id": DID_A, "assertionMethod": ["#k"]})],
            "#k",
            &["ld.unsigned_member"],
        ),
        (
            "a document whose id is \"\"",
            vec![
                json!({"id": "", "verificationMethod": [m("#k", None)], "assertionMethod": ["#k"]}),
            ],
            "#k",
            &["ld.unsigned_member"],
        ),
    ];
    for (name, docs, vm, expected) in cases {
        let p = try_policy(&docs).unwrap_or_else(|e| panic!("{name}: {e}"));
        for r in a_outcomes(vm, &p) {
            assert_eq!(outcome_codes(&r), expected, "{name}: {r:?}");
        }
    }
    // Method ids that are not the one a's document defines: nothing describes them.
    for (vm, expected) in [
        ("did:example:A#k", ["key.not_found", "binding.issuer"].as_slice()),
        ("did:example:a#K", &["key.not_found"]),
        ("did:example:a#k ", &["key.not_found"]),
        (" did:example:a#k", &["key.not_found", "binding.issuer"]),
        ("did:example:a%23k", &["key.not_found", "binding.issuer"]),
        ("did:example:%61#k", &["key.not_found", "binding.issuer"]),
        ("did:example:a?x#k", &["key.not_found", "binding.issuer"]),
        ("did:example:a/#k", &["key.not_found", "binding.issuer"]),
        ("#k", &["key.not_found", "binding.issuer"]),
        ("did:example:a#k#k", &["key.not_found"]),
    ] {
        for r in a_outcomes(vm, &try_policy(&[a_listed()]).unwrap()) {
            assert_eq!(outcome_codes(&r), expected, "{vm:?}: {r:?}");
        }
    }
    // Refused when added: a method outside the document's DID, one id defined twice.
    for (name, docs, code) in [
        (
            "a document did:example:a#x defining #k",
            vec![json!({"id": "did:example:a#x", "verificationMethod": [m("#k", Some(DID_A))],
                "assertionMethod": ["#k"]})],
            "field.invalid",
        ),
        (
            "a method id ?versionId=1#k",
            vec![a_doc(
                json!([m("?versionId=1#k", Some(DID_A))]),
                &[("assertionMethod", json!(["?versionId=1#k"]))],
            )],
            "field.invalid",
        ),
        (
            "a method id k (no #)",
            vec![a_doc(json!([m("k", Some(DID_A))]), &[("assertionMethod", json!(["k"]))])],
            "field.invalid",
        ),
        (
            "embedded #k (controller a) and a#k (no controller)",
            vec![a_doc(
                json!([m(A_K, None)]),
                &[("authentication", json!([m("#k", Some(DID_A))]))],
            )],
            "key.ambiguous",
        ),
        (
            "embedded #k P-256 under authentication, a#k P-384 listed for assertions",
            vec![a_doc(
                json!([jwk_method(A_K, Some(DID_A), Curve::P384)]),
                &[
                    ("authentication", json!([m("#k", Some(DID_A))])),
                    ("assertionMethod", json!(["#k"])),
                ],
            )],
            "key.ambiguous",
        ),
        (
            "a's #k, then a method document a#k with the P-384 key",
            vec![a_relative(), jwk_method(A_K, Some(DID_A), Curve::P384)],
            "key.ambiguous",
        ),
        (
            "a method document a#k with the P-384 key, then a's #k",
            vec![jwk_method(A_K, Some(DID_A), Curve::P384), a_relative()],
            "key.ambiguous",
        ),
        (
            "a method document a#k without controller, then a's #k",
            vec![m(A_K, None), a_relative()],
            "key.ambiguous",
        ),
    ] {
        assert_eq!(try_policy(&docs).err(), Some(code), "{name}");
    }
}

/// A presentation by holder `holder`, signed by `vm` (P-256) for authentication with challenge
/// `n-1`, carrying a credential of the W3C P-256 did:key.
fn presentation(holder: &str, vm: &str, policy: &Policy) -> Value {
    let cred = Signing::new(Suite::Rdfc, Curve::P256).sign(&credential(SIGNER), policy);
    let vp = json!({"@context": ["https://www.w3.org/2018/credentials/v1",
            "https://w3id.org/security/data-integrity/v2"],
        "type": ["VerifiablePresentation"], "holder": holder, "verifiableCredential": [cred]});
    Signing { vm: vm.to_owned(), ..Signing::new(Suite::Rdfc, Curve::P256) }
        .with("proofPurpose", json!("authentication"))
        .with("challenge", json!("n-1"))
        .sign(&vp, policy)
}

/// Held: a presentation's proof authenticates its holder. A key its DID document lists for
/// assertions only, a key whose stated controller is another DID, a key of another DID that the
/// holder's document does not list (relatively or not) are refused; the holder's document listing
/// another DID's authentication key is the holder's own grant (verified).
#[test]
fn presentation_keys_are_the_holders_authentication_keys() {
    let b_auth = || {
        json!({"id": DID_B, "verificationMethod": [m("#k", Some(DID_B))],
            "authentication": ["#k"]})
    };
    let b_k = "did:example:b#k";
    let cases: Vec<(&str, Vec<Value>, &str, &[&str])> = vec![
        (
            "a's key, listed for authentication",
            vec![a_doc(json!([m(A_K, Some(DID_A))]), &[("authentication", json!(["#k"]))])],
            A_K,
            &[],
        ),
        (
            "a's key, listed for assertions only",
            vec![a_doc(json!([m(A_K, Some(DID_A))]), &[("assertionMethod", json!(["#k"]))])],
            A_K,
            &["proof.purpose", "policy.unconsumed"],
        ),
        (
            "a's key, its controller b",
            vec![a_doc(json!([m(A_K, Some(DID_B))]), &[("authentication", json!(["#k"]))])],
            A_K,
            &["proof.purpose", "policy.unconsumed"],
        ),
        (
            "b's authentication key, a's document listing nothing",
            vec![b_auth(), a_doc(json!([]), &[("authentication", json!([]))])],
            b_k,
            &["binding.holder"],
        ),
        (
            "b's authentication key, a's document listing #k (a#k)",
            vec![b_auth(), a_doc(json!([]), &[("authentication", json!(["#k"]))])],
            b_k,
            &["binding.holder"],
        ),
        (
            "b's key for assertions only, a's document listing b#k for authentication",
            vec![
                json!({"id": DID_B, "verificationMethod": [m("#k", Some(DID_B))],
                    "assertionMethod": ["#k"]}),
                a_doc(json!([]), &[("authentication", json!([b_k]))]),
            ],
            b_k,
            &["proof.purpose", "policy.unconsumed"],
        ),
        (
            "b's authentication key, a's document listing b#k for authentication",
            vec![b_auth(), a_doc(json!([]), &[("authentication", json!([b_k]))])],
            b_k,
            &[],
        ),
    ];
    for (name, docs, vm, expected) in cases {
        let p = try_policy(&docs)
            .unwrap()
            .trust_issuer(TrustedIssuer::from_did_url(SIGNER, false))
            .expect_nonce("n-1");
        let r = run(&presentation(DID_A, vm, &p), &p);
        assert_eq!(outcome_codes(&r), expected, "{name}: {r:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// 4a28efa4: no private key material in a verification method.

/// `did:example:a`'s credential in the JWS 2020 context.
fn jws_credential() -> Value {
    let mut c = credential(DID_A);
    c["@context"] = json!([
        "https://www.w3.org/2018/credentials/v1",
        "https://w3id.org/citizenship/v1",
        "https://w3id.org/security/suites/jws-2020/v1"
    ]);
    c
}

/// `doc` signed with JsonWebSignature2020 by `vm`: a detached JWS (`b64: false`) under `alg` over
/// the SHA-256 of the canonical proof options, then of the canonical document, made by `sign`.
fn sign_jws2020(
    doc: &Value,
    vm: &str,
    alg: &str,
    policy: &Policy,
    sign: impl Fn(&[u8]) -> Vec<u8>,
) -> Value {
    let mut options = json!({"type": "JsonWebSignature2020", "created": "2024-01-01T00:00:00Z",
        "verificationMethod": vm, "proofPurpose": "assertionMethod"});
    options["@context"] = doc["@context"].clone();
    let digest = |v: &Value| {
        ring::digest::digest(
            &ring::digest::SHA256,
            vpcheck::testing::canonical_nquads(v, policy).unwrap().as_bytes(),
        )
        .as_ref()
        .to_vec()
    };
    let mut hash = digest(&options);
    hash.extend_from_slice(&digest(doc));
    let header = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{alg}","b64":false,"crit":["b64"]}}"#));
    let mut input = format!("{header}.").into_bytes();
    input.extend_from_slice(&hash);
    options.as_object_mut().unwrap().remove("@context");
    options["jws"] = json!(format!("{header}..{}", URL_SAFE_NO_PAD.encode(sign(&input))));
    let mut out = doc.clone();
    out["proof"] = options;
    out
}

/// `did:example:a`'s document defining `method` (id `did:example:a#k`) for assertions.
fn a_doc_with(method: Value) -> Value {
    json!({"id": DID_A, "verificationMethod": [method], "assertionMethod": [A_K]})
}

/// `method` (id `did:example:a#k`) with `jwk` as its `publicKeyJwk`.
fn jwk_vm(jwk: Value) -> Value {
    json!({"id": A_K, "type": "JsonWebKey2020", "controller": DID_A, "publicKeyJwk": jwk})
}

/// Held: a `publicKeyJwk` with a private member is `key.invalid` on every path: in a DID
/// document and in a method document, for Ed25519 (through JsonWebSignature2020, with the real
/// `d` or an empty one), EC (`oth`), RSA (`p`) and BLS12-381 G2 keys (through bbs-2023; the key
/// is refused before the proof is read). Observed: `"d": null` is no private member.
#[test]
fn private_jwk_members_are_refused_on_every_path() {
    let sk = support::key(7);
    let x = URL_SAFE_NO_PAD.encode(sk.verifying_key().as_bytes());
    let ed = |i: &[u8]| {
        use ed25519_dalek::Signer as _;
        sk.sign(i).to_bytes().to_vec()
    };
    for (name, jwk, expected) in [
        ("Ed25519, public", json!({"kty": "OKP", "crv": "Ed25519", "x": x}), [].as_slice()),
        (
            "Ed25519 with its d",
            json!({"kty": "OKP", "crv": "Ed25519", "x": x,
                "d": URL_SAFE_NO_PAD.encode(sk.to_bytes())}),
            &["key.invalid"],
        ),
        (
            "Ed25519 with d \"\"",
            json!({"kty": "OKP", "crv": "Ed25519", "x": x, "d": ""}),
            &["key.invalid"],
        ),
        ("Ed25519 with d null", json!({"kty": "OKP", "crv": "Ed25519", "x": x, "d": null}), &[]),
    ] {
        for doc in [a_doc_with(jwk_vm(jwk.clone())), jwk_vm(jwk.clone())] {
            let p = try_policy(&[doc]).unwrap();
            let r = run(&sign_jws2020(&jws_credential(), A_K, "EdDSA", &p, ed), &p);
            assert_eq!(outcome_codes(&r), expected, "{name}: {r:?}");
        }
    }
    let ec = jwk_of(Curve::P256);
    for (name, jwk, expected) in [
        ("EC with oth", edit(&ec, |j| j["oth"] = json!([])), ["key.invalid"].as_slice()),
        ("EC with d null", edit(&ec, |j| j["d"] = Value::Null), &[]),
        (
            "RSA with p",
            json!({"kty": "RSA", "n": "AQAB", "e": "AQAB", "p": "AQAB"}),
            &["key.invalid"],
        ),
        (
            "BLS12-381 G2 with d",
            json!({"kty": "OKP", "crv": "Bls12381G2", "x": URL_SAFE_NO_PAD.encode([0u8; 96]),
                "d": "AAAA"}),
            &["key.invalid"],
        ),
    ] {
        for doc in [a_doc_with(jwk_vm(jwk.clone())), jwk_vm(jwk.clone())] {
            for r in a_outcomes(A_K, &try_policy(&[doc]).unwrap()) {
                assert_eq!(outcome_codes(&r), expected, "{name}: {r:?}");
            }
        }
    }
    // The W3C bbs-2023 derived proof, its method renamed to a BLS JWK of the issuer's key.
    let key = bs58::decode(&BBS_KEY[9..]).into_vec().unwrap();
    let vm = "did:example:bls#k";
    for (d, expected) in [(None, "proof.invalid"), (Some("AAAA"), "key.invalid")] {
        let mut jwk =
            json!({"kty": "OKP", "crv": "Bls12381G2", "x": URL_SAFE_NO_PAD.encode(&key[2..])});
        if let Some(d) = d {
            jwk["d"] = json!(d);
        }
        let mut dids = DidDocuments::new();
        dids.add_json(json!({"id": BBS_ISSUER, "assertionMethod": [vm]}).to_string().as_bytes())
            .unwrap();
        dids.add_json(
            json!({"id": vm, "type": "JsonWebKey2020", "publicKeyJwk": jwk}).to_string().as_bytes(),
        )
        .unwrap();
        let doc = edit(&bbs_derived(), |d| d["proof"]["verificationMethod"] = json!(vm));
        let r = run(&doc, &bbs_policy().with_did_documents(dids));
        // Without `d`: found and used, the proof (signed under another method id) is invalid.
        assert_eq!(outcome_codes(&r), [expected], "{d:?}: {r:?}");
    }
}

/// An HMAC key of 32 bytes, published in the DID document below.
const SECRET: &[u8] = b"a-32-byte-hmac-key-published!!!!";

/// Finding 1 (fixed): an `oct` `publicKeyJwk` publishes its secret `k` (RFC 7518 section 7.6.2
/// registers `k` in the "Private" information class; DID Core section 5.2.1 forbids such members,
/// as it forbids `d`). Anyone who read the document signs JsonWebSignature2020 proofs with `alg:
/// HS256`: vpcheck answered `Ok` with `did:example:a`'s subject (JANE DOE), as DID document and
/// as method document. Now `key.invalid`. The same for an EC JWK with a stray `k` (verified;
/// nothing forged there, but a private-class member DID Core forbids).
#[test]
fn finding_1_a_published_hmac_secret_signs() {
    let oct = jwk_vm(json!({"kty": "oct", "k": URL_SAFE_NO_PAD.encode(SECRET)}));
    let hs256 = |input: &[u8]| {
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, SECRET);
        ring::hmac::sign(&key, input).as_ref().to_vec()
    };
    let mut wrong = Vec::new();
    for doc in [a_doc_with(oct.clone()), oct] {
        let p = try_policy(&[doc]).unwrap();
        let r = run(&sign_jws2020(&jws_credential(), A_K, "HS256", &p, hs256), &p);
        // Before the fix: Ok({"given_name": "JANE", "family_name": "DOE", ...}).
        if outcome_codes(&r) != ["key.invalid"] {
            wrong.push(format!("oct HS256: {r:?}"));
        }
    }
    let ec_k = jwk_vm(edit(&jwk_of(Curve::P256), |j| j["k"] = json!("AAAA")));
    for doc in [a_doc_with(ec_k.clone()), ec_k] {
        for r in a_outcomes(A_K, &try_policy(&[doc]).unwrap()) {
            if outcome_codes(&r) != ["key.invalid"] {
                wrong.push(format!("EC with k: {r:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Finding 2 (fixed): a verification method publishing its secret key beside the public one
/// verified like any other. `secretKeyMultibase` here is the W3C P-256 key pair's own secret
/// (the key that signs the credential): anyone who read the document can sign as
/// `did:example:a`, and vpcheck answered `Ok` with the subject's names. Likewise
/// `privateKeyMultibase`, `privateKeyJwk` (a JWK with `d`) and `privateKeyBase58`. Now
/// `key.invalid`, as for a `publicKeyJwk` with `d` (4a28efa4: "a published private key vouches
/// for nothing").
#[test]
fn finding_2_a_published_secret_key_member_is_ignored() {
    let keys = json_vector("ld/vc-di-ecdsa/p256KeyPair.json");
    let multikey = json!({"id": A_K, "type": "Multikey", "controller": DID_A,
        "publicKeyMultibase": keys["publicKeyMultibase"]});
    let mut wrong = Vec::new();
    for (member, value) in [
        ("secretKeyMultibase", keys["secretKeyMultibase"].clone()),
        ("privateKeyMultibase", keys["secretKeyMultibase"].clone()),
        ("privateKeyJwk", edit(&jwk_of(Curve::P256), |j| j["d"] = json!("AAAA"))),
        ("privateKeyBase58", json!("abc")),
    ] {
        let method = edit(&multikey, |m| m[member] = value.clone());
        for doc in [a_doc_with(method.clone()), method] {
            for r in a_outcomes(A_K, &try_policy(&[doc]).unwrap()) {
                // Before the fix: Ok({"given_name": "JANE", "family_name": "DOE", ...}).
                if outcome_codes(&r) != ["key.invalid"] {
                    wrong.push(format!("{member}: {r:?}"));
                }
            }
        }
    }
    // The control: the public key alone verifies.
    assert!(a_outcomes(A_K, &try_policy(&[a_doc_with(multikey)]).unwrap())
        .iter()
        .all(Result::is_ok));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// edae931d: proof chains are `proof.not_checked`.

/// Held: other spellings of `previousProof` in a proof the trusted signer made. Each is could
/// not check (`proof.not_checked`) or refused, never verified: `null` and `[]` are empty values
/// (`ld.empty_value`), `""`, `{}` and `{"@id"}` are a chain, a full or compact IRI key is refused
/// (`ld.iri_key`), `@included` and `@reverse` are keywords vpcheck refuses, an undefined term is
/// `field.invalid`; a trusted context's term for `sec:previousProof` is a chain (review 22), and
/// a chain in a presentation's proof too. Observed: `sec:previousProof` inside a
/// `@graph`-container member (a statement in another graph, not about the proof) verifies.
#[test]
fn previous_proof_spellings() {
    let p = ec_policy();
    let doc = credential(SIGNER);
    let not_checked = ("unchecked".to_owned(), vec!["proof.not_checked".to_owned()]);
    for suite in [Suite::Rdfc, Suite::Jcs] {
        // Written after signing (the signer drops a null member).
        let signed = Signing::new(suite, Curve::P256).sign(&doc, &p);
        let null = edit(&signed, |d| d["proof"]["previousProof"] = Value::Null);
        assert_eq!(outcome_codes(&run(&null, &p)), ["ld.empty_value"], "{suite:?}");
        let mut cases: Vec<(&str, &'static str, Value, &str)> = vec![
            ("[]", "previousProof", json!([]), "ld.empty_value"),
            ("\"\"", "previousProof", json!(""), "proof.not_checked"),
            ("{}", "previousProof", json!({}), "proof.not_checked"),
            ("{@id}", "previousProof", json!({"@id": "urn:uuid:proof-a"}), "proof.not_checked"),
            (
                "full IRI key",
                "https://w3id.org/security#previousProof",
                json!("urn:uuid:proof-a"),
                "ld.iri_key",
            ),
            ("compact IRI key", "sec:previousProof", json!("urn:uuid:proof-a"), "ld.iri_key"),
            (
                "@reverse",
                "@reverse",
                json!({"previousProof": {"id": "urn:uuid:proof-a"}}),
                "ld.keyword",
            ),
        ];
        // Undefined terms and keywords the RDFC signer cannot canonicalise: JCS only.
        if suite == Suite::Jcs {
            cases.extend([
                ("PreviousProof", "PreviousProof", json!("urn:uuid:proof-a"), "field.invalid"),
                (
                    "@included",
                    "@included",
                    json!([{"id": "urn:uuid:proof-b", "previousProof": "urn:uuid:proof-a"}]),
                    "ld.keyword",
                ),
                (
                    "nested under an IRI key",
                    "https://example.org/meta",
                    json!({"previousProof": "urn:uuid:proof-a"}),
                    "ld.iri_key",
                ),
            ]);
        }
        for (name, member, value, code) in cases {
            let r = run(&Signing::new(suite, Curve::P256).with(member, value).sign(&doc, &p), &p);
            assert!(r.is_err(), "{suite:?} {name}: {r:?}");
            assert_eq!(outcome_codes(&r), [code], "{suite:?} {name}: {r:?}");
        }
    }
    // A trusted context's terms: the term for sec:previousProof, one inside a graph container.
    let alias = json!({"prev": {"@id": "https://w3id.org/security#previousProof", "@type": "@id"},
        "wrap": {"@id": "https://example.org/wrap", "@container": "@graph"}});
    let p = ec_policy().trust_embedded_context(alias.clone());
    let doc = edit(&credential(SIGNER), |d| d["@context"].as_array_mut().unwrap().push(alias));
    for suite in [Suite::Rdfc, Suite::Jcs] {
        let s = Signing::new(suite, Curve::P256);
        let prev = s.clone().with("prev", json!("urn:uuid:proof-a")).sign(&doc, &p);
        assert_eq!(verdict(&run(&prev, &p)), not_checked, "{suite:?}");
        let wrapped = s.with("wrap", json!({"prev": "urn:uuid:proof-a"})).sign(&doc, &p);
        assert!(run(&wrapped, &p).is_ok(), "{suite:?}");
    }
    // A presentation's proof naming a previous proof; its control verifies.
    let p = ec_policy().expect_nonce("n-1");
    let vp = presentation(SIGNER, &vm_of(SIGNER), &p);
    assert!(run(&vp, &p).is_ok());
    let mut unsigned = vp.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    let chained = Signing::new(Suite::Rdfc, Curve::P256)
        .with("proofPurpose", json!("authentication"))
        .with("challenge", json!("n-1"))
        .with("previousProof", json!("urn:uuid:proof-a"))
        .sign(&unsigned, &p);
    let r = run(&chained, &p);
    assert_eq!(
        verdict(&r),
        (
            "unchecked".to_owned(),
            vec!["proof.not_checked".to_owned(), "policy.unconsumed".to_owned()]
        ),
        "{r:?}"
    );
}
