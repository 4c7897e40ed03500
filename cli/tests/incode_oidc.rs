//! Incode OIDC userinfo bound to its ID token (`src/verify/incode_oidc.rs`): what is detected as
//! one, what the claims and the unsigned list hold, and the CLI on a pair and its twin. The
//! checks' failing twins are vectors (`test-vectors/incode-oidc/`, `cli/tests/vectors.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../../tests/support/mod.rs"]
mod support;

use std::process::Command;

use serde_json::Value;
use support::{at, repo_root, vector};
use vpcheck::{parse, Format, KeySet, Limits, Policy, Verdict};

const NOW: &str = "2025-11-03T10:00:00Z";
const CLIENT: &str = "vpcheck-incode-client";
const ISSUER: &str = "https://auth.demo.incode.com";
const NONCE: &str = "n-Qm9vYmFy";

fn incode_keys() -> KeySet {
    KeySet::from_json(&vector("keys/incode.jwks.json")).unwrap()
}

fn policy() -> Policy {
    Policy::at(at(NOW))
        .with_incode_keys(incode_keys())
        .expect_audience(CLIENT)
        .expect_issuer(ISSUER)
        .expect_nonce(NONCE)
}

fn id_token(name: &str) -> String {
    String::from_utf8(vector(&format!("incode-oidc/id-token-{name}.jwt"))).unwrap()
}

