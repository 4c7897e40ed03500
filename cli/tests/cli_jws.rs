//! `vpcheck jws`: exit codes 0 valid, 1 invalid, 2 usage or I/O, 3 no usable key; JSON output
//! with the header, the payload (JSON when it is JSON, else base64url) and the checks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::{json, Value};

fn vectors() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("test-vectors")
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
    // The issuer's keys, bound to the issuer the tokens name.
    let keys = format!("did:example:issuer={}", vectors().join("keys/issuer.jwks.json").display());
    let keys = keys.as_str();
    let aud = ["--audience", "https://verifier.example"];

    let (code, json) = jws(&["--issuer-jwks", keys, aud[0], aud[1]], "jwt-signed/eddsa-valid.jwt");
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["verdict"], "verified");
    assert_eq!(json["header"]["alg"], "EdDSA");
    assert_eq!(json["payload"]["json"]["sub"], "did:example:holder");
    assert!(json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "signature.jws" && c["status"] == "passed"));

    let (code, json) =
        jws(&["--issuer-jwks", keys, aud[0], aud[1]], "jwt-signed/eddsa-wrong-key.jwt");
    assert_eq!(code, 1);
    assert_eq!(json["errors"][0]["code"], "signature.invalid");

    // No key at all, and a kid the keys lack: could not check.
    assert_eq!(jws(&[aud[0], aud[1]], "jwt-signed/eddsa-valid.jwt").0, 3);
    assert_eq!(jws(&["--issuer-jwks", keys, aud[0], aud[1]], "jwt-signed/unknown-kid.jwt").0, 3);

    // The issuer's keys verify only its tokens: bound to another issuer they verify nothing here,
    // and the token's issuer has no keys (could not check, naming the key's role).
    let elsewhere =
        format!("did:example:other={}", vectors().join("keys/issuer.jwks.json").display());
    let (code, json) =
        jws(&["--issuer-jwks", &elsewhere, aud[0], aud[1]], "jwt-signed/eddsa-valid.jwt");
    assert_eq!((code, json["errors"][0]["code"].as_str()), (1, Some("key.wrong_role")), "{json}");
    // A malformed ISS=FILE is a usage error.
    assert_eq!(
        jws(&["--issuer-jwks", "no-equals-sign", aud[0], aud[1]], "jwt-signed/eddsa-valid.jwt").0,
        2
    );

    // The allowlist is the verifier's.
    let (code, json) = jws(
        &["--issuer-jwks", keys, "--alg", "ES256", aud[0], aud[1]],
        "jwt-signed/eddsa-valid.jwt",
    );
    assert_eq!((code, json["errors"][0]["code"].as_str()), (1, Some("jws.alg_not_allowed")));

    // Not a JWS, a missing file, an unknown algorithm name, an ambiguous key set: usage errors.
    assert_eq!(jws(&[], "hopae/userinfo-valid.json").0, 2);
    assert_eq!(jws(&[], "no/such/file.jwt").0, 2);
    assert_eq!(jws(&["--alg", "XS256"], "jwt-signed/eddsa-valid.jwt").0, 2);
    assert_eq!(
        jws(&["--issuer-jwks", keys, "--issuer-jwks", keys], "jwt-signed/eddsa-valid.jwt").0,
        2
    );
}

