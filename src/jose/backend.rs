//! The signature check itself, one well-kept crate per algorithm, chosen by measurement
//! (README, "Signature backends"; the numbers in BENCHMARKS.md, "Measurements the design rests
//! on"): ed25519-dalek for Ed25519, ring for ECDSA P-256, RSA and HMAC, aws-lc-rs for ECDSA
//! P-384 (its formally verified s2n-bignum field arithmetic: 193 µs where ring takes 741 µs),
//! RustCrypto `k256` and `p521` for the two curves ring lacks.

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
            use aws_lc_rs::signature as aws_sig;
            aws_sig::UnparsedPublicKey::new(&aws_sig::ECDSA_P384_SHA384_FIXED, point)
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::jose::alg::Curve;
    use ring::signature::KeyPair as _;

    /// The order of the P-384 group (SEC 2 section 2.5.1), big-endian.
    const P384_N: &str = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973";

    /// A P-384 key pair made by ring and its signature of `message`: ring signs, aws-lc-rs checks.
    fn signed_p384(message: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let alg = &ring_sig::ECDSA_P384_SHA384_FIXED_SIGNING;
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = ring_sig::EcdsaKeyPair::generate_pkcs8(alg, &rng).unwrap();
        let pair = ring_sig::EcdsaKeyPair::from_pkcs8(alg, pkcs8.as_ref(), &rng).unwrap();
        let signature = pair.sign(&rng, message).unwrap().as_ref().to_vec();
        (pair.public_key().as_ref().to_vec(), signature)
    }

    fn es384(point: &[u8], input: &[u8], signature: &[u8]) -> bool {
        let key = KeyMaterial::Ec { curve: Curve::P384, point: point.to_vec() };
        verify(Algorithm::ES384, &key, input, signature)
    }

    #[test]
    fn es384_verifies_what_ring_signed_and_nothing_edited() {
        let message = b"eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJhbGljZSJ9";
        let (point, signature) = signed_p384(message);
        assert!(es384(&point, message, &signature));
        // The edits that must defeat it: the message, one bit of r or s, a truncated signature,
        // another key, the same key's point compressed, the key as P-256.
        assert!(!es384(&point, b"eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJtYWxsb3J5In0", &signature));
        for at in [0, 47, 48, 95] {
            let mut flipped = signature.clone();
            flipped[at] ^= 1;
            assert!(!es384(&point, message, &flipped), "bit flipped at {at}");
        }
        assert!(!es384(&point, message, &signature[..95]));
        let (other, _) = signed_p384(message);
        assert!(!es384(&other, message, &signature));
        let key = KeyMaterial::Ec { curve: Curve::P384, point: point.clone() };
        assert!(!verify(Algorithm::ES256, &key, message, &signature));
    }

    #[test]
    fn es384_accepts_the_high_s_twin_as_ring_did() {
        // ECDSA's (r, n - s) verifies like (r, s); neither RFC 7518 nor vc-di-ecdsa asks for low
        // S, and ring (the P-384 backend before aws-lc-rs) accepted both: the answer is unchanged.
        let message = b"payload";
        let (point, signature) = signed_p384(message);
        let n = hex::decode(P384_N).unwrap();
        let (r, s) = signature.split_at(48);
        let mut twin = [0u8; 48];
        let mut borrow = 0i16;
        for i in (0..48).rev() {
            let d = i16::from(n[i]) - i16::from(s[i]) - borrow;
            borrow = i16::from(d < 0);
            twin[i] = u8::try_from(d.rem_euclid(256)).unwrap();
        }
        assert_eq!(borrow, 0);
        assert!(es384(&point, message, &[r, &twin[..]].concat()));
    }
}
