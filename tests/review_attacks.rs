//! Attacks on the dataset rule found by an adversarial review, each built from a credential the
//! test issuer really signs: withholding the type that selects the Trinsic profile (to hide a
//! revocation or an expired document), a derived proof that discloses nothing, and two people's
//! claims merged into one. None may verify; each has a control that gets the expected answer.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use support::{at, trinsic_policy};

use std::collections::BTreeSet;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use bbs::prelude::{
    DeterministicPublicKey, HashElem, HiddenMessage, KeyGenOption, ProofMessage, ProofNonce,
    ProofRequest, Prover, SecretKey, Signature, SignatureMessage, ToVariableLengthBytes,
};
use serde_json::{json, Value};
use vpcheck::{parse, DidDocuments, Limits, Policy, StatusList, Verdict};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/");
const ISSUER_SEED: &[u8] = b"vpcheck test issuer: fixed BLS12-381 key seed #1 (not secret)";
const ISSUER: &str = "did:web:idv.vpcheck.example:zVpcheckTestIssuer";
const SESSION: &str = "7d6f0c2e-5b1a-4c3e-9f7a-2b8d1e4c6a90";

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{DIR}{path}")).unwrap()
}

fn with_lists(p: Policy) -> Policy {
    p.with_status_list(StatusList::parse(&read("trinsic-bbs/revocation-list.json")).unwrap())
}

struct Issuer {
    key: DeterministicPublicKey,
    secret: SecretKey,
}

fn issuer() -> Issuer {
    let (key, secret) =
        DeterministicPublicKey::new(Some(KeyGenOption::UseSeed(ISSUER_SEED.to_vec())));
    Issuer { key, secret }
}

fn hash(statements: &[String]) -> Vec<SignatureMessage> {
    statements.iter().map(|s| SignatureMessage::hash(s.as_bytes())).collect()
}

/// Signs as the honest issuer would (BbsBlsSignature2020).
fn sign(document: &Value, signer: &Issuer, resolver: &Policy) -> (Value, Signature) {
    let mut signed = document.clone();
    signed["proof"] = json!({
        "type": "BbsBlsSignature2020",
        "created": "2026-10-01T09:30:00Z",
        "proofPurpose": "assertionMethod",
        "verificationMethod": format!("{ISSUER}#bls12381g2-1"),
        "proofValue": "",
    });
    let inputs = vpcheck::testing::bbs_proof_inputs(&signed.to_string(), resolver).unwrap();
    let messages = hash(&inputs.statements);
    let public_key = signer.key.to_public_key(messages.len()).unwrap();
    let signature = Signature::new(&messages, &signer.secret, &public_key).unwrap();
    signed["proof"]["proofValue"] = json!(STANDARD.encode(signature.to_bytes_compressed_form()));
    (signed, signature)
}

