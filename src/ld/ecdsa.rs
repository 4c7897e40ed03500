//! Data Integrity proofs with ECDSA on P-256 and P-384 (W3C Data Integrity ECDSA Cryptosuites
//! v1.0, <https://www.w3.org/TR/vc-di-ecdsa/>): `ecdsa-rdfc-2019` (RDF Dataset Canonicalization,
//! section 3.2) and `ecdsa-jcs-2019` (JCS, RFC 8785, section 3.3). Each hashes the canonical
//! proof configuration and the canonical document with the hash of the key's curve (SHA-256 for
//! P-256, SHA-384 for P-384; sections 3.2.4 and 3.3.4) and verifies one ECDSA signature over the
//! two hashes, which ECDSA hashes once more with the same function (sections 3.2.2, 3.3.2).
//!
//! The signature is checked by the project's ECDSA backends (README, "Signature backends"), ring
//! for P-256 and aws-lc-rs for P-384, which both accept `s` and `n - s`: the specification does
//! not ask for low-S signatures, so a high-S signature of the right key verifies, as it does for
//! ES256/ES384 JWS.

use crate::did::{DidDocuments, PublicKey, Resolved};
use crate::error::Error;
use crate::jose::alg::{Algorithm, Curve};
use crate::jose::jwk::KeyMaterial;
use crate::ld::proof::{
    hash_data_with, split_proof, transform, Canonicalize, ProofContext, ProofSuite, SplitProof,
    Transform, VerifiedProof,
};

/// The suites of the ECDSA cryptosuites specification this build verifies (`ecdsa-sd-2023` is
/// known but not verified: `verify::jsonld` answers it `proof.not_checked`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EcdsaSuite {
    Rdfc2019,
    Jcs2019,
}

impl EcdsaSuite {
    pub(crate) fn name(self) -> &'static str {
        match self {
            EcdsaSuite::Rdfc2019 => "DataIntegrityProof/ecdsa-rdfc-2019",
            EcdsaSuite::Jcs2019 => "DataIntegrityProof/ecdsa-jcs-2019",
        }
    }

    fn transform(self) -> Transform {
        match self {
            EcdsaSuite::Rdfc2019 => Transform::Rdfc,
            EcdsaSuite::Jcs2019 => Transform::Jcs,
        }
    }
}

impl ProofSuite for EcdsaSuite {
    fn verify(
        &self,
        field: &str,
        document: &str,
        index: usize,
        cx: &ProofContext<'_>,
    ) -> Result<VerifiedProof, Error> {
        verify_ecdsa(field, document, index, *self, cx.dids, cx.at, cx.rdfc)
    }
}

