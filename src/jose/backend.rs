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
            // aws-lc-rs would also read a compressed or hybrid point and an X.509
            // SubjectPublicKeyInfo; ring read `04 || x || y` only, which is the one form
            // `KeyMaterial::Ec` holds. Held here so that a future key source handing another
            // form is refused, as it is on P-256.
            if point.len() != 97 || point.first() != Some(&0x04) {
                return false;
            }
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

    /// Review 21: what the P-384 backend (aws-lc-rs) makes of every key and signature encoding,
    /// beside ring (the backend before it). vpcheck hands it only `04 || x || y` points of 97
    /// bytes (a JWK's two 48-byte coordinates, or a Multikey decompressed by `p384`), so on those
    /// the two must answer alike; on the encodings vpcheck never builds, see
    /// `review21_unbuilt_encodings_are_refused`.
    mod review21 {
        use super::*;
        use p384::elliptic_curve::sec1::ToEncodedPoint as _;

        /// The P-384 field prime (SEC 2 section 2.5.1), big-endian.
        const P384_P: &str = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff";

        fn ring_es384(point: &[u8], input: &[u8], signature: &[u8]) -> bool {
            UnparsedPublicKey::new(&ring_sig::ECDSA_P384_SHA384_FIXED, point)
                .verify(input, signature)
                .is_ok()
        }

        /// aws-lc-rs's own verdict on the key bytes alone.
        fn aws_parses(point: &[u8]) -> bool {
            aws_lc_rs::signature::ParsedPublicKey::new(
                &aws_lc_rs::signature::ECDSA_P384_SHA384_FIXED,
                point,
            )
            .is_ok()
        }

        /// `a + b` over 48 big-endian bytes, `None` on overflow.
        fn add48(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
            let mut out = vec![0u8; 48];
            let mut carry = 0u16;
            for i in (0..48).rev() {
                let t = u16::from(a[i]) + u16::from(b[i]) + carry;
                out[i] = u8::try_from(t & 0xff).unwrap();
                carry = t >> 8;
            }
            (carry == 0).then_some(out)
        }

        /// A point of P-384 with a small x (under 2^16), uncompressed: its x + p still fits in
        /// 48 bytes, a non-canonical encoding of the same point.
        fn small_x_point() -> Vec<u8> {
            (1u16..)
                .find_map(|x| {
                    let mut sec1 = vec![0u8; 49];
                    sec1[0] = 2;
                    sec1[47..].copy_from_slice(&x.to_be_bytes());
                    p384::PublicKey::from_sec1_bytes(&sec1)
                        .ok()
                        .map(|k| k.to_encoded_point(false).as_bytes().to_vec())
                })
                .unwrap()
        }

        #[test]
        fn review21_reachable_points_same_answer_as_ring() {
            let message = b"hash data";
            let (point, signature) = signed_p384(message);
            assert_eq!(point.len(), 97);
            assert_eq!(point[0], 4);
            let mut cases: Vec<(&str, Vec<u8>, bool)> = vec![("the key", point.clone(), true)];
            // Off the curve: y + 1, x + 1.
            let mut y1 = point.clone();
            y1[96] ^= 1;
            cases.push(("y edited", y1, false));
            let mut x1 = point.clone();
            x1[48] ^= 1;
            cases.push(("x edited", x1, false));
            // The identity has no affine coordinates; 04 || 0 || 0 is off the curve.
            cases.push(("04 || 0 || 0", [vec![4], vec![0; 96]].concat(), false));
            // x = p, y = 0 and the like: coordinates >= p.
            let p = hex::decode(P384_P).unwrap();
            cases.push(("x = p", [vec![4], p.clone(), point[49..].to_vec()].concat(), false));
            cases.push(("y = p", [&point[..49], &p[..]].concat(), false));
            cases.push(("x, y all ones", [vec![4], vec![0xff; 96]].concat(), false));
            for (name, key, expected) in &cases {
                assert_eq!(es384(key, message, &signature), *expected, "aws-lc-rs: {name}");
                assert_eq!(ring_es384(key, message, &signature), *expected, "ring: {name}");
            }
        }

        #[test]
        fn review21_non_canonical_coordinate_is_refused() {
            // x + p names the same point as x: a backend reducing mod p would accept a second
            // encoding of the key. Neither does; both accept the canonical one.
            let point = small_x_point();
            assert!(aws_parses(&point));
            let p = hex::decode(P384_P).unwrap();
            let x_plus_p = add48(&point[1..49], &p).unwrap();
            let twin = [vec![4], x_plus_p, point[49..].to_vec()].concat();
            assert!(!aws_parses(&twin));
            // The JOSE path builds exactly this from a JWK whose x is x + p: refused.
            let (_, signature) = signed_p384(b"m");
            assert!(!es384(&twin, b"m", &signature));
        }

        #[test]
        fn review21_signature_encodings() {
            let message = b"hash data";
            let (point, signature) = signed_p384(message);
            let n = hex::decode(P384_N).unwrap();
            let (r, s) = signature.split_at(48);
            let zero = [0u8; 48];
            // DER (RFC 3279 section 2.2.3) of the same r and s.
            let int = |v: &[u8]| {
                let v: Vec<u8> = v.iter().copied().skip_while(|b| *b == 0).collect();
                let v = if v[0] & 0x80 != 0 { [vec![0], v].concat() } else { v };
                [vec![2, u8::try_from(v.len()).unwrap()], v].concat()
            };
            let body = [int(r), int(s)].concat();
            let der = [vec![0x30, u8::try_from(body.len()).unwrap()], body].concat();
            let cases: Vec<(&str, Vec<u8>)> = vec![
                ("r = 0", [&zero[..], s].concat()),
                ("s = 0", [r, &zero[..]].concat()),
                ("r = s = 0", vec![0; 96]),
                ("r = n", [&n[..], s].concat()),
                ("s = n", [r, &n[..]].concat()),
                ("all ones", vec![0xff; 96]),
                ("DER", der),
                ("one byte short", signature[..95].to_vec()),
                ("one byte long", [&signature[..], &[0]].concat()),
                ("a leading zero", [&[0], &signature[..]].concat()),
                ("P-256 length", signature[..64].to_vec()),
                ("P-521 length", [&signature[..], &[0u8; 36][..]].concat()),
                ("empty", vec![]),
                ("s || r", [s, r].concat()),
            ];
            for (name, sig) in &cases {
                assert!(!es384(&point, message, sig), "aws-lc-rs: {name}");
                assert!(!ring_es384(&point, message, sig), "ring: {name}");
            }
            assert!(es384(&point, message, &signature));
        }

        /// Every way vpcheck builds a P-384 `KeyMaterial::Ec` yields `04 || x || y` of 97 bytes,
        /// and the Multikey path (`did:key`, `publicKeyMultibase`) refuses every other SEC1 form
        /// and a non-canonical x before the backend sees it; the JWK path takes two 48-byte
        /// coordinates only.
        #[test]
        fn review21_every_built_point_is_uncompressed() {
            use crate::did::{ec_point, PublicKey};
            let (point, _) = signed_p384(b"m");
            let key = p384::PublicKey::from_sec1_bytes(&point).unwrap();
            let compressed = key.to_encoded_point(true).as_bytes().to_vec();
            let Ok(PublicKey::Ec { point: built, .. }) = ec_point("k", Curve::P384, &compressed)
            else {
                panic!()
            };
            assert_eq!(built, point);
            let small = small_x_point();
            let p = hex::decode(P384_P).unwrap();
            let hybrid = [vec![6 + (point[96] & 1)], point[1..].to_vec()].concat();
            let non_canonical =
                [vec![2 + (small[96] & 1)], add48(&small[1..49], &p).unwrap()].concat();
            for (name, bytes) in [
                ("uncompressed", point.clone()),
                ("hybrid", hybrid),
                ("x + p", non_canonical),
                ("identity", vec![0]),
                ("identity padded", vec![0; 49]),
                ("48 bytes", compressed[1..].to_vec()),
                ("prefix 04, 49 bytes", [&[4], &compressed[1..]].concat()),
            ] {
                let r = ec_point("k", Curve::P384, &bytes);
                assert_eq!(r.err().map(|e| e.code()), Some("key.invalid"), "{name}");
            }
            // JWK: x and y of 48 bytes each, nothing else.
            let b64 = |b: &[u8]| {
                base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, b)
            };
            let jwk = |x: &[u8], y: &[u8]| {
                crate::jose::jwk::Jwk::parse(
                    "k",
                    &serde_json::json!({"kty": "EC", "crv": "P-384", "x": b64(x), "y": b64(y)})
                        .to_string(),
                )
                .unwrap()
            };
            let (x, y) = point[1..].split_at(48);
            let good = jwk(x, y);
            let Ok(KeyMaterial::Ec { point: built, .. }) =
                good.for_algorithm("k", Algorithm::ES384)
            else {
                panic!()
            };
            assert_eq!(built, &point);
            for (name, x, y) in [
                ("x with a leading zero", [&[0], x].concat(), y.to_vec()),
                ("x compressed in place", compressed.clone(), y.to_vec()),
                ("y empty", x.to_vec(), vec![]),
                ("x short", x[1..].to_vec(), y.to_vec()),
            ] {
                let r = jwk(&x, &y).for_algorithm("k", Algorithm::ES384).map(|_| ());
                assert_eq!(r.err().map(|e| e.code()), Some("key.invalid"), "{name}");
            }
        }

        /// Finding 1 (latent, fixed): aws-lc-rs's `UnparsedPublicKey` also parses a compressed
        /// or hybrid point and an X.509 SubjectPublicKeyInfo, where ring took the uncompressed
        /// point only. No path of vpcheck builds those (every `KeyMaterial::Ec` is
        /// `04 || x || y`); the ES384 arm now refuses any other form itself, as ring did.
        #[test]
        fn review21_unbuilt_encodings_are_refused() {
            let message = b"hash data";
            let (point, signature) = signed_p384(message);
            let key = p384::PublicKey::from_sec1_bytes(&point).unwrap();
            let compressed = key.to_encoded_point(true).as_bytes().to_vec();
            let hybrid = [vec![6 + (point[96] & 1)], point[1..].to_vec()].concat();
            let spki = [
                hex::decode("3076301006072a8648ce3d020106052b81040022036200").unwrap(),
                point.clone(),
            ]
            .concat();
            let mut answers = Vec::new();
            for (name, bytes) in [
                ("compressed", compressed),
                ("hybrid", hybrid),
                ("SPKI", spki),
                ("identity 00", vec![0]),
            ] {
                assert!(!ring_es384(&bytes, message, &signature), "ring: {name}");
                answers.push((name, es384(&bytes, message, &signature)));
            }
            assert!(answers.iter().all(|(_, ok)| !ok), "aws-lc-rs verifies under {answers:?}");
        }
    }
}
