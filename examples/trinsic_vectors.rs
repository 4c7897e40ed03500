//! Writes the Trinsic-shaped BBS+ vectors of `test-vectors/trinsic-bbs/` and checks each one
//! against the library:
//!
//! ```text
//! cargo run --example trinsic_vectors [-- OUT_DIR]
//! ```
//!
//! Two fixed issuer keys (BLS12-381 G2, from the seeds below) issue `IdentityDocument_v0`
//! credentials the way Trinsic does (`BbsBlsSignature2020`, contexts, `@vocab`,
//! `RevocationList2020Status`), derive `BbsBlsSignatureProof2020` selective-disclosure proofs
//! whose nonce is the session id, and wrap them in a Trinsic Connect session envelope. Beside
//! the positives, each negative breaks one thing. Status lists (Revocation List 2020 and
//! StatusList2021), signed by the issuer, mark some credentials revoked or suspended.
//!
//! BBS+ signatures and proofs are randomised (`bbs` 0.4 draws its blinding factors from the
//! thread RNG), so a second run writes different bytes with the same verdicts; the committed
//! files are one run's output. `expected.json` in the output directory lists every case, and
//! the run fails unless the library gives each one its expected verdict, codes and message.
//!
//! The messages are computed by the library's own canonicalisation
//! (`vpcheck::testing::bbs_proof_inputs`): that path reproduces the reference implementation's
//! statements byte for byte on the shared ldp-bbs2020 vectors (`cli/tests/vectors.rs`), so these
//! vectors are what the reference would sign.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use bbs::prelude::{
    DeterministicPublicKey, HashElem, HiddenMessage, KeyGenOption, ProofMessage, ProofNonce,
    ProofRequest, Prover, SecretKey, Signature, SignatureMessage, ToVariableLengthBytes,
};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use vpcheck::{DidDocuments, Limits, Policy, StatusList, Verdict};

const ISSUER_SEED: &[u8] = b"vpcheck test issuer: fixed BLS12-381 key seed #1 (not secret)";
const OTHER_SEED: &[u8] = b"vpcheck test issuer: fixed BLS12-381 key seed #2 (not secret)";
const ISSUER: &str = "did:web:idv.vpcheck.example:zVpcheckTestIssuer";
const OTHER_ISSUER: &str = "did:web:idv.vpcheck.example:zVpcheckOtherIssuer";
const SESSION: &str = "7d6f0c2e-5b1a-4c3e-9f7a-2b8d1e4c6a90";
const OTHER_SESSION: &str = "0b9e3f1c-8a2d-4e6b-b1c7-5f4a3d2e1c0b";
const REVOCATION_LIST: &str = "https://idv.vpcheck.example/credential-status/zRevocationList1";
const SUSPENSION_LIST: &str = "https://idv.vpcheck.example/credential-status/zSuspensionList1";
const ISSUED: &str = "2026-10-01T09:30:00Z";
const NOW: &str = "2026-10-01T10:00:00Z";
/// Session `created` and `updated`, unix seconds (09:29:00 and 09:30:05 on the day issued).
const CREATED: i64 = 1_790_846_940;
const UPDATED: i64 = 1_790_847_005;
/// Indices in the lists: set for the revoked and suspended credentials, clear for the others.
const REVOKED_INDEX: u64 = 42;
const SUSPENDED_INDEX: u64 = 3;
const CLEAR_INDEX: u64 = 7;

struct Issuer {
    did: &'static str,
    key: DeterministicPublicKey,
    secret: SecretKey,
}

impl Issuer {
    fn new(did: &'static str, seed: &[u8]) -> Self {
        let (key, secret) = DeterministicPublicKey::new(Some(KeyGenOption::UseSeed(seed.to_vec())));
        Issuer { did, key, secret }
    }

    fn method(&self) -> String {
        format!("{}#bls12381g2-1", self.did)
    }

