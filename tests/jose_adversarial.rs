//! The adversarial JOSE table: each way a JWS, a key or a key set can be wrong,
//! with the exact code vpcheck must give. Tokens are signed here with ring (Ed25519 from a fixed
//! seed, HMAC), so every case differs from a valid token in one respect only.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine as _;
use chrono::{TimeZone, Utc};
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{json, Value};
use vpcheck::{parse, Algorithm, KeySet, Limits, Policy};

fn ed_key() -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed_unchecked(&[7u8; 32]).unwrap()
}

fn ed_jwk(extra: Value) -> Value {
    let mut jwk = json!({"kty": "OKP", "crv": "Ed25519", "kid": "k1", "x": B64.encode(ed_key().public_key().as_ref())});
    for (k, v) in extra.as_object().unwrap() {
        jwk[k] = v.clone();
    }
    jwk
}

fn signed(header: &Value, payload: &str) -> String {
    let input = format!("{}.{}", B64.encode(header.to_string()), B64.encode(payload));
    let sig = ed_key().sign(input.as_bytes());
    format!("{input}.{}", B64.encode(sig.as_ref()))
}

fn hmac_signed(header: &Value, payload: &str, secret: &[u8]) -> String {
    let input = format!("{}.{}", B64.encode(header.to_string()), B64.encode(payload));
    let tag =
        ring::hmac::sign(&ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret), input.as_bytes());
    format!("{input}.{}", B64.encode(tag.as_ref()))
}

/// A policy trusting `keys` for the tokens here: those of `did:example:issuer` and those that
/// name no issuer.
fn keyed(keys: KeySet) -> Policy {
    Policy::at(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap())
        .with_issuer_keys("did:example:issuer", keys.clone())
        .with_signer_keys(keys)
}

fn set(keys: &[Value]) -> Result<KeySet, vpcheck::Error> {
    KeySet::from_json(json!({ "keys": keys }).to_string().as_bytes())
}

/// The code of verifying `token` under `keys` (allowing `algs`, all when empty), or "ok".
fn outcome(token: &str, keys: Result<KeySet, vpcheck::Error>, algs: &[Algorithm]) -> String {
    let keys = match keys {
        Ok(k) => k,
        Err(e) => return e.code().to_owned(),
    };
    let mut policy = keyed(keys);
    if !algs.is_empty() {
        policy = policy.allow_algorithms(algs);
    }
    match parse(token.as_bytes(), &Limits::default()) {
        Err(e) => e.code().to_owned(),
        Ok(u) => match u.verify(&policy) {
            Ok(_) => "ok".to_owned(),
            Err(r) => r.errors().iter().map(|e| e.code()).collect::<Vec<_>>().join(","),
        },
    }
}

const PAYLOAD: &str = r#"{"iss":"did:example:issuer","iat":1735689000}"#;

