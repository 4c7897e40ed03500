//! Data Integrity proofs with Ed25519 (W3C VC Data Integrity EdDSA Cryptosuites v1.0):
//! `eddsa-jcs-2022` (JCS, RFC 8785), `eddsa-rdfc-2022` and `Ed25519Signature2020` (RDF Dataset
//! Canonicalization). Both hash the canonical proof options and the canonical document with
//! SHA-256 and verify one Ed25519 signature over the two hashes (sections 3.2.4-3.2.6 and
//! 3.3.4-3.3.6 of the suite specification).

use serde_json::{Map, Value};

use crate::did::{DidDocuments, PublicKey};
use crate::error::Error;
use crate::ld::dataset::Dataset;

/// A suite this module verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EddsaSuite {
    Jcs2022,
    Rdfc2022,
    Ed25519Signature2020,
}

impl EddsaSuite {
    pub(crate) fn name(self) -> &'static str {
        match self {
            EddsaSuite::Jcs2022 => "DataIntegrityProof/eddsa-jcs-2022",
            EddsaSuite::Rdfc2022 => "DataIntegrityProof/eddsa-rdfc-2022",
            EddsaSuite::Ed25519Signature2020 => "Ed25519Signature2020",
        }
    }
}

/// Turns a JSON-LD document into canonical N-Quads (RDFC-1.0), offline.
pub(crate) trait Canonicalize {
    /// The canonical N-Quads and the canonically labelled dataset.
    ///
    /// # Errors
    /// `context.unavailable` for an unknown context (could not check), `field.invalid` for a
    /// document that is not valid JSON-LD.
    fn canonical(&self, field: &str, document: &Value) -> Result<Canonical, Error>;

    /// The dataset only, with blank node labels of the processor's choosing: what a document
    /// signed as JSON (eddsa-jcs-2022) states.
    ///
    /// # Errors
    /// As [`Canonicalize::canonical`].
    fn dataset(&self, field: &str, document: &Value) -> Result<Dataset, Error>;

    /// Takes `units` of the verification's work budget for `step` (README, "Bounded work"), or
    /// refuses it.
    ///
    /// # Errors
    /// `limit.work`.
    #[cfg_attr(not(feature = "bbs"), allow(dead_code))]
    fn charge(&self, field: &str, step: &'static str, units: u64) -> Result<(), Error>;
}

/// A document's canonical form (RDFC-1.0 section 4.4) and the dataset it serialises.
pub(crate) struct Canonical {
    pub nquads: String,
    pub dataset: Dataset,
}

/// A secured document taken apart for one of its proofs (VC Data Integrity section 4.1: every
/// proof of a set signs the document without any `proof`).
pub(crate) struct SplitProof {
    /// The document without `proof`.
    pub unsecured: Map<String, Value>,
    /// The proof without its signature member: the proof options.
    pub options: Map<String, Value>,
    /// The signature member removed from the proof (`proofValue`, `jws`).
    pub signature: String,
    /// `proofPurpose`.
    pub purpose: String,
    /// `verificationMethod`.
    pub verification_method: String,
}

/// Takes proof `index` out of `document` and its `signature_member` out of the proof.
///
/// # Errors
/// `field.missing` / `field.invalid` for an absent or mistyped proof or member.
pub(crate) fn split_proof(
    field: &str,
    document: &str,
    index: usize,
    signature_member: &str,
) -> Result<SplitProof, Error> {
    let mut unsecured: Map<String, Value> =
        serde_json::from_str(document).map_err(|e| Error::invalid(field, e.to_string()))?;
    let proof = match unsecured.remove("proof") {
        Some(Value::Array(mut all)) if index < all.len() => all.swap_remove(index),
        Some(one @ Value::Object(_)) if index == 0 => one,
        _ => return Err(Error::missing(field)),
    };
    let Value::Object(mut options) = proof else {
        return Err(Error::invalid(field, "a proof is an object"));
    };
    let signature = take_string(&mut options, field, signature_member)?;
    let member = |options: &Map<String, Value>, name: &str| {
        options
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| Error::missing(format!("{field}.{name}")))
    };
    let purpose = member(&options, "proofPurpose")?;
    let verification_method = member(&options, "verificationMethod")?;
    Ok(SplitProof { unsecured, options, signature, purpose, verification_method })
}

/// Removes string member `name` from a proof.
///
/// # Errors
/// `field.missing` when absent, `field.invalid` when not a string.
pub(crate) fn take_string(
    options: &mut Map<String, Value>,
    field: &str,
    name: &str,
) -> Result<String, Error> {
    match options.remove(name) {
        Some(Value::String(v)) => Ok(v),
        Some(_) => Err(Error::invalid(format!("{field}.{name}"), "not a string")),
        None => Err(Error::missing(format!("{field}.{name}"))),
    }
}