    /// A DID document listing the key under `assertionMethod`, as a did:web document served at
    /// `https://<host>/<path>/did.json` would.
    fn did_document(&self) -> Value {
        json!({
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/bls12381-2020/v1"],
            "id": self.did,
            "verificationMethod": [{
                "id": self.method(),
                "type": "Bls12381G2Key2020",
                "controller": self.did,
                "publicKeyBase58": bs58::encode(self.key.to_bytes_compressed_form()).into_string(),
            }],
            "assertionMethod": [self.method()],
        })
    }
}

/// Everything the library needs to compute messages: the issuers' DID documents.
fn policy(issuers: &[&Issuer]) -> Policy {
    let mut dids = DidDocuments::new();
    for issuer in issuers {
        dids.add_json(issuer.did_document().to_string().as_bytes()).unwrap();
    }
    Policy::at(instant(NOW)).with_did_documents(dids)
}

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

fn hash(statements: &[String]) -> Vec<SignatureMessage> {
    statements.iter().map(|s| SignatureMessage::hash(s.as_bytes())).collect()
}

/// Signs `document` with `BbsBlsSignature2020` by `signer`, naming `method` as the key (a
/// forgery names another's).
fn sign(document: &Value, signer: &Issuer, method: &str, resolver: &Policy) -> (Value, Signature) {
    let mut signed = document.clone();
    signed["proof"] = json!({
        "type": "BbsBlsSignature2020",
        "created": ISSUED,
        "proofPurpose": "assertionMethod",
        "verificationMethod": method,
        "proofValue": "",
    });
    let inputs = vpcheck::testing::bbs_proof_inputs(&signed.to_string(), resolver).unwrap();
    let messages = hash(&inputs.statements);
    let public_key = signer.key.to_public_key(messages.len()).unwrap();
    let signature = Signature::new(&messages, &signer.secret, &public_key).unwrap();
    signed["proof"]["proofValue"] = json!(STANDARD.encode(signature.to_bytes_compressed_form()));
    (signed, signature)
}

/// Derives a `BbsBlsSignatureProof2020` for `revealed` (the signed document with some subject
/// members left out), bound to `nonce`. The revealed statements are found among the signed ones,
/// as the reference's `deriveProof` does after framing.
fn derive(
    signed: &Value,
    signature: &Signature,
    signer: &Issuer,
    revealed: &Value,
    nonce: &[u8],
    resolver: &Policy,
) -> Value {
    let signed_inputs = vpcheck::testing::bbs_proof_inputs(&signed.to_string(), resolver).unwrap();
    let mut derived = revealed.clone();
    let mut proof = signed["proof"].clone();
    proof["type"] = json!("BbsBlsSignatureProof2020");
    proof["nonce"] = json!(STANDARD.encode(nonce));
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
        Prover::create_challenge_hash(std::slice::from_ref(&pok), None, &ProofNonce::hash(nonce))
            .unwrap();
    let proof = Prover::generate_signature_pok(pok, &challenge).unwrap();
    // ldp-bbs2020 derived proofValue: u16 message count, the bit vector (last byte = indices
    // 0-7, least significant bit first), the proof of knowledge in compressed form.
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

fn subject(given: &str, family: &str, number: &str) -> Value {
    json!({
        "id": "urn:vc:subject:0",
        "city": "PITTSBURGH",
        "class": "C",
        "dateOfBirth": "1990-04-12T00:00:00",
        "expiryDate": "2031-04-12T00:00:00",
        "familyName": family,
        "givenName": given,
        "issueDate": "2023-04-12T00:00:00",
        "issuer": "PENNSYLVANIA DEPARTMENT OF TRANSPORTATION",
        "number": number,
        "portrait": "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHR",
        "postalCode": "15211",
        "signature": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
        "state": "PA",
        "streetAddress": "15 N FAKESTREET",
    })
}

/// An `IdentityDocument_v0` credential as Trinsic issues it, before its proof.
fn credential(issuer: &str, subject: Value, status: Value) -> Value {
    json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/bbs/v1", {"@vocab": "https://trinsic.cloud/idv/"}],
        "id": "urn:vc",
        "type": ["IdentityDocument_v0", "VerifiableCredential"],
        "credentialSchema": {"id": "https://schema.vpcheck.example/idv/identity-document_v0", "type": "JsonSchemaValidator2018"},
        "credentialStatus": status,
        "credentialSubject": subject,
        "issuanceDate": ISSUED,
        "issuer": issuer,
    })
}

