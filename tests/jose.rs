//! External JOSE vectors (RFC 7520 cookbook section 4, RFC 8037 appendix A.4, RFC 7797, RFC 7515
//! appendix A), through one harness: every serialization a vector lists must verify with the
//! vector's public key, and a tampered copy of each must not. Known divergences are listed with
//! the code vpcheck gives instead; the harness fails on an unexpected pass as well as on an
//! unexpected failure, so the list of divergences stays true.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use serde_json::{json, Value};
use vpcheck::{parse, Format, KeySet, Limits, Policy};

/// (file, serialization) pairs vpcheck refuses on purpose, with the code it gives.
const DIVERGENCES: &[(&str, &str, &str, &str)] = &[
    (
        "cookbook/4_8.multiple_signatures.json",
        "json",
        "key.ambiguous",
        "the RSA and the EC key share kid bilbo.baggins@hobbiton.example; a set with a duplicate kid is refused, as a kid must name one key. Each signature verifies on its own (multiple_signatures_verify_one_by_one)",
    ),
    (
        "rfc7797/hmac-sha2_b64_false.json",
        "compact",
        "input.trailing_data",
        "an unencoded payload is accepted in the JSON serializations or detached, not attached to a compact JWS; this one holds spaces, which end a compact JWS, so the rest reads as trailing data (without spaces: jws.b64_unsupported, see the hostile catalogue)",
    ),
    (
        "rfc7797/4.2.hmac-sha2_b64_false.json",
        "json",
        "jws.b64_unsupported",
        "this copy's header {\"alg\":\"HS256\",\"b64\":false} lacks crit, which RFC 7797 section 6 requires with b64",
    ),
    (
        "rfc7797/4.2.hmac-sha2_b64_false.json",
        "json_flat",
        "jws.b64_unsupported",
        "as above",
    ),
    ("rfc7515/A.5.json", "compact", "jws.alg_none", "the unsecured JWS of RFC 7515 appendix A.5 is never accepted"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test-vectors/jose")
}

/// The public part of a JWK: a verifier is handed public keys.
fn public(jwk: &Value) -> Value {
    let mut jwk = jwk.clone();
    let obj = jwk.as_object_mut().unwrap();
    if obj.get("kty").and_then(Value::as_str) != Some("oct") {
        for private in ["d", "p", "q", "dp", "dq", "qi", "oth"] {
            obj.remove(private);
        }
    }
    jwk
}

fn key_set(key: &Value) -> Result<KeySet, vpcheck::Error> {
    let keys: Vec<Value> = match key {
        Value::Array(list) => list.iter().map(public).collect(),
        Value::Null => Vec::new(),
        one => vec![public(one)],
    };
    KeySet::from_json(json!({ "keys": keys }).to_string().as_bytes())
}

fn policy(keys: KeySet) -> Policy {
    // RFC 7515 appendix A.1's JWT expired in 2011: judge these at a fixed instant before then.
    // Their payloads name `joe` as the issuer, or are not JWT claims.
    Policy::at(Utc.with_ymd_and_hms(2011, 3, 1, 0, 0, 0).unwrap())
        .with_issuer_keys("joe", keys.clone())
        .with_signer_keys(keys)
}

/// Verifies one serialization; `Ok(())` or the error codes.
fn verify(
    serialized: &[u8],
    keys: Result<KeySet, vpcheck::Error>,
    detached: Option<&[u8]>,
) -> Result<(), Vec<String>> {
    let keys = keys.map_err(|e| vec![e.code().to_owned()])?;
    let policy = policy(keys);
    let unverified =
        parse(serialized, &Limits::default()).map_err(|e| vec![e.code().to_owned()])?;
    assert_eq!(unverified.format(), Format::Jws);
    let unverified = match detached {
        Some(p) => unverified.with_detached_payload(p).map_err(|e| vec![e.code().to_owned()])?,
        None => unverified,
    };
    unverified
        .verify(&policy)
        .map(|_| ())
        .map_err(|r| r.errors().iter().map(|e| e.code().to_owned()).collect())
}

fn serializations(vector: &Value) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();
    for name in ["compact", "json", "json_flat"] {
        match vector["output"].get(name) {
            Some(Value::String(s)) => out.push((name, s.as_bytes().to_vec())),
            Some(obj @ Value::Object(_)) => out.push((name, obj.to_string().into_bytes())),
            _ => {}
        }
    }
    out
}

