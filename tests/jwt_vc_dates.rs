//! A JWT credential's own dates are judged at the policy instant whether or not
//! the JWT carries `nbf` or `exp` (VCDM 1.1 sections 4.6, 4.7 and 6.3.1; VCDM 2.0 section 4.9).
//! Tokens are signed here with the issuer key of `test-vectors/keys/issuer-ed25519.pem`, whose
//! public half is in `issuer.jwks.json`, so each case differs from a valid credential in its dates
//! only. Boundaries are tested one second either side, with and without leeway, so an off-by-one
//! at any edge fails.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD as B64};
use base64::Engine as _;
use chrono::{DateTime, Duration, SecondsFormat, TimeZone, Utc};
use ring::signature::Ed25519KeyPair;
use serde_json::{json, Value};
use vpcheck::{parse, KeySet, Limits, Policy};

fn keys_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-vectors/keys")
}

/// The issuer's Ed25519 key: a PKCS#8 v1 document whose last 32 bytes are the seed.
fn issuer_key() -> Ed25519KeyPair {
    let pem = std::fs::read_to_string(keys_dir().join("issuer-ed25519.pem")).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = STANDARD.decode(body).unwrap();
    Ed25519KeyPair::from_seed_unchecked(&der[der.len() - 32..]).unwrap()
}

fn sign(header: &Value, payload: &Value) -> String {
    let input = format!("{}.{}", B64.encode(header.to_string()), B64.encode(payload.to_string()));
    let sig = issuer_key().sign(input.as_bytes());
    format!("{input}.{}", B64.encode(sig.as_ref()))
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap()
}

fn date(offset_seconds: i64) -> String {
    (now() + Duration::seconds(offset_seconds)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A VCDM 1.1 JWT credential (as `jwt-signed/vc11-valid.jwt`) with `vc` members replaced or
/// added from `vc_extra` and registered claims from `claims_extra` (null removes one).
fn vc11(vc_extra: Value, claims_extra: Value) -> String {
    let mut payload = json!({
        "iss": "did:example:issuer",
        "sub": "did:example:holder",
        "jti": "urn:uuid:8d1e7c1a-0001",
        "iat": 1_735_689_000,
        "vc": {
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiableCredential", "IdentityCredential"],
            "id": "urn:uuid:8d1e7c1a-0001",
            "issuer": "did:example:issuer",
            "issuanceDate": "2024-12-31T23:50:00Z",
            "credentialSubject": {"id": "did:example:holder", "givenName": "OK", "familyName": "TESTNUMBER"}
        }
    });
    for (k, v) in vc_extra.as_object().unwrap() {
        payload["vc"][k] = v.clone();
    }
    for (k, v) in claims_extra.as_object().unwrap() {
        if v.is_null() {
            payload.as_object_mut().unwrap().remove(k);
        } else {
            payload[k] = v.clone();
        }
    }
    sign(&json!({"alg": "EdDSA", "kid": "did:example:issuer#key-1", "typ": "JWT"}), &payload)
}

/// A VCDM 2.0 `vc+jwt` credential with `extra` members.
fn vc2(extra: Value) -> String {
    let mut payload = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "iss": "did:example:issuer",
        "credentialSubject": {"id": "did:example:holder"}
    });
    for (k, v) in extra.as_object().unwrap() {
        payload[k] = v.clone();
    }
    sign(&json!({"alg": "EdDSA", "kid": "did:example:issuer#key-1", "typ": "vc+jwt"}), &payload)
}

/// The sorted error codes of verifying `token` at [`now`] with `leeway` seconds, "ok" if none.
fn codes(token: &str, leeway: i64) -> String {
    let keys =
        KeySet::from_json(&std::fs::read(keys_dir().join("issuer.jwks.json")).unwrap()).unwrap();
    let policy =
        Policy::at(now()).with_issuer_keys("did:example:issuer", keys).with_leeway_seconds(leeway);
    match parse(token.as_bytes(), &Limits::default()).unwrap().verify(&policy) {
        Ok(_) => "ok".to_owned(),
        Err(r) => {
            let mut codes: Vec<&str> = r.errors().iter().map(|e| e.code()).collect();
            codes.sort_unstable();
            codes.dedup();
            codes.join(",")
        }
    }
}

