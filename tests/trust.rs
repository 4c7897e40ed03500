//! Trust anchors and key roles: who may sign what. Each case gives the attack with its exact
//! code, beside the configuration under which the honest result still verifies. The signed
//! vectors (`test-vectors/expected.json`, `trinsic-bbs/expected.json`) hold more: a credential
//! signed with the holder's key, a presentation signed with the issuer's, evidence re-signed
//! with Hopae's key, a Trinsic result from an issuer trusted for another role.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use ed25519_dalek::Signer as _;
use serde_json::{json, Value};
use support::{at, hopae_policy, upstream_claims, upstream_keys, userinfo_signed, vector};
use vpcheck::{parse, KeySet, Limits, Policy, TrustedIssuer, Verdict};

/// Verdict and error codes.
fn outcome(bytes: &[u8], policy: &Policy) -> (Verdict, Vec<String>) {
    match parse(bytes, &Limits::default()).unwrap().verify(policy) {
        Ok(_) => (Verdict::Verified, Vec::new()),
        Err(r) => (r.verdict(), r.errors().iter().map(|e| e.code().to_owned()).collect()),
    }
}

fn unchecked(code: &str) -> (Verdict, Vec<String>) {
    (Verdict::Unchecked, vec![code.to_owned()])
}

fn rejected(code: &str) -> (Verdict, Vec<String>) {
    (Verdict::Rejected, vec![code.to_owned()])
}

fn verified() -> (Verdict, Vec<String>) {
    (Verdict::Verified, Vec::new())
}

/// `did:key` of the Ed25519 key from `seed`, and its verification method.
fn did_key(seed: u8) -> (String, String) {
    let mut bytes = vec![0xed, 0x01];
    bytes.extend_from_slice(support::key(seed).verifying_key().as_bytes());
    let mb = format!("z{}", bs58::encode(bytes).into_string());
    (format!("did:key:{mb}"), format!("did:key:{mb}#{mb}"))
}

// --- JSON-LD: the issuer must be trusted, for the role ---------------------------------------

#[test]
fn a_self_issued_did_key_credential_is_unchecked_until_its_issuer_is_named() {
    let (did, vm) = did_key(91);
    let policy = Policy::at(at("2025-01-01T00:00:00Z"));
    let credential = json!({"@context": ["https://www.w3.org/ns/credentials/v2", {"@vocab": "https://trinsic.cloud/idv/"}],
        "type": ["VerifiableCredential"], "issuer": did, "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:subject", "givenName": "MALLORY"}});
    let signed =
        support::sign_rdfc(&credential, &vm, 91, "2024-01-01T00:00:00Z", &policy).to_string();
    // The proof verifies (did:key resolves its key in place), and vouches for nothing.
    assert_eq!(outcome(signed.as_bytes(), &policy), unchecked("issuer.untrusted"));
    // Trusting another issuer, or this one as a Trinsic issuer only, changes nothing.
    assert_eq!(
        outcome(
            signed.as_bytes(),
            &policy.clone().trust_issuer(TrustedIssuer::new("did:example:issuer"))
        ),
        unchecked("issuer.untrusted")
    );
    assert_eq!(
        outcome(
            signed.as_bytes(),
            &policy.clone().trust_issuer(TrustedIssuer::trinsic(did.clone()))
        ),
        unchecked("issuer.untrusted")
    );
    // A pin to another method of the same DID does not cover this one.
    let pinned_elsewhere = policy
        .clone()
        .trust_issuer(TrustedIssuer::new(did.clone()).with_method(format!("{did}#other")));
    assert_eq!(outcome(signed.as_bytes(), &pinned_elsewhere), unchecked("issuer.untrusted"));
    // The caller names it: verified, with or without the method pinned.
    assert_eq!(
        outcome(signed.as_bytes(), &policy.clone().trust_issuer(TrustedIssuer::new(did.clone()))),
        verified()
    );
    assert_eq!(
        outcome(
            signed.as_bytes(),
            &policy.clone().trust_issuer(TrustedIssuer::new(did).with_method(vm))
        ),
        verified()
    );
}