/// Verifies proof `index` of `document` (the whole secured document, JSON text through the
/// structure pass) under `suite`, with a P-256 or P-384 key from a Multikey (`did:key:zDn...`,
/// `did:key:z82...`, a `publicKeyMultibase`) or a `publicKeyJwk`, judged at `at` (a key's
/// `nbf`/`exp` window).
///
/// # Errors
/// `proof.invalid` when the signature does not verify or does not have the length of the key's
/// curve, `key.alg_mismatch` for a key that is not P-256 or P-384, `key.invalid` for a JWK point
/// off its curve, `key.outside_window`, `field.*` for proof members of the wrong shape, the key
/// resolution errors of [`DidDocuments`], and the canonicaliser's errors.
pub(crate) fn verify_ecdsa(
    field: &str,
    document: &str,
    index: usize,
    suite: EcdsaSuite,
    dids: &DidDocuments,
    at: chrono::DateTime<chrono::Utc>,
    rdfc: Option<&dyn Canonicalize>,
) -> Result<VerifiedProof, Error> {
    let invalid = |reason: String| Error::ProofInvalid {
        field: field.to_owned(),
        proof_type: suite.name().to_owned(),
        reason,
    };
    let SplitProof { unsecured, options, signature: proof_value, purpose, verification_method: vm } =
        split_proof(field, document, index, "proofValue")?;
    let transformed = transform(field, suite.name(), suite.transform(), unsecured, options, rdfc)?;

    let (resolved, curve, point) = resolve_ec_key(field, suite.name(), &vm, &purpose, dids, at)?;
    let mismatch = |reason: &str| Error::KeyAlgMismatch {
        field: field.to_owned(),
        alg: suite.name().to_owned(),
        kid: vm.clone(),
        reason: reason.to_owned(),
    };
    let (alg, hash) = match curve {
        Curve::P256 => (Algorithm::ES256, &ring::digest::SHA256),
        Curve::P384 => (Algorithm::ES384, &ring::digest::SHA384),
        Curve::P521 | Curve::Secp256k1 => {
            return Err(mismatch("the suite needs a P-256 or P-384 key"))
        }
    };
    // Section 2.2.1 ("proofValue"): multibase base58btc (`z`).
    let signature = proof_value
        .strip_prefix('z')
        .and_then(|b| bs58::decode(b.as_bytes()).into_vec().ok())
        .ok_or_else(|| {
            Error::invalid(format!("{field}.proofValue"), "not a base58btc multibase signature")
        })?;
    // Sections 3.2.2 / 3.3.2: the signature is r || s, each as long as the curve's order (64
    // bytes on P-256, 96 on P-384). A signature of the other curve's length is refused here,
    // whatever the backend would make of it.
    let expected = 2 * curve.coordinate_len();
    if signature.len() != expected {
        return Err(invalid(format!(
            "a {}-byte signature; a {} signature is {expected} bytes",
            signature.len(),
            curve.name()
        )));
    }
    let hash_data =
        hash_data_with(hash, &transformed.proof_canonical, &transformed.document_canonical);
    if !crate::jose::backend::verify(alg, &KeyMaterial::Ec { curve, point }, &hash_data, &signature)
    {
        return Err(invalid(format!("the ECDSA {} signature does not verify", curve.name())));
    }
    let (document, options) = transformed.datasets(field, suite.name(), rdfc)?;
    Ok(VerifiedProof {
        verification_method: resolved.id,
        controller: resolved.controller,
        document,
        options,
        selective: false,
        presentation_header: None,
    })
}