fn revocation_entry(index: u64) -> Value {
    json!({
        "id": format!("{REVOCATION_LIST}#{index}"),
        "type": "RevocationList2020Status",
        "revocationListCredential": REVOCATION_LIST,
        "revocationListIndex": index.to_string(),
    })
}

fn suspension_entry(index: u64) -> Value {
    json!({
        "id": format!("{SUSPENSION_LIST}#{index}"),
        "type": "StatusList2021Entry",
        "statusPurpose": "suspension",
        "statusListCredential": SUSPENSION_LIST,
        "statusListIndex": index.to_string(),
    })
}

/// A 16 KiB (131 072-entry) bitstring with `set` set, GZIP-compressed, base64url without padding.
fn encoded_list(set: &[u64]) -> String {
    let mut bits = vec![0u8; 16 * 1024];
    for index in set {
        bits[usize::try_from(index / 8).unwrap()] |= 0x80 >> (index % 8);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&bits).unwrap();
    URL_SAFE_NO_PAD.encode(gz.finish().unwrap())
}

fn revocation_list(issuer: &str, set: &[u64]) -> Value {
    json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/vc-revocation-list-2020/v1", "https://w3id.org/security/bbs/v1"],
        "id": REVOCATION_LIST,
        "type": ["VerifiableCredential", "RevocationList2020Credential"],
        "issuer": issuer,
        "issuanceDate": ISSUED,
        "credentialSubject": {"id": format!("{REVOCATION_LIST}#list"), "type": "RevocationList2020", "encodedList": encoded_list(set)},
    })
}

fn suspension_list(issuer: &str, set: &[u64]) -> Value {
    json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/vc/status-list/2021/v1", "https://w3id.org/security/bbs/v1"],
        "id": SUSPENSION_LIST,
        "type": ["VerifiableCredential", "StatusList2021Credential"],
        "issuer": issuer,
        "issuanceDate": ISSUED,
        "credentialSubject": {
            "id": format!("{SUSPENSION_LIST}#list"),
            "type": "StatusList2021",
            "statusPurpose": "suspension",
            "encodedList": encoded_list(set),
        },
    })
}

/// A Trinsic Connect session that succeeded, holding `credentials` in its `resultVp` (a JSON
/// string), with the unsigned copy of the first one's claims.
fn session(session: &str, credentials: &[Value]) -> Value {
    let vp = json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/bbs/v1"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": credentials,
        "id": "urn:uuid:3f1d2c4b5a6e4f708192a3b4c5d6e7f8",
    });
    let s = &credentials[0]["credentialSubject"];
    let date = |v: &Value| v.as_str().map(|d| d.trim_end_matches("T00:00:00").to_owned());
    json!({
        "id": format!("urn:trinsic:idvsession:{session}"),
        "state": "IDV_SUCCESS",
        "created": CREATED.to_string(),
        "updated": UPDATED.to_string(),
        "verifications": {
            "ver_1": {
                "id": "ver_1",
                "type": "GOVERNMENT_ID",
                "state": "VERIFICATION_SUCCESS",
                "reused": false,
                "updated": (UPDATED - 5).to_string(),
                "normalizedGovernmentIdData": {
                    "idNumber": s["number"],
                    "givenName": s["givenName"],
                    "familyName": s["familyName"],
                    "dateOfBirth": date(&s["dateOfBirth"]),
                    "country": "USA",
                },
            },
        },
        "resultVp": vp.to_string(),
    })
}

/// The nonce Trinsic binds a derived proof with: the session id under the `qrn:` prefix
/// (as in `test-vectors/vendors/trinsic-connect-result-vp.json`).
fn nonce(session: &str) -> Vec<u8> {
    format!("qrn:trinsic:idvsession:{session}").into_bytes()
}