#[test]
fn vcdm11_expiration_date_is_judged_without_exp() {
    // The attack: a credential that expired a year ago, sent without `exp`.
    assert_eq!(
        codes(&vc11(json!({"expirationDate": "2024-01-01T00:00:00Z"}), json!({})), 60),
        "time.expired"
    );
    // The control: the same credential, still valid.
    assert_eq!(
        codes(&vc11(json!({"expirationDate": "2026-01-01T00:00:00Z"}), json!({})), 60),
        "ok"
    );
    // One second either side of the boundary, without leeway and with it: expired when
    // now >= expirationDate + leeway.
    for (offset, leeway, expected) in
        [(1, 0, "ok"), (0, 0, "time.expired"), (-59, 60, "ok"), (-60, 60, "time.expired")]
    {
        assert_eq!(
            codes(&vc11(json!({"expirationDate": date(offset)}), json!({})), leeway),
            expected,
            "expirationDate now{offset:+}s, leeway {leeway}"
        );
    }
    // With `exp` as well, agreeing: both say expired, and the agreeing pair passes when valid.
    let exp = |offset: i64| (now() + Duration::seconds(offset)).timestamp();
    assert_eq!(
        codes(&vc11(json!({"expirationDate": date(-3600)}), json!({"exp": exp(-3600)})), 60),
        "time.expired"
    );
    assert_eq!(
        codes(&vc11(json!({"expirationDate": date(3600)}), json!({"exp": exp(3600)})), 60),
        "ok"
    );
    // Disagreeing: the consistency check stays, and the past date is still judged on its own.
    assert_eq!(
        codes(&vc11(json!({"expirationDate": date(-3600)}), json!({"exp": exp(3600)})), 60),
        "jwt.vc_claims,time.expired"
    );
    assert_eq!(
        codes(&vc11(json!({"expirationDate": date(3600)}), json!({"exp": exp(7200)})), 60),
        "jwt.vc_claims"
    );
    // A date that does not parse is named once.
    assert_eq!(
        codes(&vc11(json!({"expirationDate": "next year"}), json!({})), 60),
        "field.invalid"
    );
}

#[test]
fn vcdm11_issuance_date_is_judged_without_nbf() {
    // The attack: a credential not valid until tomorrow, sent without `nbf` (and with an `iat`
    // of the past, which says when the JWT was made, not when the credential starts).
    assert_eq!(
        codes(&vc11(json!({"issuanceDate": "2025-01-02T00:00:00Z"}), json!({})), 60),
        "time.not_yet_valid"
    );
    // Not yet valid when now + leeway < issuanceDate.
    for (offset, leeway, expected) in
        [(0, 0, "ok"), (1, 0, "time.not_yet_valid"), (60, 60, "ok"), (61, 60, "time.not_yet_valid")]
    {
        assert_eq!(
            codes(&vc11(json!({"issuanceDate": date(offset)}), json!({})), leeway),
            expected,
            "issuanceDate now{offset:+}s, leeway {leeway}"
        );
    }
    // The control, and `nbf` agreeing or not.
    let nbf = |offset: i64| (now() + Duration::seconds(offset)).timestamp();
    assert_eq!(
        codes(&vc11(json!({"issuanceDate": date(-600)}), json!({"nbf": nbf(-600)})), 60),
        "ok"
    );
    assert_eq!(
        codes(&vc11(json!({"issuanceDate": date(86_400)}), json!({"nbf": nbf(-600)})), 60),
        "jwt.vc_claims,time.not_yet_valid"
    );
}

#[test]
fn vcdm2_validity_period_inside_a_jwt() {
    assert_eq!(codes(&vc2(json!({"validUntil": date(-1)})), 0), "time.expired");
    assert_eq!(codes(&vc2(json!({"validUntil": date(1)})), 0), "ok");
    assert_eq!(codes(&vc2(json!({"validFrom": date(1)})), 0), "time.not_yet_valid");
    assert_eq!(codes(&vc2(json!({"validFrom": date(0), "validUntil": date(3600)})), 0), "ok");
    // A VCDM 1.1 credential carrying VCDM 2.0 dates under `vc` is held to them as well.
    assert_eq!(codes(&vc11(json!({"validUntil": date(-3600)}), json!({})), 60), "time.expired");
}
