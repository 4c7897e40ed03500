//! JWT verification per algorithm: vpcheck end to end (parse, header rules, key selection,
//! signature, every claim rule) next to the bare signature check of the same bytes with the
//! backend vpcheck uses, and next to `jsonwebtoken` (9, ring) verifying the same token. With the
//! `peers` feature also josekit (OpenSSL) and ssi (`ssi-jwt`/`ssi-jws`), each end to end: the
//! signature from the same JWK, then `exp`/`nbf`/`aud` as a user of that crate checks them.
//!
//! Run: `cargo bench --bench jose -- --noplot`, with the peers
//! `cargo bench --features peers --bench jose -- --noplot`. Numbers are in the README
//! ("Signature backends").

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine as _;
use chrono::{TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::Value;
use vpcheck::{parse, KeySet, Limits, Policy};

fn load(path: &str) -> String {
    std::fs::read_to_string(format!("{}/test-vectors/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn jwk(kid: &str) -> Value {
    let set: Value = serde_json::from_str(&load("keys/issuer.jwks.json")).unwrap();
    set["keys"].as_array().unwrap().iter().find(|k| k["kid"] == kid).unwrap().clone()
}

fn member(jwk: &Value, name: &str) -> Vec<u8> {
    B64.decode(jwk[name].as_str().unwrap()).unwrap()
}

fn jose(c: &mut Criterion) {
    let keys = KeySet::from_json(load("keys/issuer.jwks.json").as_bytes()).unwrap();
    let policy = Policy::at(Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap())
        .with_issuer_keys("did:example:issuer", keys)
        .expect_audience("https://verifier.example")
        .expect_nonce("c-7f2a");
    let limits = Limits::default();
    for (alg, file, kid) in [
        ("EdDSA", "jwt-signed/eddsa-valid.jwt", "did:example:issuer#key-1"),
        ("ES256", "jwt-signed/es256-valid.jwt", "ec-signer-1"),
        ("RS256", "jwt-signed/rs256-valid.jwt", "rsa-signer-1"),
    ] {
        let token = load(file).trim().to_owned();
        let (input, sig_b64) = token.rsplit_once('.').unwrap();
        let sig = B64.decode(sig_b64).unwrap();
        let key = jwk(kid);
        let mut group = c.benchmark_group(format!("jwt_verify/{alg}"));

        group.bench_function("vpcheck", |b| {
            b.iter(|| {
                let u = parse(black_box(token.as_bytes()), &limits).unwrap();
                assert!(u.verify(&policy).is_ok());
            })
        });

        // The floor: the backend's signature check alone, key already parsed, signature decoded.
        match alg {
            "EdDSA" => {
                let x: [u8; 32] = member(&key, "x").try_into().unwrap();
                let vk = ed25519_dalek::VerifyingKey::from_bytes(&x).unwrap();
                let s = ed25519_dalek::Signature::from_slice(&sig).unwrap();
                group.bench_function("bare_signature", |b| {
                    b.iter(|| vk.verify_strict(black_box(input.as_bytes()), &s).unwrap())
                });
            }
            "ES256" => {
                let mut point = vec![4u8];
                point.extend(member(&key, "x"));
                point.extend(member(&key, "y"));
                let vk = ring::signature::UnparsedPublicKey::new(
                    &ring::signature::ECDSA_P256_SHA256_FIXED,
                    point,
                );
                group.bench_function("bare_signature", |b| {
                    b.iter(|| vk.verify(black_box(input.as_bytes()), &sig).unwrap())
                });
            }
            _ => {
                let vk = ring::signature::RsaPublicKeyComponents {
                    n: member(&key, "n"),
                    e: member(&key, "e"),
                };
                group.bench_function("bare_signature", |b| {
                    b.iter(|| {
                        vk.verify(
                            &ring::signature::RSA_PKCS1_2048_8192_SHA256,
                            black_box(input.as_bytes()),
                            &sig,
                        )
                        .unwrap()
                    })
                });
            }
        }

        // jsonwebtoken: the same token, signature and aud; its time checks read the system clock,
        // so they are off (the token is judged at 2025-01-01 here).
        let (decoding, algorithm) = match alg {
            "EdDSA" => (
                jsonwebtoken::DecodingKey::from_ed_components(key["x"].as_str().unwrap()).unwrap(),
                jsonwebtoken::Algorithm::EdDSA,
            ),
            "ES256" => (
                jsonwebtoken::DecodingKey::from_ec_components(
                    key["x"].as_str().unwrap(),
                    key["y"].as_str().unwrap(),
                )
                .unwrap(),
                jsonwebtoken::Algorithm::ES256,
            ),
            _ => (
                jsonwebtoken::DecodingKey::from_rsa_components(
                    key["n"].as_str().unwrap(),
                    key["e"].as_str().unwrap(),
                )
                .unwrap(),
                jsonwebtoken::Algorithm::RS256,
            ),
        };
        let mut validation = jsonwebtoken::Validation::new(algorithm);
        validation.validate_exp = false;
        validation.set_audience(&["https://verifier.example"]);
        group.bench_function("jsonwebtoken", |b| {
            b.iter(|| {
                jsonwebtoken::decode::<Value>(black_box(&token), &decoding, &validation).unwrap()
            })
        });
        #[cfg(feature = "peers")]
        peers::bench(&mut group, alg, &token, &key);
        group.finish();
    }
}

/// josekit and ssi, end to end, each checked to refuse the token with its `sub` changed before it
/// is timed.
#[cfg(feature = "peers")]
mod peers {
    use std::time::{Duration, SystemTime};

    use base64::Engine as _;
    use chrono::{TimeZone, Utc};
    use criterion::{black_box, measurement::WallTime, BenchmarkGroup};
    use serde_json::Value;
    use ssi_jwt::ToDecodedJwt as _;

    /// The verifier's instant, 2025-01-01T00:00:00Z, as vpcheck's policy has it.
    const NOW: u64 = 1_735_689_600;
    const AUDIENCE: &str = "https://verifier.example";

    pub fn bench(group: &mut BenchmarkGroup<'_, WallTime>, alg: &str, token: &str, key: &Value) {
        // A copy with the payload's `sub` changed: `did:example:holder` becomes `...holdes`.
        let (header, rest) = token.split_once('.').unwrap();
        let (payload, signature) = rest.split_once('.').unwrap();
        let mut claims: Value =
            serde_json::from_slice(&super::B64.decode(payload).unwrap()).unwrap();
        claims["sub"] = Value::from("did:example:holdes");
        let forged = format!(
            "{header}.{}.{signature}",
            super::B64.encode(serde_json::to_vec(&claims).unwrap())
        );

        // josekit: the verifier for the token's algorithm from the JWK, decode-and-verify, then its
        // payload validator for `nbf`, `exp` (at the fixed instant) and `aud`.
        let jwk = josekit::jwk::Jwk::from_bytes(serde_json::to_vec(key).unwrap()).unwrap();
        let verifier: Box<dyn josekit::jws::JwsVerifier> = match alg {
            "EdDSA" => Box::new(josekit::jws::EdDSA.verifier_from_jwk(&jwk).unwrap()),
            "ES256" => Box::new(josekit::jws::ES256.verifier_from_jwk(&jwk).unwrap()),
            _ => Box::new(josekit::jws::RS256.verifier_from_jwk(&jwk).unwrap()),
        };
        let mut validator = josekit::jwt::JwtPayloadValidator::new();
        validator.set_base_time(SystemTime::UNIX_EPOCH + Duration::from_secs(NOW));
        validator.set_audience(AUDIENCE);
        let josekit_verify = |token: &str| -> bool {
            josekit::jwt::decode_with_verifier(token, &*verifier)
                .is_ok_and(|(payload, _)| validator.validate(&payload).is_ok())
        };
        assert!(josekit_verify(token) && !josekit_verify(&forged), "josekit {alg}");
        group.bench_function("josekit", |b| b.iter(|| assert!(josekit_verify(black_box(token)))));

        // ssi: the documented path (`ssi_jwt::ToDecodedJwt::verify_jwt` on a JWS with the JWK as
        // resolver and the instant as date-time: signature, `iat`, `nbf`, `exp`), then `aud`, which
        // ssi leaves to the caller. Its default backends: ed25519-dalek, p256, rsa.
        let jwk: ssi_jwk::JWK = serde_json::from_value(key.clone()).unwrap();
        let params = ssi_claims_core::VerificationParameters::from_resolver(jwk)
            .with_date_time(Utc.timestamp_opt(i64::try_from(NOW).unwrap(), 0).unwrap());
        let ssi_verify = |token: &str| -> bool {
            let Ok(decoded) = ssi_jws::JwsStr::new(token)
                .map_err(drop)
                .and_then(|j| j.to_decoded_jwt().map_err(drop))
            else {
                return false;
            };
            if !matches!(pollster::block_on(decoded.verify(&params)), Ok(Ok(()))) {
                return false;
            }
            decoded
                .signing_bytes
                .payload
                .registered
                .get::<ssi_jwt::Audience>()
                .is_some_and(|aud| aud.0.any(|a| a.as_str() == AUDIENCE))
        };
        assert!(ssi_verify(token) && !ssi_verify(&forged), "ssi {alg}");
        group.bench_function("ssi", |b| b.iter(|| assert!(ssi_verify(black_box(token)))));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3));
    targets = jose
}
criterion_main!(benches);