/// Derives a selective-disclosure proof for `revealed`, as a holder may.
fn derive(
    signed: &Value,
    signature: &Signature,
    signer: &Issuer,
    revealed: &Value,
    resolver: &Policy,
) -> Value {
    let nonce = format!("qrn:trinsic:idvsession:{SESSION}").into_bytes();
    let signed_inputs = vpcheck::testing::bbs_proof_inputs(&signed.to_string(), resolver).unwrap();
    let mut derived = revealed.clone();
    let mut proof = signed["proof"].clone();
    proof["type"] = json!("BbsBlsSignatureProof2020");
    proof["nonce"] = json!(STANDARD.encode(&nonce));
    proof["proofValue"] = json!("");
    derived["proof"] = proof;
    let derived_inputs =
        vpcheck::testing::bbs_proof_inputs(&derived.to_string(), resolver).unwrap();
    let revealed_indices: BTreeSet<usize> = derived_inputs
        .statements
        .iter()
        .map(|s| {
            signed_inputs
                .statements
                .iter()
                .position(|t| t == s)
                .unwrap_or_else(|| panic!("statement not signed: {s}"))
        })
        .collect();
    let messages = hash(&signed_inputs.statements);
    let count = messages.len();
    let proof_messages: Vec<ProofMessage> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if revealed_indices.contains(&i) {
                ProofMessage::Revealed(*m)
            } else {
                ProofMessage::Hidden(HiddenMessage::ProofSpecificBlinding(*m))
            }
        })
        .collect();
    let request = ProofRequest {
        revealed_messages: revealed_indices.clone(),
        verification_key: signer.key.to_public_key(count).unwrap(),
    };
    let pok = Prover::commit_signature_pok(&request, &proof_messages, signature).unwrap();
    let challenge =
        Prover::create_challenge_hash(std::slice::from_ref(&pok), None, &ProofNonce::hash(&nonce))
            .unwrap();
    let proof = Prover::generate_signature_pok(pok, &challenge).unwrap();
    let mut value = u16::try_from(count).unwrap().to_be_bytes().to_vec();
    let mut bitvector = vec![0u8; count / 8 + 1];
    let last = bitvector.len() - 1;
    for i in &revealed_indices {
        bitvector[last - i / 8] |= 1 << (i % 8);
    }
    value.extend_from_slice(&bitvector);
    value.extend_from_slice(&proof.proof.to_bytes_compressed_form());
    derived["proof"]["proofValue"] = json!(STANDARD.encode(value));
    derived
}

fn subject(given: &str, family: &str, number: &str, expiry: &str) -> Value {
    json!({
        "id": "urn:vc:subject:0",
        "city": "PITTSBURGH",
        "dateOfBirth": "1990-04-12T00:00:00",
        "expiryDate": expiry,
        "familyName": family,
        "givenName": given,
        "issuer": "PENNSYLVANIA DEPARTMENT OF TRANSPORTATION",
        "number": number,
    })
}

fn credential(subject: Value, revocation_index: u64) -> Value {
    let list = "https://idv.vpcheck.example/credential-status/zRevocationList1";
    json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/bbs/v1", {"@vocab": "https://trinsic.cloud/idv/"}],
        "id": "urn:vc",
        "type": ["IdentityDocument_v0", "VerifiableCredential"],
        "credentialStatus": {
            "id": format!("{list}#{revocation_index}"),
            "type": "RevocationList2020Status",
            "revocationListCredential": list,
            "revocationListIndex": revocation_index.to_string(),
        },
        "credentialSubject": subject,
        "issuanceDate": "2026-10-01T09:30:00Z",
        "issuer": ISSUER,
    })
}

fn session(credentials: &[Value]) -> Vec<u8> {
    let vp = json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/bbs/v1"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": credentials,
    });
    serde_json::to_vec(&json!({
        "id": format!("urn:trinsic:idvsession:{SESSION}"),
        "state": "IDV_SUCCESS",
        "created": "1790846940",
        "updated": "1790847005",
        "verifications": {"ver_1": {"id": "ver_1", "type": "GOVERNMENT_ID", "state": "VERIFICATION_SUCCESS", "updated": "1790847000"}},
        "resultVp": vp.to_string(),
    }))
    .unwrap()
}

fn outcome(bytes: &[u8], policy: &Policy) -> (Verdict, Vec<String>, String) {
    let unverified = parse(bytes, &Limits::default()).unwrap();
    match unverified.verify(policy) {
        Ok(v) => (Verdict::Verified, Vec::new(), format!("{:?}", v.claims())),
        Err(r) => {
            (r.verdict(), r.errors().iter().map(|e| e.code().to_owned()).collect(), r.to_string())
        }
    }
}

fn unsigned(signed: &Value) -> Value {
    let mut d = signed.clone();
    d.as_object_mut().unwrap().remove("proof");
    d
}

