//! What the BBS core must verify for a `bbs-2023` proof (W3C vc-di-bbs section 3.3-3.4), from
//! the document and its proof: the header (`proofHash || mandatoryHash`) and the messages (the
//! non-mandatory N-Quads, labelled by the shuffled HMAC labels) of a base proof, and the proof,
//! header, presentation header and disclosed messages with their indexes of a derived proof.
//! The pairing arithmetic is not here; the shared machinery is [`crate::ld::sd`].

use serde_json::Value;

use crate::error::Error;
use crate::ld::dataset::Dataset;
use crate::ld::proof::{Canonicalize, SplitProof};
use crate::ld::sd::{
    canonicalize_and_group, derived_statements, expect_cryptosuite, hash_mandatory, parse_bbs,
    proof_hash, shuffled_label_map, BbsProofValue, BBS_2023,
};

/// A base proof's BBS signature and what it signs (vc-di-bbs sections 3.3.2 and 3.4.2-3.4.5): what a
/// holder verifies before deriving.
#[derive(Debug)]
pub(crate) struct BbsBaseInput {
    /// The BBS signature (80 bytes).
    pub signature: Vec<u8>,
    /// The issuer's BBS public key as the proof value carries it (96 bytes): the caller checks
    /// it is the issuer's.
    pub public_key: Vec<u8>,
    /// `proofHash || mandatoryHash`, recomputed from the document (and equal to the proof
    /// value's `bbsHeader`).
    pub header: Vec<u8>,
    /// The non-mandatory N-Quads in canonical order, UTF-8.
    pub messages: Vec<Vec<u8>>,
    /// The statements the proof signs.
    pub document: Dataset,
    /// The statements of the proof options.
    pub options: Dataset,
}

/// A derived proof and what its BBS proof must verify against (vc-di-bbs sections 3.3.8 and 3.4.7,
/// createVerifyData then ProofVerify).
#[derive(Debug)]
pub(crate) struct BbsDerivedInput {
    /// The BBS proof.
    pub proof: Vec<u8>,
    /// `proofHash || mandatoryHash`.
    pub header: Vec<u8>,
    /// The presentation header.
    pub presentation_header: Vec<u8>,
    /// Each disclosed message (a non-mandatory N-Quad, UTF-8) with its index among the
    /// messages the issuer signed (the proof's `selectiveIndexes`).
    pub disclosed: Vec<(usize, Vec<u8>)>,
    /// The revealed statements.
    pub document: Dataset,
    /// The statements of the proof options.
    pub options: Dataset,
}

/// What a bbs-2023 proof asks the BBS core to verify.
#[derive(Debug)]
pub(crate) enum BbsInput {
    Base(BbsBaseInput),
    Derived(BbsDerivedInput),
}

