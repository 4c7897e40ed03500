//! `ecdsa-sd-2023` proofs (W3C vc-di-ecdsa sections 3.5-3.6): the issuer signs, with its P-256 key,
//! the proof configuration's hash, an ephemeral P-256 key and the hash of the mandatory
//! statements; the ephemeral key signs every other statement on its own. A holder reveals a
//! selection (a derived proof); a verifier checks the base signature and each revealed
//! statement's signature. The shared machinery is [`crate::ld::sd`].

use serde_json::Value;

use crate::error::Error;
use crate::jose::alg::Curve;
use crate::ld::proof::{
    no_canonicaliser, split_proof, Canonicalize, ProofContext, ProofSuite, SplitProof,
    VerifiedProof,
};
use crate::ld::sd::{
    canonicalize_and_group, derived_statements, expect_cryptosuite, hash_mandatory, hmac_label_map,
    parse_ecdsa, proof_hash, proof_value_field, EcdsaProofValue,
};

/// The suite's name in errors.
pub(crate) const ECDSA_SD_2023: &str = "DataIntegrityProof/ecdsa-sd-2023";

/// One P-256 signature verified (ring): an estimate of about 60 microseconds, not measured
/// like the budget's other costs (`crate::budget`). A derived proof carries one signature per
/// disclosed statement, so the count is charged before any is verified.
const UNITS_PER_P256_VERIFICATION: u64 = 60;

/// The `ecdsa-sd-2023` suite: the issuer's key from the verification method (as for
/// `ecdsa-rdfc-2019`: a Multikey, `did:key:zDn...` or a `publicKeyJwk`), which must be P-256
/// (section 3.6: the suite signs with P-256 and SHA-256 only).
pub(crate) struct EcdsaSd2023;

impl ProofSuite for EcdsaSd2023 {
    fn verify(
        &self,
        field: &str,
        document: &str,
        index: usize,
        cx: &ProofContext<'_>,
    ) -> Result<VerifiedProof, Error> {
        let rdfc = cx.rdfc.ok_or_else(|| no_canonicaliser(field, ECDSA_SD_2023))?;
        // The key is resolved first, from the proof's own members: a proof by an unknown or
        // mistyped key costs no canonicalisation.
        let split = split_proof(field, document, index, "proofValue")?;
        let (resolved, curve, point) = crate::ld::ecdsa::resolve_ec_key(
            field,
            ECDSA_SD_2023,
            &split.verification_method,
            &split.purpose,
            cx.dids,
            cx.at,
        )?;
        if curve != Curve::P256 {
            return Err(Error::KeyAlgMismatch {
                field: field.to_owned(),
                alg: ECDSA_SD_2023.to_owned(),
                kid: split.verification_method,
                reason: format!("the suite signs with P-256; the key is {}", curve.name()),
            });
        }
        let mut verified = verify_ecdsa_sd(field, split, &point, rdfc)?;
        verified.verification_method = resolved.id;
        verified.controller = resolved.controller;
        Ok(verified)
    }
}

/// An uncompressed SEC1 P-256 point, as ring verifies with: from a compressed or uncompressed
/// one (RustCrypto `p256` decompresses and checks the point is on the curve).
fn uncompressed(sec1: &[u8]) -> Option<Vec<u8>> {
    let key = p256::PublicKey::from_sec1_bytes(sec1).ok()?;
    Some(
        p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&key, false)
            .as_bytes()
            .to_vec(),
    )
}

fn verify_p256(uncompressed_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    ring::signature::UnparsedPublicKey::new(
        &ring::signature::ECDSA_P256_SHA256_FIXED,
        uncompressed_key,
    )
    .verify(message, signature)
    .is_ok()
}

