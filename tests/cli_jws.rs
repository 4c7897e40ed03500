//! `vpcheck jws`: exit codes 0 valid, 1 invalid, 2 usage or I/O, 3 no usable key; JSON output
//! with the header, the payload (JSON when it is JSON, else base64url) and the checks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-vectors")
}

fn jws(args: &[&str], input: &str) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .args(["jws", "--format", "json", "--now", "2025-01-01T00:00:00Z"])
        .args(args)
        .arg(vectors().join(input))
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), json)
}

#[test]
fn exit_codes_and_output() {
    let keys = vectors().join("keys/issuer.jwks.json");
    let keys = keys.to_str().unwrap();
    let aud = ["--audience", "https://verifier.example"];

    let (code, json) = jws(&["--jwks", keys, aud[0], aud[1]], "jwt-signed/eddsa-valid.jwt");
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["verdict"], "verified");
    assert_eq!(json["header"]["alg"], "EdDSA");
    assert_eq!(json["payload"]["json"]["sub"], "did:example:holder");
    assert!(json["checks"].as_array().unwrap().iter().any(|c| c["name"] == "signature.jws" && c["status"] == "passed"));

    let (code, json) = jws(&["--jwks", keys, aud[0], aud[1]], "jwt-signed/eddsa-wrong-key.jwt");
    assert_eq!(code, 1);
    assert_eq!(json["errors"][0]["code"], "signature.invalid");

    // No key at all, and a kid the keys lack: could not check.
    assert_eq!(jws(&[aud[0], aud[1]], "jwt-signed/eddsa-valid.jwt").0, 3);
    assert_eq!(jws(&["--jwks", keys, aud[0], aud[1]], "jwt-signed/unknown-kid.jwt").0, 3);

    // The allowlist is the verifier's.
    let (code, json) = jws(&["--jwks", keys, "--alg", "ES256", aud[0], aud[1]], "jwt-signed/eddsa-valid.jwt");
    assert_eq!((code, json["errors"][0]["code"].as_str()), (1, Some("jws.alg_not_allowed")));

    // Not a JWS, a missing file, an unknown algorithm name, an ambiguous key set: usage errors.
    assert_eq!(jws(&[], "hopae/userinfo-valid.json").0, 2);
    assert_eq!(jws(&[], "no/such/file.jwt").0, 2);
    assert_eq!(jws(&["--alg", "XS256"], "jwt-signed/eddsa-valid.jwt").0, 2);
    assert_eq!(jws(&["--jwks", keys, "--jwks", keys], "jwt-signed/eddsa-valid.jwt").0, 2);
}

#[test]
fn json_serialization_detached_payload_and_binary_payload() {
    // RFC 7520 section 4.5: detached content, supplied with --payload.
    let dir = std::env::temp_dir().join(format!("vpcheck-cli-jws-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let vector: Value = serde_json::from_str(&std::fs::read_to_string(vectors().join("jose/cookbook/4_5.signature_with_detached_content.json")).unwrap()).unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let key = write("key.json", &vector["input"]["key"].to_string());
    let payload = write("payload.txt", vector["input"]["payload"].as_str().unwrap());
    let token = write("detached.jwt", vector["output"]["compact"].as_str().unwrap());
    let flat = write("flat.json", &vector["output"]["json_flat"].to_string());
    for input in [&token, &flat] {
        let out = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
            .args(["jws", "--format", "json", "--now", "2025-01-01T00:00:00Z", "--jwk"])
            .arg(&key)
            .arg("--payload")
            .arg(&payload)
            .arg(input)
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{json}");
        // The payload is text, not JSON: given as base64url.
        assert!(json["payload"]["base64url"].as_str().unwrap().starts_with("SXTigJlz"));
    }
    // Without the detached payload the signature cannot be checked against anything.
    let out = Command::new(env!("CARGO_BIN_EXE_vpcheck"))
        .args(["jws", "--format", "json", "--now", "2025-01-01T00:00:00Z", "--jwk"])
        .arg(&key)
        .arg(&token)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}