/// The data an Ed25519 or JWS 2020 proof signs: SHA-256 of the canonical proof options, then of
/// the canonical document (suite sections "Hashing").
fn hash_data(proof_canonical: &str, document_canonical: &str) -> Vec<u8> {
    let mut hash = Vec::with_capacity(64);
    hash.extend_from_slice(
        ring::digest::digest(&ring::digest::SHA256, proof_canonical.as_bytes()).as_ref(),
    );
    hash.extend_from_slice(
        ring::digest::digest(&ring::digest::SHA256, document_canonical.as_bytes()).as_ref(),
    );
    hash
}

/// The "could not check" of an RDF suite in a build without the `ld` feature.
pub(crate) fn no_canonicaliser(field: &str, suite: &str) -> Error {
    Error::ProofNotChecked {
        field: field.to_owned(),
        proof_type: suite.to_owned(),
        reason: "this build has no JSON-LD canonicalisation (the `ld` feature is off)".into(),
    }
}

/// Verifies a `JsonWebSignature2020` proof (W3C CCG Linked Data Proof JSON Web Signature 2020,
/// section 4.2): the same canonical hashes as `Ed25519Signature2020`, signed as a detached JWS
/// with an unencoded payload (`b64: false`, RFC 7797) whose algorithm is the verifier's to allow
/// and must fit the method's `publicKeyJwk`, judged at `at` (a JWK's `nbf`/`exp` window, as for
/// [`crate::KeySet`]).
///
/// # Errors
/// As [`verify_eddsa`], plus the JWS errors (`jws.*`, `key.*`, `signature.invalid`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn verify_jws2020(
    field: &str,
    document: &str,
    index: usize,
    dids: &DidDocuments,
    allowed: &[crate::Algorithm],
    at: chrono::DateTime<chrono::Utc>,
    limits: &crate::Limits,
    rdfc: Option<&dyn Canonicalize>,
) -> Result<VerifiedProof, Error> {
    const SUITE: &str = "JsonWebSignature2020";
    let rdfc = rdfc.ok_or_else(|| no_canonicaliser(field, SUITE))?;
    let SplitProof { unsecured, mut options, signature: jws, purpose, verification_method: vm } =
        split_proof(field, document, index, "jws")?;
    if let Some(context) = unsecured.get("@context") {
        options.insert("@context".into(), context.clone());
    }
    let options = rdfc.canonical(&format!("{field}(options)"), &Value::Object(options))?;
    let document = rdfc.canonical(field, &Value::Object(unsecured))?;
    let hash_data = hash_data(&options.nquads, &document.nquads);

    let resolved = dids.resolve(&format!("{field}.verificationMethod"), &vm, &purpose)?;
    let PublicKey::Jwk(jwk) = resolved.key.clone() else {
        return Err(Error::KeyAlgMismatch {
            field: field.to_owned(),
            alg: SUITE.to_owned(),
            kid: vm,
            reason: "JsonWebSignature2020 needs a publicKeyJwk".into(),
        });
    };
    let jws_field = format!("{field}.jws");
    let token = crate::jose::jws::UnverifiedJws::decode(&jws_field, &jws, limits)?;
    // The payload is detached and unencoded (suite section 4.2): the JWS must say so.
    if !token.is_detached() || token.header()?.b64 != Some(false) {
        return Err(Error::JwsB64Unsupported {
            field: jws_field,
            reason: "JsonWebSignature2020 signs a detached payload with b64 false".into(),
        });
    }
    let token = token.with_detached_payload(&jws_field, &hash_data)?;
    token.verify_signatures(&jws_field, &crate::KeySet::single(*jwk), allowed, at)?;
    Ok(VerifiedProof {
        verification_method: resolved.id,
        controller: resolved.controller,
        document: document.dataset,
        options: options.dataset,
        selective: false,
    })
}

/// What a verified proof was checked with, and what it vouches for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VerifiedProof {
    pub verification_method: String,
    pub controller: String,
    /// The statements of the document the proof signs (for a derived proof, the revealed ones):
    /// the only source of the claims and of every value a check reads.
    pub document: Dataset,
    /// The statements of the proof options (`created`, ...), signed with the document.
    pub options: Dataset,
    /// Whether the proof discloses a selection of what the issuer signed (a derived BBS+ proof):
    /// what it withholds cannot be checked.
    pub selective: bool,
}

