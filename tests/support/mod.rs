//! Signing as an honest issuer would, for tests whose cases need a document the issuer really
//! signed (eddsa-rdfc-2022, VC Data Integrity EdDSA Cryptosuites v1.0 section 3.2), and the
//! verification method document that makes the key known.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use ed25519_dalek::Signer as _;
use serde_json::{json, Value};
use vpcheck::Policy;

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
pub fn sign_rdfc_with(document: &Value, vm: &str, seed: u8, created: &str, policy: &Policy, purpose: &str, extra: &[(&str, &str)]) -> Value {
    let mut doc = document.clone();
    doc.as_object_mut().unwrap().remove("proof");
    let mut options = json!({"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": created,
        "verificationMethod": vm, "proofPurpose": purpose});
    for (name, value) in extra {
        options[*name] = json!(value);
    }
    options["@context"] = doc["@context"].clone();
    let digest = |v: &Value| ring::digest::digest(&ring::digest::SHA256, vpcheck::testing::canonical_nquads(v, policy).unwrap().as_bytes()).as_ref().to_vec();
    let mut hash = digest(&options);
    hash.extend_from_slice(&digest(&doc));
    let signature = key(seed).sign(&hash);
    options.as_object_mut().unwrap().remove("@context");
    options["proofValue"] = Value::String(format!("z{}", bs58::encode(signature.to_bytes()).into_string()));
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
