//! Verification methods come only from the document of the DID their id names: one issuer's DID
//! document cannot define a key in another's namespace and issue in its name, a method id defined
//! twice is ambiguous, and a verification-method document names its own DID as controller.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use support::at;

use serde_json::{json, Value};
use vpcheck::{parse, DidDocuments, Limits, Policy, Verdict};

/// A DID document for `did` with one Multikey method `fragment` (key from `seed`) under
/// `assertionMethod`; the method id may name another DID (`method_did`).
fn did_document(did: &str, method_did: &str, fragment: &str, seed: u8) -> String {
    let vm = format!("{method_did}#{fragment}");
    let method: Value = serde_json::from_str(&support::method_document(&vm, did, seed)).unwrap();
    json!({"id": did, "verificationMethod": [method], "assertionMethod": [vm]}).to_string()
}

fn credential(issuer: &str) -> Value {
    json!({"@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"], "issuer": issuer, "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:subject", "givenName": "JANE"}})
}

#[test]
fn a_document_cannot_define_a_method_in_another_dids_namespace() {
    let a = did_document("did:web:a.example", "did:web:a.example", "key-1", 31);
    let mut dids = DidDocuments::new();
    dids.add_json(a.as_bytes()).unwrap();
    // Control: A's own key issues in A's name.
    let policy = Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids.clone())
        .trust_issuer(vpcheck::TrustedIssuer::new("did:web:a.example"));
    let signed = support::sign_rdfc(
        &credential("did:web:a.example"),
        "did:web:a.example#key-1",
        31,
        "2024-01-01T00:00:00Z",
        &policy,
    );
    let text = signed.to_string();
    let unverified = parse(text.as_bytes(), &Limits::default()).unwrap();
    assert!(unverified.verify(&policy).is_ok(), "control");
    // The attack: B's document defines did:web:a.example#key-2 with B's key, to issue as A.
    let b = did_document("did:web:b.example", "did:web:a.example", "key-2", 32);
    let e = dids.add_json(b.as_bytes()).unwrap_err();
    assert_eq!(e.code(), "field.invalid");
    assert!(
        e.to_string().contains("did:web:a.example#key-2 is not a method of did:web:b.example"),
        "{e}"
    );
    // Had it been accepted, the forged credential would carry A's name and B's key: without B's
    // document nothing describes the key.
    let forged = support::sign_rdfc(
        &credential("did:web:a.example"),
        "did:web:a.example#key-2",
        32,
        "2024-01-01T00:00:00Z",
        &policy,
    );
    let text = forged.to_string();
    let unverified = parse(text.as_bytes(), &Limits::default()).unwrap();
    let rejection = unverified.verify(&policy).unwrap_err();
    assert_eq!(rejection.verdict(), Verdict::Unchecked);
    assert!(rejection.errors().iter().any(|e| e.code() == "key.not_found"));
}

#[test]
fn a_method_id_defined_twice_is_ambiguous() {
    let mut dids = DidDocuments::new();
    dids.add_json(did_document("did:web:a.example", "did:web:a.example", "key-1", 31).as_bytes())
        .unwrap();
    // The same method id with another key, as a verification-method document.
    let other = support::method_document("did:web:a.example#key-1", "did:web:a.example", 33);
    assert_eq!(dids.add_json(other.as_bytes()).unwrap_err().code(), "key.ambiguous");
    // The same document twice is two documents for one DID.
    assert_eq!(
        dids.add_json(
            did_document("did:web:a.example", "did:web:a.example", "key-9", 34).as_bytes()
        )
        .unwrap_err()
        .code(),
        "key.ambiguous"
    );
    // The identical method again is one definition (control).
    let same = support::method_document("did:web:a.example#key-1", "did:web:a.example", 31);
    dids.add_json(same.as_bytes()).unwrap();
}

#[test]
fn a_method_document_names_its_own_did_as_controller() {
    let mut dids = DidDocuments::new();
    let foreign = support::method_document("did:web:a.example#key-1", "did:web:b.example", 31);
    assert_eq!(dids.add_json(foreign.as_bytes()).unwrap_err().code(), "field.invalid");
    let own = support::method_document("did:web:a.example#key-1", "did:web:a.example", 31);
    dids.add_json(own.as_bytes()).unwrap();
}