#[test]
fn a_signed_document_without_an_issuer_is_trusted_through_its_signer() {
    let (did, vm) = did_key(92);
    let policy = Policy::at(at("2025-01-01T00:00:00Z"));
    let document = json!({"@context": ["https://www.w3.org/ns/credentials/v2", {"@vocab": "https://trinsic.cloud/idv/"}],
        "id": "urn:uuid:7b1e", "givenName": "MALLORY"});
    let signed =
        support::sign_rdfc(&document, &vm, 92, "2024-01-01T00:00:00Z", &policy).to_string();
    assert_eq!(outcome(signed.as_bytes(), &policy), unchecked("issuer.untrusted"));
    assert_eq!(
        outcome(signed.as_bytes(), &policy.trust_issuer(TrustedIssuer::new(did))),
        verified()
    );
}

#[test]
fn one_untrusted_credential_in_a_presentation_leaves_the_result_unchecked() {
    // Two credentials about one subject from two issuers, only one of them trusted: the result
    // is not verified (a presentation passes only if every credential does).
    let policy = Policy::at(at("2025-01-01T00:00:00Z"));
    let (a, a_vm) = did_key(93);
    let (b, b_vm) = did_key(94);
    let credential = |issuer: &str, vm: &str, seed: u8| {
        let c = json!({"@context": ["https://www.w3.org/ns/credentials/v2", {"@vocab": "https://trinsic.cloud/idv/"}],
            "type": ["VerifiableCredential"], "issuer": issuer, "validFrom": "2024-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:subject", "givenName": "JANE"}});
        support::sign_rdfc(&c, vm, seed, "2024-01-01T00:00:00Z", &policy)
    };
    let vp = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
        "verifiableCredential": [credential(&a, &a_vm, 93), credential(&b, &b_vm, 94)]})
    .to_string();
    let only_a = policy.clone().trust_issuer(TrustedIssuer::new(a.clone()));
    assert_eq!(outcome(vp.as_bytes(), &only_a), unchecked("issuer.untrusted"));
    assert_eq!(outcome(vp.as_bytes(), &only_a.trust_issuer(TrustedIssuer::new(b))), verified());
}

#[test]
fn the_trinsic_issuer_must_be_trusted_as_a_trinsic_issuer() {
    let session = vector("trinsic-bbs/session-valid.json");
    let mut dids = vpcheck::DidDocuments::new();
    dids.add_json(&vector("trinsic-bbs/issuer.did.json")).unwrap();
    let base = Policy::at(at("2026-10-01T10:00:00Z")).with_did_documents(dids);
    // The DID document resolves the key; it does not make the DID trusted.
    assert_eq!(outcome(&session, &base), unchecked("issuer.untrusted"));
    assert_eq!(
        outcome(&session, &base.clone().trust_issuer(TrustedIssuer::new(support::TRINSIC_ISSUER))),
        unchecked("issuer.untrusted")
    );
    assert_eq!(
        outcome(&session, &base.trust_issuer(TrustedIssuer::trinsic(support::TRINSIC_ISSUER))),
        verified()
    );
}

// --- JWS: a key verifies only in its role ------------------------------------------------------

/// An EdDSA JWT over `payload` with the key from `seed`, naming `kid`.
fn ed_jwt(seed: u8, kid: &str, payload: &Value) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(json!({"alg": "EdDSA", "kid": kid}).to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    );
    let signature = support::key(seed).sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

/// The public JWK set of the key from `seed`, with `kid`.
fn ed_keys(seed: u8, kid: &str) -> KeySet {
    let x = URL_SAFE_NO_PAD.encode(support::key(seed).verifying_key().as_bytes());
    KeySet::from_json(
        json!({"kty": "OKP", "crv": "Ed25519", "kid": kid, "x": x}).to_string().as_bytes(),
    )
    .unwrap()
}

#[test]
fn issuer_keys_verify_only_their_issuers_tokens() {
    let policy = Policy::at(at("2025-01-01T00:00:00Z"))
        .with_issuer_keys("https://a.example", ed_keys(95, "a-1"))
        .with_issuer_keys("https://b.example", ed_keys(96, "b-1"));
    let claims = |iss: &str| json!({"iss": iss, "iat": 1_735_689_000});
    assert_eq!(
        outcome(ed_jwt(95, "a-1", &claims("https://a.example")).as_bytes(), &policy),
        verified()
    );
    assert_eq!(
        outcome(ed_jwt(96, "b-1", &claims("https://b.example")).as_bytes(), &policy),
        verified()
    );
    // A's key on a token naming B: with its own kid, the wrong role; under B's kid, B's key
    // does not verify it.
    assert_eq!(
        outcome(ed_jwt(95, "a-1", &claims("https://b.example")).as_bytes(), &policy),
        rejected("key.wrong_role")
    );
    assert_eq!(
        outcome(ed_jwt(95, "b-1", &claims("https://b.example")).as_bytes(), &policy),
        rejected("signature.invalid")
    );
    // A token naming an issuer with no keys, signed by a key of no role: could not check.
    assert_eq!(
        outcome(ed_jwt(97, "c-1", &claims("https://c.example")).as_bytes(), &policy),
        unchecked("issuer.untrusted")
    );
    // A second set for the same issuer replaces the first: A's old key no longer verifies.
    let rotated = policy.with_issuer_keys("https://a.example", ed_keys(98, "a-2"));
    assert_eq!(
        outcome(ed_jwt(95, "a-1", &claims("https://a.example")).as_bytes(), &rotated),
        unchecked("key.not_found")
    );
    assert_eq!(
        outcome(ed_jwt(98, "a-2", &claims("https://a.example")).as_bytes(), &rotated),
        verified()
    );
}