fn without(document: &Value, members: &[&str]) -> Value {
    let mut d = document.clone();
    d.as_object_mut().unwrap().remove("proof");
    for m in members {
        d["credentialSubject"].as_object_mut().unwrap().remove(*m);
    }
    d
}

/// `document` without its proof and without the top-level `members`.
fn without_top(document: &Value, members: &[&str]) -> Value {
    let mut d = without(document, &[]);
    for m in members {
        d.as_object_mut().unwrap().remove(*m);
    }
    d
}

/// Rewrites the derived proof value's bytes.
fn edit_proof_value(derived: &Value, edit: impl FnOnce(&mut Vec<u8>)) -> Value {
    let mut d = derived.clone();
    let mut bytes = STANDARD.decode(d["proof"]["proofValue"].as_str().unwrap()).unwrap();
    edit(&mut bytes);
    d["proof"]["proofValue"] = json!(STANDARD.encode(bytes));
    d
}

struct Case {
    file: String,
    policy: Value,
    verdict: &'static str,
    codes: Vec<&'static str>,
    message: Option<&'static str>,
    exercises: &'static str,
}

struct Out {
    dir: PathBuf,
    cases: Vec<Case>,
}

impl Out {
    fn write(&self, name: &str, value: &Value) {
        let text = serde_json::to_string_pretty(value).unwrap() + "\n";
        std::fs::write(self.dir.join(name), text).unwrap();
    }

