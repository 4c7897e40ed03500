//! Signing test cases as an honest issuer would, so that a mutated case carries a signature that
//! verifies and only the edit under test is wrong: JSON-LD documents signed with
//! eddsa-rdfc-2022 (VC Data Integrity EdDSA Cryptosuites v1.0 section 3.2) with the verification
//! method documents that make the key known, and the Hopae evidence `id_token` re-signed with the
//! upstream test key (test-vectors/keys/upstream-es256.pem).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use chrono::{DateTime, Utc};
use ed25519_dalek::Signer as _;
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use serde_json::{json, Value};
use vpcheck::{DidDocuments, KeySet, Policy};

/// A fixed Ed25519 key from `seed`.
pub fn key(seed: u8) -> ed25519_dalek::SigningKey {
    ed25519_dalek::SigningKey::from_bytes(&[seed; 32])
}

/// A Multikey verification method document for `vm`, controlled by `controller`.
pub fn method_document(vm: &str, controller: &str, seed: u8) -> String {
    let mut bytes = vec![0xed, 0x01];
    bytes.extend_from_slice(key(seed).verifying_key().as_bytes());
    json!({"id": vm, "type": "Multikey", "controller": controller, "publicKeyMultibase": format!("z{}", bs58::encode(bytes).into_string())}).to_string()
}

/// `document` (without a proof) signed with eddsa-rdfc-2022 by `vm`'s key from `seed`.
pub fn sign_rdfc(document: &Value, vm: &str, seed: u8, created: &str, policy: &Policy) -> Value {
    sign_rdfc_with(document, vm, seed, created, policy, "assertionMethod", &[])
}

/// As [`sign_rdfc`], for `purpose` and with further proof options (`challenge`, `domain`).
pub fn sign_rdfc_with(
    document: &Value,
    vm: &str,
    seed: u8,
    created: &str,
    policy: &Policy,
    purpose: &str,
    extra: &[(&str, &str)],
) -> Value {
    let mut doc = document.clone();
    doc.as_object_mut().unwrap().remove("proof");
    let mut options = json!({"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": created,
        "verificationMethod": vm, "proofPurpose": purpose});
    for (name, value) in extra {
        options[*name] = json!(value);
    }
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
    hash.extend_from_slice(&digest(&doc));
    let signature = key(seed).sign(&hash);
    options.as_object_mut().unwrap().remove("@context");
    options["proofValue"] =
        Value::String(format!("z{}", bs58::encode(signature.to_bytes()).into_string()));
    doc["proof"] = options;
    doc
}

/// `did_document` with the Multikey method `vm` (key from `seed`) added and listed under
/// `assertionMethod`: the issuer's own document, naming one more key of its own.
pub fn with_method(did_document: &str, vm: &str, seed: u8) -> String {
    let mut doc: Value = serde_json::from_str(did_document).unwrap();
    let controller = doc["id"].as_str().unwrap().to_owned();
    let method: Value = serde_json::from_str(&method_document(vm, &controller, seed)).unwrap();
    doc["verificationMethod"].as_array_mut().unwrap().push(method);
    doc["assertionMethod"].as_array_mut().unwrap().push(Value::String(vm.to_owned()));
    doc.to_string()
}

pub fn vector(path: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("test-vectors").join(path)).unwrap()
}

pub fn json_vector(path: &str) -> Value {
    serde_json::from_slice(&vector(path)).unwrap()
}

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

/// A compact ES256 JWS over `payload` by the upstream test key, under its `kid`.
pub fn sign_upstream(payload: &Value) -> String {
    let pem = String::from_utf8(vector("keys/upstream-es256.pem")).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = STANDARD.decode(body).unwrap();
    let rng = SystemRandom::new();
    let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &der, &rng).unwrap();
    let input = format!(
        "{}.{}",
        b64(&json!({"alg": "ES256", "kid": "smartid-upstream-1", "typ": "JWT"})),
        b64(payload)
    );
    let signature = key.sign(&rng, input.as_bytes()).unwrap();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.as_ref()))
}

/// The upstream provider's public keys.
pub fn upstream_keys() -> KeySet {
    KeySet::from_json(&vector("keys/upstream.jwks.json")).unwrap()
}

/// Hopae's public keys (its ID token's).
pub fn hopae_keys() -> KeySet {
    KeySet::from_json(&vector("keys/hopae.jwks.json")).unwrap()
}