#[test]
fn an_oidc_userinfo_that_is_not_hopaes_is_incode_userinfo() {
    let format = |json: &str| parse(json.as_bytes(), &Limits::default()).map(|u| u.format());
    let unknown = |json: &str| {
        assert_eq!(format(json).err().map(|e| e.code()), Some("input.unknown_format"), "{json}")
    };
    assert_eq!(format(r#"{"sub":"s","given_name":"A"}"#), Ok(Format::IncodeUserinfo));
    assert_eq!(format(r#"{"sub":"s","birthdate":"1990-01-01"}"#), Ok(Format::IncodeUserinfo));
    assert_eq!(format(r#"{"sub":"s","document_number":"X1"}"#), Ok(Format::IncodeUserinfo));
    // Hopae's markers win: `acr` beside `sub`, `provenance`, `hopae_loa`.
    assert_eq!(
        format(r#"{"sub":"s","acr":"urn:hopae:loa:3","name":"A"}"#),
        Ok(Format::HopaeUserinfo)
    );
    assert_eq!(format(r#"{"sub":"s","name":"A","hopae_loa":3}"#), Ok(Format::HopaeUserinfo));
    // An Incode result's markers win over the userinfo's.
    assert_eq!(format(r#"{"sub":"s","name":"A","action":"approved"}"#), Ok(Format::IncodeResult));
    assert_eq!(
        format(r#"{"sub":"s","name":"A","onboardingStatus":"ONBOARDING_FINISHED"}"#),
        Ok(Format::IncodeResult)
    );
    // Not a userinfo response: `sub` alone, a decoded token payload, Hopae's `user` nesting.
    unknown(r#"{"sub":"s"}"#);
    unknown(r#"{"name":"A","given_name":"A"}"#);
    unknown(r#"{"sub":"s","name":"A","exp":1762167480}"#);
    unknown(r#"{"sub":"s","name":"A","vc":{}}"#);
    unknown(r#"{"sub":"s","user":{"name":"A"},"name":"A"}"#);
}

#[test]
fn an_id_token_binds_to_a_userinfo_only() {
    let token = id_token("valid");
    let incode = parse(br#"{"action":"approved"}"#, &Limits::default()).unwrap();
    let e = incode.with_id_token(&token, &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "field.invalid");
    assert!(e.to_string().contains("Hopae or Incode userinfo"), "{e}");
}

#[test]
fn signed_claims_are_returned_and_the_userinfos_own_are_withheld_unless_allowed() {
    let bytes = vector("incode-oidc/userinfo-valid.json");
    let token = id_token("valid");
    let parsed = parse(&bytes, &Limits::default())
        .unwrap()
        .with_id_token(&token, &Limits::default())
        .unwrap();
    assert_eq!(parsed.format(), Format::IncodeUserinfo);
    let verified = parsed.verify(&policy()).unwrap();
    let claims = verified.claims();
    // Signed: the ID token carries them too.
    assert_eq!(claims.given_name.as_deref(), Some("ALEJANDRA"));
    assert_eq!(claims.family_name.as_deref(), Some("GARCIA LOPEZ"));
    assert_eq!(claims.birth_date.map(|d| d.to_string()).as_deref(), Some("1990-04-12"));
    assert_eq!(claims.provenance.verified_at, Some(at("2025-11-03T09:58:00Z")));
    // The userinfo's alone: withheld, each listed.
    assert!(claims.sex.is_none() && claims.document.is_none() && claims.full_name.is_none());
    let unsigned: Vec<(&str, bool)> =
        verified.unsigned().iter().map(|u| (u.field.as_str(), u.withheld)).collect();
    assert!(unsigned.contains(&("gender", true)), "{unsigned:?}");
    assert!(unsigned.contains(&("document_number", true)), "{unsigned:?}");
    assert!(!unsigned.iter().any(|(f, _)| *f == "given_name"), "{unsigned:?}");

    let allowed = parsed.verify(&policy().allow_unsigned_claims()).unwrap();
    let claims = allowed.claims();
    assert!(claims.sex.is_some());
    let document = claims.document.as_ref().unwrap();
    assert_eq!(document.number.as_deref(), Some("GALA900412MDFRPL09"));
    assert_eq!(document.issuing_country, Some("MX"));
    assert!(allowed.unsigned().iter().any(|u| u.field == "gender" && !u.withheld));
}

#[test]
fn without_a_verified_id_token_the_userinfo_never_verifies() {
    let bytes = vector("incode-oidc/userinfo-valid.json");
    let lax = Policy::at(at(NOW)).allow_unsigned_formats().allow_unsigned_claims();
    let bare = parse(&bytes, &Limits::default()).unwrap();
    let r = bare.verify(&lax).unwrap_err();
    assert_eq!(r.verdict(), Verdict::Unchecked);
    assert_eq!(r.errors()[0].code(), "signature.not_checked");
    // A token under a key the caller trusts for Incode only verifies; Hopae's keys do not.
    let hopae_only = Policy::at(at(NOW))
        .with_hopae_keys(KeySet::from_json(&vector("keys/hopae.jwks.json")).unwrap())
        .expect_audience(CLIENT)
        .allow_unsigned_formats()
        .allow_unsigned_claims();
    let token = id_token("valid");
    let with = parse(&bytes, &Limits::default())
        .unwrap()
        .with_id_token(&token, &Limits::default())
        .unwrap();
    let r = with.verify(&hopae_only).unwrap_err();
    assert!(r.errors().iter().any(|e| e.code() == "signature.not_checked"), "{r}");
}

fn vpcheck(args: &[&str]) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_vpcheck")).args(args).output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn the_cli_verifies_a_pair_and_rejects_a_userinfo_whose_sub_differs() {
    let root = repo_root().join("test-vectors");
    let path = |p: &str| root.join(p).display().to_string();
    let (token, keys) = (path("incode-oidc/id-token-valid.jwt"), path("keys/incode.jwks.json"));
    let base = [
        "verify",
        "--format",
        "json",
        "--now",
        NOW,
        "--id-token",
        &token,
        "--incode-jwks",
        &keys,
        "--audience",
        CLIENT,
        "--issuer",
        ISSUER,
        "--nonce",
        NONCE,
    ];
    let good = path("incode-oidc/userinfo-valid.json");
    let (code, json) = vpcheck(&[&base[..], &[good.as_str()]].concat());
    assert_eq!((code, json["verdict"].as_str()), (0, Some("verified")), "{json}");
    assert_eq!(json["format"], "incode-userinfo");
    assert_eq!(json["claims"]["given_name"], "ALEJANDRA");
    let twin = path("incode-oidc/userinfo-sub-differs.json");
    let (code, json) = vpcheck(&[&base[..], &[twin.as_str()]].concat());
    assert_eq!((code, json["verdict"].as_str()), (1, Some("rejected")), "{json}");
    assert_eq!(json["errors"][0]["code"], "binding.subject");
    assert!(json.get("claims").is_none_or(Value::is_null), "{json}");
}