/// The P-256 or P-384 key of verification method `vm` for a proof of `purpose` under `suite`
/// (a Multikey, `did:key:zDn...`/`did:key:z82...`, or a `publicKeyJwk` whose own `use`,
/// `key_ops` and `alg` allow the curve's ECDSA), usable at `at`, as an uncompressed SEC1 point.
///
/// # Errors
/// The key resolution errors of [`DidDocuments`], `key.alg_mismatch` for another kind of key,
/// `key.invalid` for a JWK point off its curve, `key.outside_window`.
pub(crate) fn resolve_ec_key(
    field: &str,
    suite: &str,
    vm: &str,
    purpose: &str,
    dids: &DidDocuments,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(Resolved, Curve, Vec<u8>), Error> {
    let vm_field = format!("{field}.verificationMethod");
    let resolved = dids.resolve(&vm_field, vm, purpose)?;
    let mismatch = |reason: &str| Error::KeyAlgMismatch {
        field: field.to_owned(),
        alg: suite.to_owned(),
        kid: vm.to_owned(),
        reason: reason.to_owned(),
    };
    let (curve, point, window) = match &resolved.key {
        PublicKey::Ec { curve, point } => (*curve, point.clone(), resolved.window),
        PublicKey::Jwk(jwk) => {
            let alg = match jwk.ec_curve() {
                Some(Curve::P256) => Algorithm::ES256,
                Some(Curve::P384) => Algorithm::ES384,
                _ => return Err(mismatch("the suite needs a P-256 or P-384 key")),
            };
            // The JWK's own `use`, `key_ops` and `alg` must allow the curve's ECDSA.
            let KeyMaterial::Ec { curve, point } = jwk.for_algorithm(field, alg)? else {
                return Err(mismatch("the suite needs a P-256 or P-384 key"));
            };
            check_point(&vm_field, *curve, point)?;
            (*curve, point.clone(), jwk.window())
        }
        PublicKey::Ed25519(_) | PublicKey::Bls12381G2(_) => {
            return Err(mismatch("the suite needs a P-256 or P-384 key"))
        }
    };
    // A key the caller gave a validity window (README, "Keys over time") verifies only at an
    // instant inside it.
    if !window.contains(at) {
        return Err(Error::KeyOutsideWindow { field: vm_field, kid: vm.to_owned(), at, window });
    }
    Ok((resolved, curve, point))
}

/// Refuses a JWK point that is not on its curve (`key.invalid`): JOSE parsing reads the
/// coordinates and leaves the check to the backend, where a bad point would read as a signature
/// that does not verify.
fn check_point(field: &str, curve: Curve, point: &[u8]) -> Result<(), Error> {
    let on_curve = match curve {
        Curve::P256 => p256::PublicKey::from_sec1_bytes(point).is_ok(),
        Curve::P384 => p384::PublicKey::from_sec1_bytes(point).is_ok(),
        Curve::P521 | Curve::Secp256k1 => false,
    };
    if on_curve {
        Ok(())
    } else {
        Err(Error::KeyInvalid {
            field: field.to_owned(),
            reason: format!("not a point of {}", curve.name()),
        })
    }
}

#[cfg(test)]
#[cfg(feature = "ld")]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

    use serde_json::Value;

    use super::*;

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/ld/vc-di-ecdsa/");

    /// The four suite/curve pairs: the folder, the infix of its file names, the suite, the hash.
    const CASES: [(&str, &str, EcdsaSuite, Curve); 4] = [
        ("ecdsa-rdfc-2019-p256", "ECDSAP256", EcdsaSuite::Rdfc2019, Curve::P256),
        ("ecdsa-rdfc-2019-p384", "ECDSAP384", EcdsaSuite::Rdfc2019, Curve::P384),
        ("ecdsa-jcs-2019-p256", "JCSECDSAP256", EcdsaSuite::Jcs2019, Curve::P256),
        ("ecdsa-jcs-2019-p384", "JCSECDSAP384", EcdsaSuite::Jcs2019, Curve::P384),
    ];

    fn read(folder: &str, name: &str) -> String {
        std::fs::read_to_string(format!("{DIR}{folder}/{name}")).unwrap()
    }

    fn signed(folder: &str, infix: &str) -> String {
        read(folder, &format!("signed{infix}.json"))
    }

    /// Runs `f` with a canonicaliser of the default policy.
    fn with_rdfc<T>(f: impl FnOnce(&dyn Canonicalize) -> T) -> T {
        let policy = crate::Policy::at(chrono::DateTime::UNIX_EPOCH);
        crate::ld::with_rdfc(&policy, f)
    }

    fn verify(doc: &str, suite: EcdsaSuite, dids: &DidDocuments) -> Result<VerifiedProof, Error> {
        with_rdfc(|rdfc| {
            verify_ecdsa("proof", doc, 0, suite, dids, chrono::DateTime::UNIX_EPOCH, Some(rdfc))
        })
    }

    fn code(doc: &str, suite: EcdsaSuite) -> &'static str {
        verify(doc, suite, &DidDocuments::new()).err().map_or("ok", |e| e.code())
    }

    /// Sections 3.2.4-3.2.6 and 3.3.4-3.3.6, step by step against the published intermediates:
    /// the canonical proof configuration and document, their hashes (SHA-256 or SHA-384 after
    /// the curve), the combined hash, and the signature the signed credential carries.
    #[test]
    fn intermediates_byte_for_byte() {
        for (folder, infix, suite, curve) in CASES {
            let doc = signed(folder, infix);
            let SplitProof { unsecured, options, signature, .. } =
                split_proof("proof", &doc, 0, "proofValue").unwrap();
            let t = with_rdfc(|rdfc| {
                transform("proof", suite.name(), suite.transform(), unsecured, options, Some(rdfc))
            })
            .unwrap();
            assert_eq!(
                t.proof_canonical,
                read(folder, &format!("proofCanon{infix}.txt")),
                "{folder}"
            );
            assert_eq!(
                t.document_canonical,
                read(folder, &format!("canonDoc{infix}.txt")),
                "{folder}"
            );
            let hash = match curve {
                Curve::P256 => &ring::digest::SHA256,
                _ => &ring::digest::SHA384,
            };
            let h = |text: &str| hex::encode(ring::digest::digest(hash, text.as_bytes()));
            assert_eq!(h(&t.proof_canonical), read(folder, &format!("proofHash{infix}.txt")));
            assert_eq!(h(&t.document_canonical), read(folder, &format!("docHash{infix}.txt")));
            assert_eq!(
                hex::encode(hash_data_with(hash, &t.proof_canonical, &t.document_canonical)),
                read(folder, &format!("combinedHash{infix}.txt")),
                "{folder}"
            );
            assert_eq!(signature, read(folder, &format!("sigBTC58{infix}.txt")), "{folder}");
            let raw = bs58::decode(&signature[1..]).into_vec().unwrap();
            assert_eq!(hex::encode(&raw), read(folder, &format!("sigHex{infix}.txt")), "{folder}");
            assert_eq!(raw.len(), 2 * curve.coordinate_len());
        }
    }

    #[test]
    fn signed_vectors_verify_and_tampered_forms_do_not() {
        for (folder, infix, suite, _) in CASES {
            let doc = signed(folder, infix);
            let v = verify(&doc, suite, &DidDocuments::new()).unwrap();
            assert!(v.verification_method.starts_with("did:key:z"), "{folder}");
            assert!(!v.document.statements().is_empty() && !v.options.statements().is_empty());
            // Any signed member changed.
            let tampered = doc.replace("The School of Examples", "The School of Forgeries");
            assert_eq!(code(&tampered, suite), "proof.invalid", "{folder}");
            let tampered = doc.replace("2023-02-24T23:36:38Z", "2023-02-24T23:36:39Z");
            assert_eq!(code(&tampered, suite), "proof.invalid", "{folder}");
            // The other suite of the family over the same proof: its canonical forms differ.
            let other = match suite {
                EcdsaSuite::Rdfc2019 => EcdsaSuite::Jcs2019,
                EcdsaSuite::Jcs2019 => EcdsaSuite::Rdfc2019,
            };
            assert_eq!(code(&doc, other), "proof.invalid", "{folder}");
        }
    }

    /// The key pairs of the vectors, and the signed P-256 and P-384 credentials, crossed.
    fn keys() -> (String, String) {
        let key = |name: &str| {
            let v: Value =
                serde_json::from_str(&std::fs::read_to_string(format!("{DIR}{name}")).unwrap())
                    .unwrap();
            v["publicKeyMultibase"].as_str().unwrap().to_owned()
        };
        (key("p256KeyPair.json"), key("p384KeyPair.json"))
    }

    #[test]
    fn a_signature_must_fit_the_key_curve() {
        let (p256, p384) = keys();
        let doc256 = signed("ecdsa-rdfc-2019-p256", "ECDSAP256");
        let doc384 = signed("ecdsa-rdfc-2019-p384", "ECDSAP384");
        // A P-256 proof re-labelled with the P-384 key: a 64-byte signature for a P-384 key.
        let relabelled = doc256.replace(&p256, &p384);
        let e = verify(&relabelled, EcdsaSuite::Rdfc2019, &DidDocuments::new()).unwrap_err();
        assert_eq!(e.code(), "proof.invalid");
        assert!(e.to_string().contains("64-byte"), "{e}");
        // And the converse: a 96-byte signature for a P-256 key.
        let relabelled = doc384.replace(&p384, &p256);
        let e = verify(&relabelled, EcdsaSuite::Rdfc2019, &DidDocuments::new()).unwrap_err();
        assert_eq!(e.code(), "proof.invalid");
        assert!(e.to_string().contains("96-byte"), "{e}");
        // The P-384 signature moved onto the P-256 credential (right key, wrong length).
        let sig = |d: &str| {
            let v: Value = serde_json::from_str(d).unwrap();
            v["proof"]["proofValue"].as_str().unwrap().to_owned()
        };
        let swapped = doc256.replace(&sig(&doc256), &sig(&doc384));
        assert_eq!(code(&swapped, EcdsaSuite::Rdfc2019), "proof.invalid");
        // A signature cut short by a byte, and one that is not base58btc multibase.
        let mut raw = bs58::decode(&sig(&doc256)[1..]).into_vec().unwrap();
        raw.pop();
        let short =
            doc256.replace(&sig(&doc256), &format!("z{}", bs58::encode(&raw).into_string()));
        assert_eq!(code(&short, EcdsaSuite::Rdfc2019), "proof.invalid");
        let not_multibase = doc256.replace(&sig(&doc256), &sig(&doc256)[1..]);
        assert_eq!(code(&not_multibase, EcdsaSuite::Rdfc2019), "field.invalid");
        // r and s swapped: right length, not the signature.
        raw = bs58::decode(&sig(&doc256)[1..]).into_vec().unwrap();
        raw.rotate_left(32);
        let swapped =
            doc256.replace(&sig(&doc256), &format!("z{}", bs58::encode(&raw).into_string()));
        assert_eq!(code(&swapped, EcdsaSuite::Rdfc2019), "proof.invalid");
    }

    #[test]
    fn a_key_of_another_type_is_a_mismatch() {
        let (p256, _) = keys();
        let doc = signed("ecdsa-jcs-2019-p256", "JCSECDSAP256");
        let ed25519 = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
        assert_eq!(code(&doc.replace(&p256, ed25519), EcdsaSuite::Jcs2019), "key.alg_mismatch");
        // An EdDSA proof handed to the ECDSA suite names an Ed25519 key: refused the same way.
        let eddsa = include_str!("../../test-vectors/ld/vc-di-eddsa/eddsa-jcs-2022-signed.json");
        assert_eq!(code(eddsa, EcdsaSuite::Jcs2019), "key.alg_mismatch");
    }

    /// A `publicKeyJwk` EC method (`JsonWebKey2020`) and a `Multikey` method in a DID document
    /// verify as the `did:key` does: the credential is re-signed here, with the vector's P-256
    /// secret key, under a `did:example` method.
    #[test]
    fn jwk_and_multikey_methods() {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
        use base64::Engine as _;
        let (p256, _) = keys();
        let secret: Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{DIR}p256KeyPair.json")).unwrap(),
        )
        .unwrap();
        let secret =
            bs58::decode(&secret["secretKeyMultibase"].as_str().unwrap()[1..]).into_vec().unwrap();
        // Multicodec p256-priv (0x1306): `86 26`, then the 32-byte scalar.
        assert_eq!(&secret[..2], &[0x86, 0x26]);
        let PublicKey::Ec { point, .. } = crate::did::ec_point(
            "k",
            Curve::P256,
            &bs58::decode(&p256[1..]).into_vec().unwrap()[2..],
        )
        .unwrap() else {
            panic!()
        };
        let pair = ring::signature::EcdsaKeyPair::from_private_key_and_public_key(
            &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &secret[2..],
            &point,
            &ring::rand::SystemRandom::new(),
        )
        .unwrap();
        let sign_as = |vm: &str| {
            let mut doc: Value =
                serde_json::from_str(&signed("ecdsa-rdfc-2019-p256", "ECDSAP256")).unwrap();
            doc["proof"]["verificationMethod"] = Value::String(vm.to_owned());
            let text = doc.to_string();
            let SplitProof { unsecured, options, .. } =
                split_proof("proof", &text, 0, "proofValue").unwrap();
            let t = with_rdfc(|rdfc| {
                transform("proof", "t", Transform::Rdfc, unsecured, options, Some(rdfc))
            })
            .unwrap();
            let data =
                hash_data_with(&ring::digest::SHA256, &t.proof_canonical, &t.document_canonical);
            let sig = pair.sign(&ring::rand::SystemRandom::new(), &data).unwrap();
            doc["proof"]["proofValue"] =
                Value::String(format!("z{}", bs58::encode(sig.as_ref()).into_string()));
            doc.to_string()
        };
        let (x, y) = point[1..].split_at(32);
        let jwk = |x: &str| {
            serde_json::json!({"id": "did:example:ec#jwk", "type": "JsonWebKey2020",
                "controller": "did:example:ec",
                "publicKeyJwk": {"kty": "EC", "crv": "P-256", "x": x, "y": B64.encode(y)}})
            .to_string()
        };
        let mut dids = DidDocuments::new();
        dids.add_json(jwk(&B64.encode(x)).as_bytes()).unwrap();
        dids.add_json(
            serde_json::json!({"id": "did:example:mk#key-1", "type": "Multikey",
                "controller": "did:example:mk", "publicKeyMultibase": p256})
            .to_string()
            .as_bytes(),
        )
        .unwrap();
        for vm in ["did:example:ec#jwk", "did:example:mk#key-1"] {
            let doc = sign_as(vm);
            let v = verify(&doc, EcdsaSuite::Rdfc2019, &dids).unwrap();
            assert_eq!(v.verification_method, vm);
            let tampered = doc.replace("The School of Examples", "The School of Forgeries");
            assert_eq!(
                verify(&tampered, EcdsaSuite::Rdfc2019, &dids).unwrap_err().code(),
                "proof.invalid"
            );
        }
        // The same JWK with other members: x changed (the point leaves the curve), a validity
        // window the instant is not in, another `alg`, `use: enc`, another curve and key type.
        let doc = sign_as("did:example:ec#jwk");
        let mut bad_x = x.to_vec();
        bad_x[31] ^= 1;
        let base: Value = serde_json::from_str(&jwk(&B64.encode(x))).unwrap();
        let with = |edit: &dyn Fn(&mut Value)| {
            let mut m = base.clone();
            edit(&mut m["publicKeyJwk"]);
            let mut dids = DidDocuments::new();
            dids.add_json(m.to_string().as_bytes()).unwrap();
            verify(&doc, EcdsaSuite::Rdfc2019, &dids).err().map_or("ok", |e| e.code())
        };
        assert_eq!(with(&|_| {}), "ok");
        assert_eq!(with(&|k| k["x"] = Value::String(B64.encode(&bad_x))), "key.invalid");
        assert_eq!(with(&|k| k["nbf"] = 2_000_000_000.into()), "key.outside_window");
        assert_eq!(with(&|k| k["alg"] = "ES384".into()), "key.alg_mismatch");
        assert_eq!(with(&|k| k["alg"] = "ES256".into()), "ok");
        assert_eq!(with(&|k| k["use"] = "enc".into()), "key.unusable");
        assert_eq!(
            with(&|k| {
                k["crv"] = "secp256k1".into();
            }),
            "key.alg_mismatch"
        );
        assert_eq!(
            with(&|k| {
                *k =
                    serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": B64.encode([1u8; 32])});
            }),
            "key.alg_mismatch"
        );
    }

    /// Both backends (ring for P-256, aws-lc-rs for P-384: README, "Signature backends") accept
    /// `s` and `n - s` alike; vc-di-ecdsa asks nothing of `s`, so each vector's signature with its
    /// `s` negated verifies too. This pins the behaviour: a change of backend that refuses high-S
    /// would show here.
    #[test]
    fn high_s_is_accepted() {
        use p256::elliptic_curve::PrimeField as _;
        for (folder, infix, curve) in [
            ("ecdsa-jcs-2019-p256", "JCSECDSAP256", Curve::P256),
            ("ecdsa-jcs-2019-p384", "JCSECDSAP384", Curve::P384),
        ] {
            let doc = signed(folder, infix);
            let v: Value = serde_json::from_str(&doc).unwrap();
            let sig = v["proof"]["proofValue"].as_str().unwrap();
            let mut raw = bs58::decode(&sig[1..]).into_vec().unwrap();
            let half = curve.coordinate_len();
            let negated_s = if curve == Curve::P256 {
                let s: [u8; 32] = raw[half..].try_into().unwrap();
                (-p256::Scalar::from_repr(s.into()).unwrap()).to_repr().to_vec()
            } else {
                let s: [u8; 48] = raw[half..].try_into().unwrap();
                (-p384::Scalar::from_repr(s.into()).unwrap()).to_repr().to_vec()
            };
            raw[half..].copy_from_slice(&negated_s);
            let negated = doc.replace(sig, &format!("z{}", bs58::encode(&raw).into_string()));
            assert_ne!(negated, doc);
            assert_eq!(code(&negated, EcdsaSuite::Jcs2019), "ok", "{folder}");
        }
    }

    /// `did:key:zDn...` and `did:key:z82...` resolve in place; a compressed point off the curve
    /// or of the wrong length is `key.invalid`.
    #[test]
    fn multikey_points() {
        let (p256, p384) = keys();
        let dids = DidDocuments::new();
        for (key, curve, len) in [(&p256, Curve::P256, 65), (&p384, Curve::P384, 97)] {
            let vm = format!("did:key:{key}#{key}");
            let r = dids.resolve("vm", &vm, "assertionMethod").unwrap();
            assert!(
                matches!(&r.key, PublicKey::Ec { curve: c, point } if *c == curve && point.len() == len)
            );
        }
        assert!(p256.starts_with("zDn") && p384.starts_with("z82"));
        // The x-coordinates 0, 1, 2, ...: about half are not on the curve.
        let mut off_curve = 0;
        for x in 0u8..16 {
            let mut compressed = vec![2u8; 1];
            compressed.extend_from_slice(&[0; 31]);
            compressed.push(x);
            if let Err(e) = crate::did::ec_point("k", Curve::P256, &compressed) {
                assert_eq!(e.code(), "key.invalid");
                off_curve += 1;
            }
        }
        assert!(off_curve > 0);
        let mut bytes = bs58::decode(&p256[1..]).into_vec().unwrap();
        for edit in [|b: &mut Vec<u8>| b[2] = 4, |b: &mut Vec<u8>| b.truncate(b.len() - 1)] {
            let mut b = bytes.clone();
            edit(&mut b);
            let id = format!("z{}", bs58::encode(&b).into_string());
            let e = dids.resolve("vm", &format!("did:key:{id}"), "assertionMethod").unwrap_err();
            assert_eq!(e.code(), "key.invalid");
        }
        bytes.truncate(2);
        let id = format!("z{}", bs58::encode(&bytes).into_string());
        let e = dids.resolve("vm", &format!("did:key:{id}"), "assertionMethod").unwrap_err();
        assert_eq!(e.code(), "key.invalid");
    }

    /// Through the public API: the signed credentials verify with the issuer's controller
    /// document; relabelled `ecdsa-sd-2023` its base58btc signature is no proof value of that
    /// suite (`field.invalid`), relabelled `bbs-2023` its key is no BLS12-381 key
    /// (`key.alg_mismatch`), and an unknown cryptosuite is refused (`proof.unsupported_type`).
    #[test]
    fn through_the_public_api() {
        let (p256, p384) = keys();
        let verdict = |bytes: &[u8], key: &str| {
            let mut dids = DidDocuments::new();
            dids.add_json(
                serde_json::json!({"id": "https://vc.example/issuers/5678",
                    "assertionMethod": [format!("did:key:{key}#{key}")]})
                .to_string()
                .as_bytes(),
            )
            .unwrap();
            let policy = crate::Policy::at(
                chrono::DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap().into(),
            )
            .with_did_documents(dids)
            .trust_issuer(crate::TrustedIssuer::new("https://vc.example/issuers/5678"));
            let unverified = crate::parse(bytes, &crate::Limits::default()).unwrap();
            match unverified.verify(&policy) {
                Ok(_) => vec![],
                Err(r) => r.errors().iter().map(|e| e.code().to_owned()).collect::<Vec<_>>(),
            }
        };
        for (folder, infix, _, curve) in CASES {
            let key = if curve == Curve::P256 { &p256 } else { &p384 };
            let doc = signed(folder, infix);
            assert_eq!(verdict(doc.as_bytes(), key), Vec::<String>::new(), "{folder}");
            let tampered = doc.replace("The School of Examples", "The School of Forgeries");
            assert_eq!(verdict(tampered.as_bytes(), key), ["proof.invalid"], "{folder}");
        }
        let doc = signed("ecdsa-rdfc-2019-p256", "ECDSAP256");
        for (suite, expected) in [
            // A base58btc ECDSA signature is no ecdsa-sd-2023 proof value (a CBOR `u` multibase).
            ("ecdsa-sd-2023", "field.invalid"),
            // bbs-2023 resolves its key first: a P-256 key is no BLS12-381 G2 key.
            ("bbs-2023", "key.alg_mismatch"),
            ("ecdsa-rdfc-2099", "proof.unsupported_type"),
        ] {
            let relabelled = doc.replace("\"ecdsa-rdfc-2019\"", &format!("\"{suite}\""));
            let codes = verdict(relabelled.as_bytes(), &p256);
            assert!(codes.iter().any(|c| c == expected), "{suite}: {codes:?}");
            if expected == "proof.not_checked" {
                assert!(!codes.iter().any(|c| c == "proof.unsupported_type"), "{codes:?}");
            }
        }
    }
}