/// The `iss` of the signed vectors' upstream evidence tokens.
pub const UPSTREAM_ISS: &str = "https://oidc.smart-id.example";

/// The claims of the signed vector's evidence `id_token` (`upstream_claims` in
/// `tools/vectors/hopae.py`).
pub fn upstream_claims(iat: i64, exp: i64) -> Value {
    json!({
        "iss": "https://oidc.smart-id.example", "sub": "PNOLT-40504040001-MOCK-Q", "aud": "hopae-connect",
        "iat": iat, "nbf": iat, "exp": exp,
        "documentNumber": "PNOLT-40504040001-MOCK-Q", "givenName": "OK", "surname": "TESTNUMBER",
        "birthdate": "1905-04-04", "countryCode": "LT",
    })
}

/// hopae-signed/userinfo-valid.json with its evidence `id_token` re-signed over `payload`.
pub fn userinfo_signed(payload: &Value) -> Value {
    let mut doc = json_vector("hopae-signed/userinfo-valid.json");
    doc["provenance"]["presentation"]["credentials"][0]["evidence"]["token"]["id_token"] =
        Value::String(sign_upstream(payload));
    doc
}

/// An RFC 3339 instant.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The Trinsic-shaped BBS+ vectors' issuer.
pub const TRINSIC_ISSUER: &str = "did:web:idv.vpcheck.example:zVpcheckTestIssuer";

/// The Trinsic-shaped BBS+ vectors' policy: their issuer's DID document, that issuer trusted
/// for Trinsic results, their instant and session.
pub fn trinsic_policy() -> Policy {
    let mut dids = DidDocuments::new();
    dids.add_json(&vector("trinsic-bbs/issuer.did.json")).unwrap();
    Policy::at(at("2026-10-01T10:00:00Z"))
        .with_did_documents(dids)
        .trust_issuer(vpcheck::TrustedIssuer::trinsic(TRINSIC_ISSUER))
        .expect_session_id("urn:trinsic:idvsession:7d6f0c2e-5b1a-4c3e-9f7a-2b8d1e4c6a90")
}

/// The signed Hopae vectors' instant.
pub const HOPAE_NOW: &str = "2025-10-28T06:30:00Z";

/// The signed Hopae vectors with the upstream provider's keys.
pub fn hopae_policy() -> Policy {
    Policy::at(at(HOPAE_NOW)).with_evidence_keys(UPSTREAM_ISS, upstream_keys())
}

/// The signed Hopae vectors with every key in its role and the ID token's audience and nonce.
pub fn hopae_full_policy() -> Policy {
    Policy::at(at(HOPAE_NOW))
        .with_evidence_keys(UPSTREAM_ISS, upstream_keys())
        .with_hopae_keys(hopae_keys())
        .expect_audience("vpcheck-test-client")
        .expect_nonce("n-0S6_WzA2Mj")
}

/// The Hopae ID token that comes with hopae-signed/userinfo-valid.json.
pub fn id_token() -> String {
    String::from_utf8(vector("hopae-signed/id-token-valid.jwt")).unwrap()
}

/// The repository root: the library's manifest directory, or the parent of the CLI's (these
/// helpers serve the tests of both crates).
#[allow(dead_code)]
pub fn repo_root() -> std::path::PathBuf {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if here.join("test-vectors").is_dir() {
        here.to_path_buf()
    } else {
        here.join("..")
    }
}

/// A document's answer through the public API: `Ok(claims)` when verified, else the verdict's
/// name and each error as `"code: message"` (a document `parse` refuses is `"malformed"`).
pub fn verify_outcome(text: &str, policy: &Policy) -> Result<Value, (String, Vec<String>)> {
    let parsed = vpcheck::parse(text.as_bytes(), &vpcheck::Limits::default())
        .map_err(|e| ("malformed".to_owned(), vec![format!("{}: {e}", e.code())]))?;
    match parsed.verify(policy) {
        Ok(v) => Ok(serde_json::to_value(v.claims()).unwrap()),
        Err(r) => Err((
            r.verdict().name().to_owned(),
            r.errors().iter().map(|e| format!("{}: {e}", e.code())).collect(),
        )),
    }
}

/// The error codes of a [`verify_outcome`], in order; none when verified.
pub fn outcome_codes(r: &Result<Value, (String, Vec<String>)>) -> Vec<String> {
    match r {
        Ok(_) => vec![],
        Err((_, e)) => e.iter().map(|s| s.split(':').next().unwrap().to_owned()).collect(),
    }
}