/// A revoked credential (index 42 set in the issuer's list). The holder derives a proof that
/// withholds `credentialStatus` and the `IdentityDocument_v0` type statement: the Trinsic
/// profile's "withheld is not passed" rule keys on that type, so it no longer applies, and the
/// revoked credential verifies although the caller supplied the revocation list.
#[test]
fn withholding_the_trinsic_type_hides_a_revocation() {
    let resolver = trinsic_policy();
    let iss = issuer();
    let (signed, sig) = sign(
        &credential(subject("BOB", "JONES", "ZX998877", "2031-04-12T00:00:00"), 42),
        &iss,
        &resolver,
    );
    let policy = with_lists(trinsic_policy());

    // Control 1: everything revealed: revoked.
    let all = derive(&signed, &sig, &iss, &unsigned(&signed), &resolver);
    let (v, codes, _) = outcome(&session(&[all]), &policy);
    assert_eq!((v, codes), (Verdict::Rejected, vec!["status.revoked".to_owned()]));

    // Control 2: status withheld, type revealed: could not check.
    let mut r = unsigned(&signed);
    r.as_object_mut().unwrap().remove("credentialStatus");
    let no_status = derive(&signed, &sig, &iss, &r, &resolver);
    let (v, codes, _) = outcome(&session(&[no_status]), &policy);
    assert_eq!((v, codes), (Verdict::Unchecked, vec!["ld.withheld".to_owned()]));

    // Attack: the type statement withheld too.
    r["type"] = json!(["VerifiableCredential"]);
    let attack = derive(&signed, &sig, &iss, &r, &resolver);
    let (v, codes, detail) = outcome(&session(&[attack]), &policy);
    assert_ne!(
        v,
        Verdict::Verified,
        "revoked credential verified with its status and type withheld: {codes:?} {detail}"
    );
}

/// The same with the identity document's expiry: an expired document, expiryDate and the type
/// statement withheld.
#[test]
fn withholding_the_trinsic_type_hides_an_expired_document() {
    let resolver = trinsic_policy();
    let iss = issuer();
    let (signed, sig) = sign(
        &credential(subject("BOB", "JONES", "ZX998877", "2026-01-31T00:00:00"), 7),
        &iss,
        &resolver,
    );
    let policy = trinsic_policy();
    let all = derive(&signed, &sig, &iss, &unsigned(&signed), &resolver);
    let (v, codes, _) = outcome(&session(&[all]), &policy);
    assert_eq!((v, codes), (Verdict::Rejected, vec!["time.document_expired".to_owned()]));

    let mut r = unsigned(&signed);
    r["credentialSubject"].as_object_mut().unwrap().remove("expiryDate");
    r["type"] = json!(["VerifiableCredential"]);
    let attack = derive(&signed, &sig, &iss, &r, &resolver);
    let (v, codes, detail) = outcome(&session(&[attack]), &policy);
    assert_ne!(
        v,
        Verdict::Verified,
        "expired document verified with expiryDate and type withheld: {codes:?} {detail}"
    );
}

/// One person per result: two honestly issued credentials about two people (same subject id,
/// as Trinsic's `urn:vc:subject:0`), each disclosing every member of the Trinsic profile but
/// disjoint identity claims. `one_person` compares only claims both state, so the result
/// merges JANE SMITH's names with BOB's birth date and document number.
#[test]
fn two_people_with_disjoint_disclosures_merge_into_one() {
    let resolver = trinsic_policy();
    let iss = issuer();
    let mut bob = subject("BOB", "JONES", "ZX998877", "2031-04-12T00:00:00");
    bob["dateOfBirth"] = json!("1970-01-01T00:00:00");
    let (jane_signed, jane_sig) = sign(
        &credential(subject("JANE", "SMITH", "AB123987", "2031-04-12T00:00:00"), 7),
        &iss,
        &resolver,
    );
    let (bob_signed, bob_sig) = sign(&credential(bob, 7), &iss, &resolver);
    let policy = with_lists(trinsic_policy());

    // Control: both fully disclosed: binding.subject.
    let a = derive(&jane_signed, &jane_sig, &iss, &unsigned(&jane_signed), &resolver);
    let b = derive(&bob_signed, &bob_sig, &iss, &unsigned(&bob_signed), &resolver);
    let (v, codes, _) = outcome(&session(&[a, b]), &policy);
    assert_eq!((v, codes), (Verdict::Rejected, vec!["binding.subject".to_owned()]));

    let keep = |signed: &Value, members: &[&str]| {
        let mut r = unsigned(signed);
        r["credentialSubject"]
            .as_object_mut()
            .unwrap()
            .retain(|k, _| k == "id" || members.contains(&k.as_str()));
        r
    };
    let a = derive(
        &jane_signed,
        &jane_sig,
        &iss,
        &keep(&jane_signed, &["givenName", "familyName", "expiryDate"]),
        &resolver,
    );
    let b = derive(
        &bob_signed,
        &bob_sig,
        &iss,
        &keep(&bob_signed, &["dateOfBirth", "number", "expiryDate", "city"]),
        &resolver,
    );
    let (v, codes, detail) = outcome(&session(&[a, b]), &policy);
    assert_ne!(
        v,
        Verdict::Verified,
        "two people merged into one verified result: {codes:?} {detail}"
    );
}