#[test]
fn json_serialization_detached_payload_and_binary_payload() {
    // RFC 7520 section 4.5: detached content, supplied with --payload.
    let dir = std::env::temp_dir().join(format!("vpcheck-cli-jws-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let vector: Value = serde_json::from_str(
        &std::fs::read_to_string(
            vectors().join("jose/cookbook/4_5.signature_with_detached_content.json"),
        )
        .unwrap(),
    )
    .unwrap();
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
            .args(["jws", "--format", "json", "--now", "2025-01-01T00:00:00Z", "--signer-jwks"])
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
        .args(["jws", "--format", "json", "--now", "2025-01-01T00:00:00Z", "--signer-jwks"])
        .arg(&key)
        .arg(&token)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}

fn run(args: &[&str], input: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcheck")).args(args).arg(input).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Terminal injection: claims, error messages, header values and file names are written to a
/// terminal by the text output, and they come from the input. Control characters (newline, CR,
/// ESC, C1) and bidi overrides are written as escapes, so that a claim cannot forge a report line
/// or rewrite the screen. The JSON output keeps them, escaped by JSON.
#[test]
fn text_output_escapes_input_strings() {
    let dir = std::env::temp_dir().join(format!("vpcheck-cli-escape-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let terminal_safe =
        |text: &str| !text.contains(['\u{1b}', '\r', '\u{202e}', '\u{9b}', '\u{7}']);

    // A claim (Trinsic sessions API result, no signature to check) holding a newline, ESC and
    // a bidi override.
    let mut result: Value = serde_json::from_str(
        &std::fs::read_to_string(vectors().join("trinsic-sessions/result-success.json")).unwrap(),
    )
    .unwrap();
    let forged = "Jane\nVERIFIED (forged)\r\u{1b}[2J\u{1b}]0;title\u{7}";
    result["identityData"]["person"]["fullName"] = json!(forged);
    result["identityData"]["document"]["number"] = json!("D1\u{202e}4321\u{9b}");
    let path = dir.join("result.json");
    std::fs::write(&path, result.to_string()).unwrap();
    let verify = [
        "verify",
        "--now",
        "2024-08-01T16:00:00Z",
        "--allow-unsigned-formats",
        "--allow-unsigned-claims",
    ];
    let (code, text, _) = run(&[&verify[..], &["--format", "text"]].concat(), &path);
    assert_eq!(code, 0, "{text}");
    assert!(terminal_safe(&text), "{text:?}");
    assert_eq!(text.lines().filter(|l| l.starts_with("VERIFIED")).count(), 1, "{text}");
    assert!(
        text.contains("  name:       Jane\\nVERIFIED (forged)\\r\\u{1b}[2J\\u{1b}]0;title\\u{7}\n"),
        "{text}"
    );
    assert!(text.contains("  document:   D1\\u{202e}4321\\u{9b} (US)\n"), "{text}");
    // The control: the same result with a plain name prints it as it is; JSON keeps the claim.
    let (_, json_out, _) = run(&[&verify[..], &["--format", "json"]].concat(), &path);
    let doc: Value = serde_json::from_str(&json_out).unwrap();
    assert_eq!(doc["claims"]["full_name"], forged);
    result["identityData"]["person"]["fullName"] = json!("Jane Q Doe");
    std::fs::write(&path, result.to_string()).unwrap();
    let (_, text, _) = run(&[&verify[..], &["--format", "text"]].concat(), &path);
    assert!(text.contains("  name:       Jane Q Doe\n"), "{text}");

    // An error message quoting a claim, and a header value: `vpcheck jws` in text form.
    let b64 = |s: &str| {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    };
    let header = json!({"alg": "EdDSA", "kid": "k\u{202e}1"}).to_string();
    let payload = json!({"iss": "did:example:evil\nVERIFIED (jws)\u{1b}[1A"}).to_string();
    let token = dir.join("token.jwt");
    std::fs::write(
        &token,
        format!("{}.{}.{}", b64(&header), b64(&payload), b64("not a signature")),
    )
    .unwrap();
    let (code, text, _) = run(
        &[
            "jws",
            "--format",
            "text",
            "--now",
            "2025-01-01T00:00:00Z",
            "--issuer",
            "did:example:issuer",
        ],
        &token,
    );
    assert_eq!(code, 1, "{text}");
    assert!(terminal_safe(&text), "{text:?}");
    assert!(!text.lines().any(|l| l.starts_with("VERIFIED")), "{text}");
    assert!(text.contains("did:example:evil\\nVERIFIED (jws)\\u{1b}[1A"), "{text}");
    assert!(text.contains("k\\u{202e}1"), "{text}");

    // A file name in an error on standard error.
    let missing = dir.join("no\nsuch\u{1b}[2J.json");
    let (code, _, err) = run(&verify, &missing);
    assert_eq!(code, 2);
    assert!(
        terminal_safe(&err) && err.lines().count() == 1 && err.contains("no\\nsuch\\u{1b}[2J.json"),
        "{err:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