/// The BBS inputs of a bbs-2023 proof (`split`, taken out of its document once by the caller).
///
/// # Errors
/// `field.invalid` naming `proofValue` for a malformed proof value or one that does not fit
/// the document; `proof.invalid` when a base proof's header is not the document's;
/// `proof.not_checked` naming the feature for the holder-binding and pseudonym variants; the
/// canonicaliser's errors.
pub(crate) fn bbs_inputs(
    field: &str,
    split: SplitProof,
    rdfc: &dyn Canonicalize,
) -> Result<BbsInput, Error> {
    let SplitProof { unsecured, options, signature: proof_value, .. } = split;
    expect_cryptosuite(field, &options, "bbs-2023")?;
    // Parsed before any canonicalisation: a malformed or unsupported one costs nothing.
    let parsed = parse_bbs(field, &proof_value)?;
    let (proof_hash, options_dataset) = proof_hash(field, rdfc, &options, &unsecured)?;
    let unsecured = Value::Object(unsecured);
    match parsed {
        BbsProofValue::Base(base) => {
            let hmac_key = base.hmac_key;
            let grouped = canonicalize_and_group(
                field,
                rdfc,
                &unsecured,
                &|issued| shuffled_label_map(&hmac_key, issued),
                &base.mandatory_pointers,
            )?;
            let pick = |indexes: &[usize]| -> Vec<&String> {
                indexes.iter().filter_map(|i| grouped.nquads.get(*i)).collect()
            };
            let mut header = proof_hash.to_vec();
            header.extend_from_slice(&hash_mandatory(pick(&grouped.matching)));
            if header != base.bbs_header {
                return Err(Error::ProofInvalid {
                    field: field.to_owned(),
                    proof_type: BBS_2023.to_owned(),
                    reason: "the base proof's header is not the hash of this document's proof \
                             options and mandatory statements"
                        .into(),
                });
            }
            Ok(BbsInput::Base(BbsBaseInput {
                signature: base.bbs_signature,
                public_key: base.public_key,
                header,
                messages: pick(&grouped.non_matching)
                    .into_iter()
                    .map(|l| l.as_bytes().to_vec())
                    .collect(),
                document: grouped.dataset,
                options: options_dataset,
            }))
        }
        BbsProofValue::Derived(derived) => {
            let (mandatory, non_mandatory, dataset) = derived_statements(
                field,
                BBS_2023,
                rdfc,
                &unsecured,
                &derived.label_map,
                &derived.mandatory_indexes,
            )?;
            if derived.selective_indexes.len() != non_mandatory.len() {
                return Err(Error::ProofInvalid {
                    field: field.to_owned(),
                    proof_type: BBS_2023.to_owned(),
                    reason: "the selective indexes do not number the disclosed statements".into(),
                });
            }
            let mut header = proof_hash.to_vec();
            header.extend_from_slice(&hash_mandatory(&mandatory));
            Ok(BbsInput::Derived(BbsDerivedInput {
                proof: derived.bbs_proof,
                header,
                presentation_header: derived.presentation_header,
                disclosed: derived
                    .selective_indexes
                    .into_iter()
                    .zip(non_mandatory.into_iter().map(String::into_bytes))
                    .collect(),
                document: dataset,
                options: options_dataset,
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::as_conversions
    )]

    use std::collections::HashMap;

    use super::*;
    use crate::ld::proof::split_proof;
    use crate::ld::sd::{parse_bbs, BbsProofValue};

    macro_rules! vector {
        ($name:literal) => {
            include_str!(concat!("../../../test-vectors/ld/vc-di-bbs-2023/", $name))
        };
    }

    fn with_rdfc<T>(f: impl FnOnce(&dyn Canonicalize) -> T) -> T {
        let policy = crate::Policy::at(chrono::DateTime::UNIX_EPOCH);
        crate::ld::with_rdfc(&policy, f)
    }

    fn json(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    /// `{dataType: Map, value: [[index, nquad], ...]}` as the vectors write a map.
    fn map_values(v: &Value) -> Vec<(usize, String)> {
        v["value"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_u64().unwrap() as usize, p[1].as_str().unwrap().to_owned()))
            .collect()
    }

    #[test]
    fn base_proof_inputs_match_the_w3c_vectors() {
        let hashes = json(vector!("addHashData.json"));
        let transform = json(vector!("addBaseTransform.json"));
        let raw = json(vector!("addRawBaseSignatureInfo.json"));
        let keys = json(vector!("BBSKeyMaterial.json"));
        let BbsInput::Base(input) = with_rdfc(|rdfc| {
            bbs_inputs(
                "proof",
                split_proof("proof", vector!("addSignedSDBase.json"), 0, "proofValue")?,
                rdfc,
            )
        })
        .unwrap() else {
            panic!("not a base proof")
        };
        let expected_header = format!(
            "{}{}",
            hashes["proofHash"].as_str().unwrap(),
            hashes["mandatoryHash"].as_str().unwrap()
        );
        assert_eq!(hex::encode(&input.header), expected_header);
        assert_eq!(hex::encode(&input.signature), raw["bbsSignature"].as_str().unwrap());
        assert_eq!(hex::encode(&input.public_key), keys["publicKeyHex"].as_str().unwrap());
        let messages: Vec<Vec<u8>> = map_values(&transform["nonMandatory"])
            .into_iter()
            .map(|(_, l)| l.into_bytes())
            .collect();
        assert_eq!(input.messages, messages);

        // The shuffled labels: the whole document relabelled, and the mandatory group.
        let mut doc = json(vector!("addSignedSDBase.json"));
        doc.as_object_mut().unwrap().remove("proof");
        let hmac_key = hex::decode(keys["hmacKeyString"].as_str().unwrap()).unwrap();
        let pointers: Vec<String> =
            serde_json::from_value(raw["mandatoryPointers"].clone()).unwrap();
        let grouped = with_rdfc(|rdfc| {
            crate::ld::sd::canonicalize_and_group(
                "d",
                rdfc,
                &doc,
                &|issued| shuffled_label_map(&hmac_key, issued),
                &pointers,
            )
        })
        .unwrap();
        let hmac_canon: Vec<String> =
            serde_json::from_str(vector!("addBaseDocHMACCanon.json")).unwrap();
        assert_eq!(grouped.nquads, hmac_canon);
        let mandatory: Vec<(usize, String)> =
            grouped.matching.iter().map(|i| (*i, grouped.nquads[*i].clone())).collect();
        assert_eq!(mandatory, map_values(&transform["mandatory"]));
        let group_indexes = json(vector!("derivedGroupIndexes.json"));
        assert_eq!(
            serde_json::to_value(&grouped.matching).unwrap(),
            group_indexes["mandatoryIndexes"]
        );
        assert_eq!(
            serde_json::to_value(&grouped.non_matching).unwrap(),
            group_indexes["nonMandatoryIndexes"]
        );
    }

    #[test]
    fn derived_proof_inputs_match_the_w3c_vectors() {
        let hashes = json(vector!("addHashData.json"));
        let disclosure = json(vector!("derivedDisclosureData.json"));
        let BbsInput::Derived(input) = with_rdfc(|rdfc| {
            bbs_inputs(
                "proof",
                split_proof("proof", vector!("derivedRevealDocument.json"), 0, "proofValue")?,
                rdfc,
            )
        })
        .unwrap() else {
            panic!("not a derived proof")
        };
        assert_eq!(hex::encode(&input.proof), disclosure["bbsProof"].as_str().unwrap());
        // The same proof options and mandatory statements as the base proof: the same header.
        let expected_header = format!(
            "{}{}",
            hashes["proofHash"].as_str().unwrap(),
            hashes["mandatoryHash"].as_str().unwrap()
        );
        assert_eq!(hex::encode(&input.header), expected_header);
        let ph: Vec<u8> = (0..4)
            .map(|i| disclosure["presentationHeader"][i.to_string()].as_u64().unwrap() as u8)
            .collect();
        assert_eq!(input.presentation_header, ph);
        let indexes: Vec<usize> = input.disclosed.iter().map(|(i, _)| *i).collect();
        assert_eq!(serde_json::to_value(&indexes).unwrap(), disclosure["adjSelectiveIndexes"]);
        // Each disclosed message is the base proof's message at its index.
        let transform = json(vector!("addBaseTransform.json"));
        let messages: Vec<String> =
            map_values(&transform["nonMandatory"]).into_iter().map(|(_, l)| l).collect();
        for (index, message) in &input.disclosed {
            assert_eq!(messages[*index].as_bytes(), message.as_slice());
        }
        // The parsed label map and mandatory indexes.
        let mut reveal = json(vector!("derivedRevealDocument.json"));
        let pv = reveal["proof"]["proofValue"].as_str().unwrap().to_owned();
        let BbsProofValue::Derived(parsed) = parse_bbs("proof", &pv).unwrap() else { panic!() };
        let labels: HashMap<String, String> = disclosure["labelMap"]["value"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_owned(), p[1].as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(parsed.label_map, labels);
        assert_eq!(
            serde_json::to_value(&parsed.mandatory_indexes).unwrap(),
            disclosure["mandatoryIndexes"]
        );

        // A disclosed value changed: the message changes (the BBS proof then fails), and the
        // base proof's message at its index no longer matches.
        reveal["credentialSubject"]["sailNumber"] = Value::String("Mars101".into());
        let BbsInput::Derived(tampered) = with_rdfc(|rdfc| {
            bbs_inputs("proof", split_proof("proof", &reveal.to_string(), 0, "proofValue")?, rdfc)
        })
        .unwrap() else {
            panic!()
        };
        assert_ne!(tampered.header, input.header);
    }

    #[test]
    fn feature_variants_are_not_checked_and_base_headers_are_checked() {
        for doc in [
            vector!("HolderBinding/addSignedSDBase.json"),
            vector!("HolderBinding/derivedRevealDocument.json"),
            vector!("Pseudonym/addSignedSDBase.json"),
            vector!("Pseudonym/derivedRevealDocument.json"),
            vector!("PseudonymHB/addSignedSDBase.json"),
            vector!("PseudonymHB/derivedRevealDocument.json"),
        ] {
            let e = with_rdfc(|rdfc| {
                bbs_inputs("proof", split_proof("proof", doc, 0, "proofValue")?, rdfc)
            })
            .unwrap_err();
            assert_eq!(e.code(), "proof.not_checked", "{e}");
            let text = e.to_string();
            assert!(text.contains("holder_binding") || text.contains("pseudonym"), "{text}");
        }
        // A base proof over a changed mandatory statement: its header no longer fits.
        let mut doc = json(vector!("addSignedSDBase.json"));
        doc["credentialSubject"]["sailNumber"] = Value::String("Mars101".into());
        let e = with_rdfc(|rdfc| {
            bbs_inputs("proof", split_proof("proof", &doc.to_string(), 0, "proofValue")?, rdfc)
        })
        .unwrap_err();
        assert_eq!(e.code(), "proof.invalid");
    }
}