/// Verifies proof `index` of `document` (the whole secured document, JSON text through the
/// structure pass) under `suite`.
///
/// # Errors
/// `proof.invalid` when the signature does not verify, `proof.purpose`, `field.*` for proof
/// members of the wrong shape, the key resolution errors of [`DidDocuments`], and the
/// canonicaliser's errors.
pub(crate) fn verify_eddsa(
    field: &str,
    document: &str,
    index: usize,
    suite: EddsaSuite,
    dids: &DidDocuments,
    rdfc: Option<&dyn Canonicalize>,
) -> Result<VerifiedProof, Error> {
    let invalid = |reason: &str| Error::ProofInvalid {
        field: field.to_owned(),
        proof_type: suite.name().to_owned(),
        reason: reason.to_owned(),
    };
    let SplitProof {
        mut unsecured,
        mut options,
        signature: proof_value,
        purpose,
        verification_method: vm,
    } = split_proof(field, document, index, "proofValue")?;

    // The RDF suites' datasets come with their canonical forms; a JCS-signed document's are
    // read from the JSON once its signature verified (below), not for a proof that fails.
    let (proof_canonical, document_canonical, datasets) = match suite {
        EddsaSuite::Jcs2022 => {
            // eddsa-jcs-2022 section 3.3.2: proof options with an `@context` must be a prefix of
            // the document's, which is then replaced by it.
            if let Some(context) = options.get("@context") {
                let as_list = |v: &Value| match v {
                    Value::Array(a) => a.clone(),
                    other => vec![other.clone()],
                };
                let doc_context = unsecured.get("@context").map(as_list).unwrap_or_default();
                let proof_context = as_list(context);
                if !doc_context.starts_with(&proof_context) {
                    return Err(invalid("the proof's @context is not a prefix of the document's"));
                }
                unsecured.insert("@context".into(), context.clone());
            }
            let (options, unsecured) = (Value::Object(options), Value::Object(unsecured));
            (jcs(&options)?, jcs(&unsecured)?, Datasets::FromJson { options, unsecured })
        }
        EddsaSuite::Rdfc2022 | EddsaSuite::Ed25519Signature2020 => {
            let rdfc = rdfc.ok_or_else(|| no_canonicaliser(field, suite.name()))?;
            // Sections 3.2.5 / 3.4.5 ("Proof Configuration"): the proof options take the
            // document's `@context`.
            if let Some(context) = unsecured.get("@context") {
                options.insert("@context".into(), context.clone());
            }
            let options = rdfc.canonical(&format!("{field}(options)"), &Value::Object(options))?;
            let document = rdfc.canonical(field, &Value::Object(unsecured))?;
            (
                options.nquads,
                document.nquads,
                Datasets::Read { document: document.dataset, options: options.dataset },
            )
        }
    };
    let hash_data = hash_data(&proof_canonical, &document_canonical);

    let resolved = dids.resolve(&format!("{field}.verificationMethod"), &vm, &purpose)?;
    let key = match &resolved.key {
        PublicKey::Ed25519(k) => *k,
        PublicKey::Jwk(_) | PublicKey::Bls12381G2(_) => {
            return Err(Error::KeyAlgMismatch {
                field: field.to_owned(),
                alg: suite.name().to_owned(),
                kid: vm,
                reason: "the suite needs an Ed25519 key".into(),
            })
        }
    };
    // Multibase base58btc (`z`), 64 bytes (section 2.2.1, "proofValue").
    let signature = proof_value
        .strip_prefix('z')
        .and_then(|b| bs58::decode(b.as_bytes()).into_vec().ok())
        .filter(|s| s.len() == 64)
        .ok_or_else(|| {
            Error::invalid(
                format!("{field}.proofValue"),
                "not a base58btc multibase Ed25519 signature",
            )
        })?;
    let key = ed25519_dalek::VerifyingKey::from_bytes(&key).map_err(|_| Error::KeyInvalid {
        field: vm.clone(),
        reason: "not an Ed25519 point".into(),
    })?;
    let signature = ed25519_dalek::Signature::from_slice(&signature)
        .map_err(|_| invalid("malformed signature"))?;
    key.verify_strict(&hash_data, &signature)
        .map_err(|_| invalid("the Ed25519 signature does not verify"))?;
    let (document, options) = match datasets {
        Datasets::Read { document, options } => (document, options),
        // The JSON is signed; what it states is its dataset, read with the same contexts as the
        // RDF suites' (the proof options take the document's `@context`).
        Datasets::FromJson { mut options, unsecured } => {
            let rdfc = rdfc.ok_or_else(|| no_canonicaliser(field, suite.name()))?;
            if let (Some(context), Some(o)) = (unsecured.get("@context"), options.as_object_mut()) {
                o.entry("@context").or_insert_with(|| context.clone());
            }
            (
                rdfc.dataset(field, &unsecured)?,
                rdfc.dataset(&format!("{field}(options)"), &options)?,
            )
        }
    };
    Ok(VerifiedProof {
        verification_method: resolved.id,
        controller: resolved.controller,
        document,
        options,
        selective: false,
    })
}

/// What a verified Ed25519 proof vouches for: read while canonicalising (RDF suites), or still
/// to be read from the signed JSON (eddsa-jcs-2022).
enum Datasets {
    Read { document: Dataset, options: Dataset },
    FromJson { options: Value, unsecured: Value },
}

