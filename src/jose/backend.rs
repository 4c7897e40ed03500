//! The signature check itself, one well-kept crate per algorithm, chosen by measurement
//! (README, "Signature backends"; the numbers in BENCHMARKS.md, "Measurements the design rests
//! on"): ed25519-dalek for Ed25519, ring for ECDSA P-256/P-384, RSA and HMAC, RustCrypto `k256`
//! and `p521` for the two curves ring lacks.

use ring::signature::{self as ring_sig, RsaPublicKeyComponents, UnparsedPublicKey};

use super::alg::Algorithm;
use super::jwk::KeyMaterial;

/// Whether `signature` is `alg`'s signature of `input` under `key`. The caller has matched the
/// key to the algorithm ([`super::jwk::Jwk::for_algorithm`]); a mismatch here is a `false`.
pub(crate) fn verify(alg: Algorithm, key: &KeyMaterial, input: &[u8], signature: &[u8]) -> bool {
    match (alg, key) {
        (Algorithm::EdDSA, KeyMaterial::Ed25519(key)) => {
            ed25519_dalek::Signature::from_slice(signature)
                // RFC 8032 section 5.1.7 with the strict checks (canonical S, no small-order key or R):
                // a signature is accepted in one encoding only.
                .is_ok_and(|sig| key.verify_strict(input, &sig).is_ok())
        }
        (Algorithm::ES256, KeyMaterial::Ec { point, .. }) => {
            UnparsedPublicKey::new(&ring_sig::ECDSA_P256_SHA256_FIXED, point)
                .verify(input, signature)
                .is_ok()
        }
        (Algorithm::ES384, KeyMaterial::Ec { point, .. }) => {
            UnparsedPublicKey::new(&ring_sig::ECDSA_P384_SHA384_FIXED, point)
                .verify(input, signature)
                .is_ok()
        }
        (Algorithm::ES256K, KeyMaterial::Ec { point, .. }) => {
            use k256::ecdsa::signature::Verifier as _;
            let (Ok(key), Ok(sig)) = (
                k256::ecdsa::VerifyingKey::from_sec1_bytes(point),
                k256::ecdsa::Signature::from_slice(signature),
            ) else {
                return false;
            };
            key.verify(input, &sig).is_ok()
        }
        (Algorithm::ES512, KeyMaterial::Ec { point, .. }) => {
            use p521::ecdsa::signature::Verifier as _;
            let (Ok(key), Ok(sig)) = (
                p521::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p521::ecdsa::Signature::from_slice(signature),
            ) else {
                return false;
            };
            key.verify(input, &sig).is_ok()
        }
        (
            Algorithm::RS256
            | Algorithm::RS384
            | Algorithm::RS512
            | Algorithm::PS256
            | Algorithm::PS384
            | Algorithm::PS512,
            KeyMaterial::Rsa { n, e },
        ) => {
            let params: &ring_sig::RsaParameters = match alg {
                Algorithm::RS256 => &ring_sig::RSA_PKCS1_2048_8192_SHA256,
                Algorithm::RS384 => &ring_sig::RSA_PKCS1_2048_8192_SHA384,
                Algorithm::RS512 => &ring_sig::RSA_PKCS1_2048_8192_SHA512,
                Algorithm::PS256 => &ring_sig::RSA_PSS_2048_8192_SHA256,
                Algorithm::PS384 => &ring_sig::RSA_PSS_2048_8192_SHA384,
                _ => &ring_sig::RSA_PSS_2048_8192_SHA512,
            };
            RsaPublicKeyComponents { n, e }.verify(params, input, signature).is_ok()
        }
        (Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512, KeyMaterial::Oct(k)) => {
            let hmac = match alg {
                Algorithm::HS256 => ring::hmac::HMAC_SHA256,
                Algorithm::HS384 => ring::hmac::HMAC_SHA384,
                _ => ring::hmac::HMAC_SHA512,
            };
            // Constant-time comparison of the tag (ring `hmac::verify`).
            ring::hmac::verify(&ring::hmac::Key::new(hmac, k), input, signature).is_ok()
        }
        _ => false,
    }
}

/// HMAC-SHA256 tag check in constant time, for webhook signatures.
pub(crate) fn hmac_sha256_verify(secret: &[u8], message: &[u8], tag: &[u8]) -> bool {
    ring::hmac::verify(&ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret), message, tag).is_ok()
}