/// The extreme of the first attack: a derived proof that discloses no statement of the
/// credential at all (only the proof options). Every member of the Trinsic profile is withheld,
/// yet the session verifies (with no claims), instead of "could not check".
#[test]
fn a_derived_proof_disclosing_nothing_verifies() {
    let resolver = trinsic_policy();
    let iss = issuer();
    let (signed, sig) = sign(
        &credential(subject("BOB", "JONES", "ZX998877", "2031-04-12T00:00:00"), 42),
        &iss,
        &resolver,
    );
    let nothing = json!({"@context": signed["@context"].clone()});
    let attack = derive(&signed, &sig, &iss, &nothing, &resolver);
    let (v, codes, detail) = outcome(&session(&[attack]), &with_lists(trinsic_policy()));
    assert_ne!(
        v,
        Verdict::Verified,
        "a credential disclosing nothing verified: {codes:?} {detail}"
    );
    assert!(codes.iter().all(|c| c == "ld.withheld"), "{codes:?}");
}

/// The same merge without selective disclosure: two Ed25519 credentials an issuer signed for two
/// people, neither naming its subject by id (bearer credentials), in an unsigned presentation.
/// With ids the result is `binding.subject`; without, nothing is compared and ALICE's names are
/// returned with BOB's birth date.
#[test]
fn two_subjects_without_ids_merge_into_one() {
    let vm = "did:example:issuer#key-1";
    let mut dids = DidDocuments::new();
    dids.add_json(support::method_document(vm, "did:example:issuer", 21).as_bytes()).unwrap();
    let policy = Policy::at(at("2025-01-01T00:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(vpcheck::TrustedIssuer::new("did:example:issuer"));
    let issue = |subject: Value| {
        let c = json!({"@context": ["https://www.w3.org/ns/credentials/v2", {"@vocab": "https://trinsic.cloud/idv/"}], "type": ["VerifiableCredential"], "issuer": "did:example:issuer",
            "validFrom": "2024-01-01T00:00:00Z", "credentialSubject": subject});
        support::sign_rdfc(&c, vm, 21, "2024-01-01T00:00:00Z", &policy)
    };
    let vp = |a: Value, b: Value| {
        json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"], "verifiableCredential": [a, b]}).to_string()
    };
    // Control: with subject ids, two people are refused.
    let alice =
        issue(json!({"id": "did:example:alice", "givenName": "ALICE", "familyName": "ADAMS"}));
    let bob = issue(json!({"id": "did:example:bob", "dateOfBirth": "1970-01-01"}));
    let (v, codes, _) = outcome(vp(alice, bob).as_bytes(), &policy);
    assert_eq!((v, codes), (Verdict::Rejected, vec!["binding.subject".to_owned()]));

    let alice = issue(json!({"givenName": "ALICE", "familyName": "ADAMS"}));
    let bob = issue(json!({"dateOfBirth": "1970-01-01"}));
    let (v, codes, detail) = outcome(vp(alice, bob).as_bytes(), &policy);
    assert_ne!(
        v,
        Verdict::Verified,
        "two subjects without ids merged into one verified result: {codes:?} {detail}"
    );
}