#[test]
fn signer_keys_verify_only_tokens_that_name_no_issuer() {
    let policy = Policy::at(at("2025-01-01T00:00:00Z")).with_signer_keys(ed_keys(99, "s-1"));
    let anonymous = json!({"iat": 1_735_689_000, "msg": "hello"});
    assert_eq!(outcome(ed_jwt(99, "s-1", &anonymous).as_bytes(), &policy), verified());
    // The same key on a token that names an issuer: the claims would be attributed to it.
    let named = json!({"iss": "https://a.example", "iat": 1_735_689_000});
    assert_eq!(outcome(ed_jwt(99, "s-1", &named).as_bytes(), &policy), rejected("key.wrong_role"));
    // An issuer's key on an anonymous token is not a signer's.
    let issuer_only = Policy::at(at("2025-01-01T00:00:00Z"))
        .with_issuer_keys("https://a.example", ed_keys(99, "s-1"));
    assert_eq!(
        outcome(ed_jwt(99, "s-1", &anonymous).as_bytes(), &issuer_only),
        rejected("key.wrong_role")
    );
    assert_eq!(
        outcome(ed_jwt(99, "s-1", &anonymous).as_bytes(), &Policy::at(at("2025-01-01T00:00:00Z"))),
        unchecked("signature.not_checked")
    );
}

#[test]
fn holder_keys_verify_presentations_only() {
    // A VCDM 1.1 presentation signed by the holder, holding nothing: with the holder's key as an
    // issuer key it is the wrong role; as a holder key its signature verifies.
    let vp = json!({"iss": "did:example:holder", "iat": 1_735_689_000,
        "vp": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiablePresentation"]}});
    let token = ed_jwt(100, "did:example:holder#key-1", &vp);
    let as_issuer = Policy::at(at("2025-01-01T00:00:00Z"))
        .with_issuer_keys("did:example:holder", ed_keys(100, "did:example:holder#key-1"));
    assert_eq!(outcome(token.as_bytes(), &as_issuer), rejected("key.wrong_role"));
    let as_holder = Policy::at(at("2025-01-01T00:00:00Z"))
        .with_holder_keys("did:example:holder", ed_keys(100, "did:example:holder#key-1"));
    assert_eq!(outcome(token.as_bytes(), &as_holder), verified());
}

#[test]
fn evidence_keys_are_bound_to_the_upstream_provider() {
    const IAT: i64 = 1_761_632_430;
    let honest = serde_json::to_vec(&userinfo_signed(&upstream_claims(IAT, IAT + 3600))).unwrap();
    assert_eq!(outcome(&honest, &hopae_policy()), verified());
    // The same provider key on evidence naming another provider: refused, not relayed.
    let mut other = upstream_claims(IAT, IAT + 3600);
    other["iss"] = json!("https://other-idp.example");
    let relabelled = serde_json::to_vec(&userinfo_signed(&other)).unwrap();
    assert_eq!(outcome(&relabelled, &hopae_policy()), rejected("key.wrong_role"));
    // Bound to another provider's name, the keys are trusted for that provider only: the
    // evidence of this one verifies under them only outside their role.
    let misbound = Policy::at(at(support::HOPAE_NOW))
        .with_evidence_keys("https://idp.example", upstream_keys());
    assert_eq!(outcome(&honest, &misbound), rejected("key.wrong_role"));
    // Hopae's keys alone do not verify an upstream token.
    let hopae_only = Policy::at(at(support::HOPAE_NOW))
        .with_hopae_keys(support::hopae_keys())
        .require_evidence_signatures();
    assert_eq!(outcome(&honest, &hopae_only), unchecked("signature.not_checked"));
}