    #[allow(clippy::too_many_arguments)]
    fn case(
        &mut self,
        name: &str,
        policy: Value,
        verdict: &'static str,
        codes: &[&'static str],
        message: Option<&'static str>,
        exercises: &'static str,
    ) {
        self.cases.push(Case {
            file: format!("trinsic-bbs/{name}"),
            policy,
            verdict,
            codes: codes.to_vec(),
            message,
            exercises,
        });
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("test-vectors/trinsic-bbs"), PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap();
    let mut out = Out { dir: dir.clone(), cases: Vec::new() };

    let issuer = Issuer::new(ISSUER, ISSUER_SEED);
    let other = Issuer::new(OTHER_ISSUER, OTHER_SEED);
    let resolver = policy(&[&issuer, &other]);
    out.write("issuer.did.json", &issuer.did_document());
    out.write("other-issuer.did.json", &other.did_document());

    // Status lists, each signed by its issuer with BbsBlsSignature2020.
    let (revocations, _) =
        sign(&revocation_list(ISSUER, &[REVOKED_INDEX]), &issuer, &issuer.method(), &resolver);
    out.write("revocation-list.json", &revocations);
    let (suspensions, _) =
        sign(&suspension_list(ISSUER, &[SUSPENDED_INDEX]), &issuer, &issuer.method(), &resolver);
    out.write("suspension-list.json", &suspensions);
    let (foreign_list, _) =
        sign(&revocation_list(OTHER_ISSUER, &[]), &other, &other.method(), &resolver);
    out.write("revocation-list-other-issuer.json", &foreign_list);
    // Claims the issuer's key, signed with the other one: a list nobody can trust.
    let (forged_list, _) = sign(&revocation_list(ISSUER, &[]), &other, &issuer.method(), &resolver);
    out.write("revocation-list-forged.json", &forged_list);

    let jane = subject("JANE", "SMITH", "AB123987");
    let (signed, signature) = sign(
        &credential(ISSUER, jane.clone(), revocation_entry(CLEAR_INDEX)),
        &issuer,
        &issuer.method(),
        &resolver,
    );
    out.write("credential-signed.json", &signed);
    let mut tampered_signed = signed.clone();
    tampered_signed["credentialSubject"]["dateOfBirth"] = json!("1980-04-12T00:00:00");
    out.write("credential-signed-tampered.json", &tampered_signed);

    let all =
        derive(&signed, &signature, &issuer, &without(&signed, &[]), &nonce(SESSION), &resolver);
    out.write("session-valid.json", &session(SESSION, std::slice::from_ref(&all)));
    let selective = derive(
        &signed,
        &signature,
        &issuer,
        &without(&signed, &["portrait", "signature", "streetAddress"]),
        &nonce(SESSION),
        &resolver,
    );
    out.write("session-valid-selective.json", &session(SESSION, std::slice::from_ref(&selective)));

    let mut changed = all.clone();
    changed["credentialSubject"]["familyName"] = json!("SMYTHE");
    out.write("session-claim-changed.json", &session(SESSION, &[changed]));
    let mut added = selective.clone();
    added["credentialSubject"]["streetAddress"] = json!("1 OTHER ST");
    out.write("session-claim-added.json", &session(SESSION, &[added]));
    // A proof made for another session, sent in this one's envelope.
    let for_other = derive(
        &signed,
        &signature,
        &issuer,
        &without(&signed, &[]),
        &nonce(OTHER_SESSION),
        &resolver,
    );
    out.write("session-other-session.json", &session(SESSION, std::slice::from_ref(&for_other)));
    // The same proof with its nonce rewritten to this session: the proof no longer verifies.
    let mut rewritten = for_other;
    rewritten["proof"]["nonce"] = json!(STANDARD.encode(nonce(SESSION)));
    out.write("session-nonce-rewritten.json", &session(SESSION, &[rewritten]));

    // Signed and derived with the other issuer's key while naming this issuer's.
    let (forged, forged_signature) = sign(
        &credential(ISSUER, jane.clone(), revocation_entry(CLEAR_INDEX)),
        &other,
        &issuer.method(),
        &resolver,
    );
    let forged = derive(
        &forged,
        &forged_signature,
        &other,
        &without(&forged, &[]),
        &nonce(SESSION),
        &resolver,
    );
    out.write("session-other-issuer-key.json", &session(SESSION, &[forged]));

    let truncated = edit_proof_value(&all, |b| b.truncate(b.len() - 40));
    out.write("session-proof-truncated.json", &session(SESSION, &[truncated]));
    let flipped = edit_proof_value(&all, |b| {
        let i = b.len() - 10;
        b[i] ^= 0x01;
    });
    out.write("session-proof-bitflip.json", &session(SESSION, &[flipped]));
    // The header claims one message more than the issuer signed (the bit vector keeps its length
    // while the count stays under the next multiple of 8, so only the count changes).
    let more = edit_proof_value(&all, |b| {
        let count = u16::from_be_bytes([b[0], b[1]]) + 1;
        assert_eq!(count / 8, (count - 1) / 8, "the bit vector would change length");
        b[..2].copy_from_slice(&count.to_be_bytes());
    });
    out.write("session-proof-more-messages.json", &session(SESSION, &[more]));

    let bob = subject("BOB", "JONES", "ZX998877");
    let (revoked_signed, revoked_signature) = sign(
        &credential(ISSUER, bob.clone(), revocation_entry(REVOKED_INDEX)),
        &issuer,
        &issuer.method(),
        &resolver,
    );
    let revoked = derive(
        &revoked_signed,
        &revoked_signature,
        &issuer,
        &without(&revoked_signed, &[]),
        &nonce(SESSION),
        &resolver,
    );
    out.write("session-revoked.json", &session(SESSION, &[revoked]));
    let (suspended_signed, suspended_signature) = sign(
        &credential(ISSUER, bob, suspension_entry(SUSPENDED_INDEX)),
        &issuer,
        &issuer.method(),
        &resolver,
    );
    let suspended = derive(
        &suspended_signed,
        &suspended_signature,
        &issuer,
        &without(&suspended_signed, &[]),
        &nonce(SESSION),
        &resolver,
    );
    out.write("session-suspended.json", &session(SESSION, &[suspended]));
    // Two credentials: one good, one tampered. A presentation passes only if every one does.
    let mut second = selective.clone();
    second["credentialSubject"]["givenName"] = json!("JOAN");
    out.write("session-second-credential-tampered.json", &session(SESSION, &[all.clone(), second]));
    // Withheld is not passed: a derived proof that withholds what a check needs.
    let no_status = derive(
        &signed,
        &signature,
        &issuer,
        &without_top(&signed, &["credentialStatus"]),
        &nonce(SESSION),
        &resolver,
    );
    out.write("session-withheld-status.json", &session(SESSION, &[no_status]));
    let no_expiry = derive(
        &signed,
        &signature,
        &issuer,
        &without(&signed, &["expiryDate"]),
        &nonce(SESSION),
        &resolver,
    );
    out.write("session-withheld-expiry.json", &session(SESSION, &[no_expiry]));
    // One person per result: two valid credentials about two people, and about one.
    let (bob_signed, bob_signature) = sign(
        &credential(ISSUER, subject("BOB", "JONES", "ZX998877"), revocation_entry(CLEAR_INDEX)),
        &issuer,
        &issuer.method(),
        &resolver,
    );
    let bob_all = derive(
        &bob_signed,
        &bob_signature,
        &issuer,
        &without(&bob_signed, &[]),
        &nonce(SESSION),
        &resolver,
    );
    out.write("session-two-people.json", &session(SESSION, &[all.clone(), bob_all]));
    out.write(
        "session-one-person-twice.json",
        &session(SESSION, &[all.clone(), selective.clone()]),
    );

    let dids = json!(["trinsic-bbs/issuer.did.json", "trinsic-bbs/other-issuer.did.json"]);
    // Trust is explicit: the test issuer is trusted for Trinsic results, by its DID.
    let base = json!({"did_docs": dids, "session_id": format!("urn:trinsic:idvsession:{SESSION}"), "trust_trinsic_issuers": [ISSUER]});
    let with = |extra: Value| {
        let mut p = base.clone();
        for (k, v) in extra.as_object().unwrap() {
            p[k] = v.clone();
        }
        p
    };
    let lists = json!({"status_lists": ["trinsic-bbs/revocation-list.json", "trinsic-bbs/suspension-list.json"]});
    out.case(
        "session-valid.json",
        base.clone(),
        "verified",
        &[],
        None,
        "every claim revealed; status skipped without a list",
    );
    out.case(
        "session-valid.json",
        with(lists.clone()),
        "verified",
        &[],
        None,
        "index 7 clear in the issuer's signed revocation list",
    );
    out.case(
        "session-valid-selective.json",
        base.clone(),
        "verified",
        &[],
        None,
        "portrait, signature and streetAddress withheld",
    );
    out.case(
        "session-valid-selective.json",
        with(json!({"require_status": true})),
        "unchecked",
        &["status.not_checked"],
        Some("no status list supplied"),
        "status required, no list",
    );
    out.case(
        "session-claim-changed.json",
        base.clone(),
        "rejected",
        &["proof.invalid"],
        Some("does not verify"),
        "familyName changed after derivation",
    );
    out.case(
        "session-claim-added.json",
        base.clone(),
        "rejected",
        &["proof.invalid"],
        Some("revealed messages"),
        "a withheld claim added back with another value",
    );
    out.case(
        "session-other-session.json",
        base.clone(),
        "rejected",
        &["binding.session_id"],
        None,
        "a valid proof bound to another session",
    );
    out.case(
        "session-nonce-rewritten.json",
        base.clone(),
        "rejected",
        &["proof.invalid"],
        Some("does not verify"),
        "nonce rewritten to this session after derivation",
    );
    out.case(
        "session-other-issuer-key.json",
        base.clone(),
        "rejected",
        &["proof.invalid"],
        Some("does not verify"),
        "signed and derived with another issuer's key",
    );
    out.case(
        "session-proof-truncated.json",
        base.clone(),
        "rejected",
        &["proof.invalid"],
        Some("malformed proof of knowledge"),
        "proofValue cut by 40 bytes",
    );
    out.case(
        "session-proof-bitflip.json",
        base.clone(),
        "rejected",
        &["proof.invalid"],
        Some("does not verify"),
        "one bit flipped in the proof of knowledge",
    );
    out.case(
        "session-proof-more-messages.json",
        base.clone(),
        "rejected",
        &["proof.invalid"],
        Some("the statement needs"),
        "the header claims one message more than was signed",
    );
    out.case(
        "session-revoked.json",
        base.clone(),
        "verified",
        &[],
        None,
        "revoked, but no list supplied: skipped",
    );
    out.case(
        "session-revoked.json",
        with(lists.clone()),
        "rejected",
        &["status.revoked"],
        None,
        "index 42 set in the revocation list",
    );
    out.case(
        "session-suspended.json",
        with(lists.clone()),
        "rejected",
        &["status.suspended"],
        None,
        "StatusList2021 suspension, index 3 set",
    );
    out.case(
        "session-valid.json",
        with(json!({"status_lists": ["trinsic-bbs/revocation-list-other-issuer.json"]})),
        "rejected",
        &["status.invalid"],
        Some("is issued by"),
        "a status list from another issuer",
    );
    out.case(
        "session-valid.json",
        with(json!({"status_lists": ["trinsic-bbs/revocation-list-forged.json"]})),
        "rejected",
        &["proof.invalid"],
        Some("statusList<"),
        "a status list whose signature is not the issuer's",
    );
    out.case(
        "session-second-credential-tampered.json",
        base.clone(),
        "rejected",
        &["proof.invalid"],
        Some("verifiableCredential[1]"),
        "second of two credentials tampered",
    );
    out.case(
        "session-withheld-status.json",
        base.clone(),
        "unchecked",
        &["ld.withheld"],
        Some("credentialStatus"),
        "credentialStatus withheld: revocation cannot be checked",
    );
    out.case(
        "session-withheld-status.json",
        with(json!({"allow_withheld": ["credentialStatus"]})),
        "verified",
        &[],
        None,
        "credentialStatus withheld, accepted by the policy",
    );
    out.case(
        "session-withheld-status.json",
        with(json!({"allow_withheld": ["credentialStatus"], "require_status": true})),
        "unchecked",
        &["status.not_checked"],
        Some("no credentialStatus among the signed statements"),
        "withheld status accepted, but status checks required",
    );
    out.case(
        "session-withheld-status.json",
        with(json!({"allow_withheld": ["credentialStatus"], "status_lists": ["trinsic-bbs/revocation-list.json"]})),
        "verified",
        &[],
        None,
        "a supplied list that no disclosed entry uses (reported as status.unused)",
    );
    out.case(
        "session-withheld-expiry.json",
        base.clone(),
        "unchecked",
        &["ld.withheld"],
        Some("expiryDate"),
        "the document's expiryDate withheld",
    );
    out.case(
        "session-withheld-expiry.json",
        with(json!({"allow_withheld": ["credentialSubject.expiryDate"]})),
        "verified",
        &[],
        None,
        "expiryDate withheld, accepted by the policy",
    );
    out.case(
        "session-two-people.json",
        base.clone(),
        "rejected",
        &["binding.subject"],
        Some("verifiableCredential[1]"),
        "two valid credentials about two people",
    );
    out.case(
        "session-one-person-twice.json",
        base.clone(),
        "verified",
        &[],
        None,
        "two valid credentials about one person",
    );
    // Who is trusted, and for what: a valid proof by an issuer the policy does not trust as a
    // Trinsic issuer is "could not check", never verified.
    out.case(
        "session-valid.json",
        with(json!({"trust_trinsic_issuers": [OTHER_ISSUER]})),
        "unchecked",
        &["issuer.untrusted"],
        Some("trusts no issuer"),
        "the issuer is not trusted (only another one is)",
    );
    out.case(
        "session-valid.json",
        with(json!({"trust_trinsic_issuers": [], "trust_issuers": [ISSUER]})),
        "unchecked",
        &["issuer.untrusted"],
        Some("not for Trinsic identity results"),
        "the issuer is trusted for other credentials, not for Trinsic results",
    );
    out.case(
        "session-valid.json",
        with(json!({"trust_trinsic_issuers": [format!("{ISSUER}#another-key")]})),
        "unchecked",
        &["issuer.untrusted"],
        Some("only with"),
        "the issuer is trusted only with another verification method",
    );
    let signed_policy = json!({"did_docs": dids, "trust_trinsic_issuers": [ISSUER]});
    out.case(
        "credential-signed.json",
        signed_policy.clone(),
        "verified",
        &[],
        None,
        "the issuer-signed credential (BbsBlsSignature2020)",
    );
    out.case(
        "credential-signed-tampered.json",
        signed_policy,
        "rejected",
        &["proof.invalid"],
        Some("does not verify"),
        "dateOfBirth changed after signing",
    );

    let manifest: Vec<Value> = out
        .cases
        .iter()
        .map(|c| {
            let mut v = json!({"file": c.file, "now": NOW, "policy": c.policy, "verdict": c.verdict, "codes": c.codes, "exercises": c.exercises});
            if let Some(m) = c.message {
                v["message"] = json!(m);
            }
            v
        })
        .collect();
    out.write("expected.json", &Value::Array(manifest));

    let failures = self_check(&dir, &out.cases);
    if !failures.is_empty() {
        eprintln!(
            "{} cases do not get their expected outcome:\n{}",
            failures.len(),
            failures.join("\n")
        );
        std::process::exit(1);
    }
    println!(
        "wrote {} files and checked {} cases in {}",
        std::fs::read_dir(&dir).unwrap().count(),
        out.cases.len(),
        dir.display()
    );
}

/// Each case through the library, as `cli/tests/vectors.rs` runs the committed ones.
fn self_check(dir: &Path, cases: &[Case]) -> Vec<String> {
    let file = |name: &str| dir.join(name.trim_start_matches("trinsic-bbs/"));
    let mut failures = Vec::new();
    for case in cases {
        let mut policy = Policy::at(instant(NOW));
        let mut dids = DidDocuments::new();
        for d in case.policy["did_docs"].as_array().unwrap() {
            dids.add_json(&std::fs::read(file(d.as_str().unwrap())).unwrap()).unwrap();
        }
        policy = policy.with_did_documents(dids);
        for (member, trinsic) in [("trust_issuers", false), ("trust_trinsic_issuers", true)] {
            for t in case.policy[member].as_array().into_iter().flatten() {
                policy = policy.trust_issuer(vpcheck::TrustedIssuer::from_did_url(
                    t.as_str().unwrap(),
                    trinsic,
                ));
            }
        }
        if let Some(id) = case.policy["session_id"].as_str() {
            policy = policy.expect_session_id(id);
        }
        for l in case.policy["status_lists"].as_array().into_iter().flatten() {
            policy = policy.with_status_list(
                StatusList::parse(&std::fs::read_to_string(file(l.as_str().unwrap())).unwrap())
                    .unwrap(),
            );
        }
        if case.policy["require_status"] == json!(true) {
            policy = policy.require_status_check();
        }
        for m in case.policy["allow_withheld"].as_array().into_iter().flatten() {
            policy = policy.allow_withheld(m.as_str().unwrap());
        }
        let bytes = std::fs::read(file(&case.file)).unwrap();
        let (verdict, codes, messages) = match vpcheck::parse(&bytes, &Limits::default())
            .map(|u| u.verify(&policy).map(|_| ()))
        {
            Err(e) => (Verdict::Rejected, vec![e.code().to_owned()], e.to_string()),
            Ok(Ok(())) => (Verdict::Verified, vec![], String::new()),
            Ok(Err(r)) => (
                r.verdict(),
                r.errors().iter().map(|e| e.code().to_owned()).collect(),
                r.to_string(),
            ),
        };
        let verdict = verdict.name();
        let got: BTreeSet<&str> = codes.iter().map(String::as_str).collect();
        let want: BTreeSet<&str> = case.codes.iter().copied().collect();
        let message_ok = case.message.is_none_or(|m| messages.contains(m));
        if verdict != case.verdict || got != want || !message_ok {
            failures.push(format!(
                "{} ({}): got {verdict} {got:?} {messages:?}",
                case.file, case.exercises
            ));
        }
    }
    failures
}
