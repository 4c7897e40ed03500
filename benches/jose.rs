//! JWT verification per algorithm: vpcheck end to end (parse, header rules, key selection,
//! signature, every claim rule) next to the bare signature check of the same bytes with the
//! backend vpcheck uses, and next to `jsonwebtoken` (9, ring) verifying the same token.
//!
//! Run: `cargo bench --bench jose -- --noplot`. Numbers are in the README ("Signature
//! backends").

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
        .with_keys(keys)
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
                group.bench_function("bare_signature", |b| b.iter(|| vk.verify_strict(black_box(input.as_bytes()), &s).unwrap()));
            }
            "ES256" => {
                let mut point = vec![4u8];
                point.extend(member(&key, "x"));
                point.extend(member(&key, "y"));
                let vk = ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P256_SHA256_FIXED, point);
                group.bench_function("bare_signature", |b| b.iter(|| vk.verify(black_box(input.as_bytes()), &sig).unwrap()));
            }
            _ => {
                let vk = ring::signature::RsaPublicKeyComponents { n: member(&key, "n"), e: member(&key, "e") };
                group.bench_function("bare_signature", |b| {
                    b.iter(|| vk.verify(&ring::signature::RSA_PKCS1_2048_8192_SHA256, black_box(input.as_bytes()), &sig).unwrap())
                });
            }
        }

        // jsonwebtoken: the same token, signature and aud; its time checks read the system clock,
        // so they are off (the token is judged at 2025-01-01 here).
        let (decoding, algorithm) = match alg {
            "EdDSA" => (jsonwebtoken::DecodingKey::from_ed_components(key["x"].as_str().unwrap()).unwrap(), jsonwebtoken::Algorithm::EdDSA),
            "ES256" => (
                jsonwebtoken::DecodingKey::from_ec_components(key["x"].as_str().unwrap(), key["y"].as_str().unwrap()).unwrap(),
                jsonwebtoken::Algorithm::ES256,
            ),
            _ => (
                jsonwebtoken::DecodingKey::from_rsa_components(key["n"].as_str().unwrap(), key["e"].as_str().unwrap()).unwrap(),
                jsonwebtoken::Algorithm::RS256,
            ),
        };
        let mut validation = jsonwebtoken::Validation::new(algorithm);
        validation.validate_exp = false;
        validation.set_audience(&["https://verifier.example"]);
        group.bench_function("jsonwebtoken", |b| {
            b.iter(|| jsonwebtoken::decode::<Value>(black_box(&token), &decoding, &validation).unwrap())
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3));
    targets = jose
}
criterion_main!(benches);