/// Verifies an ecdsa-sd-2023 proof (`split`, taken out of its document once by the caller), with
/// `issuer_key` (a SEC1 P-256 point, compressed or
/// not). A base proof is verified as a holder does before deriving from it (sections 3.5.3 and 3.6.2:
/// the mandatory pointers group the statements); a derived proof as a verifier does (section
/// 3.5.9 and 3.6.7, createVerifyData then Verify Derived Proof).
///
/// The [`VerifiedProof`]'s `controller` is the verification method without its fragment; the
/// caller that resolved `issuer_key` replaces it with what resolution found.
///
/// # Errors
/// `proof.invalid` when a signature does not verify or the statements do not match the
/// signatures; `field.invalid` naming `proofValue` for a malformed proof value; `key.invalid`
/// for an issuer key that is not a P-256 point; the canonicaliser's errors.
pub(crate) fn verify_ecdsa_sd(
    field: &str,
    split: SplitProof,
    issuer_key: &[u8],
    rdfc: &dyn Canonicalize,
) -> Result<VerifiedProof, Error> {
    let invalid = |reason: &str| Error::ProofInvalid {
        field: field.to_owned(),
        proof_type: ECDSA_SD_2023.to_owned(),
        reason: reason.to_owned(),
    };
    let issuer = uncompressed(issuer_key).ok_or_else(|| Error::KeyInvalid {
        field: format!("{field}.verificationMethod"),
        reason: "not a P-256 point".into(),
    })?;
    let VerifyData {
        sign_data,
        base_signature,
        public_key,
        statements: non_mandatory,
        signatures,
        document: dataset,
        options: options_dataset,
        selective,
        verification_method: vm,
    } = verify_data(field, split, rdfc)?;
    if !verify_p256(&issuer, &sign_data, &base_signature) {
        return Err(invalid("the base signature does not verify with the issuer's key"));
    }
    let ephemeral = public_key.get(2..).and_then(uncompressed).ok_or_else(|| {
        Error::invalid(proof_value_field(field), "publicKey is not a P-256 point")
    })?;
    if signatures.len() != non_mandatory.len() {
        return Err(invalid("the number of statement signatures does not match the statements"));
    }
    for (statement, signature) in non_mandatory.iter().zip(&signatures) {
        if !verify_p256(&ephemeral, statement.as_bytes(), signature) {
            return Err(invalid("a statement's signature does not verify"));
        }
    }
    let controller = vm.split('#').next().unwrap_or_default().to_owned();
    Ok(VerifiedProof {
        verification_method: vm,
        controller,
        document: dataset,
        options: options_dataset,
        selective,
        presentation_header: None,
    })
}

/// What an ecdsa-sd-2023 proof asks to verify (createVerifyData, section 3.5.9, and for a base
/// proof the holder's regrouping, section 3.5.3): the data the issuer's base signature signs,
/// and each statement the ephemeral key signs with its signature. Keys play no part here.
pub(crate) struct VerifyData {
    /// serializeSignData (section 3.5.1): proofHash, the multikey ephemeral key, mandatoryHash.
    pub sign_data: Vec<u8>,
    pub base_signature: Vec<u8>,
    /// The ephemeral key, multikey-encoded.
    pub public_key: Vec<u8>,
    /// The non-mandatory statements (canonical N-Quads), in the signatures' order.
    pub statements: Vec<String>,
    pub signatures: Vec<Vec<u8>>,
    pub document: crate::ld::dataset::Dataset,
    pub options: crate::ld::dataset::Dataset,
    pub selective: bool,
    pub verification_method: String,
}

