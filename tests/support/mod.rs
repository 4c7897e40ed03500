//! Signing test cases from the real signed Hopae vectors: the evidence `id_token` re-signed with
//! the upstream test key (test-vectors/keys/upstream-es256.pem), so that a mutated case carries
//! a signature that verifies and only the edit under test is wrong.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use serde_json::{json, Value};
use vpcheck::KeySet;

pub fn vector(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/test-vectors/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
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
    let input = format!("{}.{}", b64(&json!({"alg": "ES256", "kid": "smartid-upstream-1", "typ": "JWT"})), b64(payload));
    let signature = key.sign(&rng, input.as_bytes()).unwrap();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.as_ref()))
}

/// The upstream provider's public keys.
pub fn upstream_keys() -> KeySet {
    KeySet::from_json(&vector("keys/upstream.jwks.json")).unwrap()
}

/// The upstream provider's and Hopae's public keys.
pub fn all_hopae_keys() -> KeySet {
    let mut keys = upstream_keys();
    keys.add_json(&vector("keys/hopae.jwks.json")).unwrap();
    keys
}

/// The claims of the signed vector's evidence `id_token` (generate.py `upstream_claims`).
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
    doc["provenance"]["presentation"]["credentials"][0]["evidence"]["token"]["id_token"] = Value::String(sign_upstream(payload));
    doc
}