/// Flips one character of the last base64url signature in the serialization.
fn tamper_signature(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let (cut, sig) = match text.rfind("\"signature\":\"") {
        Some(i) => (i + "\"signature\":\"".len(), true),
        None => (text.rfind('.').unwrap() + 1, false),
    };
    assert!(sig || !text.starts_with('{'));
    let mut chars: Vec<char> = text.chars().collect();
    chars[cut + 3] = if chars[cut + 3] == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect::<String>().into_bytes()
}

fn vector_files() -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["cookbook", "rfc8037", "rfc7797", "rfc7515"] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else { continue };
        for entry in entries {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".json") {
                files.push(format!("{dir}/{name}"));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn external_jose_vectors_verify_and_tampered_copies_do_not() {
    let files = vector_files();
    assert!(files.len() >= 11, "{files:?}");
    let mut failures = Vec::new();
    let mut divergences_seen = 0;
    for file in &files {
        let vector: Value =
            serde_json::from_str(&std::fs::read_to_string(root().join(file)).unwrap()).unwrap();
        let payload = vector["input"]["payload"].as_str().map(str::as_bytes);
        for (name, bytes) in serializations(&vector) {
            // Detached content (RFC 7515 appendix F): the serialization has no payload.
            let detached = match name {
                "compact" => {
                    std::str::from_utf8(&bytes).unwrap().contains("..").then_some(payload).flatten()
                }
                _ => serde_json::from_slice::<Value>(&bytes)
                    .unwrap()
                    .get("payload")
                    .is_none()
                    .then_some(payload)
                    .flatten(),
            };
            let outcome = verify(&bytes, key_set(&vector["input"]["key"]), detached);
            let divergence = DIVERGENCES.iter().find(|(f, s, _, _)| f == file && *s == name);
            match (divergence, &outcome) {
                (None, Ok(())) => {
                    let tampered = verify(
                        &tamper_signature(&bytes),
                        key_set(&vector["input"]["key"]),
                        detached,
                    );
                    if tampered != Err(vec!["signature.invalid".to_owned()]) {
                        failures
                            .push(format!("{file} {name}: tampered signature gave {tampered:?}"));
                    }
                }
                (None, Err(codes)) => {
                    failures.push(format!("{file} {name}: expected to verify, got {codes:?}"))
                }
                (Some((_, _, code, _)), Err(codes)) if codes == &vec![(*code).to_owned()] => {
                    divergences_seen += 1
                }
                (Some((_, _, code, why)), other) => failures.push(format!(
                    "{file} {name}: listed divergence {code} ({why}), got {other:?}"
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    let listed = DIVERGENCES.iter().filter(|(f, _, _, _)| files.contains(&(*f).to_owned())).count();
    assert_eq!(divergences_seen, listed, "every listed divergence must be seen");
}

#[test]
fn multiple_signatures_verify_one_by_one() {
    let vector: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("cookbook/4_8.multiple_signatures.json")).unwrap(),
    )
    .unwrap();
    let general = &vector["output"]["json"];
    let keys = vector["input"]["key"].as_array().unwrap();
    let signatures = general["signatures"].as_array().unwrap();
    assert_eq!(signatures.len(), 3);
    for (sig, key) in signatures.iter().zip(keys) {
        let mut flat = sig.clone();
        flat["payload"] = general["payload"].clone();
        let result = verify(flat.to_string().as_bytes(), key_set(key), None);
        assert_eq!(result, Ok(()), "{sig}");
        // The same signature under another signer's key is refused.
        let other = keys.iter().find(|k| k["kty"] != key["kty"]).unwrap();
        assert!(verify(flat.to_string().as_bytes(), key_set(other), None).is_err());
    }
}