/// The [`VerifyData`] of a proof taken out of its document (`split`).
///
/// # Errors
/// As [`verify_ecdsa_sd`], but for the signatures.
pub(crate) fn verify_data(
    field: &str,
    split: SplitProof,
    rdfc: &dyn Canonicalize,
) -> Result<VerifyData, Error> {
    let SplitProof { unsecured, options, signature: proof_value, verification_method: vm, .. } =
        split;
    expect_cryptosuite(field, &options, "ecdsa-sd-2023")?;
    // The proof value is parsed before any canonicalisation: a malformed one costs nothing.
    let parsed = parse_ecdsa(field, &proof_value)?;
    let signature_count = 1 + match &parsed {
        EcdsaProofValue::Base(b) => b.signatures.len(),
        EcdsaProofValue::Derived(d) => d.signatures.len(),
    };
    rdfc.charge(
        field,
        "ECDSA P-256 verification",
        crate::budget::units(signature_count, UNITS_PER_P256_VERIFICATION),
    )?;
    let (proof_hash, options_dataset) = proof_hash(field, rdfc, &options, &unsecured)?;
    let unsecured = Value::Object(unsecured);
    let (base_signature, public_key, signatures, mandatory, non_mandatory, dataset, selective) =
        match parsed {
            EcdsaProofValue::Base(base) => {
                let hmac_key = base.hmac_key;
                let grouped = canonicalize_and_group(
                    field,
                    rdfc,
                    &unsecured,
                    &|issued| hmac_label_map(&hmac_key, issued),
                    &base.mandatory_pointers,
                )?;
                let pick = |indexes: &[usize]| -> Vec<String> {
                    indexes.iter().filter_map(|i| grouped.nquads.get(*i).cloned()).collect()
                };
                (
                    base.base_signature,
                    base.public_key,
                    base.signatures,
                    pick(&grouped.matching),
                    pick(&grouped.non_matching),
                    grouped.dataset,
                    false,
                )
            }
            EcdsaProofValue::Derived(derived) => {
                let (mandatory, non_mandatory, dataset) = derived_statements(
                    field,
                    ECDSA_SD_2023,
                    rdfc,
                    &unsecured,
                    &derived.label_map,
                    &derived.mandatory_indexes,
                )?;
                (
                    derived.base_signature,
                    derived.public_key,
                    derived.signatures,
                    mandatory,
                    non_mandatory,
                    dataset,
                    true,
                )
            }
        };
    let mut sign_data = Vec::with_capacity(32 + public_key.len() + 32);
    sign_data.extend_from_slice(&proof_hash);
    sign_data.extend_from_slice(&public_key);
    sign_data.extend_from_slice(&hash_mandatory(&mandatory));
    Ok(VerifyData {
        sign_data,
        base_signature,
        public_key,
        statements: non_mandatory,
        signatures,
        document: dataset,
        options: options_dataset,
        selective,
        verification_method: vm,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

    use std::collections::HashMap;

    use base64::Engine as _;
    use ciborium::Value as Cbor;
    use serde_json::Value;

    use super::*;
    use crate::ld::sd::decode_proof_value;

    macro_rules! vector {
        ($name:literal) => {
            include_str!(concat!("../../test-vectors/ld/vc-di-ecdsa/ecdsa-sd-2023/", $name))
        };
    }

    const CITIZENSHIP: &str = vector!("w3id-citizenship-v4rc1.jsonld");

    /// The two W3C cases: (base signed document, derived document, folder's intermediates).
    const CASES: [(&str, &str); 2] = [
        (vector!("prc/addSignedSDBase.json"), vector!("prc/derivedRevealDocument.json")),
        (vector!("employ/addSignedSDBase.json"), vector!("employ/derivedRevealDocument.json")),
    ];

    pub(crate) fn with_rdfc<T>(f: impl FnOnce(&dyn Canonicalize) -> T) -> T {
        let policy = crate::Policy::at(chrono::DateTime::UNIX_EPOCH)
            .with_context("https://w3id.org/citizenship/v4rc1", CITIZENSHIP);
        crate::ld::with_rdfc(&policy, f)
    }

    /// The issuer's key: the did:key of the verification method (multikey P-256, compressed).
    fn issuer_key(document: &str) -> Vec<u8> {
        let doc: Value = serde_json::from_str(document).unwrap();
        let vm = doc["proof"]["verificationMethod"].as_str().unwrap();
        let multibase = vm.split('#').nth(1).unwrap();
        let key = bs58::decode(&multibase[1..]).into_vec().unwrap();
        assert_eq!(&key[..2], &[0x80, 0x24]);
        key[2..].to_vec()
    }

    fn verify(document: &str, key: &[u8]) -> Result<VerifiedProof, Error> {
        with_rdfc(|rdfc| {
            verify_ecdsa_sd("proof", split_proof("proof", document, 0, "proofValue")?, key, rdfc)
        })
    }

    /// `document` with its proof value's CBOR array edited by `edit`.
    fn edit_proof_value(document: &str, edit: impl FnOnce(&mut Vec<Cbor>)) -> String {
        let mut doc: Value = serde_json::from_str(document).unwrap();
        let pv = doc["proof"]["proofValue"].as_str().unwrap().to_owned();
        let (header, mut items) = decode_proof_value("proof", &pv).unwrap();
        edit(&mut items);
        doc["proof"]["proofValue"] = Value::String(encode(&header, &Cbor::Array(items), &[]));
        doc.to_string()
    }

    fn encode(header: &[u8], value: &Cbor, trailing: &[u8]) -> String {
        let mut bytes = header.to_vec();
        ciborium::ser::into_writer(value, &mut bytes).unwrap();
        bytes.extend_from_slice(trailing);
        format!("u{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }

    #[test]
    fn w3c_base_and_derived_proofs_verify() {
        for (base, derived) in CASES {
            let key = issuer_key(base);
            let v = verify(base, &key).unwrap();
            assert!(!v.selective);
            assert!(v.verification_method.starts_with("did:key:zDnae"));
            assert!(!v.options.statements().is_empty());
            let v = verify(derived, &key).unwrap();
            assert!(v.selective);
            // The revealed statements only: the birth country is disclosed, the name is not.
            let values: Vec<&str> = v
                .document
                .statements()
                .iter()
                .filter_map(|s| match &s.object {
                    crate::ld::dataset::Object::Literal { value, .. } => Some(value.as_str()),
                    _ => None,
                })
                .collect();
            assert!(!values.contains(&"SMITH"), "{values:?}");
            // An uncompressed issuer key works as well.
            let point = p256::PublicKey::from_sec1_bytes(&key).unwrap();
            let long = p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&point, false);
            verify(derived, long.as_bytes()).unwrap();
        }
    }

    #[test]
    fn another_issuer_key_is_refused() {
        let (base, derived) = CASES[0];
        // The key material's other key (the ephemeral one of the vectors).
        let other = bs58::decode("DnaeTHfhmSaQKBc7CmdL3K7oYg3D6SC7yowe2eBeVd2DH32r")
            .into_vec()
            .unwrap()[2..]
            .to_vec();
        for doc in [base, derived] {
            assert_eq!(verify(doc, &other).unwrap_err().code(), "proof.invalid");
        }
        assert_eq!(verify(derived, &[4u8; 10]).unwrap_err().code(), "key.invalid");
    }

    #[test]
    fn tampered_derived_proofs_are_refused() {
        for (base, derived) in CASES {
            let key = issuer_key(base);
            let doc: Value = serde_json::from_str(derived).unwrap();
            // A disclosed value changed.
            let mut t = doc.clone();
            let subject = t["credentialSubject"].as_object_mut().unwrap();
            let (name, _) = subject.iter().find(|(k, v)| *k != "type" && v.is_string()).unwrap();
            let name = name.clone();
            subject.insert(name, Value::String("Atlantis".into()));
            assert_eq!(verify(&t.to_string(), &key).unwrap_err().code(), "proof.invalid");
            // An extra statement added (a signed value the holder withheld, put back unsigned).
            let mut t = doc.clone();
            t["credentialSubject"]["givenName"] = Value::String("JANE".into());
            assert_eq!(verify(&t.to_string(), &key).unwrap_err().code(), "proof.invalid");
            // Two statement signatures swapped.
            let t = edit_proof_value(derived, |items| {
                let Cbor::Array(sigs) = &mut items[2] else { panic!() };
                sigs.swap(0, 1);
            });
            assert_eq!(verify(&t, &key).unwrap_err().code(), "proof.invalid");
            // A statement signature dropped.
            let t = edit_proof_value(derived, |items| {
                let Cbor::Array(sigs) = &mut items[2] else { panic!() };
                sigs.pop();
            });
            assert_eq!(verify(&t, &key).unwrap_err().code(), "proof.invalid");
            // A label map entry changed (another 32-byte label).
            let t = edit_proof_value(derived, |items| {
                let Cbor::Map(entries) = &mut items[3] else { panic!() };
                entries[0].1 = Cbor::Bytes(vec![7; 32]);
            });
            assert_eq!(verify(&t, &key).unwrap_err().code(), "proof.invalid");
            // Two label map entries swapped between blank nodes.
            let t = edit_proof_value(derived, |items| {
                let Cbor::Map(entries) = &mut items[3] else { panic!() };
                let first = entries[0].1.clone();
                entries[0].1 = entries[1].1.clone();
                entries[1].1 = first;
            });
            assert_eq!(verify(&t, &key).unwrap_err().code(), "proof.invalid");
            // A mandatory index dropped: that statement is then checked as a non-mandatory one.
            let t = edit_proof_value(derived, |items| {
                let Cbor::Array(indexes) = &mut items[4] else { panic!() };
                indexes.remove(1);
            });
            assert_eq!(verify(&t, &key).unwrap_err().code(), "proof.invalid");
            // The base signature of another document.
            let t = edit_proof_value(derived, |items| {
                let Cbor::Bytes(sig) = &mut items[0] else { panic!() };
                sig[10] ^= 1;
            });
            assert_eq!(verify(&t, &key).unwrap_err().code(), "proof.invalid");
        }
    }

    #[test]
    fn tampered_base_proofs_are_refused() {
        let (base, _) = CASES[0];
        let key = issuer_key(base);
        let mut t: Value = serde_json::from_str(base).unwrap();
        t["credentialSubject"]["familyName"] = Value::String("SMYTHE".into());
        assert_eq!(verify(&t.to_string(), &key).unwrap_err().code(), "proof.invalid");
        // A mandatory pointer dropped: the issuer's statement moves to the signed-one-by-one
        // group, and the mandatory hash changes.
        let t = edit_proof_value(base, |items| {
            items[4] = Cbor::Array(vec![]);
        });
        assert_eq!(verify(&t, &key).unwrap_err().code(), "proof.invalid");
        // Another HMAC key: other labels, other statements.
        let t = edit_proof_value(base, |items| {
            items[2] = Cbor::Bytes(vec![9; 32]);
        });
        assert_eq!(verify(&t, &key).unwrap_err().code(), "proof.invalid");
        // A pointer to nothing.
        let t = edit_proof_value(base, |items| {
            items[4] = Cbor::Array(vec![Cbor::Text("/nowhere".into())]);
        });
        assert_eq!(verify(&t, &key).unwrap_err().code(), "field.invalid");
    }

    #[test]
    fn malformed_proof_values_are_refused() {
        let (base, derived) = CASES[0];
        let key = issuer_key(base);
        let field_invalid = |doc: &str| {
            let e = verify(doc, &key).unwrap_err();
            assert_eq!(e.code(), "field.invalid", "{e}");
            assert!(e.to_string().contains("proof.proofValue"), "{e}");
        };
        let set_value = |doc: &str, pv: String| {
            let mut d: Value = serde_json::from_str(doc).unwrap();
            d["proof"]["proofValue"] = Value::String(pv);
            d.to_string()
        };
        let pv = |doc: &str| -> (Vec<u8>, Vec<Cbor>) {
            let d: Value = serde_json::from_str(doc).unwrap();
            let (h, items) =
                decode_proof_value("proof", d["proof"]["proofValue"].as_str().unwrap()).unwrap();
            (h.to_vec(), items)
        };
        let (header, items) = pv(derived);
        // Trailing bytes.
        field_invalid(&set_value(derived, encode(&header, &Cbor::Array(items.clone()), &[0])));
        // The wrong tag: a derived proof's array under the base header, and a bbs-2023 header.
        field_invalid(&set_value(
            derived,
            encode(&[0xd9, 0x5d, 0x00], &Cbor::Array(items.clone()), &[]),
        ));
        field_invalid(&set_value(
            derived,
            encode(&[0xd9, 0x5d, 0x03], &Cbor::Array(items.clone()), &[]),
        ));
        // Not multibase base64url, padded.
        field_invalid(&set_value(derived, "z123".into()));
        field_invalid(&set_value(
            derived,
            format!("{}=", encode(&header, &Cbor::Array(items.clone()), &[])),
        ));
        // The wrong number of elements.
        field_invalid(&edit_proof_value(derived, |items| items.truncate(4)));
        field_invalid(&edit_proof_value(derived, |items| items.push(Cbor::Null)));
        // A label that is not 32 bytes; a key that is not an integer (c14nN); a repeated key.
        field_invalid(&edit_proof_value(derived, |items| {
            let Cbor::Map(entries) = &mut items[3] else { panic!() };
            entries[0].1 = Cbor::Bytes(vec![7; 31]);
        }));
        field_invalid(&edit_proof_value(derived, |items| {
            let Cbor::Map(entries) = &mut items[3] else { panic!() };
            entries[0].0 = Cbor::Text("c14n0".into());
        }));
        field_invalid(&edit_proof_value(derived, |items| {
            let Cbor::Map(entries) = &mut items[3] else { panic!() };
            entries[1].0 = entries[0].0.clone();
        }));
        // A label map entry added for a blank node the document does not have: well formed,
        // but not the document's (the proof fails).
        let t = edit_proof_value(derived, |items| {
            let Cbor::Map(entries) = &mut items[3] else { panic!() };
            entries.push((Cbor::Integer(9.into()), Cbor::Bytes(vec![1; 32])));
        });
        assert_eq!(verify(&t, &key).unwrap_err().code(), "proof.invalid");
        // Mandatory indexes unsorted or repeated (malformed), or past the statements (not the
        // document's).
        for (bad, code) in [
            (vec![4u8, 0], "field.invalid"),
            (vec![0, 0], "field.invalid"),
            (vec![0, 200], "proof.invalid"),
        ] {
            let t = edit_proof_value(derived, |items| {
                items[4] = Cbor::Array(bad.iter().map(|i| Cbor::Integer((*i).into())).collect());
            });
            assert_eq!(verify(&t, &key).unwrap_err().code(), code, "{bad:?}");
        }
        // A signature that is not 64 bytes; an ephemeral key that is not a multikey P-256 key.
        field_invalid(&edit_proof_value(derived, |items| {
            let Cbor::Array(sigs) = &mut items[2] else { panic!() };
            sigs[0] = Cbor::Bytes(vec![0; 63]);
        }));
        field_invalid(&edit_proof_value(derived, |items| {
            items[1] = Cbor::Bytes(vec![0; 35]);
        }));
        // A base proof whose HMAC key is not 32 bytes.
        field_invalid(&edit_proof_value(base, |items| items[2] = Cbor::Bytes(vec![0; 31])));
        let _ = HashMap::<(), ()>::new();
    }

    fn strings(json: &str) -> Vec<String> {
        serde_json::from_str(json).unwrap()
    }

    fn hex_list(v: &Value) -> Vec<Vec<u8>> {
        v.as_array().unwrap().iter().map(|h| hex::decode(h.as_str().unwrap()).unwrap()).collect()
    }

    /// Every intermediate the W3C vectors state, byte for byte, for both cases.
    #[test]
    fn w3c_intermediates() {
        use crate::ld::sd::*;
        let cases = [
            (
                vector!("prc/addSignedSDBase.json"),
                vector!("prc/derivedRevealDocument.json"),
                vector!("prc/addBaseDocCanon.json"),
                vector!("prc/addBaseDocHMACCanon.json"),
                vector!("prc/addHashData.json"),
                vector!("prc/addProofConfigCanon.txt"),
                vector!("prc/addRawBaseSignatureInfo.json"),
                vector!("prc/verifyDerivedProofValue.json"),
                vector!("prc/verifyNQuads.json"),
                vector!("prc/verifyCreateVerifyData.json"),
                vector!("prc/addPointerValues.json"),
            ),
            (
                vector!("employ/addSignedSDBase.json"),
                vector!("employ/derivedRevealDocument.json"),
                vector!("employ/addBaseDocCanon.json"),
                vector!("employ/addBaseDocHMACCanon.json"),
                vector!("employ/addHashData.json"),
                vector!("employ/addProofConfigCanon.txt"),
                vector!("employ/addRawBaseSignatureInfo.json"),
                vector!("employ/verifyDerivedProofValue.json"),
                vector!("employ/verifyNQuads.json"),
                vector!("employ/verifyCreateVerifyData.json"),
                vector!("employ/addPointerValues.json"),
            ),
        ];
        let hmac_key =
            hex::decode("00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF")
                .unwrap();
        for (
            base,
            derived,
            canon,
            hmac_canon,
            hashes,
            proof_canon,
            raw,
            derived_value,
            verify_nquads,
            verify_data,
            pointer_values,
        ) in cases
        {
            let hashes: Value = serde_json::from_str(hashes).unwrap();
            let raw: Value = serde_json::from_str(raw).unwrap();
            let mut doc: Value = serde_json::from_str(base).unwrap();
            let proof = doc.as_object_mut().unwrap().remove("proof").unwrap();
            let mut options = proof.as_object().unwrap().clone();
            let pv = options.remove("proofValue").unwrap();
            with_rdfc(|rdfc| {
                // The canonical document and proof configuration, and the proof hash.
                assert_eq!(rdfc.canonical("d", &doc).unwrap().nquads, strings(canon).concat());
                let mut config = options.clone();
                config.insert("@context".into(), doc["@context"].clone());
                assert_eq!(
                    rdfc.canonical("o", &Value::Object(config)).unwrap().nquads,
                    proof_canon
                );
                let (hash, _) = proof_hash("p", rdfc, &options, doc.as_object().unwrap()).unwrap();
                assert_eq!(hex::encode(hash), hashes["proofHash"].as_str().unwrap());
                // The parsed base proof value.
                let EcdsaProofValue::Base(parsed) = parse_ecdsa("p", pv.as_str().unwrap()).unwrap()
                else {
                    panic!("not a base proof value")
                };
                assert_eq!(
                    hex::encode(&parsed.base_signature),
                    raw["baseSignature"].as_str().unwrap()
                );
                let public = raw["publicKey"].as_str().unwrap();
                assert_eq!(bs58::decode(&public[1..]).into_vec().unwrap(), parsed.public_key);
                assert_eq!(parsed.hmac_key, hmac_key);
                assert_eq!(parsed.signatures, hex_list(&raw["signatures"]));
                assert_eq!(
                    serde_json::to_value(&parsed.mandatory_pointers).unwrap(),
                    raw["mandatoryPointers"]
                );
                // The mandatory pointers' selection is the published one.
                let pointers_doc: Value = serde_json::from_str(pointer_values).unwrap();
                for entry in pointers_doc.as_array().unwrap() {
                    let pointer = entry["pointer"].as_str().unwrap().to_owned();
                    let selected =
                        select_json_ld("p", std::slice::from_ref(&pointer), &doc).unwrap().unwrap();
                    let mut at = &selected;
                    for token in json_pointer_tokens("p", &pointer).unwrap() {
                        at = &at[token.as_str()];
                    }
                    assert_eq!(at, &entry["value"]);
                }
                // HMAC'd labels, sorted; the groups and the mandatory hash.
                let grouped = canonicalize_and_group(
                    "d",
                    rdfc,
                    &doc,
                    &|issued| hmac_label_map(&hmac_key, issued),
                    &parsed.mandatory_pointers,
                )
                .unwrap();
                assert_eq!(grouped.nquads, strings(hmac_canon));
                let mandatory: Vec<&String> =
                    grouped.matching.iter().map(|i| &grouped.nquads[*i]).collect();
                assert_eq!(
                    hex::encode(hash_mandatory(mandatory)),
                    hashes["mandatoryHash"].as_str().unwrap()
                );
                assert_eq!(grouped.non_matching.len(), parsed.signatures.len());

                // The derived proof: its parsed value, the relabelled N-Quads, the groups.
                let derived_value: Value = serde_json::from_str(derived_value).unwrap();
                let verify_data: Value = serde_json::from_str(verify_data).unwrap();
                let mut reveal: Value = serde_json::from_str(derived).unwrap();
                let proof = reveal.as_object_mut().unwrap().remove("proof").unwrap();
                let EcdsaProofValue::Derived(parsed) =
                    parse_ecdsa("p", proof["proofValue"].as_str().unwrap()).unwrap()
                else {
                    panic!("not a derived proof value")
                };
                assert_eq!(
                    hex::encode(&parsed.base_signature),
                    derived_value["baseSignature"].as_str().unwrap()
                );
                assert_eq!(parsed.signatures, hex_list(&derived_value["signatures"]));
                let labels: HashMap<String, String> = derived_value["labelMap"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|pair| {
                        (pair[0].as_str().unwrap().into(), pair[1].as_str().unwrap().into())
                    })
                    .collect();
                assert_eq!(parsed.label_map, labels);
                assert_eq!(
                    serde_json::to_value(&parsed.mandatory_indexes).unwrap(),
                    derived_value["mandatoryIndexes"]
                );
                let (nquads, _) = label_replacement_canonicalize(
                    "p",
                    ECDSA_SD_2023,
                    rdfc,
                    &reveal,
                    &parsed.label_map,
                )
                .unwrap();
                assert_eq!(nquads, strings(verify_nquads));
                let (mandatory, non_mandatory) =
                    split_by_indexes(&nquads, &parsed.mandatory_indexes);
                assert_eq!(
                    serde_json::to_value(&non_mandatory).unwrap(),
                    verify_data["nonMandatory"]
                );
                assert_eq!(
                    hex::encode(hash_mandatory(&mandatory)),
                    verify_data["mandatoryHash"].as_str().unwrap()
                );
            });
        }
    }

    #[test]
    fn statement_signatures_are_charged_before_any_is_verified() {
        let (base, derived) = CASES[0];
        let key = issuer_key(base);
        // More signatures than the default budget pays for (60 units each of 500 000).
        let t = edit_proof_value(derived, |items| {
            items[2] = Cbor::Array(vec![Cbor::Bytes(vec![1; 64]); 9_000]);
        });
        let e = verify(&t, &key).unwrap_err();
        assert_eq!(e.code(), "limit.work", "{e}");
        assert!(e.to_string().contains("ECDSA"), "{e}");
    }
}