#[test]
fn adversarial_table() {
    let ed = json!({"alg": "EdDSA", "kid": "k1"});
    let good = signed(&ed, PAYLOAD);
    let rsa_n = |bytes: usize, first: u8| {
        let mut n = vec![0xABu8; bytes];
        n[0] = first;
        B64.encode(n)
    };
    let rsa_public = json!({"kty": "RSA", "kid": "r1", "n": rsa_n(256, 0xC1), "e": "AQAB"});
    let mut tampered = good.clone();
    tampered.replace_range(
        tampered.len() - 6..tampered.len() - 5,
        if tampered.ends_with("A") { "B" } else { "A" },
    );
    let secret = b"0123456789abcdef0123456789abcdef";
    let oct = json!({"kty": "oct", "kid": "h1", "k": B64.encode(secret)});
    let json_jws = |protected: Value, header: Option<Value>| {
        let p = B64.encode(protected.to_string());
        let input = format!("{p}.{}", B64.encode(PAYLOAD));
        let sig = B64.encode(ed_key().sign(input.as_bytes()).as_ref());
        let mut obj = json!({"payload": B64.encode(PAYLOAD), "protected": p, "signature": sig});
        if let Some(h) = header {
            obj["header"] = h;
        }
        obj.to_string()
    };
    let many = json!({"payload": B64.encode(PAYLOAD), "signatures": vec![json!({"protected": B64.encode(ed.to_string()), "signature": "AAAA"}); 17]}).to_string();
    let unencoded = {
        let protected = json!({"alg": "EdDSA", "kid": "k1", "b64": false, "crit": ["b64"]});
        let p = B64.encode(protected.to_string());
        let sig = B64.encode(ed_key().sign(format!("{p}.payload").as_bytes()).as_ref());
        format!("{p}.payload.{sig}")
    };
    type Case =
        (&'static str, String, Result<KeySet, vpcheck::Error>, Vec<Algorithm>, &'static str);
    let cases: Vec<Case> = vec![
        ("valid EdDSA", good.clone(), set(&[ed_jwk(json!({}))]), vec![], "ok"),
        ("signature altered", tampered, set(&[ed_jwk(json!({}))]), vec![], "signature.invalid"),
        (
            "alg none",
            format!("{}.{}.", B64.encode(r#"{"alg":"none"}"#), B64.encode(PAYLOAD)),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "jws.alg_none",
        ),
        (
            "alg outside the allowlist",
            good.clone(),
            set(&[ed_jwk(json!({}))]),
            vec![Algorithm::ES256],
            "jws.alg_not_allowed",
        ),
        (
            "key type does not fit alg",
            good.clone(),
            set(&[
                json!({"kty":"EC","crv":"P-256","kid":"k1","x":B64.encode([1u8;32]),"y":B64.encode([2u8;32])}),
            ]),
            vec![],
            "key.alg_mismatch",
        ),
        (
            "curve does not fit alg",
            signed(&json!({"alg":"ES256","kid":"k1"}), PAYLOAD),
            set(&[
                json!({"kty":"EC","crv":"P-384","kid":"k1","x":B64.encode([1u8;48]),"y":B64.encode([2u8;48])}),
            ]),
            vec![],
            "key.alg_mismatch",
        ),
        (
            "JWK alg member names another alg",
            good.clone(),
            set(&[ed_jwk(json!({"alg": "ES256"}))]),
            vec![],
            "key.alg_mismatch",
        ),
        (
            "HS256 keyed with the RSA public key",
            hmac_signed(
                &json!({"alg":"HS256","kid":"r1"}),
                PAYLOAD,
                rsa_public.to_string().as_bytes(),
            ),
            set(std::slice::from_ref(&rsa_public)),
            vec![],
            "key.alg_mismatch",
        ),
        (
            "HS256 without a symmetric key",
            hmac_signed(&json!({"alg":"HS256"}), PAYLOAD, secret),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "key.not_found",
        ),
        (
            "HS256 with the caller's oct key",
            hmac_signed(&json!({"alg":"HS256","kid":"h1"}), PAYLOAD, secret),
            set(std::slice::from_ref(&oct)),
            vec![],
            "ok",
        ),
        (
            "HS256 key shorter than the hash",
            hmac_signed(&json!({"alg":"HS256","kid":"h2"}), PAYLOAD, b"short"),
            set(&[json!({"kty":"oct","kid":"h2","k":B64.encode(b"short")})]),
            vec![],
            "key.weak",
        ),
        ("use enc", good.clone(), set(&[ed_jwk(json!({"use": "enc"}))]), vec![], "key.unusable"),
        (
            "key_ops without verify",
            good.clone(),
            set(&[ed_jwk(json!({"key_ops": ["sign"]}))]),
            vec![],
            "key.unusable",
        ),
        (
            "RSA modulus under 2048 bits",
            signed(&json!({"alg":"RS256","kid":"r1"}), PAYLOAD),
            set(&[json!({"kty":"RSA","kid":"r1","n":rsa_n(128, 0xC1),"e":"AQAB"})]),
            vec![],
            "key.weak",
        ),
        (
            "RSA exponent 1",
            signed(&json!({"alg":"RS256","kid":"r1"}), PAYLOAD),
            set(&[json!({"kty":"RSA","kid":"r1","n":rsa_n(256, 0xC1),"e":"AQ"})]),
            vec![],
            "key.weak",
        ),
        (
            "RSA modulus with a leading zero",
            signed(&json!({"alg":"RS256","kid":"r1"}), PAYLOAD),
            set(&[json!({"kty":"RSA","kid":"r1","n":rsa_n(257, 0),"e":"AQAB"})]),
            vec![],
            "key.invalid",
        ),
        ("Ed448 key", good.clone(), set(&[ed_jwk(json!({"crv": "Ed448"}))]), vec![], "key.invalid"),
        (
            "EC coordinate too short",
            signed(&json!({"alg":"ES256","kid":"k1"}), PAYLOAD),
            set(&[
                json!({"kty":"EC","crv":"P-256","kid":"k1","x":B64.encode([1u8;31]),"y":B64.encode([2u8;32])}),
            ]),
            vec![],
            "key.invalid",
        ),
        (
            "unknown kid",
            signed(&json!({"alg":"EdDSA","kid":"k9"}), PAYLOAD),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "key.not_found",
        ),
        (
            "kid path traversal",
            signed(&json!({"alg":"EdDSA","kid":"../../etc/passwd"}), PAYLOAD),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "key.not_found",
        ),
        (
            "duplicate kid in the set",
            good.clone(),
            set(&[ed_jwk(json!({})), ed_jwk(json!({}))]),
            vec![],
            "key.ambiguous",
        ),
        (
            "private and public keys mixed",
            good.clone(),
            set(&[ed_jwk(json!({})), ed_jwk(json!({"kid": "k2", "d": "AAAA"}))]),
            vec![],
            "key.ambiguous",
        ),
        (
            "unknown crit",
            signed(&json!({"alg":"EdDSA","kid":"k1","crit":["exp"],"exp":1}), PAYLOAD),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "jws.crit_unsupported",
        ),
        (
            "crit naming a registered header",
            signed(&json!({"alg":"EdDSA","kid":"k1","crit":["alg"]}), PAYLOAD),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "jws.crit_unsupported",
        ),
        (
            "empty crit",
            signed(&json!({"alg":"EdDSA","kid":"k1","crit":[]}), PAYLOAD),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "jws.crit_unsupported",
        ),
        (
            "crit listing an absent header",
            signed(&json!({"alg":"EdDSA","kid":"k1","crit":["b64"]}), PAYLOAD),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "jws.crit_unsupported",
        ),
        (
            "b64 false attached in compact",
            unencoded,
            set(&[ed_jwk(json!({}))]),
            vec![],
            "jws.b64_unsupported",
        ),
        (
            "b64 false without crit",
            json_jws(json!({"alg":"EdDSA","kid":"k1","b64":false}), None),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "jws.b64_unsupported",
        ),
        (
            "crit in the unprotected header",
            json_jws(json!({"alg":"EdDSA"}), Some(json!({"kid":"k1","crit":["b64"]}))),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "jws.crit_unsupported",
        ),
        (
            "kid in both headers",
            json_jws(json!({"alg":"EdDSA","kid":"k1"}), Some(json!({"kid":"k1"}))),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "jws.malformed",
        ),
        (
            "flattened JSON, kid unprotected",
            json_jws(json!({"alg":"EdDSA"}), Some(json!({"kid":"k1"}))),
            set(&[ed_jwk(json!({}))]),
            vec![],
            "ok",
        ),
        ("17 signatures", many, set(&[ed_jwk(json!({}))]), vec![], "limit.signatures"),
        (
            "257 keys",
            good.clone(),
            set(&(0..257).map(|i| ed_jwk(json!({"kid": format!("k{i}")}))).collect::<Vec<_>>()),
            vec![],
            "limit.keys",
        ),
    ];
    let mut failures = Vec::new();
    for (name, token, keys, algs, expected) in cases {
        let got = outcome(&token, keys, &algs);
        if got != expected {
            failures.push(format!("{name}: expected {expected}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Header members a check reads come from the protected header only (RFC 7515
/// section 5.2 step 8 signs the protected header and the payload). An expected `typ` sent in the
/// unprotected header of a JSON-serialized JWS could be set by anyone: `jwt.type`, naming it.
/// The control moves the same `typ` into the protected header, and signs again.
#[test]
fn typ_is_read_from_the_protected_header_only() {
    let flattened = |protected: Value, header: Value, payload: &str| {
        let p = B64.encode(protected.to_string());
        let input = format!("{p}.{}", B64.encode(payload));
        let sig = B64.encode(ed_key().sign(input.as_bytes()).as_ref());
        json!({"payload": B64.encode(payload), "protected": p, "header": header, "signature": sig})
            .to_string()
    };
    let general = |protected: Value, header: Value| {
        let p = B64.encode(protected.to_string());
        let sig =
            B64.encode(ed_key().sign(format!("{p}.{}", B64.encode(PAYLOAD)).as_bytes()).as_ref());
        json!({"payload": B64.encode(PAYLOAD), "signatures": [{"protected": p, "header": header, "signature": sig}]}).to_string()
    };
    let run = |token: &str, expected_typ: Option<&str>| {
        let mut policy = keyed(set(&[ed_jwk(json!({}))]).unwrap());
        if let Some(t) = expected_typ {
            policy = policy.expect_token_type(t);
        }
        match parse(token.as_bytes(), &Limits::default()).unwrap().verify(&policy) {
            Ok(_) => ("ok".to_owned(), String::new()),
            Err(r) => (
                r.errors().iter().map(|e| e.code()).collect::<Vec<_>>().join(","),
                r.errors().iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
            ),
        }
    };
    let typ = "example+jwt";
    // The attack: the expected typ only in the unprotected header.
    for token in [
        flattened(json!({"alg": "EdDSA", "kid": "k1"}), json!({"typ": typ}), PAYLOAD),
        general(json!({"alg": "EdDSA", "kid": "k1"}), json!({"typ": typ})),
    ] {
        let (codes, message) = run(&token, Some(typ));
        assert_eq!(codes, "jwt.type", "{token}: {message}");
        assert!(message.contains("unprotected header"), "{message}");
    }
    // The controls: the same typ protected verifies; the unprotected typ harms nothing when no
    // type is expected.
    assert_eq!(
        run(
            &flattened(json!({"alg": "EdDSA", "kid": "k1", "typ": typ}), json!({}), PAYLOAD),
            Some(typ)
        )
        .0,
        "ok"
    );
    assert_eq!(
        run(&general(json!({"alg": "EdDSA", "kid": "k1", "typ": typ}), json!({})), Some(typ)).0,
        "ok"
    );
    assert_eq!(
        run(&flattened(json!({"alg": "EdDSA", "kid": "k1"}), json!({"typ": typ}), PAYLOAD), None).0,
        "ok"
    );
    // A wrong protected typ is still named as found.
    let (codes, message) = run(
        &flattened(json!({"alg": "EdDSA", "kid": "k1", "typ": "JWT"}), json!({}), PAYLOAD),
        Some(typ),
    );
    assert_eq!(codes, "jwt.type");
    assert!(message.contains("\"JWT\"") && !message.contains("unprotected"), "{message}");

    // A VCDM 2.0 credential: `vc+jwt` unprotected is not its media type (VC-JOSE-COSE section
    // 3.1.1), and an unprotected `cty` is not read either.
    let vc = r#"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"did:example:issuer","credentialSubject":{"id":"did:example:holder"}}"#;
    let (codes, message) = run(
        &flattened(json!({"alg": "EdDSA", "kid": "k1"}), json!({"typ": "vc+jwt", "cty": "vc"}), vc),
        None,
    );
    assert_eq!(codes, "jwt.type", "{message}");
    assert!(message.contains("unprotected header"), "{message}");
    assert_eq!(
        run(
            &flattened(
                json!({"alg": "EdDSA", "kid": "k1", "typ": "vc+jwt"}),
                json!({"cty": "not-vc"}),
                vc
            ),
            None
        )
        .0,
        "ok"
    );
    assert_eq!(
        run(
            &flattened(
                json!({"alg": "EdDSA", "kid": "k1", "typ": "vc+jwt", "cty": "vc"}),
                json!({}),
                vc
            ),
            None
        )
        .0,
        "ok"
    );
}

/// A `kid` in the unprotected header does not choose the key: it was not signed. The signature is
/// checked against the keys that fit the algorithm, so a swapped `kid` neither breaks a good
/// signature nor names a key that did not sign.
#[test]
fn unprotected_kid_does_not_choose_the_key() {
    let p = B64.encode(json!({"alg": "EdDSA"}).to_string());
    let sig = B64.encode(ed_key().sign(format!("{p}.{}", B64.encode(PAYLOAD)).as_bytes()).as_ref());
    let token = json!({"payload": B64.encode(PAYLOAD), "protected": p, "header": {"kid": "k9"}, "signature": sig}).to_string();
    let policy = keyed(set(&[ed_jwk(json!({}))]).unwrap());
    let unverified = parse(token.as_bytes(), &Limits::default()).unwrap();
    assert!(unverified.verify(&policy).is_ok());
    let signed_kid = signed(&json!({"alg": "EdDSA", "kid": "k9"}), PAYLOAD);
    assert_eq!(outcome(&signed_kid, set(&[ed_jwk(json!({}))]), &[]), "key.not_found");
}