/// RFC 8785 canonical JSON.
fn jcs(value: &Value) -> Result<String, Error> {
    serde_json_canonicalizer::to_string(value).map_err(|e| Error::invalid("(jcs)", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No JsonWebSignature2020 vector is published beside the vc-di-eddsa ones: this signs one
    /// here (Ed25519 from a fixed seed) through the same canonical forms, then tampers with it.
    #[cfg(feature = "ld")]
    #[test]
    fn json_web_signature_2020_round_trip() {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
        use base64::Engine as _;
        use ed25519_dalek::Signer as _;
        let policy = crate::Policy::at(chrono::DateTime::UNIX_EPOCH);
        let budget = crate::budget::Budget::new(policy.limits().max_work);
        let rdfc =
            crate::ld::canonicalizer(policy.ld_contexts(), *policy.limits(), &budget).unwrap();
        let key = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
        let vm = "did:example:jws2020#key-1";
        let mut dids = DidDocuments::new();
        let vm_doc = serde_json::json!({"id": vm, "type": "JsonWebKey2020", "controller": "did:example:jws2020",
            "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": B64.encode(key.verifying_key().as_bytes())}});
        dids.add_json(vm_doc.to_string().as_bytes()).unwrap();
        let mut doc: Value = serde_json::from_str(include_str!(
            "../../test-vectors/ld/vc-di-eddsa/eddsa-rdfc-2022-signed.json"
        ))
        .unwrap();
        doc.as_object_mut().unwrap().remove("proof");
        let mut options = serde_json::json!({"type": "JsonWebSignature2020", "created": "2023-02-24T23:36:38Z",
            "verificationMethod": vm, "proofPurpose": "assertionMethod"});
        options["@context"] = doc["@context"].clone();
        let mut hash = ring::digest::digest(
            &ring::digest::SHA256,
            rdfc.canonical("o", &options).unwrap().nquads.as_bytes(),
        )
        .as_ref()
        .to_vec();
        hash.extend_from_slice(
            ring::digest::digest(
                &ring::digest::SHA256,
                rdfc.canonical("d", &doc).unwrap().nquads.as_bytes(),
            )
            .as_ref(),
        );
        let header = B64.encode(r#"{"alg":"EdDSA","b64":false,"crit":["b64"]}"#);
        let mut input = format!("{header}.").into_bytes();
        input.extend_from_slice(&hash);
        let jws = format!("{header}..{}", B64.encode(key.sign(&input).to_bytes()));
        options.as_object_mut().unwrap().remove("@context");
        options["jws"] = Value::String(jws);
        doc["proof"] = options;
        let text = doc.to_string();
        let all = crate::Algorithm::ALL;
        let limits = crate::Limits::default();
        let check = |text: &str, allowed: &[crate::Algorithm]| {
            verify_jws2020(
                "proof",
                text,
                0,
                &dids,
                allowed,
                chrono::DateTime::UNIX_EPOCH,
                &limits,
                Some(&rdfc),
            )
            .err()
            .map_or("ok", |e| e.code())
        };
        assert_eq!(check(&text, &all), "ok");
        assert_eq!(
            check(&text.replace("The School of Examples", "The School of Forgeries"), &all),
            "signature.invalid"
        );
        assert_eq!(check(&text, &[crate::Algorithm::ES256]), "jws.alg_not_allowed");
        assert_eq!(check(&text.replace(vm, "did:example:other#key-1"), &all), "key.not_found");
    }

    #[cfg(feature = "ld")]
    #[test]
    fn eddsa_jcs_2022_vector_and_its_intermediate_hashes() {
        let policy = crate::Policy::at(chrono::DateTime::UNIX_EPOCH);
        let budget = crate::budget::Budget::new(policy.limits().max_work);
        let rdfc =
            crate::ld::canonicalizer(policy.ld_contexts(), *policy.limits(), &budget).unwrap();
        let rdfc: Option<&dyn Canonicalize> = Some(&rdfc);
        let doc = include_str!("../../test-vectors/ld/vc-di-eddsa/eddsa-jcs-2022-signed.json");
        let v =
            verify_eddsa("proof", doc, 0, EddsaSuite::Jcs2022, &DidDocuments::new(), rdfc).unwrap();
        assert!(!v.document.statements().is_empty() && !v.options.statements().is_empty());
        assert!(v.verification_method.starts_with("did:key:z6Mkr"));
        // Tampering any signed member breaks it.
        let tampered = doc.replace("The School of Examples", "The School of Forgeries");
        let e =
            verify_eddsa("proof", &tampered, 0, EddsaSuite::Jcs2022, &DidDocuments::new(), rdfc)
                .unwrap_err();
        assert_eq!(e.code(), "proof.invalid");
    }
}
